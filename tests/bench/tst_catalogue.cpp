// SPDX-License-Identifier: GPL-3.0-or-later
// The check catalogue: the shipped resource is complete and well-formed, and
// the loader refuses broken documents with errors that name the field.
#include "bench/catalogue.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace drydock;
using namespace drydock::bench;
using json = nlohmann::json;

namespace {

struct ExpectedCheck
{
    QString id;
    bool scored = false;
};

QList<ExpectedCheck> expectedChecks()
{
    QFile file(QStringLiteral(DRYDOCK_TEST_DATA "/cis-1.6-check-ids.txt"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QList<ExpectedCheck> result;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        const QStringList fields = line.split(QLatin1Char('\t'));
        result.append({fields.value(0), fields.value(1) == QLatin1String("scored")});
    }
    return result;
}

json minimalCatalogue()
{
    return json::parse(R"({
        "catalogue": {"name": "Test", "benchmarkVersion": "1.0", "version": 1},
        "sections": [{"id": "1", "key": "one", "title": "One",
                      "subsections": [{"id": "1.1", "title": "One one"}]},
                     {"id": "2", "key": "two", "title": "Two"}],
        "checks": [
            {"id": "1.1.1", "section": "1", "subsection": "1.1", "title": "T", "scored": true,
             "severity": "low", "description": "d", "rationale": "r", "remediation": "m",
             "impact": "i", "references": ["x"]},
            {"id": "2.1", "section": "2", "title": "T", "scored": false,
             "severity": "high", "description": "d", "rationale": "r", "remediation": "m",
             "impact": "i", "references": ["x"]}
        ]})");
}

} // namespace

class TestCatalogue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtinLoads();
    void hasExactlyTheBenchmarkIdsInOrder();
    void everyCheckHasItsTexts();
    void sectionsAndSubsections();
    void lookups();
    void scoreFollowsTheReferenceRule();
    void rejectsBrokenDocuments_data();
    void rejectsBrokenDocuments();
};

void TestCatalogue::builtinLoads()
{
    const Result<Catalogue> &catalogue = builtinCatalogue();
    QVERIFY2(catalogue.ok(), qPrintable(catalogue.ok() ? QString() : catalogue.error().text()));
    QCOMPARE(catalogue->name(), QStringLiteral("CIS Docker Benchmark"));
    QCOMPARE(catalogue->benchmarkVersion(), QStringLiteral("1.6.0"));
    QCOMPARE(catalogue->version(), 1);
    QCOMPARE(catalogue->label(), QStringLiteral("CIS Docker Benchmark 1.6.0 / drydock 1"));
}

void TestCatalogue::hasExactlyTheBenchmarkIdsInOrder()
{
    const QList<ExpectedCheck> expected = expectedChecks();
    QCOMPARE(expected.size(), 117);
    const Catalogue &catalogue = *builtinCatalogue();
    QCOMPARE(catalogue.checks().size(), expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        const CheckInfo &check = catalogue.checks().at(i);
        QCOMPARE(check.id, expected.at(i).id);
        QVERIFY2(check.scored == expected.at(i).scored, qPrintable(check.id));
    }
}

void TestCatalogue::everyCheckHasItsTexts()
{
    static const QRegularExpression leadingId(QStringLiteral("^\\d+(\\.\\d+)+ "));
    for (const CheckInfo &check : builtinCatalogue()->checks()) {
        const QByteArray idBytes = check.id.toUtf8();
        const char *id = idBytes.constData();
        QVERIFY2(!check.title.isEmpty(), id);
        // The title is what follows the id, not the id again.
        QVERIFY2(!leadingId.match(check.title).hasMatch(), id);
        QVERIFY2(check.description.size() > 40, id);
        QVERIFY2(check.rationale.size() > 30, id);
        QVERIFY2(check.remediation.size() > 10, id);
        QVERIFY2(!check.impact.isEmpty(), id);
        QVERIFY2(!check.references.isEmpty(), id);
        QVERIFY2(check.section == sectionOfCheckId(check.id), id);
        const double severity = check.securitySeverity().toDouble();
        QVERIFY2(severity > 0.0 && severity <= 10.0, id);
    }
}

void TestCatalogue::sectionsAndSubsections()
{
    const Catalogue &catalogue = *builtinCatalogue();
    QCOMPARE(catalogue.sections().size(), 7);
    int total = 0;
    for (int i = 0; i < 7; ++i) {
        const SectionInfo &section = catalogue.sections().at(i);
        QCOMPARE(section.id, QString::number(i + 1));
        QVERIFY(!section.title.isEmpty());
        QVERIFY(!section.key.isEmpty());
        total += int(section.checkIds.size());
    }
    QCOMPARE(total, 117);
    const SectionInfo *host = catalogue.section(QStringLiteral("1"));
    QVERIFY(host);
    QCOMPARE(host->key, QStringLiteral("host_configuration"));
    QCOMPARE(host->subsections.size(), 2);
    QCOMPARE(host->subsections.at(0).id, QStringLiteral("1.1"));
    QCOMPARE(catalogue.check(QStringLiteral("1.2.2"))->subsection, QStringLiteral("1.2"));
    QCOMPARE(catalogue.check(QStringLiteral("5.10"))->subsection, QString());
    QCOMPARE(catalogue.section(QStringLiteral("5"))->checkIds.size(), 32);
    QCOMPARE(catalogue.section(QStringLiteral("7"))->key,
             QStringLiteral("docker_swarm_configuration"));
}

void TestCatalogue::lookups()
{
    const Catalogue &catalogue = *builtinCatalogue();
    QCOMPARE(catalogue.indexOf(QStringLiteral("1.1.1")), 0);
    QCOMPARE(catalogue.indexOf(QStringLiteral("7.9")), 116);
    QCOMPARE(catalogue.indexOf(QStringLiteral("8.1")), -1);
    QVERIFY(catalogue.check(QStringLiteral("5.10")));
    QVERIFY(catalogue.check(QStringLiteral("5.10"))->title.contains(QLatin1String("network")));
    QVERIFY(!catalogue.check(QStringLiteral("5.1.0")));
    QCOMPARE(catalogue.ids().size(), 117);
    QCOMPARE(sectionOfCheckId(QStringLiteral("1.1.12")), QStringLiteral("1"));
}

void TestCatalogue::scoreFollowsTheReferenceRule()
{
    const Catalogue &catalogue = *builtinCatalogue();
    QList<Finding> findings;
    findings.append({QStringLiteral("5.10"), Verdict::Pass, {}, {}, {}});         // scored pass: +1
    findings.append({QStringLiteral("5.11"), Verdict::Warn, {}, {}, {}});         // scored warn: -1
    findings.append({QStringLiteral("5.4"), Verdict::Warn, {}, {}, {}});          // scored warn: -1
    findings.append({QStringLiteral("5.9"), Verdict::Warn, {}, {}, {}});          // scored (5.9 is)
    findings.append({QStringLiteral("4.2"), Verdict::Warn, {}, {}, {}});          // counted only: 0
    findings.append({QStringLiteral("2.2"), Verdict::Info, {}, {}, {}});          // info: 0
    findings.append({QStringLiteral("7.1"), Verdict::NotApplicable, {}, {}, {}}); // n/a: 0
    findings.append({QStringLiteral("2.5"), Verdict::Error, {}, {}, {}});         // error: 0
    findings.append({QStringLiteral("9.9"), Verdict::Pass, {}, {}, {}});          // unknown: 0
    const Score score = catalogue.score(findings);
    QCOMPARE(score.reference, -2);
    QCOMPARE(score.scoredPassed, 1);
    QCOMPARE(score.scoredApplicable, 4);
    QCOMPARE(score.percent(), 25.0);
}

void TestCatalogue::rejectsBrokenDocuments_data()
{
    QTest::addColumn<QString>("pointer");  // JSON pointer of the value to change
    QTest::addColumn<QString>("newValue"); // JSON text, or "remove"
    QTest::addColumn<QString>("mentions"); // text the error must contain

    // A text field that is missing is named with its JSON path.
    QTest::newRow("missing remediation") << "/checks/1/remediation"
                                         << "remove"
                                         << "$.checks[1] (2.1).remediation is missing";
    // Blank texts count as missing: every check needs all its texts.
    QTest::newRow("blank impact") << "/checks/0/impact"
                                  << "\"  \""
                                  << "$.checks[0] (1.1.1).impact must not be empty";
    // Scored is a boolean, not the reference's word for it.
    QTest::newRow("scored as text") << "/checks/0/scored"
                                    << "\"scored\""
                                    << "$.checks[0] (1.1.1).scored must be true or false";
    // A check must belong to a declared section matching its id.
    QTest::newRow("section mismatch") << "/checks/1/section"
                                      << "\"1\""
                                      << "$.checks[1] (2.1).section";
    // Ids are unique.
    QTest::newRow("duplicate id") << "/checks/1/id"
                                  << "\"1.1.1\""
                                  << "repeats check \"1.1.1\"";
    // Typos in field names are caught rather than silently ignored.
    QTest::newRow("unknown field") << "/checks/0/remedation"
                                   << "\"x\""
                                   << "$.checks[0] (1.1.1).remedation is not a known field";
    // Checks in a section with sub-sections must say which.
    QTest::newRow("missing subsection") << "/checks/0/subsection"
                                        << "remove"
                                        << "section 1 has sub-sections";
    QTest::newRow("wrong subsection") << "/checks/0/subsection"
                                      << "\"1.2\""
                                      << "not a known sub-section";
    // Severity is one of three words.
    QTest::newRow("bad severity") << "/checks/0/severity"
                                  << "\"critical\""
                                  << "must be \"low\", \"medium\" or \"high\"";
    // References are a non-empty list.
    QTest::newRow("no references") << "/checks/0/references"
                                   << "[]"
                                   << "references must be a non-empty array";
    QTest::newRow("catalogue version") << "/catalogue/version"
                                       << "0"
                                       << "$.catalogue.version must be a positive integer";
    // A declared section without checks is a mistake in the data.
    QTest::newRow("empty section") << "/sections/-"
                                   << R"({"id": "3", "key": "k", "title": "t"})"
                                   << "section 3 has no checks";
}

void TestCatalogue::rejectsBrokenDocuments()
{
    QFETCH(QString, pointer);
    QFETCH(QString, newValue);
    QFETCH(QString, mentions);

    json doc = minimalCatalogue();
    QVERIFY(Catalogue::fromJson(QByteArray::fromStdString(doc.dump()), QStringLiteral("t")).ok());
    const json::json_pointer where(pointer.toStdString());
    if (newValue == QLatin1String("remove")) {
        doc[where.parent_pointer()].erase(where.back());
    } else {
        doc[where] = json::parse(newValue.toStdString());
    }
    const auto loaded =
        Catalogue::fromJson(QByteArray::fromStdString(doc.dump()), QStringLiteral("test.json"));
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().message.contains(mentions), qPrintable(loaded.error().message));
    QVERIFY(loaded.error().message.startsWith(QLatin1String("test.json")));
}

QTEST_GUILESS_MAIN(TestCatalogue)
#include "tst_catalogue.moc"
