// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing two runs: fixed, new, unchanged per check and per item.
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
    // Not evaluated this time: not fixed either.
    QTest::newRow("warn -> absent") << V(Verdict::Warn) << V() << Change::Changed;
    // A warning that was not there before is new, also for a check not run then.
    QTest::newRow("pass -> warn") << V(Verdict::Pass) << V(Verdict::Warn) << Change::New;
    QTest::newRow("error -> warn") << V(Verdict::Error) << V(Verdict::Warn) << Change::New;
    QTest::newRow("absent -> warn") << V() << V(Verdict::Warn) << Change::New;
    // Same verdict: unchanged, a standing warning included.
    QTest::newRow("warn -> warn") << V(Verdict::Warn) << V(Verdict::Warn) << Change::Unchanged;
    QTest::newRow("pass -> pass") << V(Verdict::Pass) << V(Verdict::Pass) << Change::Unchanged;
    // Other moves that do not cross the warning line.
    QTest::newRow("pass -> error") << V(Verdict::Pass) << V(Verdict::Error) << Change::Changed;
    QTest::newRow("info -> note") << V(Verdict::Info) << V(Verdict::Note) << Change::Changed;
    QTest::newRow("absent -> pass") << V() << V(Verdict::Pass) << Change::Changed;
}

void TestCompare::checkChange()
{
    QFETCH(std::optional<Verdict>, before);
    QFETCH(std::optional<Verdict>, after);
    QFETCH(Change, expected);
    const QString id = QStringLiteral("5.10");
    const Run earlier = before ? runWith({finding(id, *before)}) : runWith({});
    const Run later = after ? runWith({finding(id, *after)}) : runWith({});
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
    // The later run's order, then what only the earlier run had.
    QCOMPARE(comparison.checks.size(), 4);
    QCOMPARE(comparison.checks[0].checkId, QStringLiteral("1.1.1"));
    QCOMPARE(comparison.checks[2].checkId, QStringLiteral("5.10"));
    QCOMPARE(comparison.checks[3].checkId, QStringLiteral("9.9"));
    QCOMPARE(comparison.count(Change::Fixed), 1);
    QCOMPARE(comparison.count(Change::New), 1);
    QCOMPARE(comparison.count(Change::Unchanged), 1);
    QCOMPARE(comparison.count(Change::Changed), 1);
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

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
