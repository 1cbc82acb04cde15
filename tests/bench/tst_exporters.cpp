// SPDX-License-Identifier: GPL-3.0-or-later
// The export formats: text lines, Drydock's json, the dbs-json log shape,
// SARIF validated against the 2.1.0 schema, JUnit counts, CSV quoting.
#include "bench/catalogue.h"
#include "bench/compare.h"
#include "bench/exporters.h"
#include "bench/runjson.h"
#include "samplerun.h"
#include "util/process.h"

#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <nlohmann/json.hpp>

#include <set>

using namespace drydock;
using namespace drydock::bench;
using namespace drydock::bench::testing;
using json = nlohmann::json;

namespace {

const Catalogue &catalogue()
{
    return *builtinCatalogue();
}

json parse(const QByteArray &data)
{
    return json::parse(data.constData(), data.constData() + data.size());
}

QString str(const json &value)
{
    return QString::fromStdString(value.get<std::string>());
}

// Minimal RFC 4180 reader: records of fields, quotes doubled inside quotes.
QList<QStringList> readCsv(const QString &text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record.append(field);
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() &&
                   text.at(i + 1) == QLatin1Char('\n')) {
            record.append(field);
            records.append(record);
            record.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return records;
}

// Runs validate_sarif.py over `sarif`; returns its stderr, empty when valid.
QString sarifSchemaProblems(const QByteArray &sarif)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.sarif"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(sarif) != sarif.size()) {
        return QStringLiteral("cannot write %1").arg(path);
    }
    file.close();
    ProcessSpec spec;
    spec.program = QStringLiteral("python3");
    spec.arguments = {QStringLiteral(DRYDOCK_SOURCE_DIR "/tests/bench/validate_sarif.py"),
                      QStringLiteral(DRYDOCK_TEST_DATA "/sarif-schema-2.1.0.json"), path};
    const auto result = runProcess(spec);
    if (!result) {
        return QStringLiteral("python3 did not run: ") + result.error().text();
    }
    if (result->exitCode != 0) {
        return QString::fromUtf8(result->err) + QStringLiteral(" (exit %1)").arg(result->exitCode);
    }
    return {};
}

Run earlierRun()
{
    Run before = sampleRun();
    before.id = QStringLiteral("20261201T090000Z-000001");
    before.findings[0] = finding(QStringLiteral("1.1.1"), Verdict::Warn, QStringLiteral("shared"));
    // 5.10 warned for "web" and "old" before; "db..." is new now.
    before.findings[5].evidence = {
        container(QStringLiteral("web"), QStringLiteral("host"), {}),
        container(QStringLiteral("old"), QStringLiteral("host"), {}),
    };
    return before;
}

} // namespace

class TestExporters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatNames();
    void textOneLinePerCheck();
    void textColourAndRemediationOnRequest();
    void jsonRoundTrips();
    void dbsJsonShape();
    void dbsJsonMapsVerdictsWithoutAWord();
    void sarifValidAgainstSchema_data();
    void sarifValidAgainstSchema();
    void sarifRulesAndResults();
    void sarifBaselineState();
    void sarifFailingOnly();
    void junitCounts();
    void csvField_data();
    void csvField();
    void csvRowPerItem();
};

void TestExporters::formatNames()
{
    QCOMPARE(exportFormatNames(), QStringList({QStringLiteral("text"), QStringLiteral("json"),
                                               QStringLiteral("dbs-json"), QStringLiteral("sarif"),
                                               QStringLiteral("junit"), QStringLiteral("csv")}));
    for (const QString &name : exportFormatNames()) {
        QCOMPARE(exportFormatName(*exportFormatFromName(name)), name);
    }
    QVERIFY(!exportFormatFromName(QStringLiteral("xml")));
    QCOMPARE(exportFileSuffix(ExportFormat::Junit), QStringLiteral("junit.xml"));
}

void TestExporters::textOneLinePerCheck()
{
    const Run run = sampleRun();
    const QString text = QString::fromUtf8(exportText(run, catalogue(), {}));
    const QStringList lines = text.split(QLatin1Char('\n'));
    const QString title = catalogue().check(QStringLiteral("5.10"))->title;
    QVERIFY(lines.contains(QStringLiteral("[WARN] 5.10 - ") + title));
    QVERIFY(lines.contains(QStringLiteral("[N/A] 7.1 - ") +
                           catalogue().check(QStringLiteral("7.1"))->title));
    QVERIFY(lines.contains(QStringLiteral("[ERROR] 1.1.3 - ") +
                           catalogue().check(QStringLiteral("1.1.3"))->title));
    // One check line per finding.
    int checkLines = 0;
    for (const QString &line : lines) {
        checkLines += line.startsWith(QLatin1Char('[')) ? 1 : 0;
    }
    QCOMPARE(checkLines, run.findings.size());
    // Evidence is indented under its check, with observed and expected.
    const int at = int(lines.indexOf(QStringLiteral("[WARN] 5.10 - ") + title));
    QVERIFY(lines.at(at + 2).startsWith(QLatin1String("       * container web (3f2a1b2c3d4e, "
                                                      "image busybox:latest): observed host, "
                                                      "expected bridge or user network")));
    // The reason of a not-applicable check is shown.
    QVERIFY(text.contains(QLatin1String("       Not applicable: swarm mode is inactive")));
    // Without colour there is no escape at all, even the one in the evidence.
    QVERIFY(!text.contains(QChar(0x1b)));
    QVERIFY(text.contains(QStringLiteral("=cmd\uFFFD[2J")));
    QVERIFY(!text.contains(QLatin1String("Remediation:")));
    QVERIFY(text.contains(QLatin1String("Score: -3 (1 of 5 applicable scored checks passed, "
                                        "20.0%)")));
    // Section headings.
    QVERIFY(lines.contains(QStringLiteral("5 - Container Runtime Configuration")));
    QVERIFY(lines.contains(QStringLiteral("1.1 - Linux Hosts Specific Configuration")));
}

void TestExporters::textColourAndRemediationOnRequest()
{
    ExportOptions options;
    options.colour = true;
    options.remediation = true;
    const QString text = QString::fromUtf8(exportText(sampleRun(), catalogue(), options));
    QVERIFY(text.contains(QLatin1String("\x1b[31m[WARN]\x1b[0m 5.10 - ")));
    QVERIFY(text.contains(QLatin1String("\x1b[32m[PASS]\x1b[0m 1.1.1 - ")));
    QVERIFY(text.contains(QStringLiteral("       Remediation: ") +
                          catalogue().check(QStringLiteral("5.10"))->remediation));
    // Passing checks carry no remediation.
    QVERIFY(!text.contains(catalogue().check(QStringLiteral("1.1.1"))->remediation));
    // The container's escape sequence is still neutralised.
    QVERIFY(!text.contains(QLatin1String("\x1b[2J")));
}

void TestExporters::jsonRoundTrips()
{
    const Run run = sampleRun();
    const QByteArray data = exportJson(run, catalogue(), {});
    const json doc = parse(data);
    QCOMPARE(str(doc["schema"]), QStringLiteral("drydock.bench.run"));
    QCOMPARE(doc["schemaVersion"].get<int>(), 1);
    // The export reads without the catalogue: titles are in it.
    QCOMPARE(str(doc["findings"][5]["title"]), catalogue().check(QStringLiteral("5.10"))->title);
    QCOMPARE(doc["findings"][5]["scored"].get<bool>(), true);
    const auto back = runFromJson(data, QStringLiteral("export.json"));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().text()));
    QCOMPARE(back->findings.size(), run.findings.size());
    QCOMPARE(back->findings.at(5).evidence, run.findings.at(5).evidence);
    QCOMPARE(back->startedAt, run.startedAt);

    const Comparison comparison = compareRuns(earlierRun(), run);
    ExportOptions options;
    options.comparison = &comparison;
    const json compared = parse(exportJson(run, catalogue(), options));
    QCOMPARE(str(compared["comparison"]["before"]), QStringLiteral("20261201T090000Z-000001"));
    QCOMPARE(compared["comparison"]["checkCounts"]["fixed"].get<int>(), 1);
}

void TestExporters::dbsJsonShape()
{
    ExportOptions options;
    options.remediation = true;
    const QByteArray data = exportDbsJson(sampleRun(), catalogue(), options);
    const json doc = parse(data);
    // Exactly the keys of the reference log, in its order.
    std::vector<std::string> keys;
    const auto ordered =
        nlohmann::ordered_json::parse(data.constData(), data.constData() + data.size());
    for (const auto &item : ordered.items()) {
        keys.push_back(item.key());
    }
    QVERIFY((keys == std::vector<std::string>{"dockerbenchsecurity", "start", "tests", "checks",
                                              "score", "end"}));
    QCOMPARE(str(doc["dockerbenchsecurity"]), QStringLiteral("1.6.0"));
    QCOMPARE(doc["start"].get<qint64>(), sampleRun().startedAt.toSecsSinceEpoch());
    QCOMPARE(doc["checks"].get<int>(), 9);
    QCOMPARE(doc["score"].get<int>(), -3);
    QVERIFY(doc["end"].get<qint64>() >= doc["start"].get<qint64>());

    // Sectioned: one object per section, with the section's title.
    QCOMPARE(doc["tests"].size(), std::size_t(6));
    const std::set<std::string> allowed = {
        "id", "desc", "result", "details", "items", "remediation", "remediation-impact"};
    int results = 0;
    for (const json &test : doc["tests"]) {
        QVERIFY(test["id"].is_string());
        QVERIFY(test["desc"].is_string());
        for (const json &result : test["results"]) {
            ++results;
            for (const auto &item : result.items()) {
                QVERIFY2(allowed.count(item.key()) == 1, item.key().c_str());
            }
            const QString verdict = str(result["result"]);
            QVERIFY(verdict == QLatin1String("PASS") || verdict == QLatin1String("WARN") ||
                    verdict == QLatin1String("INFO") || verdict == QLatin1String("NOTE"));
            QVERIFY(str(result["desc"]).endsWith(QLatin1String("(Automated)")) ||
                    str(result["desc"]).endsWith(QLatin1String("(Manual)")));
            // The remediation pair only on results that did not pass.
            QCOMPARE(result.contains("remediation"), verdict != QLatin1String("PASS"));
        }
    }
    QCOMPARE(results, 9);
    // One item per object: names with spaces and commas stay whole.
    const json &runtime = doc["tests"][4];
    QCOMPARE(str(runtime["id"]), QStringLiteral("5"));
    const json &hostNetwork = runtime["results"][0];
    QCOMPARE(str(hostNetwork["id"]), QStringLiteral("5.10"));
    QCOMPARE(hostNetwork["items"].size(), std::size_t(2));
    QCOMPARE(str(hostNetwork["items"][1]), QStringLiteral("db, \"main\""));
    QCOMPARE(str(hostNetwork["details"]),
             QStringLiteral("2 containers share the host's network namespace"));
}

void TestExporters::dbsJsonMapsVerdictsWithoutAWord()
{
    const json doc = parse(exportDbsJson(sampleRun(), catalogue(), {}));
    // The reference has no "not applicable" or "error": both are INFO, with
    // the reason in details.
    const json &auditd = doc["tests"][0]["results"][1];
    QCOMPARE(str(auditd["id"]), QStringLiteral("1.1.3"));
    QCOMPARE(str(auditd["result"]), QStringLiteral("INFO"));
    QCOMPARE(str(auditd["details"]), QStringLiteral("Error: auditctl -l: permission denied"));
    const json &swarm = doc["tests"][5]["results"][0];
    QCOMPARE(str(swarm["result"]), QStringLiteral("INFO"));
    QCOMPARE(str(swarm["details"]), QStringLiteral("Not applicable: swarm mode is inactive"));
    // Without the remediation flag the pair is absent everywhere.
    QVERIFY(!doc["tests"][4]["results"][0].contains("remediation"));
}

void TestExporters::sarifValidAgainstSchema_data()
{
    QTest::addColumn<bool>("compare");
    QTest::addColumn<bool>("failingOnly");
    QTest::addColumn<bool>("partial");
    // Each variant of the output must stay valid SARIF 2.1.0.
    QTest::newRow("plain") << false << false << false;
    QTest::newRow("with baseline") << true << false << false;
    QTest::newRow("failing only") << false << true << false;
    QTest::newRow("failing only with baseline") << true << true << false;
    QTest::newRow("partial run") << false << false << true;
}

void TestExporters::sarifValidAgainstSchema()
{
    QFETCH(bool, compare);
    QFETCH(bool, failingOnly);
    QFETCH(bool, partial);
    Run run = sampleRun();
    run.partial = partial;
    run.partialReason = partial ? QStringLiteral("the engine stopped answering") : QString();
    const Comparison comparison = compareRuns(earlierRun(), run);
    ExportOptions options;
    options.comparison = compare ? &comparison : nullptr;
    options.failingOnly = failingOnly;
    const QString problems = sarifSchemaProblems(exportSarif(run, catalogue(), options));
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestExporters::sarifRulesAndResults()
{
    const json doc = parse(exportSarif(sampleRun(), catalogue(), {}));
    QCOMPARE(str(doc["version"]), QStringLiteral("2.1.0"));
    const json &sarifRun = doc["runs"][0];
    const json &rules = sarifRun["tool"]["driver"]["rules"];
    // One rule per check of the catalogue.
    QCOMPARE(rules.size(), std::size_t(117));
    const json &rule = rules[int(catalogue().indexOf(QStringLiteral("5.10")))];
    QCOMPARE(str(rule["id"]), QStringLiteral("CIS-DOCKER-5.10"));
    QCOMPARE(str(rule["help"]["text"]), catalogue().check(QStringLiteral("5.10"))->remediation);
    QVERIFY(str(rule["help"]["markdown"]).contains(QLatin1String("**Remediation.**")));
    QCOMPARE(str(rule["properties"]["cis-id"]), QStringLiteral("5.10"));
    QCOMPARE(str(rule["properties"]["section"]), QStringLiteral("5"));
    QCOMPARE(rule["properties"]["scored"].get<bool>(), true);
    QCOMPARE(str(rule["properties"]["security-severity"]), QStringLiteral("8.0"));
    QVERIFY(str(rule["helpUri"]).startsWith(QLatin1String("https://")));

    // Results: a warning per offending item, one result for the others.
    QMap<QString, int> kinds;
    for (const json &result : sarifRun["results"]) {
        const QString kind = str(result["kind"]);
        ++kinds[kind];
        // Only failing results carry a level other than "none".
        QCOMPARE(str(result["level"]) == QLatin1String("warning"), kind == QLatin1String("fail"));
        QVERIFY(!str(result["message"]["text"]).isEmpty());
        const int index = result["ruleIndex"].get<int>();
        QCOMPARE(str(rules[index]["id"]), str(result["ruleId"]));
        QVERIFY(!result.contains("baselineState"));
    }
    QCOMPARE(kinds.value(QStringLiteral("fail")), 5); // 2.2, 3.18, two of 5.10, 5.27
    QCOMPARE(kinds.value(QStringLiteral("pass")), 1);
    QCOMPARE(kinds.value(QStringLiteral("notApplicable")), 1);
    QCOMPARE(kinds.value(QStringLiteral("review")), 2); // 5.9 info, 1.1.3 error
    QCOMPARE(kinds.value(QStringLiteral("informational")), 1);

    // A container is a logical location; a file also a physical one.
    bool sawContainer = false;
    bool sawFile = false;
    for (const json &result : sarifRun["results"]) {
        if (!result.contains("locations")) {
            continue;
        }
        const json &location = result["locations"][0];
        const QString name = str(location["logicalLocations"][0]["fullyQualifiedName"]);
        sawContainer |= name == QLatin1String("container/web");
        if (name == QLatin1String("file//etc/docker/daemon.json")) {
            sawFile = true;
            QCOMPARE(str(location["physicalLocation"]["artifactLocation"]["uri"]),
                     QStringLiteral("file:///etc/docker/daemon.json"));
        }
    }
    QVERIFY(sawContainer);
    QVERIFY(sawFile);
    // The error finding is also a tool execution notification.
    const json &invocation = sarifRun["invocations"][0];
    QCOMPARE(invocation["executionSuccessful"].get<bool>(), true);
    QCOMPARE(invocation["toolExecutionNotifications"].size(), std::size_t(1));
    QCOMPARE(str(invocation["toolExecutionNotifications"][0]["associatedRule"]["id"]),
             QStringLiteral("CIS-DOCKER-1.1.3"));
}

void TestExporters::sarifBaselineState()
{
    const Run run = sampleRun();
    const Comparison comparison = compareRuns(earlierRun(), run);
    ExportOptions options;
    options.comparison = &comparison;
    const json doc = parse(exportSarif(run, catalogue(), options));
    QMap<QString, QString> states; // message start -> baselineState
    for (const json &result : doc["runs"][0]["results"]) {
        QVERIFY(result.contains("baselineState"));
        states.insert(str(result["partialFingerprints"]["drydockItem/v1"]),
                      str(result["baselineState"]));
    }
    // "web" warned before and still does; "db" is new; "old" is gone.
    QCOMPARE(states.value(QStringLiteral("5.10|container:web")), QStringLiteral("unchanged"));
    QCOMPARE(states.value(QStringLiteral("5.10|container:db, \"main\"")), QStringLiteral("new"));
    QCOMPARE(states.value(QStringLiteral("5.10|container:old")), QStringLiteral("absent"));
    // 1.1.1 went from warn to pass: the result changed.
    QCOMPARE(states.value(QStringLiteral("1.1.1")), QStringLiteral("updated"));
    QCOMPARE(states.value(QStringLiteral("7.1")), QStringLiteral("unchanged"));
}

void TestExporters::sarifFailingOnly()
{
    ExportOptions options;
    options.failingOnly = true;
    const json doc = parse(exportSarif(sampleRun(), catalogue(), options));
    const json &results = doc["runs"][0]["results"];
    QCOMPARE(results.size(), std::size_t(5));
    for (const json &result : results) {
        QCOMPARE(str(result["kind"]), QStringLiteral("fail"));
    }
    // Rules are still all there, so the ruleIndex values stay stable.
    QCOMPARE(doc["runs"][0]["tool"]["driver"]["rules"].size(), std::size_t(117));
}

void TestExporters::junitCounts()
{
    const QByteArray xmlData = exportJunit(sampleRun(), catalogue(), {});
    QXmlStreamReader xml(xmlData);
    int suites = 0;
    int cases = 0;
    int failures = 0;
    int skipped = 0;
    int errors = 0;
    QMap<QString, QString> suiteTests;
    QString rootTests;
    QString rootFailures;
    QString rootSkipped;
    QString rootErrors;
    QString failureMessage;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) {
            continue;
        }
        const auto name = xml.name();
        const auto attributes = xml.attributes();
        if (name == QLatin1String("testsuites")) {
            rootTests = attributes.value(QLatin1String("tests")).toString();
            rootFailures = attributes.value(QLatin1String("failures")).toString();
            rootSkipped = attributes.value(QLatin1String("skipped")).toString();
            rootErrors = attributes.value(QLatin1String("errors")).toString();
        } else if (name == QLatin1String("testsuite")) {
            ++suites;
            suiteTests.insert(attributes.value(QLatin1String("id")).toString(),
                              attributes.value(QLatin1String("tests")).toString());
        } else if (name == QLatin1String("testcase")) {
            ++cases;
        } else if (name == QLatin1String("failure")) {
            ++failures;
            if (failureMessage.isEmpty()) {
                failureMessage = attributes.value(QLatin1String("message")).toString();
            }
        } else if (name == QLatin1String("skipped")) {
            ++skipped;
        } else if (name == QLatin1String("error")) {
            ++errors;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(suites, 6);
    QCOMPARE(cases, 9);
    QCOMPARE(failures, 4); // warn is a failure
    QCOMPARE(skipped, 3);  // info, note and not applicable are skipped
    QCOMPARE(errors, 1);   // error is an error
    QCOMPARE(rootTests, QStringLiteral("9"));
    QCOMPARE(rootFailures, QStringLiteral("4"));
    QCOMPARE(rootSkipped, QStringLiteral("3"));
    QCOMPARE(rootErrors, QStringLiteral("1"));
    QCOMPARE(suiteTests.value(QStringLiteral("5")), QStringLiteral("3"));
    QCOMPARE(failureMessage, QStringLiteral("Inter-container traffic is allowed"));
    // The escape character from the container's value never reaches the XML.
    QVERIFY(!xmlData.contains('\x1b'));
}

void TestExporters::csvField_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    // RFC 4180: plain fields stay as they are.
    QTest::newRow("plain") << "web"
                           << "web";
    QTest::newRow("empty") << ""
                           << "";
    // A comma, a quote or a line break needs quotes; quotes are doubled.
    QTest::newRow("comma") << "a,b"
                           << "\"a,b\"";
    QTest::newRow("quote") << "say \"hi\""
                           << "\"say \"\"hi\"\"\"";
    QTest::newRow("line feed") << "a\nb"
                               << "\"a\nb\"";
    QTest::newRow("carriage return") << "a\rb"
                                     << "\"a\rb\"";
    // Spreadsheet formulas are defused with an apostrophe.
    QTest::newRow("formula") << "=HYPERLINK(1)"
                             << "'=HYPERLINK(1)";
    QTest::newRow("at sign") << "@SUM(1)"
                             << "'@SUM(1)";
    QTest::newRow("plus formula") << "+cmd"
                                  << "'+cmd";
    // ...but numbers stay numbers (a pids limit of -1).
    QTest::newRow("negative number") << "-1"
                                     << "-1";
    QTest::newRow("formula with comma") << "=a,b"
                                        << "\"'=a,b\"";
    // Control characters other than line breaks and tabs are replaced.
    QTest::newRow("escape") << "a\x1b[2Jb"
                            << "a\uFFFD[2Jb";
}

void TestExporters::csvField()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(bench::csvField(value), expected);
}

void TestExporters::csvRowPerItem()
{
    const QString text = QString::fromUtf8(exportCsv(sampleRun(), catalogue(), {}));
    QVERIFY(text.endsWith(QLatin1String("\r\n")));
    const QList<QStringList> records = readCsv(text);
    // A header, then one row per evidence item, one row for a finding with none.
    QCOMPARE(records.size(), 1 + 10);
    const QStringList header = records.first();
    QCOMPARE(header.first(), QStringLiteral("run_id"));
    for (const QStringList &record : records) {
        QCOMPARE(record.size(), header.size());
    }
    const int item = int(header.indexOf(QStringLiteral("item")));
    const int observed = int(header.indexOf(QStringLiteral("observed")));
    bool sawQuoted = false;
    for (const QStringList &record : records) {
        if (record.at(item) == QLatin1String("db, \"main\"")) {
            sawQuoted = true;
            QCOMPARE(record.at(observed), QStringLiteral("host\nmode"));
            QCOMPARE(record.at(1), QStringLiteral("5.10"));
            QCOMPARE(record.at(5), QStringLiteral("warn"));
        }
    }
    QVERIFY(sawQuoted);
}

QTEST_GUILESS_MAIN(TestExporters)
#include "tst_exporters.moc"
