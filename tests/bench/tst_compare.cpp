// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing two runs: fixed, new, unchanged per check and per item.
#include "bench/catalogue.h"
#include "bench/compare.h"
#include "samplerun.h"

#include <QTest>

using namespace drydock::bench;
using namespace drydock::bench::testing;

Q_DECLARE_METATYPE(std::optional<Verdict>)

namespace {

Run runWith(const QList<Finding> &findings, int reference = 0)
{
    Run run;
    run.id = QStringLiteral("run");
    run.findings = findings;
    run.score.reference = reference;
    return run;
}

Evidence item(const QString &name)
{
    return container(name, QStringLiteral("host"), QStringLiteral("bridge"));
}

} // namespace

class TestCompare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkChange_data();
    void checkChange();
    void itemsFixedNewUnchanged();
    void itemsWhenTheCheckCouldNotRun();
    void orderAndCounts();
    void scoreDelta();
    void checksInOneRunOnly_data();
    void checksInOneRunOnly();
    void scoreDeltaOverCommonChecks();
    void narrowRunAgainstFullRun();
    void containerScope_data();
    void containerScope();
};

void TestCompare::checkChange_data()
{
    QTest::addColumn<std::optional<Verdict>>("before");
    QTest::addColumn<std::optional<Verdict>>("after");
    QTest::addColumn<Change>("expected");
    using V = std::optional<Verdict>;

    // A warning that became a pass is fixed.
    QTest::newRow("warn -> pass") << V(Verdict::Warn) << V(Verdict::Pass) << Change::Fixed;
    // ...so is one whose check no longer applies (swarm switched off).
    QTest::newRow("warn -> n/a") << V(Verdict::Warn) << V(Verdict::NotApplicable) << Change::Fixed;
    QTest::newRow("warn -> info") << V(Verdict::Warn) << V(Verdict::Info) << Change::Fixed;
    // An error says nothing about the warning: not fixed.
    QTest::newRow("warn -> error") << V(Verdict::Warn) << V(Verdict::Error) << Change::Changed;
    // A warning that was not there before is new.
    QTest::newRow("pass -> warn") << V(Verdict::Pass) << V(Verdict::Warn) << Change::New;
    QTest::newRow("error -> warn") << V(Verdict::Error) << V(Verdict::Warn) << Change::New;
    // Same verdict: unchanged, a standing warning included.
    QTest::newRow("warn -> warn") << V(Verdict::Warn) << V(Verdict::Warn) << Change::Unchanged;
    QTest::newRow("pass -> pass") << V(Verdict::Pass) << V(Verdict::Pass) << Change::Unchanged;
    // Other moves that do not cross the warning line.
    QTest::newRow("pass -> error") << V(Verdict::Pass) << V(Verdict::Error) << Change::Changed;
    QTest::newRow("info -> note") << V(Verdict::Info) << V(Verdict::Note) << Change::Changed;
}

void TestCompare::checkChange()
{
    QFETCH(std::optional<Verdict>, before);
    QFETCH(std::optional<Verdict>, after);
    QFETCH(Change, expected);
    const QString id = QStringLiteral("5.10");
    const Run earlier = runWith({finding(id, *before)});
    const Run later = runWith({finding(id, *after)});
    const Comparison comparison = compareRuns(earlier, later);
    const CheckChange *change = comparison.check(id);
    QVERIFY(change);
    QCOMPARE(change->change, expected);
    QCOMPARE(change->before, before);
    QCOMPARE(change->after, after);
}

void TestCompare::itemsFixedNewUnchanged()
{
    const QString id = QStringLiteral("5.10");
    Evidence changedValue = item(QStringLiteral("b"));
    changedValue.observed = QStringLiteral("host (again)");
    const Run earlier = runWith(
        {finding(id, Verdict::Warn, {}, {item(QStringLiteral("a")), item(QStringLiteral("b"))})});
    const Run later =
        runWith({finding(id, Verdict::Warn, {}, {changedValue, item(QStringLiteral("c"))})});
    const Comparison comparison = compareRuns(earlier, later);
    const CheckChange *change = comparison.check(id);
    QVERIFY(change);
    QCOMPARE(change->change, Change::Unchanged);
    QCOMPARE(change->items.size(), 3);
    // Items are matched by kind and name; the value seen may differ.
    QCOMPARE(change->items[0].key, QStringLiteral("container:b"));
    QCOMPARE(change->items[0].change, Change::Unchanged);
    QCOMPARE(change->items[0].before->observed, QStringLiteral("host"));
    QCOMPARE(change->items[0].after->observed, QStringLiteral("host (again)"));
    QCOMPARE(change->items[1].key, QStringLiteral("container:c"));
    QCOMPARE(change->items[1].change, Change::New);
    QVERIFY(!change->items[1].before);
    QCOMPARE(change->items[2].key, QStringLiteral("container:a"));
    QCOMPARE(change->items[2].change, Change::Fixed);
    QVERIFY(!change->items[2].after);
    QCOMPARE(comparison.itemCount(Change::Fixed), 1);
    QCOMPARE(comparison.itemCount(Change::New), 1);
    QCOMPARE(comparison.itemCount(Change::Unchanged), 1);

    // A check fixed as a whole: all its former items are fixed. Items that a
    // pass lists as examined are not warnings and are not compared.
    const Run fixed = runWith({finding(id, Verdict::Pass, {}, {item(QStringLiteral("a"))})});
    const Comparison whole = compareRuns(earlier, fixed);
    QCOMPARE(whole.check(id)->change, Change::Fixed);
    QCOMPARE(whole.check(id)->items.size(), 2);
    QCOMPARE(whole.itemCount(Change::Fixed), 2);
}

void TestCompare::itemsWhenTheCheckCouldNotRun()
{
    const QString id = QStringLiteral("5.10");
    const Run earlier = runWith({finding(id, Verdict::Warn, {}, {item(QStringLiteral("a"))})});
    const Run later = runWith({finding(id, Verdict::Error, {}, {}, QStringLiteral("timeout"))});
    const Comparison comparison = compareRuns(earlier, later);
    // The engine did not answer: the item may still be there.
    QCOMPARE(comparison.check(id)->items.size(), 1);
    QCOMPARE(comparison.check(id)->items[0].change, Change::Changed);
    QCOMPARE(comparison.itemCount(Change::Fixed), 0);
}

void TestCompare::orderAndCounts()
{
    const Run earlier = runWith({finding(QStringLiteral("1.1.1"), Verdict::Warn),
                                 finding(QStringLiteral("2.2"), Verdict::Warn),
                                 finding(QStringLiteral("9.9"), Verdict::Pass)});
    const Run later = runWith({finding(QStringLiteral("1.1.1"), Verdict::Pass),
                               finding(QStringLiteral("2.2"), Verdict::Warn),
                               finding(QStringLiteral("5.10"), Verdict::Warn)});
    Run named = later;
    named.id = QStringLiteral("after");
    const Comparison comparison = compareRuns(earlier, named);
    QCOMPARE(comparison.beforeRunId, QStringLiteral("run"));
    QCOMPARE(comparison.afterRunId, QStringLiteral("after"));
    // The later run's order; checks in one run only are listed apart.
    QCOMPARE(comparison.checks.size(), 2);
    QCOMPARE(comparison.checks[0].checkId, QStringLiteral("1.1.1"));
    QCOMPARE(comparison.checks[1].checkId, QStringLiteral("2.2"));
    QCOMPARE(comparison.onlyAfter, QStringList{QStringLiteral("5.10")});
    QCOMPARE(comparison.onlyBefore, QStringList{QStringLiteral("9.9")});
    QCOMPARE(comparison.notInBoth(), (QStringList{QStringLiteral("9.9"), QStringLiteral("5.10")}));
    QCOMPARE(comparison.count(Change::Fixed), 1);
    QCOMPARE(comparison.count(Change::New), 0);
    QCOMPARE(comparison.count(Change::Unchanged), 1);
    QCOMPARE(comparison.count(Change::Changed), 0);
    QCOMPARE(changeName(Change::Fixed), QStringLiteral("fixed"));
}

void TestCompare::scoreDelta()
{
    Run earlier = runWith({}, -10);
    earlier.score.scoredPassed = 10;
    earlier.score.scoredApplicable = 40;
    Run later = runWith({}, 4);
    later.score.scoredPassed = 20;
    later.score.scoredApplicable = 40;
    const Comparison comparison = compareRuns(earlier, later);
    QCOMPARE(comparison.referenceDelta, 14);
    QCOMPARE(comparison.percentDelta, 25.0);
}

void TestCompare::checksInOneRunOnly_data()
{
    QTest::addColumn<std::optional<Verdict>>("before");
    QTest::addColumn<std::optional<Verdict>>("after");
    using V = std::optional<Verdict>;
    // Rule: a check only one run selected has no verdict to compare with in
    // the other: it is neither fixed (it may still warn), nor new (it may
    // have warned before), nor changed; it is "not in both runs".
    QTest::newRow("warn, then not selected") << V(Verdict::Warn) << V();
    QTest::newRow("not selected, then warn") << V() << V(Verdict::Warn);
    QTest::newRow("not selected, then pass") << V() << V(Verdict::Pass);
    QTest::newRow("pass, then not selected") << V(Verdict::Pass) << V();
}

void TestCompare::checksInOneRunOnly()
{
    QFETCH(std::optional<Verdict>, before);
    QFETCH(std::optional<Verdict>, after);
    const QString id = QStringLiteral("5.10");
    const QString both = QStringLiteral("5.1");
    Run earlier = runWith({finding(both, Verdict::Pass)});
    Run later = runWith({finding(both, Verdict::Pass)});
    if (before) {
        earlier.findings.append(finding(id, *before));
    }
    if (after) {
        later.findings.append(finding(id, *after));
    }
    const Comparison comparison = compareRuns(earlier, later);
    QVERIFY(!comparison.check(id));
    QCOMPARE(comparison.checks.size(), 1);
    QCOMPARE(comparison.count(Change::Fixed) + comparison.count(Change::New) +
                 comparison.count(Change::Changed),
             0);
    QCOMPARE(comparison.itemCount(Change::Fixed) + comparison.itemCount(Change::New), 0);
    QCOMPARE(comparison.notInBothCount(), 1);
    QCOMPARE(comparison.notInBoth(), QStringList{id});
    QCOMPARE(comparison.onlyBefore.size(), before ? 1 : 0);
}

void TestCompare::scoreDeltaOverCommonChecks()
{
    // Rule: when the runs selected different checks, the score delta counts
    // only the checks both contain (a narrow run's score is not comparable).
    const Catalogue &catalogue = *builtinCatalogue();
    QVERIFY(catalogue.check(QStringLiteral("5.10"))->scored);
    QVERIFY(catalogue.check(QStringLiteral("5.1"))->scored);
    QVERIFY(catalogue.check(QStringLiteral("5.2"))->scored);
    Run earlier = runWith({finding(QStringLiteral("5.10"), Verdict::Warn)});
    earlier.score = catalogue.score(earlier.findings); // -1, 0 of 1
    Run later = runWith({finding(QStringLiteral("5.10"), Verdict::Pass),
                         finding(QStringLiteral("5.1"), Verdict::Warn),
                         finding(QStringLiteral("5.2"), Verdict::Warn)});
    later.score = catalogue.score(later.findings); // -1, 1 of 3
    const Comparison comparison = compareRuns(earlier, later);
    QVERIFY(comparison.deltaOverCommon);
    QCOMPARE(comparison.referenceDelta, 2); // 5.10: -1 -> +1
    QCOMPARE(comparison.percentDelta, 100.0);

    // Same checks in both: the runs' own scores, as before.
    const Comparison same = compareRuns(later, later);
    QVERIFY(!same.deltaOverCommon);
    QCOMPARE(same.referenceDelta, 0);
}

void TestCompare::narrowRunAgainstFullRun()
{
    // The lab's case: a run of sections 2, 4.1 and 5 against a later full
    // run; the 1.x checks the first run did not select are not "new".
    const Catalogue &catalogue = *builtinCatalogue();
    QList<Finding> full;
    QList<Finding> narrow;
    for (const QString &id : catalogue.ids()) {
        const Finding f = finding(id, Verdict::Warn);
        full.append(f);
        if (id.startsWith(QLatin1String("2.")) || id == QLatin1String("4.1") ||
            id.startsWith(QLatin1String("5."))) {
            narrow.append(f);
        }
    }
    const Comparison comparison = compareRuns(runWith(narrow), runWith(full));
    QCOMPARE(comparison.count(Change::New), 0);
    QCOMPARE(comparison.count(Change::Unchanged), int(narrow.size()));
    QCOMPARE(comparison.notInBothCount(), int(full.size() - narrow.size()));
    QVERIFY(comparison.notInBoth().contains(QStringLiteral("1.1.1")));
    // Printed, the long list is cut after twelve ids.
    QVERIFY2(comparison.notInBothText().endsWith(
                 QStringLiteral(" and %1 more").arg(comparison.notInBothCount() - 12)),
             qPrintable(comparison.notInBothText()));
    // And the other way: a 5.10-only run against the full one changes nothing.
    const Comparison single =
        compareRuns(runWith(full), runWith({finding(QStringLiteral("5.10"), Verdict::Warn)}));
    QCOMPARE(single.checks.size(), 1);
    QCOMPARE(single.count(Change::Unchanged), 1);
    QCOMPARE(single.count(Change::Changed), 0);
    QCOMPARE(single.notInBothCount(), int(full.size() - 1));
}

void TestCompare::containerScope_data()
{
    QTest::addColumn<QString>("beforePattern");
    QTest::addColumn<QStringList>("beforeLabels");
    QTest::addColumn<QString>("afterPattern");
    QTest::addColumn<QStringList>("afterLabels");
    QTest::addColumn<bool>("warned");
    const QString lab = QStringLiteral("drydock.lab=hardening");
    const QString other = QStringLiteral("tier=web");
    // Rule: runs over the same containers compare without a warning...
    QTest::newRow("both all containers")
        << QString() << QStringList() << QString() << QStringList() << false;
    QTest::newRow("same labels, other order")
        << QString() << QStringList{lab, other} << QString() << QStringList{other, lab} << false;
    // ...and any difference in the name or label filters warns.
    QTest::newRow("label, then all")
        << QString() << QStringList{lab} << QString() << QStringList() << true;
    QTest::newRow("other name pattern") << QStringLiteral("^web") << QStringList()
                                        << QStringLiteral("^db") << QStringList() << true;
}

void TestCompare::containerScope()
{
    QFETCH(QString, beforePattern);
    QFETCH(QStringList, beforeLabels);
    QFETCH(QString, afterPattern);
    QFETCH(QStringList, afterLabels);
    QFETCH(bool, warned);
    Run earlier = runWith({finding(QStringLiteral("5.10"), Verdict::Warn)});
    earlier.containerPattern = beforePattern;
    earlier.containerLabels = beforeLabels;
    Run later = runWith({finding(QStringLiteral("5.10"), Verdict::Warn)});
    later.containerPattern = afterPattern;
    later.containerLabels = afterLabels;
    const Comparison comparison = compareRuns(earlier, later);
    QCOMPARE(!comparison.scopeWarning.isEmpty(), warned);
    if (warned) {
        QVERIFY2(comparison.scopeWarning.contains(QLatin1String("different containers")),
                 qPrintable(comparison.scopeWarning));
    }
}

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
