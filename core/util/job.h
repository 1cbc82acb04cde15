// SPDX-License-Identifier: GPL-3.0-or-later
// One asynchronous operation: start it, watch its progress, cancel it, and
// get one finished() signal on the thread that owns it. The work itself
// runs on Qt's thread pool and must not touch widgets.
#pragma once

#include "cancel.h"
#include "result.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace drydock {

class Job;

// What the worker side sees: the cancel flag and a progress channel that is
// safe to call from the worker thread.
class JobContext
{
public:
    const CancelToken &cancel() const { return m_cancel; }
    bool isCancelled() const { return m_cancel.isCancelled(); }
    // fraction in [0, 1], or negative when unknown.
    void progress(double fraction, const QString &text) const;

private:
    friend class Job;
    struct Relay
    {
        std::mutex mutex;
        Job *job = nullptr; // cleared when the job is destroyed
    };
    CancelToken m_cancel;
    std::shared_ptr<Relay> m_relay;
};

class Job : public QObject
{
    Q_OBJECT
public:
    explicit Job(QObject *parent = nullptr);
    ~Job() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(double fraction, const QString &text);
    void finished();

protected:
    // The work to run on a pool thread. It must own (or share) everything it
    // touches: the job itself may be destroyed while it runs.
    using Body = std::function<void(const JobContext &)>;
    virtual Body body() = 0;

private:
    friend class JobContext;
    void deliverFinished();

    JobContext m_context;
    bool m_running = false;
};

// A Job around a function returning Result<T>.
template<class T>
class TaskJob : public Job
{
public:
    using Work = std::function<Result<T>(const JobContext &)>;

    explicit TaskJob(Work work, QObject *parent = nullptr)
        : Job(parent), m_state(std::make_shared<State>())
    {
        m_state->work = std::move(work);
    }

    // Valid after finished().
    const Result<T> &result() const { return *m_state->result; }
    bool hasResult() const { return m_state->result.has_value(); }

protected:
    Body body() override
    {
        return [state = m_state](const JobContext &context) {
            Result<T> outcome = state->work(context);
            if (context.isCancelled() && outcome.ok()) {
                outcome = makeError(ErrorKind::Cancelled, QStringLiteral("Cancelled."));
            }
            state->result.emplace(std::move(outcome));
        };
    }

private:
    struct State
    {
        Work work;
        std::optional<Result<T>> result;
    };
    std::shared_ptr<State> m_state;
};

// Starts `work` off the calling thread and calls `done` with its result on
// the thread of `context`, unless `context` has been destroyed by then.
// Returns the job, owned by `context`, so the caller can cancel it.
template<class T>
TaskJob<T> *runJob(QObject *context, typename TaskJob<T>::Work work,
                   std::function<void(const Result<T> &)> done)
{
    auto *job = new TaskJob<T>(std::move(work), context);
    QObject::connect(job, &Job::finished, context, [job, done = std::move(done)] {
        done(job->result());
        job->deleteLater();
    });
    job->start();
    return job;
}

} // namespace drydock
