// SPDX-License-Identifier: GPL-3.0-or-later
// The run panel of the Benchmark view: which sections, checks and
// containers to audit, Run and Cancel, and the running job's progress.
#pragma once

#include "bench/runner.h"
#include "util/result.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace drydock::ui {

class RunPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunPanel(const bench::Catalogue *catalogue, QWidget *parent = nullptr);

    // The options the controls describe; BadInput naming the control when
    // nothing is selected or a pattern does not parse.
    Result<bench::RunOptions> options() const;

    void setRunning(bool running);
    void setProgress(double fraction, const QString &text);
    void setRunEnabled(bool enabled, const QString &why = {});

    // For tests and the latency benchmark.
    QLineEdit *containerPattern() const { return m_pattern; }
    QLineEdit *containerLabel() const { return m_label; }
    QTreeWidget *checkTree() const { return m_tree; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    // Checks only the sections (or check ids) given; empty checks all.
    void selectChecks(const QStringList &patterns);

Q_SIGNALS:
    void runRequested();
    void cancelRequested();

private:
    void updateSummary();

    QTreeWidget *m_tree = nullptr;
    QLineEdit *m_pattern = nullptr;
    QLineEdit *m_label = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_phase = nullptr;
    QLabel *m_selectionSummary = nullptr;
    bool m_running = false;
    bool m_runEnabled = true;
};

} // namespace drydock::ui
