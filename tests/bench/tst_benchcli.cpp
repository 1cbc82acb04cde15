// SPDX-License-Identifier: GPL-3.0-or-later
// `drydock bench` and `drydock report` refusing bad input before any scan,
// running the built binary against an unreachable engine.
#include "bench/runstore.h"

#include "samplerun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock::bench;

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestBenchCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // A data folder of its own and an engine that is not there: every case
    // here must be decided before the engine is asked anything.
    Result drydock(const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DRYDOCK_DATA_DIR"), m_dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("DOCKER_HOST"),
                   QStringLiteral("unix://") + m_dir.filePath(QStringLiteral("no-engine.sock")));
        env.remove(QStringLiteral("DOCKER_CONTEXT"));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(DRYDOCK_BINARY), args);
        Result result;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    QString runsFolder() const { return m_dir.filePath(QStringLiteral("data/runs")); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void emptySelection_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        // Rule: a selection that leaves no check is an error naming the
        // options, not a run of 0 checks that exits 0.
        QTest::newRow("checks all excluded")
            << QStringList{QStringLiteral("--checks"), QStringLiteral("5.10"),
                           QStringLiteral("--exclude"), QStringLiteral("5.10")}
            << QStringLiteral("the selection is empty: --exclude 5.10 leaves none of the checks "
                              "--checks 5.10 selects.");
        QTest::newRow("every section excluded")
            << QStringList{QStringLiteral("--exclude"), QStringLiteral("1,2,3,4,5,6,7")}
            << QStringLiteral("the selection is empty: --exclude 1,2,3,4,5,6,7 leaves no check.");
        // Rule: an explicitly empty --checks is not "every check".
        QTest::newRow("empty checks value")
            << QStringList{QStringLiteral("--checks"), QString()}
            << QStringLiteral("the selection is empty: --checks was given no check id.");
        QTest::newRow("checks value of commas")
            << QStringList{QStringLiteral("--checks"), QStringLiteral(" , ")}
            << QStringLiteral("the selection is empty: --checks was given no check id.");
    }

    void emptySelection()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result result = drydock(QStringList{QStringLiteral("bench")} + args);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }

    void missingOutputFolder_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("missing"); // the folder the message names
        // Rule: bench, like report -o, refuses a folder that is not there
        // and creates none.
        QTest::newRow("-o in a missing folder")
            << QStringLiteral("-o") << QStringLiteral("nowhere/deeper/out.txt")
            << QStringLiteral("nowhere/deeper");
        QTest::newRow("--output-dir missing")
            << QStringLiteral("--output-dir") << QStringLiteral("zz") << QStringLiteral("zz");
    }

    void missingOutputFolder()
    {
        QFETCH(QString, option);
        QFETCH(QString, path);
        QFETCH(QString, missing);
        const QString target = m_dir.filePath(path);
        const QString folder = m_dir.filePath(missing);
        const Result result = drydock({QStringLiteral("bench"), QStringLiteral("--checks"),
                                       QStringLiteral("5.10"), option, target});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("The folder %1 does not exist.").arg(folder)),
                 qPrintable(result.err));
        QVERIFY(!QFileInfo::exists(folder));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(path.section(QLatin1Char('/'), 0, 0))));
    }

    void damagedRunIsNamed()
    {
        // Rule: a damaged saved run is never skipped silently: "latest"
        // warns naming the file and the parse error, and report --compare
        // counts readable runs and mentions the unreadable one.
        QVERIFY(QDir().mkpath(runsFolder()));
        const RunStore store(runsFolder());
        Run good = testing::sampleRun();
        QVERIFY(store.save(good).ok());
        Run newer = testing::sampleRun();
        newer.startedAt = good.startedAt.addSecs(3600);
        newer.id = newRunId(newer.startedAt);
        QVERIFY(store.save(newer).ok());
        const QString damaged = store.pathFor(newer.id);
        QFile file(damaged);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.resize(file.size() / 2));
        file.close();

        const Result bench =
            drydock({QStringLiteral("bench"), QStringLiteral("--checks"), QStringLiteral("5.10"),
                     QStringLiteral("--compare"), QStringLiteral("latest")});
        QVERIFY2(bench.err.contains(damaged + QStringLiteral(" is not valid JSON")),
                 qPrintable(bench.err));
        QVERIFY2(bench.err.contains(QLatin1String("cannot be read")), qPrintable(bench.err));

        const Result report =
            drydock({QStringLiteral("report"), QStringLiteral("--compare"), QStringLiteral("-o"),
                     m_dir.filePath(QStringLiteral("report.html"))});
        QCOMPARE(report.exitCode, 2);
        QVERIFY2(report.err.contains(QLatin1String("A comparison needs two readable saved runs")),
                 qPrintable(report.err));
        QVERIFY2(report.err.contains(QLatin1String("1 run file(s) that cannot be read")),
                 qPrintable(report.err));
        QVERIFY2(report.err.contains(damaged), qPrintable(report.err));
    }
};

QTEST_GUILESS_MAIN(TestBenchCli)
#include "tst_benchcli.moc"
