// SPDX-License-Identifier: GPL-3.0-or-later
// Chart layout as drawings, and their SVG form.
#include "charts.h"

#include <QLocale>
#include <QPointF>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace drydock::report {

using bench::Verdict;

namespace {

const QString kPassColour = QStringLiteral("#2e7d32");
const QString kWarnColour = QStringLiteral("#c62828");
const QString kOtherColour = QStringLiteral("#90a4ae");
const QString kTextColour = QStringLiteral("#212121");
const QString kMutedColour = QStringLiteral("#616161");

Shape rect(double x, double y, double w, double h, const QString &colour)
{
    Shape shape;
    shape.kind = Shape::Kind::Rect;
    shape.x = x;
    shape.y = y;
    shape.width = w;
    shape.height = h;
    shape.colour = colour;
    return shape;
}

Shape text(double x, double y, const QString &content, double size,
           Shape::Anchor anchor = Shape::Anchor::Start, bool bold = false,
           const QString &colour = kTextColour)
{
    Shape shape;
    shape.kind = Shape::Kind::Text;
    shape.x = x;
    shape.y = y;
    shape.text = content;
    shape.fontSize = size;
    shape.anchor = anchor;
    shape.bold = bold;
    shape.colour = colour;
    return shape;
}

QString percentText(double percent)
{
    return QLocale::c().toString(percent, 'f', 0) + QLatin1Char('%');
}

QString signedNumber(int value)
{
    return value > 0 ? QStringLiteral("+%1").arg(value) : QString::number(value);
}

// One stacked bar of pass / warn / other, `length` long for `scale` checks.
void stackedBar(Drawing &drawing, double x, double y, double length, double height, int scale,
                const SectionCounts &counts)
{
    const int parts[] = {counts.pass, counts.warn, counts.other};
    const QString colours[] = {kPassColour, kWarnColour, kOtherColour};
    double at = x;
    for (int i = 0; i < 3; ++i) {
        if (parts[i] == 0 || scale == 0) {
            continue;
        }
        const double w = length * parts[i] / scale;
        drawing.shapes.append(rect(at, y, w, height, colours[i]));
        at += w;
    }
}

void legend(Drawing &drawing, double x, double y)
{
    const QString labels[] = {QStringLiteral("pass"), QStringLiteral("warn"),
                              QStringLiteral("other (info, note, n/a, error)")};
    const QString colours[] = {kPassColour, kWarnColour, kOtherColour};
    double at = x;
    for (int i = 0; i < 3; ++i) {
        drawing.shapes.append(rect(at, y - 9, 10, 10, colours[i]));
        drawing.shapes.append(text(at + 14, y, labels[i], 10.5));
        at += 14 + 8.0 * labels[i].size() + 14;
    }
}

SectionCounts totals(const bench::Run &run)
{
    const VerdictCounts counts = countVerdicts(run);
    return SectionCounts{QString(), QString(), counts.pass, counts.warn,
                         counts.total() - counts.pass - counts.warn};
}

QString countsText(const SectionCounts &counts)
{
    return QStringLiteral("%1 pass · %2 warn · %3 other")
        .arg(counts.pass)
        .arg(counts.warn)
        .arg(counts.other);
}

} // namespace

QString verdictColour(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return kPassColour;
    case Verdict::Warn:
        return kWarnColour;
    case Verdict::Info:
        return QStringLiteral("#1565c0");
    case Verdict::Note:
        return QStringLiteral("#6a1b9a");
    case Verdict::NotApplicable:
        return QStringLiteral("#9e9e9e");
    case Verdict::Error:
        return QStringLiteral("#ef6c00");
    }
    return kOtherColour;
}

Drawing verdictDonut(const bench::Run &run)
{
    Drawing drawing;
    drawing.id = QStringLiteral("verdicts");
    // No legend: the report sets the ring beside its verdict table, which
    // names the colours and counts.
    drawing.width = 200;
    drawing.height = 200;
    const VerdictCounts counts = countVerdicts(run);
    const double cx = 100;
    const double cy = 100;
    const Verdict order[] = {Verdict::Pass, Verdict::Warn,          Verdict::Info,
                             Verdict::Note, Verdict::NotApplicable, Verdict::Error};
    QStringList parts;
    double angle = 0.0;
    for (const Verdict verdict : order) {
        const int value = counts.of(verdict);
        parts << QStringLiteral("%1 %2").arg(value).arg(bench::verdictLabel(verdict));
        if (value == 0 || counts.total() == 0) {
            continue;
        }
        Shape sector;
        sector.kind = Shape::Kind::Sector;
        sector.x = cx;
        sector.y = cy;
        sector.outerRadius = 88;
        sector.innerRadius = 54;
        sector.startAngle = angle;
        sector.spanAngle = 360.0 * value / counts.total();
        sector.colour = verdictColour(verdict);
        drawing.shapes.append(sector);
        angle += sector.spanAngle;
    }
    if (counts.total() == 0) {
        Shape ring;
        ring.kind = Shape::Kind::Sector;
        ring.x = cx;
        ring.y = cy;
        ring.outerRadius = 88;
        ring.innerRadius = 54;
        ring.spanAngle = 360.0;
        ring.colour = QStringLiteral("#e0e0e0");
        drawing.shapes.append(ring);
    }
    drawing.shapes.append(
        text(cx, cy + 4, percentText(run.score.percent()), 24, Shape::Anchor::Middle, true));
    drawing.shapes.append(text(cx, cy + 22, QStringLiteral("score %1").arg(run.score.reference), 11,
                               Shape::Anchor::Middle, false, kMutedColour));
    drawing.title = QStringLiteral("Verdicts: ") + parts.join(QStringLiteral(", "));
    return drawing;
}

Drawing sectionBars(const bench::Run &run)
{
    Drawing drawing;
    drawing.id = QStringLiteral("sections");
    const QList<SectionCounts> sections = countSections(run);
    int scale = 1;
    for (const SectionCounts &s : sections) {
        scale = std::max(scale, s.pass + s.warn + s.other);
    }
    drawing.width = 680;
    const double rowHeight = 26;
    drawing.height = 34 + rowHeight * sections.size();
    legend(drawing, 0, 14);
    double y = 30;
    QStringList parts;
    for (const SectionCounts &s : sections) {
        QString label = s.id + QLatin1Char(' ') + s.title;
        if (label.size() > 34) {
            label = label.left(33) + QChar(0x2026);
        }
        drawing.shapes.append(text(0, y + 14, label, 11));
        drawing.shapes.append(rect(238, y + 1, 280, 18, QStringLiteral("#f2f2f2")));
        stackedBar(drawing, 238, y + 1, 280, 18, scale, s);
        drawing.shapes.append(
            text(526, y + 14, countsText(s), 10, Shape::Anchor::Start, false, kMutedColour));
        parts << s.id + QLatin1Char(' ') + countsText(s);
        y += rowHeight;
    }
    drawing.title = QStringLiteral("Per section: ") + parts.join(QStringLiteral("; "));
    return drawing;
}

Drawing comparisonBars(const bench::Run &before, const bench::Run &after)
{
    Drawing drawing;
    drawing.id = QStringLiteral("comparison");
    drawing.width = 680;
    drawing.height = 124;
    const SectionCounts rows[] = {totals(before), totals(after)};
    const QString labels[] = {QStringLiteral("Before"), QStringLiteral("After")};
    const QString dates[] = {before.startedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                             after.startedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))};
    int scale = 1;
    for (const SectionCounts &row : rows) {
        scale = std::max(scale, row.pass + row.warn + row.other);
    }
    legend(drawing, 0, 14);
    double y = 30;
    for (int i = 0; i < 2; ++i) {
        drawing.shapes.append(text(0, y + 14, labels[i], 12, Shape::Anchor::Start, true));
        drawing.shapes.append(
            text(62, y + 14, dates[i], 10, Shape::Anchor::Start, false, kMutedColour));
        drawing.shapes.append(rect(238, y + 1, 280, 18, QStringLiteral("#f2f2f2")));
        stackedBar(drawing, 238, y + 1, 280, 18, scale, rows[i]);
        drawing.shapes.append(
            text(526, y + 14, countsText(rows[i]), 10, Shape::Anchor::Start, false, kMutedColour));
        y += 28;
    }
    const int delta = after.score.reference - before.score.reference;
    const QString line =
        QStringLiteral("Score %1 → %2 (%3), %4 → %5")
            .arg(before.score.reference)
            .arg(after.score.reference)
            .arg(signedNumber(delta))
            .arg(percentText(before.score.percent()), percentText(after.score.percent()));
    drawing.shapes.append(text(0, y + 20, line, 12.5, Shape::Anchor::Start, true,
                               delta >= 0 ? kPassColour : kWarnColour));
    drawing.title = QStringLiteral("Before: %1. After: %2. %3")
                        .arg(countsText(rows[0]), countsText(rows[1]), line);
    return drawing;
}

namespace {

QString num(double value)
{
    return QLocale::c().toString(value, 'f', 2);
}

QPointF polar(double cx, double cy, double radius, double degrees)
{
    const double radians = degrees * std::numbers::pi / 180.0;
    return QPointF(cx + radius * std::sin(radians), cy - radius * std::cos(radians));
}

QString sectorPath(const Shape &s)
{
    // A full ring cannot be one arc: draw it as two halves.
    const double span = std::min(s.spanAngle, 359.99);
    const QPointF o1 = polar(s.x, s.y, s.outerRadius, s.startAngle);
    const QPointF o2 = polar(s.x, s.y, s.outerRadius, s.startAngle + span);
    const QPointF i2 = polar(s.x, s.y, s.innerRadius, s.startAngle + span);
    const QPointF i1 = polar(s.x, s.y, s.innerRadius, s.startAngle);
    const int large = span > 180.0 ? 1 : 0;
    return QStringLiteral("M%1 %2 A%3 %3 0 %4 1 %5 %6 L%7 %8 A%9 %9 0 %4 0 %10 %11 Z")
        .arg(num(o1.x()), num(o1.y()), num(s.outerRadius), QString::number(large), num(o2.x()),
             num(o2.y()), num(i2.x()), num(i2.y()), num(s.innerRadius))
        .arg(num(i1.x()), num(i1.y()));
}

} // namespace

QString drawingToSvg(const Drawing &drawing)
{
    QString svg = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                                 "width=\"%1\" height=\"%2\" viewBox=\"0 0 %1 %2\" "
                                 "aria-label=\"%3\">")
                      .arg(num(drawing.width), num(drawing.height), drawing.title.toHtmlEscaped());
    for (const Shape &s : drawing.shapes) {
        switch (s.kind) {
        case Shape::Kind::Rect:
            svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" "
                                  "fill=\"%5\"/>")
                       .arg(num(s.x), num(s.y), num(s.width), num(s.height), s.colour);
            break;
        case Shape::Kind::Sector:
            svg += QStringLiteral("<path d=\"%1\" fill=\"%2\" stroke=\"#ffffff\" "
                                  "stroke-width=\"1\"/>")
                       .arg(sectorPath(s), s.colour);
            break;
        case Shape::Kind::Text: {
            const QString anchor = s.anchor == Shape::Anchor::Middle ? QStringLiteral("middle")
                                   : s.anchor == Shape::Anchor::End  ? QStringLiteral("end")
                                                                     : QStringLiteral("start");
            svg += QStringLiteral("<text x=\"%1\" y=\"%2\" font-size=\"%3\" fill=\"%4\" "
                                  "text-anchor=\"%5\"%6>%7</text>")
                       .arg(num(s.x), num(s.y), num(s.fontSize), s.colour, anchor,
                            s.bold ? QStringLiteral(" font-weight=\"bold\"") : QString(),
                            s.text.toHtmlEscaped());
            break;
        }
        }
    }
    svg += QStringLiteral("</svg>");
    return svg;
}

} // namespace drydock::report
