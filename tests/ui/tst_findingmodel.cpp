// SPDX-License-Identifier: GPL-3.0-or-later
// The findings table, its filters and the detail pane over a constructed
// run: no engine needed.
#include "ui/findingdetail.h"
#include "ui/findingmodel.h"

#include "bench/catalogue.h"

#include <QTest>
#include <QTextDocument>

using namespace drydock;
using namespace drydock::bench;
using namespace drydock::ui;

namespace {

Evidence containerItem(const QString &name, const QString &observed, const QString &expected)
{
    Evidence evidence;
    evidence.kind = QStringLiteral("container");
    evidence.item = name;
    evidence.itemId = name + QStringLiteral("0123456789");
    evidence.image = QStringLiteral("busybox");
    evidence.observed = observed;
    evidence.expected = expected;
    return evidence;
}

QList<Finding> sampleFindings()
{
    auto make = [](const char *id, Verdict verdict, const char *summary) {
        Finding finding;
        finding.checkId = QLatin1String(id);
        finding.verdict = verdict;
        finding.summary = QLatin1String(summary);
        return finding;
    };
    Finding memory = make("5.11", Verdict::Warn, "1 of 2 containers have no memory limit");
    memory.evidence = {containerItem(QStringLiteral("web<b>"),
                                     QStringLiteral("Memory=0 (unlimited)"),
                                     QStringLiteral("a memory limit (--memory)"))};
    Finding root = make("4.1", Verdict::Warn, "1 of 2 containers run as root");
    root.evidence = {containerItem(QStringLiteral("db"), QStringLiteral("User= (root by default)"),
                                   QStringLiteral("a non-root user"))};
    Finding swarm = make("7.1", Verdict::NotApplicable, "swarm mode is not active");
    swarm.reason = QStringLiteral("this engine is not a swarm manager");
    Finding audit = make("1.1.3", Verdict::Error, "could not read the audit rules");
    audit.reason = QStringLiteral("permission denied on /etc/audit/audit.rules");
    return {memory, make("2.2", Verdict::Pass, "logging level info"),    root, swarm,
            audit,  make("5.9", Verdict::Note, "review published ports")};
}

QStringList ids(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

const Catalogue *catalogue()
{
    return &builtinCatalogue().value();
}

QStringList shownIds(const FindingFilterModel &filter)
{
    QStringList ids;
    for (int row = 0; row < filter.rowCount(); ++row) {
        ids << filter.index(row, FindingModel::IdColumn).data().toString();
    }
    return ids;
}

} // namespace

class TestFindingModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(builtinCatalogue().ok()); }

    void sortsByCatalogueOrderAndVerdict()
    {
        FindingModel model(catalogue());
        model.setFindings(sampleFindings());
        FindingFilterModel filter;
        filter.setSourceModel(&model);
        QCOMPARE(model.rowCount(), 6);
        // Ids sort as the catalogue orders them (1.1.3 before 2.2 before
        // 4.1 ... 5.9 before 5.11), not as text ("5.11" < "5.9").
        filter.sort(FindingModel::IdColumn, Qt::AscendingOrder);
        QCOMPARE(shownIds(filter), ids("1.1.3 2.2 4.1 5.9 5.11 7.1"));
        // Verdicts sort worst first: warnings, errors, ..., passes last.
        filter.sort(FindingModel::VerdictColumn, Qt::AscendingOrder);
        QCOMPARE(filter.index(0, 0).data(FindingModel::VerdictRole).toInt(), int(Verdict::Warn));
        QCOMPARE(filter.index(5, FindingModel::IdColumn).data().toString(), QStringLiteral("2.2"));
        // Titles come from the catalogue.
        const QString title = model.index(0, FindingModel::TitleColumn).data().toString();
        QCOMPARE(title, catalogue()->check(QStringLiteral("5.11"))->title);
    }

    void filters_data()
    {
        QTest::addColumn<QList<int>>("verdicts");
        QTest::addColumn<QString>("section");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("shown");
        // No filter shows all.
        QTest::newRow("none") << QList<int>() << QString() << QString()
                              << ids("1.1.3 2.2 4.1 5.9 5.11 7.1");
        // The verdict filter keeps only the chosen verdicts (several at once).
        QTest::newRow("warn") << QList<int>{int(Verdict::Warn)} << QString() << QString()
                              << ids("4.1 5.11");
        QTest::newRow("warn or error") << QList<int>{int(Verdict::Warn), int(Verdict::Error)}
                                       << QString() << QString() << ids("1.1.3 4.1 5.11");
        // The section filter keeps one section.
        QTest::newRow("section 5") << QList<int>() << "5" << QString() << ids("5.9 5.11");
        // Text matches ids, summaries, evidence items and values, any case.
        QTest::newRow("container name") << QList<int>() << QString() << "DB" << ids("4.1");
        QTest::newRow("observed value") << QList<int>() << QString() << "memory=0" << ids("5.11");
        QTest::newRow("reason") << QList<int>() << QString() << "permission denied" << ids("1.1.3");
        // Every word must match, in any field.
        QTest::newRow("two words") << QList<int>() << QString() << "root busybox" << ids("4.1");
        // Filters combine.
        QTest::newRow("warn in section 4")
            << QList<int>{int(Verdict::Warn)} << "4" << QString() << ids("4.1");
        QTest::newRow("nothing") << QList<int>{int(Verdict::Pass)} << "5" << QString() << ids("");
    }

    void filters()
    {
        QFETCH(QList<int>, verdicts);
        QFETCH(QString, section);
        QFETCH(QString, text);
        QFETCH(QStringList, shown);
        FindingModel model(catalogue());
        model.setFindings(sampleFindings());
        FindingFilterModel filter;
        filter.setSourceModel(&model);
        filter.sort(FindingModel::IdColumn, Qt::AscendingOrder);
        QSet<Verdict> set;
        for (const int v : verdicts) {
            set.insert(Verdict(v));
        }
        filter.setVerdicts(set);
        filter.setSection(section);
        filter.setText(text);
        QCOMPARE(shownIds(filter), shown);
    }

    void detailShowsEvidenceAndRemediation()
    {
        const Finding finding = sampleFindings().first();
        const CheckInfo *info = catalogue()->check(QStringLiteral("5.11"));
        QTextDocument document;
        document.setHtml(findingDetailHtml(finding, info));
        const QString text = document.toPlainText();
        QVERIFY(text.contains(info->title));
        QVERIFY(text.contains(QStringLiteral("WARN")));
        QVERIFY(text.contains(QStringLiteral("Memory=0 (unlimited)")));
        QVERIFY(text.contains(QStringLiteral("a memory limit (--memory)")));
        QVERIFY(text.contains(info->remediation.left(40)));
        QVERIFY(text.contains(info->rationale.left(40)));
        QVERIFY(text.contains(info->impact.left(30)));
        QVERIFY(text.contains(info->references.first()));
        // Text from the engine is escaped, never markup: the name shows as typed.
        QVERIFY(text.contains(QStringLiteral("web<b>")));
    }

    void detailShowsWhyNotApplicable()
    {
        const Finding finding = sampleFindings().at(3);
        QTextDocument document;
        document.setHtml(findingDetailHtml(finding, catalogue()->check(QStringLiteral("7.1"))));
        QVERIFY(
            document.toPlainText().contains(QStringLiteral("this engine is not a swarm manager")));
    }

    void detailWithoutCatalogueEntry()
    {
        Finding finding;
        finding.checkId = QStringLiteral("9.9");
        finding.summary = QStringLiteral("an imported check");
        QTextDocument document;
        document.setHtml(findingDetailHtml(finding, nullptr));
        QVERIFY(document.toPlainText().contains(QStringLiteral("not in Drydock's catalogue")));
    }
};

QTEST_MAIN(TestFindingModel)
#include "tst_findingmodel.moc"
