// SPDX-License-Identifier: GPL-3.0-or-later
// Everything the checks look at, collected once per run (collector.cpp)
// and then only read: checks are pure functions of a Snapshot.
#pragma once

#include "docker/models.h"
#include "hostfacts.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace drydock::bench {

struct ImageFacts
{
    docker::ImageInspect inspect;
    QList<docker::HistoryEntry> history;
    QString historyError; // set when the history could not be read
};

struct Snapshot
{
    docker::VersionInfo version;
    docker::EngineInfo info;
    QString apiVersion;
    QString endpoint;
    bool engineIsLocal = true; // unix socket on this machine

    QList<docker::ContainerInspect> containers; // after selection
    // Containers outside the selection whose namespaces a selected one
    // joins ("container:web"): read to resolve the join, never judged.
    QList<docker::ContainerInspect> joinedContainers;
    // Every container the engine listed, before selection: which images are
    // in use (6.1) does not depend on which containers were audited.
    QList<docker::ContainerSummary> allContainers;
    QMap<QString, docker::ProcessTable> processes; // container id -> /top (running only)
    QMap<QString, QString> processErrors;          // container id -> why /top failed
    QList<ImageFacts> images;
    QList<docker::NetworkInfo> networks;

    // Swarm documents, when this node is an active manager.
    std::optional<docker::SwarmSpec> swarm;
    QList<docker::SwarmNode> swarmNodes;
    QList<docker::SwarmService> swarmServices;
    QString swarmError;
    std::optional<int> swarmSecretCount; // GET /secrets
    // Host sockets listening on the swarm ports (2377, 7946), "0.0.0.0:2377";
    // read from /proc/net when the engine is local (7.2), else why not.
    std::optional<QStringList> swarmListeners;
    QString swarmListenersError;

    // The scanner's own environment that checks judge (4.5
    // DOCKER_CONTENT_TRUST): the client side, readable for remote engines too.
    QMap<QString, QString> clientEnvironment;

    // Host facts, when the engine runs on this machine; else why not.
    std::optional<HostFacts> host;
    QString hostUnavailableReason;

    // Per-source failures, so that a check relying on them reports error.
    QMap<QString, QString> collectionErrors; // "containers", "images", "networks" -> message
    // What changed under the collector without being an error (a container
    // removed between list and inspect), for the run's log.
    QStringList collectionNotes;
};

} // namespace drydock::bench
