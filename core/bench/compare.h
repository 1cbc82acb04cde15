// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing two runs: which checks and which items were fixed, which are
// new, which stayed as they were.
#pragma once

#include "run.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace drydock::bench {

enum class Change {
    Fixed,     // was a warning, now is not (pass, info, note, not applicable)
    New,       // is a warning, was not (or the item was not there)
    Unchanged, // same verdict in both runs (for items: a warning in both)
    Changed,   // any other difference, e.g. pass -> error
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
    std::optional<Verdict> before; // set: Comparison::checks holds checks of both runs
    std::optional<Verdict> after;
    QList<ItemChange> items; // only the items of warnings
};

struct Comparison
{
    QString beforeRunId;
    QString afterRunId;
    // The checks both runs contain, in the later run's order. A check in one
    // run only (the runs selected different checks) is neither fixed, new
    // nor changed: nothing is known about it in the other run.
    QList<CheckChange> checks;
    QStringList onlyBefore; // check ids only the earlier run contains, its order
    QStringList onlyAfter;  // check ids only the later run contains, its order
    // Score deltas: over the checks both runs contain when they differ in
    // their checks (deltaOverCommon), else of the runs' own scores.
    int referenceDelta = 0;
    double percentDelta = 0.0;
    bool deltaOverCommon = false;
    // Set when the runs audited different containers (name or label
    // filters): a container item may be new or fixed only for that reason.
    QString scopeWarning;

    int notInBothCount() const { return int(onlyBefore.size() + onlyAfter.size()); }
    QStringList notInBoth() const { return onlyBefore + onlyAfter; }
    // The first `shown` of them, then "and N more": a one-check run
    // compared with a full one leaves 116.
    QString notInBothText(int shown = 12) const;
    const CheckChange *check(const QString &checkId) const;
    int count(Change change) const;     // checks with this change
    int itemCount(Change change) const; // items with this change, over all checks
};

Comparison compareRuns(const Run &before, const Run &after);

} // namespace drydock::bench
