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
    // One slice per verdict for the chart's lifetime: a new run changes
    // their values, which costs the GUI thread far less than new slices.
    m_series = new QPieSeries;
    m_series->setHoleSize(0.5);
    m_series->setPieSize(0.85);
    for (const Verdict verdict : verdictOrder()) {
        QPieSlice *slice = m_series->append(verdictTitle(verdict), 0);
        slice->setColor(verdictColor(verdict));
    }
    chart()->addSeries(m_series);
    applyDonutPalette();
}

void VerdictDonut::setFindings(const QList<Finding> &findings)
{
    const QMap<Verdict, int> counts = verdictCounts(findings);
    const QList<QPieSlice *> slices = m_series->slices();
    for (int i = 0; i < slices.size(); ++i) {
        const Verdict verdict = verdictOrder().at(i);
        const int count = counts.value(verdict);
        slices.at(i)->setValue(count);
        slices.at(i)->setLabel(QStringLiteral("%1 (%2)").arg(verdictTitle(verdict)).arg(count));
    }
    chart()->setTitle(tr("Verdicts of %n check(s)", nullptr, int(findings.size())));
}

QMap<Verdict, int> VerdictDonut::shownCounts() const
{
    QMap<Verdict, int> counts;
    const QList<QPieSlice *> slices = m_series->slices();
    for (int i = 0; i < slices.size(); ++i) {
        if (slices.at(i)->value() > 0) {
            counts.insert(verdictOrder().at(i), int(slices.at(i)->value()));
        }
    }
    return counts;
}

void VerdictDonut::applyDonutPalette()
{
    applyPalette(chart(), palette());
    const auto slices = m_series->slices();
    for (QPieSlice *slice : slices) {
        slice->setBorderColor(palette().color(QPalette::Base));
    }
}

void VerdictDonut::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyDonutPalette();
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
    QMap<QString, QMap<Verdict, int>> counts;
    QStringList sections;
    for (const Finding &finding : findings) {
        const QString section = bench::sectionOfCheckId(finding.checkId);
        if (!sections.contains(section)) {
            sections.append(section);
        }
        ++counts[section][finding.verdict];
    }
    std::sort(sections.begin(), sections.end(),
              [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    // Horizontal bars list their first category at the bottom: reverse, so
    // section 1 reads at the top.
    std::reverse(sections.begin(), sections.end());

    // The same sections as the run shown (the usual case: the same choice
    // run again) only change the bars' values, which is cheap; other
    // sections need new categories and so a new series.
    if (!m_series || sections != m_sections) {
        rebuild(sections);
    }
    const QList<QBarSet *> sets = m_series->barSets();
    // Verdicts that no section has stay out of the legend.
    const QList<QLegendMarker *> markers = chart()->legend()->markers(m_series);
    for (int v = 0; v < sets.size(); ++v) {
        const Verdict verdict = verdictOrder().at(v);
        bool any = false;
        for (int i = 0; i < sections.size(); ++i) {
            const int count = counts.value(sections.at(i)).value(verdict);
            any = any || count > 0;
            sets.at(v)->replace(i, count);
        }
        if (v < markers.size()) {
            markers.at(v)->setVisible(any);
        }
    }
    int highest = 0;
    for (const auto &perVerdict : std::as_const(counts)) {
        int total = 0;
        for (const int count : perVerdict) {
            total += count;
        }
        highest = std::max(highest, total);
    }
    m_valueAxis->setRange(0, std::max(1, highest));
    m_valueAxis->applyNiceNumbers();
}

void SectionBars::rebuild(const QStringList &sections)
{
    QChart *c = chart();
    c->removeAllSeries();
    const auto oldAxes = c->axes();
    for (QAbstractAxis *axis : oldAxes) {
        c->removeAxis(axis);
        delete axis;
    }
    m_sections = sections;
    m_series = new QHorizontalStackedBarSeries;
    m_series->setBarWidth(0.7);
    for (const Verdict verdict : verdictOrder()) {
        auto *set = new QBarSet(verdictTitle(verdict));
        set->setColor(verdictColor(verdict));
        set->setBorderColor(verdictColor(verdict));
        for (int i = 0; i < sections.size(); ++i) {
            *set << 0;
        }
        m_series->append(set);
    }
    c->addSeries(m_series);
    QStringList categories;
    for (const QString &section : sections) {
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
    m_valueAxis = new QValueAxis;
    m_valueAxis->setLabelFormat(QStringLiteral("%d"));
    m_valueAxis->setLabelsFont(small);
    c->addAxis(categoryAxis, Qt::AlignLeft);
    c->addAxis(m_valueAxis, Qt::AlignBottom);
    m_series->attachAxis(categoryAxis);
    m_series->attachAxis(m_valueAxis);
    applyPalette(c, palette());
}

QMap<QString, QMap<Verdict, int>> SectionBars::shownCounts() const
{
    QMap<QString, QMap<Verdict, int>> counts;
    if (!m_series) {
        return counts;
    }
    const QList<QBarSet *> sets = m_series->barSets();
    for (int v = 0; v < sets.size(); ++v) {
        for (int i = 0; i < m_sections.size(); ++i) {
            const int count = int(sets.at(v)->at(i));
            if (count > 0) {
                counts[m_sections.at(i)][verdictOrder().at(v)] = count;
            }
        }
    }
    return counts;
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
