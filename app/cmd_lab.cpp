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
#include "util/printable.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

#include <concepts>
#include <cstdio>
#include <unistd.h>

namespace drydock::app {

using namespace drydock::labs;

namespace {

const QString kCommand = QStringLiteral("lab");

// Nearly everything this command prints comes from a lab file (titles,
// instructions, ids echoed in diagnostics) or from the engine, and a lab
// file is anyone's download. Text therefore reaches the terminal only
// through this stream, which replaces control characters and bidi
// overrides (util/printable.h): an ESC[8m in an action's title would
// otherwise hide the real command and the prompt below it. Line breaks
// and tabs stay for multi-line text; one-line values go through oneLine().
class TerminalText
{
public:
    explicit TerminalText(QTextStream &stream) : m_stream(stream) {}

    TerminalText &operator<<(const QString &text)
    {
        m_stream << printable(text, LineBreaks::Keep);
        return *this;
    }
    TerminalText &operator<<(const char *text) { return *this << QString::fromUtf8(text); }
    template<typename Number>
    requires std::integral<Number> TerminalText &operator<<(Number n)
    {
        m_stream << n;
        return *this;
    }
    // Qt::endl and the other manipulators.
    TerminalText &operator<<(QTextStream &(*manipulator)(QTextStream &))
    {
        manipulator(m_stream);
        return *this;
    }
    void flush() { m_stream.flush(); }

private:
    QTextStream &m_stream;
};

TerminalText labOut()
{
    return TerminalText(out());
}

TerminalText labErr()
{
    return TerminalText(err());
}

// A value that must stay on its line (a title, an id, a command).
QString oneLine(const QString &text)
{
    return printable(text);
}

// fail() and usageError() of cli.h with the message made printable: errors
// quote lab diagnostics, ids and engine answers.
int labFail(const Error &error)
{
    Error shown = error;
    shown.message = printable(error.message, LineBreaks::Keep);
    shown.hint = printable(error.hint, LineBreaks::Keep);
    return fail(kCommand, shown);
}

int labUsageError(const QString &message)
{
    return usageError(kCommand, printable(message, LineBreaks::Keep));
}

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
        labOut() << "No labs found in " << shippedLabsFolder() << " or " << userLabsFolder()
                 << Qt::endl;
        return ExitOk;
    }
    for (const LabEntry &entry : entries) {
        if (!entry.lab) {
            labOut() << "INVALID  " << entry.path << Qt::endl;
            labOut() << "         " << entry.diagnostics.first().text() << Qt::endl;
            continue;
        }
        const Lab &lab = *entry.lab;
        int done = 0;
        if (const auto progress = store.load(lab.id)) {
            for (const Step &s : lab.steps) {
                done += progress->step(s.id).status == StepStatus::Done ? 1 : 0;
            }
        }
        labOut() << oneLine(lab.id) << "  " << oneLine(lab.title) << "  (" << done << "/"
                 << lab.steps.size() << " steps done";
        if (lab.estimatedMinutes > 0) {
            labOut() << ", about " << lab.estimatedMinutes << " min";
        }
        labOut() << (entry.shipped ? ", shipped" : ", yours") << ")" << Qt::endl;
    }
    return ExitOk;
}

int validateLabs(const QStringList &files)
{
    if (files.isEmpty()) {
        return labUsageError(QStringLiteral("validate needs at least one lab file."));
    }
    bool allGood = true;
    for (const QString &file : files) {
        const LabLoad load = loadLabFile(file);
        if (load.ok()) {
            labOut() << file << ": ok (" << load.lab->steps.size() << " steps)" << Qt::endl;
            continue;
        }
        allGood = false;
        for (const LabDiagnostic &d : load.diagnostics) {
            labErr() << d.text() << Qt::endl;
        }
        labErr() << file << ": " << load.diagnostics.size()
                 << (load.diagnostics.size() == 1 ? " problem" : " problems") << Qt::endl;
    }
    return allGood ? ExitOk : ExitBadInput;
}

void printPreview(const ActionPreview &preview, const QString &indent)
{
    labOut() << indent << oneLine(preview.title) << ": " << oneLine(preview.summary) << Qt::endl;
    for (const QString &command : preview.commands) {
        labOut() << indent << "  $ " << oneLine(command) << Qt::endl;
    }
    if (!preview.dockerfile.isEmpty()) {
        labOut() << indent << "  Dockerfile:" << Qt::endl;
        for (const QString &line : preview.dockerfile.trimmed().split(QLatin1Char('\n'))) {
            labOut() << indent << "    " << line << Qt::endl;
        }
    }
    for (const DangerFlag &danger : preview.dangers) {
        labOut() << indent << (danger.severe ? "  DANGER  " : "  CAUTION ")
                 << oneLine(danger.option) << ": " << oneLine(danger.why) << Qt::endl;
    }
    for (const QString &note : preview.notes) {
        labOut() << indent << "  note: " << note << Qt::endl;
    }
}

void showStep(const Lab &lab, int index, const StepProgress &progress)
{
    const Step &s = lab.steps.at(index);
    const LabScope scope = LabScope::forLab(lab);
    labOut() << "Step " << index + 1 << "/" << lab.steps.size() << ": " << oneLine(s.title) << "  ["
             << oneLine(s.id) << ", " << statusWord(progress.status)
             << (s.optional ? ", optional" : "") << "]" << Qt::endl;
    if (!s.needs.isEmpty()) {
        labOut() << "Needs: " << s.needs.join(QStringLiteral(", ")) << Qt::endl;
    }
    labOut() << Qt::endl << s.instructions.trimmed() << Qt::endl << Qt::endl;
    for (int i = 0; i < s.actions.size(); ++i) {
        labOut() << "Action " << i + 1 << ":" << Qt::endl;
        printPreview(previewAction(s.actions.at(i), lab, scope), QStringLiteral("  "));
    }
    if (s.verify) {
        labOut() << "Check: " << describePredicate(*s.verify, lab, scope) << Qt::endl;
    } else {
        labOut() << "Check: none; the step is done when you mark it so." << Qt::endl;
    }
    if (!s.hints.isEmpty()) {
        labOut() << "Hints: " << s.hints.size() << " (" << progress.hintsRevealed << " shown)"
                 << Qt::endl;
        for (int i = 0; i < progress.hintsRevealed && i < s.hints.size(); ++i) {
            labOut() << "  - " << s.hints.at(i) << Qt::endl;
        }
    }
    for (const Question &q : s.questions) {
        labOut() << "Question " << oneLine(q.id) << ": " << q.text << Qt::endl;
        const QString answer = progress.answers.value(q.id);
        if (!answer.isEmpty()) {
            labOut() << "  your answer: " << answer << Qt::endl;
        }
    }
}

int showLab(const QString &which, const QString &stepWanted)
{
    const auto lab = findLab(which);
    if (!lab) {
        return labFail(lab.error());
    }
    const ProgressStore store;
    const auto progress = store.load(lab->id);
    const LabProgress saved = progress ? *progress : LabProgress();
    if (!stepWanted.isEmpty()) {
        const Step *s = stepOf(*lab, stepWanted);
        if (!s) {
            return labUsageError(
                QStringLiteral("Lab %1 has no step \"%2\".").arg(lab->id, stepWanted));
        }
        showStep(*lab, lab->stepIndex(s->id), saved.step(s->id));
        return ExitOk;
    }
    labOut() << oneLine(lab->title) << "  [" << oneLine(lab->id) << ", version "
             << oneLine(lab->version) << "]" << Qt::endl;
    labOut() << lab->summary << Qt::endl;
    if (!lab->objectives.isEmpty()) {
        labOut() << Qt::endl << "Objectives:" << Qt::endl;
        for (const QString &o : lab->objectives) {
            labOut() << "  - " << o << Qt::endl;
        }
    }
    const Prerequisites &pre = lab->prerequisites;
    if (!pre.engineFeatures.isEmpty() || !pre.images.isEmpty() || pre.labenv) {
        labOut() << Qt::endl << "Needs:";
        if (!pre.engineFeatures.isEmpty()) {
            labOut() << " " << pre.engineFeatures.join(QStringLiteral(", "));
        }
        if (!pre.images.isEmpty()) {
            labOut() << " images " << pre.images.join(QStringLiteral(", "));
        }
        if (pre.labenv) {
            labOut() << " the lab environment (drydock labenv up)";
        }
        labOut() << Qt::endl;
    }
    labOut() << Qt::endl;
    for (int i = 0; i < lab->steps.size(); ++i) {
        const Step &s = lab->steps.at(i);
        labOut() << QStringLiteral("%1. %2  [%3, %4%5]")
                        .arg(i + 1)
                        .arg(oneLine(s.title), oneLine(s.id), statusWord(saved.step(s.id).status),
                             s.optional ? QStringLiteral(", optional") : QString())
                 << Qt::endl;
    }
    if (!progress) {
        labErr() << "drydock lab: " << progress.error().message << Qt::endl;
    }
    return ExitOk;
}

bool confirm(const ActionPreview &preview, bool yes)
{
    if (yes || !preview.changesEngine) {
        return true;
    }
    if (!::isatty(STDIN_FILENO)) {
        labErr() << "drydock lab: nothing was run; add --yes to run this action without asking."
                 << Qt::endl;
        return false;
    }
    labOut() << (preview.hasSevereDanger() ? "This action has DANGEROUS options. Run it? [y/N] "
                                           : "Run it? [y/N] ");
    labOut().flush();
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
        return labFail(walk.error());
    }
    const Step &step = *walk->step;
    if (step.actions.isEmpty()) {
        return labUsageError(QStringLiteral("Step %1 has no action.").arg(step.id));
    }
    bool ok = true;
    const int index = parser.isSet(QStringLiteral("action"))
                          ? parser.value(QStringLiteral("action")).toInt(&ok)
                          : 1;
    if (!ok || index < 1 || index > step.actions.size()) {
        return labUsageError(
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
        return labFail(engine.error());
    }
    LabContext context{walk->lab, scope, *engine, {}, {}, {}, {}, {}};
    context.log = [](const QString &line) { labErr() << "  " << line << Qt::endl; };
    const auto outcome = runAction(action, context);
    if (!outcome) {
        return labFail(outcome.error());
    }
    labOut() << (outcome->refused ? "REFUSED: " : "") << outcome->summary << Qt::endl;
    for (const QString &detail : outcome->details) {
        labOut() << "  " << detail << Qt::endl;
    }
    auto tracker = ProgressTracker::open(ProgressStore(), walk->lab);
    if (tracker) {
        if (!outcome->runId.isEmpty()) {
            if (auto attached = tracker->attachRun(step.id, outcome->runId); !attached) {
                return labFail(attached.error());
            }
        } else if (auto current = tracker->setCurrentStep(step.id); !current) {
            return labFail(current.error());
        }
    }
    return ExitOk;
}

int checkStep(const QStringList &positional, const QCommandLineParser &parser)
{
    const auto walk = walkTarget(positional);
    if (!walk) {
        return labFail(walk.error());
    }
    const Step &step = *walk->step;
    auto tracker = ProgressTracker::open(ProgressStore(), walk->lab);
    if (!tracker) {
        return labFail(tracker.error());
    }
    if (!step.verify) {
        if (parser.isSet(QStringLiteral("done"))) {
            if (auto marked = tracker->markDone(step.id); !marked) {
                return labFail(marked.error());
            }
            labOut() << "Step " << step.id << " marked done." << Qt::endl;
            return ExitOk;
        }
        labOut() << "Step " << step.id << " has no check; mark it done with `drydock lab check "
                 << walk->lab.id << " " << step.id << " --done`." << Qt::endl;
        return ExitOk;
    }
    auto engine = connectEngine(parser);
    if (!engine) {
        return labFail(engine.error());
    }
    LabContext context{walk->lab, LabScope::forLab(walk->lab), *engine, {}, {}, {}, {}, {}};
    const auto evaluation = evaluatePredicate(*step.verify, context);
    if (!evaluation) {
        return labFail(evaluation.error());
    }
    if (auto recorded = tracker->recordCheck(step.id, evaluation->passed, evaluation->missing);
        !recorded) {
        return labFail(recorded.error());
    }
    labOut() << (evaluation->passed ? "PASS  " : "FAIL  ") << oneLine(step.title) << Qt::endl;
    for (const QString &line : evaluation->satisfied) {
        labOut() << "  ok:      " << line << Qt::endl;
    }
    for (const QString &line : evaluation->missing) {
        labOut() << "  missing: " << line << Qt::endl;
    }
    const QStringList needs = tracker->missingNeeds(step.id);
    if (!needs.isEmpty()) {
        labOut() << "  note: steps " << needs.join(QStringLiteral(", ")) << " are not done yet."
                 << Qt::endl;
    }
    return evaluation->passed ? ExitOk : ExitFindings;
}

int resetProgress(const QStringList &positional, bool yes)
{
    if (positional.size() < 2) {
        return labUsageError(QStringLiteral("reset needs a lab id."));
    }
    const auto lab = findLab(positional.at(1));
    if (!lab) {
        return labFail(lab.error());
    }
    if (!yes) {
        labErr() << "drydock lab: this forgets every answer and step of " << lab->id
                 << "; add --yes to do it." << Qt::endl;
        return ExitBadInput;
    }
    if (auto reset = ProgressStore().reset(lab->id); !reset) {
        return labFail(reset.error());
    }
    labOut() << "Progress of " << lab->id << " reset." << Qt::endl;
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
            return labUsageError(QStringLiteral("show needs a lab id or file."));
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
    return labUsageError(sub.isEmpty() ? QStringLiteral("Say what to do: list, validate, show, "
                                                        "run-action, check or reset.")
                                       : QStringLiteral("Unknown lab command \"%1\".").arg(sub));
}

} // namespace drydock::app
