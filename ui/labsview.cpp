// SPDX-License-Identifier: GPL-3.0-or-later
#include "labsview.h"

#include "actionconfirm.h"
#include "engineconnection.h"
#include "labstepview.h"
#include "presenterview.h"
#include "verdictstyle.h"

#include "labs/progress.h"
#include "util/job.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace drydock::ui {

using namespace drydock::labs;

namespace {

constexpr int kIdRole = Qt::UserRole;

QString listText(const Lab &lab, int done)
{
    QString second = LabsView::tr("%1 of %n steps done", nullptr, int(lab.steps.size())).arg(done);
    if (lab.estimatedMinutes > 0) {
        second += LabsView::tr(" · about %n min", nullptr, lab.estimatedMinutes);
    }
    return lab.title + QLatin1Char('\n') + second;
}

} // namespace

LabsView::LabsView(EngineConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection)
{
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Labs"));
    m_list->setWordWrap(true);
    m_list->setIconSize(QSize(24, 24));
    m_list->setSpacing(3);
    m_list->setMinimumWidth(220);
    m_list->setTextElideMode(Qt::ElideNone);

    auto *findAgain = new QPushButton(tr("Find labs again"), this);
    findAgain->setAccessibleName(tr("Find labs again"));
    findAgain->setToolTip(
        tr("Reads the shipped labs and your own (%1) again.").arg(userLabsFolder()));
    connect(findAgain, &QPushButton::clicked, this, &LabsView::reload);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *listTitle = new QLabel(tr("Labs"), left);
    QFont bold = listTitle->font();
    bold.setBold(true);
    listTitle->setFont(bold);
    leftLayout->addWidget(listTitle);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(findAgain);

    m_placeholder = new QLabel(tr("Choose a lab on the left to open it."), this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_labStack = new QStackedWidget(this);
    m_labStack->addWidget(m_placeholder);
    m_labStack->addWidget(buildLabPage());

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(m_labStack);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({250, 900});
    splitter->setChildrenCollapsible(false);

    auto *browse = new QWidget(this);
    auto *browseLayout = new QVBoxLayout(browse);
    browseLayout->setContentsMargins(6, 6, 6, 6);
    m_problem = new QLabel(browse);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setAccessibleName(tr("Labs problem"));
    m_problem->setStyleSheet(QStringLiteral("QLabel { border: 1px solid %1; padding: 4px; }")
                                 .arg(verdictColor(bench::Verdict::Warn).name()));
    m_problem->hide();
    browseLayout->addWidget(m_problem);
    browseLayout->addWidget(splitter, 1);

    m_presenter = new PresenterView(this);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(browse);
    m_pages->addWidget(m_presenter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item && (item->flags() & Qt::ItemIsEnabled)) {
            openLab(item->data(kIdRole).toString());
        }
    });
    connect(m_presenter, &PresenterView::leaveRequested, this, [this] { setPresenting(false); });
    connect(m_presenter, &PresenterView::stepChanged, this, [this](const QString &stepId) {
        if (m_session) {
            m_session->watchStep(stepId);
        }
    });
    auto *present = new QShortcut(QKeySequence(Qt::Key_F5), this);
    present->setContext(Qt::WidgetWithChildrenShortcut);
    connect(present, &QShortcut::activated, this, [this] { setPresenting(!isPresenting()); });

    setProperty("busy", false);
    reload();
}

LabsView::~LabsView()
{
    // Answers still waiting for their pause are saved before the session goes.
    m_stepView->flushAnswers();
}

QWidget *LabsView::buildLabPage()
{
    auto *page = new QWidget(this);
    m_labTitle = new QLabel(page);
    // Titles are plain text: QLabel's guess would render HTML in them.
    m_labTitle->setTextFormat(Qt::PlainText);
    m_labTitle->setWordWrap(true);
    m_labTitle->setAccessibleName(tr("Lab title"));
    QFont font = m_labTitle->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    m_labTitle->setFont(font);
    m_labProgress = new QLabel(page);
    m_labProgress->setAccessibleName(tr("Lab progress"));

    m_present = new QPushButton(tr("Present (F5)"), page);
    m_present->setAccessibleName(tr("Presenter mode"));
    m_present->setToolTip(tr("One step at a time in large type, for a class. Esc leaves."));
    connect(m_present, &QPushButton::clicked, this, [this] { setPresenting(true); });
    m_cleanUp = new QPushButton(tr("Clean up…"), page);
    m_cleanUp->setAccessibleName(tr("Clean up the lab's containers and images"));
    connect(m_cleanUp, &QPushButton::clicked, this, &LabsView::confirmCleanUp);
    m_reset = new QPushButton(tr("Reset progress…"), page);
    m_reset->setAccessibleName(tr("Reset progress"));
    connect(m_reset, &QPushButton::clicked, this, &LabsView::confirmReset);

    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->addWidget(m_labTitle);
    titles->addWidget(m_labProgress);
    header->addLayout(titles, 1);
    header->addWidget(m_present);
    header->addWidget(m_cleanUp);
    header->addWidget(m_reset);

    m_steps = new QListWidget(page);
    m_steps->setAccessibleName(tr("Steps"));
    m_steps->setWordWrap(true);
    m_steps->setMinimumWidth(200);
    m_steps->setTextElideMode(Qt::ElideNone);
    m_stepView = new LabStepView(page);
    connect(m_steps, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!item || !m_session) {
            return;
        }
        const QString stepId = item->data(kIdRole).toString();
        if (m_stepView->stepId() != stepId || m_stepView->instructions() == nullptr) {
            m_stepView->showStep(stepId);
        }
        m_session->watchStep(stepId);
        if (!stepId.isEmpty() && m_session->isOpen()) {
            m_session->setCurrentStep(stepId);
        }
    });
    connect(m_stepView, &LabStepView::stepRequested, this, &LabsView::showStep);

    auto *splitter = new QSplitter(Qt::Horizontal, page);
    splitter->addWidget(m_steps);
    splitter->addWidget(m_stepView);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 700});
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(splitter, 1);
    return page;
}

void LabsView::reload()
{
    if (m_loading) {
        return;
    }
    m_loading = true;
    updateBusy();
    runJob<QList<Listed>>(
        this,
        [](const JobContext &) -> Result<QList<Listed>> {
            const ProgressStore store;
            QList<Listed> listed;
            for (LabEntry &entry : discoverLabs()) {
                Listed item{std::move(entry), 0};
                if (item.entry.lab) {
                    if (const auto progress = store.load(item.entry.lab->id)) {
                        for (const Step &step : item.entry.lab->steps) {
                            item.done += progress->step(step.id).status == StepStatus::Done;
                        }
                    }
                }
                listed.append(std::move(item));
            }
            return listed;
        },
        [this](const Result<QList<Listed>> &result) {
            m_loading = false;
            m_loaded = true;
            m_labs = result ? *result : QList<Listed>();
            fillList();
            updateBusy();
            Q_EMIT labsLoaded();
        });
}

void LabsView::fillList()
{
    const QString open = m_session ? m_session->lab().id : QString();
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const Listed &listed : std::as_const(m_labs)) {
        auto *item = new QListWidgetItem(m_list);
        if (listed.entry.lab) {
            const Lab &lab = *listed.entry.lab;
            const int done = m_session && lab.id == open ? m_session->doneCount() : listed.done;
            item->setText(listText(lab, done));
            item->setIcon(QIcon(QStringLiteral(":/drydock/icons/labs.svg")));
            item->setData(kIdRole, lab.id);
            item->setToolTip(
                lab.summary + QStringLiteral("\n\n") +
                (listed.entry.shipped ? tr("Shipped with Drydock: %1") : tr("Your lab: %1"))
                    .arg(listed.entry.path));
            if (lab.id == open) {
                m_list->setCurrentItem(item);
            }
            continue;
        }
        // An invalid lab is listed, with why, but cannot be opened.
        const QString first = listed.entry.diagnostics.isEmpty()
                                  ? tr("it could not be read")
                                  : listed.entry.diagnostics.first().text();
        item->setText(tr("%1 (invalid)\n%2").arg(QFileInfo(listed.entry.path).fileName(), first));
        QStringList all;
        for (const LabDiagnostic &diagnostic : listed.entry.diagnostics) {
            all.append(diagnostic.text());
        }
        item->setToolTip(tr("This lab cannot be opened until its file is fixed:\n%1")
                             .arg(all.join(QLatin1Char('\n'))));
        item->setData(Qt::AccessibleTextRole, tr("Invalid lab: %1").arg(first));
        item->setData(kIdRole, QString());
        item->setFlags(Qt::NoItemFlags);
    }
}

void LabsView::updateListItem(const QString &labId)
{
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        if (item->data(kIdRole).toString() == labId && m_session) {
            item->setText(listText(m_session->lab(), m_session->doneCount()));
        }
    }
    for (Listed &listed : m_labs) {
        if (listed.entry.lab && listed.entry.lab->id == labId && m_session) {
            listed.done = m_session->doneCount();
        }
    }
}

bool LabsView::openLab(const QString &labId)
{
    const Lab *found = nullptr;
    for (const Listed &listed : std::as_const(m_labs)) {
        if (listed.entry.lab && listed.entry.lab->id == labId) {
            found = &*listed.entry.lab;
        }
    }
    if (!found) {
        return false;
    }
    if (m_session && m_session->lab().id == labId) {
        return true;
    }
    closeLab();
    m_problem->hide();
    auto *session = new LabSession(*found, m_connection, m_scopeFactory, this);
    session->setLookOnly(m_lookOnly);
    m_session = session;
    connect(session, &LabSession::opened, this, [this] {
        fillSteps();
        const QString current = m_session->progress().currentStep;
        showStep(!m_pendingStep.isEmpty()         ? m_pendingStep
                 : m_session->lab().step(current) ? current
                                                  : QString());
        m_pendingStep.clear();
        updateHeader();
    });
    connect(session, &LabSession::progressChanged, this, [this] {
        updateSteps();
        updateHeader();
        updateListItem(m_session->lab().id);
    });
    connect(session, &LabSession::checked, this, &LabsView::updateSteps);
    connect(session, &LabSession::busyChanged, this, [this] {
        updateBusy();
        updateHeader();
    });
    connect(session, &LabSession::problem, this, &LabsView::showProblem);
    connect(session, &LabSession::viewRequested, this, &LabsView::viewRequested);
    connect(session, &LabSession::benchRunSaved, this, &LabsView::benchRunSaved);
    connect(session, &LabSession::jobProgress, this, &LabsView::jobProgress);
    connect(session, &LabSession::jobEnded, this, &LabsView::jobEnded);
    m_stepView->setSession(session);
    m_presenter->setSession(session);
    m_labTitle->setText(found->title);
    m_steps->clear();
    m_labStack->setCurrentIndex(1);
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(kIdRole).toString() == labId) {
            const QSignalBlocker blocker(m_list);
            m_list->setCurrentRow(row);
        }
    }
    updateHeader();
    session->open();
    updateBusy();
    Q_EMIT labOpened(labId);
    return true;
}

void LabsView::closeLab()
{
    if (!m_session) {
        return;
    }
    setPresenting(false);
    m_stepView->setSession(nullptr);
    m_presenter->setSession(nullptr);
    LabSession *old = m_session;
    m_session = nullptr;
    disconnect(old, nullptr, this, nullptr);
    old->deleteLater();
    m_steps->clear();
    m_labStack->setCurrentIndex(0);
    updateBusy();
}

void LabsView::showStep(const QString &stepId)
{
    if (!m_session) {
        return;
    }
    if (!m_session->isOpen()) {
        m_pendingStep = stepId;
        return;
    }
    for (int row = 0; row < m_steps->count(); ++row) {
        if (m_steps->item(row)->data(kIdRole).toString() == stepId) {
            m_steps->setCurrentRow(row);
        }
    }
    if (m_stepView->stepId() != stepId || !m_stepView->instructions()) {
        m_stepView->showStep(stepId);
    }
}

void LabsView::fillSteps()
{
    const QSignalBlocker blocker(m_steps);
    m_steps->clear();
    if (!m_session) {
        return;
    }
    auto *about = new QListWidgetItem(tr("About this lab"), m_steps);
    about->setData(kIdRole, QString());
    about->setIcon(QIcon(QStringLiteral(":/drydock/icons/labs.svg")));
    for (const Step &step : m_session->lab().steps) {
        auto *item = new QListWidgetItem(m_steps);
        item->setData(kIdRole, step.id);
    }
    updateSteps();
}

void LabsView::updateSteps()
{
    if (!m_session) {
        return;
    }
    const Lab &lab = m_session->lab();
    for (int row = 1; row < m_steps->count(); ++row) {
        QListWidgetItem *item = m_steps->item(row);
        const QString stepId = item->data(kIdRole).toString();
        const Step *step = lab.step(stepId);
        if (!step) {
            continue;
        }
        const bool done = m_session->stepProgress(stepId).status == StepStatus::Done;
        const bool locked = !m_session->isUnlocked(stepId);
        const StepCheck check = m_session->lastCheck(stepId);
        QString state;
        bench::Verdict look = bench::Verdict::Info;
        if (done) {
            state = tr("passed");
            look = bench::Verdict::Pass;
        } else if (locked) {
            state = tr("locked");
            look = bench::Verdict::NotApplicable;
        } else if (check.known && !check.passed) {
            state = tr("not yet");
            look = bench::Verdict::Warn;
        } else {
            state = tr("open");
        }
        item->setText(tr("%1. %2\n%3%4")
                          .arg(row)
                          .arg(step->title, state, step->optional ? tr(" · optional") : QString()));
        item->setIcon(verdictIcon(look));
        item->setData(Qt::UserRole + 1, state);
        item->setData(Qt::AccessibleTextRole,
                      tr("Step %1, %2: %3").arg(row).arg(step->title, state));
        QFont font = item->font();
        font.setItalic(locked && !done);
        item->setFont(font);
    }
}

void LabsView::updateHeader()
{
    if (!m_session) {
        return;
    }
    const Lab &lab = m_session->lab();
    m_labProgress->setText(
        m_session->isOpen()
            ? tr("%1 of %n steps done", nullptr, int(lab.steps.size())).arg(m_session->doneCount())
            : tr("Loading your progress…"));
    const bool idle = m_session->isOpen() && !m_session->isWorking();
    m_reset->setEnabled(idle);
    m_cleanUp->setEnabled(idle);
    m_present->setEnabled(m_session->isOpen());
}

void LabsView::updateBusy()
{
    const bool busy = m_loading || (m_session && (m_session->isBusy() || !m_session->isOpen()));
    setProperty("busy", busy);
}

void LabsView::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

QString LabsView::problemText() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

bool LabsView::isPresenting() const
{
    return m_pages->currentWidget() == m_presenter;
}

void LabsView::setPresenting(bool on)
{
    if (on == isPresenting()) {
        return;
    }
    if (on) {
        if (!m_session || !m_session->isOpen()) {
            return;
        }
        m_stepView->flushAnswers();
        const QString stepId = m_stepView->stepId();
        m_presenter->showStep(stepId.isEmpty() && !m_session->lab().steps.isEmpty()
                                  ? m_session->lab().steps.first().id
                                  : stepId);
        m_pages->setCurrentWidget(m_presenter);
        m_presenter->setFocus(Qt::OtherFocusReason);
        return;
    }
    const QString stepId = m_presenter->stepId();
    m_pages->setCurrentIndex(0);
    if (m_session && !stepId.isEmpty()) {
        showStep(stepId);
    }
    m_present->setFocus(Qt::OtherFocusReason);
}

void LabsView::confirmReset()
{
    if (!m_session) {
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Reset progress?"),
                                tr("This forgets every step, hint and answer of “%1”. The "
                                   "containers the lab created stay; use Clean up for those.")
                                    .arg(m_session->lab().title),
                                QMessageBox::Reset | QMessageBox::Cancel, this);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box](QAbstractButton *button) {
        if (box->standardButton(button) == QMessageBox::Reset && m_session) {
            m_session->reset();
            showStep(QString());
        }
    });
    box->open();
}

void LabsView::confirmCleanUp()
{
    if (!m_session) {
        return;
    }
    Action action;
    action.type = ActionType::Cleanup;
    action.params = CleanupAction{true};
    auto *dialog =
        new ActionConfirmDialog(previewAction(action, m_session->lab(), m_session->scope()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        if (m_session) {
            m_session->cleanUp();
        }
    });
    dialog->open();
}

void LabsView::showPage(const QString &page)
{
    if (page == QLatin1String("presenter")) {
        if (!m_session || !m_lookOnly) {
            prepareScreenshot();
        }
        setPresenting(true);
        if (m_session) {
            m_session->check(m_presenter->stepId());
        }
        return;
    }
    setPresenting(false);
}

void LabsView::prepareScreenshot()
{
    // A picture must not change the learner's saved progress (its current
    // step, its checks): from here on the view only looks.
    m_lookOnly = true;
    if (m_session) {
        m_session->setLookOnly(true);
    }
    const QString wanted = QStringLiteral("docker-bench-hardening");
    QString labId;
    for (const Listed &listed : std::as_const(m_labs)) {
        if (listed.entry.lab && (labId.isEmpty() || listed.entry.lab->id == wanted)) {
            labId = listed.entry.lab->id;
        }
    }
    if (labId.isEmpty() || !openLab(labId)) {
        return;
    }
    // The first step still to do, with its instructions and actions.
    const Lab &lab = m_session->lab();
    QString stepId = lab.steps.isEmpty() ? QString() : lab.steps.first().id;
    if (m_session->isOpen()) {
        for (const Step &step : lab.steps) {
            if (m_session->stepProgress(step.id).status != StepStatus::Done &&
                m_session->isUnlocked(step.id)) {
                stepId = step.id;
                break;
            }
        }
    }
    showStep(stepId);
}

} // namespace drydock::ui
