// SPDX-License-Identifier: GPL-3.0-or-later
// One open lab in the window: its progress, its actions and checks, all run
// off the GUI thread; shared by the step view and presenter mode.
#pragma once

#include "labs/actions.h"
#include "labs/lab.h"
#include "labs/progress.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>

class QThread;

namespace drydock {
class Job;
}

namespace drydock::ui {

class EngineConnection;

// What the last check of a step said, in this session or saved before.
struct StepCheck
{
    bool known = false; // false: never checked
    bool passed = false;
    QStringList missing;
    QStringList satisfied; // only from a check in this session
};

class LabSession : public QObject
{
    Q_OBJECT
public:
    // How the lab's objects are named on the engine; tests give their own
    // so that parallel runs never meet.
    using ScopeFactory = std::function<labs::LabScope(const labs::Lab &)>;

    LabSession(labs::Lab lab, EngineConnection *connection, const ScopeFactory &scopeFactory,
               QObject *parent = nullptr);
    ~LabSession() override;

    const labs::Lab &lab() const;
    const labs::LabScope &scope() const { return m_scope; }

    // Loads the saved progress off the GUI thread; opened() or problem().
    void open();
    bool isOpen() const { return m_open; }
    const labs::LabProgress &progress() const { return m_progress; }
    labs::StepProgress stepProgress(const QString &stepId) const;
    bool isUnlocked(const QString &stepId) const;
    QStringList missingNeeds(const QString &stepId) const;
    int doneCount() const;
    StepCheck lastCheck(const QString &stepId) const;

    bool isBusy() const { return m_running > 0; }
    // An action or check is running (only one at a time).
    bool isWorking() const { return m_work != nullptr; }
    QString workingStep() const { return m_workStep; }

    labs::ActionPreview preview(const QString &stepId, int actionIndex) const;
    // Runs one of a step's actions; the caller has asked for confirmation.
    void runAction(const QString &stepId, int actionIndex);
    void check(const QString &stepId);
    // Looking only (the screenshot walk): steps are shown and checked, but
    // nothing is saved to the learner's progress.
    void setLookOnly(bool lookOnly) { m_lookOnly = lookOnly; }
    // Stops the running action or check where it can stop.
    void cancel();

    void markDone(const QString &stepId);
    void revealHint(const QString &stepId);
    void setAnswer(const QString &stepId, const QString &questionId, const QString &text);
    void setCurrentStep(const QString &stepId);
    void reset();
    // Removes every container and image carrying the lab's labels.
    void cleanUp();

    // Re-checks `stepId` when the engine reports a change to the lab's
    // containers, if the step asks for it (autoCheck); empty stops watching.
    void watchStep(const QString &stepId);
    bool isWatching() const { return m_watcher != nullptr; }

Q_SIGNALS:
    void opened();
    void progressChanged();
    void busyChanged(bool busy);
    void workStarted(const QString &stepId, const QString &text);
    void actionFinished(const QString &stepId, int actionIndex, bool ok, const QString &text);
    void checked(const QString &stepId);
    void problem(const QString &text);
    void jobProgress(const QString &text, double fraction);
    void jobEnded(const QString &text);
    void viewRequested(const QString &view);
    void benchRunSaved(const QString &runId);

private:
    struct Shared;
    struct Snapshot;
    using Mutation = std::function<Result<void>(labs::ProgressTracker &)>;

    void mutate(Mutation mutation, const QString &what);
    void adopt(const Snapshot &snapshot);
    void changeBusy(int delta);
    void startWork(const QString &stepId, const QString &text);
    void endWork(const QString &text);
    void stopWatching();

    std::shared_ptr<Shared> m_shared;
    EngineConnection *m_connection = nullptr;
    labs::LabScope m_scope;
    labs::LabProgress m_progress;
    quint64 m_version = 0;
    bool m_open = false;
    bool m_lookOnly = false;
    QMap<QString, StepCheck> m_checks;
    int m_running = 0;
    Job *m_work = nullptr;
    QString m_workStep;
    QThread *m_watcher = nullptr;
    CancelToken m_watchCancel;
    QString m_watchedStep;
    QTimer m_recheck;
};

} // namespace drydock::ui
