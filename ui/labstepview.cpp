// SPDX-License-Identifier: GPL-3.0-or-later
#include "labstepview.h"

#include "actionconfirm.h"
#include "labsession.h"
#include "markdownview.h"
#include "verdictstyle.h"

#include "labs/verifier.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

namespace drydock::ui {

using namespace drydock::labs;

namespace {

// Answers are saved once typing pauses this long.
constexpr int kAnswerPauseMs = 800;

QString bulletList(const QStringList &lines)
{
    QString html = QStringLiteral("<ul style=\"margin-top:2px\">");
    for (const QString &line : lines) {
        html += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
    }
    return html + QStringLiteral("</ul>");
}

QString featureWords(const QString &feature)
{
    if (feature == QLatin1String("localEngine")) {
        return LabStepView::tr("an engine running on this machine");
    }
    if (feature == QLatin1String("linuxContainers")) {
        return LabStepView::tr("Linux containers");
    }
    if (feature == QLatin1String("rootful")) {
        return LabStepView::tr("a rootful (not rootless) engine");
    }
    return feature;
}

QGroupBox *group(const QString &title, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    box->setAccessibleName(title);
    return box;
}

bool isLong(const Action &action)
{
    return action.type == ActionType::RunBench || action.type == ActionType::LabenvUp ||
           action.type == ActionType::LabenvDown || action.type == ActionType::BuildImage ||
           action.type == ActionType::Pull || action.type == ActionType::TrustedRun;
}

} // namespace

QString checkResultHtml(LabSession *session, const QString &stepId, bool large)
{
    if (!session) {
        return {};
    }
    const Step *step = session->lab().step(stepId);
    if (!step) {
        return {};
    }
    const QString size = large ? QStringLiteral("font-size:xx-large;") : QString();
    const auto badge = [&](bench::Verdict verdict, const QString &text) {
        return QStringLiteral("<span style=\"background:%1;color:white;font-weight:bold;%2\">"
                              "&nbsp;%3&nbsp;</span>")
            .arg(verdictColor(verdict).name(), size, text.toHtmlEscaped());
    };
    if (session->isWorking() && session->workingStep() == stepId) {
        return LabStepView::tr("Working…");
    }
    if (!step->verify) {
        return session->stepProgress(stepId).status == StepStatus::Done
                   ? badge(bench::Verdict::Pass, LabStepView::tr("Done"))
                   : LabStepView::tr("This step has no automatic check: mark it done when you "
                                     "have finished it.");
    }
    const StepCheck check = session->lastCheck(stepId);
    if (check.known && check.passed) {
        QString html = badge(bench::Verdict::Pass, LabStepView::tr("PASSED"));
        if (!check.satisfied.isEmpty() && !large) {
            html += bulletList(check.satisfied);
        }
        return html;
    }
    if (!check.known && check.missing.isEmpty()) {
        return session->stepProgress(stepId).status == StepStatus::Done
                   ? badge(bench::Verdict::Pass, LabStepView::tr("Done"))
                   : LabStepView::tr("Not checked yet.");
    }
    QString html = check.known ? badge(bench::Verdict::Warn, LabStepView::tr("NOT YET"))
                               : badge(bench::Verdict::Error, LabStepView::tr("CANNOT CHECK"));
    html += QStringLiteral("<p>%1</p>")
                .arg(check.known ? LabStepView::tr("Still missing:").toHtmlEscaped()
                                 : LabStepView::tr("The check could not run:"));
    html += bulletList(check.missing);
    return html;
}

LabStepView::LabStepView(QWidget *parent) : QScrollArea(parent)
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setAccessibleName(tr("Lab step"));
    auto *cancel = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    cancel->setContext(Qt::WidgetWithChildrenShortcut);
    connect(cancel, &QShortcut::activated, this, [this] {
        if (m_session && m_cancel && m_cancel->isVisible()) {
            m_session->cancel();
        }
    });
    auto *check = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    check->setContext(Qt::WidgetWithChildrenShortcut);
    connect(check, &QShortcut::activated, this, [this] {
        if (m_check && m_check->isEnabled()) {
            m_check->click();
        }
    });
}

LabStepView::~LabStepView()
{
    flushAnswers();
}

void LabStepView::setSession(LabSession *session)
{
    flushAnswers();
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
    }
    m_session = session;
    m_stepId.clear();
    m_actionText.clear();
    m_lastResultStep.clear();
    if (session) {
        connect(session, &LabSession::progressChanged, this, &LabStepView::refresh);
        connect(session, &LabSession::checked, this, &LabStepView::refresh);
        connect(session, &LabSession::busyChanged, this, &LabStepView::refresh);
        connect(session, &LabSession::workStarted, this,
                [this](const QString &stepId, const QString &text) {
                    m_lastResultStep = stepId;
                    m_actionText = text;
                    refresh();
                });
        connect(session, &LabSession::actionFinished, this,
                [this](const QString &stepId, int, bool ok, const QString &text) {
                    m_lastResultStep = stepId;
                    m_actionText = ok ? text : tr("Failed: %1").arg(text);
                    refresh();
                });
    }
    build();
}

void LabStepView::showStep(const QString &stepId)
{
    flushAnswers();
    m_stepId = stepId;
    build();
}

QStringList LabStepView::shownHints() const
{
    QStringList hints;
    for (const MarkdownView *view : m_hintLabels) {
        hints.append(view->markdownText());
    }
    return hints;
}

void LabStepView::build()
{
    qDeleteAll(m_answerTimers);
    m_answerTimers.clear();
    m_answers.clear();
    m_actionButtons.clear();
    m_hintLabels.clear();
    m_title = m_state = m_actionResult = m_checkResult = m_answerState = nullptr;
    m_instructions = m_solution = nullptr;
    m_cancel = m_check = m_markDone = m_hintButton = m_solutionButton = nullptr;
    m_hintList = nullptr;

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(12, 8, 12, 12);
    layout->setSpacing(10);
    if (m_session) {
        m_title = new QLabel(content);
        // Titles are plain text: QLabel's guess would render HTML in them.
        m_title->setTextFormat(Qt::PlainText);
        m_title->setWordWrap(true);
        m_title->setAccessibleName(tr("Step title"));
        QFont font = m_title->font();
        font.setPointSizeF(font.pointSizeF() * 1.5);
        font.setBold(true);
        m_title->setFont(font);
        layout->addWidget(m_title);
        m_state = new QLabel(content);
        m_state->setWordWrap(true);
        m_state->setAccessibleName(tr("Step state"));
        layout->addWidget(m_state);
        m_instructions = new MarkdownView(content);
        m_instructions->setAccessibleName(tr("Instructions"));
        layout->addWidget(m_instructions);
        if (m_stepId.isEmpty()) {
            buildOverview(layout);
        } else {
            buildStep(layout);
        }
    }
    layout->addStretch(1);
    setWidget(content);
    refresh();
}

void LabStepView::buildOverview(QVBoxLayout *layout)
{
    const Lab &lab = m_session->lab();
    m_title->setText(lab.title);
    QString md = lab.summary + QStringLiteral("\n\n");
    if (lab.estimatedMinutes > 0) {
        md +=
            tr("*About %n minutes; version %1.*", nullptr, lab.estimatedMinutes).arg(lab.version) +
            QStringLiteral("\n\n");
    }
    if (!lab.objectives.isEmpty()) {
        md += QStringLiteral("### ") + tr("Objectives") + QStringLiteral("\n\n");
        for (const QString &objective : lab.objectives) {
            md += QStringLiteral("- ") + objective + QLatin1Char('\n');
        }
        md += QLatin1Char('\n');
    }
    const Prerequisites &pre = lab.prerequisites;
    md += QStringLiteral("### ") + tr("Before you start") + QStringLiteral("\n\n");
    if (pre.engineFeatures.isEmpty() && pre.images.isEmpty() && !pre.labenv) {
        md += tr("Nothing but a running engine.") + QStringLiteral("\n\n");
    }
    for (const QString &feature : pre.engineFeatures) {
        md += QStringLiteral("- ") + tr("Needs %1").arg(featureWords(feature)) + QLatin1Char('\n');
    }
    for (const QString &image : pre.images) {
        md += QStringLiteral("- ") + tr("The image `%1` on the engine").arg(image) +
              QLatin1Char('\n');
    }
    if (pre.labenv) {
        md += QStringLiteral("- ") +
              tr("The lab environment: a local registry and Notary server (a step starts it)") +
              QLatin1Char('\n');
    }
    md += QStringLiteral("\n### ") + tr("Steps") + QStringLiteral("\n\n");
    for (int i = 0; i < lab.steps.size(); ++i) {
        const Step &step = lab.steps.at(i);
        md += QStringLiteral("%1. %2%3\n")
                  .arg(i + 1)
                  .arg(step.title, step.optional ? tr(" (optional)") : QString());
    }
    m_instructions->setMarkdownText(md, lab.folder);

    if (!lab.steps.isEmpty()) {
        const QString current = m_session->progress().currentStep;
        const QString target = lab.step(current) ? current : lab.steps.first().id;
        auto *start = new QPushButton(m_session->doneCount() > 0 || lab.step(current)
                                          ? tr("Continue with “%1”").arg(lab.step(target)->title)
                                          : tr("Start with step 1"),
                                      layout->parentWidget());
        start->setAccessibleName(tr("Start the lab"));
        connect(start, &QPushButton::clicked, this,
                [this, target] { Q_EMIT stepRequested(target); });
        auto *row = new QHBoxLayout;
        row->addWidget(start);
        row->addStretch(1);
        layout->addLayout(row);
    }
}

void LabStepView::buildStep(QVBoxLayout *layout)
{
    const Lab &lab = m_session->lab();
    const Step *step = lab.step(m_stepId);
    if (!step) {
        return;
    }
    QWidget *content = layout->parentWidget();
    const int index = lab.stepIndex(m_stepId);
    m_title->setText(tr("%1. %2").arg(index + 1).arg(step->title));
    m_instructions->setMarkdownText(step->instructions, lab.folder);

    if (!step->actions.isEmpty()) {
        auto *box = group(tr("Actions"), content);
        auto *boxLayout = new QVBoxLayout(box);
        auto *row = new QHBoxLayout;
        for (int i = 0; i < step->actions.size(); ++i) {
            const ActionPreview preview = m_session->preview(m_stepId, i);
            auto *button = new QPushButton(preview.title, box);
            button->setAccessibleName(preview.title);
            // Escaped: a tool tip, too, would render HTML in lab values.
            button->setToolTip(Qt::convertFromPlainText(preview.summary));
            if (preview.changesEngine) {
                button->setIcon(QIcon(QStringLiteral(":/drydock/icons/run.svg")));
            }
            connect(button, &QPushButton::clicked, this, [this, i] { requestAction(i); });
            m_actionButtons.append(button);
            row->addWidget(button);
        }
        m_cancel = new QPushButton(QIcon(QStringLiteral(":/drydock/icons/cancel.svg")),
                                   tr("Cancel (Esc)"), box);
        m_cancel->setAccessibleName(tr("Cancel the running action"));
        connect(m_cancel, &QPushButton::clicked, this, [this] {
            if (m_session) {
                m_session->cancel();
            }
        });
        row->addWidget(m_cancel);
        row->addStretch(1);
        boxLayout->addLayout(row);
        m_actionResult = new QLabel(box);
        m_actionResult->setWordWrap(true);
        m_actionResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_actionResult->setAccessibleName(tr("Action result"));
        boxLayout->addWidget(m_actionResult);
        layout->addWidget(box);
    }

    auto *checkBox = group(tr("Check"), content);
    auto *checkLayout = new QVBoxLayout(checkBox);
    auto *checkRow = new QHBoxLayout;
    if (step->verify) {
        auto *what = new QLabel(
            tr("Passes when %1.").arg(describePredicate(*step->verify, lab, m_session->scope())),
            checkBox);
        what->setWordWrap(true);
        checkLayout->addWidget(what);
        m_check = new QPushButton(tr("Check (Ctrl+Enter)"), checkBox);
        m_check->setAccessibleName(tr("Check the step"));
        connect(m_check, &QPushButton::clicked, this, [this] {
            if (m_session) {
                m_session->check(m_stepId);
            }
        });
        checkRow->addWidget(m_check);
    } else {
        m_markDone = new QPushButton(tr("Mark done"), checkBox);
        m_markDone->setAccessibleName(tr("Mark the step done"));
        connect(m_markDone, &QPushButton::clicked, this, [this] {
            if (m_session) {
                m_session->markDone(m_stepId);
            }
        });
        checkRow->addWidget(m_markDone);
    }
    checkRow->addStretch(1);
    checkLayout->addLayout(checkRow);
    m_checkResult = new QLabel(checkBox);
    m_checkResult->setWordWrap(true);
    m_checkResult->setTextFormat(Qt::RichText);
    m_checkResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_checkResult->setAccessibleName(tr("Check result"));
    checkLayout->addWidget(m_checkResult);
    layout->addWidget(checkBox);

    if (!step->hints.isEmpty()) {
        auto *box = group(tr("Hints"), content);
        auto *boxLayout = new QVBoxLayout(box);
        m_hintList = new QVBoxLayout;
        boxLayout->addLayout(m_hintList);
        m_hintButton = new QPushButton(box);
        m_hintButton->setAccessibleName(tr("Show the next hint"));
        connect(m_hintButton, &QPushButton::clicked, this, [this] {
            if (m_session) {
                m_hintButton->setEnabled(false);
                m_session->revealHint(m_stepId);
            }
        });
        auto *row = new QHBoxLayout;
        row->addWidget(m_hintButton);
        row->addStretch(1);
        boxLayout->addLayout(row);
        layout->addWidget(box);
    }

    if (!step->solution.isEmpty()) {
        auto *box = group(tr("Solution"), content);
        auto *boxLayout = new QVBoxLayout(box);
        m_solutionButton = new QPushButton(tr("Reveal the solution"), box);
        m_solutionButton->setAccessibleName(tr("Reveal the solution"));
        m_solutionButton->setCheckable(true);
        m_solution = new MarkdownView(box);
        m_solution->setAccessibleName(tr("Solution"));
        m_solution->setMarkdownText(step->solution, lab.folder);
        m_solution->hide();
        connect(m_solutionButton, &QPushButton::toggled, this, [this](bool on) {
            m_solution->setVisible(on);
            m_solutionButton->setText(on ? tr("Hide the solution") : tr("Reveal the solution"));
        });
        auto *row = new QHBoxLayout;
        row->addWidget(m_solutionButton);
        row->addStretch(1);
        boxLayout->addLayout(row);
        boxLayout->addWidget(m_solution);
        layout->addWidget(box);
    }

    if (!step->questions.isEmpty()) {
        auto *box = group(tr("Discussion"), content);
        auto *boxLayout = new QVBoxLayout(box);
        const StepProgress saved = m_session->stepProgress(m_stepId);
        for (const Question &question : step->questions) {
            // A MarkdownView, not a Markdown QLabel: a QLabel renders the
            // HTML in lab text and loads pictures from anywhere.
            auto *label = new MarkdownView(box);
            label->setMarkdownText(question.text, lab.folder);
            label->setAccessibleName(tr("Question"));
            boxLayout->addWidget(label);
            auto *edit = new QPlainTextEdit(saved.answers.value(question.id), box);
            edit->setAccessibleName(tr("Your answer: %1").arg(question.text));
            edit->setPlaceholderText(tr("Your answer (saved as you type)"));
            edit->setTabChangesFocus(true);
            edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 4 + 12);
            auto *timer = new QTimer(this);
            timer->setSingleShot(true);
            timer->setInterval(kAnswerPauseMs);
            const QString id = question.id;
            connect(timer, &QTimer::timeout, this, [this, id] { saveAnswer(id); });
            connect(edit, &QPlainTextEdit::textChanged, this, [this, id] { answerEdited(id); });
            m_answers.insert(id, edit);
            m_answerTimers.insert(id, timer);
            boxLayout->addWidget(edit);
        }
        m_answerState = new QLabel(box);
        m_answerState->setAccessibleName(tr("Answer saving state"));
        boxLayout->addWidget(m_answerState);
        layout->addWidget(box);
    }
}

void LabStepView::refresh()
{
    if (!m_session || !m_state) {
        return;
    }
    const Lab &lab = m_session->lab();
    if (m_stepId.isEmpty()) {
        m_state->setText(
            tr("%1 of %n steps done", nullptr, int(lab.steps.size())).arg(m_session->doneCount()));
        return;
    }
    const Step *step = lab.step(m_stepId);
    if (!step) {
        return;
    }
    const StepProgress progress = m_session->stepProgress(m_stepId);
    const QStringList needs = m_session->missingNeeds(m_stepId);
    QStringList needTitles;
    for (const QString &need : needs) {
        const Step *needed = lab.step(need);
        needTitles.append(needed ? QStringLiteral("“%1”").arg(needed->title) : need);
    }
    const bool locked = !needs.isEmpty();
    QString state;
    if (progress.status == StepStatus::Done) {
        state = tr("Done.");
    } else if (locked) {
        state = tr("Locked until %1 done.")
                    .arg(needTitles.join(tr(" and ")) +
                         (needTitles.size() == 1 ? tr(" is") : tr(" are")));
    } else {
        state = tr("Open.");
    }
    if (step->optional) {
        state += QLatin1Char(' ') + tr("This step is optional.");
    }
    m_state->setText(
        tr("Step %1 of %2 · %3").arg(lab.stepIndex(m_stepId) + 1).arg(lab.steps.size()).arg(state));

    const bool working = m_session->isWorking();
    const bool ready = m_session->isOpen();
    for (QPushButton *button : std::as_const(m_actionButtons)) {
        button->setEnabled(!locked && !working && ready);
    }
    if (m_cancel) {
        bool cancellable = false;
        if (working && m_session->workingStep() == m_stepId) {
            for (const Action &action : step->actions) {
                cancellable = cancellable || isLong(action);
            }
        }
        m_cancel->setVisible(cancellable);
    }
    if (m_actionResult) {
        m_actionResult->setText(m_lastResultStep == m_stepId ? m_actionText : QString());
        m_actionResult->setVisible(!m_actionResult->text().isEmpty());
    }
    if (m_check) {
        m_check->setEnabled(!working && ready);
    }
    if (m_markDone) {
        m_markDone->setEnabled(!locked && ready && progress.status != StepStatus::Done);
    }
    m_checkResult->setText(checkResultHtml(m_session, m_stepId, false));

    if (m_hintList) {
        const int revealed = qMin(progress.hintsRevealed, int(step->hints.size()));
        while (m_hintLabels.size() < revealed) {
            const int n = int(m_hintLabels.size());
            auto *label = new MarkdownView(m_hintButton->parentWidget());
            label->setMarkdownText(step->hints.at(n), m_session->lab().folder);
            label->setAccessibleName(tr("Hint %1").arg(n + 1));
            m_hintList->addWidget(label);
            m_hintLabels.append(label);
        }
        while (m_hintLabels.size() > revealed) {
            delete m_hintLabels.takeLast();
        }
        const int left = int(step->hints.size()) - revealed;
        m_hintButton->setText(left > 0 ? tr("Show a hint (%n left)", nullptr, left)
                                       : tr("No more hints"));
        m_hintButton->setEnabled(left > 0 && ready);
    }
}

void LabStepView::requestAction(int index)
{
    if (!m_session) {
        return;
    }
    const ActionPreview preview = m_session->preview(m_stepId, index);
    if (!preview.changesEngine) {
        m_session->runAction(m_stepId, index);
        return;
    }
    auto *dialog = new ActionConfirmDialog(preview, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString stepId = m_stepId;
    connect(dialog, &QDialog::accepted, this, [this, stepId, index] {
        if (m_session) {
            m_session->runAction(stepId, index);
        }
    });
    dialog->open();
}

void LabStepView::answerEdited(const QString &questionId)
{
    if (QTimer *timer = m_answerTimers.value(questionId)) {
        timer->start();
        if (m_answerState) {
            m_answerState->setText(tr("Editing…"));
        }
    }
}

void LabStepView::saveAnswer(const QString &questionId)
{
    QPlainTextEdit *edit = m_answers.value(questionId);
    if (!m_session || !edit) {
        return;
    }
    m_session->setAnswer(m_stepId, questionId, edit->toPlainText());
    if (m_answerState) {
        m_answerState->setText(tr("Saved."));
    }
}

void LabStepView::flushAnswers()
{
    for (auto it = m_answerTimers.cbegin(); it != m_answerTimers.cend(); ++it) {
        if (it.value()->isActive()) {
            it.value()->stop();
            saveAnswer(it.key());
        }
    }
}

} // namespace drydock::ui
