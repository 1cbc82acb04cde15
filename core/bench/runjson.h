// SPDX-License-Identifier: GPL-3.0-or-later
// Drydock's own run document: what runs are saved as and what the "json"
// format exports. The schema is described in docs/run-format.md.
#pragma once

#include "run.h"
#include "util/result.h"

#include <QByteArray>
#include <QString>

namespace drydock::bench {

class Catalogue;
struct Comparison;

inline constexpr char kRunSchemaName[] = "drydock.bench.run";

struct RunJsonOptions
{
    // When set, each finding also carries its title, section and scored
    // flag, so the document reads without the catalogue (the "json" export).
    const Catalogue *catalogue = nullptr;
    // When set, the document carries the comparison with an earlier run.
    const Comparison *comparison = nullptr;
};

QByteArray runToJson(const Run &run, const RunJsonOptions &options = {});

// Parses and validates a run document; `origin` (a file name) starts every
// error message, which names the offending field. Refuses documents of a
// later schema version than this build knows.
Result<Run> runFromJson(const QByteArray &data, const QString &origin);

// ISO 8601 in UTC with milliseconds, as the run document stores times.
QString runTimeText(const QDateTime &time);

} // namespace drydock::bench
