// SPDX-License-Identifier: GPL-3.0-or-later
// Writing a run in the formats other tools read: text, Drydock's json,
// docker-bench-security's json log, SARIF 2.1.0, JUnit XML and CSV.
#pragma once

#include "run.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace drydock::bench {

class Catalogue;
struct Comparison;

enum class ExportFormat {
    Text,
    Json,
    DbsJson,
    Sarif,
    Junit,
    Csv,
};

QString exportFormatName(ExportFormat format); // "text", "json", "dbs-json", ...
std::optional<ExportFormat> exportFormatFromName(const QString &name);
QStringList exportFormatNames();
// File name suffix for --output-dir: "txt", "json", "dbs.json", "sarif", "junit.xml", "csv".
QString exportFileSuffix(ExportFormat format);

struct ExportOptions
{
    bool colour = false;      // text: ANSI colours (only when writing to a terminal)
    bool remediation = false; // text and dbs-json: remediation of non-passing checks
    bool failingOnly = false; // sarif: only results of kind "fail"
    // sarif: baselineState on results; json: the comparison itself.
    const Comparison *comparison = nullptr;
};

QByteArray exportRun(ExportFormat format, const Run &run, const Catalogue &catalogue,
                     const ExportOptions &options = {});

QByteArray exportText(const Run &run, const Catalogue &catalogue, const ExportOptions &options);
QByteArray exportJson(const Run &run, const Catalogue &catalogue, const ExportOptions &options);
QByteArray exportDbsJson(const Run &run, const Catalogue &catalogue, const ExportOptions &options);
QByteArray exportSarif(const Run &run, const Catalogue &catalogue, const ExportOptions &options);
QByteArray exportJunit(const Run &run, const Catalogue &catalogue, const ExportOptions &options);
QByteArray exportCsv(const Run &run, const Catalogue &catalogue, const ExportOptions &options);

// One CSV field, quoted as RFC 4180 requires; a field a spreadsheet would
// run as a formula gets a leading apostrophe.
QString csvField(const QString &value);

} // namespace drydock::bench
