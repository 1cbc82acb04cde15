// SPDX-License-Identifier: GPL-3.0-or-later
// A learner's progress through one lab: step states, revealed hints,
// answers, checks and attached runs. Saved atomically after every change
// under dataPath("progress")/<user>/<lab id>.json.
#pragma once

#include "lab.h"
#include "util/result.h"

#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

namespace drydock::labs {

enum class StepStatus { NotStarted, InProgress, Done };
QString stepStatusName(StepStatus status); // "not-started", "in-progress", "done"
std::optional<StepStatus> stepStatusFromName(const QString &name);

struct StepProgress
{
    StepStatus status = StepStatus::NotStarted;
    int hintsRevealed = 0;
    QMap<QString, QString> answers; // question id -> the learner's text
    QStringList runIds;             // bench runs attached to the step
    QDateTime startedAt;
    QDateTime completedAt;
    QDateTime lastCheckedAt;
    std::optional<bool> lastCheckPassed;
    QStringList lastCheckMissing; // what the last check said was still missing

    bool operator==(const StepProgress &) const = default;
};

struct LabProgress
{
    static constexpr int kSchemaVersion = 1;

    QString labId;
    QString labVersion; // the lab's version when progress started
    QString user;
    QString currentStep;
    QDateTime startedAt;
    QDateTime updatedAt;
    QMap<QString, StepProgress> steps; // step id -> progress; absent = not started

    StepProgress step(const QString &stepId) const { return steps.value(stepId); }
    bool operator==(const LabProgress &) const = default;
};

nlohmann::json progressToJson(const LabProgress &progress);
// `source` names the file in messages.
Result<LabProgress> progressFromJson(const nlohmann::json &doc, const QString &source);

class ProgressStore
{
public:
    // Defaults: dataPath("progress") and the login name.
    explicit ProgressStore(QString folder = {}, QString user = {});

    QString folder() const { return m_folder; }
    QString user() const { return m_user; }
    QString filePath(const QString &labId) const;

    // The saved progress, or a fresh one when nothing was saved yet. A file
    // that cannot be read is an error, never silently replaced.
    Result<LabProgress> load(const QString &labId) const;
    Result<void> save(const LabProgress &progress) const;
    // Forgets one lab's progress.
    Result<void> reset(const QString &labId) const;
    // Lab ids with saved progress for this user.
    QStringList savedLabs() const;

    // The login name, reduced to characters safe in a file name.
    static QString currentUser();

private:
    QString m_folder;
    QString m_user;
};

// One lab's progress, changed only through these calls; each change is
// made to the file's current content and saved before it is adopted, so
// what the caller sees is always on disk and changes made meanwhile by
// another process are kept.
class ProgressTracker
{
public:
    using Clock = std::function<QDateTime()>;

    static Result<ProgressTracker> open(const ProgressStore &store, const Lab &lab,
                                        Clock clock = {});

    const LabProgress &progress() const { return m_progress; }
    StepProgress step(const QString &stepId) const { return m_progress.step(stepId); }

    // A step may be worked on when every step it needs is done.
    bool isUnlocked(const QString &stepId) const;
    QStringList missingNeeds(const QString &stepId) const;
    // Every non-optional step done.
    bool isComplete() const;
    int doneCount() const;

    Result<void> setCurrentStep(const QString &stepId);
    // Reveals the next hint; returns how many are revealed now.
    Result<int> revealHint(const QString &stepId);
    Result<void> setAnswer(const QString &stepId, const QString &questionId, const QString &text);
    // Records a verification; a passing one marks the step done. A failing
    // one never undoes a step that was done (the learner may clean up later).
    Result<void> recordCheck(const QString &stepId, bool passed, const QStringList &missing);
    // For steps without a verification.
    Result<void> markDone(const QString &stepId);
    Result<void> attachRun(const QString &stepId, const QString &runId);
    // Starts over: forgets everything saved for this lab.
    Result<void> reset();

private:
    ProgressTracker(ProgressStore store, const Lab &lab, LabProgress progress, Clock clock);
    // Applies `change` to the progress on disk and saves it, under the
    // file's lock; adopted only once saved.
    Result<void> update(const std::function<Result<void>(LabProgress &)> &change);
    Result<const Step *> findStep(const QString &stepId) const;
    void touch(LabProgress &next, const QString &stepId) const;

    ProgressStore m_store;
    QString m_labId;
    QList<Step> m_steps;
    LabProgress m_progress;
    Clock m_clock;
};

} // namespace drydock::labs
