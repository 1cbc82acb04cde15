// SPDX-License-Identifier: GPL-3.0-or-later
// One page of an open lab: its first page (summary, objectives,
// prerequisites) or a step with instructions, actions, Check, hints,
// solution and discussion questions.
#pragma once

#include <QMap>
#include <QScrollArea>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace drydock::ui {

class LabSession;
class MarkdownView;

class LabStepView : public QScrollArea
{
    Q_OBJECT
public:
    explicit LabStepView(QWidget *parent = nullptr);
    ~LabStepView() override;

    void setSession(LabSession *session);
    // Empty: the lab's first page.
    void showStep(const QString &stepId);
    QString stepId() const { return m_stepId; }
    // Saves answers still waiting for their typing pause.
    void flushAnswers();

    // For tests and the screenshot walk.
    QList<QPushButton *> actionButtons() const { return m_actionButtons; }
    QPushButton *checkButton() const { return m_check; }
    QPushButton *markDoneButton() const { return m_markDone; }
    QPushButton *hintButton() const { return m_hintButton; }
    QPushButton *solutionButton() const { return m_solutionButton; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLabel *checkResult() const { return m_checkResult; }
    QLabel *actionResult() const { return m_actionResult; }
    MarkdownView *instructions() const { return m_instructions; }
    MarkdownView *solution() const { return m_solution; }
    QStringList shownHints() const;
    QPlainTextEdit *answerEdit(const QString &questionId) const
    {
        return m_answers.value(questionId);
    }

Q_SIGNALS:
    void stepRequested(const QString &stepId);

private:
    void build();
    void buildOverview(QVBoxLayout *layout);
    void buildStep(QVBoxLayout *layout);
    void refresh();
    void requestAction(int index);
    void answerEdited(const QString &questionId);
    void saveAnswer(const QString &questionId);

    // Owned by the Labs view, which clears it here before deleting it.
    LabSession *m_session = nullptr;
    QString m_stepId;
    QString m_lastResultStep; // the step m_actionText belongs to
    QString m_actionText;

    QLabel *m_title = nullptr;
    QLabel *m_state = nullptr;
    MarkdownView *m_instructions = nullptr;
    QList<QPushButton *> m_actionButtons;
    QLabel *m_actionResult = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_check = nullptr;
    QPushButton *m_markDone = nullptr;
    QLabel *m_checkResult = nullptr;
    QVBoxLayout *m_hintList = nullptr;
    QList<MarkdownView *> m_hintLabels;
    QPushButton *m_hintButton = nullptr;
    QPushButton *m_solutionButton = nullptr;
    MarkdownView *m_solution = nullptr;
    QMap<QString, QPlainTextEdit *> m_answers;
    QMap<QString, QTimer *> m_answerTimers;
    QLabel *m_answerState = nullptr;
};

// The result of a step's last check as rich text: passed, or what is
// still missing. Shared with presenter mode.
QString checkResultHtml(LabSession *session, const QString &stepId, bool large);

} // namespace drydock::ui
