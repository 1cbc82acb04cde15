// SPDX-License-Identifier: GPL-3.0-or-later
// The runner: which checks and containers, collect once, evaluate every
// selected check over the snapshot, score, and fill in a Run.
#pragma once

#include "catalogue.h"
#include "check.h"
#include "collector.h"
#include "run.h"

#include "docker/engineclient.h"
#include "util/cancel.h"
#include "util/result.h"

#include <QStringList>

namespace drydock::bench {

// Check ids or sections: "5.10", "5", "2.1" (2.1 and 2.1.x, not 2.10).
struct CheckSelection
{
    QStringList include; // empty: every check
    QStringList exclude;
};

// True when `pattern` names `checkId` or a section or subsection holding it.
bool checkIdMatches(const QString &pattern, const QString &checkId);

// The selected ids of `catalogue`, in its order. A pattern that names no
// check is a BadInput error (a typo should not silently run nothing).
Result<QStringList> selectChecks(const CheckSelection &selection, const Catalogue &catalogue);

// What the collector must fetch for `checkIds` (the rest is left out).
CollectorOptions collectorOptionsFor(const QStringList &checkIds);

// One check over the snapshot: a check that throws gives an error finding.
Finding evaluateCheck(const CheckLogic &logic, const Snapshot &snapshot);

// Every id of `checkIds` evaluated, in order; ids without logic give error.
QList<Finding> evaluateChecks(const QStringList &checkIds, const Snapshot &snapshot);

struct RunOptions
{
    CheckSelection checks;
    ContainerSelection containers;
    int concurrency = 8;
    std::optional<QMap<QString, QString>> environment; // for tests; else this process's
};

// Collects from `client` and evaluates. Fails when the selection is bad or
// the engine cannot be reached at all; later failures give a partial run
// with error findings.
Result<Run> runBenchmark(docker::EngineClient &client, const RunOptions &options,
                         const CancelToken &cancel = {},
                         const CollectProgressHandler &onProgress = {});

// The Run for an already collected snapshot (the tests build snapshots).
Run makeRun(const Collection &collection, const QStringList &checkIds, const Catalogue &catalogue,
            const docker::Endpoint &endpoint, const QDateTime &startedAt);

} // namespace drydock::bench
