// SPDX-License-Identifier: GPL-3.0-or-later
// Section 5 of the CIS Docker Benchmark: the container runtime. Numbering
// follows cis-checks.tsv (docker-bench-security 1.6.0: 5.1 is swarm mode).
#include "check.h"
#include "checkhelpers.h"
#include "hostcheckhelpers.h"

#include <QFileInfo>

namespace drydock::bench {

using docker::ContainerInspect;
using docker::PortBinding;

namespace {

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

QString listText(const QStringList &list)
{
    return QLatin1Char('[') + list.join(QLatin1Char(' ')) + QLatin1Char(']');
}

QString bindingText(const PortBinding &binding)
{
    QString ip = binding.hostIp;
    if (ip.contains(QLatin1Char(':')) && !ip.startsWith(QLatin1Char('['))) {
        ip = QLatin1Char('[') + ip + QLatin1Char(']');
    }
    if (ip.isEmpty()) {
        ip = QStringLiteral("*"); // all interfaces, IPv4 and IPv6
    }
    const QString port = binding.hostPort.isEmpty() ? QStringLiteral("(random)") : binding.hostPort;
    return ip + QLatin1Char(':') + port + QStringLiteral("->") + binding.containerPort;
}

QString bytesText(qint64 bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
        return QString::number(bytes / (1024 * 1024)) + QStringLiteral("MiB");
    }
    return QString::number(bytes) + QStringLiteral(" bytes");
}

bool infoReadable(const Snapshot &snapshot, QString *why)
{
    const QString error = snapshot.collectionErrors.value(QLatin1String(kSourceInfo));
    if (!error.isEmpty()) {
        *why = QStringLiteral("GET /info failed: ") + error;
        return false;
    }
    return true;
}

// A security module the engine reports in /info SecurityOptions, in the
// current ("name=apparmor,...") or the pre-1.13 ("apparmor") spelling.
bool engineHasSecurityModule(const Snapshot &snapshot, const QString &name)
{
    for (const QString &option : snapshot.info.securityOptions) {
        const QString first = option.section(QLatin1Char(','), 0, 0).trimmed();
        if (first == name || first == QStringLiteral("name=") + name) {
            return true;
        }
    }
    return false;
}

// What /info SecurityOptions said, for a check that depends on a module.
Evidence securityOptionsEvidence(const Snapshot &snapshot, const QString &wanted)
{
    Evidence evidence;
    evidence.kind = QStringLiteral("setting");
    evidence.item = QStringLiteral("SecurityOptions (GET /info)");
    evidence.observed = snapshot.info.securityOptions.isEmpty()
                            ? QStringLiteral("(none)")
                            : snapshot.info.securityOptions.join(QStringLiteral(", "));
    evidence.expected = QStringLiteral("contains ") + wanted + QStringLiteral(" to apply");
    return evidence;
}

// The engine's default seccomp profile from "name=seccomp,profile=X";
// nullopt when the engine reports no seccomp at all.
std::optional<QString> engineSeccompProfile(const Snapshot &snapshot)
{
    for (const QString &option : snapshot.info.securityOptions) {
        const QStringList parts = option.split(QLatin1Char(','));
        const QString first = parts.value(0).trimmed();
        if (first != QLatin1String("name=seccomp") && first != QLatin1String("seccomp")) {
            continue;
        }
        for (const QString &part : parts) {
            if (part.trimmed().startsWith(QLatin1String("profile="))) {
                return part.trimmed().mid(8);
            }
        }
        return QStringLiteral("default");
    }
    return std::nullopt;
}

Finding check_5_1(const Snapshot &snapshot)
{
    QString why;
    if (!infoReadable(snapshot, &why)) {
        return errorFinding("5.1", why);
    }
    Finding finding;
    finding.checkId = QStringLiteral("5.1");
    const QString state = snapshot.info.swarm.localNodeState;
    Evidence evidence;
    evidence.kind = QStringLiteral("setting");
    evidence.item = QStringLiteral("Swarm.LocalNodeState");
    evidence.observed = state.isEmpty() ? QStringLiteral("(not reported)") : state;
    evidence.expected = QStringLiteral("inactive, unless swarm is needed");
    finding.evidence.append(evidence);
    // "pending", "locked" and "error" are all a node that joined a swarm.
    const bool enabled = !state.isEmpty() && state != QLatin1String("inactive");
    finding.verdict = enabled ? Verdict::Warn : Verdict::Pass;
    finding.summary = enabled ? QStringLiteral("swarm mode is enabled (") + state +
                                    QStringLiteral("); confirm it is needed")
                              : QStringLiteral("swarm mode is not enabled");
    return finding;
}

// 5.2: the profile the container runs under. An empty AppArmorProfile
// means the engine applies its default at start (unconfined when
// privileged), so the effective profile is worked out, not read.
Finding check_5_2(const Snapshot &snapshot)
{
    QString why;
    if (!infoReadable(snapshot, &why)) {
        return errorFinding("5.2", why);
    }
    if (!engineHasSecurityModule(snapshot, QStringLiteral("apparmor"))) {
        Finding na = notApplicable("5.2", QStringLiteral("the engine reports no AppArmor support "
                                                         "(its host does not run AppArmor)"));
        na.evidence = {securityOptionsEvidence(snapshot, QStringLiteral("name=apparmor"))};
        return na;
    }
    ContainerRule rule;
    rule.checkId = "5.2";
    rule.offencePhrase = QStringLiteral("run without an AppArmor profile");
    rule.expected = QStringLiteral("an AppArmor profile (docker-default or a custom one)");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        const QString profile = effectiveAppArmorProfile(c);
        const QString observed =
            c.appArmorProfile.isEmpty()
                ? QString(QStringLiteral("AppArmorProfile= (applied at start: ") + profile +
                          QLatin1Char(')'))
                : QString(QStringLiteral("AppArmorProfile=") + profile);
        return Judgement{profile == QLatin1String("unconfined"), observed, {}};
    });
}

// 5.3: with SELinux enabled in the engine every container is labelled
// unless labelling is turned off for it (or it is privileged).
Finding check_5_3(const Snapshot &snapshot)
{
    QString why;
    if (!infoReadable(snapshot, &why)) {
        return errorFinding("5.3", why);
    }
    if (!engineHasSecurityModule(snapshot, QStringLiteral("selinux"))) {
        Finding na = notApplicable("5.3", QStringLiteral("the engine does not run with SELinux "
                                                         "enabled (no selinux in its security "
                                                         "options)"));
        na.evidence = {securityOptionsEvidence(snapshot, QStringLiteral("name=selinux"))};
        return na;
    }
    ContainerRule rule;
    rule.checkId = "5.3";
    rule.offencePhrase = QStringLiteral("run without SELinux confinement");
    rule.expected = QStringLiteral("SELinux labels (no label=disable, not privileged)");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        const QStringList &opts = c.hostConfig.securityOpt;
        if (c.hostConfig.privileged) {
            return Judgement{true, QStringLiteral("Privileged=true (labels disabled)"), {}};
        }
        for (const QString &option : opts) {
            const QString value = option.mid(6).trimmed();
            if (!option.startsWith(QLatin1String("label=")) &&
                !option.startsWith(QLatin1String("label:"))) {
                continue;
            }
            if (value == QLatin1String("disable") || value == QLatin1String("type:spc_t") ||
                value == QLatin1String("type:unconfined_t")) {
                return Judgement{true, QStringLiteral("SecurityOpt=") + option, {}};
            }
        }
        const QString label =
            c.processLabel.isEmpty() ? QStringLiteral("(engine default)") : c.processLabel;
        return Judgement{false, QStringLiteral("ProcessLabel=") + label, {}};
    });
}

Finding check_5_4(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.4";
    rule.offencePhrase = QStringLiteral("add capabilities beyond Docker's default set");
    rule.expected = QStringLiteral("no capability added beyond the default set");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        const QString observed = QStringLiteral("CapAdd=") + listText(c.hostConfig.capAdd) +
                                 QStringLiteral(" CapDrop=") + listText(c.hostConfig.capDrop);
        if (c.hostConfig.privileged) {
            return Judgement{true, QStringLiteral("Privileged=true (every capability)"), {}};
        }
        const QStringList extra = addedCapabilities(c.hostConfig.capAdd);
        if (!extra.isEmpty()) {
            return Judgement{true,
                             observed + QStringLiteral(" (beyond default: ") +
                                 extra.join(QLatin1Char(' ')) + QLatin1Char(')'),
                             {}};
        }
        return Judgement{false, observed, {}};
    });
}

Finding check_5_5(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.5";
    rule.offencePhrase = QStringLiteral("run privileged");
    rule.expected = QStringLiteral("Privileged=false");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        return Judgement{c.hostConfig.privileged,
                         QStringLiteral("Privileged=") + boolText(c.hostConfig.privileged),
                         {}};
    });
}

Finding check_5_6(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.6";
    rule.offencePhrase = QStringLiteral("mount sensitive host directories");
    rule.expected = QStringLiteral("no mount of /, /boot, /dev, /etc, /lib, /proc, /sys, /usr "
                                   "(read-write below them, or the directories themselves)");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        QStringList offending;
        for (const docker::Mount &mount : c.mounts) {
            if (isSensitiveMount(mount)) {
                offending.append(mountText(mount));
            }
        }
        return Judgement{!offending.isEmpty(),
                         offending.isEmpty() ? QStringLiteral("no sensitive mount")
                                             : offending.join(QStringLiteral(", ")),
                         {}};
    });
}

// 5.7: the processes are read from the host side, never by running `ps`
// inside the container (which silently passes images without ps). The
// collector reads the host's /proc first: one pass over /proc answers for
// every container and sees the same command lines `ps` shows, whereas /top
// makes dockerd run ps once per container (about 50 ms each on a 2-core
// build machine, which alone would exceed the 0.5 s budget for 100
// containers). A /proc result is used only when it holds the container's
// State.Pid; remote engines, another PID namespace or a hidepid /proc go
// through the engine's /top instead. Both land here as the same table.
Finding check_5_7(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.7";
    rule.scope = ContainerScope::Running;
    rule.offencePhrase = QStringLiteral("run sshd");
    rule.expected = QStringLiteral("no sshd process");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &s) {
        const auto table = s.processes.constFind(c.id);
        if (table == s.processes.cend()) {
            const QString error = s.processErrors.value(c.id);
            return Judgement{false,
                             {},
                             {},
                             error.isEmpty() ? QStringLiteral("its process list was not read")
                                             : QStringLiteral("GET /top failed: ") + error};
        }
        const QStringList found = sshdProcesses(*table);
        if (!found.isEmpty()) {
            return Judgement{true, found.join(QStringLiteral(", ")), {}};
        }
        return Judgement{false,
                         QString::number(table->processes.size()) +
                             QStringLiteral(" process(es), none is sshd"),
                         {}};
    });
}

Finding check_5_8(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.8";
    rule.offencePhrase = QStringLiteral("map privileged host ports (below 1024)");
    rule.expected = QStringLiteral("host ports 1024 and above");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        QStringList offending;
        QStringList all;
        for (const PortBinding &binding : publishedPorts(c)) {
            all.append(bindingText(binding));
            const std::optional<int> port = lowestHostPort(binding.hostPort);
            if (port && *port < 1024) {
                offending.append(bindingText(binding));
            }
        }
        offending.removeDuplicates();
        if (!offending.isEmpty()) {
            return Judgement{true, offending.join(QStringLiteral(", ")), {}};
        }
        return Judgement{false,
                         all.isEmpty() ? QStringLiteral("no published port")
                                       : all.join(QStringLiteral(", ")),
                         {}};
    });
}

// 5.9 needs a person to say which ports are needed; the note lists them.
Finding check_5_9(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.9";
    rule.offenceVerdict = Verdict::Note;
    rule.offencePhrase = QStringLiteral("publish ports: review that each one is needed");
    rule.expected = QStringLiteral("only the ports the service needs");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &s) {
        if (effectiveNamespaceMode(s, c, [](const ContainerInspect &x) {
                return x.hostConfig.networkMode;
            }) == QLatin1String("host")) {
            return Judgement{true,
                             QStringLiteral("NetworkMode=host: every port it listens on is open "
                                            "on the host"),
                             {}};
        }
        QStringList all;
        for (const PortBinding &binding : publishedPorts(c)) {
            all.append(bindingText(binding));
        }
        return Judgement{!all.isEmpty(),
                         all.isEmpty() ? QStringLiteral("no published port")
                                       : all.join(QStringLiteral(", ")),
                         {}};
    });
}

QString networkModeOf(const ContainerInspect &c)
{
    return c.hostConfig.networkMode;
}
QString pidModeOf(const ContainerInspect &c)
{
    return c.hostConfig.pidMode;
}
QString ipcModeOf(const ContainerInspect &c)
{
    return c.hostConfig.ipcMode;
}
QString utsModeOf(const ContainerInspect &c)
{
    return c.hostConfig.utsMode;
}

// Namespace sharing: "host", or joining a container that shares the host's.
Finding namespaceCheck(const Snapshot &snapshot, const char *checkId, const char *field,
                       QString (*mode)(const ContainerInspect &), const QString &phrase)
{
    ContainerRule rule;
    rule.checkId = checkId;
    rule.offencePhrase = phrase;
    rule.expected = QLatin1String(field) + QStringLiteral(" other than host");
    const QString fieldName = QLatin1String(field);
    return judgeContainers(snapshot, rule, [&](const ContainerInspect &c, const Snapshot &s) {
        const QString own = mode(c);
        const QString effective = effectiveNamespaceMode(s, c, mode);
        QString observed =
            fieldName + QLatin1Char('=') + (own.isEmpty() ? QStringLiteral("(default)") : own);
        if (effective == QLatin1String("host") && own != QLatin1String("host")) {
            observed += QStringLiteral(" (joins a container that uses the host's namespace)");
        }
        return Judgement{effective == QLatin1String("host"), observed, {}};
    });
}

Finding check_5_10(const Snapshot &snapshot)
{
    return namespaceCheck(snapshot, "5.10", "NetworkMode", networkModeOf,
                          QStringLiteral("share the host's network namespace"));
}

Finding check_5_11(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.11";
    rule.offencePhrase = QStringLiteral("have no memory limit");
    rule.expected = QStringLiteral("a memory limit (--memory)");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        const qint64 memory = c.hostConfig.memory;
        if (memory <= 0) {
            return Judgement{true, QStringLiteral("Memory=0 (unlimited)"), {}};
        }
        return Judgement{false, QStringLiteral("Memory=") + bytesText(memory), {}};
    });
}

// 5.12: --cpu-shares away from the default 1024 (0 means the default), or a
// CPU quota: --cpus (NanoCpus) or --cpu-quota.
Finding check_5_12(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.12";
    rule.offencePhrase = QStringLiteral("have no CPU priority or limit set");
    rule.expected = QStringLiteral("--cpu-shares other than 1024, or --cpus / --cpu-quota");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        const auto &h = c.hostConfig;
        const QString observed = QStringLiteral("CpuShares=") + QString::number(h.cpuShares) +
                                 QStringLiteral(" NanoCpus=") + QString::number(h.nanoCpus) +
                                 QStringLiteral(" CpuQuota=") + QString::number(h.cpuQuota);
        const bool sharesSet = h.cpuShares != 0 && h.cpuShares != 1024;
        const bool limited = h.nanoCpus > 0 || h.cpuQuota > 0;
        return Judgement{!sharesSet && !limited, observed, {}};
    });
}

Finding check_5_13(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.13";
    rule.offencePhrase = QStringLiteral("have a writable root filesystem");
    rule.expected = QStringLiteral("ReadonlyRootfs=true");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        return Judgement{!c.hostConfig.readonlyRootfs,
                         QStringLiteral("ReadonlyRootfs=") + boolText(c.hostConfig.readonlyRootfs),
                         {}};
    });
}

// 5.14: IPv4 and IPv6 wildcards are both flagged; an empty HostIp in a
// stopped container's PortBindings means every interface too.
Finding check_5_14(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.14";
    rule.offencePhrase = QStringLiteral("publish ports on every host interface");
    rule.expected = QStringLiteral("ports bound to a specific host address (-p 127.0.0.1:8080:80)");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        QStringList offending;
        QStringList all;
        for (const PortBinding &binding : publishedPorts(c)) {
            all.append(bindingText(binding));
            if (isAnyAddress(binding.hostIp)) {
                offending.append(bindingText(binding));
            }
        }
        if (!offending.isEmpty()) {
            return Judgement{true, offending.join(QStringLiteral(", ")), {}};
        }
        return Judgement{false,
                         all.isEmpty() ? QStringLiteral("no published port")
                                       : all.join(QStringLiteral(", ")),
                         {}};
    });
}

Finding check_5_15(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.15";
    rule.offencePhrase = QStringLiteral("restart without a retry limit of 5 or less");
    rule.expected = QStringLiteral("no restart policy, or on-failure with at most 5 retries");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        const QString policy = c.hostConfig.restartPolicy;
        const int retries = c.hostConfig.restartMaxRetries;
        if (policy.isEmpty() || policy == QLatin1String("no")) {
            return Judgement{false,
                             QStringLiteral("RestartPolicy=") +
                                 (policy.isEmpty() ? QStringLiteral("(none)") : policy),
                             {}};
        }
        if (policy == QLatin1String("on-failure")) {
            const QString observed =
                QStringLiteral("RestartPolicy=on-failure:") + QString::number(retries) +
                (retries <= 0 ? QStringLiteral(" (unlimited retries)") : QString());
            return Judgement{retries <= 0 || retries > 5, observed, {}};
        }
        // always, unless-stopped: restarts without end.
        return Judgement{true, QStringLiteral("RestartPolicy=") + policy, {}};
    });
}

Finding check_5_16(const Snapshot &snapshot)
{
    return namespaceCheck(snapshot, "5.16", "PidMode", pidModeOf,
                          QStringLiteral("share the host's process namespace"));
}

Finding check_5_17(const Snapshot &snapshot)
{
    return namespaceCheck(snapshot, "5.17", "IpcMode", ipcModeOf,
                          QStringLiteral("share the host's IPC namespace"));
}

Finding check_5_18(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.18";
    rule.offenceVerdict = Verdict::Info;
    rule.offencePhrase = QStringLiteral("have host devices: review that each one is needed");
    rule.expected = QStringLiteral("no host device, or only the needed ones with least "
                                   "permissions");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        if (c.hostConfig.privileged) {
            return Judgement{true, QStringLiteral("Privileged=true (every host device)"), {}};
        }
        QStringList devices;
        for (const docker::DeviceMapping &device : c.hostConfig.devices) {
            devices.append(device.pathOnHost + QLatin1Char(':') + device.pathInContainer +
                           QLatin1Char(':') + device.permissions);
        }
        return Judgement{!devices.isEmpty(),
                         devices.isEmpty() ? QStringLiteral("Devices=[]")
                                           : QStringLiteral("Devices=") + listText(devices),
                         {}};
    });
}

Finding check_5_19(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.19";
    rule.offenceVerdict = Verdict::Info;
    rule.offencePhrase = QStringLiteral("use the daemon's default ulimits");
    rule.expected = QStringLiteral("ulimits set for the container where the default does not fit");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        QStringList limits;
        for (const docker::Ulimit &limit : c.hostConfig.ulimits) {
            limits.append(limit.name + QLatin1Char('=') + QString::number(limit.soft) +
                          QLatin1Char(':') + QString::number(limit.hard));
        }
        return Judgement{limits.isEmpty(),
                         limits.isEmpty() ? QStringLiteral("Ulimits=[] (daemon default)")
                                          : QStringLiteral("Ulimits=") + listText(limits),
                         {}};
    });
}

Finding check_5_20(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.20";
    rule.offencePhrase = QStringLiteral("have mounts with shared propagation");
    rule.expected = QStringLiteral("propagation private/slave (not shared or rshared)");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        QStringList shared;
        for (const docker::Mount &mount : c.mounts) {
            const QString p = mount.propagation.trimmed().toLower();
            if (p == QLatin1String("shared") || p == QLatin1String("rshared")) {
                shared.append(mount.source + QLatin1Char(':') + mount.destination +
                              QStringLiteral(" propagation=") + mount.propagation);
            }
        }
        return Judgement{!shared.isEmpty(),
                         shared.isEmpty() ? QStringLiteral("no shared mount")
                                          : shared.join(QStringLiteral(", ")),
                         {}};
    });
}

Finding check_5_21(const Snapshot &snapshot)
{
    return namespaceCheck(snapshot, "5.21", "UTSMode", utsModeOf,
                          QStringLiteral("share the host's UTS namespace"));
}

// 5.22: privileged containers run without seccomp; a container without a
// seccomp option gets the engine's default profile, which the daemon may
// have set to unconfined or may not have at all.
Finding check_5_22(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.22";
    rule.offencePhrase = QStringLiteral("run without a seccomp profile");
    rule.expected = QStringLiteral("the default or a custom seccomp profile");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &s) {
        if (c.hostConfig.privileged) {
            return Judgement{true, QStringLiteral("Privileged=true (seccomp disabled)"), {}};
        }
        const std::optional<QString> own =
            securityOptValue(c.hostConfig.securityOpt, QStringLiteral("seccomp"));
        if (own) {
            if (own->trimmed() == QLatin1String("unconfined")) {
                return Judgement{true, QStringLiteral("SecurityOpt=seccomp=unconfined"), {}};
            }
            return Judgement{false, QStringLiteral("SecurityOpt=seccomp=(custom profile)"), {}};
        }
        if (s.collectionErrors.contains(QLatin1String(kSourceInfo))) {
            return Judgement{false,
                             {},
                             {},
                             QStringLiteral("the engine's default seccomp profile is unknown "
                                            "(GET /info failed)")};
        }
        const std::optional<QString> engine = engineSeccompProfile(s);
        if (!engine) {
            return Judgement{
                true, QStringLiteral("no seccomp option; the engine applies none"), {}};
        }
        if (*engine == QLatin1String("unconfined")) {
            return Judgement{true,
                             QStringLiteral("no seccomp option; the engine's default profile is "
                                            "unconfined"),
                             {}};
        }
        return Judgement{
            false, QStringLiteral("engine default profile (") + *engine + QLatin1Char(')'), {}};
    });
}

Finding check_5_23(const Snapshot &)
{
    return manualFinding("5.23", QStringLiteral("Review the engine's audit log for docker exec "
                                                "--privileged (not visible through the Engine "
                                                "API)"));
}

Finding check_5_24(const Snapshot &)
{
    return manualFinding("5.24", QStringLiteral("Review the engine's audit log for docker exec "
                                                "--user=root (not visible through the Engine "
                                                "API)"));
}

Finding check_5_25(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.25";
    rule.offencePhrase = QStringLiteral("use a custom cgroup parent: confirm it is intended");
    rule.expected = QStringLiteral("CgroupParent= (the default cgroup)");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        const QString parent = c.hostConfig.cgroupParent;
        return Judgement{!parent.isEmpty(),
                         QStringLiteral("CgroupParent=") +
                             (parent.isEmpty() ? QStringLiteral("(default)") : parent),
                         {}};
    });
}

// 5.26: the daemon-wide default (--no-new-privileges, "no-new-privileges"
// in daemon.json, or "name=no-new-privileges" in /info) applies unless the
// container turns it off with no-new-privileges=false.
Finding check_5_26(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.26";
    rule.offencePhrase = QStringLiteral("may acquire additional privileges");
    rule.expected = QStringLiteral("no-new-privileges (per container or daemon-wide)");
    bool daemonDefault = engineHasSecurityModule(snapshot, QStringLiteral("no-new-privileges"));
    QString daemonSource = daemonDefault ? QStringLiteral("GET /info SecurityOptions") : QString();
    if (!daemonDefault && snapshot.host && snapshot.host->daemonKnown) {
        const std::optional<bool> value =
            snapshot.host->daemon.boolValue(QStringLiteral("no-new-privileges"));
        if (value && *value) {
            daemonDefault = true;
            daemonSource =
                snapshot.host->daemon.settings.value(QStringLiteral("no-new-privileges")).source;
        }
    }
    Finding finding =
        judgeContainers(snapshot, rule, [&](const ContainerInspect &c, const Snapshot &) {
            const std::optional<bool> own = noNewPrivilegesOption(c.hostConfig.securityOpt);
            if (own) {
                return Judgement{
                    !*own, QStringLiteral("SecurityOpt=no-new-privileges:") + boolText(*own), {}};
            }
            if (daemonDefault) {
                return Judgement{false,
                                 QStringLiteral("daemon default (") + daemonSource +
                                     QLatin1Char(')'),
                                 {}};
            }
            return Judgement{true, QStringLiteral("no no-new-privileges option"), {}};
        });
    // Engines before 20.10 do not list the daemon-wide default in /info;
    // without dockerd's own settings such a default would go unseen.
    const bool settingsRead =
        snapshot.host && snapshot.host->daemonKnown && snapshot.host->daemon.configError.isEmpty();
    if (finding.verdict == Verdict::Warn && !daemonDefault && !settingsRead &&
        finding.reason.isEmpty()) {
        finding.reason = QStringLiteral("dockerd's own settings could not be read (%1), so a "
                                        "daemon-wide no-new-privileges that this engine does not "
                                        "report in GET /info would not be seen")
                             .arg(snapshot.host ? settingsProblem(*snapshot.host)
                                  : snapshot.hostUnavailableReason.isEmpty()
                                      ? QStringLiteral("the engine is remote")
                                      : snapshot.hostUnavailableReason);
    }
    return finding;
}

Finding check_5_27(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.27";
    rule.scope = ContainerScope::Running;
    rule.offencePhrase = QStringLiteral("have no health check");
    rule.expected = QStringLiteral("a health check (HEALTHCHECK or --health-cmd)");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        const QString status = c.state.healthStatus;
        if (status.isEmpty()) {
            const bool disabled =
                !c.config.healthcheck.test.isEmpty() && !c.config.healthcheck.present();
            return Judgement{true,
                             disabled ? QStringLiteral("health check disabled (NONE)")
                                      : QStringLiteral("no health check"),
                             {}};
        }
        return Judgement{false, QStringLiteral("Health=") + status, {}};
    });
}

Finding check_5_28(const Snapshot &)
{
    return manualFinding("5.28", QStringLiteral("Review that containers are started from the "
                                                "latest version of their image (pull before "
                                                "run, pin digests)"));
}

Finding check_5_29(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.29";
    rule.offencePhrase = QStringLiteral("have no PIDs limit");
    rule.expected = QStringLiteral("a PIDs limit above 0 (--pids-limit)");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        const std::optional<qint64> limit = c.hostConfig.pidsLimit;
        if (!limit) {
            return Judgement{true, QStringLiteral("PidsLimit=null (unlimited)"), {}};
        }
        if (*limit <= 0) {
            return Judgement{true,
                             QStringLiteral("PidsLimit=") + QString::number(*limit) +
                                 QStringLiteral(" (unlimited)"),
                             {}};
        }
        return Judgement{false, QStringLiteral("PidsLimit=") + QString::number(*limit), {}};
    });
}

// 5.30: the default bridge is found by its option, not by its name.
Finding check_5_30(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.30";
    rule.offenceVerdict = Verdict::Info;
    rule.offencePhrase = QStringLiteral("use the default bridge network");
    rule.expected = QStringLiteral("a user-defined network");
    QString defaultBridge = QStringLiteral("bridge");
    for (const docker::NetworkInfo &network : snapshot.networks) {
        if (network.options.value(QStringLiteral("com.docker.network.bridge.default_bridge")) ==
            QLatin1String("true")) {
            defaultBridge = network.name;
            break;
        }
    }
    return judgeContainers(snapshot, rule, [&](const ContainerInspect &c, const Snapshot &s) {
        QStringList names;
        for (const docker::NetworkAttachment &attachment : c.networks) {
            names.append(attachment.network);
        }
        // A container in another's network namespace is on that one's
        // networks (followed a few hops).
        const ContainerInspect *owner = &c;
        for (int hop = 0; hop < 8 && names.isEmpty() &&
                          owner->hostConfig.networkMode.startsWith(QLatin1String("container:"));
             ++hop) {
            const ContainerInspect *joined =
                findContainer(s, owner->hostConfig.networkMode.mid(10));
            if (joined == nullptr) {
                break;
            }
            owner = joined;
            for (const docker::NetworkAttachment &attachment : joined->networks) {
                names.append(attachment.network);
            }
        }
        bool onDefault = names.contains(defaultBridge);
        if (owner != &c && !names.isEmpty()) {
            names.append(QStringLiteral("through ") + c.hostConfig.networkMode);
        }
        if (names.isEmpty()) {
            const QString mode = owner->hostConfig.networkMode;
            onDefault = mode == QLatin1String("default") || mode == defaultBridge;
            names.append(QStringLiteral("NetworkMode=") + c.hostConfig.networkMode);
        }
        return Judgement{onDefault, QStringLiteral("Networks=") + listText(names), {}};
    });
}

Finding check_5_31(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.31";
    rule.offencePhrase = QStringLiteral("share the host's user namespace (--userns=host)");
    rule.expected = QStringLiteral("UsernsMode other than host");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        const QString mode = c.hostConfig.usernsMode;
        return Judgement{mode == QLatin1String("host"),
                         QStringLiteral("UsernsMode=") +
                             (mode.isEmpty() ? QStringLiteral("(default)") : mode),
                         {}};
    });
}

// 5.32: the engine's socket under any spelling (/var/run is /run), the
// socket this scan talks to, and any folder above it.
Finding check_5_32(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "5.32";
    rule.offencePhrase = QStringLiteral("mount the Docker socket");
    rule.expected = QStringLiteral("no mount of the Docker socket or a folder holding it");
    const QStringList sockets = dockerSocketPaths(snapshot);
    return judgeContainers(snapshot, rule, [&](const ContainerInspect &c, const Snapshot &) {
        QStringList offending;
        for (const docker::Mount &mount : c.mounts) {
            if (mountExposesSocket(mount, sockets)) {
                offending.append(mountText(mount));
            }
        }
        return Judgement{!offending.isEmpty(),
                         offending.isEmpty() ? QStringLiteral("no socket mount")
                                             : offending.join(QStringLiteral(", ")),
                         {}};
    });
}

} // namespace

QString effectiveAppArmorProfile(const ContainerInspect &container)
{
    if (!container.appArmorProfile.isEmpty()) {
        return container.appArmorProfile;
    }
    const std::optional<QString> option =
        securityOptValue(container.hostConfig.securityOpt, QStringLiteral("apparmor"));
    if (option && !option->isEmpty()) {
        return *option;
    }
    return container.hostConfig.privileged ? QStringLiteral("unconfined")
                                           : QStringLiteral("docker-default");
}

QStringList addedCapabilities(const QStringList &capAdd)
{
    QStringList extra;
    for (const QString &cap : capAdd) {
        const QString name = normaliseCapability(cap);
        if (!name.isEmpty() && !defaultCapabilities().contains(name)) {
            extra.append(name);
        }
    }
    extra.removeDuplicates();
    return extra;
}

QString mountText(const docker::Mount &mount)
{
    const QString source = mount.source.isEmpty() ? mount.name : mount.source;
    return source + QLatin1Char(':') + mount.destination +
           (mount.rw ? QStringLiteral(" (rw)") : QStringLiteral(" (ro)"));
}

bool isSensitiveMount(const docker::Mount &mount)
{
    if (mount.type != QLatin1String("bind") && !mount.type.isEmpty()) {
        return false; // volumes live under the engine's own folder; tmpfs has no source
    }
    const QString source = canonicalHostPath(mount.source);
    if (source.isEmpty()) {
        return false;
    }
    // /bin, /sbin and /lib64 are /usr on merged-/usr systems (Debian 12).
    static const QStringList sensitive = {
        QStringLiteral("/boot"),  QStringLiteral("/dev"),   QStringLiteral("/etc"),
        QStringLiteral("/lib"),   QStringLiteral("/proc"),  QStringLiteral("/sys"),
        QStringLiteral("/usr"),   QStringLiteral("/bin"),   QStringLiteral("/sbin"),
        QStringLiteral("/lib32"), QStringLiteral("/lib64"), QStringLiteral("/libx32"),
    };
    if (source == QLatin1String("/")) {
        return true;
    }
    for (const QString &dir : sensitive) {
        if (source == dir) {
            return true; // the whole folder, read-only or not
        }
        if (mount.rw && pathWithin(source, dir)) {
            return true; // writable below it
        }
    }
    return false;
}

QStringList sshdProcesses(const docker::ProcessTable &table)
{
    int column = table.column(QStringLiteral("CMD"));
    if (column < 0) {
        column = table.column(QStringLiteral("COMMAND"));
    }
    if (column < 0) {
        column = int(table.titles.size()) - 1; // ps puts the command last
    }
    QStringList found;
    for (const QStringList &row : table.processes) {
        const QString command = row.value(column).trimmed();
        const QString program = command.section(QLatin1Char(' '), 0, 0);
        const QString base = program.section(QLatin1Char('/'), -1);
        // "/usr/sbin/sshd -D", "sshd: /usr/sbin/sshd -D [listener]", "sshd: alice@pts/0".
        if (base == QLatin1String("sshd") || base.startsWith(QLatin1String("sshd:"))) {
            found.append(command);
        }
    }
    return found;
}

std::optional<bool> noNewPrivilegesOption(const QStringList &securityOpt)
{
    const std::optional<QString> value =
        securityOptValue(securityOpt, QStringLiteral("no-new-privileges"));
    if (!value) {
        return std::nullopt;
    }
    return parseGoBool(value->trimmed());
}

QStringList dockerSocketPaths(const Snapshot &snapshot)
{
    QStringList paths = {QStringLiteral("/run/docker.sock")};
    if (snapshot.endpoint.startsWith(QLatin1String("unix://"))) {
        paths.append(canonicalHostPath(snapshot.endpoint.mid(7)));
    }
    if (snapshot.host) {
        const QString located = snapshot.host->locate(QStringLiteral("docker-socket")).path;
        if (!located.isEmpty()) {
            paths.append(canonicalHostPath(located));
        }
    }
    paths.removeAll(QString());
    paths.removeDuplicates();
    return paths;
}

bool mountExposesSocket(const docker::Mount &mount, const QStringList &sockets)
{
    if (mount.type != QLatin1String("bind") && !mount.type.isEmpty()) {
        return false;
    }
    const QString source = canonicalHostPath(mount.source);
    if (source.isEmpty()) {
        return false;
    }
    // Another engine's socket (rootless, Podman) under any folder.
    const QString base = QFileInfo(source).fileName();
    if (base == QLatin1String("docker.sock") || base == QLatin1String("podman.sock")) {
        return true;
    }
    for (const QString &socket : sockets) {
        if (pathWithin(socket, source)) {
            return true;
        }
    }
    return false;
}

const QList<CheckLogic> &containerChecks()
{
    static const QList<CheckLogic> checks = {
        {"5.1", check_5_1},   {"5.2", check_5_2},   {"5.3", check_5_3},   {"5.4", check_5_4},
        {"5.5", check_5_5},   {"5.6", check_5_6},   {"5.7", check_5_7},   {"5.8", check_5_8},
        {"5.9", check_5_9},   {"5.10", check_5_10}, {"5.11", check_5_11}, {"5.12", check_5_12},
        {"5.13", check_5_13}, {"5.14", check_5_14}, {"5.15", check_5_15}, {"5.16", check_5_16},
        {"5.17", check_5_17}, {"5.18", check_5_18}, {"5.19", check_5_19}, {"5.20", check_5_20},
        {"5.21", check_5_21}, {"5.22", check_5_22}, {"5.23", check_5_23}, {"5.24", check_5_24},
        {"5.25", check_5_25}, {"5.26", check_5_26}, {"5.27", check_5_27}, {"5.28", check_5_28},
        {"5.29", check_5_29}, {"5.30", check_5_30}, {"5.31", check_5_31}, {"5.32", check_5_32},
    };
    return checks;
}

} // namespace drydock::bench
