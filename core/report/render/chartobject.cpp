// SPDX-License-Identifier: GPL-3.0-or-later
// Vector charts inside the report's text document.
#include "chartobject.h"

#include "report/reporthtml.h"

#include <QAbstractTextDocumentLayout>
#include <QFont>
#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QPainterPath>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

#include <algorithm>

namespace drydock::report {

namespace {

QPainterPath sectorPath(const Shape &s)
{
    // Qt's angles start at 3 o'clock and turn anticlockwise; the drawing's
    // start at 12 o'clock and turn clockwise.
    const double start = 90.0 - s.startAngle;
    const double span = -std::min(s.spanAngle, 360.0);
    const QRectF outer(s.x - s.outerRadius, s.y - s.outerRadius, 2 * s.outerRadius,
                       2 * s.outerRadius);
    const QRectF inner(s.x - s.innerRadius, s.y - s.innerRadius, 2 * s.innerRadius,
                       2 * s.innerRadius);
    QPainterPath path;
    path.arcMoveTo(outer, start);
    path.arcTo(outer, start, span);
    path.arcTo(inner, start + span, -span);
    path.closeSubpath();
    return path;
}

} // namespace

void paintDrawing(QPainter *painter, const Drawing &drawing, double scale, double dpi)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->scale(scale, scale);
    for (const Shape &s : drawing.shapes) {
        switch (s.kind) {
        case Shape::Kind::Rect:
            painter->fillRect(QRectF(s.x, s.y, s.width, s.height), QColor(s.colour));
            break;
        case Shape::Kind::Sector:
            painter->setPen(QPen(Qt::white, 1.0));
            painter->setBrush(QColor(s.colour));
            painter->drawPath(sectorPath(s));
            break;
        case Shape::Kind::Text: {
            QFont font = painter->font();
            font.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("WenQuanYi Zen Hei"),
                              QStringLiteral("Noto Sans CJK SC")});
            // The drawing's sizes are CSS pixels in scaled units; a point
            // on this device is dpi/72 unscaled units.
            font.setPointSizeF(s.fontSize * 72.0 / dpi);
            font.setBold(s.bold);
            // No ligatures, so the text extracts as typed (see pdfrenderer).
            font.setLetterSpacing(QFont::AbsoluteSpacing, 1.0 / 64);
            painter->setFont(font);
            painter->setPen(QColor(s.colour));
            const double width = QFontMetricsF(font, painter->device()).horizontalAdvance(s.text);
            double x = s.x;
            if (s.anchor == Shape::Anchor::Middle) {
                x -= width / 2;
            } else if (s.anchor == Shape::Anchor::End) {
                x -= width;
            }
            painter->drawText(QPointF(x, s.y), s.text);
            break;
        }
        }
    }
    painter->restore();
}

ChartObject::ChartObject(const QList<Drawing> &drawings, QObject *parent) : QObject(parent)
{
    for (const Drawing &drawing : drawings) {
        m_drawings.insert(drawing.id, drawing);
    }
}

double ChartObject::scaleFor(QTextDocument *document, const Drawing &drawing) const
{
    const QPaintDevice *device = document->documentLayout()->paintDevice();
    const double dpi = device ? device->logicalDpiX() : 96.0;
    double scale = dpi / 96.0;
    // Never wider than the text column.
    const double available =
        document->textWidth() > 0 ? document->textWidth() : document->pageSize().width();
    if (available > 0 && drawing.width * scale > available * 0.98) {
        scale = available * 0.98 / drawing.width;
    }
    return scale;
}

QSizeF ChartObject::intrinsicSize(QTextDocument *document, int, const QTextFormat &format)
{
    const auto drawing = m_drawings.constFind(chartId(format));
    if (drawing == m_drawings.constEnd()) {
        return QSizeF(1, 1);
    }
    const double scale = scaleFor(document, *drawing);
    return QSizeF(drawing->width * scale, drawing->height * scale);
}

void ChartObject::drawObject(QPainter *painter, const QRectF &rect, QTextDocument *document, int,
                             const QTextFormat &format)
{
    const auto drawing = m_drawings.constFind(chartId(format));
    if (drawing == m_drawings.constEnd()) {
        return;
    }
    const QPaintDevice *device = document->documentLayout()->paintDevice();
    const double dpi = device ? device->logicalDpiX() : 96.0;
    painter->save();
    painter->translate(rect.topLeft());
    paintDrawing(painter, *drawing, scaleFor(document, *drawing), dpi);
    painter->restore();
}

void ChartObject::install(QTextDocument *document)
{
    // The report has no other images: the chart handler takes the place of
    // the image handler, so the document is never edited after it is laid
    // out (edits after setHtml() left stale block positions behind).
    document->documentLayout()->registerHandler(QTextFormat::ImageObject, this);
}

QString ChartObject::chartId(const QTextFormat &format)
{
    const QString scheme = QLatin1String(kChartScheme);
    const QString name = format.toImageFormat().name();
    return name.startsWith(scheme) ? name.mid(scheme.size()) : QString();
}

} // namespace drydock::report
