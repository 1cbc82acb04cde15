// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingmodel.h"

#include "verdictstyle.h"

#include "bench/catalogue.h"

namespace drydock::ui {

using bench::Finding;
using bench::Verdict;

FindingModel::FindingModel(const bench::Catalogue *catalogue, QObject *parent)
    : QAbstractTableModel(parent), m_catalogue(catalogue)
{}

void FindingModel::setFindings(QList<Finding> findings)
{
    beginResetModel();
    m_findings = std::move(findings);
    m_search.clear();
    m_search.reserve(m_findings.size());
    for (const Finding &finding : std::as_const(m_findings)) {
        QStringList parts = {finding.checkId,
                             titleOf(finding),
                             finding.summary,
                             finding.reason,
                             bench::verdictLabel(finding.verdict),
                             verdictTitle(finding.verdict)};
        for (const bench::Evidence &evidence : finding.evidence) {
            parts << evidence.item << evidence.image << evidence.observed;
        }
        m_search.append(parts.join(QLatin1Char('\n')).toLower());
    }
    endResetModel();
}

const Finding *FindingModel::finding(int row) const
{
    return row >= 0 && row < m_findings.size() ? &m_findings.at(row) : nullptr;
}

int FindingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int FindingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FindingModel::titleOf(const Finding &finding) const
{
    const bench::CheckInfo *info = m_catalogue ? m_catalogue->check(finding.checkId) : nullptr;
    return info ? info->title : finding.summary;
}

QVariant FindingModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_findings.size()) {
        return {};
    }
    const Finding &finding = m_findings.at(index.row());
    const QString section = bench::sectionOfCheckId(finding.checkId);
    switch (role) {
    case VerdictRole:
        return int(finding.verdict);
    case SectionRole:
        return section;
    case CheckIdRole:
        return finding.checkId;
    case SearchRole:
        return m_search.value(index.row());
    default:
        break;
    }
    switch (index.column()) {
    case VerdictColumn:
        if (role == Qt::DisplayRole) {
            return verdictTitle(finding.verdict);
        }
        if (role == Qt::DecorationRole) {
            return verdictIcon(finding.verdict);
        }
        if (role == SortRole) {
            return int(verdictOrder().indexOf(finding.verdict));
        }
        break;
    case IdColumn:
        if (role == Qt::DisplayRole) {
            return finding.checkId;
        }
        if (role == SortRole) {
            const int position = m_catalogue ? m_catalogue->indexOf(finding.checkId) : -1;
            return position >= 0 ? position : 100000 + index.row();
        }
        break;
    case TitleColumn:
        if (role == Qt::DisplayRole || role == SortRole) {
            return titleOf(finding);
        }
        if (role == Qt::ToolTipRole) {
            return finding.summary;
        }
        break;
    case SectionColumn:
        if (role == Qt::DisplayRole) {
            const bench::SectionInfo *info = m_catalogue ? m_catalogue->section(section) : nullptr;
            return info ? shortSectionTitle(section, info->title) : section;
        }
        if (role == SortRole) {
            return section.toInt();
        }
        break;
    case ItemsColumn:
        if (role == Qt::DisplayRole || role == SortRole) {
            return int(finding.evidence.size());
        }
        if (role == Qt::TextAlignmentRole) {
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    default:
        break;
    }
    if (role == Qt::AccessibleTextRole && index.column() == VerdictColumn) {
        return tr("%1, check %2").arg(verdictTitle(finding.verdict), finding.checkId);
    }
    return {};
}

QVariant FindingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case VerdictColumn:
        return tr("Verdict");
    case IdColumn:
        return tr("Check");
    case TitleColumn:
        return tr("Title");
    case SectionColumn:
        return tr("Section");
    case ItemsColumn:
        return tr("Items");
    default:
        return {};
    }
}

FindingFilterModel::FindingFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(FindingModel::SortRole);
    setDynamicSortFilter(true);
}

void FindingFilterModel::setVerdicts(const QSet<Verdict> &verdicts)
{
    m_verdicts = verdicts;
    invalidateFilter();
}

void FindingFilterModel::setSection(const QString &sectionId)
{
    m_section = sectionId;
    invalidateFilter();
}

void FindingFilterModel::setText(const QString &text)
{
    m_words = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

bool FindingFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_verdicts.isEmpty() &&
        !m_verdicts.contains(Verdict(index.data(FindingModel::VerdictRole).toInt()))) {
        return false;
    }
    if (!m_section.isEmpty() && index.data(FindingModel::SectionRole).toString() != m_section) {
        return false;
    }
    if (m_words.isEmpty()) {
        return true;
    }
    const QString haystack = index.data(FindingModel::SearchRole).toString();
    for (const QString &word : m_words) {
        if (!haystack.contains(word)) {
            return false;
        }
    }
    return true;
}

} // namespace drydock::ui
