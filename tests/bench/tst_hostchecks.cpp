// SPDX-License-Identifier: GPL-3.0-or-later
// Sections 1-3 over constructed snapshots: each row starts from a hardened,
// local host and changes one fact, naming the rule the verdict pins.
#include "bench/check.h"
#include "bench/hostcheckhelpers.h"
#include "bench/hostprobe.h"

#include <QTest>

#include <functional>

using namespace drydock::bench;

using Mutator = std::function<void(Snapshot &)>;
Q_DECLARE_METATYPE(Mutator)

namespace {

constexpr unsigned kDockerGid = 999;

FileFacts makeFile(const QString &path, FileType type, unsigned mode, unsigned uid = 0,
                   unsigned gid = 0)
{
    FileFacts file;
    file.path = path;
    file.type = type;
    file.mode = mode;
    file.uid = uid;
    file.gid = gid;
    file.owner = uid == 0 ? QStringLiteral("root") : QString::number(uid);
    file.group = gid == 0 ? QStringLiteral("root")
                          : (gid == kDockerGid ? QStringLiteral("docker") : QString::number(gid));
    file.device = 0x801;
    return file;
}

void putFile(HostFacts &host, const FileFacts &file)
{
    host.files.insert(file.path, file);
}

void locate(HostFacts &host, const QString &role, const QString &path, FileType type, unsigned mode,
            unsigned uid = 0, unsigned gid = 0)
{
    host.located.insert(role, {path, QStringLiteral("test")});
    putFile(host, makeFile(path, type, mode, uid, gid));
}

// Flags of a hardened dockerd started through socket activation.
QStringList hardenedFlags()
{
    return {QStringLiteral("-H"),
            QStringLiteral("fd://"),
            QStringLiteral("--icc=false"),
            QStringLiteral("--userland-proxy=false"),
            QStringLiteral("--no-new-privileges"),
            QStringLiteral("--live-restore"),
            QStringLiteral("--default-ulimit"),
            QStringLiteral("nofile=1024:2048"),
            QStringLiteral("--userns-remap=default")};
}

void setDaemon(HostFacts &host, const QStringList &flags, const QByteArray &daemonJson = {})
{
    host.daemon = parseDockerdArguments(flags);
    host.daemon.configFile = QStringLiteral("/etc/docker/daemon.json");
    if (!daemonJson.isEmpty()) {
        host.daemon.configFileExists = true;
        mergeDaemonJson(host.daemon, daemonJson);
    }
    host.daemonKnown = true;
}

HostFacts hardenedHost()
{
    HostFacts host;
    ProcessFacts dockerd;
    dockerd.pid = 100;
    dockerd.exe = QStringLiteral("/usr/sbin/dockerd");
    dockerd.arguments = QStringList{QStringLiteral("dockerd")} + hardenedFlags();
    host.dockerd = dockerd;
    setDaemon(host, hardenedFlags());

    for (const char *folder :
         {"/", "/etc", "/lib", "/lib/systemd", "/lib/systemd/system", "/run", "/usr", "/usr/bin",
          "/usr/sbin", "/var", "/var/lib", "/etc/containerd", "/run/containerd",
          "/etc/docker/certs.d", "/etc/docker/certs.d/reg:5000", "/etc/docker/tls"}) {
        putFile(host, makeFile(QLatin1String(folder), FileType::Directory, 0755));
    }
    locate(host, QStringLiteral("dockerd"), QStringLiteral("/usr/sbin/dockerd"), FileType::Regular,
           0755);
    locate(host, QStringLiteral("containerd"), QStringLiteral("/usr/bin/containerd"),
           FileType::Regular, 0755);
    for (const char *shim :
         {"containerd-shim", "containerd-shim-runc-v1", "containerd-shim-runc-v2"}) {
        locate(host, QLatin1String(shim), QStringLiteral("/usr/bin/") + QLatin1String(shim),
               FileType::Regular, 0755);
    }
    locate(host, QStringLiteral("runc"), QStringLiteral("/usr/bin/runc"), FileType::Regular, 0755);
    host.files[QStringLiteral("/usr/bin/runc")].realPath = QStringLiteral("/usr/sbin/runc");
    locate(host, QStringLiteral("containerd-state"), QStringLiteral("/run/containerd"),
           FileType::Directory, 0711);
    locate(host, QStringLiteral("containerd-socket"),
           QStringLiteral("/run/containerd/containerd.sock"), FileType::Socket, 0660);
    locate(host, QStringLiteral("containerd-config"), QStringLiteral("/etc/containerd/config.toml"),
           FileType::Regular, 0644);
    locate(host, QStringLiteral("docker-root"), QStringLiteral("/var/lib/docker"),
           FileType::Directory, 0710);
    locate(host, QStringLiteral("/etc/docker"), QStringLiteral("/etc/docker"), FileType::Directory,
           0755);
    locate(host, QStringLiteral("docker.service"),
           QStringLiteral("/lib/systemd/system/docker.service"), FileType::Regular, 0644);
    locate(host, QStringLiteral("docker.socket"),
           QStringLiteral("/lib/systemd/system/docker.socket"), FileType::Regular, 0644);
    locate(host, QStringLiteral("daemon.json"), QStringLiteral("/etc/docker/daemon.json"),
           FileType::Regular, 0644);
    locate(host, QStringLiteral("/etc/default/docker"), QStringLiteral("/etc/default/docker"),
           FileType::Missing, 0);
    locate(host, QStringLiteral("/etc/sysconfig/docker"), QStringLiteral("/etc/sysconfig/docker"),
           FileType::Missing, 0);
    host.dockerSockets = {QStringLiteral("/run/docker.sock")};
    locate(host, QStringLiteral("docker-socket"), QStringLiteral("/run/docker.sock"),
           FileType::Socket, 0660, 0, kDockerGid);
    host.registryCertFiles = {QStringLiteral("/etc/docker/certs.d/reg:5000/ca.crt")};
    putFile(host, makeFile(host.registryCertFiles.first(), FileType::Regular, 0444));

    QStringList watches;
    for (auto it = host.located.cbegin(); it != host.located.cend(); ++it) {
        watches.append(QStringLiteral("-w %1 -p rwxa -k docker").arg(it.value().path));
    }
    host.audit.auditInstalled = true;
    host.audit.source = QStringLiteral("auditctl -l");
    host.audit.rules = parseAuditRules(watches.join(QLatin1Char('\n')), host.audit.source);

    host.dataRoot.path = QStringLiteral("/var/lib/docker");
    host.dataRoot.pathSource = QStringLiteral("GET /info DockerRootDir");
    host.dataRoot.dir = makeFile(QStringLiteral("/var/lib/docker"), FileType::Directory, 0710);
    host.dataRoot.dir.device = 0x811;
    host.dataRoot.parent = makeFile(QStringLiteral("/var/lib"), FileType::Directory, 0755);
    host.dataRoot.mountPoint = QStringLiteral("/var/lib/docker");
    host.dataRoot.fsType = QStringLiteral("ext4");
    host.dataRoot.mountSource = QStringLiteral("/dev/sdb1");

    host.dockerGroup.name = QStringLiteral("docker");
    host.dockerGroup.exists = true;
    host.dockerGroup.gid = kDockerGid;
    return host;
}

Snapshot hardenedSnapshot()
{
    Snapshot snapshot;
    snapshot.version.version = QStringLiteral("20.10.24");
    snapshot.version.apiVersion = QStringLiteral("1.41");
    snapshot.info.driver = QStringLiteral("overlay2");
    snapshot.info.dockerRootDir = QStringLiteral("/var/lib/docker");
    snapshot.info.loggingDriver = QStringLiteral("syslog");
    snapshot.info.liveRestoreEnabled = true;
    snapshot.info.securityOptions = {QStringLiteral("name=seccomp,profile=default"),
                                     QStringLiteral("name=userns")};
    snapshot.info.authorizationPlugins = {QStringLiteral("authz-broker")};
    snapshot.info.insecureRegistryCidrs = {QStringLiteral("127.0.0.0/8")};
    snapshot.info.swarm.localNodeState = QStringLiteral("inactive");
    drydock::docker::NetworkInfo bridge;
    bridge.id = QStringLiteral("b1");
    bridge.name = QStringLiteral("bridge");
    bridge.driver = QStringLiteral("bridge");
    bridge.options.insert(QStringLiteral("com.docker.network.bridge.enable_icc"),
                          QStringLiteral("false"));
    snapshot.networks = {bridge};
    snapshot.host = hardenedHost();
    return snapshot;
}

CheckFunction findCheck(const QString &id)
{
    for (const QList<CheckLogic> *family : {&hostChecks(), &daemonChecks(), &fileChecks()}) {
        for (const CheckLogic &logic : *family) {
            if (QLatin1String(logic.id) == id) {
                return logic.evaluate;
            }
        }
    }
    return nullptr;
}

QString findingText(const Finding &finding)
{
    QStringList parts = {finding.summary, finding.reason};
    for (const Evidence &e : finding.evidence) {
        parts.append(e.item + QStringLiteral(" | ") + e.observed + QStringLiteral(" | ") +
                     e.expected);
    }
    return parts.join(QLatin1Char('\n'));
}

void remote(Snapshot &s)
{
    s.host.reset();
    s.engineIsLocal = false;
    s.hostUnavailableReason = QStringLiteral("the engine at tcp://10.0.0.5:2376 is remote");
}

HostFacts &host(Snapshot &s)
{
    return *s.host;
}

void flags(Snapshot &s, const QStringList &extra, const QByteArray &json = {})
{
    setDaemon(host(s), hardenedFlags() + extra, json);
}

void unwatch(Snapshot &s, const QString &path)
{
    QList<AuditRule> &rules = host(s).audit.rules;
    rules.erase(std::remove_if(rules.begin(), rules.end(),
                               [&](const AuditRule &r) { return r.path == path; }),
                rules.end());
}

} // namespace

class TestHostChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCheckListed();
    void hardenedHostPasses();
    void verdicts_data();
    void verdicts();
};

void TestHostChecks::everyCheckListed()
{
    QCOMPARE(hostChecks().size(), 20);
    QCOMPARE(daemonChecks().size(), 18);
    QCOMPARE(fileChecks().size(), 24);
}

void TestHostChecks::hardenedHostPasses()
{
    // The baseline every row changes: no warn and no error anywhere.
    const Snapshot snapshot = hardenedSnapshot();
    for (const QList<CheckLogic> *family : {&hostChecks(), &daemonChecks(), &fileChecks()}) {
        for (const CheckLogic &logic : *family) {
            const Finding finding = logic.evaluate(snapshot);
            QCOMPARE(finding.checkId, QLatin1String(logic.id));
            QVERIFY2(finding.verdict != Verdict::Warn && finding.verdict != Verdict::Error,
                     qPrintable(QLatin1String(logic.id) + QLatin1Char(' ') + findingText(finding)));
        }
    }
}

void TestHostChecks::verdicts_data()
{
    QTest::addColumn<QString>("check");
    QTest::addColumn<Mutator>("mutate");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("mentions"); // in summary, reason or evidence

    const auto row = [](const char *name, const char *check, Mutator mutate, Verdict verdict,
                        const char *mentions = "") {
        QTest::newRow(name) << QString::fromLatin1(check) << std::move(mutate) << int(verdict)
                            << QString::fromLatin1(mentions);
    };
    const Mutator none = [](Snapshot &) {};

    // 1.1.1: device numbers decide, not mount points.
    row("1.1.1 data root on its own device", "1.1.1", none, Verdict::Pass, "/dev/sdb1");
    row(
        "1.1.1 bind mount of the same filesystem is no partition", "1.1.1",
        [](Snapshot &s) { host(s).dataRoot.dir.device = host(s).dataRoot.parent.device; },
        Verdict::Warn, "bind mount of the same filesystem");
    row(
        "1.1.1 plain folder on the root filesystem", "1.1.1",
        [](Snapshot &s) {
            host(s).dataRoot.dir.device = host(s).dataRoot.parent.device;
            host(s).dataRoot.mountPoint = QStringLiteral("/");
        },
        Verdict::Warn, "shares the filesystem");
    row(
        "1.1.1 data root missing is an error", "1.1.1",
        [](Snapshot &s) { host(s).dataRoot.dir.type = FileType::Missing; }, Verdict::Error,
        "does not exist");
    row(
        "1.1.1 data root unreadable is an error", "1.1.1",
        [](Snapshot &s) {
            host(s).dataRoot.dir.error = QStringLiteral("Cannot examine /var/lib/docker: "
                                                        "Permission denied.");
        },
        Verdict::Error, "Permission denied");
    row("1.1.1 remote engine", "1.1.1", remote, Verdict::NotApplicable, "remote");

    // 1.1.2: members of the socket's group.
    // Rule: a pass says what it saw as well (the group and its gid).
    row("1.1.2 group without members", "1.1.2", none, Verdict::Pass, "no member in /etc/group");
    row(
        "1.1.2 members listed", "1.1.2",
        [](Snapshot &s) { host(s).dockerGroup.members = {QStringLiteral("alice")}; }, Verdict::Info,
        "alice");
    row(
        "1.1.2 primary group counts", "1.1.2",
        [](Snapshot &s) { host(s).dockerGroup.primaryMembers = {QStringLiteral("carol")}; },
        Verdict::Info, "carol");
    row(
        "1.1.2 /etc/group unreadable", "1.1.2",
        [](Snapshot &s) {
            host(s).dockerGroup.error =
                QStringLiteral("Cannot read /etc/group: Permission denied.");
        },
        Verdict::Error, "/etc/group");
    row(
        "1.1.2 no docker group", "1.1.2", [](Snapshot &s) { host(s).dockerGroup.exists = false; },
        Verdict::Pass, "only root");

    // 1.1.3-1.1.18: audit watches on the files found on this host.
    row("1.1.3 dockerd watched", "1.1.3", none, Verdict::Pass, "/usr/sbin/dockerd");
    row(
        "1.1.3 dockerd not watched", "1.1.3",
        [](Snapshot &s) { unwatch(s, QStringLiteral("/usr/sbin/dockerd")); }, Verdict::Warn,
        "no watch");
    row(
        "1.1.11 parent folder watch covers daemon.json", "1.1.11",
        [](Snapshot &s) { unwatch(s, QStringLiteral("/etc/docker/daemon.json")); }, Verdict::Pass,
        "-w /etc/docker ");
    row(
        "1.1.18 watch on the real path of a symlinked binary", "1.1.18",
        [](Snapshot &s) {
            unwatch(s, QStringLiteral("/usr/bin/runc"));
            host(s).audit.rules.append(
                parseAuditRules(QStringLiteral("-a always,exit -F path=/usr/sbin/runc -F perm=x"),
                                QStringLiteral("t")));
        },
        Verdict::Pass, "/usr/sbin/runc");
    row(
        "1.1.5 path rule on a parent does not cover", "1.1.5",
        [](Snapshot &s) {
            unwatch(s, QStringLiteral("/var/lib/docker"));
            host(s).audit.rules.append(parseAuditRules(
                QStringLiteral("-a always,exit -F path=/var/lib -F perm=wa"), QStringLiteral("t")));
        },
        Verdict::Warn);
    row(
        "1.1.3 rules unreadable is an error", "1.1.3",
        [](Snapshot &s) {
            host(s).audit.rules.clear();
            host(s).audit.error = QStringLiteral("Cannot read /etc/audit/audit.rules: Permission "
                                                 "denied.");
        },
        Verdict::Error, "audit.rules");
    row(
        "1.1.3 audit not installed", "1.1.3", [](Snapshot &s) { host(s).audit = AuditFacts(); },
        Verdict::Warn, "not installed");
    row("1.1.10 missing file is not applicable", "1.1.10", none, Verdict::NotApplicable,
        "does not exist");
    row(
        "1.1.15 binary not installed", "1.1.15",
        [](Snapshot &s) { host(s).located[QStringLiteral("containerd-shim")].path.clear(); },
        Verdict::NotApplicable, "containerd-shim");
    row(
        "1.1.7 unit unreadable is an error", "1.1.7",
        [](Snapshot &s) {
            host(s).files[QStringLiteral("/lib/systemd/system/docker.service")].error =
                QStringLiteral("Cannot examine /lib/systemd/system/docker.service: Permission "
                               "denied.");
        },
        Verdict::Error, "Permission denied");
    row("1.1.8 remote engine", "1.1.8", remote, Verdict::NotApplicable);
    row("1.2.1 manual", "1.2.1", none, Verdict::Note);
    row("1.2.2 version reported", "1.2.2", none, Verdict::Info, "20.10.24");
    row(
        "1.2.2 version unknown", "1.2.2",
        [](Snapshot &s) {
            s.version = {};
            s.collectionErrors.insert(QStringLiteral("version"), QStringLiteral("GET /version "
                                                                                "failed"));
        },
        Verdict::Error, "GET /version");

    // 2.1
    row("2.1 root daemon", "2.1", none, Verdict::Info, "uid 0");
    row(
        "2.1 rootless by security option", "2.1",
        [](Snapshot &s) { s.info.securityOptions.append(QStringLiteral("name=rootless")); },
        Verdict::Pass);

    // 2.2: the bridge network's applied option first, settings beside it.
    row("2.2 icc off on the bridge", "2.2", none, Verdict::Pass, "enable_icc=false");
    row(
        "2.2 icc option unset means on", "2.2",
        [](Snapshot &s) { s.networks.first().options.clear(); }, Verdict::Warn, "default: true");
    row(
        "2.2 applied option wins over the file", "2.2",
        [](Snapshot &s) {
            s.networks.first().options.insert(
                QStringLiteral("com.docker.network.bridge.enable_icc"), QStringLiteral("true"));
        },
        Verdict::Warn, "flag --icc=false");
    row(
        "2.2 no default bridge", "2.2",
        [](Snapshot &s) {
            s.networks.first().name = QStringLiteral("host");
            s.networks.first().driver = QStringLiteral("host");
        },
        Verdict::NotApplicable, "bridge");
    // Rule: an empty list means not collected; the settings answer instead.
    row(
        "2.2 networks not collected, settings say off", "2.2",
        [](Snapshot &s) { s.networks.clear(); }, Verdict::Pass, "not collected");
    row(
        "2.2 networks not collected, icc default", "2.2",
        [](Snapshot &s) {
            s.networks.clear();
            setDaemon(host(s), {});
        },
        Verdict::Warn, "default: true");
    row(
        "2.2 networks not collected on a remote engine", "2.2",
        [](Snapshot &s) {
            remote(s);
            s.networks.clear();
        },
        Verdict::Error, "not collected");
    row("2.2 remote engine answers from the API", "2.2", remote, Verdict::Pass);
    row(
        "2.2 networks unreadable, settings say off", "2.2",
        [](Snapshot &s) {
            s.networks.clear();
            s.collectionErrors.insert(QStringLiteral("networks"), QStringLiteral("GET /networks "
                                                                                 "failed"));
        },
        Verdict::Pass, "GET /networks failed");

    // 2.3: level from the flags (every spelling), daemon.json, or /info's Debug.
    row("2.3 default level", "2.3", none, Verdict::Pass, "default: info");
    row(
        "2.3 short flag debug", "2.3",
        [](Snapshot &s) {
            flags(s, {QStringLiteral("-l"), QStringLiteral("debug")});
        },
        Verdict::Warn, "debug");
    row(
        "2.3 -D means debug", "2.3", [](Snapshot &s) { flags(s, {QStringLiteral("-D")}); },
        Verdict::Warn, "debug");
    row(
        "2.3 daemon.json level warn", "2.3",
        [](Snapshot &s) { flags(s, {}, R"({"log-level": "warn"})"); }, Verdict::Warn,
        "/etc/docker/daemon.json");
    row(
        "2.3 remote engine in debug", "2.3",
        [](Snapshot &s) {
            remote(s);
            s.info.debug = true;
        },
        Verdict::Warn, "Debug");
    row("2.3 remote engine otherwise", "2.3", remote, Verdict::NotApplicable, "remote");
    row(
        "2.3 bad daemon.json names the file", "2.3",
        [](Snapshot &s) { flags(s, {}, "{\"log-level\": "); }, Verdict::Error,
        "/etc/docker/daemon.json is not valid JSON");
    row(
        "2.3 dockerd not found", "2.3",
        [](Snapshot &s) {
            host(s).daemonKnown = false;
            host(s).dockerdProblem = QStringLiteral("No dockerd process is visible in /proc.");
        },
        Verdict::Error, "No dockerd");

    // 2.4
    row("2.4 iptables default", "2.4", none, Verdict::Pass, "default: true");
    row(
        "2.4 iptables off", "2.4",
        [](Snapshot &s) { flags(s, {QStringLiteral("--iptables=false")}); }, Verdict::Warn,
        "--iptables=false");
    row(
        "2.4 iptables off in daemon.json", "2.4",
        [](Snapshot &s) { flags(s, {}, R"({"iptables": false})"); }, Verdict::Warn);
    row("2.4 remote engine", "2.4", remote, Verdict::NotApplicable);

    // 2.5: 127.0.0.0/8 is the engine's own; loopback of either family is no finding.
    row("2.5 only the engine's loopback range", "2.5", none, Verdict::Pass, "adds this");
    row(
        "2.5 private IPv4 range", "2.5",
        [](Snapshot &s) { s.info.insecureRegistryCidrs.append(QStringLiteral("10.0.0.0/8")); },
        Verdict::Warn, "10.0.0.0/8");
    row(
        "2.5 IPv6 range", "2.5",
        [](Snapshot &s) { s.info.insecureRegistryCidrs.append(QStringLiteral("fd00::/8")); },
        Verdict::Warn, "fd00::/8");
    row(
        "2.5 IPv6 loopback", "2.5",
        [](Snapshot &s) { s.info.insecureRegistryCidrs.append(QStringLiteral("::1/128")); },
        Verdict::Pass, "loopback only");
    row(
        "2.5 named registry", "2.5",
        [](Snapshot &s) { s.info.insecureRegistryNames.append(QStringLiteral("reg.lab:5000")); },
        Verdict::Warn, "reg.lab:5000");
    row(
        "2.5 localhost registry", "2.5",
        [](Snapshot &s) { s.info.insecureRegistryNames.append(QStringLiteral("localhost:5000")); },
        Verdict::Pass, "loopback only");
    row(
        "2.5 from the flag too", "2.5",
        [](Snapshot &s) { flags(s, {QStringLiteral("--insecure-registry=192.168.1.0/24")}); },
        Verdict::Warn, "--insecure-registry");
    row(
        "2.5 remote engine answers from the API", "2.5",
        [](Snapshot &s) {
            remote(s);
            s.info.insecureRegistryCidrs.append(QStringLiteral("10.1.0.0/16"));
        },
        Verdict::Warn, "10.1.0.0/16");

    // 2.6
    row("2.6 overlay2", "2.6", none, Verdict::Pass);
    row(
        "2.6 aufs", "2.6", [](Snapshot &s) { s.info.driver = QStringLiteral("aufs"); },
        Verdict::Warn);
    row(
        "2.6 info unreadable", "2.6",
        [](Snapshot &s) {
            s.collectionErrors.insert(QStringLiteral("info"), QStringLiteral("boom"));
        },
        Verdict::Error, "boom");

    // 2.7: only TCP listeners need TLS; verification is what matters.
    row("2.7 local sockets only", "2.7", none, Verdict::NotApplicable, "local sockets");
    const auto tcp = [](Snapshot &s, const QStringList &extra) {
        flags(s, QStringList{QStringLiteral("-H"), QStringLiteral("tcp://0.0.0.0:2376")} + extra);
        host(s).tcpHosts = {QStringLiteral("tcp://0.0.0.0:2376")};
        for (const char *key : {"tlscacert", "tlscert", "tlskey"}) {
            const QString name = QLatin1String(key);
            if (host(s).daemon.has(name)) {
                locate(host(s), name, host(s).daemon.stringValue(name), FileType::Regular, 0400);
            }
        }
    };
    const QStringList certs = {QStringLiteral("--tlscacert=/etc/docker/tls/ca.pem"),
                               QStringLiteral("--tlscert=/etc/docker/tls/cert.pem"),
                               QStringLiteral("--tlskey=/etc/docker/tls/key.pem")};
    row(
        "2.7 tcp without TLS", "2.7", [tcp](Snapshot &s) { tcp(s, {}); }, Verdict::Warn,
        "without client certificate verification");
    row(
        "2.7 tcp with TLS but no verification", "2.7",
        [tcp, certs](Snapshot &s) { tcp(s, certs + QStringList{QStringLiteral("--tls")}); },
        Verdict::Warn, "without client certificate verification");
    row(
        "2.7 tcp with tlsverify", "2.7",
        [tcp, certs](Snapshot &s) { tcp(s, certs + QStringList{QStringLiteral("--tlsverify")}); },
        Verdict::Pass);
    row(
        "2.7 DOCKER_TLS_VERIFY in dockerd's environment", "2.7",
        [tcp, certs](Snapshot &s) {
            tcp(s, certs);
            host(s).dockerd->environment.insert(QStringLiteral("DOCKER_TLS_VERIFY"),
                                                QStringLiteral("1"));
        },
        Verdict::Pass);
    row(
        "2.7 tlsverify with a missing key", "2.7",
        [tcp, certs](Snapshot &s) {
            tcp(s, certs + QStringList{QStringLiteral("--tlsverify")});
            host(s).files[QStringLiteral("/etc/docker/tls/key.pem")].type = FileType::Missing;
        },
        Verdict::Warn, "tlskey missing");
    row(
        "2.7 remote engine that warns about plain http", "2.7",
        [](Snapshot &s) {
            remote(s);
            s.info.raw = {{"Warnings",
                           {"WARNING: API is accessible on http://0.0.0.0:2375 without "
                            "encryption."}}};
        },
        Verdict::Warn, "without encryption");
    row("2.7 remote engine otherwise", "2.7", remote, Verdict::NotApplicable);

    // 2.8
    row("2.8 ulimits set", "2.8", none, Verdict::Pass, "nofile");
    row(
        "2.8 ulimits unset", "2.8", [](Snapshot &s) { setDaemon(host(s), {}); }, Verdict::Info);
    row(
        "2.8 ulimits in daemon.json", "2.8",
        [](Snapshot &s) {
            setDaemon(
                host(s), {},
                R"({"default-ulimits": {"nofile": {"Name": "nofile", "Hard": 64, "Soft": 64}}})");
        },
        Verdict::Pass, "daemon.json");
    row("2.8 remote", "2.8", remote, Verdict::NotApplicable);

    // 2.9
    row("2.9 userns on", "2.9", none, Verdict::Pass);
    row(
        "2.9 userns off", "2.9",
        [](Snapshot &s) { s.info.securityOptions.removeAll(QStringLiteral("name=userns")); },
        Verdict::Warn);
    row(
        "2.9 rootless counts", "2.9",
        [](Snapshot &s) {
            s.info.securityOptions = {QStringLiteral("name=seccomp,profile=default"),
                                      QStringLiteral("name=rootless")};
        },
        Verdict::Pass, "rootless");

    // 2.10
    row("2.10 default cgroup", "2.10", none, Verdict::Pass);
    row(
        "2.10 cgroup parent set", "2.10",
        [](Snapshot &s) { flags(s, {QStringLiteral("--cgroup-parent=/custom")}); }, Verdict::Info,
        "/custom");

    // 2.11
    row("2.11 not devicemapper", "2.11", none, Verdict::NotApplicable, "overlay2");
    row(
        "2.11 devicemapper with basesize", "2.11",
        [](Snapshot &s) {
            s.info.driver = QStringLiteral("devicemapper");
            flags(s, {QStringLiteral("--storage-opt"), QStringLiteral("dm.basesize=50G")});
        },
        Verdict::Warn, "dm.basesize=50G");
    row(
        "2.11 devicemapper default", "2.11",
        [](Snapshot &s) { s.info.driver = QStringLiteral("devicemapper"); }, Verdict::Pass);

    // 2.12
    row("2.12 plugin", "2.12", none, Verdict::Pass, "authz-broker");
    row(
        "2.12 none", "2.12", [](Snapshot &s) { s.info.authorizationPlugins.clear(); },
        Verdict::Warn);

    // 2.13
    row("2.13 syslog", "2.13", none, Verdict::Pass);
    row(
        "2.13 json-file", "2.13",
        [](Snapshot &s) { s.info.loggingDriver = QStringLiteral("json-file"); }, Verdict::Warn);
    row(
        "2.13 local", "2.13", [](Snapshot &s) { s.info.loggingDriver = QStringLiteral("local"); },
        Verdict::Warn);

    // 2.14
    row("2.14 flag on", "2.14", none, Verdict::Pass);
    row(
        "2.14 off", "2.14", [](Snapshot &s) { setDaemon(host(s), {}); }, Verdict::Warn);
    row(
        "2.14 remote, API reports it", "2.14",
        [](Snapshot &s) {
            remote(s);
            s.info.securityOptions.append(QStringLiteral("name=no-new-privileges"));
        },
        Verdict::Pass);
    row("2.14 remote, API silent", "2.14", remote, Verdict::NotApplicable);

    // 2.15
    row("2.15 live restore on", "2.15", none, Verdict::Pass);
    row(
        "2.15 off", "2.15", [](Snapshot &s) { s.info.liveRestoreEnabled = false; }, Verdict::Warn);
    row(
        "2.15 off under swarm", "2.15",
        [](Snapshot &s) {
            s.info.liveRestoreEnabled = false;
            s.info.swarm.localNodeState = QStringLiteral("active");
        },
        Verdict::NotApplicable, "swarm");

    // 2.16
    row("2.16 proxy off", "2.16", none, Verdict::Pass);
    row(
        "2.16 proxy default on", "2.16",
        [](Snapshot &s) {
            setDaemon(host(s), {});
            host(s).dockerProxyPids = {4242};
        },
        Verdict::Warn, "4242");

    // 2.17
    row("2.17 default profile", "2.17", none, Verdict::Pass);
    row(
        "2.17 builtin profile", "2.17",
        [](Snapshot &s) {
            s.info.securityOptions = {QStringLiteral("name=seccomp,profile=builtin")};
        },
        Verdict::Pass);
    row(
        "2.17 custom profile", "2.17",
        [](Snapshot &s) {
            s.info.securityOptions = {QStringLiteral("name=seccomp,profile=/etc/docker/sc.json")};
        },
        Verdict::Pass, "/etc/docker/sc.json");
    row(
        "2.17 unconfined", "2.17",
        [](Snapshot &s) {
            s.info.securityOptions = {QStringLiteral("name=seccomp,profile=unconfined")};
        },
        Verdict::Warn);
    row(
        "2.17 no seccomp", "2.17", [](Snapshot &s) { s.info.securityOptions.clear(); },
        Verdict::Info);

    // 2.18
    row("2.18 off", "2.18", none, Verdict::Pass);
    row(
        "2.18 on", "2.18", [](Snapshot &s) { s.info.experimentalBuild = true; }, Verdict::Warn);

    // Section 3: owners by number, modes as bit masks, folders above the files.
    row("3.1 root:root", "3.1", none, Verdict::Pass);
    row(
        "3.1 owned by a user", "3.1",
        [](Snapshot &s) {
            host(s).files[QStringLiteral("/lib/systemd/system/docker.service")].uid = 1000;
        },
        Verdict::Warn, "1000");
    row(
        "3.1 folder above owned by a user", "3.1",
        [](Snapshot &s) { host(s).files[QStringLiteral("/lib/systemd/system")].uid = 1000; },
        Verdict::Warn, "folder above");
    row(
        "3.1 unit nowhere", "3.1",
        [](Snapshot &s) { host(s).located.remove(QStringLiteral("docker.service")); },
        Verdict::NotApplicable, "unit folders");
    row(
        "3.2 masked unit", "3.2",
        [](Snapshot &s) {
            FileFacts &f = host(s).files[QStringLiteral("/lib/systemd/system/docker.service")];
            f.realPath = QStringLiteral("/dev/null");
            f.mode = 0666;
            f.type = FileType::Other;
        },
        Verdict::NotApplicable, "masked");
    row("3.2 0644", "3.2", none, Verdict::Pass);
    row(
        "3.2 0600 is stricter", "3.2",
        [](Snapshot &s) {
            host(s).files[QStringLiteral("/lib/systemd/system/docker.service")].mode = 0600;
        },
        Verdict::Pass);
    row(
        "3.2 0622 is not 644 or stricter", "3.2",
        [](Snapshot &s) {
            host(s).files[QStringLiteral("/lib/systemd/system/docker.service")].mode = 0622;
        },
        Verdict::Warn, "bits 0022");
    row(
        "3.2 drop-in writable by others", "3.2",
        [](Snapshot &s) {
            const QString conf = QStringLiteral("/etc/systemd/system/docker.service.d/x.conf");
            host(s).unitDropIns.insert(QStringLiteral("docker.service"), {conf});
            putFile(host(s), makeFile(conf, FileType::Regular, 0666));
        },
        Verdict::Warn, "x.conf");
    row(
        "3.2 folder above writable by others", "3.2",
        [](Snapshot &s) { host(s).files[QStringLiteral("/lib/systemd")].mode = 0777; },
        Verdict::Warn, "not writable by group or others");
    row(
        "3.2 sticky folder above is fine", "3.2",
        [](Snapshot &s) { host(s).files[QStringLiteral("/lib/systemd")].mode = 01777; },
        Verdict::Pass);
    row("3.4 socket unit 0644", "3.4", none, Verdict::Pass);
    row(
        "3.6 /etc/docker 0775", "3.6",
        [](Snapshot &s) { host(s).files[QStringLiteral("/etc/docker")].mode = 0775; },
        Verdict::Warn, "0020");
    row("3.7 cert root", "3.7", none, Verdict::Pass);
    row("3.8 cert 0444", "3.8", none, Verdict::Pass);
    row(
        "3.8 cert 0644", "3.8",
        [](Snapshot &s) {
            host(s).files[QStringLiteral("/etc/docker/certs.d/reg:5000/ca.crt")].mode = 0644;
        },
        Verdict::Warn, "ca.crt");
    row(
        "3.8 no certificates", "3.8", [](Snapshot &s) { host(s).registryCertFiles.clear(); },
        Verdict::NotApplicable, "certs.d");
    row(
        "3.8 certs.d unreadable", "3.8",
        [](Snapshot &s) {
            host(s).registryCertFiles.clear();
            host(s).registryCertError =
                QStringLiteral("Cannot list /etc/docker/certs.d: Permission denied.");
        },
        Verdict::Error, "certs.d");
    row("3.9 TLS not configured", "3.9", none, Verdict::NotApplicable, "local sockets");
    row(
        "3.14 key 0400", "3.14",
        [tcp, certs](Snapshot &s) { tcp(s, certs + QStringList{QStringLiteral("--tlsverify")}); },
        Verdict::Pass);
    row(
        "3.14 key 0440", "3.14",
        [tcp, certs](Snapshot &s) {
            tcp(s, certs + QStringList{QStringLiteral("--tlsverify")});
            host(s).files[QStringLiteral("/etc/docker/tls/key.pem")].mode = 0440;
        },
        Verdict::Warn, "0040");
    row(
        "3.10 CA 0644", "3.10",
        [tcp, certs](Snapshot &s) {
            tcp(s, certs + QStringList{QStringLiteral("--tlsverify")});
            host(s).files[QStringLiteral("/etc/docker/tls/ca.pem")].mode = 0644;
        },
        Verdict::Warn, "0200");
    row("3.15 root:docker", "3.15", none, Verdict::Pass);
    row(
        "3.15 root:root is stricter", "3.15",
        [](Snapshot &s) { host(s).files[QStringLiteral("/run/docker.sock")].gid = 0; },
        Verdict::Pass);
    row(
        "3.15 another group", "3.15",
        [](Snapshot &s) { host(s).files[QStringLiteral("/run/docker.sock")].gid = 50; },
        Verdict::Warn, "50");
    row(
        "3.15 dockerd unknown", "3.15",
        [](Snapshot &s) {
            host(s).daemonKnown = false;
            host(s).dockerdProblem = QStringLiteral("No dockerd process is visible in /proc.");
        },
        Verdict::Error, "dockerd");
    row("3.16 0660", "3.16", none, Verdict::Pass);
    row(
        "3.16 0666", "3.16",
        [](Snapshot &s) { host(s).files[QStringLiteral("/run/docker.sock")].mode = 0666; },
        Verdict::Warn, "0006");
    row(
        "3.17 daemon.json missing", "3.17",
        [](Snapshot &s) {
            host(s).files[QStringLiteral("/etc/docker/daemon.json")].type = FileType::Missing;
        },
        Verdict::NotApplicable, "does not exist");
    row(
        "3.18 daemon.json unreadable", "3.18",
        [](Snapshot &s) {
            host(s).files[QStringLiteral("/etc/docker/daemon.json")].error =
                QStringLiteral("Cannot examine /etc/docker/daemon.json: Permission denied.");
        },
        Verdict::Error, "Permission denied");
    row("3.20 /etc/default/docker missing", "3.20", none, Verdict::NotApplicable, "does not exist");
    row(
        "3.21 /etc/sysconfig/docker 0644", "3.21",
        [](Snapshot &s) {
            host(s).files[QStringLiteral("/etc/sysconfig/docker")] =
                makeFile(QStringLiteral("/etc/sysconfig/docker"), FileType::Regular, 0644);
        },
        Verdict::Pass);
    row(
        "3.24 containerd socket 0666", "3.24",
        [](Snapshot &s) {
            host(s).files[QStringLiteral("/run/containerd/containerd.sock")].mode = 0666;
        },
        Verdict::Warn, "containerd.sock");
    row("3.23 containerd socket root:root", "3.23", none, Verdict::Pass);
    // Rule: a socket path that comes from an unreadable config is unknown, not the default.
    row(
        "3.23 containerd config unreadable", "3.23",
        [](Snapshot &s) {
            host(s).located[QStringLiteral("containerd-socket")] = {
                QString(), QStringLiteral("containerd --config (pid 200)"),
                QStringLiteral("Cannot read /run/docker/containerd/containerd.toml: Permission "
                               "denied.")};
        },
        Verdict::Error, "containerd.toml");
    row(
        "1.1.8 containerd config unreadable", "1.1.8",
        [](Snapshot &s) {
            host(s).located[QStringLiteral("containerd-socket")] = {
                QString(), QStringLiteral("containerd --config (pid 200)"),
                QStringLiteral("Cannot read /run/docker/containerd/containerd.toml: Permission "
                               "denied.")};
        },
        Verdict::Error, "containerd.toml");
    row("3.16 remote engine", "3.16", remote, Verdict::NotApplicable, "remote");

    // 1.1.4, 1.1.6, 1.1.9, 1.1.13, 1.1.16, 1.1.17: each file found on this
    // host needs its own watch or one on a folder above it.
    // Rule: containerd's state folder is watched by its own path.
    row("1.1.4 containerd state folder watched", "1.1.4", none, Verdict::Pass,
        "-w /run/containerd -p");
    // Rule: a watch on a file inside the folder does not cover the folder.
    row(
        "1.1.4 only the socket inside is watched", "1.1.4",
        [](Snapshot &s) { unwatch(s, QStringLiteral("/run/containerd")); }, Verdict::Warn,
        "/run/containerd | no watch among");
    // Rule: /etc/docker is audited by a watch on the folder itself.
    row("1.1.6 /etc/docker watched", "1.1.6", none, Verdict::Pass, "-w /etc/docker -p");
    // Rule: watches on files below /etc/docker do not stand in for the folder.
    row(
        "1.1.6 /etc/docker not watched", "1.1.6",
        [](Snapshot &s) { unwatch(s, QStringLiteral("/etc/docker")); }, Verdict::Warn,
        "/etc/docker | no watch among");
    // Rule: the docker.socket unit is audited where systemd keeps it.
    row("1.1.9 docker.socket watched", "1.1.9", none, Verdict::Pass,
        "-w /lib/systemd/system/docker.socket");
    row(
        "1.1.9 docker.socket not watched", "1.1.9",
        [](Snapshot &s) { unwatch(s, QStringLiteral("/lib/systemd/system/docker.socket")); },
        Verdict::Warn, "docker.socket | no watch among");
    // Rule: /etc/sysconfig/docker is judged only where it exists.
    row("1.1.13 /etc/sysconfig/docker missing", "1.1.13", none, Verdict::NotApplicable,
        "/etc/sysconfig/docker does not exist");
    row(
        "1.1.13 /etc/sysconfig/docker present and watched", "1.1.13",
        [](Snapshot &s) {
            putFile(host(s),
                    makeFile(QStringLiteral("/etc/sysconfig/docker"), FileType::Regular, 0644));
        },
        Verdict::Pass, "-w /etc/sysconfig/docker -p");
    row(
        "1.1.13 /etc/sysconfig/docker present, not watched", "1.1.13",
        [](Snapshot &s) {
            putFile(host(s),
                    makeFile(QStringLiteral("/etc/sysconfig/docker"), FileType::Regular, 0644));
            unwatch(s, QStringLiteral("/etc/sysconfig/docker"));
        },
        Verdict::Warn, "/etc/sysconfig/docker | no watch among");
    // Rule: the runc-v1 shim needs its own watch.
    row("1.1.16 runc-v1 shim watched", "1.1.16", none, Verdict::Pass,
        "-w /usr/bin/containerd-shim-runc-v1 -p");
    // Rule: a watch on containerd-shim is no watch on containerd-shim-runc-v1
    // (a name prefix is not a folder above).
    row(
        "1.1.16 watch on a prefix of the name does not cover", "1.1.16",
        [](Snapshot &s) { unwatch(s, QStringLiteral("/usr/bin/containerd-shim-runc-v1")); },
        Verdict::Warn, "containerd-shim-runc-v1 | no watch among");
    row(
        "1.1.16 runc-v1 shim not installed", "1.1.16",
        [](Snapshot &s) {
            host(s).located[QStringLiteral("containerd-shim-runc-v1")].path.clear();
        },
        Verdict::NotApplicable, "containerd-shim-runc-v1 binary is not on this host");
    // Rule: the runc-v2 shim needs its own watch.
    row("1.1.17 runc-v2 shim watched", "1.1.17", none, Verdict::Pass,
        "-w /usr/bin/containerd-shim-runc-v2 -p");
    row(
        "1.1.17 runc-v2 shim not watched", "1.1.17",
        [](Snapshot &s) { unwatch(s, QStringLiteral("/usr/bin/containerd-shim-runc-v2")); },
        Verdict::Warn, "containerd-shim-runc-v2 | no watch among");
    // Rule: with no watch found in rules partly unreadable, the answer is an error.
    row(
        "1.1.17 not watched and rules unreadable", "1.1.17",
        [](Snapshot &s) {
            unwatch(s, QStringLiteral("/usr/bin/containerd-shim-runc-v2"));
            host(s).audit.error = QStringLiteral("Cannot read /etc/audit/rules.d/x.rules: "
                                                 "Permission denied.");
        },
        Verdict::Error, "no watch in the rules that could be read");

    // 3.3: the docker.socket unit root:root, folders above owned by root.
    row("3.3 socket unit root:root", "3.3", none, Verdict::Pass,
        "/lib/systemd/system/docker.socket | root:root (0:0) | root:root");
    row(
        "3.3 socket unit owned by a user", "3.3",
        [](Snapshot &s) {
            host(s).files[QStringLiteral("/lib/systemd/system/docker.socket")].uid = 1000;
        },
        Verdict::Warn, "docker.socket | root:root (1000:0)");
    row(
        "3.3 socket unit with another group", "3.3",
        [](Snapshot &s) {
            host(s).files[QStringLiteral("/lib/systemd/system/docker.socket")].gid = 50;
        },
        Verdict::Warn, "(0:50)");
    row(
        "3.3 no socket unit", "3.3",
        [](Snapshot &s) { host(s).located.remove(QStringLiteral("docker.socket")); },
        Verdict::NotApplicable, "no docker.socket unit");

    // 3.5: /etc/docker root:root.
    row("3.5 /etc/docker root:root", "3.5", none, Verdict::Pass, "/etc/docker | root:root (0:0)");
    row(
        "3.5 /etc/docker group docker", "3.5",
        [](Snapshot &s) { host(s).files[QStringLiteral("/etc/docker")].gid = kDockerGid; },
        Verdict::Warn, "/etc/docker | root:root (0:999)");
    // Rule: whoever owns /etc owns /etc/docker's contents too.
    row(
        "3.5 /etc owned by a user", "3.5",
        [](Snapshot &s) { host(s).files[QStringLiteral("/etc")].uid = 1000; }, Verdict::Warn,
        "/etc (folder above /etc/docker)");
    row(
        "3.5 /etc/docker unreadable", "3.5",
        [](Snapshot &s) {
            host(s).files[QStringLiteral("/etc/docker")].error =
                QStringLiteral("Cannot examine /etc/docker: Permission denied.");
        },
        Verdict::Error, "Cannot examine /etc/docker");

    // 3.11-3.13: the server certificate and key named by --tlscert/--tlskey.
    const QStringList verified = certs + QStringList{QStringLiteral("--tlsverify")};
    row("3.11 TLS not configured", "3.11", none, Verdict::NotApplicable, "local sockets only");
    row(
        "3.11 server cert root:root", "3.11", [tcp, verified](Snapshot &s) { tcp(s, verified); },
        Verdict::Pass, "/etc/docker/tls/cert.pem | root:root (0:0)");
    row(
        "3.11 server cert owned by a user", "3.11",
        [tcp, verified](Snapshot &s) {
            tcp(s, verified);
            host(s).files[QStringLiteral("/etc/docker/tls/cert.pem")].uid = 1000;
        },
        Verdict::Warn, "/etc/docker/tls/cert.pem | root:root (1000:0)");
    // Rule: without dockerd's arguments the certificate's path is unknown: an error.
    row(
        "3.11 dockerd unknown", "3.11",
        [](Snapshot &s) {
            host(s).daemonKnown = false;
            host(s).dockerdProblem = QStringLiteral("No dockerd process is visible in /proc.");
        },
        Verdict::Error, "No dockerd");
    row(
        "3.12 server cert 0400 is stricter than 0444", "3.12",
        [tcp, verified](Snapshot &s) { tcp(s, verified); }, Verdict::Pass,
        "/etc/docker/tls/cert.pem | 0400 | 0444 or stricter");
    row(
        "3.12 server cert 0644", "3.12",
        [tcp, verified](Snapshot &s) {
            tcp(s, verified);
            host(s).files[QStringLiteral("/etc/docker/tls/cert.pem")].mode = 0644;
        },
        Verdict::Warn, "0644 (bits 0200 beyond 0444)");
    // Rule: a TCP listener without --tlscert is no file to judge; 2.7 owns the finding.
    row(
        "3.12 tcp without a server cert", "3.12", [tcp](Snapshot &s) { tcp(s, {}); },
        Verdict::NotApplicable, "see check 2.7");
    row(
        "3.13 server key root:root", "3.13", [tcp, verified](Snapshot &s) { tcp(s, verified); },
        Verdict::Pass, "/etc/docker/tls/key.pem | root:root (0:0)");
    // Rule: the key's group is root, not docker.
    row(
        "3.13 server key group docker", "3.13",
        [tcp, verified](Snapshot &s) {
            tcp(s, verified);
            host(s).files[QStringLiteral("/etc/docker/tls/key.pem")].gid = kDockerGid;
        },
        Verdict::Warn, "/etc/docker/tls/key.pem | root:root (0:999)");
    row(
        "3.13 folder above the key owned by a user", "3.13",
        [tcp, verified](Snapshot &s) {
            tcp(s, verified);
            host(s).files[QStringLiteral("/etc/docker/tls")].uid = 1000;
        },
        Verdict::Warn, "/etc/docker/tls (folder above /etc/docker/tls/key.pem)");

    // 3.19 and 3.22: environment files root:root where they exist.
    row("3.19 /etc/default/docker missing", "3.19", none, Verdict::NotApplicable, "does not exist");
    row(
        "3.19 /etc/default/docker root:root", "3.19",
        [](Snapshot &s) {
            putFile(host(s),
                    makeFile(QStringLiteral("/etc/default/docker"), FileType::Regular, 0644));
        },
        Verdict::Pass, "/etc/default/docker | root:root (0:0)");
    row(
        "3.19 /etc/default/docker owned by a user", "3.19",
        [](Snapshot &s) {
            putFile(host(s),
                    makeFile(QStringLiteral("/etc/default/docker"), FileType::Regular, 0644, 1000));
        },
        Verdict::Warn, "/etc/default/docker | 1000:root (1000:0)");
    row("3.22 /etc/sysconfig/docker missing", "3.22", none, Verdict::NotApplicable,
        "does not exist");
    row(
        "3.22 /etc/sysconfig/docker root:root", "3.22",
        [](Snapshot &s) {
            putFile(host(s),
                    makeFile(QStringLiteral("/etc/sysconfig/docker"), FileType::Regular, 0644));
        },
        Verdict::Pass, "/etc/sysconfig/docker | root:root (0:0)");
    row(
        "3.22 /etc/sysconfig/docker group docker", "3.22",
        [](Snapshot &s) {
            putFile(host(s), makeFile(QStringLiteral("/etc/sysconfig/docker"), FileType::Regular,
                                      0644, 0, kDockerGid));
        },
        Verdict::Warn, "/etc/sysconfig/docker | root:docker (0:999)");
    row(
        "3.22 /etc/sysconfig/docker unreadable", "3.22",
        [](Snapshot &s) {
            host(s).files[QStringLiteral("/etc/sysconfig/docker")].error =
                QStringLiteral("Cannot examine /etc/sysconfig/docker: Permission denied.");
        },
        Verdict::Error, "Cannot examine /etc/sysconfig/docker");
}

void TestHostChecks::verdicts()
{
    QFETCH(QString, check);
    QFETCH(Mutator, mutate);
    QFETCH(int, verdict);
    QFETCH(QString, mentions);
    Snapshot snapshot = hardenedSnapshot();
    mutate(snapshot);
    const CheckFunction evaluate = findCheck(check);
    QVERIFY(evaluate != nullptr);
    const Finding finding = evaluate(snapshot);
    const QString text = findingText(finding);
    QVERIFY2(finding.verdict == Verdict(verdict),
             qPrintable(QStringLiteral("got %1: %2").arg(verdictName(finding.verdict), text)));
    QVERIFY2(text.contains(mentions), qPrintable(text));
    // A check never passes or warns without saying what it looked at.
    if (finding.verdict == Verdict::Warn || finding.verdict == Verdict::Pass) {
        QVERIFY2(!finding.evidence.isEmpty(), qPrintable(text));
    }
    if (finding.verdict == Verdict::NotApplicable || finding.verdict == Verdict::Error) {
        QVERIFY(!finding.reason.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestHostChecks)
#include "tst_hostchecks.moc"
