// SPDX-License-Identifier: GPL-3.0-or-later
// Rendering in each format and writing the files.
#include "reportexport.h"

#include "report/evidence.h"
#include "report/reporthtml.h"
#include "report/reportjson.h"
#include "util/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace drydock::report {

namespace {

// Fails early, before a long render, when the folder cannot take the file.
Result<void> checkWritable(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists() && info.isDir()) {
        return makeError(ErrorKind::BadInput, QStringLiteral("%1 is a folder.").arg(path),
                         QStringLiteral("Give a file name for the report."));
    }
    const QFileInfo folder(info.absolutePath());
    if (!folder.exists()) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("The folder %1 does not exist.").arg(folder.filePath()),
                         QStringLiteral("Create it first or choose another output path."));
    }
    if (!folder.isDir() || !folder.isWritable()) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("Cannot write in %1.").arg(folder.filePath()),
                         QStringLiteral("Choose a folder you can write to."));
    }
    return {};
}

} // namespace

Format formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) {
        return Format::Html;
    }
    if (suffix == QLatin1String("json")) {
        return Format::Json;
    }
    return Format::Pdf;
}

Result<QByteArray> renderReport(const ReportData &data, const ExportOptions &options,
                                const CancelToken *cancel)
{
    switch (options.format) {
    case Format::Pdf: {
        auto pdf = renderPdf(data, options.pdf, cancel);
        if (!pdf) {
            return pdf.error();
        }
        return pdf->bytes;
    }
    case Format::Html: {
        HtmlOptions html;
        html.flavour = HtmlFlavour::Web;
        html.maxEvidenceRows = options.pdf.maxEvidenceRows;
        return reportHtml(data, html).toUtf8();
    }
    case Format::Json:
        return reportJson(data);
    }
    return makeError(ErrorKind::Internal, QStringLiteral("Unknown report format."));
}

Result<ExportedFiles> exportReport(const ReportData &data, const QString &path,
                                   const ExportOptions &options, const CancelToken *cancel)
{
    if (auto writable = checkWritable(path); !writable) {
        return writable.error();
    }
    ExportedFiles files;
    files.report = path;
    files.sidecar = sidecarPath(path);
    QByteArray bytes;
    if (options.format == Format::Pdf) {
        auto pdf = renderPdf(data, options.pdf, cancel);
        if (!pdf) {
            return pdf.error();
        }
        bytes = pdf->bytes;
        files.pageCount = pdf->pageCount;
    } else {
        auto rendered = renderReport(data, options, cancel);
        if (!rendered) {
            return rendered.error();
        }
        bytes = *rendered;
    }
    if (cancel && cancel->isCancelled()) {
        return makeError(ErrorKind::Cancelled, QStringLiteral("Cancelled."));
    }
    files.bytes = bytes.size();
    const QByteArray sidecar = evidenceSidecar(data, QFileInfo(path).fileName(), bytes);
    if (auto written = writeFileAtomically(path, bytes); !written) {
        return written.error();
    }
    if (auto written = writeFileAtomically(files.sidecar, sidecar); !written) {
        // A report without its sidecar cannot be verified: take it back.
        QFile::remove(path);
        return written.error();
    }
    return files;
}

} // namespace drydock::report
