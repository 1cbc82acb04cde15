// SPDX-License-Identifier: GPL-3.0-or-later
// The report as HTML: one builder for the standalone HTML export (charts as
// SVG) and for the rich text the PDF renderer lays out (charts as objects
// it draws itself, contents with page numbers).
#pragma once

#include "charts.h"
#include "reportdata.h"

#include <QHash>
#include <QList>
#include <QString>

namespace drydock::report {

enum class HtmlFlavour {
    Web,   // a standalone page: CSS, inline SVG, links in the contents
    Print, // QTextDocument's HTML subset, laid out into pages by the PDF renderer
};

struct HtmlOptions
{
    HtmlFlavour flavour = HtmlFlavour::Web;
    // Print: the page each contents entry starts on, by anchor; missing
    // entries print a blank number (the first layout pass).
    QHash<QString, int> pages;
    // Evidence rows shown per finding; the JSON export always has them all.
    int maxEvidenceRows = 25;
};

struct ContentsEntry
{
    QString anchor; // "sec-summary"
    QString title;  // "2 Summary"
    int level = 1;
};

// The contents, in order: what the table of contents lists and what the
// PDF renderer finds page numbers for.
QList<ContentsEntry> contentsEntries(const ReportData &data);

// The charts the report shows, by Drawing::id.
QList<Drawing> reportCharts(const ReportData &data);

// In Print flavour a chart is `<img src="drydock-chart:<id>">`.
inline constexpr const char *kChartScheme = "drydock-chart:";

QString reportHtml(const ReportData &data, const HtmlOptions &options);

} // namespace drydock::report
