// SPDX-License-Identifier: GPL-3.0-or-later
// The host probe: reads /proc, dockerd's configuration, systemd units, file
// modes, audit rules and the mount table into HostFacts, read-only.
#pragma once

#include "hostfacts.h"

#include "util/result.h"

#include <QString>
#include <QStringList>

namespace drydock::bench {

struct HostProbeOptions
{
    // A folder standing in for "/" (tests build a fake /proc, /etc... there).
    // Empty on the real host.
    QString rootPrefix;
    // The unix socket the engine client talks to ("/var/run/docker.sock"), to
    // pick the right dockerd when several run (rootful and rootless). Optional.
    QString engineSocket;
    // GET /info DockerRootDir, when known; else data-root or the default.
    QString dockerRootDir;
    // Ask `auditctl -l` first (one subprocess); tests over a fake root turn it off.
    bool useAuditctl = true;
};

// Blocking, read-only and quick (no subprocess per file): call it from a
// worker thread. Fails only when rootPrefix is not a folder; everything that
// cannot be read on the way is recorded in the facts with its cause.
Result<HostFacts> probeHost(const HostProbeOptions &options);

// Pure pieces of the probe, public for the tests.

// dockerd's argv (argv[0] excluded) into settings in daemon.json's key space:
// `--flag=value`, `--flag value`, short forms (`-H x`, `-Hx`, `-Dl info`),
// repeated list flags, Go boolean spellings (`--icc=0`).
DaemonConfig parseDockerdArguments(const QStringList &arguments);

// Adds daemon.json's settings (text already read) to `config`, which holds the
// flags; keys set both ways are kept from the flag and listed in conflicts.
// Bad JSON sets configError naming `config.configFile`.
void mergeDaemonJson(DaemonConfig &config, const QByteArray &text);

// Audit rules in auditctl's syntax (one per line, `#` comments).
QList<AuditRule> parseAuditRules(const QString &text, const QString &source);

// The rule that audits `path` (itself, or a parent directory through a tree
// watch), or nullptr.
const AuditRule *findAuditRule(const QList<AuditRule> &rules, const QString &path);

// The `[grpc] address` and top-level `state` of a containerd config.toml.
struct ContainerdConfigValues
{
    QString grpcAddress;
    QString state;
};
ContainerdConfigValues parseContainerdConfig(const QString &toml);

// Where a unix:// or fd:// host in dockerd's `hosts` puts its socket; empty
// for tcp. `socketUnitListen` is docker.socket's ListenStream (for fd://).
QString unixSocketOfHost(const QString &host, const QString &socketUnitListen);

} // namespace drydock::bench
