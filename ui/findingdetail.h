// SPDX-License-Identifier: GPL-3.0-or-later
// The detail pane of one finding: the check's texts around what was seen.
#pragma once

#include <QTextBrowser>

namespace drydock::bench {
struct CheckInfo;
struct Finding;
} // namespace drydock::bench

namespace drydock::ui {

// The finding as rich text: title, verdict, summary, description, rationale,
// each evidence item with the value seen and expected, remediation, impact,
// references. Every text from the run or the catalogue is escaped.
QString findingDetailHtml(const bench::Finding &finding, const bench::CheckInfo *info);

class FindingDetail : public QTextBrowser
{
    Q_OBJECT
public:
    explicit FindingDetail(QWidget *parent = nullptr);

    void showFinding(const bench::Finding &finding, const bench::CheckInfo *info);
    void showPlaceholder(const QString &text);
};

} // namespace drydock::ui
