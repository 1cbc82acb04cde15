// SPDX-License-Identifier: GPL-3.0-or-later
// Section 3, the daemon's files: ownership and permission bits of units,
// configuration, certificates and sockets, each found on this host.
#include "check.h"
#include "checkhelpers.h"
#include "hostcheckhelpers.h"

namespace drydock::bench {

namespace {

const HostFacts &hostOf(const Snapshot &snapshot)
{
    static const HostFacts none;
    return snapshot.host ? *snapshot.host : none;
}

// A systemd unit and its drop-ins, wherever the unit folders hold them.
FileTargets unitTargets(const Snapshot &snapshot, const QString &unit)
{
    const HostFacts &host = hostOf(snapshot);
    FileTargets targets;
    const LocatedPath located = host.locate(unit);
    if (!located.path.isEmpty()) {
        targets.paths.append(located.path);
    }
    targets.paths.append(host.unitDropIns.value(unit));
    targets.noneReason = QStringLiteral("no %1 unit in the systemd unit folders").arg(unit);
    return targets;
}

FileTargets locatedTarget(const Snapshot &snapshot, const QString &role)
{
    FileTargets targets;
    const LocatedPath located = hostOf(snapshot).locate(role);
    if (!located.error.isEmpty()) {
        targets.error = located.error;
    } else if (located.path.isEmpty()) {
        targets.noneReason =
            QStringLiteral("%1 could not be located (%2)").arg(role, located.source);
    } else {
        targets.paths.append(located.path);
    }
    return targets;
}

FileTargets registryCerts(const Snapshot &snapshot)
{
    const HostFacts &host = hostOf(snapshot);
    FileTargets targets;
    targets.paths = host.registryCertFiles;
    if (targets.paths.isEmpty()) {
        targets.error = host.registryCertError;
    }
    targets.noneReason = QStringLiteral("there are no registry certificates in "
                                        "/etc/docker/certs.d");
    return targets;
}

FileTargets tlsTarget(const Snapshot &snapshot, const QString &key)
{
    const HostFacts &host = hostOf(snapshot);
    FileTargets targets;
    if (snapshot.host) {
        targets.error = settingsProblem(host);
    }
    const LocatedPath located = host.locate(key);
    if (!located.path.isEmpty()) {
        targets.paths.append(located.path);
    } else if (host.tcpHosts.isEmpty()) {
        targets.noneReason =
            QStringLiteral("TLS is not configured, and dockerd listens on local sockets only");
    } else {
        targets.noneReason = QStringLiteral("TLS is not configured (%1 unset) although dockerd "
                                            "listens on %2; see check 2.7")
                                 .arg(key, host.tcpHosts.join(QStringLiteral(", ")));
    }
    return targets;
}

FileTargets dockerSockets(const Snapshot &snapshot)
{
    const HostFacts &host = hostOf(snapshot);
    FileTargets targets;
    if (snapshot.host && !host.daemonKnown) {
        targets.error = settingsProblem(host);
    }
    targets.paths = host.dockerSockets;
    targets.noneReason = QStringLiteral("dockerd listens on no unix socket");
    return targets;
}

QList<unsigned> rootGroup()
{
    return {0};
}

// root:docker, or root:root (stricter: only root reaches the socket).
QList<unsigned> socketGroups(const Snapshot &snapshot)
{
    QList<unsigned> groups = {0};
    const HostFacts &host = hostOf(snapshot);
    if (host.dockerGroup.exists) {
        groups.append(host.dockerGroup.gid);
    }
    if (host.dockerd && host.dockerd->uid != 0) {
        groups.append(host.files.value(host.dockerSockets.value(0)).gid); // rootless: own group
    }
    return groups;
}

FileRule ownership(const char *id, const QString &what)
{
    FileRule rule;
    rule.checkId = id;
    rule.aspect = FileAspect::Ownership;
    rule.what = what;
    rule.groupIds = rootGroup();
    rule.expectedOwner = QStringLiteral("root:root");
    return rule;
}

FileRule permissions(const char *id, const QString &what, unsigned allowed)
{
    FileRule rule;
    rule.checkId = id;
    rule.aspect = FileAspect::Permissions;
    rule.what = what;
    rule.allowedMode = allowed;
    return rule;
}

const QString kService = QStringLiteral("docker.service");
const QString kSocketUnit = QStringLiteral("docker.socket");

Finding c3_1(const Snapshot &s)
{
    return judgeFiles(s, ownership("3.1", kService), unitTargets(s, kService));
}
Finding c3_2(const Snapshot &s)
{
    return judgeFiles(s, permissions("3.2", kService, 0644), unitTargets(s, kService));
}
Finding c3_3(const Snapshot &s)
{
    return judgeFiles(s, ownership("3.3", kSocketUnit), unitTargets(s, kSocketUnit));
}
Finding c3_4(const Snapshot &s)
{
    return judgeFiles(s, permissions("3.4", kSocketUnit, 0644), unitTargets(s, kSocketUnit));
}
Finding c3_5(const Snapshot &s)
{
    return judgeFiles(s, ownership("3.5", QStringLiteral("/etc/docker")),
                      locatedTarget(s, QStringLiteral("/etc/docker")));
}
Finding c3_6(const Snapshot &s)
{
    return judgeFiles(s, permissions("3.6", QStringLiteral("/etc/docker"), 0755),
                      locatedTarget(s, QStringLiteral("/etc/docker")));
}
Finding c3_7(const Snapshot &s)
{
    return judgeFiles(s, ownership("3.7", QStringLiteral("registry certificates")),
                      registryCerts(s));
}
Finding c3_8(const Snapshot &s)
{
    return judgeFiles(s, permissions("3.8", QStringLiteral("registry certificates"), 0444),
                      registryCerts(s));
}
Finding c3_9(const Snapshot &s)
{
    return judgeFiles(s, ownership("3.9", QStringLiteral("the TLS CA certificate")),
                      tlsTarget(s, QStringLiteral("tlscacert")));
}
Finding c3_10(const Snapshot &s)
{
    return judgeFiles(s, permissions("3.10", QStringLiteral("the TLS CA certificate"), 0444),
                      tlsTarget(s, QStringLiteral("tlscacert")));
}
Finding c3_11(const Snapshot &s)
{
    return judgeFiles(s, ownership("3.11", QStringLiteral("the server certificate")),
                      tlsTarget(s, QStringLiteral("tlscert")));
}
Finding c3_12(const Snapshot &s)
{
    return judgeFiles(s, permissions("3.12", QStringLiteral("the server certificate"), 0444),
                      tlsTarget(s, QStringLiteral("tlscert")));
}
Finding c3_13(const Snapshot &s)
{
    return judgeFiles(s, ownership("3.13", QStringLiteral("the server key")),
                      tlsTarget(s, QStringLiteral("tlskey")));
}
Finding c3_14(const Snapshot &s)
{
    return judgeFiles(s, permissions("3.14", QStringLiteral("the server key"), 0400),
                      tlsTarget(s, QStringLiteral("tlskey")));
}
Finding c3_15(const Snapshot &s)
{
    FileRule rule = ownership("3.15", QStringLiteral("the Docker socket"));
    rule.groupIds = socketGroups(s);
    rule.expectedOwner =
        QStringLiteral("root:%1 (or root:root)")
            .arg(hostOf(s).dockerGroup.name.isEmpty() ? QStringLiteral("docker")
                                                      : hostOf(s).dockerGroup.name);
    return judgeFiles(s, rule, dockerSockets(s));
}
Finding c3_16(const Snapshot &s)
{
    return judgeFiles(s, permissions("3.16", QStringLiteral("the Docker socket"), 0660),
                      dockerSockets(s));
}
Finding c3_17(const Snapshot &s)
{
    return judgeFiles(s, ownership("3.17", QStringLiteral("the daemon configuration file")),
                      locatedTarget(s, QStringLiteral("daemon.json")));
}
Finding c3_18(const Snapshot &s)
{
    return judgeFiles(s, permissions("3.18", QStringLiteral("the daemon configuration file"), 0644),
                      locatedTarget(s, QStringLiteral("daemon.json")));
}
Finding c3_19(const Snapshot &s)
{
    return judgeFiles(s, ownership("3.19", QStringLiteral("/etc/default/docker")),
                      locatedTarget(s, QStringLiteral("/etc/default/docker")));
}
Finding c3_20(const Snapshot &s)
{
    return judgeFiles(s, permissions("3.20", QStringLiteral("/etc/default/docker"), 0644),
                      locatedTarget(s, QStringLiteral("/etc/default/docker")));
}
Finding c3_21(const Snapshot &s)
{
    return judgeFiles(s, permissions("3.21", QStringLiteral("/etc/sysconfig/docker"), 0644),
                      locatedTarget(s, QStringLiteral("/etc/sysconfig/docker")));
}
Finding c3_22(const Snapshot &s)
{
    return judgeFiles(s, ownership("3.22", QStringLiteral("/etc/sysconfig/docker")),
                      locatedTarget(s, QStringLiteral("/etc/sysconfig/docker")));
}
Finding c3_23(const Snapshot &s)
{
    return judgeFiles(s, ownership("3.23", QStringLiteral("containerd's socket")),
                      locatedTarget(s, QStringLiteral("containerd-socket")));
}
Finding c3_24(const Snapshot &s)
{
    return judgeFiles(s, permissions("3.24", QStringLiteral("containerd's socket"), 0660),
                      locatedTarget(s, QStringLiteral("containerd-socket")));
}

} // namespace

const QList<CheckLogic> &fileChecks()
{
    static const QList<CheckLogic> checks = {
        {"3.1", c3_1},   {"3.2", c3_2},   {"3.3", c3_3},   {"3.4", c3_4},   {"3.5", c3_5},
        {"3.6", c3_6},   {"3.7", c3_7},   {"3.8", c3_8},   {"3.9", c3_9},   {"3.10", c3_10},
        {"3.11", c3_11}, {"3.12", c3_12}, {"3.13", c3_13}, {"3.14", c3_14}, {"3.15", c3_15},
        {"3.16", c3_16}, {"3.17", c3_17}, {"3.18", c3_18}, {"3.19", c3_19}, {"3.20", c3_20},
        {"3.21", c3_21}, {"3.22", c3_22}, {"3.23", c3_23}, {"3.24", c3_24},
    };
    return checks;
}

} // namespace drydock::bench
