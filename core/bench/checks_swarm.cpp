// SPDX-License-Identifier: GPL-3.0-or-later
// Section 7 of the CIS Docker Benchmark: swarm configuration, read through
// the swarm API. Not applicable while swarm mode is inactive.
#include "check.h"
#include "checkhelpers.h"

namespace drydock::bench {

namespace {

enum class Needs {
    SwarmActive,
    Manager, // the node's /swarm, /nodes, /secrets documents
};

// Why the check cannot judge this engine, as a finding; nullopt when it can.
std::optional<Finding> precondition(const Snapshot &snapshot, const char *checkId, Needs needs)
{
    const QString infoError = snapshot.collectionErrors.value(QLatin1String(kSourceInfo));
    if (!infoError.isEmpty()) {
        return errorFinding(checkId, QStringLiteral("GET /info failed: ") + infoError);
    }
    const docker::SwarmState &swarm = snapshot.info.swarm;
    if (!swarm.active()) {
        const QString state =
            swarm.localNodeState.isEmpty() ? QStringLiteral("not reported") : swarm.localNodeState;
        return notApplicable(checkId, QStringLiteral("swarm mode is inactive (LocalNodeState: ") +
                                          state + QLatin1Char(')'));
    }
    if (needs == Needs::Manager) {
        if (!swarm.controlAvailable) {
            return notApplicable(checkId, QStringLiteral("this node is a swarm worker; the swarm "
                                                         "settings are read on a manager"));
        }
        if (!snapshot.swarmError.isEmpty()) {
            return errorFinding(checkId, QStringLiteral("the swarm documents could not be read: ") +
                                             snapshot.swarmError);
        }
        if (!snapshot.swarm) {
            return errorFinding(checkId, QStringLiteral("the swarm document was not collected"));
        }
    }
    return std::nullopt;
}

Evidence setting(const QString &item, const QString &observed, const QString &expected)
{
    Evidence evidence;
    evidence.kind = QStringLiteral("setting");
    evidence.item = item;
    evidence.observed = observed;
    evidence.expected = expected;
    return evidence;
}

// 7.1: an even count of managers tolerates no more failures than one fewer,
// and Docker advises against more than seven.
Finding check_7_1(const Snapshot &snapshot)
{
    if (auto blocked = precondition(snapshot, "7.1", Needs::SwarmActive)) {
        return *blocked;
    }
    int managers = snapshot.info.swarm.managers;
    if (!snapshot.swarmNodes.isEmpty()) {
        managers = 0;
        for (const docker::SwarmNode &node : snapshot.swarmNodes) {
            managers += node.role == QLatin1String("manager") ? 1 : 0;
        }
    }
    Finding finding;
    finding.checkId = QStringLiteral("7.1");
    finding.evidence.append(setting(QStringLiteral("manager nodes"), QString::number(managers),
                                    QStringLiteral("an odd number, at most 7")));
    const bool fine = managers % 2 == 1 && managers <= 7;
    finding.verdict = fine ? Verdict::Pass : Verdict::Warn;
    finding.summary = QString::number(managers) + QStringLiteral(" manager node(s)") +
                      (fine ? QString() : QStringLiteral(": more than fault tolerance needs"));
    return finding;
}

// 7.2: what listens on the swarm ports, read from the host's socket table.
Finding check_7_2(const Snapshot &snapshot)
{
    if (auto blocked = precondition(snapshot, "7.2", Needs::SwarmActive)) {
        return *blocked;
    }
    if (!snapshot.swarmListeners) {
        if (!snapshot.engineIsLocal) {
            return notApplicable("7.2", QStringLiteral("the engine is remote: its host's "
                                                       "listening sockets cannot be read"));
        }
        return errorFinding("7.2", snapshot.swarmListenersError.isEmpty()
                                       ? QStringLiteral("the listening sockets were not read")
                                       : snapshot.swarmListenersError);
    }
    Finding finding;
    finding.checkId = QStringLiteral("7.2");
    const QString expected = QStringLiteral("bound to a specific interface (--listen-addr)");
    for (const QString &listener : *snapshot.swarmListeners) {
        const QString address = listener.section(QLatin1Char(':'), 0, -2);
        const bool wildcard = isAnyAddress(address);
        if (wildcard) {
            finding.evidence.append(
                setting(QStringLiteral("listening socket"), listener, expected));
        }
    }
    finding.verdict = finding.evidence.isEmpty() ? Verdict::Pass : Verdict::Warn;
    finding.summary = finding.evidence.isEmpty()
                          ? QStringLiteral("the swarm ports listen on specific interfaces")
                          : QStringLiteral("swarm ports listen on every interface");
    return finding;
}

Finding check_7_3(const Snapshot &snapshot)
{
    if (auto blocked = precondition(snapshot, "7.3", Needs::SwarmActive)) {
        return *blocked;
    }
    const QString error = snapshot.collectionErrors.value(QLatin1String(kSourceNetworks));
    if (!error.isEmpty()) {
        return errorFinding("7.3", QStringLiteral("the network list could not be read: ") + error);
    }
    Finding finding;
    finding.checkId = QStringLiteral("7.3");
    qsizetype overlays = 0;
    for (const docker::NetworkInfo &network : snapshot.networks) {
        if (network.driver != QLatin1String("overlay")) {
            continue;
        }
        ++overlays;
        // `--opt encrypted` stores the key with an empty value.
        const bool encrypted =
            network.options.contains(QStringLiteral("encrypted")) &&
            network.options.value(QStringLiteral("encrypted")) != QLatin1String("false");
        if (!encrypted) {
            Evidence evidence = setting(network.name, QStringLiteral("not encrypted"),
                                        QStringLiteral("--opt encrypted"));
            evidence.kind = QStringLiteral("network");
            evidence.itemId = network.id;
            finding.evidence.append(evidence);
        }
    }
    finding.verdict = finding.evidence.isEmpty() ? Verdict::Pass : Verdict::Warn;
    finding.summary = QString::number(finding.evidence.size()) + QStringLiteral(" of ") +
                      QString::number(overlays) + QStringLiteral(" overlay networks unencrypted");
    return finding;
}

Finding check_7_4(const Snapshot &snapshot)
{
    if (auto blocked = precondition(snapshot, "7.4", Needs::Manager)) {
        return *blocked;
    }
    if (!snapshot.swarmSecretCount) {
        return errorFinding("7.4", QStringLiteral("GET /secrets was not read"));
    }
    Finding finding;
    finding.checkId = QStringLiteral("7.4");
    const int count = *snapshot.swarmSecretCount;
    finding.evidence.append(setting(QStringLiteral("swarm secrets"), QString::number(count),
                                    QStringLiteral("secrets managed with docker secret")));
    finding.verdict = count > 0 ? Verdict::Pass : Verdict::Info;
    finding.summary = count > 0 ? QString::number(count) + QStringLiteral(" secrets managed by "
                                                                          "swarm")
                                : QStringLiteral("no swarm secrets: check that services take "
                                                 "their secrets from docker secret");
    return finding;
}

Finding check_7_5(const Snapshot &snapshot)
{
    if (auto blocked = precondition(snapshot, "7.5", Needs::Manager)) {
        return *blocked;
    }
    Finding finding;
    finding.checkId = QStringLiteral("7.5");
    const bool locked = snapshot.swarm->autolockManagers;
    finding.evidence.append(setting(QStringLiteral("Spec.EncryptionConfig.AutoLockManagers"),
                                    locked ? QStringLiteral("true") : QStringLiteral("false"),
                                    QStringLiteral("true")));
    finding.verdict = locked ? Verdict::Pass : Verdict::Warn;
    finding.summary = locked ? QStringLiteral("swarm managers auto-lock")
                             : QStringLiteral("swarm managers do not auto-lock");
    return finding;
}

Finding check_7_6(const Snapshot &snapshot)
{
    if (auto blocked = precondition(snapshot, "7.6", Needs::SwarmActive)) {
        return *blocked;
    }
    return manualFinding("7.6", QStringLiteral("Review that the swarm unlock key is rotated "
                                               "(docker swarm unlock-key --rotate)"));
}

Finding check_7_7(const Snapshot &snapshot)
{
    if (auto blocked = precondition(snapshot, "7.7", Needs::Manager)) {
        return *blocked;
    }
    const qint64 ns = snapshot.swarm->certExpiryNs;
    const double days = double(ns) / 86400e9;
    Finding finding = manualFinding(
        "7.7", QStringLiteral("node certificates expire after ") + QString::number(days, 'g', 4) +
                   QStringLiteral(" days: review that this suits the site's rotation policy"));
    finding.evidence.append(setting(QStringLiteral("Spec.CAConfig.NodeCertExpiry"),
                                    QString::number(days, 'g', 4) + QStringLiteral(" days"),
                                    QStringLiteral("a period the site's policy sets")));
    return finding;
}

Finding check_7_8(const Snapshot &snapshot)
{
    if (auto blocked = precondition(snapshot, "7.8", Needs::Manager)) {
        return *blocked;
    }
    const QDateTime since = snapshot.swarm->rootRotationInProgressSince;
    // GET /swarm reports only a boolean; the model keeps no start time for it.
    const nlohmann::json &raw = snapshot.swarm->raw;
    const auto flag = raw.is_object() ? raw.find("RootRotationInProgress") : raw.end();
    const bool rotating = flag != raw.end() && flag->is_boolean() && flag->get<bool>();
    Finding finding = manualFinding("7.8", QStringLiteral("Review that the swarm's CA certificate "
                                                          "is rotated (docker swarm ca "
                                                          "--rotate)"));
    QString observed = QStringLiteral("no rotation in progress");
    if (since.isValid()) {
        observed = QStringLiteral("since ") + since.toString(Qt::ISODate);
    } else if (rotating) {
        observed = QStringLiteral("in progress (RootRotationInProgress: true)");
    }
    finding.evidence.append(setting(QStringLiteral("RootRotationInProgress"), observed,
                                    QStringLiteral("rotated per the site's policy")));
    return finding;
}

Finding check_7_9(const Snapshot &snapshot)
{
    if (auto blocked = precondition(snapshot, "7.9", Needs::SwarmActive)) {
        return *blocked;
    }
    const nlohmann::json &swarm =
        snapshot.info.raw.contains("Swarm") ? snapshot.info.raw["Swarm"] : nlohmann::json();
    QString nodeAddr;
    if (swarm.is_object() && swarm.contains("NodeAddr") && swarm["NodeAddr"].is_string()) {
        nodeAddr = QString::fromStdString(swarm["NodeAddr"].get<std::string>());
    }
    Finding finding = manualFinding("7.9", QStringLiteral("Review that data traffic uses its own "
                                                          "interface (--data-path-addr) apart "
                                                          "from management traffic"));
    finding.evidence.append(
        setting(QStringLiteral("Swarm.NodeAddr"),
                nodeAddr.isEmpty() ? QStringLiteral("(not reported)") : nodeAddr,
                QStringLiteral("management and data on separate interfaces")));
    return finding;
}

} // namespace

const QList<CheckLogic> &swarmChecks()
{
    static const QList<CheckLogic> checks = {
        {"7.1", check_7_1}, {"7.2", check_7_2}, {"7.3", check_7_3},
        {"7.4", check_7_4}, {"7.5", check_7_5}, {"7.6", check_7_6},
        {"7.7", check_7_7}, {"7.8", check_7_8}, {"7.9", check_7_9},
    };
    return checks;
}

} // namespace drydock::bench
