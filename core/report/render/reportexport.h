// SPDX-License-Identifier: GPL-3.0-or-later
// Writes a report file in any format, with its evidence sidecar, so that an
// error leaves neither a half-written report nor a stray sidecar.
#pragma once

#include "pdfrenderer.h"
#include "report/reportdata.h"
#include "util/cancel.h"
#include "util/result.h"

#include <QByteArray>
#include <QString>

namespace drydock::report {

struct ExportOptions
{
    Format format = Format::Pdf;
    PdfOptions pdf;
};

// The report's bytes in `options.format`.
Result<QByteArray> renderReport(const ReportData &data, const ExportOptions &options,
                                const CancelToken *cancel = nullptr);

struct ExportedFiles
{
    QString report;
    QString sidecar;
    qint64 bytes = 0;
    int pageCount = 0; // PDF only
};

// Renders, then writes `path` and sidecarPath(path) atomically.
Result<ExportedFiles> exportReport(const ReportData &data, const QString &path,
                                   const ExportOptions &options,
                                   const CancelToken *cancel = nullptr);

// The format a file name asks for: ".html"/".htm", ".json", else PDF.
Format formatForPath(const QString &path);

} // namespace drydock::report
