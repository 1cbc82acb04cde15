// SPDX-License-Identifier: GPL-3.0-or-later
// The Labs view against the real engine: the shipped labs
// docker-bench-hardening and image-hygiene walked through the window (actions confirmed,
// Check pressed, each step failing before its actions and passing after),
// hints one at a time, answers kept across reopening, an invalid lab shown
// with its error, and presenter mode driven by keys.
#include "tests/support/loopbackports.h"
#include "uitesthelpers.h"

#include "ui/actionconfirm.h"
#include "ui/labsession.h"
#include "ui/labstepview.h"
#include "ui/labsview.h"
#include "ui/mainwindow.h"
#include "ui/markdownview.h"
#include "ui/presenterview.h"

#include "labs/actions.h"
#include "labs/catalog.h"
#include "labs/progress.h"
#include "util/process.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <memory>

using namespace drydock;
using namespace drydock::labs;
using namespace drydock::ui;
using namespace drydock::testing;

namespace {

const QString kLab = QStringLiteral("docker-bench-hardening");
constexpr int kJobTimeoutMs = 180000;

// Names, images and labels of this run only: tests share the engine.
LabScope testScope(const Lab &lab)
{
    const QString run = QStringLiteral("uilab%1").arg(QCoreApplication::applicationPid());
    LabScope scope = LabScope::forLab(lab);
    scope.namePrefix = run + QLatin1Char('-') + lab.id + QLatin1Char('-');
    scope.imageNamespace = run + QLatin1Char('-');
    scope.extraLabels.insert(QStringLiteral("org.drydock.test"), run);
    return scope;
}

const QString kSigningLab = QStringLiteral("signed-unsigned-images");

} // namespace

class TestLabsView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void invalidLabIsListedAndRefused();
    void hintsRevealOneAtATime();
    void answerSurvivesReopening();
    void presenterNavigatesWithKeys();
    void screenshotsLeaveProgressAlone();
    void walksShippedLab_data();
    void walksShippedLab();
    void openViewSwitchesTheWindow();

private:
    std::unique_ptr<LabsView> makeView();
    bool openShipped(LabsView *view, const QString &labId = kLab);
    // Presses Check and waits for its answer.
    StepCheck pressCheck(LabsView *view, const QString &stepId);
    LabProgress saved(const QString &labId = kLab);

    QTemporaryDir m_data;
    EngineConnection *m_connection = nullptr;
    std::shared_ptr<docker::EngineClient> m_client;
};

void TestLabsView::initTestCase()
{
    QVERIFY(m_data.isValid());
    // A data folder of this run alone: progress starts empty.
    qputenv("DRYDOCK_DATA_DIR", m_data.path().toUtf8());
    qputenv("DRYDOCK_LABS_DIR", QByteArray(DRYDOCK_SOURCE_DIR "/labs"));
    QVERIFY(QDir().mkpath(m_data.filePath(QStringLiteral("labs"))));
    QFile broken(m_data.filePath(QStringLiteral("labs/broken-lab.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(R"({
  "formatVersion": 1,
  "id": "broken-lab",
  "title": "Broken",
  "version": "1",
  "summary": "An action outside the vocabulary.",
  "steps": [{"id": "one", "title": "One", "instructions": "x",
             "actions": [{"type": "runShell"}]}]
}
)");
    broken.close();

    m_connection = new EngineConnection(this);
    m_connection->connectTo({});
    QVERIFY2(uitest::waitConnected(m_connection), qPrintable(m_connection->lastError().text()));
    m_client = m_connection->client();
}

void TestLabsView::cleanupTestCase()
{
    if (!m_client) {
        return;
    }
    // Whatever state a failed walk left: remove what this run's scope owns.
    for (const QString &id : {kLab, QStringLiteral("image-hygiene"), kSigningLab}) {
        const auto lab =
            findLab(QStringLiteral(DRYDOCK_SOURCE_DIR "/labs/") + id + QStringLiteral(".json"));
        if (!lab) {
            continue;
        }
        LabContext context{*lab, testScope(*lab), *m_client, {}, {}, {}, {}, {}};
        Action cleanup;
        cleanup.type = ActionType::Cleanup;
        cleanup.params = CleanupAction{true};
        if (const auto done = runAction(cleanup, context); !done) {
            qWarning().noquote() << "cleanup failed:" << done.error().text();
        }
    }
    // The signing lab's servers, when a failed walk left them running.
    if (const auto lab = findLab(QStringLiteral(DRYDOCK_SOURCE_DIR "/labs/") + kSigningLab +
                                 QStringLiteral(".json"))) {
        LabContext context{*lab, testScope(*lab), *m_client, {}, {}, {}, {}, {}};
        Action down;
        down.type = ActionType::LabenvDown;
        down.params = LabenvAction{false};
        if (const auto stopped = runAction(down, context); !stopped) {
            qWarning().noquote() << "labenv down failed:" << stopped.error().text();
        }
    }
}

std::unique_ptr<LabsView> TestLabsView::makeView()
{
    auto view = std::make_unique<LabsView>(m_connection);
    view->setScopeFactory(testScope);
    view->resize(1200, 800);
    if (!QTest::qWaitFor([&] { return view->isLoaded(); }, 20000)) {
        return nullptr;
    }
    return view;
}

bool TestLabsView::openShipped(LabsView *view, const QString &labId)
{
    return view->openLab(labId) &&
           QTest::qWaitFor([view] { return view->session() && view->session()->isOpen(); }, 20000);
}

StepCheck TestLabsView::pressCheck(LabsView *view, const QString &stepId)
{
    LabSession *session = view->session();
    QSignalSpy checked(session, &LabSession::checked);
    view->stepView()->checkButton()->click();
    if (!QTest::qWaitFor([&] { return !checked.isEmpty() && !session->isBusy(); }, kJobTimeoutMs)) {
        return {};
    }
    return session->lastCheck(stepId);
}

LabProgress TestLabsView::saved(const QString &labId)
{
    const auto progress = ProgressStore().load(labId);
    return progress ? *progress : LabProgress();
}

void TestLabsView::invalidLabIsListedAndRefused()
{
    auto view = makeView();
    QVERIFY(view);
    QListWidgetItem *brokenItem = nullptr;
    for (int row = 0; row < view->labList()->count(); ++row) {
        if (view->labList()->item(row)->text().contains(QStringLiteral("broken-lab.json"))) {
            brokenItem = view->labList()->item(row);
        }
    }
    QVERIFY(brokenItem);
    // The validator's message with file:line:column and the field.
    QVERIFY2(brokenItem->text().contains(QStringLiteral("broken-lab.json:8:")),
             qPrintable(brokenItem->text()));
    QVERIFY2(brokenItem->text().contains(QStringLiteral("runShell")),
             qPrintable(brokenItem->text()));
    QVERIFY(!(brokenItem->flags() & Qt::ItemIsEnabled));
    QVERIFY(!view->openLab(QStringLiteral("broken-lab")));
    view->labList()->setCurrentItem(brokenItem);
    QVERIFY(view->session() == nullptr);
    // The shipped labs are listed too, with their progress.
    const auto shipped = view->labList()->findItems(QStringLiteral("Docker Bench and hardening"),
                                                    Qt::MatchStartsWith);
    QCOMPARE(shipped.size(), 1);
    QVERIFY2(shipped.first()->text().contains(QStringLiteral("0 of 7 steps done")),
             qPrintable(shipped.first()->text()));
}

void TestLabsView::hintsRevealOneAtATime()
{
    auto view = makeView();
    QVERIFY(view);
    QVERIFY(openShipped(view.get()));
    view->showStep(QStringLiteral("run-default"));
    LabStepView *step = view->stepView();
    const Step *lab = view->session()->lab().step(QStringLiteral("run-default"));
    QVERIFY(lab && lab->hints.size() == 2);
    QVERIFY(step->shownHints().isEmpty());
    QVERIFY(step->hintButton()->isEnabled());
    step->hintButton()->click();
    QTRY_COMPARE(step->shownHints(), QStringList{lab->hints.at(0)});
    QTRY_VERIFY(step->hintButton()->isEnabled());
    step->hintButton()->click();
    QTRY_COMPARE(step->shownHints(), lab->hints);
    QVERIFY(!step->hintButton()->isEnabled());
    QCOMPARE(saved().step(QStringLiteral("run-default")).hintsRevealed, 2);
}

void TestLabsView::answerSurvivesReopening()
{
    const QString answer = QStringLiteral("root, and the default capability set");
    {
        auto view = makeView();
        QVERIFY(view);
        QVERIFY(openShipped(view.get()));
        view->showStep(QStringLiteral("run-default"));
        QPlainTextEdit *edit = view->stepView()->answerEdit(QStringLiteral("defaults"));
        QVERIFY(edit);
        edit->setPlainText(answer);
        // Saved after the typing pause, without leaving the step.
        QTRY_COMPARE_WITH_TIMEOUT(
            saved().step(QStringLiteral("run-default")).answers.value(QStringLiteral("defaults")),
            answer, 10000);
    }
    auto view = makeView();
    QVERIFY(view);
    QVERIFY(openShipped(view.get()));
    view->showStep(QStringLiteral("run-default"));
    QPlainTextEdit *edit = view->stepView()->answerEdit(QStringLiteral("defaults"));
    QVERIFY(edit);
    QCOMPARE(edit->toPlainText(), answer);
}

void TestLabsView::screenshotsLeaveProgressAlone()
{
    // The screenshot walk shows a step and the presenter with a fresh
    // check; the learner's saved progress stays byte for byte the same.
    {
        auto view = makeView();
        QVERIFY(view);
        QVERIFY(openShipped(view.get()));
        view->showStep(QStringLiteral("read-findings"));
        QTRY_COMPARE_WITH_TIMEOUT(saved().currentStep, QStringLiteral("read-findings"), 10000);
    }
    QFile file(ProgressStore().filePath(kLab));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    auto view = makeView();
    QVERIFY(view);
    view->prepareScreenshot();
    QTRY_VERIFY_WITH_TIMEOUT(view->session() && view->session()->isOpen(), 20000);
    QSignalSpy checked(view->session(), &LabSession::checked);
    view->showPage(QStringLiteral("presenter"));
    QTRY_VERIFY_WITH_TIMEOUT(!checked.isEmpty() && !view->session()->isBusy(), kJobTimeoutMs);
    QVERIFY(view->session()->lastCheck(view->presenter()->stepId()).known);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

void TestLabsView::presenterNavigatesWithKeys()
{
    auto view = makeView();
    QVERIFY(view);
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    QVERIFY(openShipped(view.get()));
    view->showStep(QStringLiteral("run-default"));
    QVERIFY(view->presentButton()->isEnabled());
    view->presentButton()->click();
    QVERIFY(view->isPresenting());
    PresenterView *presenter = view->presenter();
    QCOMPARE(presenter->stepId(), QStringLiteral("run-default"));
    QTest::keyClick(presenter, Qt::Key_Right);
    QCOMPARE(presenter->stepId(), QStringLiteral("run-bench"));
    QCOMPARE(presenter->stepTitle()->text(), QStringLiteral("Run the benchmark"));
    QTest::keyClick(presenter, Qt::Key_PageDown);
    QCOMPARE(presenter->stepId(), QStringLiteral("read-findings"));
    QTest::keyClick(presenter, Qt::Key_PageUp);
    QTest::keyClick(presenter, Qt::Key_Left);
    QCOMPARE(presenter->stepId(), QStringLiteral("run-default"));
    // Left on the first step stays there.
    QTest::keyClick(presenter, Qt::Key_Left);
    QCOMPARE(presenter->stepId(), QStringLiteral("run-default"));
    // C checks the step; the class sees the verdict and what is missing.
    QSignalSpy checked(view->session(), &LabSession::checked);
    QTest::keyClick(presenter, Qt::Key_C);
    QTRY_VERIFY_WITH_TIMEOUT(!checked.isEmpty(), kJobTimeoutMs);
    QVERIFY2(presenter->verification()->text().contains(QStringLiteral("NOT YET")),
             qPrintable(presenter->verification()->text()));
    QVERIFY2(presenter->verification()->text().contains(QStringLiteral("web")),
             qPrintable(presenter->verification()->text()));
    QTest::keyClick(presenter, Qt::Key_Escape);
    QVERIFY(!view->isPresenting());
    // Leaving shows the step the presenter was on.
    QCOMPARE(view->stepView()->stepId(), QStringLiteral("run-default"));
    // F5 from the step view enters again.
    view->stepView()->setFocus();
    QTest::keyClick(view->stepView(), Qt::Key_F5);
    QVERIFY(view->isPresenting());
    QTest::keyClick(presenter, Qt::Key_Escape);
    QVERIFY(!view->isPresenting());
}

void TestLabsView::walksShippedLab_data()
{
    QTest::addColumn<QString>("labId");
    QTest::addColumn<QString>("staysFailing");
    QTest::addColumn<QString>("progressText");
    // Every step of the reference lab but the daemon one, which needs
    // settings a shared test engine must not change.
    QTest::newRow("docker-bench-hardening")
        << kLab << QStringLiteral("daemon-settings") << QStringLiteral("6 of 7 steps done");
    // Build the images offline, bench them, run the better one, clean up.
    QTest::newRow("image-hygiene")
        << QStringLiteral("image-hygiene") << QString() << QStringLiteral("6 of 6 steps done");
    // The lab's own registry and Notary on loopback, pulls and runs with
    // trust off and on, and the servers stopped by its last step.
    QTest::newRow("signed-unsigned-images")
        << kSigningLab << QString() << QStringLiteral("11 of 11 steps done");
}

void TestLabsView::walksShippedLab()
{
    QFETCH(QString, labId);
    QFETCH(QString, staysFailing);
    QFETCH(QString, progressText);
    if (labId == kSigningLab) {
        for (const char *program : {"docker-registry", "notary-server"}) {
            if (findProgram(QLatin1String(program)).isEmpty()) {
                QSKIP("docker-registry or notary-server is not installed");
            }
        }
        // The lab names localhost:5000 and the Notary on 4443.
        if (loopbackPortAnswers(5000) || loopbackPortAnswers(4443)) {
            QSKIP("ports 5000 or 4443 are taken by another lab environment on this machine");
        }
    }
    auto view = makeView();
    QVERIFY(view);
    view->show();
    QVERIFY(openShipped(view.get(), labId));
    LabSession *session = view->session();
    QSignalSpy viewRequests(view.get(), &LabsView::viewRequested);
    const Lab lab = session->lab();
    for (const Step &step : lab.steps) {
        const QByteArray where = step.id.toUtf8();
        view->showStep(step.id);
        LabStepView *page = view->stepView();
        QCOMPARE(page->stepId(), step.id);
        QVERIFY2(session->isUnlocked(step.id), where.constData());
        QVERIFY2(!page->instructions()->toPlainText().isEmpty(), where.constData());
        if (step.verify) {
            const StepCheck before = pressCheck(view.get(), step.id);
            QVERIFY2(before.known && !before.passed, where.constData());
            QVERIFY2(!before.missing.isEmpty(), where.constData());
            QVERIFY2(page->checkResult()->text().contains(QStringLiteral("NOT YET")),
                     where.constData());
            QVERIFY(saved(labId).step(step.id).status != StepStatus::Done);
        }
        QCOMPARE(page->actionButtons().size(), step.actions.size());
        for (int i = 0; i < step.actions.size(); ++i) {
            QPushButton *button = page->actionButtons().at(i);
            QTRY_VERIFY2(button->isEnabled(), where.constData());
            const bool confirms = session->preview(step.id, i).changesEngine;
            const qsizetype requestsBefore = viewRequests.size();
            button->click();
            if (confirms) {
                ActionConfirmDialog *dialog = nullptr;
                QTRY_VERIFY(dialog = page->findChild<ActionConfirmDialog *>());
                if (step.actions.at(i).type == ActionType::RunContainer) {
                    // The exact command line, with this run's container name.
                    QVERIFY2(dialog->commandText().contains(QStringLiteral("docker run")),
                             qPrintable(dialog->commandText()));
                    QVERIFY2(dialog->commandText().contains(QStringLiteral("--name ") +
                                                            session->scope().namePrefix),
                             qPrintable(dialog->commandText()));
                }
                if (step.id == QLatin1String("run-default")) {
                    // The port on every interface is flagged as a caution.
                    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("caution")));
                }
                dialog->accept();
                QTRY_VERIFY_WITH_TIMEOUT(!session->isWorking() && !session->isBusy(),
                                         kJobTimeoutMs);
                QVERIFY2(!page->actionResult()->text().startsWith(QStringLiteral("Failed")),
                         qPrintable(page->actionResult()->text()));
            } else {
                // openView changes nothing: no confirmation, the window is asked.
                QCOMPARE(viewRequests.size(), requestsBefore + 1);
            }
        }
        if (!step.verify) {
            page->markDoneButton()->click();
            QTRY_COMPARE(session->stepProgress(step.id).status, StepStatus::Done);
            QCOMPARE(saved(labId).step(step.id).status, StepStatus::Done);
            continue;
        }
        const StepCheck after = pressCheck(view.get(), step.id);
        if (step.id == staysFailing) {
            QVERIFY(after.known && !after.passed && !after.missing.isEmpty());
            continue;
        }
        QVERIFY2(after.known && after.passed, qPrintable(step.id + QStringLiteral(": ") +
                                                         after.missing.join(QLatin1String(" | "))));
        QVERIFY2(page->checkResult()->text().contains(QStringLiteral("PASSED")), where.constData());
        // Saved at once, and shown in the step list.
        QTRY_COMPARE(session->stepProgress(step.id).status, StepStatus::Done);
        QCOMPARE(saved(labId).step(step.id).status, StepStatus::Done);
        QTRY_VERIFY(view->stepList()
                        ->item(lab.stepIndex(step.id) + 1)
                        ->text()
                        .contains(QStringLiteral("passed")));
    }
    // The list shows the progress.
    const auto item = view->labList()->findItems(lab.title, Qt::MatchStartsWith);
    QCOMPARE(item.size(), 1);
    QVERIFY2(item.first()->text().contains(progressText), qPrintable(item.first()->text()));
    // The clean-up step removed the lab's container.
    docker::ContainerListOptions options;
    options.all = true;
    options.labelFilter = QStringLiteral("org.drydock.test=") +
                          session->scope().extraLabels.value(QStringLiteral("org.drydock.test"));
    const auto left = m_client->containers(options);
    QVERIFY(left.ok());
    QVERIFY(left->isEmpty());
}

void TestLabsView::openViewSwitchesTheWindow()
{
    MainWindow window;
    // Labs come first in the navigation.
    QCOMPARE(window.viewKeys().value(0), QStringLiteral("labs"));
    auto *labs = qobject_cast<LabsView *>(window.view(QStringLiteral("labs")));
    QVERIFY(labs);
    QListWidget *navigation = nullptr;
    const auto lists = window.findChildren<QListWidget *>();
    for (QListWidget *list : lists) {
        if (list->accessibleName() == QLatin1String("Views")) {
            navigation = list;
        }
    }
    QVERIFY(navigation);
    const auto current = [navigation] {
        return navigation->currentItem() ? navigation->currentItem()->data(Qt::UserRole).toString()
                                         : QString();
    };
    QCOMPARE(current(), QStringLiteral("labs"));
    // Each name a lab's openView action may use lands on the view holding it.
    const QList<QPair<QString, QString>> targets = {
        {QStringLiteral("findings"), QStringLiteral("bench")},
        {QStringLiteral("compare"), QStringLiteral("bench")},
        {QStringLiteral("containers"), QStringLiteral("engine")},
        {QStringLiteral("images"), QStringLiteral("engine")},
        {QStringLiteral("trust"), QStringLiteral("trust")},
        {QStringLiteral("report"), QStringLiteral("report")},
        {QStringLiteral("labs"), QStringLiteral("labs")},
    };
    for (const auto &[name, key] : targets) {
        Q_EMIT labs->viewRequested(name);
        QCOMPARE(current(), key);
    }
}

QTEST_MAIN(TestLabsView)
#include "tst_labsview.moc"
