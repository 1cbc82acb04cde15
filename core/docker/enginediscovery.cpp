// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginediscovery.h"

#include <QFileInfo>

#include <unistd.h>

namespace drydock::docker {

QString EngineHealth::flavour() const
{
    if (isPodman()) {
        return QStringLiteral("Podman");
    }
    return info.rootless() ? QStringLiteral("Docker (rootless)") : QStringLiteral("Docker");
}

Result<EngineHealth> checkEngine(EngineClient &client, const CancelToken &cancel)
{
    EngineHealth health;
    auto ping = client.negotiate(cancel);
    if (!ping) {
        return ping.error();
    }
    health.ping = *ping;
    auto version = client.version(cancel);
    if (!version) {
        return version.error();
    }
    health.version = *version;
    auto info = client.info(cancel);
    if (!info) {
        return info.error();
    }
    health.info = *info;
    if (health.info.rootless()) {
        health.advice.append(QStringLiteral(
            "Rootless engine: containers run in a user namespace; several host checks "
            "(daemon files under /etc, the system socket) do not apply."));
    }
    if (health.isPodman()) {
        health.advice.append(QStringLiteral(
            "Podman's Docker-compatible API: some CIS checks describe dockerd settings that "
            "Podman configures elsewhere."));
    }
    return health;
}

QStringList otherLocalSockets(const Endpoint &current)
{
    QStringList candidates;
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    const QString userRun =
        runtimeDir.isEmpty() ? QStringLiteral("/run/user/%1").arg(::getuid()) : runtimeDir;
    candidates << QStringLiteral("/var/run/docker.sock") << userRun + QStringLiteral("/docker.sock")
               << userRun + QStringLiteral("/podman/podman.sock")
               << QStringLiteral("/run/podman/podman.sock");
    QStringList found;
    for (const QString &path : candidates) {
        const QFileInfo info(path);
        if (path != current.target.unixSocket && info.exists() && !found.contains(path)) {
            found.append(path);
        }
    }
    return found;
}

} // namespace drydock::docker
