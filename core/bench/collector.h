// SPDX-License-Identifier: GPL-3.0-or-later
// The collector: everything the checks read, fetched once per run. Each
// container's inspect document and each image's inspect and history are
// fetched once, concurrently on a bounded pool of worker threads.
#pragma once

#include "snapshot.h"

#include "docker/engineclient.h"
#include "util/cancel.h"
#include "util/result.h"

#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace drydock::bench {

// Which containers are audited; the others are still counted (6.1, 6.2).
struct ContainerSelection
{
    QString namePattern; // a regular expression searched in each of its names
    QStringList labels;  // "key" or "key=value"; a container must carry all of them

    bool isEmpty() const { return namePattern.isEmpty() && labels.isEmpty(); }
};

// Checks `selection`'s pattern and labels; a BadInput error names the bad one.
Result<void> validateSelection(const ContainerSelection &selection);
bool selectionMatches(const ContainerSelection &selection, const docker::ContainerSummary &c);

struct CollectorOptions
{
    ContainerSelection containers;
    // What to fetch beyond the engine's identity; the runner turns off what
    // no selected check reads.
    bool wantContainers = true;
    bool wantProcesses = true; // GET /top of running containers (5.7)
    bool wantImages = true;    // inspect and history of every image (4.x, 6.1)
    bool wantNetworks = true;
    bool wantSwarm = true;
    bool wantHost = true; // the host probe, when the engine is local
    int concurrency = 8;  // engine calls in flight at once
    // The scanner's environment for the client-side checks; nullopt reads
    // this process's.
    std::optional<QMap<QString, QString>> environment;
};

struct CollectProgress
{
    QString phase; // "engine", "containers", "processes", "images", "networks", "swarm", "host"
    int done = 0;
    int total = 0;
};

// Called from worker threads, one call at a time.
using CollectProgressHandler = std::function<void(const CollectProgress &progress)>;

struct Collection
{
    Snapshot snapshot;
    docker::PingInfo ping;
    bool partial = false; // cancelled, or the engine stopped answering
    QString partialReason;
};

// Negotiates with the engine, then collects. Fails only when the engine
// cannot be reached at all; anything failing later is recorded in the
// snapshot's collectionErrors (and makes the collection partial when the
// engine went away or the user cancelled).
Result<Collection> collectSnapshot(docker::EngineClient &client, const CollectorOptions &options,
                                   const CancelToken &cancel = {},
                                   const CollectProgressHandler &onProgress = {});

// The engine documents as the collector reads them: the shape of every field
// a check relies on is verified first, so that a malformed document is
// reported instead of read as defaults (a "Privileged": "yes" is not false).
Result<docker::ContainerInspect> readContainerDocument(const nlohmann::json &doc);
Result<docker::ImageInspect> readImageDocument(const nlohmann::json &doc);

// The processes of running containers seen from the host: every process
// under `procRoot` ("/proc") whose cgroup names one of `containerIds`,
// with its command line as ps shows it.
struct ContainerProcesses
{
    docker::ProcessTable table; // titles PID, CMD
    QList<qint64> pids;
};
QHash<QString, ContainerProcesses> readContainerProcesses(const QString &procRoot,
                                                          const QStringList &containerIds);

// Whether the proc filesystem mounted at /proc (per /proc/self/mountinfo
// text) hides other users' processes (hidepid=1/2, noaccess, invisible,
// ptraceable). A non-root scanner then sees a container's init but maybe
// not an sshd running as another user: its /proc scan cannot be trusted.
bool procHidesProcesses(const QByteArray &mountinfo);

// Listening TCP sockets on `ports` from /proc/net/tcp-format text:
// "0.0.0.0:2377", "[::]:7946".
QStringList listeningSockets(const QByteArray &procNetTcp, bool ipv6, const QList<int> &ports);

} // namespace drydock::bench
