// SPDX-License-Identifier: GPL-3.0-or-later
// How verdicts look in the window: their colours (chosen to read on light
// and dark palettes alike), translated labels and small icons.
#pragma once

#include "bench/compare.h"
#include "bench/run.h"

#include <QColor>
#include <QIcon>
#include <QList>
#include <QString>

namespace drydock::ui {

// Every verdict, in the order the window lists them (worst first).
const QList<bench::Verdict> &verdictOrder();

// A mid-tone colour that keeps its contrast on white and on near-black.
QColor verdictColor(bench::Verdict verdict);
// "Pass", "Warn", "Not applicable"...: translated, for people.
QString verdictTitle(bench::Verdict verdict);
// The same, "N/A" for not applicable: for chart axes.
QString verdictShortTitle(bench::Verdict verdict);
// A filled circle in the verdict's colour, for tables and lists.
QIcon verdictIcon(bench::Verdict verdict);
// A badge for rich text: white bold text on the verdict colour.
QString verdictBadgeHtml(bench::Verdict verdict);

// A section's id and title shortened for narrow places (chart axes, table
// cells): "2 Daemon", "4 Container Images".
QString shortSectionTitle(const QString &sectionId, const QString &title);

QColor changeColor(bench::Change change);
QString changeTitle(bench::Change change);

} // namespace drydock::ui
