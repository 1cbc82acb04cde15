// SPDX-License-Identifier: GPL-3.0-or-later
// The hardened copy of a container (core/bench/hardening.h): each row pins
// one rule of what is changed, what is kept and which check it answers;
// then the renderings as a docker run command and a compose service.
#include "bench/hardening.h"

#include <QTest>

using namespace drydock;
using namespace drydock::bench;
using docker::ContainerInspect;

namespace {

// A container as `docker run -d --name weak busybox sleep 3600` leaves it.
ContainerInspect weakContainer()
{
    ContainerInspect c;
    c.id = QStringLiteral("0123456789abcdef0123456789abcdef");
    c.name = QStringLiteral("weak");
    c.imageId = QStringLiteral("sha256:1a25b146985a");
    c.config.image = QStringLiteral("drydock/busybox:latest");
    c.config.cmd = {QStringLiteral("sleep"), QStringLiteral("3600")};
    c.config.env = {QStringLiteral("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin")};
    c.hostConfig.networkMode = QStringLiteral("default");
    c.hostConfig.ipcMode = QStringLiteral("private");
    c.state.status = QStringLiteral("running");
    c.state.running = true;
    return c;
}

docker::Mount bind(const QString &source, const QString &target, bool rw = true)
{
    docker::Mount mount;
    mount.type = QStringLiteral("bind");
    mount.source = source;
    mount.destination = target;
    mount.rw = rw;
    return mount;
}

using Patch = void (*)(ContainerInspect &);
using Expect = bool (*)(const docker::ContainerSpec &);

struct Row
{
    const char *name;
    Patch patch;
    const char *fixed;    // check ids the hardening must list as fixed, space-separated
    const char *notFixed; // check ids it must not claim
    Expect expect;        // what the spec must hold
};

// clang-format off
const Row kRows[] = {
    // 4.1: root (empty, "root", "0") becomes nobody; any other user stays.
    {"root user becomes nobody", [](ContainerInspect &) {}, "4.1", "",
     [](const docker::ContainerSpec &s) { return s.user == QLatin1String("65534:65534"); }},
    {"uid 0 with group is root too", [](ContainerInspect &c) { c.config.user = QStringLiteral("0:0"); }, "4.1", "",
     [](const docker::ContainerSpec &s) { return s.user == QLatin1String("65534:65534"); }},
    {"non-root user is kept", [](ContainerInspect &c) { c.config.user = QStringLiteral("1000:1000"); }, "", "4.1",
     [](const docker::ContainerSpec &s) { return s.user == QLatin1String("1000:1000"); }},
    // 5.5 and what privileged turned off: AppArmor (5.2) and seccomp (5.22).
    {"privileged is dropped", [](ContainerInspect &c) { c.hostConfig.privileged = true; }, "5.5 5.2 5.22 5.4", "",
     [](const docker::ContainerSpec &s) { return !s.privileged; }},
    // 5.4: every capability dropped; added ones of the default set survive,
    // the ones beyond it do not.
    {"capabilities beyond the default set go", [](ContainerInspect &c) { c.hostConfig.capAdd = {QStringLiteral("SYS_ADMIN"), QStringLiteral("cap_chown")}; }, "5.4", "",
     [](const docker::ContainerSpec &s) { return s.capAdd == QStringList{QStringLiteral("CHOWN")} && s.capDrop == QStringList{QStringLiteral("ALL")}; }},
    {"default capability added is no offence", [](ContainerInspect &c) { c.hostConfig.capAdd = {QStringLiteral("NET_BIND_SERVICE")}; }, "", "5.4",
     [](const docker::ContainerSpec &s) { return s.capAdd == QStringList{QStringLiteral("NET_BIND_SERVICE")}; }},
    {"cap-add ALL is removed", [](ContainerInspect &c) { c.hostConfig.capAdd = {QStringLiteral("ALL")}; }, "5.4", "",
     [](const docker::ContainerSpec &s) { return s.capAdd.isEmpty(); }},
    // 5.32 before 5.6: the engine's socket under either spelling of /run.
    {"docker socket mount is removed", [](ContainerInspect &c) { c.mounts = {bind(QStringLiteral("/var/run/docker.sock"), QStringLiteral("/var/run/docker.sock"))}; }, "5.32", "5.6",
     [](const docker::ContainerSpec &s) { return s.mounts.size() == 1 && s.mounts.first().type == QLatin1String("tmpfs"); }},
    {"folder holding the socket is removed", [](ContainerInspect &c) { c.mounts = {bind(QStringLiteral("/run"), QStringLiteral("/host-run"), false)}; }, "5.32", "",
     [](const docker::ContainerSpec &s) { return s.mounts.size() == 1; }},
    // 5.6: sensitive host folders go; an ordinary bind and a volume stay.
    {"writable /etc mount is removed", [](ContainerInspect &c) { c.mounts = {bind(QStringLiteral("/etc"), QStringLiteral("/host-etc"))}; }, "5.6", "5.32",
     [](const docker::ContainerSpec &s) { return s.mounts.size() == 1; }},
    {"ordinary bind and volume are kept", [](ContainerInspect &c) {
         docker::Mount volume;
         volume.type = QStringLiteral("volume");
         volume.name = QStringLiteral("data");
         volume.source = QStringLiteral("/var/lib/docker/volumes/data/_data");
         volume.destination = QStringLiteral("/data");
         c.mounts = {bind(QStringLiteral("/srv/site"), QStringLiteral("/site"), false), volume};
     }, "", "5.6 5.32",
     [](const docker::ContainerSpec &s) {
         return s.mounts.size() == 3 && s.mounts.at(0).source == QLatin1String("/srv/site") && !s.mounts.at(0).rw &&
                s.mounts.at(1).type == QLatin1String("volume") && s.mounts.at(1).source == QLatin1String("data");
     }},
    // 5.13: read-only root with a tmpfs /tmp, unless /tmp is mounted already.
    {"read-only root brings a tmpfs /tmp", [](ContainerInspect &) {}, "5.13", "",
     [](const docker::ContainerSpec &s) { return s.readonlyRootfs && s.mounts.size() == 1 && s.mounts.first().destination == QLatin1String("/tmp"); }},
    {"an existing /tmp mount is not doubled", [](ContainerInspect &c) { c.mounts = {bind(QStringLiteral("/srv/tmp"), QStringLiteral("/tmp"))}; }, "5.13", "",
     [](const docker::ContainerSpec &s) { return s.mounts.size() == 1 && s.mounts.first().type == QLatin1String("bind"); }},
    // 5.20: shared propagation is not carried over.
    {"shared propagation is dropped", [](ContainerInspect &c) { auto m = bind(QStringLiteral("/srv/a"), QStringLiteral("/a")); m.propagation = QStringLiteral("rshared"); c.mounts = {m}; }, "5.20", "",
     [](const docker::ContainerSpec &s) { return s.mounts.first().propagation.isEmpty(); }},
    // 5.14 and 5.8: wildcard addresses move to loopback, low host ports up.
    {"wildcard port is bound to loopback", [](ContainerInspect &c) { c.hostConfig.portBindings = {{QStringLiteral("80/tcp"), QStringLiteral("0.0.0.0"), QStringLiteral("8080")}}; }, "5.14", "5.8",
     [](const docker::ContainerSpec &s) { return s.ports.size() == 1 && s.ports.first().hostIp == QLatin1String("127.0.0.1") && s.ports.first().hostPort == QLatin1String("8080"); }},
    {"IPv6 wildcard counts too", [](ContainerInspect &c) { c.hostConfig.portBindings = {{QStringLiteral("80/tcp"), QStringLiteral("::"), QStringLiteral("8080")}}; }, "5.14", "",
     [](const docker::ContainerSpec &s) { return s.ports.first().hostIp == QLatin1String("127.0.0.1"); }},
    {"privileged host port is raised", [](ContainerInspect &c) { c.hostConfig.portBindings = {{QStringLiteral("80/tcp"), QStringLiteral("127.0.0.1"), QStringLiteral("80")}}; }, "5.8", "5.14",
     [](const docker::ContainerSpec &s) { return s.ports.first().hostPort == QLatin1String("8080"); }},
    {"privileged port range is raised", [](ContainerInspect &c) { c.hostConfig.portBindings = {{QStringLiteral("80/tcp"), QStringLiteral("127.0.0.1"), QStringLiteral("80-90")}}; }, "5.8", "",
     [](const docker::ContainerSpec &s) { return s.ports.first().hostPort == QLatin1String("8080-8090"); }},
    {"random host port stays random", [](ContainerInspect &c) { c.hostConfig.portBindings = {{QStringLiteral("80/tcp"), QStringLiteral("127.0.0.1"), QString()}}; }, "", "5.8 5.14",
     [](const docker::ContainerSpec &s) { return s.ports.first().hostPort.isEmpty(); }},
    {"publish-all names each exposed port", [](ContainerInspect &c) { c.hostConfig.publishAllPorts = true; c.config.exposedPorts = {QStringLiteral("443/tcp")}; }, "5.14", "",
     [](const docker::ContainerSpec &s) { return s.ports.size() == 1 && s.ports.first().containerPort == QLatin1String("443/tcp"); }},
    // Host namespaces: 5.10 network, 5.16 pid, 5.17 ipc, 5.21 uts, 5.31 user.
    {"host network is left", [](ContainerInspect &c) { c.hostConfig.networkMode = QStringLiteral("host"); }, "5.10", "",
     [](const docker::ContainerSpec &s) { return s.networkMode.isEmpty(); }},
    {"user network is kept", [](ContainerInspect &c) { c.hostConfig.networkMode = QStringLiteral("backend"); }, "", "5.10",
     [](const docker::ContainerSpec &s) { return s.networkMode == QLatin1String("backend"); }},
    {"host pid, ipc and uts are left", [](ContainerInspect &c) { c.hostConfig.pidMode = c.hostConfig.ipcMode = c.hostConfig.utsMode = QStringLiteral("host"); }, "5.16 5.17 5.21", "",
     [](const docker::ContainerSpec &s) { return s.pidMode.isEmpty() && s.ipcMode.isEmpty() && s.utsMode.isEmpty(); }},
    {"joining another container's pid namespace is kept", [](ContainerInspect &c) { c.hostConfig.pidMode = QStringLiteral("container:app"); }, "", "5.16",
     [](const docker::ContainerSpec &s) { return s.pidMode == QLatin1String("container:app"); }},
    {"host user namespace is left", [](ContainerInspect &c) { c.hostConfig.usernsMode = QStringLiteral("host"); }, "5.31", "", [](const docker::ContainerSpec &) { return true; }},
    // 5.11, 5.12, 5.29: limits set where missing, kept where present.
    {"limits are set where missing", [](ContainerInspect &) {}, "5.11 5.12 5.29", "",
     [](const docker::ContainerSpec &s) { return s.memory == 256 * 1024 * 1024 && s.cpuShares == 512 && s.pidsLimit == 100; }},
    {"existing limits are kept", [](ContainerInspect &c) { c.hostConfig.memory = 512 * 1024 * 1024; c.hostConfig.cpuShares = 256; c.hostConfig.pidsLimit = 50; }, "", "5.11 5.12 5.29",
     [](const docker::ContainerSpec &s) { return s.memory == 512 * 1024 * 1024 && s.cpuShares == 256 && s.pidsLimit == 50; }},
    {"cpu-shares 1024 is the default, not a setting", [](ContainerInspect &c) { c.hostConfig.cpuShares = 1024; }, "5.12", "",
     [](const docker::ContainerSpec &s) { return s.cpuShares == 512; }},
    {"a CPU quota becomes --cpus", [](ContainerInspect &c) { c.hostConfig.cpuQuota = 50000; c.hostConfig.cpuPeriod = 100000; }, "", "5.12",
     [](const docker::ContainerSpec &s) { return s.nanoCpus == 500'000'000 && s.cpuShares == 0; }},
    {"pids limit -1 is unlimited", [](ContainerInspect &c) { c.hostConfig.pidsLimit = -1; }, "5.29", "",
     [](const docker::ContainerSpec &s) { return s.pidsLimit == 100; }},
    // 5.15: unbounded restarts become on-failure:5; bounded ones stay.
    {"restart always becomes on-failure:5", [](ContainerInspect &c) { c.hostConfig.restartPolicy = QStringLiteral("always"); }, "5.15", "",
     [](const docker::ContainerSpec &s) { return s.restartPolicy == QLatin1String("on-failure") && s.restartMaxRetries == 5; }},
    {"on-failure without a limit is unbounded", [](ContainerInspect &c) { c.hostConfig.restartPolicy = QStringLiteral("on-failure"); }, "5.15", "",
     [](const docker::ContainerSpec &s) { return s.restartMaxRetries == 5; }},
    {"on-failure:3 is kept", [](ContainerInspect &c) { c.hostConfig.restartPolicy = QStringLiteral("on-failure"); c.hostConfig.restartMaxRetries = 3; }, "", "5.15",
     [](const docker::ContainerSpec &s) { return s.restartMaxRetries == 3; }},
    {"no restart gets on-failure:5 without claiming a fix", [](ContainerInspect &c) { c.hostConfig.restartPolicy = QStringLiteral("no"); }, "", "5.15",
     [](const docker::ContainerSpec &s) { return s.restartPolicy == QLatin1String("on-failure"); }},
    // 5.27: a health check where none (or NONE) is; an existing one stays.
    {"health check is added", [](ContainerInspect &) {}, "5.27", "",
     [](const docker::ContainerSpec &s) { return s.healthcheck.present() && s.healthcheck.test.first() == QLatin1String("CMD-SHELL"); }},
    {"disabled health check is replaced", [](ContainerInspect &c) { c.config.healthcheck.test = {QStringLiteral("NONE")}; }, "5.27", "",
     [](const docker::ContainerSpec &s) { return s.healthcheck.present(); }},
    {"existing health check is kept", [](ContainerInspect &c) { c.config.healthcheck.test = {QStringLiteral("CMD"), QStringLiteral("true")}; }, "", "5.27",
     [](const docker::ContainerSpec &s) { return s.healthcheck.test == QStringList{QStringLiteral("CMD"), QStringLiteral("true")}; }},
    // Security options: unconfined seccomp/AppArmor and disabled labels go,
    // a custom profile stays, no-new-privileges is always true.
    {"seccomp unconfined is removed", [](ContainerInspect &c) { c.hostConfig.securityOpt = {QStringLiteral("seccomp=unconfined")}; }, "5.22", "",
     [](const docker::ContainerSpec &s) { return s.securityOpt.isEmpty(); }},
    {"old colon spelling too", [](ContainerInspect &c) { c.hostConfig.securityOpt = {QStringLiteral("seccomp:unconfined"), QStringLiteral("apparmor:unconfined")}; }, "5.22 5.2", "",
     [](const docker::ContainerSpec &s) { return s.securityOpt.isEmpty(); }},
    {"custom seccomp profile is kept", [](ContainerInspect &c) { c.hostConfig.securityOpt = {QStringLiteral("seccomp={\"defaultAction\":\"SCMP_ACT_ERRNO\"}")}; }, "", "5.22",
     [](const docker::ContainerSpec &s) { return s.securityOpt.size() == 1; }},
    {"label=disable is removed", [](ContainerInspect &c) { c.hostConfig.securityOpt = {QStringLiteral("label=disable")}; }, "5.3", "",
     [](const docker::ContainerSpec &s) { return s.securityOpt.isEmpty(); }},
    {"no-new-privileges false becomes true", [](ContainerInspect &c) { c.hostConfig.securityOpt = {QStringLiteral("no-new-privileges=false")}; }, "5.26", "",
     [](const docker::ContainerSpec &s) { return s.noNewPrivileges && s.securityOpt.isEmpty(); }},
    {"no-new-privileges true is no offence", [](ContainerInspect &c) { c.hostConfig.securityOpt = {QStringLiteral("no-new-privileges")}; }, "", "5.26",
     [](const docker::ContainerSpec &s) { return s.noNewPrivileges; }},
    // 5.18 devices and 5.25 cgroup parent are not carried over.
    {"devices are not carried", [](ContainerInspect &c) { c.hostConfig.devices = {{QStringLiteral("/dev/fuse"), QStringLiteral("/dev/fuse"), QStringLiteral("rwm")}}; }, "5.18", "", [](const docker::ContainerSpec &) { return true; }},
    {"custom cgroup parent is not carried", [](ContainerInspect &c) { c.hostConfig.cgroupParent = QStringLiteral("/custom"); }, "5.25", "", [](const docker::ContainerSpec &) { return true; }},
    // Identity: the entrypoint's first word for --entrypoint, the rest leads
    // the command, so the spec and the CLI command mean the same.
    {"own entrypoint is split for the CLI", [](ContainerInspect &c) { c.config.entrypoint = {QStringLiteral("/bin/sh"), QStringLiteral("-c")}; c.config.cmd = {QStringLiteral("sleep 1")}; }, "", "",
     [](const docker::ContainerSpec &s) { return s.entrypoint == QStringList{QStringLiteral("/bin/sh")} && s.cmd == QStringList{QStringLiteral("-c"), QStringLiteral("sleep 1")}; }},
    {"name gets a -hardened suffix", [](ContainerInspect &) {}, "", "",
     [](const docker::ContainerSpec &s) { return s.name == QLatin1String("weak-hardened") && s.image == QLatin1String("drydock/busybox:latest"); }},
};
// clang-format on

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// Splits a command as a POSIX shell would: single quotes, backslash-newline.
QStringList shellSplit(const QString &command)
{
    QStringList out;
    QString current;
    bool inWord = false;
    bool quoted = false;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        if (quoted) {
            if (c == QLatin1Char('\'')) {
                quoted = false;
            } else {
                current += c;
            }
            continue;
        }
        if (c == QLatin1Char('\'')) {
            quoted = true;
            inWord = true;
        } else if (c == QLatin1Char('\\') && i + 1 < command.size() &&
                   command.at(i + 1) == QLatin1Char('\n')) {
            ++i;
        } else if (c == QLatin1Char('\\') && i + 1 < command.size()) {
            current += command.at(++i);
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord) {
                out.append(current);
                current.clear();
                inWord = false;
            }
        } else {
            current += c;
            inWord = true;
        }
    }
    if (inWord) {
        out.append(current);
    }
    return out;
}

} // namespace

class TestHardening : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rules_data()
    {
        QTest::addColumn<int>("row");
        for (int i = 0; i < int(std::size(kRows)); ++i) {
            QTest::newRow(kRows[i].name) << i;
        }
    }

    void rules()
    {
        QFETCH(int, row);
        const Row &r = kRows[row];
        ContainerInspect container = weakContainer();
        r.patch(container);
        const HardenedContainer hardened = hardenContainer(container);
        const QStringList fixed = hardened.fixedCheckIds();
        for (const QString &id : words(r.fixed)) {
            QVERIFY2(fixed.contains(id),
                     qPrintable(id + QStringLiteral(" not in ") + fixed.join(QLatin1Char(' '))));
        }
        for (const QString &id : words(r.notFixed)) {
            QVERIFY2(!fixed.contains(id), qPrintable(id + QStringLiteral(" claimed")));
        }
        QVERIFY(r.expect(hardened.spec));
        // Whatever else the rule touched, the baseline always holds.
        QVERIFY(hardened.spec.noNewPrivileges);
        QCOMPARE(hardened.spec.capDrop, QStringList{QStringLiteral("ALL")});
        QVERIFY(hardened.spec.readonlyRootfs);
        QVERIFY(!hardened.spec.privileged);
    }

    // The image's own env, cmd and labels are not repeated in the command.
    void imageDefaultsAreLeftOut()
    {
        ContainerInspect container = weakContainer();
        container.config.labels = {{QStringLiteral("from.image"), QStringLiteral("1")},
                                   {QStringLiteral("own"), QStringLiteral("2")}};
        ImageDefaults image;
        image.env = container.config.env;
        image.cmd = container.config.cmd;
        image.labels = {{QStringLiteral("from.image"), QStringLiteral("1")}};
        const HardenedContainer hardened = hardenContainer(container, image);
        QVERIFY(hardened.spec.env.isEmpty());
        QVERIFY(hardened.spec.cmd.isEmpty());
        QCOMPARE(hardened.spec.labels.keys(), QStringList{QStringLiteral("own")});
        // Without the image, everything is carried.
        const HardenedContainer explicitOnes = hardenContainer(container);
        QCOMPARE(explicitOnes.spec.cmd, container.config.cmd);
        QCOMPARE(explicitOnes.spec.env, container.config.env);
    }

    // A changed entrypoint clears the image's CMD in docker run, so the
    // container's command must be carried even when it equals the image's.
    void ownEntrypointCarriesTheCommand()
    {
        ContainerInspect container = weakContainer();
        container.config.entrypoint = {QStringLiteral("/bin/sh")};
        ImageDefaults image;
        image.cmd = container.config.cmd;
        const HardenedContainer hardened = hardenContainer(container, image);
        QCOMPARE(hardened.spec.entrypoint, QStringList{QStringLiteral("/bin/sh")});
        QCOMPARE(hardened.spec.cmd, container.config.cmd);
    }

    void optionsAreHonoured()
    {
        HardeningOptions options;
        options.name = QStringLiteral("fixed");
        options.user = QStringLiteral("1000:1000");
        options.extraLabels = {{QStringLiteral("test.owner"), QStringLiteral("me")}};
        const HardenedContainer hardened = hardenContainer(weakContainer(), std::nullopt, options);
        QCOMPARE(hardened.spec.name, QStringLiteral("fixed"));
        QCOMPARE(hardened.spec.user, QStringLiteral("1000:1000"));
        QCOMPARE(hardened.spec.labels.value(QStringLiteral("test.owner")), QStringLiteral("me"));
    }

    // The text a user copies is exactly the argument list the tests run.
    void commandTextSplitsBackIntoTheArguments()
    {
        ContainerInspect container = weakContainer();
        container.config.cmd = {QStringLiteral("sh"), QStringLiteral("-c"),
                                QStringLiteral("echo 'it''s' $HOME && sleep 1")};
        container.config.labels = {{QStringLiteral("note"), QStringLiteral("two words")}};
        container.hostConfig.portBindings = {
            {QStringLiteral("80/tcp"), QString(), QStringLiteral("80")}};
        container.mounts = {bind(QStringLiteral("/srv/with,comma"), QStringLiteral("/data"))};
        const docker::ContainerSpec spec = hardenContainer(container).spec;
        const QString text = dockerRunCommand(spec);
        QStringList expected = {QStringLiteral("docker")};
        expected += dockerRunArguments(spec);
        QCOMPARE(shellSplit(text), expected);
        QVERIFY(text.contains(QStringLiteral("--read-only")));
        QVERIFY(text.contains(QStringLiteral("--publish 127.0.0.1:8080:80/tcp")));
        QVERIFY(text.contains(
            QStringLiteral("--mount 'type=bind,\"source=/srv/with,comma\",target=/data'")));
        QVERIFY(text.contains(QStringLiteral("--health-cmd 'kill -0 1 || exit 1'")));
        QVERIFY(expected.endsWith(container.config.cmd.last()));
    }

    void shellQuoting_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("quoted");
        // Words of safe characters stay bare; everything else is quoted,
        // a single quote as '\'' inside; the empty word as ''.
        QTest::newRow("plain") << "--memory"
                               << "--memory";
        QTest::newRow("path and colon") << "/a/b:c=d"
                                        << "/a/b:c=d";
        QTest::newRow("space") << "two words"
                               << "'two words'";
        QTest::newRow("dollar") << "$HOME"
                                << "'$HOME'";
        QTest::newRow("single quote") << "it's"
                                      << "'it'\\''s'";
        QTest::newRow("empty") << ""
                               << "''";
    }

    void shellQuoting()
    {
        QFETCH(QString, word);
        QFETCH(QString, quoted);
        QCOMPARE(shellQuote(word), quoted);
        QCOMPARE(shellSplit(quoted), QStringList{word});
    }

    void memoryText_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        // Whole GiB as g, whole MiB as m, anything else as bytes.
        QTest::newRow("256 MiB") << qint64(256) * 1024 * 1024 << "256m";
        QTest::newRow("2 GiB") << qint64(2) * 1024 * 1024 * 1024 << "2g";
        QTest::newRow("odd bytes") << qint64(1000000) << "1000000";
    }

    void memoryText()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(dockerMemoryText(bytes), text);
    }

    void durationText_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        // Go's duration spelling, which --health-interval parses.
        QTest::newRow("30s") << qint64(30'000'000'000) << "30s";
        QTest::newRow("90s") << qint64(90'000'000'000) << "1m30s";
        QTest::newRow("1h") << qint64(3600'000'000'000) << "1h";
        QTest::newRow("500ms") << qint64(500'000'000) << "500ms";
    }

    void durationText()
    {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(goDurationText(ns), text);
    }

    void composeCarriesTheSameSettings()
    {
        ContainerInspect container = weakContainer();
        container.config.labels = {{QStringLiteral("say"), QStringLiteral("a \"quote\"")}};
        const QString yaml = composeSnippet(hardenContainer(container).spec);
        const QStringList expected = {
            QStringLiteral("services:\n  weak-hardened:\n"),
            QStringLiteral("    image: \"drydock/busybox:latest\"\n"),
            QStringLiteral("    user: \"65534:65534\"\n"),
            QStringLiteral("    read_only: true\n"),
            QStringLiteral("    cap_drop: [\"ALL\"]\n"),
            QStringLiteral("    security_opt: [\"no-new-privileges:true\"]\n"),
            QStringLiteral("    mem_limit: \"256m\"\n"),
            QStringLiteral("    cpu_shares: 512\n"),
            QStringLiteral("    pids_limit: 100\n"),
            QStringLiteral("    restart: \"on-failure:5\"\n"),
            QStringLiteral("      test: [\"CMD-SHELL\", \"kill -0 1 || exit 1\"]\n"),
            QStringLiteral("      interval: 30s\n"),
            QStringLiteral("      - type: tmpfs\n        target: \"/tmp\"\n"),
            QStringLiteral("      \"say\": \"a \\\"quote\\\"\"\n"),
            QStringLiteral("    command: [\"sleep\", \"3600\"]\n"),
        };
        for (const QString &line : expected) {
            QVERIFY2(yaml.contains(line), qPrintable(line + QStringLiteral(" not in\n") + yaml));
        }
    }
};

QTEST_GUILESS_MAIN(TestHardening)
#include "tst_hardening.moc"
