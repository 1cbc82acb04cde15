// SPDX-License-Identifier: GPL-3.0-or-later
// Saved runs: round trip, atomic replacement, strict reading with errors
// that name the file and the field, listing newest first.
#include "bench/runjson.h"
#include "bench/runstore.h"
#include "samplerun.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <csignal>
#include <sys/resource.h>

using namespace drydock;
using namespace drydock::bench;
using namespace drydock::bench::testing;
using json = nlohmann::json;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Lowers the file size limit for as long as it lives: writes past it fail
// with EFBIG, even for root, which a read-only folder would not stop.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_ok = getrlimit(RLIMIT_FSIZE, &m_saved) == 0;
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lowered = m_saved;
        lowered.rlim_cur = bytes;
        m_ok = m_ok && setrlimit(RLIMIT_FSIZE, &lowered) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;
    bool ok() const { return m_ok; }

private:
    rlimit m_saved{};
    void (*m_oldHandler)(int) = nullptr;
    bool m_ok = false;
};

} // namespace

class TestRunStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultFolderIsInTheDataFolder();
    void roundTrip();
    void runIds();
    void listsNewestFirst();
    void failedWriteLeavesTheOldFileIntact();
    void folderThatIsAFile();
    void corruptJsonIsAClearError();
    void strictReading_data();
    void strictReading();
    void loadByIdOrPath();
    void damagedNewestRunIsReported();
    void hostCheckedAndContainersRoundTrip();
};

void TestRunStore::defaultFolderIsInTheDataFolder()
{
    // Runs go to the data folder, which DRYDOCK_DATA_DIR moves.
    QTemporaryDir dir;
    const QByteArray saved = qgetenv("DRYDOCK_DATA_DIR");
    qputenv("DRYDOCK_DATA_DIR", QFile::encodeName(dir.path()));
    const QString folder = RunStore().folder();
    qputenv("DRYDOCK_DATA_DIR", saved);
    QCOMPARE(folder, QDir(dir.path()).filePath(QStringLiteral("runs")));
}

void TestRunStore::roundTrip()
{
    QTemporaryDir dir;
    const RunStore store(dir.path());
    Run run = sampleRun();
    run.partial = true;
    run.partialReason = QStringLiteral("the engine stopped answering");
    run.engine.rootless = true;
    const auto saved = store.save(run);
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().text()));
    QCOMPARE(*saved, dir.filePath(run.id + QStringLiteral(".json")));

    const auto loaded = store.load(run.id);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().text()));
    QCOMPARE(loaded->id, run.id);
    QCOMPARE(loaded->startedAt, run.startedAt);
    QCOMPARE(loaded->finishedAt, run.finishedAt);
    QCOMPARE(loaded->catalogueVersion, run.catalogueVersion);
    QCOMPARE(loaded->producer, run.producer);
    QCOMPARE(loaded->engine.endpoint, run.engine.endpoint);
    QCOMPARE(loaded->engine.serverVersion, run.engine.serverVersion);
    QCOMPARE(loaded->engine.rootless, true);
    QCOMPARE(loaded->engine.local, true);
    QCOMPARE(loaded->selection, run.selection);
    QCOMPARE(loaded->partial, true);
    QCOMPARE(loaded->partialReason, run.partialReason);
    QCOMPARE(loaded->score.reference, run.score.reference);
    QCOMPARE(loaded->score.scoredApplicable, run.score.scoredApplicable);
    QCOMPARE(loaded->findings.size(), run.findings.size());
    for (int i = 0; i < run.findings.size(); ++i) {
        QCOMPARE(loaded->findings[i].checkId, run.findings[i].checkId);
        QCOMPARE(loaded->findings[i].verdict, run.findings[i].verdict);
        QCOMPARE(loaded->findings[i].summary, run.findings[i].summary);
        QCOMPARE(loaded->findings[i].reason, run.findings[i].reason);
        QCOMPARE(loaded->findings[i].evidence, run.findings[i].evidence);
    }
    // Saving the same document again gives the same bytes.
    QCOMPARE(runToJson(*loaded), readFile(*saved));
}

void TestRunStore::runIds()
{
    const QDateTime at(QDate(2026, 12, 4), QTime(15, 30, 11), QTimeZone::utc());
    const QString id = newRunId(at);
    QVERIFY2(id.startsWith(QLatin1String("20261204T153011Z-")), qPrintable(id));
    QCOMPARE(id.size(), 23);
    QVERIFY(isValidRunId(id));
    QVERIFY(newRunId(at) != id || newRunId(at) != id); // random suffix
    // Ids become file names: nothing that leaves the folder or hides.
    QVERIFY(!isValidRunId(QStringLiteral("../etc/passwd")));
    QVERIFY(!isValidRunId(QStringLiteral("a/b")));
    QVERIFY(!isValidRunId(QStringLiteral(".hidden")));
    QVERIFY(!isValidRunId(QString()));
    QVERIFY(!isValidRunId(QString(101, QLatin1Char('a'))));
    QTemporaryDir dir;
    Run run = sampleRun();
    run.id = QStringLiteral("../escape");
    QVERIFY(!RunStore(dir.path()).save(run).ok());
}

void TestRunStore::listsNewestFirst()
{
    QTemporaryDir dir;
    const RunStore store(dir.path());
    QVERIFY(!store.latest().ok());
    QVERIFY(store.latest().error().message.contains(QLatin1String("no saved run")));
    Run run = sampleRun();
    const QDateTime base = run.startedAt;
    const int offsets[] = {0, 3600, -3600};
    for (const int offset : offsets) {
        run.startedAt = base.addSecs(offset);
        run.id = newRunId(run.startedAt);
        QVERIFY(store.save(run).ok());
    }
    // A damaged file is skipped and reported, not fatal to the list.
    QVERIFY(writeFile(dir.filePath(QStringLiteral("broken.json")), "{\"schema\":"));
    const QRegularExpression skipped(QStringLiteral("cannot be read: .*broken\\.json"));
    QTest::ignoreMessage(QtWarningMsg, skipped);
    QTest::ignoreMessage(QtWarningMsg, skipped); // by latest() below
    QStringList problems;
    const QList<SavedRunInfo> runs = store.list(&problems);
    QCOMPARE(runs.size(), 3);
    QCOMPARE(runs[0].startedAt, base.addSecs(3600));
    QCOMPARE(runs[1].startedAt, base);
    QCOMPARE(runs[2].startedAt, base.addSecs(-3600));
    QCOMPARE(runs[0].score.reference, -3);
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems[0].contains(QLatin1String("broken.json")));
    const auto latest = store.latest();
    QVERIFY(latest.ok());
    QCOMPARE(latest->id, runs[0].id);
}

void TestRunStore::failedWriteLeavesTheOldFileIntact()
{
    QTemporaryDir dir;
    const RunStore store(dir.path());
    Run run = sampleRun();
    QVERIFY(store.save(run).ok());
    const QString path = store.pathFor(run.id);
    const QByteArray before = readFile(path);
    QVERIFY(before.size() > 1000);

    // The new document is far larger than the limit: its write fails.
    Finding big = finding(QStringLiteral("6.1"), Verdict::Info, QString(200000, QLatin1Char('x')));
    run.findings.append(big);
    Result<QString> saved = QString();
    {
        FileSizeLimit limit(64 * 1024);
        QVERIFY(limit.ok());
        saved = store.save(run);
    }
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().kind, ErrorKind::Io);
    QVERIFY2(saved.error().message.contains(path), qPrintable(saved.error().message));
    // The file is exactly what it was, and no temporary file is left over.
    QCOMPARE(readFile(path), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    QVERIFY(store.load(run.id).ok());
}

void TestRunStore::folderThatIsAFile()
{
    QTemporaryDir dir;
    const QString notAFolder = dir.filePath(QStringLiteral("file"));
    QVERIFY(writeFile(notAFolder, "x"));
    const RunStore store(notAFolder + QStringLiteral("/runs"));
    const auto saved = store.save(sampleRun());
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().kind, ErrorKind::Io);
    QVERIFY2(saved.error().message.contains(notAFolder), qPrintable(saved.error().message));
    QCOMPARE(readFile(notAFolder), QByteArray("x"));
}

void TestRunStore::corruptJsonIsAClearError()
{
    QTemporaryDir dir;
    const RunStore store(dir.path());
    const Run run = sampleRun();
    QVERIFY(store.save(run).ok());
    const QString path = store.pathFor(run.id);
    const QByteArray whole = readFile(path);
    // A file cut short, as a crash of a non-atomic writer would leave it.
    QVERIFY(writeFile(path, whole.left(whole.size() / 2)));
    const auto loaded = store.load(run.id);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().kind, ErrorKind::BadInput);
    QVERIFY2(loaded.error().message.startsWith(path + QLatin1String(" is not valid JSON")),
             qPrintable(loaded.error().message));
}

void TestRunStore::strictReading_data()
{
    QTest::addColumn<QString>("pointer");  // JSON pointer of the value to change
    QTest::addColumn<QString>("newValue"); // JSON text, or "remove"
    QTest::addColumn<QString>("mentions"); // text the error must contain

    // A later schema version is refused rather than half-read.
    QTest::newRow("future version") << "/schemaVersion"
                                    << "2"
                                    << "$.schemaVersion is 2, written by a newer Drydock";
    QTest::newRow("not a run") << "/schema"
                               << "\"something.else\""
                               << "$.schema is \"something.else\"";
    QTest::newRow("no schema") << "/schema"
                               << "remove"
                               << "$.schema is missing";
    QTest::newRow("version as text") << "/schemaVersion"
                                     << "\"1\""
                                     << "$.schemaVersion must be a whole number";
    // The id becomes a file name.
    QTest::newRow("id with a slash") << "/id"
                                     << "\"a/b\""
                                     << "$.id \"a/b\" is not a valid run id";
    QTest::newRow("bad time") << "/startedAt"
                              << "\"yesterday\""
                              << "$.startedAt is not an ISO 8601 time";
    QTest::newRow("engine not object") << "/engine"
                                       << "[]"
                                       << "$.engine must be an object";
    QTest::newRow("engine flag") << "/engine/local"
                                 << "\"yes\""
                                 << "$.engine.local must be true or false";
    QTest::newRow("unknown verdict") << "/findings/2/verdict"
                                     << "\"fail\""
                                     << "$.findings[2].verdict \"fail\" is not a verdict";
    QTest::newRow("missing check id") << "/findings/0/checkId"
                                      << "remove"
                                      << "$.findings[0].checkId is missing";
    QTest::newRow("evidence not list") << "/findings/2/evidence"
                                       << "{}"
                                       << "$.findings[2].evidence must be an array";
    QTest::newRow("evidence field type") << "/findings/2/evidence/0/observed"
                                         << "1"
                                         << "$.findings[2].evidence[0].observed must be a string";
    QTest::newRow("duplicate check") << "/findings/1/checkId"
                                     << "\"1.1.1\""
                                     << "$.findings[1].checkId repeats check \"1.1.1\"";
    QTest::newRow("score counts") << "/score/scoredPassed"
                                  << "9"
                                  << "$.score counts are inconsistent";
    QTest::newRow("findings missing") << "/findings"
                                      << "remove"
                                      << "$.findings must be an array";
}

void TestRunStore::strictReading()
{
    QFETCH(QString, pointer);
    QFETCH(QString, newValue);
    QFETCH(QString, mentions);
    const QByteArray good = runToJson(sampleRun());
    json doc = json::parse(good.constData(), good.constData() + good.size());
    const json::json_pointer where(pointer.toStdString());
    if (newValue == QLatin1String("remove")) {
        doc[where.parent_pointer()].erase(where.back());
    } else {
        doc[where] = json::parse(newValue.toStdString());
    }
    const auto loaded =
        runFromJson(QByteArray::fromStdString(doc.dump()), QStringLiteral("/runs/x.json"));
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().kind, ErrorKind::BadInput);
    QVERIFY2(loaded.error().message.startsWith(QLatin1String("/runs/x.json: ")),
             qPrintable(loaded.error().message));
    QVERIFY2(loaded.error().message.contains(mentions), qPrintable(loaded.error().message));
}

void TestRunStore::loadByIdOrPath()
{
    QTemporaryDir dir;
    const RunStore store(dir.path());
    const Run run = sampleRun();
    QVERIFY(store.save(run).ok());
    // By path, also outside the store's folder.
    QTemporaryDir other;
    const QString copy = other.filePath(QStringLiteral("copy.json"));
    QVERIFY(QFile::copy(store.pathFor(run.id), copy));
    QVERIFY(store.load(copy).ok());
    const auto missing = store.load(QStringLiteral("20990101T000000Z-ffffff"));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.contains(QLatin1String("No saved run")));
    const auto missingFile = store.load(other.filePath(QStringLiteral("nope.json")));
    QVERIFY(!missingFile.ok());
    QVERIFY(missingFile.error().message.contains(QLatin1String("nope.json")));
}

void TestRunStore::damagedNewestRunIsReported()
{
    // Rule: when the newest run file is damaged, "latest" is the older run,
    // but never silently: a warning names the file and the parse error.
    QTemporaryDir dir;
    const RunStore store(dir.path());
    Run older = sampleRun();
    QVERIFY(store.save(older).ok());
    Run newer = sampleRun();
    newer.startedAt = older.startedAt.addSecs(3600);
    newer.id = newRunId(newer.startedAt);
    QVERIFY(store.save(newer).ok());
    const QString path = store.pathFor(newer.id);
    const QByteArray whole = readFile(path);
    QVERIFY(writeFile(path, whole.left(whole.size() / 3)));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QRegularExpression::escape(path) +
                                            QStringLiteral(" is not valid JSON: .*parse")));
    const auto latest = store.latest();
    QVERIFY(latest.ok());
    QCOMPARE(latest->id, older.id);

    // Nothing readable: the error says the files were there but damaged.
    QVERIFY(QFile::remove(store.pathFor(older.id)));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot be read")));
    const auto none = store.latest();
    QVERIFY(!none.ok());
    QVERIFY2(none.error().message.contains(QLatin1String("no readable saved run")),
             qPrintable(none.error().message));
    QVERIFY2(none.error().message.contains(path), qPrintable(none.error().message));
}

void TestRunStore::hostCheckedAndContainersRoundTrip()
{
    QTemporaryDir dir;
    const RunStore store(dir.path());
    Run run = sampleRun();
    run.engine.local = false;
    run.engine.hostChecked = false;
    run.containerPattern = QStringLiteral("^web");
    run.containerLabels = {QStringLiteral("drydock.lab=hardening")};
    QVERIFY(store.save(run).ok());
    const auto loaded = store.load(run.id);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->engine.hostChecked, false);
    QCOMPARE(loaded->containerPattern, run.containerPattern);
    QCOMPARE(loaded->containerLabels, run.containerLabels);

    // A run saved before these fields: host checked, all containers.
    nlohmann::json doc = nlohmann::json::parse(readFile(store.pathFor(run.id)).toStdString());
    doc["engine"].erase("hostChecked");
    doc.erase("containers");
    const QByteArray old = QByteArray::fromStdString(doc.dump(2));
    QVERIFY(writeFile(store.pathFor(run.id), old));
    const auto older = store.load(run.id);
    QVERIFY2(older.ok(), older.ok() ? "" : qPrintable(older.error().message));
    QCOMPARE(older->engine.hostChecked, true);
    QVERIFY(older->containerPattern.isEmpty());
    QVERIFY(older->containerLabels.isEmpty());
}

QTEST_GUILESS_MAIN(TestRunStore)
#include "tst_runstore.moc"
