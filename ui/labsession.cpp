// SPDX-License-Identifier: GPL-3.0-or-later
#include "labsession.h"

#include "engineconnection.h"

#include "labs/verifier.h"
#include "util/job.h"

#include <QThread>

#include <mutex>
#include <optional>

namespace drydock::ui {

using namespace drydock::labs;

// The lab and its tracker, shared with the jobs: every change of the
// progress happens under the mutex, and each snapshot is numbered so that
// an older one never overwrites a newer one in the window.
struct LabSession::Shared
{
    explicit Shared(Lab l) : lab(std::move(l)) {}
    const Lab lab;
    std::mutex mutex;
    std::optional<ProgressTracker> tracker;
    quint64 version = 0;
};

struct LabSession::Snapshot
{
    LabProgress progress;
    quint64 version = 0;
};

namespace {

struct ActionDone
{
    ActionOutcome outcome;
};

} // namespace

LabSession::LabSession(Lab lab, EngineConnection *connection, const ScopeFactory &scopeFactory,
                       QObject *parent)
    : QObject(parent), m_shared(std::make_shared<Shared>(std::move(lab))), m_connection(connection)
{
    m_scope = scopeFactory ? scopeFactory(m_shared->lab) : LabScope::forLab(m_shared->lab);
    m_recheck.setSingleShot(true);
    // Engine events come in bursts (create, start, health...): one check
    // after the burst is enough.
    m_recheck.setInterval(700);
    connect(&m_recheck, &QTimer::timeout, this, [this] {
        if (!m_watchedStep.isEmpty() && !m_work) {
            check(m_watchedStep);
        }
    });
}

LabSession::~LabSession()
{
    stopWatching();
}

const Lab &LabSession::lab() const
{
    return m_shared->lab;
}

void LabSession::open()
{
    auto shared = m_shared;
    changeBusy(+1);
    runJob<Snapshot>(
        this,
        [shared](const JobContext &) -> Result<Snapshot> {
            std::lock_guard lock(shared->mutex);
            auto tracker = ProgressTracker::open(ProgressStore(), shared->lab);
            if (!tracker) {
                return tracker.error();
            }
            shared->tracker.emplace(std::move(*tracker));
            return Snapshot{shared->tracker->progress(), ++shared->version};
        },
        [this](const Result<Snapshot> &result) {
            changeBusy(-1);
            if (!result) {
                Q_EMIT problem(
                    tr("Your progress in this lab cannot be read: %1").arg(result.error().text()));
                return;
            }
            m_open = true;
            adopt(*result);
            Q_EMIT opened();
        });
}

StepProgress LabSession::stepProgress(const QString &stepId) const
{
    return m_progress.step(stepId);
}

bool LabSession::isUnlocked(const QString &stepId) const
{
    return missingNeeds(stepId).isEmpty();
}

QStringList LabSession::missingNeeds(const QString &stepId) const
{
    QStringList missing;
    if (const Step *step = lab().step(stepId)) {
        for (const QString &need : step->needs) {
            if (m_progress.step(need).status != StepStatus::Done) {
                missing.append(need);
            }
        }
    }
    return missing;
}

int LabSession::doneCount() const
{
    int done = 0;
    for (const Step &step : lab().steps) {
        done += m_progress.step(step.id).status == StepStatus::Done ? 1 : 0;
    }
    return done;
}

StepCheck LabSession::lastCheck(const QString &stepId) const
{
    if (m_checks.contains(stepId)) {
        return m_checks.value(stepId);
    }
    const StepProgress saved = m_progress.step(stepId);
    StepCheck check;
    if (saved.lastCheckPassed) {
        check.known = true;
        check.passed = *saved.lastCheckPassed;
        check.missing = saved.lastCheckMissing;
    }
    return check;
}

ActionPreview LabSession::preview(const QString &stepId, int actionIndex) const
{
    const Step *step = lab().step(stepId);
    if (!step || actionIndex < 0 || actionIndex >= step->actions.size()) {
        return {};
    }
    return previewAction(step->actions.at(actionIndex), lab(), m_scope);
}

void LabSession::runAction(const QString &stepId, int actionIndex)
{
    const Step *step = lab().step(stepId);
    if (m_work || !step || actionIndex < 0 || actionIndex >= step->actions.size()) {
        return;
    }
    const Action action = step->actions.at(actionIndex);
    const QString title = preview(stepId, actionIndex).title;
    if (action.type == ActionType::OpenView) {
        // Nothing on the engine: the window shows the view at once.
        Q_EMIT viewRequested(std::get<OpenViewAction>(action.params).view);
        Q_EMIT actionFinished(stepId, actionIndex, true, tr("Opened: %1").arg(title));
        setCurrentStep(stepId);
        return;
    }
    const auto client = m_connection ? m_connection->client() : nullptr;
    if (!client) {
        Q_EMIT actionFinished(stepId, actionIndex, false,
                              tr("The engine is not connected, so “%1” cannot run. Start the "
                                 "engine or press Reconnect in the bar above.")
                                  .arg(title));
        return;
    }
    startWork(stepId, tr("%1…").arg(title));
    auto shared = m_shared;
    const LabScope scope = m_scope;
    m_work = runJob<ActionDone>(
        this,
        [shared, client, action, scope, stepId](const JobContext &job) -> Result<ActionDone> {
            LabContext context{
                shared->lab,  scope,
                *client,      {},
                {},           {},
                job.cancel(), [&job](const QString &line) { job.progress(-1, line); }};
            auto outcome = labs::runAction(action, context);
            if (!outcome) {
                return outcome.error();
            }
            ActionDone done;
            done.outcome = *outcome;
            return done;
        },
        [this, stepId, actionIndex, title](const Result<ActionDone> &result) {
            m_work = nullptr;
            if (!result) {
                const bool cancelled = result.error().kind == ErrorKind::Cancelled;
                endWork(cancelled ? tr("%1: cancelled.").arg(title) : tr("%1: failed.").arg(title));
                Q_EMIT actionFinished(stepId, actionIndex, false,
                                      cancelled ? tr("Cancelled.") : result.error().text());
                return;
            }
            const ActionOutcome &outcome = result->outcome;
            endWork(outcome.summary);
            QStringList lines{outcome.refused
                                  ? tr("Refused (as the lab expects): %1").arg(outcome.summary)
                                  : outcome.summary};
            lines.append(outcome.details);
            Q_EMIT actionFinished(stepId, actionIndex, true, lines.join(QLatin1Char('\n')));
            if (!outcome.runId.isEmpty()) {
                Q_EMIT benchRunSaved(outcome.runId);
                if (!stepId.isEmpty()) {
                    const QString runId = outcome.runId;
                    mutate(
                        [stepId, runId](ProgressTracker &tracker) {
                            return tracker.attachRun(stepId, runId);
                        },
                        tr("The run could not be attached to the step"));
                }
            } else if (!stepId.isEmpty()) {
                setCurrentStep(stepId);
            }
            if (!outcome.view.isEmpty()) {
                Q_EMIT viewRequested(outcome.view);
            }
        });
    connect(m_work, &Job::progress, this,
            [this](double fraction, const QString &text) { Q_EMIT jobProgress(text, fraction); });
}

void LabSession::check(const QString &stepId)
{
    const Step *step = lab().step(stepId);
    if (m_work || !step || !step->verify) {
        return;
    }
    const auto client = m_connection ? m_connection->client() : nullptr;
    if (!client) {
        StepCheck failed;
        failed.missing = {tr("The engine is not connected, so nothing can be checked. Start the "
                             "engine or press Reconnect in the bar above.")};
        m_checks.insert(stepId, failed);
        Q_EMIT checked(stepId);
        return;
    }
    startWork(stepId, tr("Checking “%1”…").arg(step->title));
    auto shared = m_shared;
    const LabScope scope = m_scope;
    const Predicate predicate = *step->verify;
    m_work = runJob<Evaluation>(
        this,
        [shared, client, predicate, scope](const JobContext &job) -> Result<Evaluation> {
            LabContext context{shared->lab, scope, *client, {}, {}, {}, job.cancel(), {}};
            return evaluatePredicate(predicate, context);
        },
        [this, stepId, title = step->title](const Result<Evaluation> &result) {
            m_work = nullptr;
            if (!result) {
                endWork(tr("The check of “%1” could not run.").arg(title));
                StepCheck failed;
                failed.missing = {result.error().text()};
                m_checks.insert(stepId, failed);
                Q_EMIT checked(stepId);
                return;
            }
            endWork(result->passed
                        ? tr("“%1”: check passed.").arg(title)
                        : tr("“%1”: not done yet; the step lists what is missing.").arg(title));
            StepCheck done;
            done.known = true;
            done.passed = result->passed;
            done.missing = result->missing;
            done.satisfied = result->satisfied;
            m_checks.insert(stepId, done);
            const bool passed = result->passed;
            const QStringList missing = result->missing;
            mutate(
                [stepId, passed, missing](ProgressTracker &tracker) {
                    return tracker.recordCheck(stepId, passed, missing);
                },
                tr("The check's result could not be saved"));
            Q_EMIT checked(stepId);
        });
}

void LabSession::cancel()
{
    if (m_work) {
        m_work->cancel();
    }
}

void LabSession::markDone(const QString &stepId)
{
    mutate([stepId](ProgressTracker &tracker) { return tracker.markDone(stepId); },
           tr("The step could not be marked done"));
}

void LabSession::revealHint(const QString &stepId)
{
    mutate(
        [stepId](ProgressTracker &tracker) -> Result<void> {
            auto revealed = tracker.revealHint(stepId);
            if (!revealed) {
                return revealed.error();
            }
            return {};
        },
        tr("The hint could not be saved"));
}

void LabSession::setAnswer(const QString &stepId, const QString &questionId, const QString &text)
{
    mutate([stepId, questionId,
            text](ProgressTracker &tracker) { return tracker.setAnswer(stepId, questionId, text); },
           tr("Your answer could not be saved"));
}

void LabSession::setCurrentStep(const QString &stepId)
{
    if (m_progress.currentStep == stepId) {
        return;
    }
    mutate([stepId](ProgressTracker &tracker) { return tracker.setCurrentStep(stepId); },
           tr("The current step could not be saved"));
}

void LabSession::reset()
{
    m_checks.clear();
    mutate([](ProgressTracker &tracker) { return tracker.reset(); },
           tr("The progress could not be reset"));
}

void LabSession::cleanUp()
{
    if (m_work) {
        return;
    }
    const auto client = m_connection ? m_connection->client() : nullptr;
    if (!client) {
        Q_EMIT problem(tr("The engine is not connected, so nothing can be cleaned up."));
        return;
    }
    Action action;
    action.type = ActionType::Cleanup;
    action.params = CleanupAction{true};
    startWork({}, tr("Cleaning up the lab…"));
    auto shared = m_shared;
    const LabScope scope = m_scope;
    m_work = runJob<ActionOutcome>(
        this,
        [shared, client, action, scope](const JobContext &job) -> Result<ActionOutcome> {
            LabContext context{shared->lab, scope, *client, {}, {}, {}, job.cancel(), {}};
            return labs::runAction(action, context);
        },
        [this](const Result<ActionOutcome> &result) {
            m_work = nullptr;
            if (!result) {
                endWork(tr("Clean-up failed."));
                Q_EMIT problem(
                    tr("The lab could not be cleaned up: %1").arg(result.error().text()));
                return;
            }
            endWork(result->summary);
            Q_EMIT actionFinished({}, -1, true, result->summary);
        });
}

void LabSession::watchStep(const QString &stepId)
{
    if (stepId == m_watchedStep && m_watcher) {
        return;
    }
    stopWatching();
    const Step *step = lab().step(stepId);
    const auto client = m_connection ? m_connection->client() : nullptr;
    if (!step || !step->autoCheck || !step->verify || !client) {
        return;
    }
    m_watchedStep = stepId;
    m_watchCancel = CancelToken();
    const CancelToken cancel = m_watchCancel;
    nlohmann::json filters = nlohmann::json::object();
    filters["type"] = nlohmann::json::array({"container", "image"});
    filters["label"] = nlohmann::json::array(
        {QString(QString::fromLatin1(kLabLabel) + QLatin1Char('=') + lab().id).toStdString()});
    const QString filtersJson = QString::fromStdString(filters.dump());
    // A thread of its own: the event stream stays open as long as the step
    // is shown, and would otherwise hold one of the pool's few threads.
    // The destructor cancels and joins it before this object goes away.
    m_watcher = QThread::create([this, client, cancel, filtersJson] {
        client
            ->events(
                filtersJson,
                [this](const docker::EngineEvent &) {
                    QMetaObject::invokeMethod(
                        this, [this] { m_recheck.start(); }, Qt::QueuedConnection);
                    return true;
                },
                cancel)
            .ok();
    });
    m_watcher->start();
}

void LabSession::stopWatching()
{
    m_watchedStep.clear();
    m_recheck.stop();
    if (m_watcher) {
        m_watchCancel.cancel();
        m_watcher->wait();
        delete m_watcher;
        m_watcher = nullptr;
    }
}

void LabSession::mutate(Mutation mutation, const QString &what)
{
    if (!m_open) {
        Q_EMIT problem(tr("%1: the lab's progress is not loaded yet.").arg(what));
        return;
    }
    if (m_lookOnly) {
        return;
    }
    auto shared = m_shared;
    changeBusy(+1);
    runJob<Snapshot>(
        this,
        [shared, mutation = std::move(mutation)](const JobContext &) -> Result<Snapshot> {
            std::lock_guard lock(shared->mutex);
            if (!shared->tracker) {
                return makeError(ErrorKind::Internal, QStringLiteral("The lab is not open."));
            }
            if (auto changed = mutation(*shared->tracker); !changed) {
                return changed.error();
            }
            return Snapshot{shared->tracker->progress(), ++shared->version};
        },
        [this, what](const Result<Snapshot> &result) {
            changeBusy(-1);
            if (!result) {
                Q_EMIT problem(tr("%1: %2").arg(what, result.error().text()));
                return;
            }
            adopt(*result);
        });
}

void LabSession::adopt(const Snapshot &snapshot)
{
    if (snapshot.version <= m_version) {
        return;
    }
    m_version = snapshot.version;
    m_progress = snapshot.progress;
    Q_EMIT progressChanged();
}

void LabSession::changeBusy(int delta)
{
    const bool was = isBusy();
    m_running += delta;
    if (was != isBusy()) {
        Q_EMIT busyChanged(isBusy());
    }
}

void LabSession::startWork(const QString &stepId, const QString &text)
{
    m_workStep = stepId;
    changeBusy(+1);
    Q_EMIT workStarted(stepId, text);
    Q_EMIT jobProgress(text, -1);
}

void LabSession::endWork(const QString &text)
{
    m_workStep.clear();
    changeBusy(-1);
    Q_EMIT jobEnded(text);
}

} // namespace drydock::ui
