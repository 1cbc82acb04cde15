// SPDX-License-Identifier: GPL-3.0-or-later
// Atomic writes keep the old content when a write fails; bounded reads refuse big files.
#include "util/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace drydock;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System |
                               QDir::NoDotAndDotDot);
}

// Caps the size of any file this process writes, for one scope: writes past
// it fail with EFBIG instead of raising SIGXFSZ.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        ::getrlimit(RLIMIT_FSIZE, &m_old);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_old;
        limit.rlim_cur = bytes;
        m_ok = ::setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;
    bool ok() const { return m_ok; }

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
    bool m_ok = false;
};

} // namespace

class TestAtomicFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void init()
    {
        QDir(m_dir.path()).removeRecursively();
        QVERIFY(QDir().mkpath(m_dir.path()));
    }

    void writesNewFileAndCreatesParents()
    {
        const QString path = m_dir.filePath(QStringLiteral("runs/2026/12/run.json"));
        const QByteArray data("{\"a\":1}\n\0binary\xff", 17);
        const auto written = writeFileAtomically(path, data);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().text()));
        QCOMPARE(readAll(path), data);
        QCOMPARE(entries(m_dir.filePath(QStringLiteral("runs/2026/12"))),
                 QStringList{QStringLiteral("run.json")});
    }

    void replacesExistingFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("progress.json"));
        QVERIFY(writeFileAtomically(path, "old content").ok());
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(writeFileAtomically(path, "new").ok());
        QCOMPARE(readAll(path), QByteArray("new"));
        // No temporary file is left beside it.
        QCOMPARE(entries(m_dir.path()), QStringList{QStringLiteral("progress.json")});
        // The replaced file keeps its owner-only permissions.
        QCOMPARE(QFile::permissions(path) & ~(QFile::ReadUser | QFile::WriteUser),
                 QFile::ReadOwner | QFile::WriteOwner);
    }

    void refusesToWriteThroughALink()
    {
        // A link planted in the data folder, to a file elsewhere (or to
        // nothing yet): neither the target is written nor one created.
        const QString outside = m_dir.filePath(QStringLiteral("outside.json"));
        QVERIFY(writeFileAtomically(outside, "theirs").ok());
        const QString folder = m_dir.filePath(QStringLiteral("progress"));
        QVERIFY(QDir().mkpath(folder));
        const QString link = folder + QStringLiteral("/lab.json");
        QVERIFY(QFile::link(outside, link));
        const auto written = writeFileAtomically(link, "ours");
        QVERIFY(!written.ok());
        QVERIFY2(written.error().message.contains(QStringLiteral("symbolic link")),
                 qPrintable(written.error().text()));
        QCOMPARE(readAll(outside), QByteArray("theirs"));
        const QString dangling = folder + QStringLiteral("/new.json");
        const QString nowhere = m_dir.filePath(QStringLiteral("created-elsewhere.json"));
        QVERIFY(QFile::link(nowhere, dangling));
        QVERIFY(!writeFileAtomically(dangling, "ours").ok());
        QVERIFY(!QFile::exists(nowhere));
    }

    void emptyContent()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty"));
        QVERIFY(writeFileAtomically(path, QByteArray()).ok());
        QVERIFY(QFile::exists(path));
        QCOMPARE(QFileInfo(path).size(), 0);
    }

    void failedWriteKeepsOldContent()
    {
        const QString path = m_dir.filePath(QStringLiteral("trust.json"));
        QVERIFY(writeFileAtomically(path, "the trusted state").ok());
        {
            // The disk "fills up" after 64 KiB: the 1 MiB write fails half-way.
            FileSizeLimit limit(64 * 1024);
            QVERIFY(limit.ok());
            const auto written = writeFileAtomically(path, QByteArray(1024 * 1024, 'x'));
            QVERIFY(!written.ok());
            QCOMPARE(written.error().kind, ErrorKind::Io);
            QVERIFY2(written.error().message.contains(path), qPrintable(written.error().text()));
        }
        QCOMPARE(readAll(path), QByteArray("the trusted state"));
        QCOMPARE(entries(m_dir.path()), QStringList{QStringLiteral("trust.json")});
    }

    void parentIsAFile()
    {
        // The parent folder cannot be made: the error names it, nothing is written.
        const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
        QVERIFY(writeFileAtomically(blocker, "file").ok());
        const auto written = writeFileAtomically(blocker + QStringLiteral("/sub/x.json"), "data");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind, ErrorKind::Io);
        QVERIFY2(written.error().message.contains(blocker), qPrintable(written.error().text()));
        QCOMPARE(readAll(blocker), QByteArray("file"));
    }

    void targetIsAFolder()
    {
        const QString folder = m_dir.filePath(QStringLiteral("folder"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/inside")));
        const auto written = writeFileAtomically(folder, "data");
        QVERIFY(!written.ok());
        QVERIFY2(written.error().message.contains(folder), qPrintable(written.error().text()));
        QVERIFY(QFileInfo(folder).isDir());
        QCOMPARE(entries(folder), QStringList{QStringLiteral("inside")});
        QCOMPARE(entries(m_dir.path()), QStringList{QStringLiteral("folder")});
    }

    void readLimits_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("limit");
        QTest::addColumn<bool>("ok");
        // Rule: up to the limit is read whole.
        QTest::newRow("under the limit") << 10 << 100 << true;
        QTest::newRow("exactly the limit") << 100 << 100 << true;
        // Rule: one byte more is refused.
        QTest::newRow("one byte over") << 101 << 100 << false;
        QTest::newRow("empty file") << 0 << 0 << true;
    }

    void readLimits()
    {
        QFETCH(int, size);
        QFETCH(int, limit);
        QFETCH(bool, ok);
        const QString path = m_dir.filePath(QStringLiteral("data.bin"));
        QVERIFY(writeFileAtomically(path, QByteArray(size, 'z')).ok());
        const auto read = readFileLimited(path, limit);
        QCOMPARE(read.ok(), ok);
        if (ok) {
            QCOMPARE(read->size(), size);
        } else {
            QCOMPARE(read.error().kind, ErrorKind::BadInput);
            QVERIFY2(read.error().message.contains(path), qPrintable(read.error().text()));
            QVERIFY2(read.error().message.contains(QString::number(limit)),
                     qPrintable(read.error().text()));
        }
    }

    void readLimitHoldsForFilesOfUnknownSize()
    {
        // /proc files report size 0; the limit must still hold.
        const auto whole = readFileLimited(QStringLiteral("/proc/self/status"), 1024 * 1024);
        QVERIFY(whole.ok());
        QVERIFY(whole->size() > 64);
        const auto limited = readFileLimited(QStringLiteral("/proc/self/status"), 64);
        QVERIFY(!limited.ok());
        QCOMPARE(limited.error().kind, ErrorKind::BadInput);
    }

    void readMissingAndFolder()
    {
        const QString missing = m_dir.filePath(QStringLiteral("nope.json"));
        const auto none = readFileLimited(missing);
        QVERIFY(!none.ok());
        QCOMPARE(none.error().kind, ErrorKind::BadInput);
        QVERIFY2(none.error().message.contains(missing), qPrintable(none.error().text()));
        // A folder is not a file, and says so rather than reading as empty.
        const auto folder = readFileLimited(m_dir.path());
        QVERIFY(!folder.ok());
        QVERIFY2(folder.error().message.contains(m_dir.path()), qPrintable(folder.error().text()));
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"
