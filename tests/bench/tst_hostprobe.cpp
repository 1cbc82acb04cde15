// SPDX-License-Identifier: GPL-3.0-or-later
// The host probe over a fake root (a /proc, /etc, /run tree built in a temp
// folder) and over this machine's real dockerd.
#include "bench/check.h"
#include "bench/hostprobe.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace drydock::bench;

namespace {

bool writeFile(const QString &path, const QByteArray &data, unsigned mode = 0644)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    file.write(data);
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

bool makeLink(const QString &target, const QString &link)
{
    QDir().mkpath(QFileInfo(link).absolutePath());
    return ::symlink(QFile::encodeName(target).constData(), QFile::encodeName(link).constData()) ==
           0;
}

// A listening unix socket at `path`, as dockerd leaves it.
bool makeSocket(const QString &path, unsigned mode)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    const QByteArray native = QFile::encodeName(path);
    if (fd < 0 || size_t(native.size()) >= sizeof address.sun_path) {
        return false;
    }
    qstrncpy(address.sun_path, native.constData(), sizeof address.sun_path);
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    ::close(fd);
    return bound && ::chmod(native.constData(), mode) == 0;
}

void fakeProcess(const QString &root, int pid, const QByteArray &comm, const QStringList &argv,
                 const QString &exe, int ppid, const QByteArray &environ = {})
{
    const QString dir = root + QStringLiteral("/proc/%1/").arg(pid);
    QByteArray cmdline;
    for (const QString &arg : argv) {
        cmdline += arg.toUtf8() + '\0';
    }
    QVERIFY(writeFile(dir + QStringLiteral("comm"), comm + '\n'));
    QVERIFY(writeFile(dir + QStringLiteral("cmdline"), cmdline));
    QVERIFY(writeFile(dir + QStringLiteral("status"), "Name:\t" + comm + "\nPPid:\t" +
                                                          QByteArray::number(ppid) +
                                                          "\nUid:\t0\t0\t0\t0\n"));
    QVERIFY(writeFile(dir + QStringLiteral("environ"), environ));
    // exe points at a path inside the fake root by its host-side name.
    QVERIFY(makeLink(exe, dir + QStringLiteral("exe")));
}

const Finding evaluate(const char *id, const Snapshot &snapshot)
{
    for (const QList<CheckLogic> *family : {&hostChecks(), &daemonChecks(), &fileChecks()}) {
        for (const CheckLogic &logic : *family) {
            if (qstrcmp(logic.id, id) == 0) {
                return logic.evaluate(snapshot);
            }
        }
    }
    return {};
}

} // namespace

class TestHostProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fakeRoot();
    void missingRoot();
    void tlsFilesFromTheEnvironment();
    void auditRuleFilesInOrder();
    void realHost();
};

void TestHostProbe::fakeRoot()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString r = temp.path();

    // Binaries outside /usr/bin: found from the processes, not assumed.
    QVERIFY(writeFile(r + QStringLiteral("/usr/sbin/dockerd"), "elf", 0755));
    QVERIFY(writeFile(r + QStringLiteral("/opt/ctr/bin/containerd"), "elf", 0755));
    QVERIFY(writeFile(r + QStringLiteral("/opt/ctr/bin/containerd-shim-runc-v2"), "elf", 0755));
    QVERIFY(writeFile(r + QStringLiteral("/opt/runtimes/runc"), "elf", 0755));

    fakeProcess(r, 100, "dockerd",
                {QStringLiteral("/usr/sbin/dockerd"), QStringLiteral("-H"), QStringLiteral("fd://"),
                 QStringLiteral("-H"), QStringLiteral("tcp://[::]:2376"),
                 QStringLiteral("--config-file=/etc/docker/custom.json"), QStringLiteral("--icc=0"),
                 QStringLiteral("--data-root"), QStringLiteral("/srv/docker")},
                QStringLiteral("/usr/sbin/dockerd"), 1,
                QByteArray("PATH=/opt/runtimes:/usr/bin\0HOME=/root\0", 39));
    fakeProcess(r, 200, "containerd",
                {QStringLiteral("containerd"), QStringLiteral("--config"),
                 QStringLiteral("/etc/containerd/alt.toml")},
                QStringLiteral("/opt/ctr/bin/containerd"), 100);
    fakeProcess(r, 300, "containerd-shim",
                {QStringLiteral("/opt/ctr/bin/containerd-shim-runc-v2"), QStringLiteral("-id"),
                 QStringLiteral("x")},
                QStringLiteral("/opt/ctr/bin/containerd-shim-runc-v2"), 1);
    fakeProcess(r, 400, "docker-proxy", {QStringLiteral("docker-proxy")},
                QStringLiteral("/usr/sbin/docker-proxy"), 100);
    QVERIFY(writeFile(r + QStringLiteral("/proc/self/mountinfo"),
                      "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"));

    QVERIFY(writeFile(r + QStringLiteral("/etc/docker/custom.json"),
                      R"({"log-level": "debug", "tlsverify": true,
                          "tlscacert": "/etc/docker/tls/ca.pem"})"));
    QVERIFY(writeFile(r + QStringLiteral("/etc/docker/tls/ca.pem"), "pem", 0644));
    QVERIFY(writeFile(r + QStringLiteral("/etc/docker/certs.d/reg:5000/ca.crt"), "crt", 0622));
    QVERIFY(writeFile(r + QStringLiteral("/etc/containerd/alt.toml"),
                      "version = 2\nstate = \"/run/alt/state\"\n[grpc]\n"
                      "  address = \"/run/alt/c.sock\"\n"));
    QVERIFY(QDir().mkpath(r + QStringLiteral("/run/alt/state")));
    QVERIFY(makeSocket(r + QStringLiteral("/run/alt/c.sock"), 0660));
    QVERIFY(makeSocket(r + QStringLiteral("/run/docker.sock"), 0660));
    QVERIFY(QDir().mkpath(r + QStringLiteral("/srv/docker")));

    // Units: the vendor file, a socket unit in /etc, a drop-in.
    QVERIFY(writeFile(r + QStringLiteral("/lib/systemd/system/docker.service"), "[Service]\n"));
    QVERIFY(writeFile(r + QStringLiteral("/etc/systemd/system/docker.service.d/10-opts.conf"),
                      "[Service]\n", 0666));
    QVERIFY(writeFile(r + QStringLiteral("/etc/systemd/system/docker.socket"),
                      "[Socket]\nListenStream=/var/run/old.sock\nListenStream=\n"
                      "ListenStream=/run/docker.sock\n"));

    // An unreadable file even for root: a symlink loop.
    QVERIFY(makeLink(QStringLiteral("loop-b"), r + QStringLiteral("/etc/default/loop-a")));
    QVERIFY(makeLink(QStringLiteral("loop-a"), r + QStringLiteral("/etc/default/loop-b")));
    QVERIFY(makeLink(QStringLiteral("loop-a"), r + QStringLiteral("/etc/default/docker")));

    QVERIFY(writeFile(r + QStringLiteral("/etc/audit/rules.d/50-docker.rules"),
                      "-w /usr/sbin/dockerd -k docker\n"
                      "-a always,exit -F dir=/etc/docker -F perm=wa -k docker\n"
                      "-w /opt/ctr-link/bin/containerd -k docker\n"));
    // The watch above names containerd through a symlinked folder.
    QVERIFY(makeLink(QStringLiteral("ctr"), r + QStringLiteral("/opt/ctr-link")));
    QVERIFY(writeFile(r + QStringLiteral("/etc/group"), "root:x:0:\ndocker:x:999:alice,bob\n"));
    QVERIFY(writeFile(r + QStringLiteral("/etc/passwd"),
                      "root:x:0:0::/root:/bin/sh\ncarol:x:1001:999::/home/carol:/bin/sh\n"));

    HostProbeOptions options;
    options.rootPrefix = r;
    options.useAuditctl = false;
    const drydock::Result<HostFacts> probed = probeHost(options);
    QVERIFY(probed.ok());
    const HostFacts &facts = *probed;

    // Processes, and containerd as dockerd's child.
    QVERIFY(facts.dockerd);
    QCOMPARE(facts.dockerd->pid, 100);
    QVERIFY(facts.containerd);
    QCOMPARE(facts.containerd->pid, 200);
    QVERIFY(facts.containerdManagedByDockerd);
    QCOMPARE(facts.dockerProxyPids, QList<qint64>{400});

    // Flags merged with the --config-file, not /etc/docker/daemon.json.
    QVERIFY(facts.daemonKnown);
    QCOMPARE(facts.daemon.configFile, QStringLiteral("/etc/docker/custom.json"));
    QVERIFY(facts.daemon.configError.isEmpty());
    QCOMPARE(facts.daemon.boolValue(QStringLiteral("icc")), std::optional<bool>(false));
    QCOMPARE(facts.daemon.stringValue(QStringLiteral("log-level")), QStringLiteral("debug"));

    // Sockets: fd:// through docker.socket's last ListenStream; tcp kept apart.
    QCOMPARE(facts.dockerSockets, QStringList{QStringLiteral("/run/docker.sock")});
    QCOMPARE(facts.tcpHosts, QStringList{QStringLiteral("tcp://[::]:2376")});
    QCOMPARE(facts.file(QStringLiteral("/run/docker.sock")).type, FileType::Socket);
    QCOMPARE(facts.locate(QStringLiteral("containerd-socket")).path,
             QStringLiteral("/run/alt/c.sock"));
    QCOMPARE(facts.file(QStringLiteral("/run/alt/c.sock")).type, FileType::Socket);
    QCOMPARE(facts.locate(QStringLiteral("containerd-state")).path,
             QStringLiteral("/run/alt/state"));

    // Binaries from the processes and dockerd's PATH.
    QCOMPARE(facts.locate(QStringLiteral("dockerd")).path, QStringLiteral("/usr/sbin/dockerd"));
    QCOMPARE(facts.locate(QStringLiteral("containerd")).path,
             QStringLiteral("/opt/ctr/bin/containerd"));
    QCOMPARE(facts.locate(QStringLiteral("containerd-shim-runc-v2")).path,
             QStringLiteral("/opt/ctr/bin/containerd-shim-runc-v2"));
    QCOMPARE(facts.locate(QStringLiteral("runc")).path, QStringLiteral("/opt/runtimes/runc"));
    QVERIFY(facts.locate(QStringLiteral("containerd-shim")).path.isEmpty());

    // Units found in their folders, drop-ins listed.
    QCOMPARE(facts.locate(QStringLiteral("docker.service")).path,
             QStringLiteral("/lib/systemd/system/docker.service"));
    QCOMPARE(facts.locate(QStringLiteral("docker.socket")).path,
             QStringLiteral("/etc/systemd/system/docker.socket"));
    QCOMPARE(facts.unitDropIns.value(QStringLiteral("docker.service")).size(), 1);

    // TLS files named in the config file; registry certificates walked.
    QCOMPARE(facts.locate(QStringLiteral("tlscacert")).path,
             QStringLiteral("/etc/docker/tls/ca.pem"));
    QCOMPARE(facts.registryCertFiles,
             QStringList{QStringLiteral("/etc/docker/certs.d/reg:5000/ca.crt")});

    // Audit rules from rules.d; the data root from data-root.
    QCOMPARE(facts.audit.source, QStringLiteral("/etc/audit/rules.d/50-docker.rules"));
    // Rule: a watch through a symlink also stands for the resolved path.
    QCOMPARE(facts.audit.rules.size(), 4);
    QCOMPARE(facts.audit.rules.last().path, QStringLiteral("/opt/ctr/bin/containerd"));
    QCOMPARE(facts.dataRoot.path, QStringLiteral("/srv/docker"));
    QCOMPARE(facts.dataRoot.mountPoint, QStringLiteral("/"));
    QCOMPARE(facts.dockerGroup.gid, 999u);
    QCOMPARE(facts.dockerGroup.members,
             (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
    QCOMPARE(facts.dockerGroup.primaryMembers, QStringList{QStringLiteral("carol")});

    // The unreadable file is recorded with its cause.
    QVERIFY(!facts.file(QStringLiteral("/etc/default/docker")).examined());

    // And the checks read these facts as they should.
    Snapshot snapshot;
    snapshot.host = facts;
    snapshot.info.driver = QStringLiteral("overlay2");
    QCOMPARE(evaluate("1.1.1", snapshot).verdict, Verdict::Warn);  // same device as /srv
    QCOMPARE(evaluate("1.1.14", snapshot).verdict, Verdict::Pass); // watched via /opt/ctr-link
    QCOMPARE(evaluate("1.1.2", snapshot).verdict, Verdict::Info);
    QCOMPARE(evaluate("1.1.3", snapshot).verdict, Verdict::Pass);
    QCOMPARE(evaluate("1.1.11", snapshot).verdict, Verdict::Pass); // dir= watch on /etc/docker
    QCOMPARE(evaluate("1.1.15", snapshot).verdict, Verdict::NotApplicable);
    QCOMPARE(evaluate("2.3", snapshot).verdict, Verdict::Warn);
    QCOMPARE(evaluate("2.7", snapshot).verdict, Verdict::Warn);  // tlscert and tlskey missing
    QCOMPARE(evaluate("3.2", snapshot).verdict, Verdict::Warn);  // the 0666 drop-in
    QCOMPARE(evaluate("3.8", snapshot).verdict, Verdict::Warn);  // 0622 certificate
    QCOMPARE(evaluate("3.10", snapshot).verdict, Verdict::Warn); // 0644 CA
    QCOMPARE(evaluate("3.16", snapshot).verdict, Verdict::Pass);
    QCOMPARE(evaluate("3.20", snapshot).verdict, Verdict::Error); // the symlink loop
    QCOMPARE(evaluate("3.24", snapshot).verdict, Verdict::Pass);
}

void TestHostProbe::missingRoot()
{
    HostProbeOptions options;
    options.rootPrefix = QStringLiteral("/nonexistent/drydock-root");
    const drydock::Result<HostFacts> probed = probeHost(options);
    QVERIFY(!probed.ok());
    QVERIFY(probed.error().message.contains(options.rootPrefix));
}

void TestHostProbe::tlsFilesFromTheEnvironment()
{
    // Rule: DOCKER_TLS_VERIFY in dockerd's environment turns TLS on (like
    // --tlsverify), so its certificate files are dockerd's defaults under
    // DOCKER_CERT_PATH and 3.9-3.14 judge them.
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString r = temp.path();
    QVERIFY(writeFile(r + QStringLiteral("/usr/bin/dockerd"), "elf", 0755));
    fakeProcess(r, 100, "dockerd",
                {QStringLiteral("/usr/bin/dockerd"), QStringLiteral("-H"),
                 QStringLiteral("tcp://0.0.0.0:2376")},
                QStringLiteral("/usr/bin/dockerd"), 1,
                QByteArray("DOCKER_TLS_VERIFY=1\0DOCKER_CERT_PATH=/etc/docker/certs\0", 55));
    QVERIFY(writeFile(r + QStringLiteral("/etc/docker/certs/ca.pem"), "pem", 0444));
    QVERIFY(writeFile(r + QStringLiteral("/etc/docker/certs/cert.pem"), "pem", 0444));
    QVERIFY(writeFile(r + QStringLiteral("/etc/docker/certs/key.pem"), "pem", 0644));
    HostProbeOptions options;
    options.rootPrefix = r;
    options.useAuditctl = false;
    const drydock::Result<HostFacts> probed = probeHost(options);
    QVERIFY2(probed.ok(), probed.ok() ? "" : qPrintable(probed.error().text()));
    QCOMPARE(probed->locate(QStringLiteral("tlskey")).path,
             QStringLiteral("/etc/docker/certs/key.pem"));
    Snapshot snapshot;
    snapshot.host = *probed;
    QCOMPARE(evaluate("2.7", snapshot).verdict, Verdict::Pass);
    QCOMPARE(evaluate("3.10", snapshot).verdict, Verdict::Pass);
    QCOMPARE(evaluate("3.14", snapshot).verdict, Verdict::Warn); // key 0644, not 0400
}

void TestHostProbe::auditRuleFilesInOrder()
{
    // Rule: augenrules joins rules.d in name order, so a -D in a later file
    // deletes the watches of the files before it (not those after it).
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString r = temp.path();
    QVERIFY(writeFile(r + QStringLiteral("/etc/audit/rules.d/10-docker.rules"),
                      "-w /usr/bin/dockerd -k docker\n"));
    QVERIFY(writeFile(r + QStringLiteral("/etc/audit/rules.d/20-reset.rules"), "-D\n-b 8192\n"));
    QVERIFY(writeFile(r + QStringLiteral("/etc/audit/rules.d/30-docker.rules"),
                      "-w /etc/docker -k docker\n"));
    HostProbeOptions options;
    options.rootPrefix = r;
    options.useAuditctl = false;
    const drydock::Result<HostFacts> probed = probeHost(options);
    QVERIFY2(probed.ok(), probed.ok() ? "" : qPrintable(probed.error().text()));
    QVERIFY(findAuditRule(probed->audit.rules, QStringLiteral("/usr/bin/dockerd")) == nullptr);
    QVERIFY(findAuditRule(probed->audit.rules, QStringLiteral("/etc/docker/daemon.json")) !=
            nullptr);
}

void TestHostProbe::realHost()
{
    // The real dockerd on this machine: facts that must hold wherever it runs.
    QFile pidFile(QStringLiteral("/run/docker.pid"));
    if (!pidFile.open(QIODevice::ReadOnly)) {
        QSKIP("no /run/docker.pid: dockerd does not run on this machine");
    }
    const qint64 pid = pidFile.readAll().trimmed().toLongLong();
    HostProbeOptions options;
    options.engineSocket = QStringLiteral("/var/run/docker.sock");
    const drydock::Result<HostFacts> probed = probeHost(options);
    QVERIFY(probed.ok());
    const HostFacts &facts = *probed;
    QVERIFY2(facts.dockerd, qPrintable(facts.dockerdProblem));
    QCOMPARE(facts.dockerd->pid, pid);
    QVERIFY(facts.daemonKnown);
    QVERIFY(QFileInfo(facts.locate(QStringLiteral("dockerd")).path).isExecutable());

    // The socket the client uses, stat'ed as a socket.
    QVERIFY(!facts.dockerSockets.isEmpty());
    const FileFacts socket = facts.file(facts.dockerSockets.first());
    QVERIFY2(socket.examined(), qPrintable(socket.error));
    QCOMPARE(socket.type, FileType::Socket);
    QCOMPARE(socket.uid, 0u);

    // containerd and its socket, wherever this host keeps them.
    QVERIFY2(facts.containerd, qPrintable(facts.containerdProblem));
    const LocatedPath containerdSocket = facts.locate(QStringLiteral("containerd-socket"));
    if (containerdSocket.error.isEmpty()) {
        const FileFacts file = facts.file(containerdSocket.path);
        QVERIFY2(file.examined(), qPrintable(file.error));
        QCOMPARE(file.type, FileType::Socket);
    } else {
        // Not root: dockerd keeps containerd's config in a 0700 folder.
        QVERIFY(::geteuid() != 0);
        QVERIFY(containerdSocket.error.contains(QLatin1Char('/')));
    }
    QVERIFY(QFileInfo(facts.locate(QStringLiteral("containerd")).path).isExecutable());
    QVERIFY(!facts.locate(QStringLiteral("runc")).path.isEmpty());

    // The data root's device numbers and the mount table were read.
    QVERIFY(facts.dataRoot.dir.exists());
    QVERIFY(facts.dataRoot.parent.exists());
    QVERIFY(facts.dataRoot.mountError.isEmpty());
    QVERIFY(!facts.dataRoot.mountPoint.isEmpty());

    // Every section 1-3 check gives a verdict with evidence or a reason.
    Snapshot snapshot;
    snapshot.host = facts;
    snapshot.version.version = QStringLiteral("test");
    for (const QList<CheckLogic> *family : {&hostChecks(), &fileChecks()}) {
        for (const CheckLogic &logic : *family) {
            const Finding finding = logic.evaluate(snapshot);
            qDebug().noquote() << logic.id << verdictName(finding.verdict) << finding.summary
                               << finding.reason;
            // Root reads everything; anyone else gets errors that name the path.
            if (::geteuid() == 0) {
                QVERIFY2(finding.verdict != Verdict::Error, qPrintable(finding.reason));
            } else if (finding.verdict == Verdict::Error) {
                QVERIFY2(finding.reason.contains(QLatin1Char('/')), qPrintable(finding.reason));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestHostProbe)
#include "tst_hostprobe.moc"
