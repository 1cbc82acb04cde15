// SPDX-License-Identifier: GPL-3.0-or-later
#include "historyview.h"

#include "benchcharts.h"
#include "comparisonmodel.h"
#include "verdictstyle.h"

#include "bench/catalogue.h"
#include "bench/dbsimport.h"
#include "bench/runstore.h"
#include "util/job.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace drydock::ui {

using bench::Change;
using bench::Run;

namespace {

struct Listing
{
    QList<bench::SavedRunInfo> runs;
    QStringList problems;
};

struct Pair
{
    Run before;
    Run after;
    bench::Comparison comparison;
};

// Shows only the rows whose change is not "unchanged" when asked to.
class ChangeFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setOnlyChanges(bool on)
    {
        m_onlyChanges = on;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (!m_onlyChanges) {
            return true;
        }
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        return Change(index.data(ComparisonModel::ChangeRole).toInt()) != Change::Unchanged;
    }

private:
    bool m_onlyChanges = false;
};

QTableView *makeTable(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    table->setAccessibleName(name);
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    return table;
}

// What the counts leave out: checks only one run selected (neither fixed
// nor new) and a difference in the containers the runs audited.
QString comparisonCaveats(const bench::Comparison &comparison)
{
    QString text;
    if (comparison.notInBothCount() > 0) {
        text += HistoryView::tr("<br>Not in both runs (the runs selected different checks): "
                                "%n check(s), %1.",
                                nullptr, comparison.notInBothCount())
                    .arg(comparison.notInBothText().toHtmlEscaped());
        if (comparison.deltaOverCommon) {
            text += QLatin1Char(' ') +
                    HistoryView::tr("The score change counts only the checks both runs contain.");
        }
    }
    if (!comparison.scopeWarning.isEmpty()) {
        text +=
            HistoryView::tr("<br><b>Warning:</b> %1").arg(comparison.scopeWarning.toHtmlEscaped());
    }
    return text;
}

} // namespace

HistoryView::HistoryView(const bench::Catalogue *catalogue, QWidget *parent)
    : QWidget(parent), m_catalogue(catalogue)
{
    m_runs = new RunListModel(this);
    m_runProxy = new QSortFilterProxyModel(this);
    m_runProxy->setSourceModel(m_runs);
    m_runProxy->setSortRole(RunListModel::SortRole);
    m_runTable = makeTable(m_runProxy, tr("Saved runs"), this);
    m_runTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_runTable->sortByColumn(RunListModel::StartedColumn, Qt::DescendingOrder);
    m_runTable->horizontalHeader()->setSectionResizeMode(RunListModel::EngineColumn,
                                                         QHeaderView::Stretch);
    m_runTable->setMinimumHeight(120);

    m_hint = new QLabel(tr("Select two runs (Ctrl+click) to compare them."), this);
    m_hint->setWordWrap(true);
    auto *importButton = new QPushButton(QIcon(QStringLiteral(":/drydock/icons/import.svg")),
                                         tr("&Import docker-bench-security log…"), this);
    importButton->setAccessibleName(tr("Import a docker-bench-security JSON log"));
    auto *refresh = new QPushButton(tr("Re&fresh"), this);
    refresh->setAccessibleName(tr("Refresh the list of saved runs"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_hint, 1);
    top->addWidget(importButton);
    top->addWidget(refresh);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setStyleSheet(QStringLiteral("QLabel { background-color: %1; color: #ffffff; "
                                            "padding: 6px; border-radius: 4px; }")
                                 .arg(verdictColor(bench::Verdict::Warn).name()));
    m_problem->hide();

    m_chart = new DeltaChart(this);
    m_chart->clearRuns();
    m_chart->setMinimumWidth(360);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_onlyChanges = new QCheckBox(tr("Only &changes"), this);
    m_onlyChanges->setAccessibleName(tr("Show only checks that changed"));
    m_comparison = new ComparisonModel(catalogue, this);
    auto *filter = new ChangeFilter(this);
    m_comparisonProxy = filter;
    filter->setSourceModel(m_comparison);
    filter->setSortRole(ComparisonModel::SortRole);
    m_comparisonTable = makeTable(filter, tr("Comparison"), this);
    m_comparisonTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_comparisonTable->sortByColumn(ComparisonModel::ChangeColumn, Qt::AscendingOrder);
    QHeaderView *header = m_comparisonTable->horizontalHeader();
    header->setSectionResizeMode(ComparisonModel::TitleColumn, QHeaderView::Stretch);
    header->resizeSection(ComparisonModel::ChangeColumn, 100);
    header->resizeSection(ComparisonModel::IdColumn, 50);
    header->resizeSection(ComparisonModel::BeforeColumn, 90);
    header->resizeSection(ComparisonModel::AfterColumn, 90);
    header->resizeSection(ComparisonModel::ItemsColumn, 110);
    m_items = new QTextBrowser(this);
    m_items->setAccessibleName(tr("Item changes of the selected check"));
    m_items->setMaximumHeight(130);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *summaryRow = new QHBoxLayout;
    summaryRow->addWidget(m_summary, 1);
    summaryRow->addWidget(m_onlyChanges);
    rightLayout->addLayout(summaryRow);
    rightLayout->addWidget(m_comparisonTable, 1);
    rightLayout->addWidget(m_items);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_chart);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({420, 680});
    split->setChildrenCollapsible(false);

    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_runTable);
    vertical->addWidget(split);
    vertical->setStretchFactor(0, 1);
    vertical->setStretchFactor(1, 3);
    vertical->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_problem);
    layout->addWidget(vertical, 1);

    connect(importButton, &QPushButton::clicked, this, &HistoryView::chooseLogToImport);
    connect(refresh, &QPushButton::clicked, this, &HistoryView::reload);
    connect(m_runTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryView::selectionChanged);
    connect(m_comparisonTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HistoryView::showItems);
    connect(m_onlyChanges, &QCheckBox::toggled, this,
            [filter](bool on) { filter->setOnlyChanges(on); });
    reload();
}

void HistoryView::beginWork()
{
    ++m_pending;
    Q_EMIT busyChanged();
}

void HistoryView::endWork()
{
    --m_pending;
    Q_EMIT busyChanged();
}

void HistoryView::reload()
{
    beginWork();
    runJob<Listing>(
        this,
        [](const JobContext &) -> Result<Listing> {
            Listing listing;
            listing.runs = bench::RunStore().list(&listing.problems);
            return listing;
        },
        [this](const Result<Listing> &listing) {
            if (listing) {
                // Keep the selection across the reload.
                QStringList selected;
                const auto rows = m_runTable->selectionModel()->selectedRows();
                for (const QModelIndex &row : rows) {
                    selected << row.data(RunListModel::RunIdRole).toString();
                }
                {
                    const QSignalBlocker blocker(m_runTable->selectionModel());
                    m_runs->setRuns(listing->runs);
                }
                if (selected.size() == 2) {
                    const QSignalBlocker blocker(m_runTable->selectionModel());
                    selectRuns(selected.at(0), selected.at(1));
                }
                m_runTable->resizeColumnToContents(RunListModel::StartedColumn);
                m_runTable->resizeColumnToContents(RunListModel::ProducerColumn);
                if (!listing->problems.isEmpty()) {
                    showProblem(
                        tr("%n saved run(s) could not be read: %1", nullptr,
                           int(listing->problems.size()))
                            .arg(listing->problems.join(QStringLiteral("; "))),
                        tr("Move the broken files out of %1.").arg(bench::RunStore().folder()));
                }
                if (m_runs->rowCount() < 2) {
                    m_hint->setText(tr("Run the benchmark twice, or import a "
                                       "docker-bench-security log, to compare two runs."));
                } else {
                    m_hint->setText(tr("%n saved run(s). Select two (Ctrl+click) to compare "
                                       "them.",
                                       nullptr, m_runs->rowCount()));
                }
            }
            endWork();
            Q_EMIT reloaded();
        });
}

void HistoryView::selectRuns(const QString &a, const QString &b)
{
    QItemSelection selection;
    for (const QString &id : {a, b}) {
        const int row = m_runs->rowOf(id);
        if (row < 0) {
            continue;
        }
        const QModelIndex index = m_runProxy->mapFromSource(m_runs->index(row, 0));
        selection.select(index, index.siblingAtColumn(RunListModel::ColumnCount - 1));
    }
    m_runTable->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void HistoryView::selectionChanged()
{
    const auto rows = m_runTable->selectionModel()->selectedRows();
    if (rows.size() != 2) {
        if (rows.size() == 1) {
            m_hint->setText(tr("Select one more run (Ctrl+click) to compare."));
        }
        return;
    }
    compare(rows.at(0).data(RunListModel::RunIdRole).toString(),
            rows.at(1).data(RunListModel::RunIdRole).toString());
}

void HistoryView::compare(const QString &firstId, const QString &secondId)
{
    beginWork();
    const int generation = ++m_compareGeneration;
    runJob<Pair>(
        this,
        [firstId, secondId](const JobContext &) -> Result<Pair> {
            const bench::RunStore store;
            auto first = store.load(firstId);
            if (!first) {
                return first.error();
            }
            auto second = store.load(secondId);
            if (!second) {
                return second.error();
            }
            Pair pair;
            const bool inOrder = first->startedAt < second->startedAt ||
                                 (first->startedAt == second->startedAt && first->id < second->id);
            pair.before = inOrder ? std::move(*first) : std::move(*second);
            pair.after = inOrder ? std::move(*second) : std::move(*first);
            pair.comparison = bench::compareRuns(pair.before, pair.after);
            return pair;
        },
        [this, generation](const Result<Pair> &pair) {
            endWork();
            if (generation != m_compareGeneration) {
                return;
            }
            if (!pair) {
                showProblem(pair.error().message, pair.error().hint);
                return;
            }
            m_problem->hide();
            m_compared = true;
            const bench::Comparison &comparison = pair->comparison;
            m_comparison->setComparison(comparison);
            m_chart->setRuns(pair->before, pair->after);
            const QLocale locale;
            m_summary->setText(
                tr("<b>%1</b> → <b>%2</b>: %3 fixed, %4 new, %5 changed, %6 unchanged; "
                   "items: %7 fixed, %8 new.")
                    .arg(locale.toString(pair->before.startedAt.toLocalTime(), QLocale::ShortFormat)
                             .toHtmlEscaped(),
                         locale.toString(pair->after.startedAt.toLocalTime(), QLocale::ShortFormat)
                             .toHtmlEscaped())
                    .arg(comparison.count(Change::Fixed))
                    .arg(comparison.count(Change::New))
                    .arg(comparison.count(Change::Changed))
                    .arg(comparison.count(Change::Unchanged))
                    .arg(comparison.itemCount(Change::Fixed))
                    .arg(comparison.itemCount(Change::New)) +
                comparisonCaveats(comparison));
            m_hint->setText(
                tr("Comparing %1 (before, %2) with %3 (after, %4). Select two "
                   "other runs (Ctrl+click) to compare them.")
                    .arg(
                        locale.toString(pair->before.startedAt.toLocalTime(), QLocale::ShortFormat),
                        pair->before.producer,
                        locale.toString(pair->after.startedAt.toLocalTime(), QLocale::ShortFormat),
                        pair->after.producer));
            if (m_comparisonProxy->rowCount() > 0) {
                m_comparisonTable->setCurrentIndex(m_comparisonProxy->index(0, 0));
            }
            Q_EMIT compared();
        });
}

void HistoryView::showItems()
{
    const QModelIndex current = m_comparisonProxy->mapToSource(m_comparisonTable->currentIndex());
    const bench::CheckChange *check =
        current.isValid() ? m_comparison->change(current.row()) : nullptr;
    if (!check) {
        m_items->clear();
        return;
    }
    QString html = QStringLiteral("<b>%1</b> %2 → %3")
                       .arg(check->checkId.toHtmlEscaped(),
                            check->before ? verdictBadgeHtml(*check->before) : tr("(not run)"),
                            check->after ? verdictBadgeHtml(*check->after) : tr("(not run)"));
    if (check->items.isEmpty()) {
        html += tr("<p>No warned items in either run.</p>");
    } else {
        html += QStringLiteral("<ul>");
        for (const bench::ItemChange &item : check->items) {
            const QString before = item.before ? item.before->observed : tr("(absent)");
            const QString after = item.after ? item.after->observed : tr("(absent)");
            html +=
                QStringLiteral("<li><span style=\"color:%1; font-weight:bold\">%2</span> "
                               "%3: %4 → %5</li>")
                    .arg(changeColor(item.change).name(), changeTitle(item.change),
                         item.key.toHtmlEscaped(), before.toHtmlEscaped(), after.toHtmlEscaped());
        }
        html += QStringLiteral("</ul>");
    }
    m_items->setHtml(html);
}

void HistoryView::chooseLogToImport()
{
    // Window-modal with open(): no nested event loop on the GUI thread.
    auto *dialog = new QFileDialog(this, tr("Import a docker-bench-security log"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("docker-bench-security JSON logs (*.json)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this, &HistoryView::importLog);
    dialog->open();
}

void HistoryView::importLog(const QString &path)
{
    if (!m_catalogue) {
        showProblem(tr("The check catalogue did not load, so nothing can be imported."),
                    tr("Rebuild Drydock from an unmodified source tree."));
        return;
    }
    beginWork();
    const bench::Catalogue *catalogue = m_catalogue; // built in: lives as long as the program
    runJob<QString>(
        this,
        [path, catalogue](const JobContext &) -> Result<QString> {
            auto run = bench::importDbsLogFile(path, *catalogue);
            if (!run) {
                return run.error();
            }
            const auto saved = bench::RunStore().save(*run);
            if (!saved) {
                return saved.error();
            }
            return run->id;
        },
        [this](const Result<QString> &id) {
            endWork();
            if (!id) {
                showProblem(id.error().message, id.error().hint);
                return;
            }
            m_problem->hide();
            const QString importedId = *id;
            // Once listed, compare the import with the newest other run.
            auto *once = new QObject(this);
            connect(this, &HistoryView::reloaded, once, [this, importedId, once] {
                once->deleteLater();
                for (const bench::SavedRunInfo &info : m_runs->runs()) {
                    if (info.id != importedId) {
                        selectRuns(importedId, info.id);
                        break;
                    }
                }
            });
            reload();
            Q_EMIT imported(importedId);
        });
}

void HistoryView::showProblem(const QString &message, const QString &hint)
{
    m_problem->setText(hint.isEmpty() ? message : tr("%1\nFix: %2").arg(message, hint));
    m_problem->show();
}

QString HistoryView::problemText() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void HistoryView::prepareScreenshot()
{
    if (m_compared || m_runs->rowCount() < 2) {
        return;
    }
    // The newest run against the one before it, as a student would after a fix.
    const auto &runs = m_runs->runs();
    selectRuns(runs.at(0).id, runs.at(1).id);
}

} // namespace drydock::ui
