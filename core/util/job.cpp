// SPDX-License-Identifier: GPL-3.0-or-later
#include "job.h"

#include <QMetaObject>
#include <QThreadPool>

namespace drydock {

void JobContext::progress(double fraction, const QString &text) const
{
    std::lock_guard lock(m_relay->mutex);
    if (Job *job = m_relay->job) {
        QMetaObject::invokeMethod(
            job, [job, fraction, text] { Q_EMIT job->progress(fraction, text); },
            Qt::QueuedConnection);
    }
}

Job::Job(QObject *parent) : QObject(parent)
{
    m_context.m_relay = std::make_shared<JobContext::Relay>();
    m_context.m_relay->job = this;
}

Job::~Job()
{
    m_context.m_cancel.cancel();
    std::lock_guard lock(m_context.m_relay->mutex);
    m_context.m_relay->job = nullptr;
}

void Job::start()
{
    if (m_running) {
        return;
    }
    m_running = true;
    // The worker holds the relay, not the job: a job destroyed mid-run is
    // simply not told about the end.
    const JobContext context = m_context;
    QThreadPool::globalInstance()->start([work = body(), context] {
        work(context);
        std::lock_guard lock(context.m_relay->mutex);
        if (Job *job = context.m_relay->job) {
            QMetaObject::invokeMethod(job, &Job::deliverFinished, Qt::QueuedConnection);
        }
    });
}

void Job::cancel()
{
    m_context.m_cancel.cancel();
}

void Job::deliverFinished()
{
    m_running = false;
    Q_EMIT finished();
}

} // namespace drydock
