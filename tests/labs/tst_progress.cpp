// SPDX-License-Identifier: GPL-3.0-or-later
// The progress store: every change saved, resume, reset, refusal of broken
// files, nothing lost when a process is killed (-9) in the middle of
// saving, nor when two trackers or processes save at once.
#include "labs/labloader.h"
#include "labs/progress.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace drydock;
using namespace drydock::labs;

namespace {

Lab sampleLab()
{
    const QByteArray text = R"({
  "formatVersion": 1, "id": "sample", "title": "Sample", "version": "2", "summary": "S",
  "steps": [
    {"id": "one", "title": "One", "instructions": "Do one.", "hints": ["h1", "h2"],
     "questions": [{"id": "why", "text": "Why?"}]},
    {"id": "two", "title": "Two", "instructions": "Do two.", "needs": ["one"],
     "verify": {"type": "benchScoreImproved"}},
    {"id": "extra", "title": "Extra", "instructions": "Optional.", "optional": true}
  ]
})";
    const LabLoad load = loadLabText(text, QStringLiteral("sample.json"), QDir::tempPath());
    if (!load.ok()) {
        qFatal("sample lab does not load: %s", qPrintable(load.diagnostics.first().text()));
    }
    return *load.lab;
}

} // namespace

class TestProgress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void freshProgressIsEmpty();
    void everyChangeIsSavedAndResumed();
    void hintsOneAtATime();
    void needsLockSteps();
    void checksMarkDoneAndNeverUndo();
    void markDoneOnlyWithoutVerify();
    void resetForgets();
    void unknownStepsAndQuestionsRefused();
    void brokenFilesAreReportedNotReplaced_data();
    void brokenFilesAreReportedNotReplaced();
    void usersAreSeparate();
    void killDuringSaveLosesNothing();
    void staleTrackersKeepEachOthersChanges();
    void processesSavingAtOnceLoseNothing();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    Lab m_lab;
    QDateTime m_now;
    ProgressTracker::Clock clock()
    {
        return [this] {
            m_now = m_now.addSecs(1);
            return m_now;
        };
    }
};

void TestProgress::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_lab = sampleLab();
    m_now = QDateTime(QDate(2026, 12, 4), QTime(10, 0), Qt::UTC);
}

void TestProgress::freshProgressIsEmpty()
{
    const ProgressStore store(m_dir->path(), QStringLiteral("ann"));
    auto tracker = ProgressTracker::open(store, m_lab, clock());
    QVERIFY(tracker.ok());
    QCOMPARE(tracker->doneCount(), 0);
    QVERIFY(!tracker->isComplete());
    QVERIFY(!QFile::exists(store.filePath(QStringLiteral("sample"))));
    QCOMPARE(tracker->progress().labVersion, QStringLiteral("2"));
}

void TestProgress::everyChangeIsSavedAndResumed()
{
    const ProgressStore store(m_dir->path(), QStringLiteral("ann"));
    {
        auto tracker = ProgressTracker::open(store, m_lab, clock());
        QVERIFY(tracker.ok());
        QVERIFY(tracker->setCurrentStep(QStringLiteral("one")).ok());
        QVERIFY(QFile::exists(store.filePath(QStringLiteral("sample"))));
        QVERIFY(tracker
                    ->setAnswer(QStringLiteral("one"), QStringLiteral("why"),
                                QStringLiteral("Because ünïcode\nand lines."))
                    .ok());
        QVERIFY(tracker->revealHint(QStringLiteral("one")).ok());
        QVERIFY(tracker->markDone(QStringLiteral("one")).ok());
        QVERIFY(
            tracker->attachRun(QStringLiteral("two"), QStringLiteral("20261204T100000Z-ab")).ok());
        QVERIFY(
            tracker
                ->recordCheck(QStringLiteral("two"), false, {QStringLiteral("Two runs are needed")})
                .ok());
    }
    // A new tracker (the app restarted) sees exactly what was there.
    auto resumed = ProgressTracker::open(store, m_lab, clock());
    QVERIFY(resumed.ok());
    const LabProgress &p = resumed->progress();
    QCOMPARE(p.currentStep, QStringLiteral("one"));
    QCOMPARE(p.user, QStringLiteral("ann"));
    const StepProgress one = p.step(QStringLiteral("one"));
    QCOMPARE(one.status, StepStatus::Done);
    QCOMPARE(one.answers.value(QStringLiteral("why")),
             QStringLiteral("Because ünïcode\nand lines."));
    QCOMPARE(one.hintsRevealed, 1);
    QVERIFY(one.startedAt.isValid());
    QVERIFY(one.completedAt > one.startedAt);
    const StepProgress two = p.step(QStringLiteral("two"));
    QCOMPARE(two.status, StepStatus::InProgress);
    QCOMPARE(two.runIds, QStringList{QStringLiteral("20261204T100000Z-ab")});
    QCOMPARE(two.lastCheckPassed, std::optional<bool>(false));
    QCOMPARE(two.lastCheckMissing, QStringList{QStringLiteral("Two runs are needed")});
    QCOMPARE(resumed->doneCount(), 1);
}

void TestProgress::hintsOneAtATime()
{
    const ProgressStore store(m_dir->path(), QStringLiteral("ann"));
    auto tracker = ProgressTracker::open(store, m_lab, clock());
    QCOMPARE(*tracker->revealHint(QStringLiteral("one")), 1);
    QCOMPARE(*tracker->revealHint(QStringLiteral("one")), 2);
    // Rule: no more hints than the step has.
    const auto third = tracker->revealHint(QStringLiteral("one"));
    QVERIFY(!third.ok());
    QCOMPARE(third.error().message, QStringLiteral("Every hint of step \"one\" is shown already."));
    QCOMPARE(tracker->step(QStringLiteral("one")).hintsRevealed, 2);
    const auto none = tracker->revealHint(QStringLiteral("extra"));
    QCOMPARE(none.error().message, QStringLiteral("Step \"extra\" has no hints."));
}

void TestProgress::needsLockSteps()
{
    const ProgressStore store(m_dir->path(), QStringLiteral("ann"));
    auto tracker = ProgressTracker::open(store, m_lab, clock());
    QVERIFY(tracker->isUnlocked(QStringLiteral("one")));
    QVERIFY(!tracker->isUnlocked(QStringLiteral("two")));
    QCOMPARE(tracker->missingNeeds(QStringLiteral("two")), QStringList{QStringLiteral("one")});
    QVERIFY(tracker->markDone(QStringLiteral("one")).ok());
    QVERIFY(tracker->isUnlocked(QStringLiteral("two")));
}

void TestProgress::checksMarkDoneAndNeverUndo()
{
    const ProgressStore store(m_dir->path(), QStringLiteral("ann"));
    auto tracker = ProgressTracker::open(store, m_lab, clock());
    QVERIFY(tracker->recordCheck(QStringLiteral("two"), true, {}).ok());
    QCOMPARE(tracker->step(QStringLiteral("two")).status, StepStatus::Done);
    const QDateTime completed = tracker->step(QStringLiteral("two")).completedAt;
    // Rule: a later failing check (the learner cleaned up) keeps the step done.
    QVERIFY(tracker->recordCheck(QStringLiteral("two"), false, {QStringLiteral("gone")}).ok());
    QCOMPARE(tracker->step(QStringLiteral("two")).status, StepStatus::Done);
    QCOMPARE(tracker->step(QStringLiteral("two")).completedAt, completed);
    QCOMPARE(tracker->step(QStringLiteral("two")).lastCheckPassed, std::optional<bool>(false));
    // Rule: optional steps are not needed for completion.
    QVERIFY(tracker->markDone(QStringLiteral("one")).ok());
    QVERIFY(tracker->isComplete());
}

void TestProgress::markDoneOnlyWithoutVerify()
{
    const ProgressStore store(m_dir->path(), QStringLiteral("ann"));
    auto tracker = ProgressTracker::open(store, m_lab, clock());
    const auto refused = tracker->markDone(QStringLiteral("two"));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().message,
             QStringLiteral("Step \"two\" is done when its check passes."));
}

void TestProgress::resetForgets()
{
    const ProgressStore store(m_dir->path(), QStringLiteral("ann"));
    auto tracker = ProgressTracker::open(store, m_lab, clock());
    QVERIFY(tracker->markDone(QStringLiteral("one")).ok());
    QCOMPARE(store.savedLabs(), QStringList{QStringLiteral("sample")});
    QVERIFY(tracker->reset().ok());
    QCOMPARE(tracker->doneCount(), 0);
    QVERIFY(!QFile::exists(store.filePath(QStringLiteral("sample"))));
    auto again = ProgressTracker::open(store, m_lab, clock());
    QCOMPARE(again->doneCount(), 0);
}

void TestProgress::unknownStepsAndQuestionsRefused()
{
    const ProgressStore store(m_dir->path(), QStringLiteral("ann"));
    auto tracker = ProgressTracker::open(store, m_lab, clock());
    QCOMPARE(tracker->markDone(QStringLiteral("nope")).error().message,
             QStringLiteral("Lab \"sample\" has no step \"nope\"."));
    QCOMPARE(tracker->setAnswer(QStringLiteral("one"), QStringLiteral("what"), QString())
                 .error()
                 .message,
             QStringLiteral("Step \"one\" has no question \"what\"."));
    // Rule: lab ids become file names, so only safe ones are accepted.
    QVERIFY(!store.load(QStringLiteral("../../etc/passwd")).ok());
}

void TestProgress::brokenFilesAreReportedNotReplaced_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    // Rule: a file that is not JSON is reported with its path, and kept.
    QTest::newRow("not json") << QByteArray("{\"schemaVersion\": 1,")
                              << QStringLiteral("is not valid JSON");
    // Rule: a newer schema is not misread.
    QTest::newRow("future schema")
        << QByteArray("{\"schemaVersion\": 9, \"labId\": \"sample\", \"steps\": {}}")
        << QStringLiteral("it has schema version 9, this Drydock reads 1");
    // Rule: progress of another lab under this lab's name is refused.
    QTest::newRow("other lab") << QByteArray(
                                      "{\"schemaVersion\": 1, \"labId\": \"other\", \"steps\": {}}")
                               << QStringLiteral("belongs to lab \"other\"");
    QTest::newRow("bad status")
        << QByteArray("{\"schemaVersion\": 1, \"labId\": \"sample\", \"steps\": {\"one\": "
                      "{\"status\": \"maybe\"}}}")
        << QStringLiteral("step one has an unknown status");
}

void TestProgress::brokenFilesAreReportedNotReplaced()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const ProgressStore store(m_dir->path(), QStringLiteral("ann"));
    const QString path = store.filePath(QStringLiteral("sample"));
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const auto tracker = ProgressTracker::open(store, m_lab, clock());
    QVERIFY(!tracker.ok());
    QVERIFY2(tracker.error().message.contains(message), qPrintable(tracker.error().message));
    QVERIFY(tracker.error().message.contains(path));
    QFile again(path);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), content);
}

void TestProgress::usersAreSeparate()
{
    const ProgressStore ann(m_dir->path(), QStringLiteral("ann"));
    const ProgressStore bob(m_dir->path(), QStringLiteral("bob"));
    auto a = ProgressTracker::open(ann, m_lab, clock());
    QVERIFY(a->markDone(QStringLiteral("one")).ok());
    auto b = ProgressTracker::open(bob, m_lab, clock());
    QCOMPARE(b->doneCount(), 0);
    QVERIFY(ann.filePath(QStringLiteral("sample")) != bob.filePath(QStringLiteral("sample")));
}

void TestProgress::killDuringSaveLosesNothing()
{
    // A child saves progress in a loop, each save a bigger answer, and tells
    // the parent through a pipe after each save returned. The parent kills
    // it with SIGKILL at some point; whatever the child last confirmed must
    // load back intact. Repeated so that kills land at different moments of
    // the write-fsync-rename sequence.
    const ProgressStore store(m_dir->path(), QStringLiteral("ann"));
    for (int round = 0; round < 12; ++round) {
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::close(fds[0]);
            auto tracker = ProgressTracker::open(store, m_lab, {});
            if (!tracker) {
                ::_exit(3);
            }
            for (int i = 0;; ++i) {
                // A sizeable answer makes the write window wide.
                const QString text =
                    QString::number(i) + QString(2000 + (i % 7) * 500, QLatin1Char('x'));
                if (!tracker->setAnswer(QStringLiteral("one"), QStringLiteral("why"), text)) {
                    ::_exit(4);
                }
                const int confirmed = i;
                if (::write(fds[1], &confirmed, sizeof confirmed) != sizeof confirmed) {
                    ::_exit(5);
                }
            }
        }
        ::close(fds[1]);
        int lastConfirmed = -1;
        int value = 0;
        // Let it run a varying number of saves, then kill it mid-flight.
        const int target = 3 + round * 5;
        while (lastConfirmed < target && ::read(fds[0], &value, sizeof value) == sizeof value) {
            lastConfirmed = value;
        }
        ::kill(child, SIGKILL);
        // Confirmations already in the pipe were saved too.
        while (::read(fds[0], &value, sizeof value) == sizeof value) {
            lastConfirmed = value;
        }
        ::close(fds[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY2(WIFSIGNALED(status), "the child must have been killed, not have failed");
        QVERIFY(lastConfirmed >= target);

        const auto loaded = store.load(QStringLiteral("sample"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        const QString answer =
            loaded->step(QStringLiteral("one")).answers.value(QStringLiteral("why"));
        bool ok = false;
        const int saved = answer.section(QLatin1Char('x'), 0, 0).toInt(&ok);
        QVERIFY(ok);
        // The save in flight may or may not have landed; nothing older is lost.
        QVERIFY2(
            saved == lastConfirmed || saved == lastConfirmed + 1,
            qPrintable(QStringLiteral("saved %1, confirmed %2").arg(saved).arg(lastConfirmed)));
        QCOMPARE(answer.size() - QString::number(saved).size(), 2000 + (saved % 7) * 500);
        QCOMPARE(store.savedLabs(), QStringList{QStringLiteral("sample")});
    }
}

void TestProgress::staleTrackersKeepEachOthersChanges()
{
    // Two trackers opened on the same file (the window and `drydock lab
    // check`): each change lands on what the other saved meanwhile.
    const ProgressStore store(m_dir->path(), QStringLiteral("ann"));
    auto window = ProgressTracker::open(store, m_lab, clock());
    auto cli = ProgressTracker::open(store, m_lab, clock());
    QVERIFY(window.ok() && cli.ok());
    QVERIFY(window->markDone(QStringLiteral("one")).ok());
    QVERIFY(cli->markDone(QStringLiteral("extra")).ok());
    QVERIFY(
        window->setAnswer(QStringLiteral("one"), QStringLiteral("why"), QStringLiteral("A")).ok());
    const auto loaded = store.load(QStringLiteral("sample"));
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->step(QStringLiteral("one")).status, StepStatus::Done);
    QCOMPARE(loaded->step(QStringLiteral("extra")).status, StepStatus::Done);
    QCOMPARE(loaded->step(QStringLiteral("one")).answers.value(QStringLiteral("why")),
             QStringLiteral("A"));
    // The tracker that saved last sees the other's change too.
    QCOMPARE(window->progress().step(QStringLiteral("extra")).status, StepStatus::Done);
}

void TestProgress::processesSavingAtOnceLoseNothing()
{
    // Four processes each attach ten runs of their own to the same step at
    // the same time; every one of the forty is in the file afterwards.
    const ProgressStore store(m_dir->path(), QStringLiteral("ann"));
    constexpr int kProcesses = 4;
    constexpr int kRuns = 10;
    QList<pid_t> children;
    for (int p = 0; p < kProcesses; ++p) {
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            auto tracker = ProgressTracker::open(store, m_lab, {});
            if (!tracker) {
                ::_exit(3);
            }
            for (int r = 0; r < kRuns; ++r) {
                if (!tracker->attachRun(QStringLiteral("two"),
                                        QStringLiteral("p%1-r%2").arg(p).arg(r))) {
                    ::_exit(4);
                }
            }
            ::_exit(0);
        }
        children.append(child);
    }
    for (const pid_t child : children) {
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
    }
    const auto loaded = store.load(QStringLiteral("sample"));
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->step(QStringLiteral("two")).runIds.size(), kProcesses * kRuns);
}

QTEST_GUILESS_MAIN(TestProgress)
#include "tst_progress.moc"
