// SPDX-License-Identifier: GPL-3.0-or-later
// The Benchmark view: run the checks, see the score, the charts and every
// finding with its evidence and fix; the History page compares runs.
#pragma once

#include "bench/run.h"
#include "util/result.h"

#include <QMap>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTimer;
class QTableView;
class QToolButton;

namespace drydock {
class Job;
namespace bench {
class Catalogue;
}
} // namespace drydock

namespace drydock::ui {

class EngineConnection;
class FindingDetail;
class FindingFilterModel;
class FindingModel;
class HistoryView;
class RunPanel;
class SectionBars;
class VerdictDonut;

class BenchView : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(QStringList screenshotPages READ screenshotPages CONSTANT)
public:
    explicit BenchView(EngineConnection *connection, QWidget *parent = nullptr);

    // Starts a run with the run panel's selection; problems show in the view.
    void startRun();
    void cancelRun();
    bool isRunning() const { return m_job != nullptr; }

    // Shows a run (loaded, imported, or just finished).
    void showRun(const bench::Run &run);
    std::shared_ptr<const bench::Run> currentRun() const { return m_run; }
    // Loads the newest saved run off the GUI thread.
    void loadLatest();

    // The text of the problem banner, empty when hidden.
    QString problemText() const;

    // Screenshot walk: the pages besides the first, and how to show them.
    QStringList screenshotPages() const;
    Q_INVOKABLE void showPage(const QString &page);
    // Makes sure a run is on screen: the latest saved one, else a new run.
    Q_INVOKABLE void prepareScreenshot();

    RunPanel *runPanel() const { return m_panel; }
    FindingModel *findingModel() const { return m_model; }
    FindingFilterModel *filterModel() const { return m_filter; }
    QTableView *findingsTable() const { return m_table; }
    FindingDetail *detail() const { return m_detail; }
    VerdictDonut *donut() const { return m_donut; }
    SectionBars *sectionBars() const { return m_bars; }
    HistoryView *history() const { return m_history; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *sectionFilter() const { return m_section; }
    QToolButton *verdictChip(bench::Verdict verdict) const { return m_chips.value(verdict); }

Q_SIGNALS:
    void runShown(std::shared_ptr<const bench::Run> run);
    void runFinished(bool ok);
    // For the main window's status bar.
    void jobProgress(const QString &text, double fraction);
    void jobEnded(const QString &text);

private:
    QWidget *buildResultsPage();
    void showProblem(const QString &message, const QString &fix, bool warning = false);
    void clearProblem();
    void applyVerdictFilter();
    void showCurrentFinding();
    void updateSummary();
    void updateBusy();
    void updateCount();

    EngineConnection *m_connection = nullptr;
    const bench::Catalogue *m_catalogue = nullptr;
    std::shared_ptr<const bench::Run> m_run;
    Job *m_job = nullptr;
    bool m_loading = false;
    bool m_loadedOnce = false;

    RunPanel *m_panel = nullptr;
    QTabWidget *m_pages = nullptr;
    HistoryView *m_history = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_runTitle = nullptr;
    QLabel *m_score = nullptr;
    QMap<bench::Verdict, QToolButton *> m_chips;
    VerdictDonut *m_donut = nullptr;
    SectionBars *m_bars = nullptr;
    QTimer *m_chartTimer = nullptr; // draws the charts of m_run, after the table
    QComboBox *m_section = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_count = nullptr;
    FindingModel *m_model = nullptr;
    FindingFilterModel *m_filter = nullptr;
    QTableView *m_table = nullptr;
    FindingDetail *m_detail = nullptr;
};

} // namespace drydock::ui
