// SPDX-License-Identifier: GPL-3.0-or-later
// Times the report render: two runs of every check, with evidence from 100
// containers, compared, with a lab of 11 answered steps, to PDF (and HTML
// and JSON). Prints the figures; the budget is 3 s for the PDF.
#include "report/render/reportexport.h"
#include "report/reportdata.h"
#include "reportfixtures.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTextStream>
#include <QTimeZone>

#include <cstdio>

using namespace drydock;
using namespace drydock::report;

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QGuiApplication app(argc, argv);
    QTextStream out(stdout);
    const int containers = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100;

    const QDateTime start(QDate(2026, 12, 4), QTime(9, 0), QTimeZone::utc());
    ReportData data;
    data.meta.studentName = QStringLiteral("Zoë Łukasz 王小明 Ñandú");
    data.meta.course = QStringLiteral("Container security");
    data.meta.generatedAt = start.addSecs(7200);
    data.meta.drydockVersion = QStringLiteral(DRYDOCK_VERSION);
    data.runs << fixtures::makeRun({QStringLiteral("before"), start, containers, 2})
              << fixtures::makeRun({QStringLiteral("after"), start.addSecs(3600), containers, 5});
    data.compare = true;
    // A lab of 11 steps, each with two long answers, as a student hands in.
    LabReport lab;
    lab.id = QStringLiteral("signed-unsigned-images");
    lab.title = QStringLiteral("Signed and unsigned images");
    lab.version = QStringLiteral("1.0.0");
    for (int step = 0; step < 11; ++step) {
        StepReport report;
        report.id = QStringLiteral("step-%1").arg(step);
        report.title = QStringLiteral("Step number %1 of the lab").arg(step + 1);
        report.status = step < 6 ? QStringLiteral("done") : QStringLiteral("in progress");
        report.startedAt = start.addSecs(60 * step);
        report.completedAt = step < 6 ? start.addSecs(60 * step + 30) : QDateTime();
        report.verifiable = true;
        report.checkPassed = step < 6;
        report.checkedAt = start.addSecs(60 * step + 30);
        for (int q = 0; q < 2; ++q) {
            report.answers.append(
                {QStringLiteral("q%1").arg(q), QStringLiteral("Why does this step matter?"),
                 QStringLiteral("Parce que la confiance se vérifie — 因为信任需要验证. ")
                     .repeated(8)});
        }
        lab.steps.append(report);
    }
    data.lab = lab;
    int evidence = 0;
    for (const bench::Run &run : data.runs) {
        for (const bench::Finding &finding : run.findings) {
            evidence += static_cast<int>(finding.evidence.size());
        }
    }
    out << "report-render: 2 runs x " << data.runs.first().findings.size() << " checks, "
        << containers << " containers, " << evidence << " evidence items\n";

    const Format formats[] = {Format::Pdf, Format::Html, Format::Json};
    double pdfSeconds = 0;
    for (const Format format : formats) {
        ExportOptions options;
        options.format = format;
        QElapsedTimer timer;
        timer.start();
        const auto bytes = renderReport(data, options);
        const double seconds = timer.nsecsElapsed() / 1e9;
        if (!bytes) {
            out << "render failed: " << bytes.error().text() << Qt::endl;
            return 1;
        }
        if (format == Format::Pdf) {
            pdfSeconds = seconds;
        }
        out << "  " << formatName(format) << ": " << QString::number(seconds, 'f', 3) << " s, "
            << bytes->size() << " bytes\n";
    }
    out << "PDF render " << QString::number(pdfSeconds, 'f', 3)
        << " s (budget 3 s): " << (pdfSeconds <= 3.0 ? "within" : "OVER") << Qt::endl;
    return 0;
}
