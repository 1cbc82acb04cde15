// SPDX-License-Identifier: GPL-3.0-or-later
// The findings of one run as a table, and the proxy that filters it by
// verdict, section and text.
#pragma once

#include "bench/run.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QSortFilterProxyModel>

namespace drydock::bench {
class Catalogue;
}

namespace drydock::ui {

class FindingModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { VerdictColumn, IdColumn, TitleColumn, SectionColumn, ItemsColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // a number or text that sorts the column sensibly
        VerdictRole,             // int(bench::Verdict)
        SectionRole,             // "5"
        CheckIdRole,             // "5.10"
        SearchRole,              // everything the text filter looks in, lower case
    };

    // `catalogue` gives titles and sections; it must outlive the model.
    explicit FindingModel(const bench::Catalogue *catalogue, QObject *parent = nullptr);

    void setFindings(QList<bench::Finding> findings);
    const QList<bench::Finding> &findings() const { return m_findings; }
    const bench::Finding *finding(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString titleOf(const bench::Finding &finding) const;

    const bench::Catalogue *m_catalogue = nullptr;
    QList<bench::Finding> m_findings;
    QStringList m_search; // per row, built once when the findings change
};

class FindingFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FindingFilterModel(QObject *parent = nullptr);

    // Empty: every verdict.
    void setVerdicts(const QSet<bench::Verdict> &verdicts);
    // Empty: every section.
    void setSection(const QString &sectionId);
    // Case-insensitive; every word must appear (id, title, summary, items).
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QSet<bench::Verdict> m_verdicts;
    QString m_section;
    QStringList m_words;
};

} // namespace drydock::ui
