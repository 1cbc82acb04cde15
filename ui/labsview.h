// SPDX-License-Identifier: GPL-3.0-or-later
// The Labs view: the shipped and the user's labs with their progress; an
// open lab's steps, each with instructions, actions, Check, hints and
// answers; and presenter mode (F5) for instructors.
#pragma once

#include "labsession.h"

#include "labs/catalog.h"

#include <QVariantMap>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace drydock::ui {

class EngineConnection;
class LabStepView;
class PresenterView;

class LabsView : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(QStringList screenshotPages READ screenshotPages CONSTANT)
    Q_PROPERTY(QVariantMap screenshotFileNames READ screenshotFileNames CONSTANT)
public:
    explicit LabsView(EngineConnection *connection, QWidget *parent = nullptr);
    ~LabsView() override;

    // Tests name the lab's objects their own way (see LabScope).
    void setScopeFactory(LabSession::ScopeFactory factory) { m_scopeFactory = std::move(factory); }

    // Finds the labs again, off the GUI thread; labsLoaded() when done.
    void reload();
    bool isLoaded() const { return m_loaded; }
    // Opens a lab of the list by id; false when there is none or it is invalid.
    bool openLab(const QString &labId);
    void closeLab();
    // Shows a step of the open lab; empty: its first page.
    void showStep(const QString &stepId);
    void setPresenting(bool on);
    bool isPresenting() const;

    LabSession *session() const { return m_session; }
    QListWidget *labList() const { return m_list; }
    QListWidget *stepList() const { return m_steps; }
    LabStepView *stepView() const { return m_stepView; }
    PresenterView *presenter() const { return m_presenter; }
    QPushButton *presentButton() const { return m_present; }
    QString problemText() const;

    // Screenshot walk: the presenter page, written as presenter.png.
    QStringList screenshotPages() const { return {QStringLiteral("presenter")}; }
    QVariantMap screenshotFileNames() const
    {
        return {{QStringLiteral("presenter"), QStringLiteral("presenter")}};
    }
    Q_INVOKABLE void showPage(const QString &page);
    Q_INVOKABLE void prepareScreenshot();

Q_SIGNALS:
    void labsLoaded();
    void labOpened(const QString &labId);
    // An openView action: the main window shows that part of itself.
    void viewRequested(const QString &view);
    void benchRunSaved(const QString &runId);
    void jobProgress(const QString &text, double fraction);
    void jobEnded(const QString &text);

private:
    struct Listed
    {
        labs::LabEntry entry;
        int done = 0;
    };

    QWidget *buildLabPage();
    void fillList();
    void updateListItem(const QString &labId);
    void fillSteps();
    void updateSteps();
    void updateHeader();
    void updateBusy();
    void showProblem(const QString &text);
    void confirmReset();
    void confirmCleanUp();

    EngineConnection *m_connection = nullptr;
    LabSession::ScopeFactory m_scopeFactory;
    QList<Listed> m_labs;
    bool m_loaded = false;
    bool m_loading = false;
    LabSession *m_session = nullptr; // a child; deleted by closeLab()
    bool m_lookOnly = false;         // set by the screenshot walk: nothing is saved
    QString m_pendingStep;           // shown once the session has loaded its progress

    QStackedWidget *m_pages = nullptr;
    QListWidget *m_list = nullptr;
    QStackedWidget *m_labStack = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_labTitle = nullptr;
    QLabel *m_labProgress = nullptr;
    QPushButton *m_present = nullptr;
    QPushButton *m_cleanUp = nullptr;
    QPushButton *m_reset = nullptr;
    QListWidget *m_steps = nullptr;
    LabStepView *m_stepView = nullptr;
    PresenterView *m_presenter = nullptr;
};

} // namespace drydock::ui
