// SPDX-License-Identifier: GPL-3.0-or-later
// Reads the report's inputs from the data folder.
#include "reportsources.h"

#include "bench/runjson.h"
#include "bench/runstore.h"
#include "evidence.h"
#include "util/atomicfile.h"

#include <QFileInfo>
#include <QTimeZone>

#include <algorithm>
#include <numeric>

#include "labs/catalog.h"
#include "labs/progress.h"
#include "trust/trusthistory.h"

namespace drydock::report {

namespace {

constexpr qint64 kMaxInputBytes = 256 * 1024 * 1024;

bool looksLikePath(const QString &spec)
{
    return spec.contains(QLatin1Char('/')) || spec.endsWith(QLatin1String(".json"));
}

// Loads one run and the canonical bytes of its file.
Result<bench::Run> loadRun(const bench::RunStore &store, const QString &spec,
                           QList<EvidenceInput> &inputs)
{
    const QString path = looksLikePath(spec) ? spec : store.pathFor(spec);
    if (looksLikePath(spec) && !QFileInfo::exists(path)) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("The run file %1 does not exist.").arg(path),
                         QStringLiteral("Give the path of a saved run (a .json file) or its id."));
    }
    auto run = store.load(spec);
    if (!run) {
        return run.error();
    }
    const auto bytes = readFileLimited(path, kMaxInputBytes);
    if (!bytes) {
        return bytes.error();
    }
    auto canonical = canonicalJson(*bytes, path);
    if (!canonical) {
        return canonical.error();
    }
    inputs.append(EvidenceInput{QStringLiteral("run"), run->id, QFileInfo(path).absoluteFilePath(),
                                *canonical});
    return run;
}

Result<void> gatherRuns(const SourceOptions &options, ReportData &data)
{
    const bench::RunStore store =
        options.runsFolder.isEmpty() ? bench::RunStore() : bench::RunStore(options.runsFolder);
    QStringList specs = options.runs;
    if (specs.isEmpty()) {
        QStringList unreadable; // also logged as warnings by the store
        const QList<bench::SavedRunInfo> saved = store.list(&unreadable);
        // Damaged files are not runs, but the user sees them in the folder:
        // say they were there and left out.
        const QString besides =
            unreadable.isEmpty()
                ? QString()
                : QStringLiteral(" (besides %1 run file(s) that cannot be read: %2)")
                      .arg(unreadable.size())
                      .arg(unreadable.join(QStringLiteral("; ")));
        if (saved.isEmpty()) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("There is no readable saved benchmark run in %1%2.")
                                 .arg(store.folder(), besides),
                             QStringLiteral("Run \"drydock bench --save\" first, or name a run "
                                            "file with --run."));
        }
        if (options.compare && saved.size() < 2) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("A comparison needs two readable saved runs; %1 has "
                                            "one%2.")
                                 .arg(store.folder(), besides),
                             QStringLiteral("Run the benchmark again after fixing something, or "
                                            "leave out --compare."));
        }
        specs << saved.first().path;
        if (options.compare) {
            specs << saved.at(1).path;
        }
    }
    QList<EvidenceInput> inputs;
    for (const QString &spec : specs) {
        auto run = loadRun(store, spec, inputs);
        if (!run) {
            return run.error();
        }
        data.runs.append(std::move(run).value());
    }
    // Oldest first, so the last is "after"; the inputs follow the same order.
    QList<qsizetype> order(data.runs.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        return data.runs[a].startedAt < data.runs[b].startedAt;
    });
    QList<bench::Run> runs;
    for (const qsizetype i : order) {
        runs.append(data.runs[i]);
        data.inputs.append(inputs[i]);
    }
    data.runs = runs;
    data.compare = data.runs.size() >= 2;
    return {};
}

Result<void> gatherTrust(const SourceOptions &options, ReportData &data)
{
    const auto history = trust::loadTrustHistory(options.trustFolder);
    if (!history) {
        return history.error();
    }
    data.trustAvailable = true;
    for (const trust::TrustHistoryEntry &entry : *history) {
        TrustOutcome outcome;
        outcome.at = entry.time;
        outcome.action = entry.action;
        outcome.image = entry.image;
        outcome.digest = entry.digest;
        outcome.signers = entry.signers;
        outcome.trustEnabled = entry.trustEnabled;
        outcome.refused = entry.refused;
        outcome.reason = entry.reason;
        data.trust.append(outcome);
    }
    const QString path = trust::trustHistoryPath(options.trustFolder);
    if (!data.trust.isEmpty() && QFileInfo::exists(path)) {
        const auto bytes = readFileLimited(path, kMaxInputBytes);
        if (!bytes) {
            return bytes.error();
        }
        auto canonical = canonicalJson(*bytes, path);
        if (!canonical) {
            return canonical.error();
        }
        data.inputs.append(EvidenceInput{QStringLiteral("trust"), QStringLiteral("history"),
                                         QFileInfo(path).absoluteFilePath(), *canonical});
    }
    return {};
}

QString statusText(labs::StepStatus status)
{
    switch (status) {
    case labs::StepStatus::NotStarted:
        return QStringLiteral("not started");
    case labs::StepStatus::InProgress:
        return QStringLiteral("in progress");
    case labs::StepStatus::Done:
        return QStringLiteral("done");
    }
    return QStringLiteral("not started");
}

StepReport stepReport(const QString &id, const labs::StepProgress &progress)
{
    StepReport step;
    step.id = id;
    step.title = id;
    step.status = statusText(progress.status);
    step.startedAt = progress.startedAt;
    step.completedAt = progress.completedAt;
    step.runIds = progress.runIds;
    step.hintsRevealed = progress.hintsRevealed;
    step.checkPassed = progress.lastCheckPassed;
    step.checkedAt = progress.lastCheckedAt;
    step.checkMissing = progress.lastCheckMissing;
    if (progress.lastCheckPassed) {
        const QString when = progress.lastCheckedAt.isValid()
                                 ? progress.lastCheckedAt.toTimeZone(QTimeZone::utc())
                                       .toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                                 : QStringLiteral("time not recorded");
        QString missing = progress.lastCheckMissing.join(QStringLiteral("; "));
        step.verification =
            *progress.lastCheckPassed
                ? QStringLiteral("passed (checked %1)").arg(when)
                : QStringLiteral("not passed (checked %1)").arg(when) +
                      (missing.isEmpty() ? QString() : QStringLiteral(": ") + missing);
    }
    return step;
}

// The lab ids the error names: every lab found, and those with progress.
QString knownLabsHint(const SourceOptions &options, const labs::ProgressStore &store)
{
    const QStringList folders = options.labFolders.isEmpty()
                                    ? QStringList{labs::shippedLabsFolder(), labs::userLabsFolder()}
                                    : options.labFolders;
    QStringList known;
    for (const labs::LabEntry &entry : labs::discoverLabs(folders)) {
        if (entry.lab) {
            known << entry.lab->id;
        }
    }
    const QStringList saved = store.savedLabs();
    QString hint =
        known.isEmpty()
            ? QStringLiteral("No lab was found in %1.").arg(folders.join(QStringLiteral(" or ")))
            : QStringLiteral("Labs: %1.").arg(known.join(QStringLiteral(", ")));
    hint += saved.isEmpty()
                ? QStringLiteral(" None has saved progress yet.")
                : QStringLiteral(" With saved progress: %1.").arg(saved.join(QStringLiteral(", ")));
    return hint;
}

// The lab's definition gives titles, order, questions and which steps are
// verified; the progress gives what the student did.
Result<void> gatherLab(const SourceOptions &options, ReportData &data)
{
    if (options.labId.isEmpty()) {
        return {};
    }
    const labs::ProgressStore store(options.progressFolder);
    const auto definition = options.labFolders.isEmpty()
                                ? labs::findLab(options.labId)
                                : labs::findLab(options.labId, options.labFolders);
    if (!definition) {
        if (looksLikePath(options.labId)) {
            return definition.error();
        }
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("There is no lab with the id \"%1\".").arg(options.labId),
                         knownLabsHint(options, store));
    }
    const QString labId = definition->id;
    const QString path = store.filePath(labId);
    if (!QFileInfo::exists(path)) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("There is no saved progress for lab \"%1\" in %2.")
                             .arg(labId, QFileInfo(path).absolutePath()),
                         QStringLiteral("Open the lab in Drydock and work through a step first, "
                                        "or leave out --lab. ") +
                             knownLabsHint(options, store));
    }
    const auto progress = store.load(labId);
    if (!progress) {
        return progress.error();
    }
    const auto bytes = readFileLimited(path, kMaxInputBytes);
    if (!bytes) {
        return bytes.error();
    }
    auto canonical = canonicalJson(*bytes, path);
    if (!canonical) {
        return canonical.error();
    }
    data.inputs.append(EvidenceInput{QStringLiteral("progress"), labId,
                                     QFileInfo(path).absoluteFilePath(), *canonical});
    LabReport lab;
    lab.id = labId;
    lab.title = definition->title;
    lab.version = definition->version;
    lab.progressVersion = progress->labVersion;
    lab.user = progress->user;
    lab.startedAt = progress->startedAt;
    lab.updatedAt = progress->updatedAt;
    for (const labs::Step &step : definition->steps) {
        const labs::StepProgress state = progress->step(step.id);
        StepReport report = stepReport(step.id, state);
        report.title = step.title;
        report.optional = step.optional;
        report.verifiable = step.verify.has_value();
        report.hintCount = static_cast<int>(step.hints.size());
        for (const labs::Question &question : step.questions) {
            report.answers.append(
                StepAnswer{question.id, question.text, state.answers.value(question.id)});
        }
        lab.steps.append(report);
    }
    // Progress for steps the lab no longer has (it changed since): kept,
    // so nothing the student did disappears from the report.
    for (auto it = progress->steps.constBegin(); it != progress->steps.constEnd(); ++it) {
        if (definition->step(it.key()) != nullptr) {
            continue;
        }
        StepReport report = stepReport(it.key(), it.value());
        report.title = QStringLiteral("%1 (no longer in the lab)").arg(it.key());
        for (auto answer = it->answers.constBegin(); answer != it->answers.constEnd(); ++answer) {
            report.answers.append(StepAnswer{answer.key(), answer.key(), answer.value()});
        }
        lab.steps.append(report);
    }
    data.lab = lab;
    return {};
}

} // namespace

Result<ReportData> gatherReport(const SourceOptions &options, const ReportMeta &meta)
{
    ReportData data;
    data.meta = meta;
    if (!data.meta.generatedAt.isValid()) {
        data.meta.generatedAt = QDateTime::currentDateTimeUtc();
    }
    if (data.meta.drydockVersion.isEmpty()) {
        data.meta.drydockVersion = QStringLiteral(DRYDOCK_VERSION);
    }
    if (auto runs = gatherRuns(options, data); !runs) {
        return runs.error();
    }
    if (auto lab = gatherLab(options, data); !lab) {
        return lab.error();
    }
    if (auto trusted = gatherTrust(options, data); !trusted) {
        return trusted.error();
    }
    return data;
}

} // namespace drydock::report
