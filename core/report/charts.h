// SPDX-License-Identifier: GPL-3.0-or-later
// The report's charts as plain drawings (rectangles, ring sectors, text) so
// one layout feeds both the SVG of the HTML report and the vector QPainter
// drawing of the PDF.
#pragma once

#include "reportdata.h"

#include <QList>
#include <QString>

namespace drydock::report {

struct Shape
{
    enum class Kind {
        Rect,
        Sector, // a ring sector: centre (x, y), radii, angles in degrees
        Text,   // baseline at (x, y)
    };
    enum class Anchor {
        Start,
        Middle,
        End,
    };
    Kind kind = Kind::Rect;
    double x = 0.0;
    double y = 0.0;
    double width = 0.0; // Rect
    double height = 0.0;
    double outerRadius = 0.0; // Sector
    double innerRadius = 0.0;
    double startAngle = 0.0; // 0 = 12 o'clock, clockwise
    double spanAngle = 0.0;
    QString colour; // "#rrggbb", the fill (or the text colour)
    QString text;
    double fontSize = 10.0; // CSS px
    bool bold = false;
    Anchor anchor = Anchor::Start;
};

// Sizes in CSS pixels (1/96 inch): the PDF scales them to its resolution.
struct Drawing
{
    QString id;    // "verdicts", "sections", "comparison"
    QString title; // an accessible description
    double width = 0.0;
    double height = 0.0;
    QList<Shape> shapes;
};

QString verdictColour(bench::Verdict verdict);

// A donut of verdict counts, the score in its middle (the legend is the
// report's verdict table).
Drawing verdictDonut(const bench::Run &run);
// Horizontal stacked bars (pass / warn / other) per benchmark section.
Drawing sectionBars(const bench::Run &run);
// Two stacked bars, before and after, with the score delta.
Drawing comparisonBars(const bench::Run &before, const bench::Run &after);

QString drawingToSvg(const Drawing &drawing);

} // namespace drydock::report
