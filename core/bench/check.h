// SPDX-License-Identifier: GPL-3.0-or-later
// The logic side of a check: a pure function from a Snapshot to a Finding.
// Texts (title, rationale, remediation...) live in the catalogue resource.
#pragma once

#include "run.h"
#include "snapshot.h"

#include <QList>

namespace drydock::bench {

using CheckFunction = Finding (*)(const Snapshot &snapshot);

struct CheckLogic
{
    const char *id; // "5.10"
    CheckFunction evaluate;
};

// One list per family; checks.cpp joins them.
const QList<CheckLogic> &hostChecks();       // section 1
const QList<CheckLogic> &daemonChecks();     // section 2
const QList<CheckLogic> &fileChecks();       // section 3
const QList<CheckLogic> &imageChecks();      // section 4
const QList<CheckLogic> &containerChecks();  // section 5
const QList<CheckLogic> &operationsChecks(); // section 6
const QList<CheckLogic> &swarmChecks();      // section 7

// All of the above, in catalogue order.
const QList<CheckLogic> &allChecks();

} // namespace drydock::bench
