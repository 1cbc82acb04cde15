// SPDX-License-Identifier: GPL-3.0-or-later
// The benchmark's charts: a donut of verdicts, stacked bars per section,
// and the verdict counts of two compared runs side by side.
#pragma once

#include "bench/run.h"

#include <QChartView>
#include <QMap>

QT_FORWARD_DECLARE_CLASS(QHorizontalStackedBarSeries)
QT_FORWARD_DECLARE_CLASS(QPieSeries)
QT_FORWARD_DECLARE_CLASS(QValueAxis)

namespace drydock::bench {
class Catalogue;
}

namespace drydock::ui {

// Counts per verdict of `findings`.
QMap<bench::Verdict, int> verdictCounts(const QList<bench::Finding> &findings);

// Colours the chart's text, grid and background from the widget palette,
// so that it reads in light and dark themes.
void applyPalette(QChart *chart, const QPalette &palette);

class VerdictDonut : public QChartView
{
    Q_OBJECT
public:
    explicit VerdictDonut(QWidget *parent = nullptr);
    void setFindings(const QList<bench::Finding> &findings);
    // What the slices show, for tests: verdict -> count (0 left out).
    QMap<bench::Verdict, int> shownCounts() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyDonutPalette();

    QPieSeries *m_series = nullptr; // one slice per verdict, in verdictOrder()
};

class SectionBars : public QChartView
{
    Q_OBJECT
public:
    explicit SectionBars(const bench::Catalogue *catalogue, QWidget *parent = nullptr);
    void setFindings(const QList<bench::Finding> &findings);
    // What the bars show, for tests: section id -> verdict -> count.
    QMap<QString, QMap<bench::Verdict, int>> shownCounts() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild(const QStringList &sections);

    const bench::Catalogue *m_catalogue = nullptr;
    QStringList m_sections;                          // the categories, bottom to top
    QHorizontalStackedBarSeries *m_series = nullptr; // one set per verdict, in verdictOrder()
    QValueAxis *m_valueAxis = nullptr;
};

// Two runs' verdict counts side by side, the score delta in the title.
class DeltaChart : public QChartView
{
    Q_OBJECT
public:
    explicit DeltaChart(QWidget *parent = nullptr);
    void setRuns(const bench::Run &before, const bench::Run &after);
    void clearRuns();

protected:
    void changeEvent(QEvent *event) override;
};

} // namespace drydock::ui
