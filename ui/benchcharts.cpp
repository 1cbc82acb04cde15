// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchcharts.h"

#include "verdictstyle.h"

#include "bench/catalogue.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QEvent>
#include <QHorizontalStackedBarSeries>
#include <QLegendMarker>
#include <QPieSeries>
#include <QPieSlice>
#include <QValueAxis>

namespace drydock::ui {

using bench::Finding;
using bench::Verdict;

namespace {

QChart *newChart()
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

void prepareView(QChartView *view, const QString &name)
{
    view->setRenderHint(QPainter::Antialiasing);
    view->setAccessibleName(name);
    view->setMinimumSize(240, 200);
    view->setChart(newChart());
}

} // namespace

QMap<Verdict, int> verdictCounts(const QList<Finding> &findings)
{
    QMap<Verdict, int> counts;
    for (const Finding &finding : findings) {
        ++counts[finding.verdict];
    }
    return counts;
}

void applyPalette(QChart *chart, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setBackgroundPen(QPen(palette.color(QPalette::Mid)));
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsColor(text);
        axis->setLinePenColor(palette.color(QPalette::Mid));
        axis->setGridLineColor(palette.color(QPalette::Midlight));
        axis->setTitleBrush(text);
    }
}

VerdictDonut::VerdictDonut(QWidget *parent) : QChartView(parent)
{
    prepareView(this, tr("Verdicts chart"));
    chart()->setTitle(tr("Verdicts"));
    // The verdict buttons beside the chart carry the same colours and the
    // counts: they are its legend.
    chart()->legend()->hide();
    applyPalette(chart(), palette());
}

void VerdictDonut::setFindings(const QList<Finding> &findings)
{
    m_counts = verdictCounts(findings);
    chart()->removeAllSeries();
    auto *series = new QPieSeries;
    series->setHoleSize(0.5);
    series->setPieSize(0.85);
    for (const Verdict verdict : verdictOrder()) {
        const int count = m_counts.value(verdict);
        if (count == 0) {
            m_counts.remove(verdict);
            continue;
        }
        QPieSlice *slice =
            series->append(QStringLiteral("%1 (%2)").arg(verdictTitle(verdict)).arg(count), count);
        slice->setColor(verdictColor(verdict));
        slice->setBorderColor(palette().color(QPalette::Base));
    }
    chart()->addSeries(series);
    chart()->setTitle(tr("Verdicts of %n check(s)", nullptr, int(findings.size())));
    applyPalette(chart(), palette());
}

void VerdictDonut::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette(chart(), palette());
    }
}

SectionBars::SectionBars(const bench::Catalogue *catalogue, QWidget *parent)
    : QChartView(parent), m_catalogue(catalogue)
{
    prepareView(this, tr("Verdicts per section chart"));
    chart()->setTitle(tr("Per section"));
    applyPalette(chart(), palette());
}

void SectionBars::setFindings(const QList<Finding> &findings)
{
    m_counts.clear();
    QStringList sections;
    for (const Finding &finding : findings) {
        const QString section = bench::sectionOfCheckId(finding.checkId);
        if (!sections.contains(section)) {
            sections.append(section);
        }
        ++m_counts[section][finding.verdict];
    }
    std::sort(sections.begin(), sections.end(),
              [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    // Horizontal bars list their first category at the bottom: reverse, so
    // section 1 reads at the top.
    std::reverse(sections.begin(), sections.end());

    QChart *c = chart();
    c->removeAllSeries();
    const auto oldAxes = c->axes();
    for (QAbstractAxis *axis : oldAxes) {
        c->removeAxis(axis);
        delete axis;
    }
    auto *series = new QHorizontalStackedBarSeries;
    series->setBarWidth(0.7);
    for (const Verdict verdict : verdictOrder()) {
        auto *set = new QBarSet(verdictTitle(verdict));
        set->setColor(verdictColor(verdict));
        set->setBorderColor(verdictColor(verdict));
        bool any = false;
        for (const QString &section : std::as_const(sections)) {
            const int count = m_counts.value(section).value(verdict);
            any = any || count > 0;
            *set << count;
        }
        if (any) {
            series->append(set);
        } else {
            delete set;
        }
    }
    c->addSeries(series);
    QStringList categories;
    for (const QString &section : std::as_const(sections)) {
        const bench::SectionInfo *info = m_catalogue ? m_catalogue->section(section) : nullptr;
        categories.append(info ? shortSectionTitle(section, info->title) : section);
    }
    auto *categoryAxis = new QBarCategoryAxis;
    categoryAxis->append(categories);
    categoryAxis->setGridLineVisible(false);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    categoryAxis->setLabelsFont(small);
    categoryAxis->setTruncateLabels(false);
    auto *valueAxis = new QValueAxis;
    valueAxis->setLabelFormat(QStringLiteral("%d"));
    valueAxis->setLabelsFont(small);
    c->addAxis(categoryAxis, Qt::AlignLeft);
    c->addAxis(valueAxis, Qt::AlignBottom);
    series->attachAxis(categoryAxis);
    series->attachAxis(valueAxis);
    valueAxis->applyNiceNumbers();
    applyPalette(c, palette());
}

void SectionBars::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette(chart(), palette());
    }
}

DeltaChart::DeltaChart(QWidget *parent) : QChartView(parent)
{
    prepareView(this, tr("Comparison chart"));
    applyPalette(chart(), palette());
}

void DeltaChart::clearRuns()
{
    chart()->removeAllSeries();
    const auto oldAxes = chart()->axes();
    for (QAbstractAxis *axis : oldAxes) {
        chart()->removeAxis(axis);
        delete axis;
    }
    chart()->setTitle(tr("Choose two runs to compare"));
}

void DeltaChart::setRuns(const bench::Run &before, const bench::Run &after)
{
    clearRuns();
    const QMap<Verdict, int> a = verdictCounts(before.findings);
    const QMap<Verdict, int> b = verdictCounts(after.findings);
    auto *series = new QBarSeries;
    auto *beforeSet = new QBarSet(tr("Before"));
    auto *afterSet = new QBarSet(tr("After"));
    // Before in the palette's neutral tone, after in the highlight: the
    // verdict colours name the categories already.
    beforeSet->setColor(palette().color(QPalette::Mid));
    afterSet->setColor(palette().color(QPalette::Highlight));
    QStringList categories;
    int top = 1;
    for (const Verdict verdict : verdictOrder()) {
        categories.append(verdictShortTitle(verdict));
        *beforeSet << a.value(verdict);
        *afterSet << b.value(verdict);
        top = std::max({top, a.value(verdict), b.value(verdict)});
    }
    series->append(beforeSet);
    series->append(afterSet);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setBarWidth(0.7);
    chart()->addSeries(series);
    auto *categoryAxis = new QBarCategoryAxis;
    categoryAxis->append(categories);
    auto *valueAxis = new QValueAxis;
    valueAxis->setRange(0, top * 1.15);
    valueAxis->applyNiceNumbers();
    valueAxis->setLabelFormat(QStringLiteral("%d"));
    chart()->addAxis(categoryAxis, Qt::AlignBottom);
    chart()->addAxis(valueAxis, Qt::AlignLeft);
    series->attachAxis(categoryAxis);
    series->attachAxis(valueAxis);
    const double delta = after.score.percent() - before.score.percent();
    chart()->setTitle(tr("Score %1 % → %2 % (%3%4 points); reference %5 → %6")
                          .arg(before.score.percent(), 0, 'f', 1)
                          .arg(after.score.percent(), 0, 'f', 1)
                          .arg(delta >= 0 ? QStringLiteral("+") : QString())
                          .arg(delta, 0, 'f', 1)
                          .arg(before.score.reference)
                          .arg(after.score.reference));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    for (QBarSet *set : {beforeSet, afterSet}) {
        set->setLabelColor(palette().color(QPalette::WindowText));
        set->setLabelFont(small);
    }
    applyPalette(chart(), palette());
}

void DeltaChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette(chart(), palette());
    }
}

} // namespace drydock::ui
