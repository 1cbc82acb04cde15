// SPDX-License-Identifier: GPL-3.0-or-later
// drydock bench: the CIS Docker Benchmark checks, headless.
#include "commands.h"

#include "cli.h"

#include "bench/catalogue.h"
#include "bench/compare.h"
#include "bench/dbsimport.h"
#include "bench/exporters.h"
#include "bench/runner.h"
#include "bench/runstore.h"
#include "docker/engineclient.h"
#include "util/atomicfile.h"
#include "util/exitcode.h"

#include <QDir>
#include <QFileInfo>

#include <cstdio>
#include <unistd.h>

using namespace drydock::bench;

namespace drydock::app {

namespace {

const QString kCommand = QStringLiteral("bench");

QStringList commaList(const QStringList &values)
{
    QStringList items;
    for (const QString &value : values) {
        for (const QString &item : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            items.append(item.trimmed());
        }
    }
    items.removeAll(QString());
    return items;
}

// --fail-on: the verdicts that make the command exit 1. An error finding
// (a check that could not judge) counts as at least as bad as a warning.
int verdictRank(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Error:
        return 3;
    case Verdict::Warn:
        return 2;
    case Verdict::Info:
    case Verdict::Note:
        return 1;
    case Verdict::Pass:
    case Verdict::NotApplicable:
        break;
    }
    return 0;
}

// Progress on one terminal line, only when stderr is a terminal.
class ProgressLine
{
public:
    ProgressLine() : m_enabled(::isatty(STDERR_FILENO) != 0) {}
    ~ProgressLine() { clear(); }

    void show(const CollectProgress &progress)
    {
        if (!m_enabled) {
            return;
        }
        const QString text = QStringLiteral("drydock bench: %1 %2/%3")
                                 .arg(progress.phase)
                                 .arg(progress.done)
                                 .arg(progress.total);
        std::fprintf(stderr, "\r%-60s", text.toLocal8Bit().constData());
        std::fflush(stderr);
        m_shown = true;
    }
    void clear()
    {
        if (m_shown) {
            std::fprintf(stderr, "\r%-60s\r", "");
            std::fflush(stderr);
            m_shown = false;
        }
    }

private:
    bool m_enabled = false;
    bool m_shown = false;
};

// `withTotals` false below a text report, which ends with the same totals.
void printComparison(QTextStream &stream, const Comparison &comparison, bool withTotals)
{
    if (withTotals) {
        stream << "\nCompared with run " << comparison.beforeRunId << ": "
               << comparison.count(Change::Fixed) << " fixed, " << comparison.count(Change::New)
               << " new, " << comparison.count(Change::Unchanged) << " unchanged, "
               << comparison.count(Change::Changed) << " changed (score "
               << (comparison.referenceDelta >= 0 ? "+" : "") << comparison.referenceDelta
               << (comparison.deltaOverCommon ? " over the checks both runs contain" : "") << ")\n";
    }
    if (comparison.notInBothCount() > 0) {
        // The runs selected different checks: these have no verdict to
        // compare with, so they are neither fixed nor new.
        stream << "  not in both runs: " << comparison.notInBothCount() << " ("
               << comparison.notInBothText() << ")";
        if (!withTotals && comparison.deltaOverCommon) {
            stream << "; the score change counts only the checks both runs contain";
        }
        stream << '\n';
    }
    if (!comparison.scopeWarning.isEmpty()) {
        stream << "  warning: " << comparison.scopeWarning << '\n';
    }
    for (const CheckChange &check : comparison.checks) {
        if (check.change == Change::Unchanged && check.items.isEmpty()) {
            continue;
        }
        const QString before = check.before ? verdictLabel(*check.before) : QStringLiteral("-");
        const QString after = check.after ? verdictLabel(*check.after) : QStringLiteral("-");
        bool itemsChanged = false;
        for (const ItemChange &item : check.items) {
            itemsChanged = itemsChanged || item.change != Change::Unchanged;
        }
        if (check.change == Change::Unchanged && !itemsChanged) {
            continue;
        }
        stream << "  " << changeName(check.change) << ": " << check.checkId << " " << before
               << " -> " << after << '\n';
        for (const ItemChange &item : check.items) {
            if (item.change != Change::Unchanged) {
                stream << "      " << changeName(item.change) << ": " << item.key << '\n';
            }
        }
    }
    stream.flush();
}

struct Outputs
{
    QList<ExportFormat> formats;
    QString file;
    QString folder;
};

Result<Outputs> parseOutputs(const QCommandLineParser &parser)
{
    Outputs outputs;
    QStringList names = commaList(parser.values(QStringLiteral("format")));
    if (names.isEmpty()) {
        names.append(QStringLiteral("text"));
    }
    for (const QString &name : names) {
        const std::optional<ExportFormat> format = exportFormatFromName(name.toLower());
        if (!format) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("'%1' is not an output format.").arg(name),
                             QStringLiteral("Use one of: ") +
                                 exportFormatNames().join(QStringLiteral(", ")) + QLatin1Char('.'));
        }
        if (!outputs.formats.contains(*format)) {
            outputs.formats.append(*format);
        }
    }
    outputs.file = parser.value(QStringLiteral("output"));
    outputs.folder = parser.value(QStringLiteral("output-dir"));
    if (!outputs.file.isEmpty() && !outputs.folder.isEmpty()) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("--output and --output-dir cannot be used together."),
                         QStringLiteral("Give --output FILE for one format, or --output-dir "
                                        "DIR for several."));
    }
    // Checked before the scan, and never created: a typo in the path must
    // not leave new folders behind (as `report -o` does).
    if (!outputs.file.isEmpty()) {
        const QFileInfo info(outputs.file);
        const QFileInfo parent(info.absolutePath());
        if (!parent.isDir()) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("The folder %1 does not exist.")
                                 .arg(QDir::toNativeSeparators(parent.filePath())),
                             QStringLiteral("Create it first or choose another output path."));
        }
        if (info.isDir()) {
            return makeError(
                ErrorKind::BadInput,
                QStringLiteral("%1 is a folder.").arg(QDir::toNativeSeparators(outputs.file)),
                QStringLiteral("Give a file name for --output, or use --output-dir "
                               "for a folder."));
        }
    }
    if (!outputs.folder.isEmpty() && !QFileInfo(outputs.folder).isDir()) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("The folder %1 does not exist.")
                             .arg(QDir::toNativeSeparators(outputs.folder)),
                         QStringLiteral("Create it first (mkdir) or choose another --output-dir."));
    }
    if (outputs.formats.size() > 1 && outputs.folder.isEmpty()) {
        return makeError(ErrorKind::BadInput, QStringLiteral("Several formats need --output-dir."),
                         QStringLiteral("Add --output-dir DIR; each format is written to its "
                                        "own file there."));
    }
    return outputs;
}

Result<void> writeOutputs(const Outputs &outputs, const Run &run, const Catalogue &catalogue,
                          ExportOptions options)
{
    if (!outputs.folder.isEmpty()) {
        for (const ExportFormat format : outputs.formats) {
            const QString path =
                QDir(outputs.folder)
                    .filePath(QStringLiteral("drydock-bench.") + exportFileSuffix(format));
            options.colour = false;
            if (auto written =
                    writeFileAtomically(path, exportRun(format, run, catalogue, options));
                !written) {
                return written.error();
            }
            err() << "drydock bench: wrote " << QDir::toNativeSeparators(path) << Qt::endl;
        }
        return {};
    }
    const ExportFormat format = outputs.formats.first();
    if (!outputs.file.isEmpty()) {
        options.colour = false;
        return writeFileAtomically(outputs.file, exportRun(format, run, catalogue, options));
    }
    options.colour = format == ExportFormat::Text && colourOutput();
    out().flush();
    const QByteArray data = exportRun(format, run, catalogue, options);
    std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
    std::fflush(stdout);
    return {};
}

} // namespace

int benchCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Audits the engine, its host and its containers against the CIS Docker "
                       "Benchmark 1.6.0 (117 checks)."));
    parser.addOption(
        {QStringLiteral("checks"),
         QStringLiteral("Only these checks or sections (comma-separated: 5.10,4,2.1)."),
         QStringLiteral("ids")});
    parser.addOption({QStringLiteral("exclude"),
                      QStringLiteral("Leave out these checks or sections (comma-separated)."),
                      QStringLiteral("ids")});
    parser.addOption({QStringLiteral("containers"),
                      QStringLiteral("Audit only containers whose name matches this regular "
                                     "expression."),
                      QStringLiteral("regex")});
    parser.addOption({QStringLiteral("label"),
                      QStringLiteral("Audit only containers carrying this label (KEY or "
                                     "KEY=VALUE; repeat to require several)."),
                      QStringLiteral("label")});
    parser.addOption({QStringLiteral("format"),
                      QStringLiteral("Output format: text, json, dbs-json, sarif, junit, csv "
                                     "(comma-separated with --output-dir)."),
                      QStringLiteral("formats")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("Write the one format to FILE instead of stdout."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("output-dir"),
                      QStringLiteral("Write each format to DIR/drydock-bench.<suffix>."),
                      QStringLiteral("dir")});
    parser.addOption({QStringLiteral("fail-on"),
                      QStringLiteral("Exit 1 when a finding is at or above this verdict: warn, "
                                     "info or none (default none; an error counts as a warning)."),
                      QStringLiteral("verdict"), QStringLiteral("none")});
    parser.addOption({QStringLiteral("remediation"),
                      QStringLiteral("Show the remediation of each check that did not pass.")});
    parser.addOption({QStringLiteral("save"),
                      QStringLiteral("Save the run in the data folder (for --compare and the "
                                     "window).")});
    parser.addOption({QStringLiteral("compare"),
                      QStringLiteral("Compare with an earlier run (a saved run's id, \"latest\", "
                                     "or a run file)."),
                      QStringLiteral("run")});
    parser.addOption({QStringLiteral("import-dbs"),
                      QStringLiteral("Import a docker-bench-security JSON log as the run "
                                     "instead of auditing the engine."),
                      QStringLiteral("file")});
    addEngineOptions(parser);
    if (!parseArguments(parser, kCommand, args)) {
        return ExitBadInput;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usageError(
            kCommand,
            QStringLiteral("unexpected argument '%1'.").arg(parser.positionalArguments().first()));
    }

    const QString failOn = parser.value(QStringLiteral("fail-on")).toLower();
    int failRank = 0;
    if (failOn == QLatin1String("warn")) {
        failRank = verdictRank(Verdict::Warn);
    } else if (failOn == QLatin1String("info")) {
        failRank = verdictRank(Verdict::Info);
    } else if (failOn != QLatin1String("none")) {
        return usageError(
            kCommand, QStringLiteral("--fail-on takes warn, info or none, not '%1'.").arg(failOn));
    }
    auto outputs = parseOutputs(parser);
    if (!outputs) {
        return fail(kCommand, outputs.error());
    }
    const Result<Catalogue> &catalogue = builtinCatalogue();
    if (!catalogue) {
        return fail(kCommand, catalogue.error());
    }

    // The earlier run first: a bad --compare should not cost a whole scan.
    const RunStore store;
    std::optional<Run> earlier;
    if (parser.isSet(QStringLiteral("compare"))) {
        const QString which = parser.value(QStringLiteral("compare"));
        auto loaded = which == QLatin1String("latest") ? store.latest() : store.load(which);
        if (!loaded) {
            return fail(kCommand, loaded.error());
        }
        earlier = std::move(loaded).value();
    }

    Run run;
    if (parser.isSet(QStringLiteral("import-dbs"))) {
        for (const char *option : {"checks", "exclude", "containers", "label", "host", "context"}) {
            if (parser.isSet(QLatin1String(option))) {
                return usageError(kCommand, QStringLiteral("--%1 cannot be used with --import-dbs.")
                                                .arg(QLatin1String(option)));
            }
        }
        auto imported = importDbsLogFile(parser.value(QStringLiteral("import-dbs")), *catalogue);
        if (!imported) {
            return fail(kCommand, imported.error());
        }
        run = std::move(imported).value();
    } else {
        RunOptions options;
        options.checks.include = commaList(parser.values(QStringLiteral("checks")));
        options.checks.exclude = commaList(parser.values(QStringLiteral("exclude")));
        options.containers.namePattern = parser.value(QStringLiteral("containers"));
        options.containers.labels = parser.values(QStringLiteral("label"));
        // An empty list would otherwise mean "every check": `--checks ""`
        // from a script whose variable was unset must not run all 117.
        if (parser.isSet(QStringLiteral("checks")) && options.checks.include.isEmpty()) {
            return usageError(kCommand, QStringLiteral("the selection is empty: --checks was "
                                                       "given no check id."));
        }
        auto selected = selectChecks(options.checks, *catalogue);
        if (!selected) {
            return fail(kCommand, selected.error());
        }
        if (selected->isEmpty()) {
            const QString excluded = options.checks.exclude.join(QLatin1Char(','));
            const QString included = options.checks.include.join(QLatin1Char(','));
            return usageError(
                kCommand, included.isEmpty()
                              ? QStringLiteral("the selection is empty: --exclude %1 leaves no "
                                               "check.")
                                    .arg(excluded)
                              : QStringLiteral("the selection is empty: --exclude %1 leaves none "
                                               "of the checks --checks %2 selects.")
                                    .arg(excluded, included));
        }
        if (auto valid = validateSelection(options.containers); !valid) {
            return fail(kCommand, valid.error());
        }
        const auto endpoint =
            docker::resolveEndpoint(engineRequest(parser), docker::processEnvironment());
        if (!endpoint) {
            return fail(kCommand, endpoint.error());
        }
        docker::EngineClient client(*endpoint);
        ProgressLine progress;
        auto result =
            runBenchmark(client, options, {}, [&](const CollectProgress &p) { progress.show(p); });
        progress.clear();
        if (!result) {
            return fail(kCommand, result.error());
        }
        run = std::move(result).value();
    }

    std::optional<Comparison> comparison;
    if (earlier) {
        comparison = compareRuns(*earlier, run);
    }
    ExportOptions exportOptions;
    exportOptions.remediation = parser.isSet(QStringLiteral("remediation"));
    exportOptions.comparison = comparison ? &*comparison : nullptr;
    if (auto written = writeOutputs(*outputs, run, *catalogue, exportOptions); !written) {
        return fail(kCommand, written.error());
    }
    if (comparison) {
        // Beside a text report on stdout; on stderr when stdout carries a document.
        const bool textOnStdout = outputs->file.isEmpty() && outputs->folder.isEmpty() &&
                                  outputs->formats.first() == ExportFormat::Text;
        printComparison(textOnStdout ? out() : err(), *comparison, !textOnStdout);
    }
    if (parser.isSet(QStringLiteral("save"))) {
        auto saved = store.save(run);
        if (!saved) {
            return fail(kCommand, saved.error());
        }
        err() << "drydock bench: saved run " << run.id << " to " << QDir::toNativeSeparators(*saved)
              << Qt::endl;
    }
    if (run.partial) {
        err() << "drydock bench: the run is partial: " << run.partialReason << Qt::endl;
        return ExitUnreachable;
    }
    if (failRank > 0) {
        for (const Finding &finding : run.findings) {
            if (verdictRank(finding.verdict) >= failRank) {
                return ExitFindings;
            }
        }
    }
    return ExitOk;
}

} // namespace drydock::app
