// SPDX-License-Identifier: GPL-3.0-or-later
// The host probe's parsers: dockerd's flags in every spelling, daemon.json
// merged over them, audit rules and their parent-folder watches,
// containerd's config.toml, docker hosts, permission bits.
#include "bench/hostcheckhelpers.h"
#include "bench/hostprobe.h"

#include <QTest>

using namespace drydock::bench;
using json = nlohmann::json;

class TestHostParse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dockerdFlags_data();
    void dockerdFlags();
    void flagProblems_data();
    void flagProblems();
    void daemonJsonMerge();
    void daemonJsonConflict();
    void daemonJsonBad_data();
    void daemonJsonBad();
    void settingReaders();
    void auditRules_data();
    void auditRules();
    void containerdConfig();
    void dockerHosts_data();
    void dockerHosts();
    void permissionBits_data();
    void permissionBits();
};

void TestHostParse::dockerdFlags_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected"); // JSON of the setting's value

    // Rule: `--flag=value` and `--flag value` set the same setting.
    QTest::newRow("long form with equals")
        << QStringList{QStringLiteral("--log-level=debug")} << QStringLiteral("log-level")
        << QStringLiteral("\"debug\"");
    QTest::newRow("long form with separate value")
        << QStringList{QStringLiteral("--log-level"), QStringLiteral("warn")}
        << QStringLiteral("log-level") << QStringLiteral("\"warn\"");
    // Rule: the shorthand -l is --log-level, with or without a space or '='.
    QTest::newRow("short form separate")
        << QStringList{QStringLiteral("-l"), QStringLiteral("error")} << QStringLiteral("log-level")
        << QStringLiteral("\"error\"");
    QTest::newRow("short form attached")
        << QStringList{QStringLiteral("-lfatal")} << QStringLiteral("log-level")
        << QStringLiteral("\"fatal\"");
    QTest::newRow("short form with equals")
        << QStringList{QStringLiteral("-l=info")} << QStringLiteral("log-level")
        << QStringLiteral("\"info\"");
    // Rule: boolean shorthands combine with a value shorthand (-Dl info).
    QTest::newRow("combined shorthands, debug")
        << QStringList{QStringLiteral("-Dl"), QStringLiteral("info")} << QStringLiteral("debug")
        << QStringLiteral("true");
    QTest::newRow("combined shorthands, level")
        << QStringList{QStringLiteral("-Dl"), QStringLiteral("info")} << QStringLiteral("log-level")
        << QStringLiteral("\"info\"");
    // Rule: a bare boolean flag means true.
    QTest::newRow("bare boolean") << QStringList{QStringLiteral("--live-restore")}
                                  << QStringLiteral("live-restore") << QStringLiteral("true");
    // Rule: booleans take Go's spellings after '=' (0, f, FALSE...).
    QTest::newRow("boolean zero") << QStringList{QStringLiteral("--icc=0")} << QStringLiteral("icc")
                                  << QStringLiteral("false");
    QTest::newRow("boolean FALSE") << QStringList{QStringLiteral("--userland-proxy=FALSE")}
                                   << QStringLiteral("userland-proxy") << QStringLiteral("false");
    QTest::newRow("boolean t") << QStringList{QStringLiteral("--iptables=t")}
                               << QStringLiteral("iptables") << QStringLiteral("true");
    // Rule: a boolean never takes its value from the next argument.
    QTest::newRow("boolean ignores next argument")
        << QStringList{QStringLiteral("--icc"), QStringLiteral("false")} << QStringLiteral("icc")
        << QStringLiteral("true");
    // Rule: repeated list flags collect every value, in daemon.json's key.
    QTest::newRow("repeated hosts, long and short")
        << QStringList{QStringLiteral("-H"), QStringLiteral("fd://"),
                       QStringLiteral("--host=tcp://0.0.0.0:2376"),
                       QStringLiteral("-Hunix:///run/d.sock")}
        << QStringLiteral("hosts")
        << QStringLiteral("[\"fd://\",\"tcp://0.0.0.0:2376\",\"unix:///run/d.sock\"]");
    QTest::newRow("insecure registry renamed")
        << QStringList{QStringLiteral("--insecure-registry"), QStringLiteral("10.0.0.0/8"),
                       QStringLiteral("--insecure-registry=[fd00::]/64")}
        << QStringLiteral("insecure-registries")
        << QStringLiteral("[\"10.0.0.0/8\",\"[fd00::]/64\"]");
    QTest::newRow("authorization plugin renamed")
        << QStringList{QStringLiteral("--authorization-plugin=authz")}
        << QStringLiteral("authorization-plugins") << QStringLiteral("[\"authz\"]");
    // Rule: --default-ulimit takes daemon.json's object shape; one number is both limits.
    QTest::newRow("ulimit soft and hard")
        << QStringList{QStringLiteral("--default-ulimit"), QStringLiteral("nofile=1024:2048")}
        << QStringLiteral("default-ulimits")
        << QStringLiteral("{\"nofile\":{\"Hard\":2048,\"Name\":\"nofile\",\"Soft\":1024}}");
    QTest::newRow("ulimit single number")
        << QStringList{QStringLiteral("--default-ulimit=nproc=512")}
        << QStringLiteral("default-ulimits")
        << QStringLiteral("{\"nproc\":{\"Hard\":512,\"Name\":\"nproc\",\"Soft\":512}}");
    QTest::newRow("log-opt map") << QStringList{QStringLiteral("--log-opt"),
                                                QStringLiteral("max-size=10m")}
                                 << QStringLiteral("log-opts")
                                 << QStringLiteral("{\"max-size\":\"10m\"}");
    // Rule: the deprecated -g/--graph is data-root.
    QTest::newRow("graph is data-root")
        << QStringList{QStringLiteral("-g"), QStringLiteral("/srv/docker")}
        << QStringLiteral("data-root") << QStringLiteral("\"/srv/docker\"");
    QTest::newRow("runtime path") << QStringList{QStringLiteral("--add-runtime=runc=/opt/runc")}
                                  << QStringLiteral("runtimes")
                                  << QStringLiteral("{\"runc\":{\"path\":\"/opt/runc\"}}");
}

void TestHostParse::dockerdFlags()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    const DaemonConfig config = parseDockerdArguments(arguments);
    QVERIFY2(config.has(key), qPrintable(key));
    QCOMPARE(QString::fromStdString(config.setting(key)->value.dump()), expected);
    QVERIFY(config.setting(key)->source.startsWith(QLatin1String("flag ")));
}

void TestHostParse::flagProblems_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");

    // Rule: dockerd takes no positional arguments; "--icc false" leaves "false" over.
    QTest::newRow("positional after boolean")
        << QStringList{QStringLiteral("--icc"), QStringLiteral("false")} << QStringLiteral("false");
    // Rule: a value flag at the end lacks its value.
    QTest::newRow("missing value")
        << QStringList{QStringLiteral("--log-level")} << QStringLiteral("needs a value");
    // Rule: a boolean with a value Go cannot parse is reported.
    QTest::newRow("bad boolean") << QStringList{QStringLiteral("--icc=nope")}
                                 << QStringLiteral("not a boolean");
    QTest::newRow("bad ulimit") << QStringList{QStringLiteral("--default-ulimit=nofile=a:b")}
                                << QStringLiteral("soft[:hard]");
}

void TestHostParse::flagProblems()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const DaemonConfig config = parseDockerdArguments(arguments);
    QVERIFY2(config.flagProblems.join(QLatin1Char('\n')).contains(mentions),
             qPrintable(config.flagProblems.join(QLatin1Char('\n'))));
}

void TestHostParse::daemonJsonMerge()
{
    // Rule: effective settings are the flags plus daemon.json's other keys.
    DaemonConfig config = parseDockerdArguments({QStringLiteral("--icc=false")});
    config.configFile = QStringLiteral("/etc/docker/daemon.json");
    mergeDaemonJson(config, R"({"live-restore": true, "graph": "/srv/d",
                                "insecure-registries": ["r.example:5000"]})");
    QVERIFY(config.configError.isEmpty());
    QCOMPARE(config.boolValue(QStringLiteral("icc")), std::optional<bool>(false));
    QCOMPARE(config.boolValue(QStringLiteral("live-restore")), std::optional<bool>(true));
    QCOMPARE(config.setting(QStringLiteral("live-restore"))->source,
             QStringLiteral("/etc/docker/daemon.json"));
    // Rule: daemon.json's old "graph" key is data-root.
    QCOMPARE(config.stringValue(QStringLiteral("data-root")), QStringLiteral("/srv/d"));
    QCOMPARE(config.listValue(QStringLiteral("insecure-registries")),
             QStringList{QStringLiteral("r.example:5000")});
}

void TestHostParse::daemonJsonConflict()
{
    // Rule: a key set both ways is a conflict dockerd refuses; the flag's value is kept.
    DaemonConfig config = parseDockerdArguments({QStringLiteral("--log-level=warn")});
    config.configFile = QStringLiteral("/etc/docker/daemon.json");
    mergeDaemonJson(config, R"({"log-level": "debug"})");
    QCOMPARE(config.conflicts, QStringList{QStringLiteral("log-level")});
    QCOMPARE(config.stringValue(QStringLiteral("log-level")), QStringLiteral("warn"));
}

void TestHostParse::daemonJsonBad_data()
{
    QTest::addColumn<QByteArray>("text");
    // Rule: bad JSON is an error naming the file, never a crash or a silent default.
    QTest::newRow("truncated") << QByteArray(R"({"icc": fal)");
    QTest::newRow("trailing comma") << QByteArray(R"({"icc": false,})");
    // Rule: the top level must be an object.
    QTest::newRow("array") << QByteArray(R"(["icc"])");
    QTest::newRow("empty file") << QByteArray();
}

void TestHostParse::daemonJsonBad()
{
    QFETCH(QByteArray, text);
    DaemonConfig config;
    config.configFile = QStringLiteral("/etc/docker/custom.json");
    mergeDaemonJson(config, text);
    QVERIFY(config.configError.contains(QLatin1String("/etc/docker/custom.json")));
}

void TestHostParse::settingReaders()
{
    DaemonConfig config;
    config.configFile = QStringLiteral("/etc/docker/daemon.json");
    mergeDaemonJson(config, R"({"icc": "false", "hosts": "unix:///x.sock", "debug": 1})");
    // Rule: a string boolean in daemon.json reads with Go's spellings.
    QCOMPARE(config.boolValue(QStringLiteral("icc")), std::optional<bool>(false));
    // Rule: a single string reads as a one-item list.
    QCOMPARE(config.listValue(QStringLiteral("hosts")),
             QStringList{QStringLiteral("unix:///x.sock")});
    // Rule: a number is no boolean: unknown rather than guessed.
    QCOMPARE(config.boolValue(QStringLiteral("debug")), std::nullopt);
    QCOMPARE(config.boolValue(QStringLiteral("absent")), std::nullopt);
}

void TestHostParse::auditRules_data()
{
    QTest::addColumn<QString>("rules");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("covered");

    const QString watch = QStringLiteral("-w /usr/bin/dockerd -p rwxa -k docker\n");
    // Rule: a -w watch on the file itself.
    QTest::newRow("watch on file") << watch << QStringLiteral("/usr/bin/dockerd") << true;
    // Rule: another file is not covered by a file watch.
    QTest::newRow("watch on other file") << watch << QStringLiteral("/usr/bin/containerd") << false;
    // Rule: a -w watch on a parent folder covers everything below it.
    QTest::newRow("watch on parent folder") << QStringLiteral("-w /etc/docker -k docker")
                                            << QStringLiteral("/etc/docker/daemon.json") << true;
    QTest::newRow("watch with trailing slash")
        << QStringLiteral("-w /etc/docker/ -k docker") << QStringLiteral("/etc/docker") << true;
    // Rule: a sibling whose name shares a prefix is not below the folder.
    QTest::newRow("prefix is not a parent") << QStringLiteral("-w /etc/docker -k docker")
                                            << QStringLiteral("/etc/docker-other") << false;
    // Rule: auditctl -l prints syscall rules with -F path= (exact) and -F dir= (tree).
    QTest::newRow("syscall path rule")
        << QStringLiteral("-a always,exit -F arch=b64 -S all -F path=/usr/sbin/runc -F perm=x "
                          "-F key=docker")
        << QStringLiteral("/usr/sbin/runc") << true;
    QTest::newRow("path rule does not cover children")
        << QStringLiteral("-a always,exit -F path=/var/lib/docker -F perm=wa")
        << QStringLiteral("/var/lib/docker/volumes") << false;
    QTest::newRow("dir rule covers children")
        << QStringLiteral("-a exit,always -F dir=/var/lib/docker -F perm=wa")
        << QStringLiteral("/var/lib/docker/volumes") << true;
    // Rule: a "never" rule suppresses auditing; it audits nothing.
    QTest::newRow("never rule") << QStringLiteral("-a never,exit -F path=/usr/bin/dockerd")
                                << QStringLiteral("/usr/bin/dockerd") << false;
    // Rule: comments and removals add no watch.
    QTest::newRow("commented watch")
        << QStringLiteral("# -w /usr/bin/dockerd") << QStringLiteral("/usr/bin/dockerd") << false;
    QTest::newRow("removal") << QStringLiteral("-W /usr/bin/dockerd")
                             << QStringLiteral("/usr/bin/dockerd") << false;
    // Rule: auditctl applies lines in order; a watch removed again by -W,
    // a syscall rule deleted by -d, and everything before -D audit nothing.
    QTest::newRow("watch then its removal")
        << QStringLiteral("-w /usr/bin/dockerd -k docker\n-W /usr/bin/dockerd -k docker")
        << QStringLiteral("/usr/bin/dockerd") << false;
    QTest::newRow("removal of another watch keeps this one")
        << QStringLiteral("-w /usr/bin/dockerd\n-W /usr/bin/containerd")
        << QStringLiteral("/usr/bin/dockerd") << true;
    QTest::newRow("path rule then -d")
        << QStringLiteral("-a always,exit -F path=/usr/sbin/runc -F perm=x\n"
                          "-d always,exit -F path=/usr/sbin/runc -F perm=x")
        << QStringLiteral("/usr/sbin/runc") << false;
    QTest::newRow("-D deletes earlier rules") << QStringLiteral("-w /etc/docker\n-D\n-b 8192")
                                              << QStringLiteral("/etc/docker/daemon.json") << false;
    QTest::newRow("watch after -D counts")
        << QStringLiteral("-D\n-w /etc/docker -k docker") << QStringLiteral("/etc/docker") << true;
    // Rule: "No rules" (auditctl -l on an empty list) is no watch, not an error.
    QTest::newRow("no rules") << QStringLiteral("No rules") << QStringLiteral("/usr/bin/dockerd")
                              << false;
}

void TestHostParse::auditRules()
{
    QFETCH(QString, rules);
    QFETCH(QString, path);
    QFETCH(bool, covered);
    const QList<AuditRule> parsed = parseAuditRules(rules, QStringLiteral("test"));
    QCOMPARE(findAuditRule(parsed, path) != nullptr, covered);
}

void TestHostParse::containerdConfig()
{
    // Rule: the socket is [grpc] address, not an address in another table.
    const ContainerdConfigValues values = parseContainerdConfig(
        QStringLiteral("version = 2\nroot = \"/var/lib/c\"\nstate = \"/run/alt/state\"\n"
                       "[debug]\n  address = \"/run/alt/debug.sock\"\n"
                       "[grpc]\n  address = \"/run/alt/containerd.sock\" # the API\n  uid = 0\n"
                       "[ttrpc]\n  address = \"\"\n"));
    QCOMPARE(values.grpcAddress, QStringLiteral("/run/alt/containerd.sock"));
    QCOMPARE(values.state, QStringLiteral("/run/alt/state"));
    // Rule: a config without [grpc] leaves the default to the caller.
    QVERIFY(parseContainerdConfig(QStringLiteral("version = 2\n")).grpcAddress.isEmpty());
}

void TestHostParse::dockerHosts_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("socket");
    QTest::newRow("unix") << QStringLiteral("unix:///run/user/1000/docker.sock")
                          << QStringLiteral("/run/user/1000/docker.sock");
    // Rule: "unix://" alone is the default socket.
    QTest::newRow("empty unix") << QStringLiteral("unix://")
                                << QStringLiteral("/var/run/docker.sock");
    // Rule: fd:// is socket activation: docker.socket's ListenStream.
    QTest::newRow("socket activation")
        << QStringLiteral("fd://") << QStringLiteral("/run/docker.sock");
    // Rule: tcp (IPv4 or IPv6) and bare addresses are not unix sockets.
    QTest::newRow("tcp ipv4") << QStringLiteral("tcp://0.0.0.0:2376") << QString();
    QTest::newRow("tcp ipv6") << QStringLiteral("tcp://[::]:2376") << QString();
    QTest::newRow("bare address") << QStringLiteral("127.0.0.1:2375") << QString();
}

void TestHostParse::dockerHosts()
{
    QFETCH(QString, host);
    QFETCH(QString, socket);
    QCOMPARE(unixSocketOfHost(host, QStringLiteral("/run/docker.sock")), socket);
}

void TestHostParse::permissionBits_data()
{
    QTest::addColumn<uint>("mode");
    QTest::addColumn<uint>("allowed");
    QTest::addColumn<uint>("excess");
    // Rule: bits, not decimal numbers: 0622 is not "644 or stricter".
    QTest::newRow("0622 vs 0644") << 0622u << 0644u << 0022u;
    QTest::newRow("0644 vs 0644") << 0644u << 0644u << 0u;
    QTest::newRow("0600 vs 0644") << 0600u << 0644u << 0u;
    QTest::newRow("0440 vs 0444") << 0440u << 0444u << 0u;
    // Rule: 0500 is numerically above 0444 in no order that matters: x is extra.
    QTest::newRow("0500 vs 0444") << 0500u << 0444u << 0100u;
    // Rule: setuid and sticky bits count as extra bits too.
    QTest::newRow("setuid") << 04644u << 0644u << 04000u;
    QTest::newRow("socket 0666 vs 0660") << 0666u << 0660u << 0006u;
    QTest::newRow("key 0400") << 0400u << 0400u << 0u;
    QTest::newRow("key 0440 vs 0400") << 0440u << 0400u << 0040u;
}

void TestHostParse::permissionBits()
{
    QFETCH(uint, mode);
    QFETCH(uint, allowed);
    QFETCH(uint, excess);
    QCOMPARE(excessBits(mode, allowed), excess);
    QCOMPARE(modeText(0644), QStringLiteral("0644"));
    QCOMPARE(modeText(04755), QStringLiteral("04755"));
}

QTEST_GUILESS_MAIN(TestHostParse)
#include "tst_hostparse.moc"
