// SPDX-License-Identifier: GPL-3.0-or-later
// The workbench's main window: connection bar on top, a list of views on
// the left, the current view in the middle, the current job below.
#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QProgressBar;
class QStackedWidget;
class QTimer;

namespace drydock::ui {

class EngineConnection;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    EngineConnection *connection() const { return m_connection; }

    // Views by key ("engine", "bench", ...), in navigation order.
    QStringList viewKeys() const { return m_keys; }
    void showView(const QString &key);
    QWidget *view(const QString &key) const;
    // A part of the window as a lab's openView action names it ("findings",
    // "compare", "containers"...), or a view key.
    void openView(const QString &key);

    // The status bar's job display, for any view's long work.
    void showJobProgress(const QString &text, double fraction);
    void clearJobProgress(const QString &text = {});

private:
    void addView(const QString &key, const QString &title, const QString &iconName, QWidget *view);

    EngineConnection *m_connection = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_jobText = nullptr;
    QTimer *m_jobTextExpiry = nullptr; // clears m_jobText a while after a job ends
    QProgressBar *m_jobProgress = nullptr;
    QStringList m_keys;
};

} // namespace drydock::ui
