// SPDX-License-Identifier: GPL-3.0-or-later
#include "comparisonmodel.h"

#include "verdictstyle.h"

#include "bench/catalogue.h"

#include <QBrush>
#include <QCoreApplication>
#include <QFont>
#include <QLocale>

namespace drydock::ui {

using bench::Change;

namespace {

int changeRank(Change change)
{
    switch (change) {
    case Change::New:
        return 0;
    case Change::Fixed:
        return 1;
    case Change::Changed:
        return 2;
    case Change::Unchanged:
        return 3;
    }
    return 4;
}

QString verdictText(const std::optional<bench::Verdict> &verdict)
{
    return verdict ? verdictTitle(*verdict)
                   : QCoreApplication::translate("drydock::ui::ComparisonModel", "(not run)");
}

} // namespace

void RunListModel::setRuns(QList<bench::SavedRunInfo> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

int RunListModel::rowOf(const QString &runId) const
{
    for (int row = 0; row < m_runs.size(); ++row) {
        if (m_runs.at(row).id == runId) {
            return row;
        }
    }
    return -1;
}

int RunListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_runs.size()) {
        return {};
    }
    const bench::SavedRunInfo &run = m_runs.at(index.row());
    if (role == RunIdRole) {
        return run.id;
    }
    if (role == Qt::ToolTipRole) {
        return tr("Run %1\n%2").arg(run.id, run.path);
    }
    switch (index.column()) {
    case StartedColumn:
        if (role == Qt::DisplayRole) {
            QString text = QLocale().toString(run.startedAt.toLocalTime(), QLocale::ShortFormat);
            return run.partial ? tr("%1 (partial)").arg(text) : text;
        }
        if (role == SortRole) {
            return run.startedAt;
        }
        break;
    case ProducerColumn:
        if (role == Qt::DisplayRole || role == SortRole) {
            return run.producer;
        }
        break;
    case EngineColumn:
        if (role == Qt::DisplayRole || role == SortRole) {
            return run.endpoint;
        }
        break;
    case ScoreColumn:
        if (role == Qt::DisplayRole) {
            return QStringLiteral("%1 %").arg(run.score.percent(), 0, 'f', 1);
        }
        if (role == SortRole) {
            return run.score.percent();
        }
        if (role == Qt::TextAlignmentRole) {
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case ReferenceColumn:
        if (role == Qt::DisplayRole || role == SortRole) {
            return run.score.reference;
        }
        if (role == Qt::TextAlignmentRole) {
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case StartedColumn:
        return tr("Started");
    case ProducerColumn:
        return tr("Made by");
    case EngineColumn:
        return tr("Engine");
    case ScoreColumn:
        return tr("Score");
    case ReferenceColumn:
        return tr("Reference");
    default:
        return {};
    }
}

ComparisonModel::ComparisonModel(const bench::Catalogue *catalogue, QObject *parent)
    : QAbstractTableModel(parent), m_catalogue(catalogue)
{}

void ComparisonModel::setComparison(const bench::Comparison &comparison)
{
    beginResetModel();
    m_comparison = comparison;
    endResetModel();
}

void ComparisonModel::clear()
{
    setComparison({});
}

const bench::CheckChange *ComparisonModel::change(int row) const
{
    return row >= 0 && row < m_comparison.checks.size() ? &m_comparison.checks.at(row) : nullptr;
}

int ComparisonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_comparison.checks.size());
}

int ComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString itemChangeSummary(const bench::CheckChange &change)
{
    int fixed = 0;
    int added = 0;
    int kept = 0;
    for (const bench::ItemChange &item : change.items) {
        fixed += item.change == Change::Fixed ? 1 : 0;
        added += item.change == Change::New ? 1 : 0;
        kept += item.change == Change::Unchanged ? 1 : 0;
    }
    QStringList parts;
    const char *context = "drydock::ui::ComparisonModel";
    if (fixed > 0) {
        parts << QCoreApplication::translate(context, "%n fixed", nullptr, fixed);
    }
    if (added > 0) {
        parts << QCoreApplication::translate(context, "%n new", nullptr, added);
    }
    if (kept > 0) {
        parts << QCoreApplication::translate(context, "%n unchanged", nullptr, kept);
    }
    return parts.join(QStringLiteral(", "));
}

QVariant ComparisonModel::data(const QModelIndex &index, int role) const
{
    const bench::CheckChange *check = index.isValid() ? change(index.row()) : nullptr;
    if (!check) {
        return {};
    }
    if (role == ChangeRole) {
        return int(check->change);
    }
    if (role == Qt::BackgroundRole && check->change != Change::Unchanged) {
        // A tint of the change's colour over the palette's base: it reads
        // on light and dark palettes alike.
        QColor tint = changeColor(check->change);
        tint.setAlpha(48);
        return QBrush(tint);
    }
    if (role == Qt::FontRole && (check->change == Change::New || check->change == Change::Fixed)) {
        QFont font;
        font.setBold(true);
        return font;
    }
    const bench::CheckInfo *info = m_catalogue ? m_catalogue->check(check->checkId) : nullptr;
    switch (index.column()) {
    case ChangeColumn:
        if (role == Qt::DisplayRole) {
            return changeTitle(check->change);
        }
        if (role == SortRole) {
            return changeRank(check->change);
        }
        if (role == Qt::DecorationRole) {
            // Fixed shows the pass colour, new the warning colour.
            return check->change == Change::Fixed     ? verdictIcon(bench::Verdict::Pass)
                   : check->change == Change::New     ? verdictIcon(bench::Verdict::Warn)
                   : check->change == Change::Changed ? verdictIcon(bench::Verdict::Error)
                                                      : verdictIcon(bench::Verdict::NotApplicable);
        }
        break;
    case IdColumn:
        if (role == Qt::DisplayRole) {
            return check->checkId;
        }
        if (role == SortRole) {
            const int position = m_catalogue ? m_catalogue->indexOf(check->checkId) : -1;
            return position >= 0 ? position : 100000 + index.row();
        }
        break;
    case TitleColumn:
        if (role == Qt::DisplayRole || role == SortRole) {
            return info ? info->title : check->checkId;
        }
        break;
    case BeforeColumn:
    case AfterColumn: {
        const auto &verdict = index.column() == BeforeColumn ? check->before : check->after;
        if (role == Qt::DisplayRole || role == SortRole) {
            return verdictText(verdict);
        }
        if (role == Qt::DecorationRole && verdict) {
            return verdictIcon(*verdict);
        }
        break;
    }
    case ItemsColumn:
        if (role == Qt::DisplayRole || role == SortRole) {
            return itemChangeSummary(*check);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case ChangeColumn:
        return tr("Change");
    case IdColumn:
        return tr("Check");
    case TitleColumn:
        return tr("Title");
    case BeforeColumn:
        return tr("Before");
    case AfterColumn:
        return tr("After");
    case ItemsColumn:
        return tr("Items");
    default:
        return {};
    }
}

} // namespace drydock::ui
