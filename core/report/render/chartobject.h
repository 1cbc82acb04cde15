// SPDX-License-Identifier: GPL-3.0-or-later
// Draws the report's charts into a QTextDocument as vector graphics: a text
// object handler that paints a Drawing with QPainter, so the PDF carries
// paths and text, not pixels.
#pragma once

#include "report/charts.h"

#include <QHash>
#include <QObject>
#include <QTextObjectInterface>

class QPainter;

namespace drydock::report {

// Paints `drawing` with its top-left at the painter's origin; one drawing
// unit is `scale` painter units. Fonts are sized for a device of `dpi`.
void paintDrawing(QPainter *painter, const Drawing &drawing, double scale, double dpi);

class ChartObject : public QObject, public QTextObjectInterface
{
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
public:
    explicit ChartObject(const QList<Drawing> &drawings, QObject *parent = nullptr);

    QSizeF intrinsicSize(QTextDocument *document, int position, const QTextFormat &format) override;
    void drawObject(QPainter *painter, const QRectF &rect, QTextDocument *document, int position,
                    const QTextFormat &format) override;

    // Draws the `<img src="drydock-chart:...">` of reportHtml() in
    // `document`; call it before setting the document's HTML.
    void install(QTextDocument *document);

private:
    static QString chartId(const QTextFormat &format);
    double scaleFor(QTextDocument *document, const Drawing &drawing) const;

    QHash<QString, Drawing> m_drawings;
};

} // namespace drydock::report
