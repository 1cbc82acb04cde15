// SPDX-License-Identifier: GPL-3.0-or-later
// Section 1, host configuration: the data root's own filesystem, the docker
// group's members, audit watches on Docker's files, and the manual checks.
#include "check.h"
#include "checkhelpers.h"
#include "hostcheckhelpers.h"
#include "hostprobe.h"

namespace drydock::bench {

namespace {

Finding separatePartition(const Snapshot &snapshot)
{
    constexpr const char *id = "1.1.1";
    if (std::optional<Finding> na = hostUnavailable(id, snapshot)) {
        return *na;
    }
    const PartitionFacts &part = snapshot.host->dataRoot;
    if (!part.dir.examined()) {
        return errorFinding(id, part.dir.error);
    }
    if (part.dir.type == FileType::Missing) {
        return errorFinding(id, QStringLiteral("The data root %1 (%2) does not exist.")
                                    .arg(part.path, part.pathSource));
    }
    if (!part.parent.examined()) {
        return errorFinding(id, part.parent.error);
    }
    // Device numbers decide: a bind mount of the same filesystem has a
    // mount point of its own but the same device as the folder above it.
    const bool separate = part.dir.device != part.parent.device;
    Evidence evidence;
    evidence.kind = QStringLiteral("file");
    evidence.item = part.path;
    evidence.observed =
        QStringLiteral("device %1, parent %2 on device %3")
            .arg(deviceText(part.dir.device), part.parent.path, deviceText(part.parent.device));
    if (!part.mountPoint.isEmpty()) {
        evidence.observed += QStringLiteral("; mounted at %1 (%2 from %3)")
                                 .arg(part.mountPoint, part.fsType, part.mountSource);
        const QString real = part.dir.realPath.isEmpty() ? part.path : part.dir.realPath;
        if (!separate && part.mountPoint == real) {
            evidence.observed += QStringLiteral(", a bind mount of the same filesystem");
        }
    } else if (!part.mountError.isEmpty()) {
        evidence.observed += QStringLiteral("; mount table unreadable: ") + part.mountError;
    }
    evidence.expected =
        QStringLiteral("a filesystem of its own (a device other than its parent's)");
    Finding finding;
    finding.checkId = QLatin1String(id);
    finding.verdict = separate ? Verdict::Pass : Verdict::Warn;
    finding.summary =
        separate
            ? QStringLiteral("%1 is on a filesystem of its own").arg(part.path)
            : QStringLiteral("%1 shares the filesystem of %2").arg(part.path, part.parent.path);
    finding.evidence = {evidence};
    return finding;
}

Finding trustedUsers(const Snapshot &snapshot)
{
    constexpr const char *id = "1.1.2";
    if (std::optional<Finding> na = hostUnavailable(id, snapshot)) {
        return *na;
    }
    const GroupFacts &group = snapshot.host->dockerGroup;
    if (!group.error.isEmpty()) {
        return errorFinding(id, group.error);
    }
    Finding finding;
    finding.checkId = QLatin1String(id);
    if (!group.exists) {
        finding.verdict = Verdict::Pass;
        finding.summary =
            QStringLiteral("there is no group %1: only root can use the socket").arg(group.name);
        Evidence evidence;
        evidence.kind = QStringLiteral("group");
        evidence.item = group.name;
        evidence.observed = QStringLiteral("not in /etc/group");
        evidence.expected = QStringLiteral("only trusted users");
        finding.evidence = {evidence};
        return finding;
    }
    QStringList users = group.members;
    for (const QString &user : group.primaryMembers) {
        if (!users.contains(user)) {
            users.append(user);
        }
    }
    if (users.isEmpty()) {
        finding.verdict = Verdict::Pass;
        finding.summary = QStringLiteral("the group %1 has no members").arg(group.name);
        Evidence evidence;
        evidence.kind = QStringLiteral("group");
        evidence.item = group.name;
        evidence.observed =
            QStringLiteral("gid %1, no member in /etc/group, primary group of no user in "
                           "/etc/passwd")
                .arg(group.gid);
        evidence.expected = QStringLiteral("only trusted users");
        finding.evidence = {evidence};
        return finding;
    }
    // Membership is root on the host; whether each user is trusted is a
    // person's judgement, so this informs rather than warns.
    finding.verdict = Verdict::Info;
    finding.summary = QStringLiteral("%1 user(s) control the daemon through the group %2: %3")
                          .arg(users.size())
                          .arg(group.name, users.join(QStringLiteral(", ")));
    for (const QString &user : std::as_const(users)) {
        Evidence evidence;
        evidence.kind = QStringLiteral("user");
        evidence.item = user;
        evidence.observed = group.members.contains(user)
                                ? QStringLiteral("member of %1 (gid %2) in /etc/group")
                                      .arg(group.name)
                                      .arg(group.gid)
                                : QStringLiteral("primary group %1 (gid %2) in /etc/passwd")
                                      .arg(group.name)
                                      .arg(group.gid);
        evidence.expected = QStringLiteral("only trusted users");
        finding.evidence.append(evidence);
    }
    return finding;
}

struct AuditTarget
{
    const char *checkId;
    const char *role; // a key of HostFacts::located
    const char *what;
};

// CIS 1.6's audit list, each file found on this host rather than assumed.
constexpr AuditTarget kAuditTargets[] = {
    {"1.1.3", "dockerd", "the dockerd binary"},
    {"1.1.4", "containerd-state", "containerd's state folder"},
    {"1.1.5", "docker-root", "Docker's data root"},
    {"1.1.6", "/etc/docker", "/etc/docker"},
    {"1.1.7", "docker.service", "the docker.service unit"},
    {"1.1.8", "containerd-socket", "containerd's socket"},
    {"1.1.9", "docker.socket", "the docker.socket unit"},
    {"1.1.10", "/etc/default/docker", "/etc/default/docker"},
    {"1.1.11", "daemon.json", "the daemon configuration file"},
    {"1.1.12", "containerd-config", "containerd's configuration file"},
    {"1.1.13", "/etc/sysconfig/docker", "/etc/sysconfig/docker"},
    {"1.1.14", "containerd", "the containerd binary"},
    {"1.1.15", "containerd-shim", "the containerd-shim binary"},
    {"1.1.16", "containerd-shim-runc-v1", "the containerd-shim-runc-v1 binary"},
    {"1.1.17", "containerd-shim-runc-v2", "the containerd-shim-runc-v2 binary"},
    {"1.1.18", "runc", "the runc binary"},
};

Finding auditCheck(const Snapshot &snapshot, const AuditTarget &target)
{
    const char *id = target.checkId;
    if (std::optional<Finding> na = hostUnavailable(id, snapshot)) {
        return *na;
    }
    const HostFacts &host = *snapshot.host;
    const QString what = QLatin1String(target.what);
    const LocatedPath located = host.locate(QLatin1String(target.role));
    if (!located.error.isEmpty()) {
        return errorFinding(id,
                            QStringLiteral("%1 could not be located: %2").arg(what, located.error));
    }
    if (located.path.isEmpty()) {
        Finding na = notApplicable(id, QStringLiteral("%1 is not on this host").arg(what));
        na.evidence.append(fileEvidence(what, QStringLiteral("not found (%1)").arg(located.source),
                                        QStringLiteral("an audit watch, when it exists")));
        return na;
    }
    const FileFacts file = host.file(located.path);
    if (!file.examined()) {
        return errorFinding(id, file.error);
    }
    if (file.type == FileType::Missing) {
        Finding na = notApplicable(id, QStringLiteral("%1 does not exist").arg(located.path));
        na.evidence.append(fileEvidence(located.path,
                                        QStringLiteral("does not exist (%1)").arg(located.source),
                                        QStringLiteral("an audit watch, when it exists")));
        return na;
    }
    const AuditFacts &audit = host.audit;
    const AuditRule *rule = findAuditRule(audit.rules, located.path);
    if (rule == nullptr && !file.realPath.isEmpty()) {
        rule = findAuditRule(audit.rules, file.realPath);
    }
    Finding finding;
    finding.checkId = QLatin1String(id);
    Evidence evidence = fileEvidence(located.path, QString(),
                                     QStringLiteral("an audit watch on it or a folder above it"));
    if (!file.realPath.isEmpty()) {
        evidence.item += QStringLiteral(" -> ") + file.realPath;
    }
    if (rule != nullptr) {
        finding.verdict = Verdict::Pass;
        finding.summary = QStringLiteral("%1 is audited").arg(located.path);
        evidence.observed = QStringLiteral("\"%1\" (%2)").arg(rule->text, rule->source);
        finding.evidence = {evidence};
        return finding;
    }
    if (!audit.error.isEmpty()) {
        Finding error = errorFinding(id, audit.error);
        error.evidence = {evidence};
        error.evidence.first().observed =
            QStringLiteral("no watch in the rules that could be read");
        return error;
    }
    finding.verdict = Verdict::Warn;
    finding.summary = QStringLiteral("%1 is not audited").arg(located.path);
    if (!audit.auditInstalled && audit.source.isEmpty()) {
        evidence.observed = QStringLiteral("no audit rules: auditd is not installed");
    } else {
        evidence.observed =
            QStringLiteral("no watch among %1 audit rules (%2)")
                .arg(audit.rules.size())
                .arg(audit.source.isEmpty() ? QStringLiteral("no rule files") : audit.source);
    }
    finding.evidence = {evidence};
    if (!audit.notes.isEmpty()) {
        finding.reason = audit.notes.join(QLatin1Char(' '));
    }
    return finding;
}

template<int Index>
Finding auditAt(const Snapshot &snapshot)
{
    return auditCheck(snapshot, kAuditTargets[Index]);
}

Finding hostHardened(const Snapshot &)
{
    return manualFinding("1.2.1",
                         QStringLiteral("review the host's hardening by hand: a minimal, "
                                        "patched OS that runs little besides the container "
                                        "engine"));
}

Finding dockerUpToDate(const Snapshot &snapshot)
{
    constexpr const char *id = "1.2.2";
    const QString versionError = snapshot.collectionErrors.value(QLatin1String(kSourceVersion));
    QString version = snapshot.version.version;
    if (version.isEmpty()) {
        version = snapshot.info.serverVersion;
    }
    if (version.isEmpty()) {
        return errorFinding(id, versionError.isEmpty()
                                    ? QStringLiteral("The engine reported no version.")
                                    : versionError);
    }
    // No network access to learn the newest release: report what runs.
    Finding finding;
    finding.checkId = QLatin1String(id);
    finding.verdict = Verdict::Info;
    finding.summary = QStringLiteral("the engine is version %1; compare it with the newest "
                                     "release of your distribution or Docker")
                          .arg(version);
    Evidence evidence;
    evidence.kind = QStringLiteral("setting");
    evidence.item = QStringLiteral("engine version");
    evidence.observed = QStringLiteral("%1 (API %2)").arg(version, snapshot.version.apiVersion);
    evidence.expected = QStringLiteral("the newest release with security fixes");
    finding.evidence = {evidence};
    for (auto it = snapshot.version.componentVersions.cbegin();
         it != snapshot.version.componentVersions.cend(); ++it) {
        Evidence component = evidence;
        component.item = it.key();
        component.observed = it.value();
        finding.evidence.append(component);
    }
    return finding;
}

} // namespace

const QList<CheckLogic> &hostChecks()
{
    static const QList<CheckLogic> checks = {
        {"1.1.1", separatePartition}, {"1.1.2", trustedUsers},   {"1.1.3", auditAt<0>},
        {"1.1.4", auditAt<1>},        {"1.1.5", auditAt<2>},     {"1.1.6", auditAt<3>},
        {"1.1.7", auditAt<4>},        {"1.1.8", auditAt<5>},     {"1.1.9", auditAt<6>},
        {"1.1.10", auditAt<7>},       {"1.1.11", auditAt<8>},    {"1.1.12", auditAt<9>},
        {"1.1.13", auditAt<10>},      {"1.1.14", auditAt<11>},   {"1.1.15", auditAt<12>},
        {"1.1.16", auditAt<13>},      {"1.1.17", auditAt<14>},   {"1.1.18", auditAt<15>},
        {"1.2.1", hostHardened},      {"1.2.2", dockerUpToDate},
    };
    return checks;
}

} // namespace drydock::bench
