// SPDX-License-Identifier: GPL-3.0-or-later
// Table models of the History page: the saved runs, and the comparison of
// two of them check by check.
#pragma once

#include "bench/compare.h"
#include "bench/runstore.h"

#include <QAbstractTableModel>

namespace drydock::bench {
class Catalogue;
}

namespace drydock::ui {

class RunListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StartedColumn,
        ProducerColumn,
        EngineColumn,
        ScoreColumn,
        ReferenceColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole, RunIdRole };
    using QAbstractTableModel::QAbstractTableModel;

    void setRuns(QList<bench::SavedRunInfo> runs);
    const QList<bench::SavedRunInfo> &runs() const { return m_runs; }
    int rowOf(const QString &runId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<bench::SavedRunInfo> m_runs;
};

class ComparisonModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ChangeColumn,
        IdColumn,
        TitleColumn,
        BeforeColumn,
        AfterColumn,
        ItemsColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole, ChangeRole };

    explicit ComparisonModel(const bench::Catalogue *catalogue, QObject *parent = nullptr);

    void setComparison(const bench::Comparison &comparison);
    void clear();
    const bench::Comparison &comparison() const { return m_comparison; }
    const bench::CheckChange *change(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const bench::Catalogue *m_catalogue = nullptr;
    bench::Comparison m_comparison;
};

// "2 fixed, 1 new" for a check's items; empty when it has none.
QString itemChangeSummary(const bench::CheckChange &change);

} // namespace drydock::ui
