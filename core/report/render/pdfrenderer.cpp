// SPDX-License-Identifier: GPL-3.0-or-later
// Lays the report out in pages and paints them into a PDF.
#include "pdfrenderer.h"

#include "chartobject.h"
#include "report/evidence.h"
#include "report/reporthtml.h"
#include "util/logging.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QElapsedTimer>
#include <QFont>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSet>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QTimeZone>

#include <memory>

namespace drydock::report {

namespace {

QStringList fontFamilies()
{
    // DejaVu covers Latin, Greek, Cyrillic and more; CJK names fall back to
    // WenQuanYi (Debian fonts-wqy-zenhei) or Noto CJK when installed, else
    // to whatever fontconfig finds.
    return {QStringLiteral("DejaVu Sans"), QStringLiteral("WenQuanYi Zen Hei"),
            QStringLiteral("Noto Sans CJK SC")};
}

QFont baseFont(double pointSize)
{
    QFont font;
    font.setFamilies(fontFamilies());
    font.setPointSizeF(pointSize);
    // Any letter spacing turns ligatures off: an "fi" ligature would come
    // out of pdftotext as U+FB01 and "failing" could not be searched for.
    // One 64th of a device pixel is invisible.
    font.setLetterSpacing(QFont::AbsoluteSpacing, 1.0 / 64);
    return font;
}

struct Geometry
{
    QRectF page;   // the printable area in device pixels, origin at its top-left
    QRectF header; // running header band
    QRectF body;   // where the document's pages go
    QRectF footer;
};

Geometry geometryFor(const QPdfWriter &writer, int resolution)
{
    const QRect paint = writer.pageLayout().paintRectPixels(resolution);
    Geometry g;
    g.page = QRectF(0, 0, paint.width(), paint.height());
    const double band = resolution * 0.4; // 0.4 inch for each of header and footer
    g.header = QRectF(0, 0, g.page.width(), band * 0.7);
    g.body = QRectF(0, band, g.page.width(), g.page.height() - 2 * band);
    g.footer = QRectF(0, g.page.height() - band * 0.7, g.page.width(), band * 0.7);
    return g;
}

struct Layout
{
    // The charts' handler outlives the document that uses it.
    std::unique_ptr<ChartObject> charts;
    std::unique_ptr<QTextDocument> document;
    QHash<QString, int> pages; // anchor -> page number (1-based)
};

Layout layOut(const ReportData &data, const HtmlOptions &htmlOptions, QPdfWriter &writer,
              const Geometry &geometry)
{
    Layout layout;
    layout.document = std::make_unique<QTextDocument>();
    QTextDocument *doc = layout.document.get();
    doc->documentLayout()->setPaintDevice(&writer);
    doc->setDefaultFont(baseFont(9.5));
    doc->setDocumentMargin(0);
    doc->setPageSize(geometry.body.size());
    QElapsedTimer timer;
    timer.start();
    const QString html = reportHtml(data, htmlOptions);
    const qint64 built = timer.elapsed();
    layout.charts = std::make_unique<ChartObject>(reportCharts(data));
    layout.charts->install(doc);
    doc->setHtml(html);
    const qint64 parsed = timer.elapsed();
    // Page numbers of the contents' anchors, from where their blocks landed.
    const double pageHeight = geometry.body.height();
    QSet<QString> wanted;
    for (const ContentsEntry &entry : contentsEntries(data)) {
        wanted.insert(entry.anchor);
    }
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QStringList names = it.fragment().charFormat().anchorNames();
            for (const QString &name : names) {
                if (wanted.contains(name) && !layout.pages.contains(name)) {
                    // Where its first line landed: a page break before the
                    // block moves the line, not the block's top.
                    const QTextLayout *text = block.layout();
                    double top = doc->documentLayout()->blockBoundingRect(block).top();
                    if (text && text->lineCount() > 0) {
                        top = text->position().y() + text->lineAt(0).y();
                    }
                    layout.pages.insert(name, static_cast<int>(top / pageHeight) + 1);
                }
            }
        }
    }
    qCDebug(lcReport) << "report pass: html" << built << "ms, parsed" << parsed << "ms, laid out"
                      << timer.elapsed() << "ms";
    return layout;
}

void paintBands(QPainter &painter, const Geometry &g, const ReportData &data, int page,
                int pageCount, const QString &digest)
{
    painter.save();
    QFont font = baseFont(7.5);
    painter.setFont(font);
    painter.setPen(QColor(0x61, 0x61, 0x61));
    const QString title = QStringLiteral("Lab report: ") + reportTitle(data);
    QString student = data.meta.studentName;
    if (!data.meta.studentId.isEmpty()) {
        student += QStringLiteral(" (%1)").arg(data.meta.studentId);
    }
    const QFontMetricsF metrics(font, painter.device());
    const double half = g.header.width() / 2 - metrics.horizontalAdvance(QLatin1Char('M'));
    painter.drawText(g.header, Qt::AlignLeft | Qt::AlignBottom,
                     metrics.elidedText(title, Qt::ElideRight, half));
    painter.drawText(g.header, Qt::AlignRight | Qt::AlignBottom,
                     metrics.elidedText(student, Qt::ElideRight, half));
    painter.setPen(QPen(QColor(0xb0, 0xbe, 0xc5), g.page.width() / 2000.0));
    painter.drawLine(QPointF(0, g.header.bottom() + g.header.height() * 0.15),
                     QPointF(g.header.width(), g.header.bottom() + g.header.height() * 0.15));
    painter.setPen(QColor(0x61, 0x61, 0x61));
    const QString left = QStringLiteral("Drydock %1 · %2 · evidence sha256 %3…")
                             .arg(data.meta.drydockVersion,
                                  data.meta.generatedAt.toTimeZone(QTimeZone::utc())
                                      .toString(QStringLiteral("yyyy-MM-dd")),
                                  digest.left(16));
    painter.drawText(g.footer, Qt::AlignLeft | Qt::AlignVCenter, left);
    painter.drawText(g.footer, Qt::AlignRight | Qt::AlignVCenter,
                     QStringLiteral("Page %1 of %2").arg(page).arg(pageCount));
    painter.restore();
}

} // namespace

Result<PdfDocument> renderPdf(const ReportData &data, const PdfOptions &options,
                              const CancelToken *cancel)
{
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()) == nullptr) {
        return makeError(ErrorKind::Internal,
                         QStringLiteral("The PDF renderer needs a QGuiApplication (for fonts)."));
    }
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(options.resolution);
    writer.setPageSize(
        QPageSize(options.pageSize == PageSize::Letter ? QPageSize::Letter : QPageSize::A4));
    writer.setPageMargins(QMarginsF(16, 14, 16, 12), QPageLayout::Millimeter);
    writer.setTitle(QStringLiteral("Lab report: ") + reportTitle(data));
    writer.setCreator(QStringLiteral("Drydock ") + data.meta.drydockVersion);
    const Geometry geometry = geometryFor(writer, options.resolution);

    // Two passes: the first finds where each section lands, the second
    // prints those page numbers in the contents. The contents has one row
    // per entry either way, so the numbers cannot move anything; a third
    // pass only runs if they did anyway.
    QElapsedTimer timer;
    timer.start();
    HtmlOptions htmlOptions;
    htmlOptions.flavour = HtmlFlavour::Print;
    htmlOptions.maxEvidenceRows = options.maxEvidenceRows;
    Layout layout = layOut(data, htmlOptions, writer, geometry);
    for (int pass = 0; pass < 2; ++pass) {
        if (cancel && cancel->isCancelled()) {
            return makeError(ErrorKind::Cancelled, QStringLiteral("Cancelled."));
        }
        if (pass > 0 && layout.pages == htmlOptions.pages) {
            break;
        }
        htmlOptions.pages = layout.pages;
        layout = layOut(data, htmlOptions, writer, geometry);
    }

    qCDebug(lcReport) << "report layout" << timer.elapsed() << "ms";
    QTextDocument *doc = layout.document.get();
    const int pageCount = doc->pageCount();
    const double pageHeight = geometry.body.height();
    const QString digest = evidenceDigest(data.inputs);
    QPainter painter;
    if (!painter.begin(&writer)) {
        return makeError(ErrorKind::Internal, QStringLiteral("Could not start the PDF writer."));
    }
    for (int page = 0; page < pageCount; ++page) {
        if (cancel && cancel->isCancelled()) {
            painter.end();
            return makeError(ErrorKind::Cancelled, QStringLiteral("Cancelled."));
        }
        if (page > 0) {
            writer.newPage();
            paintBands(painter, geometry, data, page + 1, pageCount, digest);
        }
        painter.save();
        painter.setClipRect(geometry.body);
        painter.translate(geometry.body.left(), geometry.body.top() - page * pageHeight);
        QAbstractTextDocumentLayout::PaintContext context;
        // Half a device pixel in from each edge: a line laid out at the top
        // of the next page touches this page's edge, and QTextLayout would
        // paint it here too, clipped out of sight but left in the PDF's
        // text, so pdftotext and searches found it twice.
        context.clip = QRectF(0, page * pageHeight + 0.5, geometry.body.width(), pageHeight - 1.0);
        context.palette.setColor(QPalette::Text, Qt::black);
        doc->documentLayout()->draw(&painter, context);
        painter.restore();
    }
    painter.end();
    buffer.close();
    qCDebug(lcReport) << "report layout and paint" << timer.elapsed() << "ms," << pageCount
                      << "pages";
    return PdfDocument{buffer.data(), pageCount};
}

} // namespace drydock::report
