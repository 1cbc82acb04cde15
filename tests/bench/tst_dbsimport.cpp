// SPDX-License-Identifier: GPL-3.0-or-later
// Importing docker-bench-security JSON logs in both shapes.
#include "bench/catalogue.h"
#include "bench/dbsimport.h"
#include "bench/exporters.h"

#include <QTest>

using namespace drydock;
using namespace drydock::bench;

namespace {

const Catalogue &catalogue()
{
    return *builtinCatalogue();
}

QString fixture(const char *name)
{
    return QStringLiteral(DRYDOCK_TEST_DATA "/") + QLatin1String(name);
}

} // namespace

class TestDbsImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sectionedLog();
    void flatLog();
    void exportedLogReadsBack();
    void badLogs_data();
    void badLogs();
};

void TestDbsImport::sectionedLog()
{
    const auto run = importDbsLogFile(fixture("dbs-sectioned.json"), catalogue());
    QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().text()));
    QCOMPARE(run->producer, QStringLiteral("docker-bench-security 1.6.0"));
    QCOMPARE(run->startedAt.toSecsSinceEpoch(), 1796396805);
    QCOMPARE(run->finishedAt.toSecsSinceEpoch(), 1796396833);
    QCOMPARE(run->findings.size(), 7);
    QCOMPARE(run->selection.size(), 7);
    QVERIFY(isValidRunId(run->id));
    QVERIFY2(run->id.contains(QLatin1String("-dbs-")), qPrintable(run->id));
    QCOMPARE(run->catalogueVersion, catalogue().label());

    // Verdicts map one to one.
    QCOMPARE(run->finding(QStringLiteral("1.1.1"))->verdict, Verdict::Warn);
    QCOMPARE(run->finding(QStringLiteral("1.1.2"))->verdict, Verdict::Info);
    QCOMPARE(run->finding(QStringLiteral("2.3"))->verdict, Verdict::Pass);
    QCOMPARE(run->finding(QStringLiteral("5.23"))->verdict, Verdict::Note);

    // Items become evidence, one each, with the kind their section names.
    const Finding *hostNetwork = run->finding(QStringLiteral("5.10"));
    QVERIFY(hostNetwork);
    QCOMPARE(hostNetwork->summary,
             QStringLiteral("Container running with networking mode 'host': web cache"));
    QCOMPARE(hostNetwork->evidence.size(), 2);
    QCOMPARE(hostNetwork->evidence[0].kind, QStringLiteral("container"));
    QCOMPARE(hostNetwork->evidence[0].item, QStringLiteral("web"));
    QCOMPARE(hostNetwork->evidence[1].item, QStringLiteral("cache"));
    // An item with commas stays whole.
    QCOMPARE(run->finding(QStringLiteral("1.1.2"))->evidence[0].item,
             QStringLiteral("doc:x:999:alice,bob"));

    // The log's own score is the reference; the counts follow the catalogue.
    QCOMPARE(run->score.reference, -1);
    QCOMPARE(run->score.scoredPassed, 2);     // 2.3, 5.12
    QCOMPARE(run->score.scoredApplicable, 5); // and 1.1.1, 2.2, 5.10 warn
}

void TestDbsImport::flatLog()
{
    const auto run = importDbsLogFile(fixture("dbs-flat.json"), catalogue());
    QVERIFY2(run.ok(), qPrintable(run.ok() ? QString() : run.error().text()));
    QCOMPARE(run->producer, QStringLiteral("docker-bench-security 1.5.0"));
    QCOMPARE(run->findings.size(), 2);
    QCOMPARE(run->findings[0].checkId, QStringLiteral("5.4"));
    QCOMPARE(run->findings[0].verdict, Verdict::Warn);
    QCOMPARE(run->findings[0].evidence.size(), 1);
    QCOMPARE(run->findings[0].evidence[0].item, QStringLiteral("netlab"));
    QCOMPARE(run->findings[1].verdict, Verdict::Pass);
    QCOMPARE(run->score.reference, 0);
}

void TestDbsImport::exportedLogReadsBack()
{
    // What Drydock writes as dbs-json, the importer reads back unchanged.
    const auto imported = importDbsLogFile(fixture("dbs-sectioned.json"), catalogue());
    QVERIFY(imported.ok());
    const QByteArray written = exportDbsJson(*imported, catalogue(), {});
    const auto again = importDbsLog(written, QStringLiteral("written.json"), catalogue());
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().text()));
    QCOMPARE(again->findings.size(), imported->findings.size());
    for (int i = 0; i < imported->findings.size(); ++i) {
        QCOMPARE(again->findings[i].checkId, imported->findings[i].checkId);
        QCOMPARE(again->findings[i].verdict, imported->findings[i].verdict);
        QCOMPARE(again->findings[i].evidence, imported->findings[i].evidence);
    }
    QCOMPARE(again->score.reference, imported->score.reference);
}

void TestDbsImport::badLogs_data()
{
    QTest::addColumn<QByteArray>("log");
    QTest::addColumn<QString>("mentions");
    // Not JSON at all.
    QTest::newRow("not json") << QByteArray("[INFO] 1 - Host Configuration")
                              << "log.json is not valid JSON";
    // The text log or another document: no "tests".
    QTest::newRow("no tests") << QByteArray(R"({"start": 1})") << "log.json: $.tests must be";
    QTest::newRow("no start") << QByteArray(R"({"tests": []})") << "$.start must be";
    // A verdict the script never writes.
    QTest::newRow("unknown result")
        << QByteArray(R"({"start": 1, "tests": [{"id": "5.1", "result": "FAIL"}]})")
        << "$.tests[0].result is \"FAIL\", not PASS, WARN, INFO or NOTE";
    QTest::newRow("result missing in section")
        << QByteArray(R"({"start": 1, "tests": [{"id": "5", "results": [{"id": "5.1"}]}]})")
        << "$.tests[0].results[0].result must be";
    QTest::newRow("items not a list")
        << QByteArray(R"({"start": 1, "tests": [{"id": "5.1", "result": "WARN", "items": "a b"}]})")
        << "$.tests[0].items must be an array";
    QTest::newRow("repeated check")
        << QByteArray(R"({"start": 1, "tests": [{"id": "5.1", "result": "WARN"},
                                                {"id": "5.1", "result": "PASS"}]})")
        << "$.tests[1].id repeats check \"5.1\"";
    QTest::newRow("score as text")
        << QByteArray(R"({"start": 1, "score": "-3", "tests": []})") << "$.score must be";
    // Rule: more items than any host's log holds is refused before they are
    // read (each costs memory), counted across the sections' results.
    QByteArray many = R"({"start": 1, "tests": [{"id": "5", "results": [{"id": "5.1", )"
                      R"("result": "WARN", "items": [)";
    for (int i = 0; i < 200001; ++i) {
        many += i == 0 ? "\"c\"" : ",\"c\"";
    }
    many += "]}]}]}";
    QTest::newRow("too many items") << many << "log.json lists 200001 items";
}

void TestDbsImport::badLogs()
{
    QFETCH(QByteArray, log);
    QFETCH(QString, mentions);
    const auto run = importDbsLog(log, QStringLiteral("log.json"), catalogue());
    QVERIFY(!run.ok());
    QCOMPARE(run.error().kind, ErrorKind::BadInput);
    QVERIFY2(run.error().message.contains(mentions), qPrintable(run.error().message));
}

QTEST_GUILESS_MAIN(TestDbsImport)
#include "tst_dbsimport.moc"
