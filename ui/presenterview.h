// SPDX-License-Identifier: GPL-3.0-or-later
// Presenter mode: one step of the open lab at a time in large type, with
// the step's check visible to the whole class. Left/Right or PageUp/
// PageDown move between steps, C checks, Esc leaves.
#pragma once

#include <QWidget>

class QLabel;
class QScrollArea;

namespace drydock::ui {

class LabSession;
class MarkdownView;

class PresenterView : public QWidget
{
    Q_OBJECT
public:
    explicit PresenterView(QWidget *parent = nullptr);

    void setSession(LabSession *session);
    void showStep(const QString &stepId);
    QString stepId() const { return m_stepId; }

    QLabel *stepTitle() const { return m_title; }
    QLabel *verification() const { return m_verification; }

Q_SIGNALS:
    void leaveRequested();
    void stepChanged(const QString &stepId);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void move(int delta);
    void refresh();

    // Owned by the Labs view, which clears it here before deleting it.
    LabSession *m_session = nullptr;
    QString m_stepId;
    QLabel *m_labTitle = nullptr;
    QLabel *m_position = nullptr;
    QLabel *m_title = nullptr;
    QScrollArea *m_scroll = nullptr;
    MarkdownView *m_instructions = nullptr;
    QLabel *m_verification = nullptr;
};

} // namespace drydock::ui
