// SPDX-License-Identifier: GPL-3.0-or-later
// The checks of sections 4-6 on the real engine: containers started with
// deliberately varied settings from an image built offline here, then the
// collector and the runner, then each relevant verdict and its evidence per
// container. Everything created carries a label unique to this run and is
// removed at the end.
#include "bench/catalogue.h"
#include "bench/runner.h"

#include "docker/endpoint.h"
#include "docker/engineclient.h"
#include "util/process.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace drydock;
using namespace drydock::bench;
using nlohmann::json;

namespace {

// A static x86-64 program that waits in pause(2) forever: installed as
// /usr/sbin/sshd it is a process named sshd without an SSH server (the
// busybox applets pick their behaviour from their name).
QByteArray pauseProgram()
{
    QByteArray elf;
    auto put = [&elf](quint64 value, int bytes) {
        for (int i = 0; i < bytes; ++i) {
            elf.append(char((value >> (8 * i)) & 0xff));
        }
    };
    const quint64 base = 0x400000;
    const QByteArray code = QByteArray::fromHex("b8220000000f05ebf7"); // pause; loop
    const quint64 size = 64 + 56 + quint64(code.size());
    elf.append("\x7f"
               "ELF\x02\x01\x01",
               7);
    elf.append(QByteArray(9, '\0'));
    put(2, 2);          // ET_EXEC
    put(0x3e, 2);       // x86-64
    put(1, 4);          // version
    put(base + 120, 8); // entry
    put(64, 8);         // program headers
    put(0, 8);          // no sections
    put(0, 4);          // flags
    put(64, 2);         // header size
    put(56, 2);         // program header size
    put(1, 2);          // one program header
    put(64, 2);         // section header size
    put(0, 2);          // no sections
    put(0, 2);          // no section names
    put(1, 4);          // PT_LOAD
    put(5, 4);          // read + execute
    put(0, 8);          // from the file's start
    put(base, 8);       // virtual address
    put(base, 8);       // physical address
    put(size, 8);       // file size
    put(size, 8);       // memory size
    put(0x1000, 8);     // alignment
    elf.append(code);
    return elf;
}

struct Created
{
    QString name;
    QString id;
};

} // namespace

class BenchEngineTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void verdictsPerContainer();
    void evidencePerContainer_data();
    void evidencePerContainer();
    void singleCheckRunsAgree();

private:
    Result<QString> create(docker::ContainerSpec spec, bool start = true);
    const Finding &finding(const QString &checkId) const;
    // The evidence item of `container` in `checkId`, or nullptr.
    const Evidence *item(const QString &checkId, const QString &container) const;
    bool offends(const QString &checkId, const QString &container) const;
    // The observed value of that item, or "(absent)".
    QString observed(const QString &checkId, const QString &container) const;

    std::optional<docker::EngineClient> m_client;
    QString m_unique;
    QString m_image;
    QString m_network;
    QList<Created> m_created;
    int m_privilegedPort = 0;
    std::optional<Run> m_run;
};

void BenchEngineTest::initTestCase()
{
    auto endpoint = docker::resolveEndpoint({}, docker::processEnvironment());
    QVERIFY2(endpoint.ok(), endpoint.ok() ? "" : qPrintable(endpoint.error().text()));
    m_client.emplace(*endpoint);
    auto ping = m_client->negotiate();
    if (!ping) {
        QSKIP(qPrintable(QStringLiteral("no engine: ") + ping.error().text()));
    }
    if (QSysInfo::currentCpuArchitecture() != QLatin1String("x86_64")) {
        QSKIP("the sshd stand-in is an x86-64 program");
    }
    m_unique = QStringLiteral("drbt%1").arg(QCoreApplication::applicationPid());

    // The base image: busybox-static and the pause program, imported.
    const QString busybox = QStringLiteral("/bin/busybox");
    if (!QFile::exists(busybox)) {
        QSKIP("busybox-static is not installed");
    }
    QTemporaryDir root;
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("bin")));
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("usr/sbin")));
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("tmp")));
    QVERIFY(QFile::copy(busybox, root.filePath(QStringLiteral("bin/busybox"))));
    for (const char *applet : {"sh", "sleep", "true"}) {
        QVERIFY(QFile::link(QStringLiteral("busybox"),
                            root.filePath(QStringLiteral("bin/") + QLatin1String(applet))));
    }
    // A passwd file, so that --user root resolves by name.
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("etc")));
    QFile passwd(root.filePath(QStringLiteral("etc/passwd")));
    QVERIFY(passwd.open(QIODevice::WriteOnly));
    passwd.write("root:x:0:0:root:/:/bin/sh\n");
    passwd.close();
    QFile sshd(root.filePath(QStringLiteral("usr/sbin/sshd")));
    QVERIFY(sshd.open(QIODevice::WriteOnly));
    sshd.write(pauseProgram());
    sshd.close();
    QVERIFY(sshd.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                QFileDevice::ExeGroup));
    ProcessSpec tarSpec;
    tarSpec.program = QStringLiteral("tar");
    tarSpec.arguments = {QStringLiteral("-C"), root.path(), QStringLiteral("-c"),
                         QStringLiteral(".")};
    auto tar = runProcess(tarSpec);
    QVERIFY2(tar.ok() && tar->exitCode == 0, "tar of the root filesystem");
    const QString repo = QStringLiteral("drydock-benchtest-") + m_unique;
    auto imported = m_client->importImage(tar->out, repo, QStringLiteral("1"));
    QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().text()));
    m_image = repo + QStringLiteral(":1");
    // A second tag on the same image: one image for 4.6 and 6.1.
    QVERIFY(m_client->tagImage(m_image, repo, QStringLiteral("2")).ok());

    // A user-defined network (the client has no call for it: raw request).
    HttpRequest request;
    request.method = "POST";
    request.path =
        QStringLiteral("/v") + m_client->apiVersion() + QStringLiteral("/networks/create");
    request.addHeader("Content-Type", "application/json");
    m_network = m_unique + QStringLiteral("-net");
    request.body = QByteArray::fromStdString(
        json({{"Name", m_network.toStdString()},
              {"Labels", {{"drydock.benchtest", m_unique.toStdString()}}}})
            .dump());
    auto network = m_client->request(request);
    QVERIFY(network.ok() && network->status == 201);

    const QMap<QString, QString> labels = {{QStringLiteral("drydock.benchtest"), m_unique}};
    auto spec = [&](const QString &name) {
        docker::ContainerSpec s;
        s.image = m_image;
        s.name = m_unique + QLatin1Char('-') + name;
        s.cmd = {QStringLiteral("sleep"), QStringLiteral("3600")};
        s.labels = labels;
        return s;
    };

    // Hardened: non-root, read-only, limits, no capabilities, no new
    // privileges, health check, on-failure:5, a port on loopback, own network.
    docker::ContainerSpec hardened = spec(QStringLiteral("hardened"));
    hardened.user = QStringLiteral("1000:1000");
    hardened.readonlyRootfs = true;
    hardened.memory = 64 * 1024 * 1024;
    hardened.nanoCpus = 500000000;
    hardened.pidsLimit = 64;
    hardened.capDrop = {QStringLiteral("ALL")};
    hardened.noNewPrivileges = true;
    hardened.healthcheck.test = {QStringLiteral("CMD"), QStringLiteral("/bin/true")};
    hardened.healthcheck.intervalNs = 1000000000;
    hardened.restartPolicy = QStringLiteral("on-failure");
    hardened.restartMaxRetries = 5;
    hardened.ports = {{QStringLiteral("8080/tcp"), QStringLiteral("127.0.0.1"), QString()}};
    hardened.networkMode = m_network;
    QVERIFY(create(hardened).ok());

    // Published on every interface, one of them a privileged host port; the
    // port is picked per run and the next one tried if it is taken.
    bool started = false;
    for (int attempt = 0; attempt < 5 && !started; ++attempt) {
        m_privilegedPort = 600 + int((QCoreApplication::applicationPid() + attempt * 37) % 380);
        docker::ContainerSpec ports = spec(QStringLiteral("ports"));
        ports.ports = {{QStringLiteral("80/tcp"), QString(), QString::number(m_privilegedPort)},
                       {QStringLiteral("81/tcp"), QString(), QString()}};
        ports.restartPolicy = QStringLiteral("always");
        started = create(ports).ok();
    }
    QVERIFY2(started, "no free privileged port for the ports container");

    docker::ContainerSpec caps = spec(QStringLiteral("caps"));
    caps.capAdd = {QStringLiteral("NET_ADMIN"), QStringLiteral("cap_sys_ptrace")};
    caps.capDrop = {QStringLiteral("NET_RAW")};
    QVERIFY(create(caps).ok());

    docker::ContainerSpec socket = spec(QStringLiteral("socket"));
    docker::Mount mount;
    mount.type = QStringLiteral("bind");
    mount.source = QStringLiteral("/var/run/docker.sock");
    mount.destination = QStringLiteral("/var/run/docker.sock");
    mount.rw = false;
    socket.mounts = {mount};
    QVERIFY(create(socket).ok());

    docker::ContainerSpec host = spec(QStringLiteral("hostns"));
    host.networkMode = QStringLiteral("host");
    host.pidMode = QStringLiteral("host");
    host.ipcMode = QStringLiteral("host");
    host.utsMode = QStringLiteral("host");
    QVERIFY(create(host).ok());

    // Joins the host-namespace container's network: the host's, in effect.
    docker::ContainerSpec joiner = spec(QStringLiteral("joiner"));
    joiner.networkMode = QStringLiteral("container:") + m_unique + QStringLiteral("-hostns");
    QVERIFY(create(joiner).ok());

    docker::ContainerSpec sshdSpec = spec(QStringLiteral("sshd"));
    sshdSpec.cmd = {QStringLiteral("/usr/sbin/sshd")};
    QVERIFY(create(sshdSpec).ok());

    // Root by name, yet read-only with CPU shares, a memory limit, a
    // failing health check, too many restarts, /etc mounted read-only and
    // seccomp turned off.
    docker::ContainerSpec rootro = spec(QStringLiteral("rootro"));
    rootro.user = QStringLiteral("root");
    rootro.readonlyRootfs = true;
    rootro.cpuShares = 512;
    rootro.memory = 32 * 1024 * 1024;
    rootro.restartPolicy = QStringLiteral("on-failure");
    rootro.restartMaxRetries = 10;
    rootro.healthcheck.test = {QStringLiteral("CMD"), QStringLiteral("/bin/sh"),
                               QStringLiteral("-c"), QStringLiteral("exit 1")};
    rootro.healthcheck.intervalNs = 1000000000;
    docker::Mount etc;
    etc.type = QStringLiteral("bind");
    etc.source = QStringLiteral("/etc");
    etc.destination = QStringLiteral("/host/etc");
    etc.rw = false;
    rootro.mounts = {etc};
    rootro.securityOpt = {QStringLiteral("seccomp=unconfined")};
    {
        auto created = create(rootro);
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().text()));
    }

    // uid 0 spelled as numbers, one default capability dropped, restarts
    // unless stopped, no health check, no limits.
    docker::ContainerSpec uid0 = spec(QStringLiteral("uid0"));
    uid0.user = QStringLiteral("0:0");
    uid0.capDrop = {QStringLiteral("NET_RAW")};
    uid0.restartPolicy = QStringLiteral("unless-stopped");
    {
        auto created = create(uid0);
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().text()));
    }

    // Never started: judged on its configuration, not on runtime state.
    QVERIFY(create(spec(QStringLiteral("stopped")), false).ok());

    // Let the health check report once.
    for (int i = 0; i < 50; ++i) {
        auto inspect = m_client->inspectContainer(m_created.first().id);
        if (inspect && !inspect->state.healthStatus.isEmpty()) {
            break;
        }
        QThread::msleep(100);
    }

    RunOptions options;
    options.checks.include = {QStringLiteral("4"), QStringLiteral("5"), QStringLiteral("6")};
    options.containers.labels = {QStringLiteral("drydock.benchtest=") + m_unique};
    auto run = runBenchmark(*m_client, options);
    QVERIFY2(run.ok(), run.ok() ? "" : qPrintable(run.error().text()));
    m_run = std::move(run).value();
}

void BenchEngineTest::cleanupTestCase()
{
    if (!m_client) {
        return;
    }
    for (const Created &created : std::as_const(m_created)) {
        (void)m_client->removeContainer(created.id, true);
    }
    if (!m_network.isEmpty()) {
        HttpRequest request;
        request.method = "DELETE";
        request.path = QStringLiteral("/v") + m_client->apiVersion() +
                       QStringLiteral("/networks/") + m_network;
        (void)m_client->request(request);
    }
    if (!m_image.isEmpty()) {
        const QString repo = m_image.section(QLatin1Char(':'), 0, 0);
        (void)m_client->removeImage(repo + QStringLiteral(":2"), true);
        (void)m_client->removeImage(m_image, true);
    }
}

Result<QString> BenchEngineTest::create(docker::ContainerSpec spec, bool start)
{
    auto id = m_client->createContainer(spec);
    if (!id) {
        return id.error();
    }
    m_created.append({spec.name, *id});
    if (start) {
        auto started = m_client->startContainer(*id);
        if (!started) {
            (void)m_client->removeContainer(*id, true);
            m_created.removeLast();
            return started.error();
        }
    }
    return *id;
}

const Finding &BenchEngineTest::finding(const QString &checkId) const
{
    const Finding *found = m_run->finding(checkId);
    if (found == nullptr) {
        qFatal("check %s missing from the run", qPrintable(checkId));
    }
    return *found;
}

const Evidence *BenchEngineTest::item(const QString &checkId, const QString &container) const
{
    const QString name = m_unique + QLatin1Char('-') + container;
    for (const Evidence &evidence : finding(checkId).evidence) {
        if (evidence.item == name) {
            return &evidence;
        }
    }
    return nullptr;
}

bool BenchEngineTest::offends(const QString &checkId, const QString &container) const
{
    const Finding &f = finding(checkId);
    const bool offenceVerdict =
        f.verdict == Verdict::Warn || f.verdict == Verdict::Info || f.verdict == Verdict::Note;
    return offenceVerdict && item(checkId, container) != nullptr;
}

QString BenchEngineTest::observed(const QString &checkId, const QString &container) const
{
    const Evidence *evidence = item(checkId, container);
    return evidence == nullptr ? QStringLiteral("(absent)") : evidence->observed;
}

void BenchEngineTest::verdictsPerContainer()
{
    QVERIFY(m_run);
    QVERIFY2(!m_run->partial, qPrintable(m_run->partialReason));
    const QString hardened = QStringLiteral("hardened");

    // Every container is judged, with its id and image in the evidence.
    const Evidence *memory = item(QStringLiteral("5.11"), QStringLiteral("ports"));
    QVERIFY(memory != nullptr);
    QCOMPARE(memory->image, m_image);
    QVERIFY(memory->itemId.size() == 64);
    QVERIFY(memory->observed.contains(QLatin1String("unlimited")));

    // The hardened container passes what it was hardened for.
    for (const char *check :
         {"4.1",  "5.4",  "5.5",  "5.6",  "5.7",  "5.10", "5.11", "5.12", "5.13", "5.14", "5.15",
          "5.16", "5.17", "5.21", "5.22", "5.26", "5.27", "5.29", "5.30", "5.31", "5.32"}) {
        QVERIFY2(!offends(QLatin1String(check), hardened), check);
    }
    // Alone, it passes with what was examined as evidence.
    RunOptions alone;
    alone.checks.include = {QStringLiteral("5.11"), QStringLiteral("5.29")};
    alone.containers.namePattern = QLatin1Char('^') + m_unique + QStringLiteral("-hardened$");
    auto run = runBenchmark(*m_client, alone);
    QVERIFY(run.ok());
    const Finding *limit = run->finding(QStringLiteral("5.11"));
    QCOMPARE(limit->verdict, Verdict::Pass);
    QCOMPARE(limit->evidence.size(), 1);
    QVERIFY(limit->evidence.first().observed.contains(QLatin1String("64MiB")));
    QCOMPARE(run->finding(QStringLiteral("5.29"))->evidence.first().observed,
             QStringLiteral("PidsLimit=64"));

    // Ports: every interface, IPv4 (and IPv6 where the engine binds it).
    QVERIFY(offends(QStringLiteral("5.14"), QStringLiteral("ports")));
    QVERIFY(observed(QStringLiteral("5.14"), QStringLiteral("ports"))
                .contains(QLatin1String("0.0.0.0:")));
    QVERIFY(offends(QStringLiteral("5.8"), QStringLiteral("ports")));
    QVERIFY(observed(QStringLiteral("5.8"), QStringLiteral("ports"))
                .contains(QString::number(m_privilegedPort)));
    QVERIFY(!observed(QStringLiteral("5.8"), QStringLiteral("ports"))
                 .contains(QLatin1String("->81/tcp"))); // random, unprivileged
    QVERIFY(offends(QStringLiteral("5.9"), QStringLiteral("ports")));
    QVERIFY(offends(QStringLiteral("5.15"), QStringLiteral("ports"))); // restart always

    // Capabilities, added in two spellings.
    QVERIFY(offends(QStringLiteral("5.4"), QStringLiteral("caps")));
    const QString caps = observed(QStringLiteral("5.4"), QStringLiteral("caps"));
    QVERIFY2(caps.contains(QLatin1String("NET_ADMIN")) &&
                 caps.contains(QLatin1String("SYS_PTRACE")),
             qPrintable(caps));

    // The docker socket, read-only or not.
    QVERIFY(offends(QStringLiteral("5.32"), QStringLiteral("socket")));
    QVERIFY(!offends(QStringLiteral("5.6"), QStringLiteral("socket")));

    // Host namespaces.
    for (const char *check : {"5.10", "5.16", "5.17", "5.21"}) {
        QVERIFY2(offends(QLatin1String(check), QStringLiteral("hostns")), check);
    }
    QVERIFY(offends(QStringLiteral("5.9"), QStringLiteral("hostns"))); // host network
    QVERIFY(offends(QStringLiteral("5.10"), QStringLiteral("joiner")));
    // The joiner audited alone: the container it joins is read to follow
    // the join, but not judged itself.
    RunOptions joinerOnly;
    joinerOnly.checks.include = {QStringLiteral("5.10")};
    joinerOnly.containers.namePattern = QLatin1Char('^') + m_unique + QStringLiteral("-joiner$");
    auto joinerRun = runBenchmark(*m_client, joinerOnly);
    QVERIFY(joinerRun.ok());
    const Finding *joined = joinerRun->finding(QStringLiteral("5.10"));
    QCOMPARE(joined->verdict, Verdict::Warn);
    QCOMPARE(joined->evidence.size(), 1);
    QVERIFY2(joined->evidence.first().observed.contains(QLatin1String("joins a container")),
             qPrintable(joined->evidence.first().observed));

    // sshd, seen from the host side although the image has no ps.
    QVERIFY(offends(QStringLiteral("5.7"), QStringLiteral("sshd")));
    QVERIFY(!offends(QStringLiteral("5.7"), QStringLiteral("ports")));
    // The same through the engine's /top, as for a remote engine whose
    // host's /proc cannot be read.
    docker::Endpoint remote = m_client->endpoint();
    remote.local = false;
    docker::EngineClient viaTop(remote);
    RunOptions sshdOnly;
    sshdOnly.checks.include = {QStringLiteral("5.7")};
    sshdOnly.containers.labels = {QStringLiteral("drydock.benchtest=") + m_unique};
    auto topRun = runBenchmark(viaTop, sshdOnly);
    QVERIFY(topRun.ok());
    const Finding *sshd = topRun->finding(QStringLiteral("5.7"));
    QCOMPARE(sshd->verdict, Verdict::Warn);
    QCOMPARE(sshd->evidence.size(), 1);
    QVERIFY(sshd->evidence.first().item.endsWith(QLatin1String("-sshd")));
    QVERIFY(sshd->evidence.first().observed.contains(QLatin1String("/usr/sbin/sshd")));
    // Rule: against an engine that is not on this machine the host's files
    // are out of reach: sections 1.1 and 3 are not applicable, with why,
    // and section 2 answers from the API or says it cannot.
    RunOptions hostOnly;
    hostOnly.checks.include = {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")};
    auto remoteRun = runBenchmark(viaTop, hostOnly);
    QVERIFY(remoteRun.ok());
    for (const Finding &f : remoteRun->findings) {
        QVERIFY2(f.verdict != Verdict::Error, qPrintable(f.checkId + QLatin1Char(' ') + f.reason));
        if (f.checkId.startsWith(QLatin1String("1.1.")) ||
            f.checkId.startsWith(QLatin1String("3."))) {
            QVERIFY2(f.verdict == Verdict::NotApplicable, qPrintable(f.checkId));
            QVERIFY2(f.reason.contains(QLatin1String("not on this machine")),
                     qPrintable(f.checkId + QLatin1Char(' ') + f.reason));
        }
    }
    QCOMPARE(remoteRun->finding(QStringLiteral("2.6"))->verdict, Verdict::Pass); // from /info

    // The default bridge (5.30) against the user network.
    QVERIFY(offends(QStringLiteral("5.30"), QStringLiteral("caps")));
    QVERIFY(!offends(QStringLiteral("5.30"), hardened));

    // The stopped container: configuration judged, runtime skipped.
    const Evidence *stopped = item(QStringLiteral("5.11"), QStringLiteral("stopped"));
    QVERIFY(stopped != nullptr);
    QVERIFY(stopped->observed.contains(QLatin1String("(created)")));
    QVERIFY(item(QStringLiteral("5.27"), QStringLiteral("stopped")) == nullptr);
    QVERIFY(item(QStringLiteral("5.7"), QStringLiteral("stopped")) == nullptr);

    // The image, tagged twice, is one image without HEALTHCHECK (4.6) and
    // its containers run as root (4.1) unless told otherwise.
    const Finding &health = finding(QStringLiteral("4.6"));
    bool found = false;
    for (const Evidence &evidence : health.evidence) {
        if (evidence.item.contains(m_image)) {
            found = true;
            QVERIFY(evidence.item.contains(m_image.section(QLatin1Char(':'), 0, 0) +
                                           QStringLiteral(":2")));
        }
    }
    QVERIFY(found);
    QVERIFY(offends(QStringLiteral("4.1"), QStringLiteral("caps")));
    QVERIFY(!offends(QStringLiteral("6.1"), QStringLiteral("caps"))); // images, not containers
}

void BenchEngineTest::evidencePerContainer_data()
{
    QTest::addColumn<QString>("check");
    QTest::addColumn<QString>("container");
    QTest::addColumn<bool>("offends");
    QTest::addColumn<QString>("observed"); // in that container's evidence

    const auto row = [](const char *check, const char *container, bool offence, const char *seen) {
        QTest::addRow("%s %s", check, container)
            << QString::fromLatin1(check) << QString::fromLatin1(container) << offence
            << QString::fromLatin1(seen);
    };
    // 4.1: a user by number, root by name and uid 0 by numbers.
    row("4.1", "hardened", false, "User=1000:1000");
    row("4.1", "rootro", true, "User=root");
    row("4.1", "uid0", true, "User=0:0");
    row("4.1", "ports", true, "User= (root by default)");
    // 5.4: dropping capabilities is fine; adding beyond the default is not.
    row("5.4", "hardened", false, "CapDrop=[ALL]");
    row("5.4", "uid0", false, "CapDrop=[NET_RAW]");
    row("5.4", "caps", true, "beyond default: NET_ADMIN SYS_PTRACE");
    // 5.6: /etc mounted whole is sensitive even read-only; the socket is 5.32's.
    row("5.6", "rootro", true, "/etc:/host/etc (ro)");
    row("5.6", "socket", false, "no sensitive mount");
    // 5.8 / 5.14: loopback and unprivileged ports.
    row("5.8", "hardened", false, "127.0.0.1:");
    row("5.14", "hardened", false, "127.0.0.1:");
    row("5.14", "uid0", false, "no published port");
    // 5.10, 5.16, 5.17, 5.21: host namespaces, and their private defaults.
    row("5.10", "hostns", true, "NetworkMode=host");
    row("5.16", "hostns", true, "PidMode=host");
    row("5.17", "hostns", true, "IpcMode=host");
    row("5.21", "hostns", true, "UTSMode=host");
    row("5.16", "hardened", false, "PidMode=(default)");
    // 5.11, 5.12, 5.29: limits.
    row("5.11", "hardened", false, "Memory=64MiB");
    row("5.11", "rootro", false, "Memory=32MiB");
    row("5.11", "uid0", true, "Memory=0 (unlimited)");
    row("5.12", "hardened", false, "NanoCpus=500000000");
    row("5.12", "rootro", false, "CpuShares=512");
    row("5.12", "uid0", true, "CpuShares=0 NanoCpus=0 CpuQuota=0");
    row("5.29", "hardened", false, "PidsLimit=64");
    row("5.29", "uid0", true, "unlimited");
    // 5.13: read-only root.
    row("5.13", "hardened", false, "ReadonlyRootfs=true");
    row("5.13", "rootro", false, "ReadonlyRootfs=true");
    row("5.13", "uid0", true, "ReadonlyRootfs=false");
    // 5.15: restart policies.
    row("5.15", "hardened", false, "RestartPolicy=on-failure:5");
    row("5.15", "rootro", true, "RestartPolicy=on-failure:10");
    row("5.15", "uid0", true, "RestartPolicy=unless-stopped");
    row("5.15", "ports", true, "RestartPolicy=always");
    row("5.15", "caps", false, "RestartPolicy=");
    // 5.22 / 5.26: seccomp and no-new-privileges.
    row("5.22", "hardened", false, "engine default profile");
    row("5.22", "rootro", true, "SecurityOpt=seccomp=unconfined");
    row("5.26", "hardened", false, "no-new-privileges:true");
    row("5.26", "uid0", true, "no no-new-privileges option");
    // 5.27: a failing health check is still a health check.
    row("5.27", "hardened", false, "Health=");
    row("5.27", "rootro", false, "Health=");
    row("5.27", "uid0", true, "no health check");
    // 5.30: the user network against the default bridge.
    row("5.30", "caps", true, "Networks=[bridge]");
    // 5.32: the socket, read-only.
    row("5.32", "socket", true, "/var/run/docker.sock:/var/run/docker.sock (ro)");
    row("5.32", "hardened", false, "no socket mount");
    // 5.7: the sshd stand-in, by its command line.
    row("5.7", "sshd", true, "/usr/sbin/sshd");
    row("5.7", "hardened", false, "none is sshd");
}

void BenchEngineTest::evidencePerContainer()
{
    QFETCH(QString, check);
    QFETCH(QString, container);
    QFETCH(bool, offends);
    QFETCH(QString, observed);
    QVERIFY(m_run);
    const Evidence *evidence = nullptr;
    std::optional<Run> alone;
    if (offends) {
        QVERIFY2(this->offends(check, container), qPrintable(finding(check).summary));
        evidence = item(check, container);
    } else {
        // A finding with offenders lists only them, so a clean container's
        // evidence is read from a run over that container alone, which
        // passes.
        QVERIFY(!this->offends(check, container));
        RunOptions options;
        options.checks.include = {check};
        options.containers.namePattern =
            QLatin1Char('^') + m_unique + QLatin1Char('-') + container + QLatin1Char('$');
        auto run = runBenchmark(*m_client, options);
        QVERIFY2(run.ok(), run.ok() ? "" : qPrintable(run.error().text()));
        alone = std::move(run).value();
        const Finding *f = alone->finding(check);
        QVERIFY(f != nullptr);
        QVERIFY2(f->verdict == Verdict::Pass,
                 qPrintable(verdictName(f->verdict) + QLatin1Char(' ') + f->summary));
        QCOMPARE(f->evidence.size(), 1);
        evidence = &f->evidence.first();
        QCOMPARE(evidence->item, m_unique + QLatin1Char('-') + container);
    }
    QVERIFY2(evidence != nullptr, qPrintable(container + QStringLiteral(" missing from ") + check));
    QVERIFY2(evidence->observed.contains(observed), qPrintable(evidence->observed));
    QVERIFY(!evidence->expected.isEmpty());
    QCOMPARE(evidence->itemId.size(), 64);
    QCOMPARE(evidence->image, m_image);
}

void BenchEngineTest::singleCheckRunsAgree()
{
    // Rule: a check run alone collects everything it reads, so its verdict
    // is the one it has in the full run (2.2 once lacked the network list).
    QVERIFY(m_run);
    QStringList ids;
    for (const Finding &f : m_run->findings) {
        ids.append(f.checkId);
    }
    RunOptions all;
    all.containers.labels = {QStringLiteral("drydock.benchtest=") + m_unique};
    auto full = runBenchmark(*m_client, all);
    QVERIFY(full.ok());
    for (const Finding &whole : full->findings) {
        RunOptions alone = all;
        alone.checks.include = {whole.checkId};
        auto single = runBenchmark(*m_client, alone);
        QVERIFY(single.ok());
        const Finding *one = single->finding(whole.checkId);
        QVERIFY(one != nullptr);
        QVERIFY2(one->verdict == whole.verdict,
                 qPrintable(whole.checkId + QStringLiteral(": alone ") + verdictName(one->verdict) +
                            QStringLiteral(" (") + one->summary + QStringLiteral(" ") +
                            one->reason + QStringLiteral("), in full ") +
                            verdictName(whole.verdict)));
        QVERIFY2(!one->reason.contains(QLatin1String("not collected")) &&
                     !one->reason.contains(QLatin1String("not selected")),
                 qPrintable(whole.checkId + QStringLiteral(": ") + one->reason));
    }
}

QTEST_GUILESS_MAIN(BenchEngineTest)
#include "tst_benchengine.moc"
