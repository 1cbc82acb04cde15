// SPDX-License-Identifier: GPL-3.0-or-later
// Jobs: work off the owner's thread, one result on the owner's thread, never
// after the owner is gone, and cancel.
#include "util/job.h"

#include <QCoreApplication>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <chrono>
#include <thread>

using namespace drydock;
using namespace std::chrono_literals;

namespace {

// Posted events (queued calls, deferred deletes) are all delivered.
void drainEvents()
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
}

// Waits for every pool thread to finish its work: a guard, not a measurement.
bool poolIdle()
{
    return QThreadPool::globalInstance()->waitForDone(20000);
}

// Spins until cancelled; a guard ends it if cancel never arrives.
void spinUntilCancelled(const JobContext &context)
{
    for (int i = 0; i < 2000 && !context.isCancelled(); ++i) {
        std::this_thread::sleep_for(10ms);
    }
}

} // namespace

class TestJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        QVERIFY(poolIdle());
        drainEvents();
    }

    void deliversOnOwnersThread()
    {
        QObject owner;
        std::atomic<QThread *> workerThread = nullptr;
        QThread *doneThread = nullptr;
        int calls = 0;
        int value = 0;
        runJob<int>(
            &owner,
            [&](const JobContext &) {
                workerThread = QThread::currentThread();
                return Result<int>(42);
            },
            [&](const Result<int> &result) {
                doneThread = QThread::currentThread();
                value = result.ok() ? result.value() : -1;
                ++calls;
            });
        QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 20000);
        QCOMPARE(value, 42);
        QCOMPARE(doneThread, QThread::currentThread());
        QVERIFY(workerThread.load() != nullptr);
        QVERIFY(workerThread.load() != QThread::currentThread());
        // The job deletes itself once it has delivered.
        drainEvents();
        QVERIFY(owner.children().isEmpty());
        QCOMPARE(calls, 1);
    }

    void deliversOnAnotherOwnersThread()
    {
        // An owner living in its own thread gets the result there.
        QThread ownerThread;
        auto *owner = new QObject;
        owner->moveToThread(&ownerThread);
        ownerThread.start();
        std::atomic<QThread *> doneThread = nullptr;
        QMetaObject::invokeMethod(owner, [owner, &doneThread] {
            runJob<int>(
                owner, [](const JobContext &) { return Result<int>(1); },
                [&doneThread](const Result<int> &) { doneThread = QThread::currentThread(); });
        });
        QTRY_VERIFY_WITH_TIMEOUT(doneThread.load() != nullptr, 20000);
        QCOMPARE(doneThread.load(), &ownerThread);
        QMetaObject::invokeMethod(owner, &QObject::deleteLater);
        ownerThread.quit();
        QVERIFY(ownerThread.wait(20000));
    }

    void deliversErrors()
    {
        QObject owner;
        std::optional<Error> error;
        runJob<QString>(
            &owner,
            [](const JobContext &) -> Result<QString> {
                return makeError(ErrorKind::Unreachable, QStringLiteral("No engine socket."),
                                 QStringLiteral("Start it."));
            },
            [&](const Result<QString> &result) {
                if (!result.ok()) {
                    error = result.error();
                }
            });
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 20000);
        QCOMPARE(error->kind, ErrorKind::Unreachable);
        QCOMPARE(error->message, QStringLiteral("No engine socket."));
        QCOMPARE(error->hint, QStringLiteral("Start it."));
    }

    void neverAfterOwnerDestroyed()
    {
        QSemaphore started;
        QSemaphore release;
        std::atomic_bool sawCancel = false;
        std::atomic_bool workDone = false;
        int calls = 0;
        auto *owner = new QObject;
        runJob<int>(
            owner,
            [&](const JobContext &context) {
                started.release();
                release.acquire();
                sawCancel = context.isCancelled();
                // Progress after the owner is gone goes nowhere, safely.
                context.progress(0.5, QStringLiteral("late"));
                workDone = true;
                return Result<int>(1);
            },
            [&](const Result<int> &) { ++calls; });
        QVERIFY(started.tryAcquire(1, 20000));
        delete owner; // while the work runs
        release.release();
        QVERIFY(poolIdle());
        QVERIFY(workDone);
        drainEvents();
        QCOMPARE(calls, 0);
        // Destroying the owner cancels the work it no longer wants.
        QVERIFY(sawCancel);
    }

    void ownerDestroyedAfterWorkBeforeDelivery()
    {
        // The result is queued but the owner goes before the event loop runs.
        int calls = 0;
        auto *owner = new QObject;
        runJob<int>(
            owner, [](const JobContext &) { return Result<int>(1); },
            [&](const Result<int> &) { ++calls; });
        QVERIFY(poolIdle()); // the finished call is now queued
        delete owner;
        drainEvents();
        QCOMPARE(calls, 0);
    }

    void cancelEndsWithCancelled()
    {
        QObject owner;
        QSemaphore started;
        std::optional<Result<int>> outcome;
        TaskJob<int> *job = runJob<int>(
            &owner,
            [&](const JobContext &context) {
                started.release();
                spinUntilCancelled(context);
                return Result<int>(7); // the work did not notice; the job still says cancelled
            },
            [&](const Result<int> &result) { outcome.emplace(result); });
        QVERIFY(started.tryAcquire(1, 20000));
        QVERIFY(job->isRunning());
        job->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 20000);
        QVERIFY(!outcome->ok());
        QCOMPARE(outcome->error().kind, ErrorKind::Cancelled);
    }

    void cancelBeforeStart()
    {
        QObject owner;
        auto *job = new TaskJob<int>(
            [](const JobContext &context) {
                return context.isCancelled()
                           ? Result<int>(makeError(ErrorKind::Cancelled, QStringLiteral("early")))
                           : Result<int>(1);
            },
            &owner);
        bool finished = false;
        connect(job, &Job::finished, &owner, [&finished] { finished = true; });
        job->cancel();
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished, 20000);
        QVERIFY(job->hasResult());
        QCOMPARE(job->result().error().kind, ErrorKind::Cancelled);
    }

    void progressThenFinishedInOrder()
    {
        QObject owner;
        auto *job = new TaskJob<int>(
            [](const JobContext &context) {
                context.progress(0.25, QStringLiteral("a"));
                context.progress(0.5, QStringLiteral("b"));
                context.progress(-1, QStringLiteral("unknown"));
                return Result<int>(3);
            },
            &owner);
        QStringList seen;
        bool otherThread = false;
        connect(job, &Job::progress, &owner, [&](double fraction, const QString &text) {
            otherThread = otherThread || QThread::currentThread() != owner.thread();
            seen.append(QStringLiteral("%1 %2").arg(fraction).arg(text));
        });
        connect(job, &Job::finished, &owner, [&] { seen.append(QStringLiteral("finished")); });
        QVERIFY(!job->isRunning());
        QVERIFY(!job->hasResult());
        job->start();
        QVERIFY(job->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(seen.contains(QStringLiteral("finished")), 20000);
        QCOMPARE(seen, QStringList({QStringLiteral("0.25 a"), QStringLiteral("0.5 b"),
                                    QStringLiteral("-1 unknown"), QStringLiteral("finished")}));
        QVERIFY(!otherThread);
        QVERIFY(!job->isRunning());
        QVERIFY(job->hasResult());
        QCOMPARE(job->result().value(), 3);
    }

    void startTwiceRunsOnce()
    {
        QObject owner;
        std::atomic_int runs = 0;
        QSemaphore release;
        auto *job = new TaskJob<int>(
            [&](const JobContext &) {
                ++runs;
                release.acquire();
                return Result<int>(0);
            },
            &owner);
        int finished = 0;
        connect(job, &Job::finished, &owner, [&finished] { ++finished; });
        job->start();
        job->start(); // still running: ignored
        release.release();
        QTRY_COMPARE_WITH_TIMEOUT(finished, 1, 20000);
        QVERIFY(poolIdle());
        drainEvents();
        QCOMPARE(runs.load(), 1);
        QCOMPARE(finished, 1);
    }
};

QTEST_GUILESS_MAIN(TestJob)
#include "tst_job.moc"
