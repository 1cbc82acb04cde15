// SPDX-License-Identifier: GPL-3.0-or-later
// Importing a docker-bench-security JSON log as a run, so that its results
// can be compared with Drydock's and exported in the other formats.
#pragma once

#include "run.h"
#include "util/result.h"

#include <QByteArray>
#include <QString>

namespace drydock::bench {

class Catalogue;

// Reads both shapes the script writes: results grouped in sections, and
// results directly in "tests" when single checks were run. `origin` (the
// file name) starts every error message. The catalogue gives the score's
// scored flags; the log's own score is kept as the reference score.
Result<Run> importDbsLog(const QByteArray &data, const QString &origin, const Catalogue &catalogue);

Result<Run> importDbsLogFile(const QString &path, const Catalogue &catalogue);

} // namespace drydock::bench
