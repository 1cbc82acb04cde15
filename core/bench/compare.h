// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing two runs: which checks and which items were fixed, which are
// new, which stayed as they were.
#pragma once

#include "run.h"

#include <QList>
#include <QString>

#include <optional>

namespace drydock::bench {

enum class Change {
    Fixed,     // was a warning, now is not (pass, info, note, not applicable)
    New,       // is a warning, was not (or the check or item was not there)
    Unchanged, // same verdict in both runs (for items: a warning in both)
    Changed,   // any other difference, e.g. pass -> error, or in one run only
};

QString changeName(Change change); // "fixed", "new", "unchanged", "changed"

// One evidence item of a check that warned in either run, matched across
// the runs by Evidence::key().
struct ItemChange
{
    QString key;
    Change change = Change::Unchanged;
    std::optional<Evidence> before;
    std::optional<Evidence> after;
};

struct CheckChange
{
    QString checkId;
    Change change = Change::Unchanged;
    std::optional<Verdict> before; // empty when the check was not in that run
    std::optional<Verdict> after;
    QList<ItemChange> items; // only the items of warnings
};

struct Comparison
{
    QString beforeRunId;
    QString afterRunId;
    QList<CheckChange> checks; // the later run's order, then checks only in the earlier one
    int referenceDelta = 0;    // after.score.reference - before.score.reference
    double percentDelta = 0.0; // after.score.percent() - before.score.percent()

    const CheckChange *check(const QString &checkId) const;
    int count(Change change) const;     // checks with this change
    int itemCount(Change change) const; // items with this change, over all checks
};

Comparison compareRuns(const Run &before, const Run &after);

} // namespace drydock::bench
