// SPDX-License-Identifier: GPL-3.0-or-later
// A one-call health check of an engine, and where else engines may listen.
#pragma once

#include "engineclient.h"

namespace drydock::docker {

struct EngineHealth
{
    PingInfo ping;
    VersionInfo version;
    EngineInfo info;
    QStringList advice; // things worth telling the user, e.g. "rootless: ..."

    bool isPodman() const { return version.podman || !ping.libpodApiVersion.isEmpty(); }
    QString flavour() const;
};

// Negotiates, then reads /version and /info. Blocking.
Result<EngineHealth> checkEngine(EngineClient &client, const CancelToken &cancel = {});

// Rootless Docker and Podman sockets that exist here, other than `current`.
QStringList otherLocalSockets(const Endpoint &current);

} // namespace drydock::docker
