// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchview.h"

#include "benchcharts.h"
#include "engineconnection.h"
#include "findingdetail.h"
#include "findingmodel.h"
#include "historyview.h"
#include "runpanel.h"
#include "verdictstyle.h"

#include "bench/catalogue.h"
#include "bench/runner.h"
#include "bench/runstore.h"
#include "util/job.h"
#include "util/logging.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <mutex>

namespace drydock::ui {

using bench::Run;
using bench::Verdict;

namespace {

struct RunOutcome
{
    Run run;
    QString savedPath;
    std::optional<Error> saveError;
};

// The collector's phases in the order it goes through them; the bar moves
// through each phase's share as its items are done.
const QStringList &phaseOrder()
{
    static const QStringList order = {
        QStringLiteral("engine"), QStringLiteral("containers"), QStringLiteral("processes"),
        QStringLiteral("images"), QStringLiteral("networks"),   QStringLiteral("swarm"),
        QStringLiteral("host"),
    };
    return order;
}

QString phaseText(const bench::CollectProgress &progress)
{
    const char *context = "drydock::ui::BenchView";
    QString what;
    if (progress.phase == QLatin1String("engine")) {
        what = QCoreApplication::translate(context, "Asking the engine who it is");
    } else if (progress.phase == QLatin1String("containers")) {
        what = QCoreApplication::translate(context, "Reading containers");
    } else if (progress.phase == QLatin1String("processes")) {
        what = QCoreApplication::translate(context, "Listing container processes");
    } else if (progress.phase == QLatin1String("images")) {
        what = QCoreApplication::translate(context, "Reading images");
    } else if (progress.phase == QLatin1String("networks")) {
        what = QCoreApplication::translate(context, "Reading networks");
    } else if (progress.phase == QLatin1String("swarm")) {
        what = QCoreApplication::translate(context, "Reading the swarm");
    } else if (progress.phase == QLatin1String("host")) {
        what = QCoreApplication::translate(context, "Probing the host");
    } else {
        what = progress.phase;
    }
    if (progress.total > 0) {
        return QCoreApplication::translate(context, "%1 (%2 of %3)…")
            .arg(what)
            .arg(progress.done)
            .arg(progress.total);
    }
    return what + QStringLiteral("…");
}

double phaseFraction(const bench::CollectProgress &progress)
{
    const qsizetype index = phaseOrder().indexOf(progress.phase);
    if (index < 0) {
        return -1;
    }
    const double within = progress.total > 0 ? double(progress.done) / progress.total : 0.0;
    return (double(index) + within) / double(phaseOrder().size());
}

} // namespace

BenchView::BenchView(EngineConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection)
{
    const auto &catalogue = bench::builtinCatalogue();
    m_catalogue = catalogue.ok() ? &catalogue.value() : nullptr;

    m_panel = new RunPanel(m_catalogue, this);
    m_panel->setMinimumWidth(220);
    m_history = new HistoryView(m_catalogue, this);

    m_pages = new QTabWidget(this);
    m_pages->setAccessibleName(tr("Benchmark pages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(buildResultsPage(), QIcon(QStringLiteral(":/drydock/icons/bench.svg")),
                    tr("Results"));
    m_pages->addTab(m_history, QIcon(QStringLiteral(":/drydock/icons/history.svg")),
                    tr("History and comparison"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_panel);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({230, 900});
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    // The history page needs the width more than the run controls.
    connect(m_pages, &QTabWidget::currentChanged, this,
            [this](int index) { m_panel->setVisible(index == 0); });
    connect(m_panel, &RunPanel::runRequested, this, &BenchView::startRun);
    connect(m_panel, &RunPanel::cancelRequested, this, &BenchView::cancelRun);
    connect(m_history, &HistoryView::busyChanged, this, &BenchView::updateBusy);
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_pages->setCurrentIndex(0);
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    const auto updateEngine = [this] {
        const bool up = m_connection->state() == EngineConnection::State::Connected;
        m_panel->setRunEnabled(up, tr("The engine is not connected; see the bar above."));
    };
    connect(m_connection, &EngineConnection::stateChanged, this, updateEngine);
    updateEngine();

    if (!catalogue.ok()) {
        showProblem(catalogue.error().message, catalogue.error().hint);
    }
    updateSummary();
    loadLatest();
}

QWidget *BenchView::buildResultsPage()
{
    auto *page = new QWidget(this);

    m_problem = new QLabel(page);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setAccessibleName(tr("Benchmark problem"));
    m_problem->hide();

    m_runTitle = new QLabel(page);
    m_runTitle->setWordWrap(true);
    m_runTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_score = new QLabel(page);
    m_score->setAccessibleName(tr("Score"));
    m_score->setTextFormat(Qt::RichText);

    // The counts per verdict, which also filter the table when toggled.
    auto *chips = new QGridLayout;
    chips->setSpacing(4);
    int position = 0;
    for (const Verdict verdict : verdictOrder()) {
        auto *chip = new QToolButton(page);
        chip->setCheckable(true);
        chip->setIcon(verdictIcon(verdict));
        chip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        chip->setAutoRaise(true);
        chip->setAccessibleName(tr("Show only %1 findings").arg(verdictTitle(verdict)));
        chip->setToolTip(
            tr("Show only %1 findings (toggle; several may be on)").arg(verdictTitle(verdict)));
        chip->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        connect(chip, &QToolButton::toggled, this, &BenchView::applyVerdictFilter);
        m_chips.insert(verdict, chip);
        chips->addWidget(chip, position / 2, position % 2);
        ++position;
    }
    auto *summary = new QWidget(page);
    auto *summaryLayout = new QVBoxLayout(summary);
    summaryLayout->setContentsMargins(0, 0, 0, 0);
    summaryLayout->addWidget(m_score);
    summaryLayout->addLayout(chips);
    summaryLayout->addStretch(1);
    summary->setMinimumWidth(230);
    summary->setMaximumWidth(300);

    m_donut = new VerdictDonut(page);
    m_bars = new SectionBars(m_catalogue, page);
    m_chartTimer = new QTimer(this);
    m_chartTimer->setSingleShot(true);
    m_chartTimer->setInterval(1);
    connect(m_chartTimer, &QTimer::timeout, this, [this] {
        const QList<bench::Finding> findings = m_run ? m_run->findings : QList<bench::Finding>();
        m_donut->setFindings(findings);
        m_bars->setFindings(findings);
    });
    auto *top = new QHBoxLayout;
    top->addWidget(summary);
    top->addWidget(m_donut, 2);
    top->addWidget(m_bars, 4);
    auto *topBox = new QWidget(page);
    topBox->setLayout(top);
    top->setContentsMargins(0, 0, 0, 0);
    topBox->setFixedHeight(230);

    m_section = new QComboBox(page);
    m_section->setAccessibleName(tr("Section filter"));
    m_section->addItem(tr("All sections"), QString());
    if (m_catalogue) {
        for (const bench::SectionInfo &section : m_catalogue->sections()) {
            m_section->addItem(tr("%1 %2").arg(section.id, section.title), section.id);
        }
    }
    m_search = new QLineEdit(page);
    m_search->setPlaceholderText(tr("Search id, title, container, value… (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search findings"));
    m_search->setClearButtonEnabled(true);
    m_count = new QLabel(page);
    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Section:"), page));
    filters->addWidget(m_section);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_count);

    m_model = new FindingModel(m_catalogue, this);
    m_filter = new FindingFilterModel(this);
    m_filter->setSourceModel(m_model);
    m_table = new QTableView(page);
    m_table->setModel(m_filter);
    m_table->setAccessibleName(tr("Findings"));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FindingModel::IdColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(FindingModel::TitleColumn, QHeaderView::Stretch);
    header->resizeSection(FindingModel::VerdictColumn, 120);
    header->resizeSection(FindingModel::IdColumn, 56);
    header->resizeSection(FindingModel::SectionColumn, 100);
    header->resizeSection(FindingModel::ItemsColumn, 48);
    m_detail = new FindingDetail(page);
    m_detail->showPlaceholder(tr("Select a finding to see what was seen, why it matters and "
                                 "how to fix it."));

    auto *split = new QSplitter(Qt::Horizontal, page);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    split->setSizes({560, 340});

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(m_problem);
    layout->addWidget(m_runTitle);
    layout->addWidget(topBox);
    layout->addLayout(filters);
    layout->addWidget(split, 1);

    connect(m_section, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setSection(m_section->currentData().toString());
        updateCount();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setText(text);
        updateCount();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &BenchView::showCurrentFinding);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &BenchView::updateCount);
    return page;
}

void BenchView::startRun()
{
    if (m_job) {
        return;
    }
    const auto client = m_connection->client();
    if (!client) {
        const Error &error = m_connection->lastError();
        showProblem(tr("The engine is not connected, so the benchmark cannot run: %1")
                        .arg(error.message.isEmpty() ? tr("still connecting") : error.message),
                    error.hint.isEmpty() ? tr("Start the engine or fix the connection, then press "
                                              "Reconnect in the bar above.")
                                         : error.hint);
        return;
    }
    const auto options = m_panel->options();
    if (!options) {
        showProblem(options.error().message, options.error().hint);
        return;
    }
    clearProblem();
    m_panel->setRunning(true);
    m_panel->setProgress(-1, tr("Starting…"));
    Q_EMIT jobProgress(tr("Benchmark: starting…"), -1);

    const bench::RunOptions runOptions = *options;
    auto *job = runJob<RunOutcome>(
        this,
        [client, runOptions](const JobContext &context) -> Result<RunOutcome> {
            // Progress is thinned out to a few updates a second per phase:
            // the window needs no more, and each one costs the GUI a repaint.
            struct Throttle
            {
                std::mutex mutex;
                QElapsedTimer clock;
                QString phase;
            };
            auto throttle = std::make_shared<Throttle>();
            throttle->clock.start();
            const auto onProgress = [context, throttle](const bench::CollectProgress &progress) {
                {
                    std::lock_guard lock(throttle->mutex);
                    const bool newPhase = progress.phase != throttle->phase;
                    const bool last = progress.total > 0 && progress.done == progress.total;
                    if (!newPhase && !last && throttle->clock.elapsed() < 100) {
                        return;
                    }
                    throttle->phase = progress.phase;
                    throttle->clock.restart();
                }
                context.progress(phaseFraction(progress), phaseText(progress));
            };
            docker::EngineClient engine = *client;
            auto run = bench::runBenchmark(engine, runOptions, context.cancel(), onProgress);
            if (!run) {
                return run.error();
            }
            RunOutcome outcome;
            outcome.run = std::move(*run);
            if (context.isCancelled()) {
                return outcome; // the job turns this into Cancelled; nothing is saved
            }
            context.progress(
                1.0, QCoreApplication::translate("drydock::ui::BenchView", "Saving the run…"));
            const auto saved = bench::RunStore().save(outcome.run);
            if (saved) {
                outcome.savedPath = *saved;
            } else {
                outcome.saveError = saved.error();
            }
            return outcome;
        },
        [this](const Result<RunOutcome> &outcome) {
            m_job = nullptr;
            m_panel->setRunning(false);
            updateBusy();
            if (!outcome) {
                const Error &error = outcome.error();
                if (error.kind == ErrorKind::Cancelled) {
                    m_panel->setProgress(0, tr("Cancelled; nothing was saved."));
                    Q_EMIT jobEnded(tr("Benchmark cancelled."));
                    showProblem(tr("The run was cancelled; nothing was saved."),
                                tr("Press Run (Ctrl+R) to start again."), true);
                } else {
                    m_panel->setProgress(0, tr("Failed."));
                    Q_EMIT jobEnded(tr("Benchmark failed."));
                    showProblem(tr("The benchmark could not run: %1").arg(error.message),
                                error.hint);
                    if (error.kind == ErrorKind::Unreachable || error.kind == ErrorKind::Timeout) {
                        m_connection->reconnect();
                    }
                }
                Q_EMIT runFinished(false);
                return;
            }
            const RunOutcome &result = *outcome;
            showRun(result.run);
            const int seconds = int(result.run.startedAt.secsTo(result.run.finishedAt));
            m_panel->setProgress(
                1.0, tr("Done: %n finding(s).", nullptr, int(result.run.findings.size())));
            Q_EMIT jobEnded(tr("Benchmark finished in %n second(s).", nullptr, seconds));
            if (result.run.partial) {
                showProblem(tr("This run is partial: %1").arg(result.run.partialReason),
                            tr("The checks that could not read their data show Error. If the "
                               "engine went away, the window reconnects when it is back; then "
                               "run again."),
                            true);
                m_connection->reconnect();
            } else if (result.saveError) {
                showProblem(tr("The run could not be saved: %1").arg(result.saveError->message),
                            result.saveError->hint, true);
            }
            m_history->reload();
            Q_EMIT runFinished(true);
        });
    connect(job, &Job::progress, this, [this](double fraction, const QString &text) {
        m_panel->setProgress(fraction, text);
        Q_EMIT jobProgress(tr("Benchmark: %1").arg(text), fraction);
    });
    m_job = job;
    updateBusy();
}

void BenchView::cancelRun()
{
    if (m_job) {
        m_job->cancel();
        m_panel->setProgress(-1, tr("Cancelling…"));
    }
}

void BenchView::loadLatest()
{
    if (m_loading) {
        return;
    }
    m_loading = true;
    updateBusy();
    runJob<Run>(
        this, [](const JobContext &) { return bench::RunStore().latest(); },
        [this](const Result<Run> &run) {
            m_loading = false;
            m_loadedOnce = true;
            // A run that finished meanwhile is newer than what was on disk.
            if (run && !m_run) {
                showRun(*run);
            }
            updateBusy();
        });
}

void BenchView::showRun(const Run &run)
{
    m_run = std::make_shared<const Run>(run);
    m_model->setFindings(run.findings);
    updateSummary();
    // The charts follow a moment later, from a timer: redrawing them costs
    // the GUI thread about as much as the table, and a timer lets the event
    // loop answer the user between the two.
    m_chartTimer->start();
    if (m_filter->rowCount() > 0) {
        m_table->setCurrentIndex(m_filter->index(0, FindingModel::VerdictColumn));
    }
    Q_EMIT runShown(m_run);
}

void BenchView::updateSummary()
{
    const QMap<Verdict, int> counts = m_run ? verdictCounts(m_run->findings) : QMap<Verdict, int>();
    for (auto it = m_chips.cbegin(); it != m_chips.cend(); ++it) {
        it.value()->setText(
            QStringLiteral("%1  %2").arg(verdictTitle(it.key())).arg(counts.value(it.key())));
    }
    if (!m_run) {
        m_runTitle->setText(tr("No run yet. Choose what to check on the left and press Run "
                               "(Ctrl+R)."));
        m_score->setText(tr("<span style='font-size:20pt; font-weight:bold'>—</span>"));
        updateCount();
        return;
    }
    const Run &run = *m_run;
    const QString when = QLocale().toString(run.startedAt.toLocalTime(), QLocale::ShortFormat);
    QString title =
        tr("<b>%1</b> · %2 · %3 %4 · %n check(s)", nullptr, int(run.findings.size()))
            .arg(when.toHtmlEscaped(), run.engine.endpoint.toHtmlEscaped(),
                 run.engine.hostName.toHtmlEscaped(), run.engine.serverVersion.toHtmlEscaped());
    if (run.producer.startsWith(QLatin1String("docker-bench-security"))) {
        title += tr(" · imported from %1").arg(run.producer.toHtmlEscaped());
    }
    if (run.partial) {
        title += tr(" · <b>partial</b>");
    }
    m_runTitle->setText(title);
    m_score->setText(tr("<div><span style='font-size:22pt; font-weight:bold'>%1 %</span></div>"
                        "<div>%2 of %3 scored checks pass</div>"
                        "<div>reference score %4</div>")
                         .arg(run.score.percent(), 0, 'f', 1)
                         .arg(run.score.scoredPassed)
                         .arg(run.score.scoredApplicable)
                         .arg(run.score.reference));
    m_score->setToolTip(tr("The percentage counts the scored checks that passed among those "
                           "that passed or warned; the reference score adds one per scored "
                           "pass and takes one per scored warning."));
    updateCount();
}

void BenchView::applyVerdictFilter()
{
    QSet<Verdict> verdicts;
    for (auto it = m_chips.cbegin(); it != m_chips.cend(); ++it) {
        if (it.value()->isChecked()) {
            verdicts.insert(it.key());
        }
    }
    m_filter->setVerdicts(verdicts);
    updateCount();
}

void BenchView::updateCount()
{
    if (!m_count) {
        return;
    }
    m_count->setText(tr("%1 of %2 shown").arg(m_filter->rowCount()).arg(m_model->rowCount()));
}

void BenchView::showCurrentFinding()
{
    const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
    const bench::Finding *finding = current.isValid() ? m_model->finding(current.row()) : nullptr;
    if (!finding) {
        m_detail->showPlaceholder(tr("Select a finding to see what was seen, why it matters and "
                                     "how to fix it."));
        return;
    }
    m_detail->showFinding(*finding, m_catalogue ? m_catalogue->check(finding->checkId) : nullptr);
}

void BenchView::showProblem(const QString &message, const QString &fix, bool warning)
{
    // The verdict colours double as the banner's: they read on both palettes.
    const QColor colour = verdictColor(warning ? Verdict::Error : Verdict::Warn);
    m_problem->setStyleSheet(QStringLiteral("QLabel { background-color: %1; color: #ffffff; "
                                            "padding: 6px; border-radius: 4px; }")
                                 .arg(colour.name()));
    m_problem->setText(fix.isEmpty() ? message : tr("%1\nFix: %2").arg(message, fix));
    m_problem->show();
}

void BenchView::clearProblem()
{
    m_problem->clear();
    m_problem->hide();
}

QString BenchView::problemText() const
{
    return m_problem->isVisible() || !m_problem->isHidden() ? m_problem->text() : QString();
}

QStringList BenchView::screenshotPages() const
{
    return {QStringLiteral("history")};
}

void BenchView::showPage(const QString &page)
{
    m_pages->setCurrentIndex(page == QLatin1String("history") ? 1 : 0);
    if (page == QLatin1String("history")) {
        m_history->prepareScreenshot();
    }
    updateBusy();
}

void BenchView::prepareScreenshot()
{
    m_pages->setCurrentIndex(0);
    if (!m_run) {
        if (!m_loading && !m_job) {
            // The walk waits while the run is busy; once it is shown, pick
            // the finding to show.
            auto *once = new QObject(this);
            connect(this, &BenchView::runFinished, once, [this, once](bool ok) {
                once->deleteLater();
                if (ok) {
                    prepareScreenshot();
                }
            });
            startRun();
        }
        return;
    }
    // Show a finding about containers, with evidence to read, when there is one.
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, 0);
        const bench::Finding *finding = m_model->finding(m_filter->mapToSource(index).row());
        if (finding && finding->verdict == Verdict::Warn && !finding->evidence.isEmpty() &&
            finding->evidence.first().kind == QLatin1String("container")) {
            m_table->setCurrentIndex(index);
            m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
            return;
        }
    }
}

void BenchView::updateBusy()
{
    const bool busy = m_job || m_loading || !m_loadedOnce || m_history->isBusy();
    setProperty("busy", busy);
}

} // namespace drydock::ui
