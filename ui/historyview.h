// SPDX-License-Identifier: GPL-3.0-or-later
// The History page of the Benchmark view: saved runs, two of them compared
// (fixed, new, unchanged per check and item, the score delta charted), and
// docker-bench-security logs imported as runs.
#pragma once

#include "bench/compare.h"

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTextBrowser;
class QCheckBox;

namespace drydock::bench {
class Catalogue;
}

namespace drydock::ui {

class ComparisonModel;
class DeltaChart;
class RunListModel;

class HistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryView(const bench::Catalogue *catalogue, QWidget *parent = nullptr);

    // Lists the saved runs again (off the GUI thread).
    void reload();
    // Loads both runs and shows their comparison; the earlier is "before".
    void compare(const QString &firstId, const QString &secondId);
    // Imports a docker-bench-security JSON log, saves it as a run, and
    // compares it with the newest other run.
    void importLog(const QString &path);
    // Asks for the log with a file dialog (opened with open()).
    void chooseLogToImport();

    bool isBusy() const { return m_pending > 0; }
    QString problemText() const;
    // Compares the two newest runs when nothing is compared yet.
    void prepareScreenshot();

    RunListModel *runModel() const { return m_runs; }
    QTableView *runTable() const { return m_runTable; }
    ComparisonModel *comparisonModel() const { return m_comparison; }
    QTableView *comparisonTable() const { return m_comparisonTable; }
    DeltaChart *deltaChart() const { return m_chart; }
    QTextBrowser *itemDetails() const { return m_items; }

Q_SIGNALS:
    void busyChanged();
    void reloaded();
    void compared();
    void imported(const QString &runId);

private:
    void beginWork();
    void endWork();
    void selectionChanged();
    void showItems();
    void showProblem(const QString &message, const QString &hint);
    void selectRuns(const QString &a, const QString &b);

    const bench::Catalogue *m_catalogue = nullptr;
    RunListModel *m_runs = nullptr;
    QSortFilterProxyModel *m_runProxy = nullptr;
    QTableView *m_runTable = nullptr;
    ComparisonModel *m_comparison = nullptr;
    QSortFilterProxyModel *m_comparisonProxy = nullptr;
    QTableView *m_comparisonTable = nullptr;
    QCheckBox *m_onlyChanges = nullptr;
    DeltaChart *m_chart = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_summary = nullptr;
    QTextBrowser *m_items = nullptr;
    int m_pending = 0;
    bool m_compared = false;
    int m_compareGeneration = 0; // answers for an older selection are dropped
};

} // namespace drydock::ui
