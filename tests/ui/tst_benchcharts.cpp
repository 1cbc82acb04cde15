// SPDX-License-Identifier: GPL-3.0-or-later
// The verdict donut and the per-section bars: what they draw after each
// run, whether a new run keeps the sections (values change in place) or
// brings others (the bars are rebuilt). No engine needed.
#include "ui/benchcharts.h"

#include "bench/catalogue.h"

#include <QTest>

using namespace drydock;
using namespace drydock::bench;
using namespace drydock::ui;

namespace {

Finding finding(const char *checkId, Verdict verdict)
{
    Finding f;
    f.checkId = QLatin1String(checkId);
    f.verdict = verdict;
    return f;
}

using SectionCounts = QMap<QString, QMap<Verdict, int>>;

} // namespace

class TestBenchCharts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void donutFollowsEachRun()
    {
        VerdictDonut donut;
        QVERIFY(donut.shownCounts().isEmpty());
        donut.setFindings({finding("1.1.1", Verdict::Pass), finding("2.1", Verdict::Warn),
                           finding("2.2", Verdict::Warn)});
        QCOMPARE(donut.shownCounts(), (QMap<Verdict, int>{{Verdict::Pass, 1}, {Verdict::Warn, 2}}));
        // A verdict that is gone leaves the chart; a new one appears.
        donut.setFindings({finding("2.1", Verdict::Pass), finding("2.2", Verdict::Error)});
        QCOMPARE(donut.shownCounts(),
                 (QMap<Verdict, int>{{Verdict::Pass, 1}, {Verdict::Error, 1}}));
        donut.setFindings({});
        QVERIFY(donut.shownCounts().isEmpty());
    }

    void barsKeepOrRebuildTheirSections()
    {
        const auto &catalogue = builtinCatalogue();
        if (!catalogue.ok()) {
            QFAIL(qPrintable(catalogue.error().message));
        }
        SectionBars bars(&catalogue.value());
        QVERIFY(bars.shownCounts().isEmpty());
        bars.setFindings({finding("1.1.1", Verdict::Pass), finding("2.1", Verdict::Warn),
                          finding("2.2", Verdict::Warn)});
        QCOMPARE(bars.shownCounts(), (SectionCounts{{QStringLiteral("1"), {{Verdict::Pass, 1}}},
                                                    {QStringLiteral("2"), {{Verdict::Warn, 2}}}}));
        // The same sections, other verdicts: values change in place.
        bars.setFindings({finding("1.1.1", Verdict::Warn), finding("2.1", Verdict::Pass),
                          finding("2.2", Verdict::Note)});
        QCOMPARE(bars.shownCounts(),
                 (SectionCounts{{QStringLiteral("1"), {{Verdict::Warn, 1}}},
                                {QStringLiteral("2"), {{Verdict::Pass, 1}, {Verdict::Note, 1}}}}));
        // Other sections: new categories.
        bars.setFindings({finding("5.10", Verdict::Warn), finding("7.1", Verdict::NotApplicable)});
        QCOMPARE(bars.shownCounts(),
                 (SectionCounts{{QStringLiteral("5"), {{Verdict::Warn, 1}}},
                                {QStringLiteral("7"), {{Verdict::NotApplicable, 1}}}}));
        bars.setFindings({});
        QVERIFY(bars.shownCounts().isEmpty());
    }
};

QTEST_MAIN(TestBenchCharts)
#include "tst_benchcharts.moc"
