// SPDX-License-Identifier: GPL-3.0-or-later
// The report as PDF: the report's HTML laid out into pages by QTextDocument,
// with running headers, page numbers, a contents page that knows where each
// section starts, and vector charts.
#pragma once

#include "report/reportdata.h"
#include "util/cancel.h"
#include "util/result.h"

#include <QByteArray>

namespace drydock::report {

struct PdfOptions
{
    PageSize pageSize = PageSize::A4;
    int resolution = 300; // the layout's device resolution; text and charts stay vectors
    int maxEvidenceRows = 25;
};

struct PdfDocument
{
    QByteArray bytes;
    int pageCount = 0;
};

// Renders in memory. Safe on any thread: it creates its own document and
// writer. Needs a QGuiApplication (fonts).
Result<PdfDocument> renderPdf(const ReportData &data, const PdfOptions &options = {},
                              const CancelToken *cancel = nullptr);

} // namespace drydock::report
