// SPDX-License-Identifier: GPL-3.0-or-later
// `drydock lab`: list, validate and show labs, and walk them headless
// (run a step's action, check a step) with progress saved as in the window.
#include "commands.h"

#include "cli.h"
#include "docker/engineclient.h"
#include "labs/actions.h"
#include "labs/catalog.h"
#include "labs/labloader.h"
#include "labs/progress.h"
#include "labs/verifier.h"
#include "util/exitcode.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace drydock::app {

using namespace drydock::labs;

namespace {

const QString kCommand = QStringLiteral("lab");

// A step by its id or its 1-based number.
const Step *stepOf(const Lab &lab, const QString &which)
{
    bool isNumber = false;
    const int n = which.toInt(&isNumber);
    if (isNumber) {
        return n >= 1 && n <= lab.steps.size() ? &lab.steps.at(n - 1) : nullptr;
    }
    return lab.step(which);
}

QString statusWord(StepStatus status)
{
    switch (status) {
    case StepStatus::Done:
        return QStringLiteral("done");
    case StepStatus::InProgress:
        return QStringLiteral("started");
    case StepStatus::NotStarted:
        break;
    }
    return QStringLiteral("to do");
}

int listLabs()
{
    const ProgressStore store;
    const QList<LabEntry> entries = discoverLabs();
    if (entries.isEmpty()) {
        out() << "No labs found in " << shippedLabsFolder() << " or " << userLabsFolder()
              << Qt::endl;
        return ExitOk;
    }
    for (const LabEntry &entry : entries) {
        if (!entry.lab) {
            out() << "INVALID  " << entry.path << Qt::endl;
            out() << "         " << entry.diagnostics.first().text() << Qt::endl;
            continue;
        }
        const Lab &lab = *entry.lab;
        int done = 0;
        if (const auto progress = store.load(lab.id)) {
            for (const Step &s : lab.steps) {
                done += progress->step(s.id).status == StepStatus::Done ? 1 : 0;
            }
        }
        out() << lab.id << "  " << lab.title << "  (" << done << "/" << lab.steps.size()
              << " steps done";
        if (lab.estimatedMinutes > 0) {
            out() << ", about " << lab.estimatedMinutes << " min";
        }
        out() << (entry.shipped ? ", shipped" : ", yours") << ")" << Qt::endl;
    }
    return ExitOk;
}

int validateLabs(const QStringList &files)
{
    if (files.isEmpty()) {
        return usageError(kCommand, QStringLiteral("validate needs at least one lab file."));
    }
    bool allGood = true;
    for (const QString &file : files) {
        const LabLoad load = loadLabFile(file);
        if (load.ok()) {
            out() << file << ": ok (" << load.lab->steps.size() << " steps)" << Qt::endl;
            continue;
        }
        allGood = false;
        for (const LabDiagnostic &d : load.diagnostics) {
            err() << d.text() << Qt::endl;
        }
        err() << file << ": " << load.diagnostics.size()
              << (load.diagnostics.size() == 1 ? " problem" : " problems") << Qt::endl;
    }
    return allGood ? ExitOk : ExitBadInput;
}

void printPreview(const ActionPreview &preview, const QString &indent)
{
    out() << indent << preview.title << ": " << preview.summary << Qt::endl;
    for (const QString &command : preview.commands) {
        out() << indent << "  $ " << command << Qt::endl;
    }
    if (!preview.dockerfile.isEmpty()) {
        out() << indent << "  Dockerfile:" << Qt::endl;
        for (const QString &line : preview.dockerfile.trimmed().split(QLatin1Char('\n'))) {
            out() << indent << "    " << line << Qt::endl;
        }
    }
    for (const DangerFlag &danger : preview.dangers) {
        out() << indent << (danger.severe ? "  DANGER  " : "  CAUTION ") << danger.option << ": "
              << danger.why << Qt::endl;
    }
    for (const QString &note : preview.notes) {
        out() << indent << "  note: " << note << Qt::endl;
    }
}

void showStep(const Lab &lab, int index, const StepProgress &progress)
{
    const Step &s = lab.steps.at(index);
    const LabScope scope = LabScope::forLab(lab);
    out() << "Step " << index + 1 << "/" << lab.steps.size() << ": " << s.title << "  [" << s.id
          << ", " << statusWord(progress.status) << (s.optional ? ", optional" : "") << "]"
          << Qt::endl;
    if (!s.needs.isEmpty()) {
        out() << "Needs: " << s.needs.join(QStringLiteral(", ")) << Qt::endl;
    }
    out() << Qt::endl << s.instructions.trimmed() << Qt::endl << Qt::endl;
    for (int i = 0; i < s.actions.size(); ++i) {
        out() << "Action " << i + 1 << ":" << Qt::endl;
        printPreview(previewAction(s.actions.at(i), lab, scope), QStringLiteral("  "));
    }
    if (s.verify) {
        out() << "Check: " << describePredicate(*s.verify, lab, scope) << Qt::endl;
    } else {
        out() << "Check: none; the step is done when you mark it so." << Qt::endl;
    }
    if (!s.hints.isEmpty()) {
        out() << "Hints: " << s.hints.size() << " (" << progress.hintsRevealed << " shown)"
              << Qt::endl;
        for (int i = 0; i < progress.hintsRevealed && i < s.hints.size(); ++i) {
            out() << "  - " << s.hints.at(i) << Qt::endl;
        }
    }
    for (const Question &q : s.questions) {
        out() << "Question " << q.id << ": " << q.text << Qt::endl;
        const QString answer = progress.answers.value(q.id);
        if (!answer.isEmpty()) {
            out() << "  your answer: " << answer << Qt::endl;
        }
    }
}

int showLab(const QString &which, const QString &stepWanted)
{
    const auto lab = findLab(which);
    if (!lab) {
        return fail(kCommand, lab.error());
    }
    const ProgressStore store;
    const auto progress = store.load(lab->id);
    const LabProgress saved = progress ? *progress : LabProgress();
    if (!stepWanted.isEmpty()) {
        const Step *s = stepOf(*lab, stepWanted);
        if (!s) {
            return usageError(
                kCommand, QStringLiteral("Lab %1 has no step \"%2\".").arg(lab->id, stepWanted));
        }
        showStep(*lab, lab->stepIndex(s->id), saved.step(s->id));
        return ExitOk;
    }
    out() << lab->title << "  [" << lab->id << ", version " << lab->version << "]" << Qt::endl;
    out() << lab->summary << Qt::endl;
    if (!lab->objectives.isEmpty()) {
        out() << Qt::endl << "Objectives:" << Qt::endl;
        for (const QString &o : lab->objectives) {
            out() << "  - " << o << Qt::endl;
        }
    }
    const Prerequisites &pre = lab->prerequisites;
    if (!pre.engineFeatures.isEmpty() || !pre.images.isEmpty() || pre.labenv) {
        out() << Qt::endl << "Needs:";
        if (!pre.engineFeatures.isEmpty()) {
            out() << " " << pre.engineFeatures.join(QStringLiteral(", "));
        }
        if (!pre.images.isEmpty()) {
            out() << " images " << pre.images.join(QStringLiteral(", "));
        }
        if (pre.labenv) {
            out() << " the lab environment (drydock labenv up)";
        }
        out() << Qt::endl;
    }
    out() << Qt::endl;
    for (int i = 0; i < lab->steps.size(); ++i) {
        const Step &s = lab->steps.at(i);
        out() << QStringLiteral("%1. %2  [%3, %4%5]")
                     .arg(i + 1)
                     .arg(s.title, s.id, statusWord(saved.step(s.id).status),
                          s.optional ? QStringLiteral(", optional") : QString())
              << Qt::endl;
    }
    if (!progress) {
        err() << "drydock lab: " << progress.error().message << Qt::endl;
    }
    return ExitOk;
}

bool confirm(const ActionPreview &preview, bool yes)
{
    if (yes || !preview.changesEngine) {
        return true;
    }
    if (!::isatty(STDIN_FILENO)) {
        err() << "drydock lab: nothing was run; add --yes to run this action without asking."
              << Qt::endl;
        return false;
    }
    out() << (preview.hasSevereDanger() ? "This action has DANGEROUS options. Run it? [y/N] "
                                        : "Run it? [y/N] ");
    out().flush();
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

struct Walk
{
    Lab lab;
    const Step *step = nullptr;
};

Result<Walk> walkTarget(const QStringList &positional)
{
    if (positional.size() < 3) {
        return makeError(ErrorKind::BadInput, QStringLiteral("Name the lab and the step."),
                         QStringLiteral("Example: drydock lab %1 docker-bench-hardening 1")
                             .arg(positional.value(0)));
    }
    auto lab = findLab(positional.at(1));
    if (!lab) {
        return lab.error();
    }
    Walk walk{std::move(*lab), nullptr};
    walk.step = stepOf(walk.lab, positional.at(2));
    if (!walk.step) {
        return makeError(
            ErrorKind::BadInput,
            QStringLiteral("Lab %1 has no step \"%2\".").arg(walk.lab.id, positional.at(2)),
            QStringLiteral("Steps are named by id or number; see `drydock lab show "
                           "%1`.")
                .arg(walk.lab.id));
    }
    return walk;
}

int runStepAction(const QStringList &positional, const QCommandLineParser &parser)
{
    const auto walk = walkTarget(positional);
    if (!walk) {
        return fail(kCommand, walk.error());
    }
    const Step &step = *walk->step;
    if (step.actions.isEmpty()) {
        return usageError(kCommand, QStringLiteral("Step %1 has no action.").arg(step.id));
    }
    bool ok = true;
    const int index = parser.isSet(QStringLiteral("action"))
                          ? parser.value(QStringLiteral("action")).toInt(&ok)
                          : 1;
    if (!ok || index < 1 || index > step.actions.size()) {
        return usageError(
            kCommand,
            QStringLiteral("Step %1 has actions 1 to %2.").arg(step.id).arg(step.actions.size()));
    }
    const Action &action = step.actions.at(index - 1);
    const LabScope scope = LabScope::forLab(walk->lab);
    const ActionPreview preview = previewAction(action, walk->lab, scope);
    printPreview(preview, QString());
    if (!confirm(preview, parser.isSet(QStringLiteral("yes")))) {
        return ExitBadInput;
    }
    auto engine = connectEngine(parser);
    if (!engine) {
        return fail(kCommand, engine.error());
    }
    LabContext context{walk->lab, scope, *engine, {}, {}, {}, {}, {}};
    context.log = [](const QString &line) { err() << "  " << line << Qt::endl; };
    const auto outcome = runAction(action, context);
    if (!outcome) {
        return fail(kCommand, outcome.error());
    }
    out() << (outcome->refused ? "REFUSED: " : "") << outcome->summary << Qt::endl;
    for (const QString &detail : outcome->details) {
        out() << "  " << detail << Qt::endl;
    }
    auto tracker = ProgressTracker::open(ProgressStore(), walk->lab);
    if (tracker) {
        if (!outcome->runId.isEmpty()) {
            if (auto attached = tracker->attachRun(step.id, outcome->runId); !attached) {
                return fail(kCommand, attached.error());
            }
        } else if (auto current = tracker->setCurrentStep(step.id); !current) {
            return fail(kCommand, current.error());
        }
    }
    return ExitOk;
}

int checkStep(const QStringList &positional, const QCommandLineParser &parser)
{
    const auto walk = walkTarget(positional);
    if (!walk) {
        return fail(kCommand, walk.error());
    }
    const Step &step = *walk->step;
    auto tracker = ProgressTracker::open(ProgressStore(), walk->lab);
    if (!tracker) {
        return fail(kCommand, tracker.error());
    }
    if (!step.verify) {
        if (parser.isSet(QStringLiteral("done"))) {
            if (auto marked = tracker->markDone(step.id); !marked) {
                return fail(kCommand, marked.error());
            }
            out() << "Step " << step.id << " marked done." << Qt::endl;
            return ExitOk;
        }
        out() << "Step " << step.id << " has no check; mark it done with `drydock lab check "
              << walk->lab.id << " " << step.id << " --done`." << Qt::endl;
        return ExitOk;
    }
    auto engine = connectEngine(parser);
    if (!engine) {
        return fail(kCommand, engine.error());
    }
    LabContext context{walk->lab, LabScope::forLab(walk->lab), *engine, {}, {}, {}, {}, {}};
    const auto evaluation = evaluatePredicate(*step.verify, context);
    if (!evaluation) {
        return fail(kCommand, evaluation.error());
    }
    if (auto recorded = tracker->recordCheck(step.id, evaluation->passed, evaluation->missing);
        !recorded) {
        return fail(kCommand, recorded.error());
    }
    out() << (evaluation->passed ? "PASS  " : "FAIL  ") << step.title << Qt::endl;
    for (const QString &line : evaluation->satisfied) {
        out() << "  ok:      " << line << Qt::endl;
    }
    for (const QString &line : evaluation->missing) {
        out() << "  missing: " << line << Qt::endl;
    }
    const QStringList needs = tracker->missingNeeds(step.id);
    if (!needs.isEmpty()) {
        out() << "  note: steps " << needs.join(QStringLiteral(", ")) << " are not done yet."
              << Qt::endl;
    }
    return evaluation->passed ? ExitOk : ExitFindings;
}

int resetProgress(const QStringList &positional, bool yes)
{
    if (positional.size() < 2) {
        return usageError(kCommand, QStringLiteral("reset needs a lab id."));
    }
    const auto lab = findLab(positional.at(1));
    if (!lab) {
        return fail(kCommand, lab.error());
    }
    if (!yes) {
        err() << "drydock lab: this forgets every answer and step of " << lab->id
              << "; add --yes to do it." << Qt::endl;
        return ExitBadInput;
    }
    if (auto reset = ProgressStore().reset(lab->id); !reset) {
        return fail(kCommand, reset.error());
    }
    out() << "Progress of " << lab->id << " reset." << Qt::endl;
    return ExitOk;
}

} // namespace

int labCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Guided labs.\n"
        "  list                          the shipped and your labs, with progress\n"
        "  validate FILE...              every problem, with file:line:column and field\n"
        "  show LAB [--step N|ID]        a lab's steps, or one step in full\n"
        "  run-action LAB STEP [--action N] [--yes]\n"
        "                                run one of a step's actions (shown first)\n"
        "  check LAB STEP [--done]       evaluate a step's check and save the result\n"
        "  reset LAB --yes               forget your progress in a lab\n"
        "LAB is a lab id or the path of a lab file."));
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("list, validate, show, run-action, check, reset"));
    parser.addOption({QStringLiteral("step"), QStringLiteral("show: the step (number or id)."),
                      QStringLiteral("step")});
    parser.addOption({QStringLiteral("action"),
                      QStringLiteral("run-action: which action of the step (1 = first)."),
                      QStringLiteral("n")});
    parser.addOption(
        {QStringLiteral("yes"), QStringLiteral("run-action, reset: do it without asking.")});
    parser.addOption(
        {QStringLiteral("done"), QStringLiteral("check: mark a step without a check as done.")});
    addEngineOptions(parser);
    if (!parseArguments(parser, kCommand, args)) {
        return ExitBadInput;
    }
    const QStringList positional = parser.positionalArguments();
    const QString sub = positional.value(0);
    if (sub == QLatin1String("list")) {
        return listLabs();
    }
    if (sub == QLatin1String("validate")) {
        return validateLabs(positional.mid(1));
    }
    if (sub == QLatin1String("show")) {
        if (positional.size() < 2) {
            return usageError(kCommand, QStringLiteral("show needs a lab id or file."));
        }
        return showLab(positional.at(1), parser.value(QStringLiteral("step")));
    }
    if (sub == QLatin1String("run-action")) {
        return runStepAction(positional, parser);
    }
    if (sub == QLatin1String("check")) {
        return checkStep(positional, parser);
    }
    if (sub == QLatin1String("reset")) {
        return resetProgress(positional, parser.isSet(QStringLiteral("yes")));
    }
    return usageError(kCommand, sub.isEmpty()
                                    ? QStringLiteral("Say what to do: list, validate, show, "
                                                     "run-action, check or reset.")
                                    : QStringLiteral("Unknown lab command \"%1\".").arg(sub));
}

} // namespace drydock::app
