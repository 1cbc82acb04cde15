// SPDX-License-Identifier: GPL-3.0-or-later
// Section 2, the daemon's configuration: GET /info where the engine tells,
// dockerd's effective settings (flags merged with daemon.json) where only
// the host knows.
#include "check.h"
#include "checkhelpers.h"
#include "hostcheckhelpers.h"

#include <QSet>

#include <algorithm>

namespace drydock::bench {

namespace {

Evidence apiEvidence(const QString &field, const QString &observed, const QString &expected)
{
    Evidence evidence;
    evidence.kind = QStringLiteral("setting");
    evidence.item = field;
    evidence.observed = observed;
    evidence.expected = expected;
    return evidence;
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

// GET /info could not be read: its error, else empty.
QString infoError(const Snapshot &snapshot)
{
    return snapshot.collectionErrors.value(QLatin1String(kSourceInfo));
}

// The host's settings when they can be used, else nullptr.
const DaemonConfig *usableSettings(const Snapshot &snapshot)
{
    if (!snapshot.host || !settingsProblem(*snapshot.host).isEmpty()) {
        return nullptr;
    }
    return &snapshot.host->daemon;
}

// Why a check that needs the host's settings cannot run: not applicable
// without host facts, error when they could not be read.
Finding withoutSettings(const char *id, const Snapshot &snapshot, const QString &apiNote)
{
    if (!snapshot.host) {
        Finding na = *hostUnavailable(id, snapshot);
        if (!apiNote.isEmpty()) {
            na.reason += QStringLiteral("; ") + apiNote;
        }
        return na;
    }
    return errorFinding(id, settingsProblem(*snapshot.host));
}

Finding verdictOf(const char *id, Verdict verdict, const QString &summary,
                  QList<Evidence> evidence = {})
{
    Finding finding;
    finding.checkId = QLatin1String(id);
    finding.verdict = verdict;
    finding.summary = summary;
    finding.evidence = std::move(evidence);
    return finding;
}

Finding rootless(const Snapshot &snapshot)
{
    constexpr const char *id = "2.1";
    const bool apiKnown = infoError(snapshot).isEmpty();
    const bool hostKnown = snapshot.host && snapshot.host->dockerd.has_value();
    if (!apiKnown && !hostKnown) {
        return errorFinding(id, infoError(snapshot));
    }
    QList<Evidence> evidence;
    bool isRootless = false;
    if (apiKnown) {
        isRootless = snapshot.info.rootless();
        evidence.append(apiEvidence(QStringLiteral("SecurityOptions (GET /info)"),
                                    snapshot.info.securityOptions.join(QStringLiteral(", ")),
                                    QStringLiteral("contains name=rootless")));
    }
    if (hostKnown) {
        const ProcessFacts &dockerd = *snapshot.host->dockerd;
        isRootless = isRootless || dockerd.uid != 0;
        Evidence process;
        process.kind = QStringLiteral("process");
        process.item = QStringLiteral("dockerd (pid %1)").arg(dockerd.pid);
        process.observed = QStringLiteral("uid %1").arg(dockerd.uid);
        process.expected = QStringLiteral("a non-root user");
        evidence.append(process);
    }
    // Not scored: rootless mode limits features, so it is advice, not a fault.
    return isRootless
               ? verdictOf(id, Verdict::Pass, QStringLiteral("the daemon runs rootless"), evidence)
               : verdictOf(id, Verdict::Info, QStringLiteral("the daemon runs as root"), evidence);
}

Finding interContainerTraffic(const Snapshot &snapshot)
{
    constexpr const char *id = "2.2";
    const DaemonConfig *settings = usableSettings(snapshot);
    const QString networksError = snapshot.collectionErrors.value(QLatin1String(kSourceNetworks));
    QList<Evidence> evidence;
    if (settings != nullptr) {
        evidence.append(settingEvidence(*settings, QStringLiteral("icc"), QStringLiteral("true"),
                                        QStringLiteral("false")));
    }
    // Every Linux engine has at least the host and none networks: an empty
    // list means the list was not collected, not that there is no bridge.
    const bool networksKnown = networksError.isEmpty() && !snapshot.networks.isEmpty();
    if (networksKnown) {
        const auto bridge = std::find_if(
            snapshot.networks.begin(), snapshot.networks.end(), [](const docker::NetworkInfo &n) {
                return n.name == QLatin1String("bridge") && n.driver == QLatin1String("bridge");
            });
        if (bridge == snapshot.networks.end()) {
            Finding na = notApplicable(id, QStringLiteral("the engine has no default bridge "
                                                          "network (bridge: none)"));
            na.evidence = evidence;
            return na;
        }
        // What the engine applied is what counts; daemon.json may have
        // changed since dockerd started.
        const QString key = QStringLiteral("com.docker.network.bridge.enable_icc");
        const QString icc = bridge->options.value(key);
        const bool restricted = parseGoBool(icc) == false;
        Evidence network;
        network.kind = QStringLiteral("network");
        network.item = QStringLiteral("bridge");
        network.itemId = bridge->id;
        network.observed = icc.isEmpty() ? QStringLiteral("%1 unset (default: true)").arg(key)
                                         : QStringLiteral("%1=%2").arg(key, icc);
        network.expected = key + QStringLiteral("=false");
        evidence.prepend(network);
        return restricted ? verdictOf(id, Verdict::Pass,
                                      QStringLiteral("containers on the default bridge cannot "
                                                     "talk to each other"),
                                      evidence)
                          : verdictOf(id, Verdict::Warn,
                                      QStringLiteral("containers on the default bridge can "
                                                     "talk to each other"),
                                      evidence);
    }
    const QString networksProblem =
        networksError.isEmpty()
            ? QStringLiteral("The network list was not collected, so the bridge's applied "
                             "options are unknown.")
            : QStringLiteral("The network list could not be read: ") + networksError;
    if (settings == nullptr) {
        return snapshot.host ? errorFinding(id, networksProblem + QLatin1Char(' ') +
                                                    settingsProblem(*snapshot.host))
                             : errorFinding(id, networksProblem);
    }
    if (settings->stringValue(QStringLiteral("bridge")) == QLatin1String("none")) {
        return notApplicable(id, QStringLiteral("the default bridge is disabled (bridge: none)"));
    }
    const bool restricted = settings->boolValue(QStringLiteral("icc")) == false;
    Finding finding = verdictOf(
        id, restricted ? Verdict::Pass : Verdict::Warn,
        restricted ? QStringLiteral("icc is off") : QStringLiteral("icc is on"), evidence);
    finding.reason = networksProblem + QStringLiteral(" Judged from dockerd's settings.");
    return finding;
}

Finding logLevel(const Snapshot &snapshot)
{
    constexpr const char *id = "2.3";
    const bool apiDebug = infoError(snapshot).isEmpty() && snapshot.info.debug;
    const DaemonConfig *settings = usableSettings(snapshot);
    QList<Evidence> evidence;
    if (apiDebug) {
        evidence.append(apiEvidence(QStringLiteral("Debug (GET /info)"), QStringLiteral("true"),
                                    QStringLiteral("false")));
    }
    if (settings == nullptr) {
        if (apiDebug) {
            return verdictOf(id, Verdict::Warn, QStringLiteral("the daemon logs at debug level"),
                             evidence);
        }
        return withoutSettings(id, snapshot,
                               QStringLiteral("the API tells only whether debug is on"));
    }
    const QString level = settings->stringValue(QStringLiteral("log-level"));
    const bool debug = settings->boolValue(QStringLiteral("debug")).value_or(false);
    evidence.append(settingEvidence(*settings, QStringLiteral("log-level"), QStringLiteral("info"),
                                    QStringLiteral("info")));
    if (debug) {
        evidence.append(settingEvidence(*settings, QStringLiteral("debug"), QStringLiteral("false"),
                                        QStringLiteral("false")));
    }
    const bool ok =
        !apiDebug && !debug &&
        (level.isEmpty() || level.compare(QLatin1String("info"), Qt::CaseInsensitive) == 0);
    return ok ? verdictOf(id, Verdict::Pass, QStringLiteral("the log level is info"), evidence)
              : verdictOf(id, Verdict::Warn,
                          QStringLiteral("the log level is %1")
                              .arg(debug || apiDebug ? QStringLiteral("debug") : level),
                          evidence);
}

Finding iptables(const Snapshot &snapshot)
{
    constexpr const char *id = "2.4";
    const DaemonConfig *settings = usableSettings(snapshot);
    if (settings == nullptr) {
        return withoutSettings(id, snapshot, QStringLiteral("the API does not report it"));
    }
    const bool on = settings->boolValue(QStringLiteral("iptables")).value_or(true);
    QList<Evidence> evidence = {settingEvidence(*settings, QStringLiteral("iptables"),
                                                QStringLiteral("true"), QStringLiteral("true"))};
    return on ? verdictOf(id, Verdict::Pass, QStringLiteral("dockerd manages iptables"), evidence)
              : verdictOf(id, Verdict::Warn, QStringLiteral("dockerd may not change iptables"),
                          evidence);
}

// A registry reached over loopback cannot be intercepted on the network.
bool isLoopbackCidr(const QString &cidr)
{
    const QString address = cidr.section(QLatin1Char('/'), 0, 0);
    const int prefix =
        cidr.contains(QLatin1Char('/')) ? cidr.section(QLatin1Char('/'), 1).toInt() : -1;
    if (address.startsWith(QLatin1String("127."))) {
        return prefix < 0 || prefix >= 8;
    }
    if (address == QLatin1String("::1") || address.startsWith(QLatin1String("::ffff:127."))) {
        return prefix < 0 || prefix == 128 || (address != QLatin1String("::1") && prefix >= 104);
    }
    return false;
}

bool isLoopbackRegistry(const QString &name)
{
    QString host = name;
    if (host.startsWith(QLatin1Char('['))) {
        host = host.mid(1, host.indexOf(QLatin1Char(']')) - 1);
    } else if (host.count(QLatin1Char(':')) == 1) {
        host = host.section(QLatin1Char(':'), 0, 0);
    }
    return host == QLatin1String("localhost") || isLoopbackCidr(host);
}

Finding insecureRegistries(const Snapshot &snapshot)
{
    constexpr const char *id = "2.5";
    const bool apiKnown = infoError(snapshot).isEmpty();
    const DaemonConfig *settings = usableSettings(snapshot);
    if (!apiKnown && settings == nullptr) {
        return snapshot.host ? errorFinding(id, infoError(snapshot) + QLatin1Char(' ') +
                                                    settingsProblem(*snapshot.host))
                             : errorFinding(id, infoError(snapshot));
    }
    QList<Evidence> offending;
    QList<Evidence> exempt;
    QSet<QString> seen;
    const auto consider = [&](const QString &entry, const QString &where, bool cidr) {
        if (seen.contains(entry)) {
            return;
        }
        seen.insert(entry);
        const bool loopback = cidr ? isLoopbackCidr(entry) : isLoopbackRegistry(entry);
        Evidence evidence;
        evidence.kind = QStringLiteral("registry");
        evidence.item = entry;
        evidence.expected = QStringLiteral("TLS-verified registries only");
        if (entry == QLatin1String("127.0.0.0/8")) {
            evidence.observed = QStringLiteral("insecure (%1); the engine adds this loopback "
                                               "range itself")
                                    .arg(where);
        } else if (loopback) {
            evidence.observed = QStringLiteral("insecure (%1); loopback only, not reachable "
                                               "from the network")
                                    .arg(where);
        } else {
            evidence.observed = QStringLiteral("insecure (%1)").arg(where);
        }
        (loopback ? exempt : offending).append(evidence);
    };
    if (apiKnown) {
        for (const QString &cidr : snapshot.info.insecureRegistryCidrs) {
            consider(cidr, QStringLiteral("RegistryConfig.InsecureRegistryCIDRs"), true);
        }
        for (const QString &name : snapshot.info.insecureRegistryNames) {
            consider(name, QStringLiteral("RegistryConfig.IndexConfigs, Secure=false"), false);
        }
    }
    if (settings != nullptr) {
        const DaemonSetting *setting = settings->setting(QStringLiteral("insecure-registries"));
        for (const QString &entry : settings->listValue(QStringLiteral("insecure-registries"))) {
            consider(entry, setting->source, entry.contains(QLatin1Char('/')));
        }
    }
    if (!offending.isEmpty()) {
        return verdictOf(
            id, Verdict::Warn,
            QStringLiteral("%1 insecure registr%2 configured")
                .arg(offending.size())
                .arg(offending.size() == 1 ? QStringLiteral("y is") : QStringLiteral("ies are")),
            offending + exempt);
    }
    return verdictOf(id, Verdict::Pass, QStringLiteral("no insecure registry beyond loopback"),
                     exempt);
}

Finding aufs(const Snapshot &snapshot)
{
    constexpr const char *id = "2.6";
    if (!infoError(snapshot).isEmpty()) {
        return errorFinding(id, infoError(snapshot));
    }
    const QString driver = snapshot.info.driver;
    QList<Evidence> evidence = {
        apiEvidence(QStringLiteral("Driver (GET /info)"), driver, QStringLiteral("not aufs"))};
    return driver == QLatin1String("aufs")
               ? verdictOf(id, Verdict::Warn, QStringLiteral("the aufs storage driver is in use"),
                           evidence)
               : verdictOf(id, Verdict::Pass,
                           QStringLiteral("the storage driver is %1").arg(driver), evidence);
}

Finding tlsAuthentication(const Snapshot &snapshot)
{
    constexpr const char *id = "2.7";
    const DaemonConfig *settings = usableSettings(snapshot);
    // Engines say so in /info's warnings when the API is open without TLS.
    QStringList apiWarnings;
    if (infoError(snapshot).isEmpty() && snapshot.info.raw.is_object() &&
        snapshot.info.raw.contains("Warnings") && snapshot.info.raw["Warnings"].is_array()) {
        for (const nlohmann::json &warning : snapshot.info.raw["Warnings"]) {
            const QString text = warning.is_string()
                                     ? QString::fromStdString(warning.get<std::string>())
                                     : QString();
            if (text.contains(QLatin1String("without encryption")) ||
                text.contains(QLatin1String("--tlsverify"))) {
                apiWarnings.append(text);
            }
        }
    }
    QList<Evidence> evidence;
    for (const QString &warning : std::as_const(apiWarnings)) {
        evidence.append(apiEvidence(QStringLiteral("Warnings (GET /info)"), warning,
                                    QStringLiteral("no unencrypted or unverified TCP listener")));
    }
    if (settings == nullptr) {
        if (!apiWarnings.isEmpty()) {
            return verdictOf(id, Verdict::Warn,
                             QStringLiteral("the API is reachable over TCP without TLS "
                                            "client verification"),
                             evidence);
        }
        return withoutSettings(id, snapshot,
                               QStringLiteral("the API does not tell whether clients must "
                                              "present certificates"));
    }
    const HostFacts &host = *snapshot.host;
    if (host.tcpHosts.isEmpty()) {
        Finding na = notApplicable(id, QStringLiteral("dockerd listens on local sockets only (%1)")
                                           .arg(host.dockerSockets.join(QStringLiteral(", "))));
        na.evidence = {settingEvidence(*settings, QStringLiteral("hosts"),
                                       QStringLiteral("unix:///var/run/docker.sock"),
                                       QStringLiteral("no tcp:// without TLS verification"))};
        return na;
    }
    // --tlsverify's default comes from DOCKER_TLS_VERIFY in dockerd's environment.
    std::optional<bool> verify = settings->boolValue(QStringLiteral("tlsverify"));
    if (!verify && host.dockerd &&
        !host.dockerd->environment.value(QStringLiteral("DOCKER_TLS_VERIFY")).isEmpty()) {
        verify = true;
    }
    evidence.append(settingEvidence(*settings, QStringLiteral("hosts"), QString(),
                                    QStringLiteral("tcp:// only with TLS verification")));
    evidence.append(settingEvidence(*settings, QStringLiteral("tlsverify"), QStringLiteral("false"),
                                    QStringLiteral("true")));
    QStringList missing;
    for (const QString &key :
         {QStringLiteral("tlscacert"), QStringLiteral("tlscert"), QStringLiteral("tlskey")}) {
        const LocatedPath located = host.locate(key);
        Evidence file = fileEvidence(
            key,
            located.path.isEmpty() ? QStringLiteral("unset")
                                   : QStringLiteral("%1 (%2)").arg(located.path, located.source),
            QStringLiteral("an existing file"));
        if (located.path.isEmpty() || !host.file(located.path).exists()) {
            missing.append(key);
        }
        evidence.append(file);
    }
    if (verify.value_or(false) && missing.isEmpty()) {
        return verdictOf(id, Verdict::Pass,
                         QStringLiteral("TCP listeners require client certificates"), evidence);
    }
    const QString why =
        !verify.value_or(false)
            ? QStringLiteral("without client certificate verification")
            : QStringLiteral("but %1 missing").arg(missing.join(QStringLiteral(", ")));
    return verdictOf(id, Verdict::Warn,
                     QStringLiteral("dockerd listens on %1 %2")
                         .arg(host.tcpHosts.join(QStringLiteral(", ")), why),
                     evidence);
}

Finding defaultUlimit(const Snapshot &snapshot)
{
    constexpr const char *id = "2.8";
    const DaemonConfig *settings = usableSettings(snapshot);
    if (settings == nullptr) {
        return withoutSettings(id, snapshot, QStringLiteral("the API does not report it"));
    }
    const DaemonSetting *ulimits = settings->setting(QStringLiteral("default-ulimits"));
    QList<Evidence> evidence = {settingEvidence(*settings, QStringLiteral("default-ulimits"),
                                                QStringLiteral("none"),
                                                QStringLiteral("limits suited to the host"))};
    if (ulimits != nullptr && ulimits->value.is_object() && !ulimits->value.empty()) {
        return verdictOf(id, Verdict::Pass, QStringLiteral("default ulimits are set"), evidence);
    }
    return verdictOf(id, Verdict::Info, QStringLiteral("no default ulimits are set"), evidence);
}

Finding userNamespaces(const Snapshot &snapshot)
{
    constexpr const char *id = "2.9";
    const bool apiKnown = infoError(snapshot).isEmpty();
    const DaemonConfig *settings = usableSettings(snapshot);
    QList<Evidence> evidence;
    if (settings != nullptr) {
        evidence.append(settingEvidence(*settings, QStringLiteral("userns-remap"),
                                        QStringLiteral("none"),
                                        QStringLiteral("default or a user")));
    }
    if (apiKnown) {
        evidence.prepend(apiEvidence(QStringLiteral("SecurityOptions (GET /info)"),
                                     snapshot.info.securityOptions.join(QStringLiteral(", ")),
                                     QStringLiteral("contains name=userns")));
        if (snapshot.info.hasSecurityOption(QStringLiteral("userns"))) {
            return verdictOf(id, Verdict::Pass, QStringLiteral("user namespace remapping is on"),
                             evidence);
        }
        if (snapshot.info.rootless()) {
            return verdictOf(id, Verdict::Pass,
                             QStringLiteral("rootless mode runs every container in the "
                                            "daemon's user namespace"),
                             evidence);
        }
        return verdictOf(id, Verdict::Warn, QStringLiteral("user namespace remapping is off"),
                         evidence);
    }
    if (settings == nullptr) {
        return errorFinding(id, infoError(snapshot));
    }
    const bool on = !settings->stringValue(QStringLiteral("userns-remap")).isEmpty();
    return verdictOf(id, on ? Verdict::Pass : Verdict::Warn,
                     on ? QStringLiteral("user namespace remapping is configured")
                        : QStringLiteral("user namespace remapping is off"),
                     evidence);
}

Finding cgroupParent(const Snapshot &snapshot)
{
    constexpr const char *id = "2.10";
    const DaemonConfig *settings = usableSettings(snapshot);
    if (settings == nullptr) {
        return withoutSettings(id, snapshot, QStringLiteral("the API does not report it"));
    }
    QList<Evidence> evidence = {settingEvidence(*settings, QStringLiteral("cgroup-parent"),
                                                QStringLiteral("the engine's own"),
                                                QStringLiteral("unset, or confirmed by a person"))};
    if (settings->has(QStringLiteral("cgroup-parent"))) {
        return verdictOf(id, Verdict::Info,
                         QStringLiteral("a default cgroup parent is set; confirm it is intended"),
                         evidence);
    }
    return verdictOf(id, Verdict::Pass, QStringLiteral("the default cgroup is used"), evidence);
}

Finding baseDeviceSize(const Snapshot &snapshot)
{
    constexpr const char *id = "2.11";
    const bool apiKnown = infoError(snapshot).isEmpty();
    if (apiKnown && snapshot.info.driver != QLatin1String("devicemapper")) {
        return notApplicable(id, QStringLiteral("the storage driver is %1; a base device size "
                                                "exists only with devicemapper")
                                     .arg(snapshot.info.driver));
    }
    const DaemonConfig *settings = usableSettings(snapshot);
    if (settings == nullptr) {
        return withoutSettings(id, snapshot, QStringLiteral("the API does not report it"));
    }
    QStringList changed;
    for (const QString &opt : settings->listValue(QStringLiteral("storage-opts"))) {
        if (opt.trimmed().startsWith(QLatin1String("dm.basesize"), Qt::CaseInsensitive)) {
            changed.append(opt);
        }
    }
    QList<Evidence> evidence = {settingEvidence(*settings, QStringLiteral("storage-opts"),
                                                QStringLiteral("none"),
                                                QStringLiteral("no dm.basesize"))};
    return changed.isEmpty()
               ? verdictOf(id, Verdict::Pass, QStringLiteral("the base device size is the default"),
                           evidence)
               : verdictOf(id, Verdict::Warn,
                           QStringLiteral("the base device size is changed: %1")
                               .arg(changed.join(QStringLiteral(", "))),
                           evidence);
}

Finding authorization(const Snapshot &snapshot)
{
    constexpr const char *id = "2.12";
    const bool apiKnown = infoError(snapshot).isEmpty();
    const DaemonConfig *settings = usableSettings(snapshot);
    QList<Evidence> evidence;
    QStringList plugins;
    if (apiKnown) {
        plugins = snapshot.info.authorizationPlugins;
        evidence.append(apiEvidence(QStringLiteral("Plugins.Authorization (GET /info)"),
                                    plugins.isEmpty() ? QStringLiteral("none")
                                                      : plugins.join(QStringLiteral(", ")),
                                    QStringLiteral("an authorization plugin")));
    }
    if (settings != nullptr) {
        evidence.append(settingEvidence(*settings, QStringLiteral("authorization-plugins"),
                                        QStringLiteral("none"),
                                        QStringLiteral("an authorization plugin")));
        if (!apiKnown) {
            plugins = settings->listValue(QStringLiteral("authorization-plugins"));
        }
    }
    if (!apiKnown && settings == nullptr) {
        return errorFinding(id, infoError(snapshot));
    }
    return plugins.isEmpty()
               ? verdictOf(id, Verdict::Warn,
                           QStringLiteral("no authorization plugin: every client with access "
                                          "to the API may do anything"),
                           evidence)
               : verdictOf(id, Verdict::Pass,
                           QStringLiteral("authorization plugins: %1")
                               .arg(plugins.join(QStringLiteral(", "))),
                           evidence);
}

Finding remoteLogging(const Snapshot &snapshot)
{
    constexpr const char *id = "2.13";
    QString driver;
    QList<Evidence> evidence;
    if (infoError(snapshot).isEmpty()) {
        driver = snapshot.info.loggingDriver;
        evidence.append(apiEvidence(QStringLiteral("LoggingDriver (GET /info)"), driver,
                                    QStringLiteral("a central or remote log driver")));
    } else if (const DaemonConfig *settings = usableSettings(snapshot)) {
        driver = settings->stringValue(QStringLiteral("log-driver"));
        evidence.append(settingEvidence(*settings, QStringLiteral("log-driver"),
                                        QStringLiteral("json-file"),
                                        QStringLiteral("a central or remote log driver")));
        if (driver.isEmpty()) {
            driver = QStringLiteral("json-file");
        }
    } else {
        return errorFinding(id, infoError(snapshot));
    }
    // These keep logs on the host only (or nowhere).
    static const QStringList local = {QStringLiteral("json-file"), QStringLiteral("local"),
                                      QStringLiteral("none"), QString()};
    return local.contains(driver)
               ? verdictOf(id, Verdict::Warn,
                           QStringLiteral("logs stay on the host (driver %1)")
                               .arg(driver.isEmpty() ? QStringLiteral("unknown") : driver),
                           evidence)
               : verdictOf(id, Verdict::Pass, QStringLiteral("logs go to %1").arg(driver),
                           evidence);
}

Finding noNewPrivileges(const Snapshot &snapshot)
{
    constexpr const char *id = "2.14";
    const bool apiSays = infoError(snapshot).isEmpty() &&
                         snapshot.info.hasSecurityOption(QStringLiteral("no-new-privileges"));
    const DaemonConfig *settings = usableSettings(snapshot);
    QList<Evidence> evidence;
    if (apiSays) {
        evidence.append(apiEvidence(QStringLiteral("SecurityOptions (GET /info)"),
                                    QStringLiteral("name=no-new-privileges"),
                                    QStringLiteral("name=no-new-privileges")));
    }
    if (settings == nullptr) {
        if (apiSays) {
            return verdictOf(id, Verdict::Pass,
                             QStringLiteral("containers cannot gain new privileges by default"),
                             evidence);
        }
        return withoutSettings(id, snapshot,
                               QStringLiteral("this engine's API does not report it"));
    }
    evidence.append(settingEvidence(*settings, QStringLiteral("no-new-privileges"),
                                    QStringLiteral("false"), QStringLiteral("true")));
    const bool on = apiSays || settings->boolValue(QStringLiteral("no-new-privileges")) == true;
    return on ? verdictOf(id, Verdict::Pass,
                          QStringLiteral("containers cannot gain new privileges by default"),
                          evidence)
              : verdictOf(id, Verdict::Warn,
                          QStringLiteral("containers may gain new privileges (setuid binaries)"),
                          evidence);
}

Finding liveRestore(const Snapshot &snapshot)
{
    constexpr const char *id = "2.15";
    if (infoError(snapshot).isEmpty()) {
        QList<Evidence> evidence = {apiEvidence(QStringLiteral("LiveRestoreEnabled (GET /info)"),
                                                boolText(snapshot.info.liveRestoreEnabled),
                                                QStringLiteral("true"))};
        if (snapshot.info.liveRestoreEnabled) {
            return verdictOf(id, Verdict::Pass, QStringLiteral("live restore is enabled"),
                             evidence);
        }
        if (snapshot.info.swarm.active()) {
            Finding na = notApplicable(id, QStringLiteral("live restore does not work in swarm "
                                                          "mode, which is active"));
            na.evidence = evidence;
            return na;
        }
        return verdictOf(id, Verdict::Warn, QStringLiteral("live restore is disabled"), evidence);
    }
    const DaemonConfig *settings = usableSettings(snapshot);
    if (settings == nullptr) {
        return errorFinding(id, infoError(snapshot));
    }
    const bool on = settings->boolValue(QStringLiteral("live-restore")).value_or(false);
    return verdictOf(id, on ? Verdict::Pass : Verdict::Warn,
                     on ? QStringLiteral("live restore is configured")
                        : QStringLiteral("live restore is disabled"),
                     {settingEvidence(*settings, QStringLiteral("live-restore"),
                                      QStringLiteral("false"), QStringLiteral("true"))});
}

Finding userlandProxy(const Snapshot &snapshot)
{
    constexpr const char *id = "2.16";
    const DaemonConfig *settings = usableSettings(snapshot);
    if (settings == nullptr) {
        return withoutSettings(id, snapshot, QStringLiteral("the API does not report it"));
    }
    const bool on = settings->boolValue(QStringLiteral("userland-proxy")).value_or(true);
    QList<Evidence> evidence = {settingEvidence(*settings, QStringLiteral("userland-proxy"),
                                                QStringLiteral("true"), QStringLiteral("false"))};
    const QList<qint64> &proxies = snapshot.host->dockerProxyPids;
    if (!proxies.isEmpty()) {
        Evidence running;
        running.kind = QStringLiteral("process");
        running.item = QStringLiteral("docker-proxy");
        QStringList pids;
        for (qint64 pid : proxies) {
            pids.append(QString::number(pid));
        }
        running.observed = QStringLiteral("%1 running (pid %2)")
                               .arg(proxies.size())
                               .arg(pids.join(QStringLiteral(", ")));
        running.expected = QStringLiteral("none");
        evidence.append(running);
    }
    return on ? verdictOf(id, Verdict::Warn, QStringLiteral("the userland proxy is enabled"),
                          evidence)
              : verdictOf(id, Verdict::Pass, QStringLiteral("the userland proxy is disabled"),
                          evidence);
}

Finding seccompProfile(const Snapshot &snapshot)
{
    constexpr const char *id = "2.17";
    const DaemonConfig *settings = usableSettings(snapshot);
    QList<Evidence> evidence;
    if (settings != nullptr) {
        evidence.append(settingEvidence(*settings, QStringLiteral("seccomp-profile"),
                                        QStringLiteral("the engine's default profile"),
                                        QStringLiteral("a profile, not unconfined")));
    }
    std::optional<QString> profile;
    if (infoError(snapshot).isEmpty()) {
        for (const QString &option : snapshot.info.securityOptions) {
            const QStringList parts = option.split(QLatin1Char(','));
            if (!parts.contains(QLatin1String("name=seccomp"))) {
                continue;
            }
            profile = QStringLiteral("default");
            for (const QString &part : parts) {
                if (part.startsWith(QLatin1String("profile="))) {
                    profile = part.mid(8);
                }
            }
        }
        evidence.prepend(apiEvidence(QStringLiteral("SecurityOptions (GET /info)"),
                                     snapshot.info.securityOptions.join(QStringLiteral(", ")),
                                     QStringLiteral("name=seccomp with a profile")));
    } else if (settings != nullptr) {
        const QString named = settings->stringValue(QStringLiteral("seccomp-profile"));
        profile = named.isEmpty() ? QStringLiteral("default") : named;
    } else {
        return errorFinding(id, infoError(snapshot));
    }
    if (!profile) {
        return verdictOf(id, Verdict::Info, QStringLiteral("the engine reports no seccomp support"),
                         evidence);
    }
    if (*profile == QLatin1String("unconfined")) {
        return verdictOf(id, Verdict::Warn,
                         QStringLiteral("containers run without a seccomp profile by default"),
                         evidence);
    }
    // "builtin" is what newer engines call their default profile.
    const bool builtIn =
        *profile == QLatin1String("default") || *profile == QLatin1String("builtin");
    return verdictOf(id, Verdict::Pass,
                     builtIn
                         ? QStringLiteral("the engine's default seccomp profile applies")
                         : QStringLiteral("a custom seccomp profile applies (%1)").arg(*profile),
                     evidence);
}

Finding experimental(const Snapshot &snapshot)
{
    constexpr const char *id = "2.18";
    QList<Evidence> evidence;
    bool on = false;
    const DaemonConfig *settings = usableSettings(snapshot);
    if (infoError(snapshot).isEmpty()) {
        on = snapshot.info.experimentalBuild;
        evidence.append(apiEvidence(QStringLiteral("ExperimentalBuild (GET /info)"), boolText(on),
                                    QStringLiteral("false")));
    } else if (settings != nullptr) {
        on = settings->boolValue(QStringLiteral("experimental")).value_or(false);
        evidence.append(settingEvidence(*settings, QStringLiteral("experimental"),
                                        QStringLiteral("false"), QStringLiteral("false")));
    } else {
        return errorFinding(id, infoError(snapshot));
    }
    return on ? verdictOf(id, Verdict::Warn, QStringLiteral("experimental features are on"),
                          evidence)
              : verdictOf(id, Verdict::Pass, QStringLiteral("experimental features are off"),
                          evidence);
}

} // namespace

const QList<CheckLogic> &daemonChecks()
{
    static const QList<CheckLogic> checks = {
        {"2.1", rootless},          {"2.2", interContainerTraffic}, {"2.3", logLevel},
        {"2.4", iptables},          {"2.5", insecureRegistries},    {"2.6", aufs},
        {"2.7", tlsAuthentication}, {"2.8", defaultUlimit},         {"2.9", userNamespaces},
        {"2.10", cgroupParent},     {"2.11", baseDeviceSize},       {"2.12", authorization},
        {"2.13", remoteLogging},    {"2.14", noNewPrivileges},      {"2.15", liveRestore},
        {"2.16", userlandProxy},    {"2.17", seccompProfile},       {"2.18", experimental},
    };
    return checks;
}

} // namespace drydock::bench
