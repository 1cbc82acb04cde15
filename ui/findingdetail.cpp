// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingdetail.h"

#include "verdictstyle.h"

#include "bench/catalogue.h"
#include "bench/run.h"

#include <QCoreApplication>

namespace drydock::ui {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("drydock::ui::FindingDetail", text, nullptr, n);
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString paragraph(const QString &heading, const QString &text)
{
    if (text.trimmed().isEmpty()) {
        return {};
    }
    return QStringLiteral("<h3>%1</h3><p>%2</p>")
        .arg(esc(heading), esc(text).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
}

QString referenceHtml(const QString &reference)
{
    if (reference.startsWith(QLatin1String("https://")) ||
        reference.startsWith(QLatin1String("http://"))) {
        return QStringLiteral("<a href=\"%1\">%1</a>").arg(esc(reference));
    }
    return esc(reference);
}

} // namespace

QString findingDetailHtml(const bench::Finding &finding, const bench::CheckInfo *info)
{
    QString html;
    const QString title = info ? info->title : finding.summary;
    html += QStringLiteral("<h2>%1 %2</h2>").arg(esc(finding.checkId), esc(title));
    QString facts = verdictBadgeHtml(finding.verdict);
    if (info) {
        facts += QStringLiteral(" &nbsp;%1 · %2")
                     .arg(info->scored ? tr("scored") : tr("not scored"),
                          tr("severity %1").arg(bench::severityName(info->severity)));
    }
    html += QStringLiteral("<p>%1</p>").arg(facts);
    if (!finding.summary.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b></p>").arg(esc(finding.summary));
    }
    if (!finding.reason.isEmpty()) {
        const QString heading =
            finding.verdict == bench::Verdict::Error ? tr("Cause") : tr("Why not applicable");
        html += paragraph(heading, finding.reason);
    }
    if (info) {
        html += paragraph(tr("Description"), info->description);
        html += paragraph(tr("Rationale"), info->rationale);
    }
    if (!finding.evidence.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3>")
                    .arg(esc(tr("Evidence (%n item(s))", int(finding.evidence.size()))));
        html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"4\" border=\"1\" "
                               "width=\"100%\"><tr><th align=\"left\">%1</th>"
                               "<th align=\"left\">%2</th><th align=\"left\">%3</th></tr>")
                    .arg(esc(tr("Item")), esc(tr("Observed")), esc(tr("Expected")));
        for (const bench::Evidence &evidence : finding.evidence) {
            QString item = QStringLiteral("<b>%1</b>").arg(esc(evidence.item));
            QStringList details;
            if (!evidence.kind.isEmpty()) {
                details << esc(evidence.kind);
            }
            if (!evidence.itemId.isEmpty() && evidence.itemId != evidence.item) {
                details << esc(evidence.itemId.left(12));
            }
            if (!evidence.image.isEmpty() && evidence.image != evidence.item) {
                details << esc(tr("image %1").arg(evidence.image));
            }
            if (!details.isEmpty()) {
                item += QStringLiteral("<br><small>%1</small>")
                            .arg(details.join(QStringLiteral(" · ")));
            }
            html += QStringLiteral("<tr><td>%1</td><td><code>%2</code></td><td>%3</td></tr>")
                        .arg(item, esc(evidence.observed), esc(evidence.expected));
        }
        html += QStringLiteral("</table>");
    }
    if (info) {
        html += paragraph(tr("Remediation"), info->remediation);
        html += paragraph(tr("Impact"), info->impact);
        if (!info->references.isEmpty()) {
            html += QStringLiteral("<h3>%1</h3><ul>").arg(esc(tr("References")));
            for (const QString &reference : info->references) {
                html += QStringLiteral("<li>%1</li>").arg(referenceHtml(reference));
            }
            html += QStringLiteral("</ul>");
        }
    } else {
        html += QStringLiteral("<p><i>%1</i></p>")
                    .arg(esc(tr("This check is not in Drydock's catalogue, so there is no "
                                "description or remediation for it.")));
    }
    return html;
}

FindingDetail::FindingDetail(QWidget *parent) : QTextBrowser(parent)
{
    setOpenExternalLinks(true);
    setAccessibleName(tr("Finding details"));
    setMinimumWidth(320);
}

void FindingDetail::showFinding(const bench::Finding &finding, const bench::CheckInfo *info)
{
    setHtml(findingDetailHtml(finding, info));
}

void FindingDetail::showPlaceholder(const QString &text)
{
    setHtml(QStringLiteral("<p><i>%1</i></p>").arg(text.toHtmlEscaped()));
}

} // namespace drydock::ui
