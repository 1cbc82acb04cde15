// SPDX-License-Identifier: GPL-3.0-or-later
// drydock report: the lab report (PDF, HTML or JSON) from saved results.
#include "commands.h"

#include "cli.h"

#include "report/evidence.h"
#include "report/render/reportexport.h"
#include "report/reportsources.h"
#include "util/exitcode.h"

#include <QDateTime>

using namespace drydock::report;

namespace drydock::app {

namespace {

const QString kCommand = QStringLiteral("report");

QString option(const QCommandLineParser &parser, const char *name)
{
    return parser.value(QString::fromLatin1(name));
}

} // namespace

int reportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Writes the lab report from saved benchmark runs, lab progress and the "
                       "content-trust history, with an evidence sidecar FILE.evidence.json."));
    parser.addOptions({
        {{QStringLiteral("o"), QStringLiteral("output")},
         QStringLiteral("The report file to write (required)."),
         QStringLiteral("file")},
        {QStringLiteral("format"),
         QStringLiteral("pdf, html or json (default: from the file name, else pdf)."),
         QStringLiteral("format")},
        {QStringLiteral("run"),
         QStringLiteral("A saved run's id or a run file; repeat for two runs (before, after). "
                        "Default: the newest saved run."),
         QStringLiteral("id|file")},
        {QStringLiteral("compare"),
         QStringLiteral("Without --run: also attach the run before the newest, for the "
                        "before/after section.")},
        {QStringLiteral("lab"),
         QStringLiteral("A lab's id (shipped or your own; see \"drydock lab list\") or lab file: "
                        "its steps and your saved progress go into the report."),
         QStringLiteral("id|file")},
        {QStringLiteral("title"), QStringLiteral("The report's title (default: the lab's)."),
         QStringLiteral("text")},
        {QStringLiteral("student"), QStringLiteral("Student name."), QStringLiteral("name")},
        {QStringLiteral("student-id"), QStringLiteral("Student id."), QStringLiteral("id")},
        {QStringLiteral("course"), QStringLiteral("Course."), QStringLiteral("name")},
        {QStringLiteral("instructor"), QStringLiteral("Instructor."), QStringLiteral("name")},
        {QStringLiteral("page-size"), QStringLiteral("a4 (default) or letter."),
         QStringLiteral("size")},
    });
    if (!parseArguments(parser, kCommand, args)) {
        return ExitBadInput;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usageError(kCommand, QStringLiteral("unexpected argument \"%1\".")
                                        .arg(parser.positionalArguments().first()));
    }
    const QString output = option(parser, "output");
    if (output.isEmpty()) {
        return usageError(kCommand, QStringLiteral("--output FILE is required."));
    }
    ExportOptions exportOptions;
    exportOptions.format = formatForPath(output);
    if (parser.isSet(QStringLiteral("format"))) {
        const auto format = formatFromName(option(parser, "format"));
        if (!format) {
            return usageError(kCommand, QStringLiteral("--format must be pdf, html or json, not "
                                                       "\"%1\".")
                                            .arg(option(parser, "format")));
        }
        exportOptions.format = *format;
    }
    if (parser.isSet(QStringLiteral("page-size"))) {
        const auto size = pageSizeFromName(option(parser, "page-size"));
        if (!size) {
            return usageError(kCommand, QStringLiteral("--page-size must be a4 or letter, not "
                                                       "\"%1\".")
                                            .arg(option(parser, "page-size")));
        }
        exportOptions.pdf.pageSize = *size;
    }

    SourceOptions sources;
    sources.runs = parser.values(QStringLiteral("run"));
    sources.compare = parser.isSet(QStringLiteral("compare"));
    sources.labId = option(parser, "lab");
    if (sources.runs.size() > 2) {
        return usageError(kCommand, QStringLiteral("at most two --run (before and after)."));
    }
    ReportMeta meta;
    meta.labTitle = option(parser, "title");
    meta.studentName = option(parser, "student");
    meta.studentId = option(parser, "student-id");
    meta.course = option(parser, "course");
    meta.instructor = option(parser, "instructor");
    meta.generatedAt = QDateTime::currentDateTimeUtc();
    meta.drydockVersion = QStringLiteral(DRYDOCK_VERSION);

    const auto data = gatherReport(sources, meta);
    if (!data) {
        return fail(kCommand, data.error());
    }
    const auto files = exportReport(*data, output, exportOptions);
    if (!files) {
        return fail(kCommand, files.error());
    }
    out() << "Wrote " << files->report << " (" << formatName(exportOptions.format);
    if (files->pageCount > 0) {
        out() << ", " << files->pageCount << " pages";
    }
    out() << ", " << files->bytes << " bytes)\n";
    out() << "Evidence sidecar " << files->sidecar << "\n";
    out() << "Evidence sha256 " << evidenceDigest(data->inputs) << Qt::endl;
    return ExitOk;
}

} // namespace drydock::app
