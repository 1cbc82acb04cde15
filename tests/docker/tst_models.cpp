// SPDX-License-Identifier: GPL-3.0-or-later
// Typed models parsed from recorded and constructed engine documents (data/README.md).
#include "docker/engineclient.h"
#include "docker/jsonread.h"
#include "docker/models.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

#include <functional>

using namespace drydock;
using namespace drydock::docker;
using nlohmann::json;

namespace {

json load(const char *name)
{
    QFile file(QStringLiteral(DRYDOCK_TEST_DATA "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly)) {
        return json();
    }
    const QByteArray bytes = file.readAll();
    return json::parse(bytes.begin(), bytes.end(), nullptr, false);
}

QList<json> loadLines(const char *name)
{
    QFile file(QStringLiteral(DRYDOCK_TEST_DATA "/") + QLatin1String(name));
    QList<json> lines;
    if (!file.open(QIODevice::ReadOnly)) {
        return lines;
    }
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.trimmed().isEmpty()) {
            lines.append(json::parse(line.begin(), line.end(), nullptr, false));
        }
    }
    return lines;
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

PortBinding findPort(const QList<PortBinding> &ports, const QString &containerPort,
                     const QString &hostIp)
{
    for (const PortBinding &port : ports) {
        if (port.containerPort == containerPort && port.hostIp == hostIp) {
            return port;
        }
    }
    return {};
}

// QCOMPARE cannot print nlohmann values; this shows the actual one on failure.
#define JSON_COMPARE(actual, expected) QVERIFY2((actual) == (expected), json(actual).dump().c_str())

// A parser under a common signature, so wrong shapes can be table-driven.
using AnyParser = std::function<std::optional<Error>(const json &)>;

template<class T>
AnyParser wrap(Result<T> (*parse)(const json &))
{
    return [parse](const json &doc) -> std::optional<Error> {
        const auto result = parse(doc);
        if (result.ok()) {
            return std::nullopt;
        }
        return result.error();
    };
}

} // namespace

Q_DECLARE_METATYPE(AnyParser)

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dataFilesAreJson()
    {
        for (const char *name :
             {"version-20.10.json", "version-podman.json", "info-20.10.json", "info-rootless.json",
              "containers-list.json", "container-inspect.json", "container-inspect-privileged.json",
              "container-top.json", "images-list.json", "image-inspect.json", "image-history.json",
              "networks.json", "volumes.json", "swarm.json", "swarm-nodes.json",
              "swarm-services.json", "pull-failure-500.json", "swarm-not-manager-503.json"}) {
            QVERIFY2(!load(name).is_discarded() && !load(name).is_null(), name);
        }
    }

    void versionRecorded()
    {
        const auto v = parseVersion(load("version-20.10.json"));
        QVERIFY(v.ok());
        QCOMPARE(v->version, QStringLiteral("20.10.24+dfsg1"));
        QCOMPARE(v->apiVersion, QStringLiteral("1.41"));
        QCOMPARE(v->minApiVersion, QStringLiteral("1.12"));
        QCOMPARE(v->os, QStringLiteral("linux"));
        QCOMPARE(v->arch, QStringLiteral("amd64"));
        QCOMPARE(v->goVersion, QStringLiteral("go1.19.8"));
        QCOMPARE(v->gitCommit, QStringLiteral("5d6db84"));
        QCOMPARE(v->componentNames,
                 QStringList({QStringLiteral("Engine"), QStringLiteral("containerd"),
                              QStringLiteral("runc"), QStringLiteral("docker-init")}));
        QCOMPARE(v->componentVersions.value(QStringLiteral("runc")), QStringLiteral("1.1.5+ds1"));
        QVERIFY(!v->podman);
    }

    void versionPodman()
    {
        const auto v = parseVersion(load("version-podman.json"));
        QVERIFY(v.ok());
        QVERIFY(v->podman); // the "Podman Engine" component gives it away
        QCOMPARE(v->version, QStringLiteral("4.3.1"));
        QCOMPARE(v->apiVersion, QStringLiteral("1.41"));
        QCOMPARE(v->componentNames.first(), QStringLiteral("Podman Engine"));
        QCOMPARE(v->componentVersions.value(QStringLiteral("Podman Engine")),
                 QStringLiteral("4.3.1"));
    }

    void infoRecorded()
    {
        const auto info = parseInfo(load("info-20.10.json"));
        QVERIFY(info.ok());
        QCOMPARE(info->serverVersion, QStringLiteral("20.10.24+dfsg1"));
        QCOMPARE(info->osType, QStringLiteral("linux"));
        QCOMPARE(info->driver, QStringLiteral("overlay2"));
        QCOMPARE(info->dockerRootDir, QStringLiteral("/var/lib/docker"));
        QCOMPARE(info->loggingDriver, QStringLiteral("json-file"));
        QCOMPARE(info->defaultRuntime, QStringLiteral("runc"));
        QCOMPARE(info->securityOptions,
                 QStringList{QStringLiteral("name=seccomp,profile=default")});
        QVERIFY(info->hasSecurityOption(QStringLiteral("seccomp")));
        // A name is matched whole: "sec" is not "seccomp".
        QVERIFY(!info->hasSecurityOption(QStringLiteral("sec")));
        QVERIFY(!info->rootless());
        QVERIFY(info->authorizationPlugins.isEmpty()); // null in the document
        QVERIFY(info->insecureRegistryCidrs.contains(QStringLiteral("127.0.0.0/8")));
        QVERIFY(info->insecureRegistryNames.isEmpty());
        QCOMPARE(info->swarm.localNodeState, QStringLiteral("inactive"));
        QVERIFY(!info->swarm.active());
        QVERIFY(!info->liveRestoreEnabled);
        QVERIFY(info->containers >= 1);
        QVERIFY(info->raw.contains("SecurityOptions"));
    }

    void infoRootless()
    {
        const auto info = parseInfo(load("info-rootless.json"));
        QVERIFY(info.ok());
        QVERIFY(info->rootless());
        QVERIFY(info->hasSecurityOption(QStringLiteral("cgroupns")));
        QVERIFY(info->hasSecurityOption(QStringLiteral("seccomp")));
        QCOMPARE(info->serverVersion, QStringLiteral("27.3.1"));
        QCOMPARE(info->dockerRootDir, QStringLiteral("/home/student/.local/share/docker"));
        QCOMPARE(info->cgroupVersion, QStringLiteral("2"));
        QCOMPARE(info->cgroupDriver, QStringLiteral("systemd"));
        QVERIFY(info->liveRestoreEnabled);
        QCOMPARE(info->authorizationPlugins, QStringList{QStringLiteral("opa-docker-authz")});
        QCOMPARE(info->insecureRegistryCidrs,
                 QStringList({QStringLiteral("127.0.0.0/8"), QStringLiteral("10.20.0.0/16")}));
        // IndexConfigs with Secure=false are the insecure registries by name.
        QCOMPARE(info->insecureRegistryNames,
                 QStringList{QStringLiteral("registry.lab.example:5000")});
        QCOMPARE(info->registryMirrors, QStringList{QStringLiteral("https://mirror.lab.example/")});
        QVERIFY(info->swarm.active());
        QVERIFY(info->swarm.controlAvailable);
        QCOMPARE(info->swarm.managers, 1);
        QCOMPARE(info->swarm.nodes, 3);
        QCOMPARE(info->containers, 7);
        QCOMPARE(info->containersRunning, 3);
        QCOMPARE(info->images, 12);
    }

    void containerInspectRecorded()
    {
        const auto c = parseContainerInspect(load("container-inspect.json"));
        QVERIFY(c.ok());
        QCOMPARE(c->id, QStringLiteral(
                            "e3606f820e32f08efd2ece70d1386ddef5483e0b5b8749d2ab0066b8c4ac9b1e"));
        QCOMPARE(c->shortId(), QStringLiteral("e3606f820e32"));
        QCOMPARE(c->name, QStringLiteral("drydock-dt-record")); // leading slash dropped
        QVERIFY(c->imageId.startsWith(QLatin1String("sha256:")));
        // Nanosecond timestamps parse (to the millisecond).
        QVERIFY(c->created.isValid());
        QVERIFY(qAbs(c->created.toMSecsSinceEpoch() -
                     utc(2026, 12, 4, 16, 2, 34, 932).toMSecsSinceEpoch()) <= 1);
        QCOMPARE(c->driver, QStringLiteral("overlay2"));
        QCOMPARE(c->state.status, QStringLiteral("running"));
        QVERIFY(c->state.running);
        QCOMPARE(c->state.pid, 25457);
        QCOMPARE(c->state.healthStatus, QStringLiteral("unhealthy"));
        QVERIFY(c->state.startedAt.isValid());

        const ContainerConfig &config = c->config;
        QCOMPARE(config.hostname, QStringLiteral("dtrec"));
        QCOMPARE(config.user, QStringLiteral("65534:65534"));
        QCOMPARE(config.image, QStringLiteral("drydock/busybox:latest"));
        QCOMPARE(config.env, QStringList{QStringLiteral("FOO=bar")});
        QCOMPARE(config.cmd, QStringList({QStringLiteral("/bin/busybox"), QStringLiteral("sleep"),
                                          QStringLiteral("3600")}));
        QVERIFY(config.entrypoint.isEmpty()); // null
        QCOMPARE(config.labels.value(QStringLiteral("drydock.test")), QStringLiteral("dt-record"));
        QVERIFY(config.healthcheck.present());
        QCOMPARE(config.healthcheck.test,
                 QStringList({QStringLiteral("CMD-SHELL"), QStringLiteral("/bin/busybox true")}));
        QCOMPARE(config.healthcheck.intervalNs, 5000000000LL);
        QCOMPARE(config.healthcheck.timeoutNs, 2000000000LL);
        QCOMPARE(config.healthcheck.retries, 3);
        QCOMPARE(config.exposedPorts.size(), 3);
        QVERIFY(config.exposedPorts.contains(QStringLiteral("83/udp")));

        const HostConfig &host = c->hostConfig;
        QVERIFY(!host.privileged);
        QCOMPARE(host.capAdd, QStringList{QStringLiteral("CAP_NET_ADMIN")});
        QCOMPARE(host.capDrop,
                 QStringList({QStringLiteral("CAP_MKNOD"), QStringLiteral("CAP_NET_RAW")}));
        QCOMPARE(host.securityOpt, QStringList{QStringLiteral("no-new-privileges:true")});
        QVERIFY(host.readonlyRootfs);
        QCOMPARE(host.memory, 64LL * 1024 * 1024);
        QCOMPARE(host.memorySwap, 128LL * 1024 * 1024);
        QCOMPARE(host.cpuShares, 512LL);
        QCOMPARE(host.nanoCpus, 0LL);
        QVERIFY(host.pidsLimit.has_value());
        QCOMPARE(*host.pidsLimit, 50LL);
        QCOMPARE(host.networkMode, QStringLiteral("default"));
        QCOMPARE(host.ipcMode, QStringLiteral("private"));
        QCOMPARE(host.pidMode, QString());
        QCOMPARE(host.cgroupnsMode, QStringLiteral("host"));
        QVERIFY(host.devices.isEmpty());
        QCOMPARE(host.restartPolicy, QStringLiteral("on-failure"));
        QCOMPARE(host.restartMaxRetries, 3);
        QCOMPARE(host.ulimits.size(), 1);
        QCOMPARE(host.ulimits.first().name, QStringLiteral("nofile"));
        QCOMPARE(host.ulimits.first().soft, 1024LL);
        QCOMPARE(host.ulimits.first().hard, 2048LL);
        QCOMPARE(host.binds, QStringList{QStringLiteral("/tmp/dt-bind:/data:ro")});
        QCOMPARE(host.logDriver, QStringLiteral("json-file"));
        QCOMPARE(host.runtime, QStringLiteral("runc"));
        QVERIFY(host.oomKillDisable.has_value());
        QVERIFY(!*host.oomKillDisable);
        // Port bindings as asked: IPv4, IPv6 and "all addresses" ("").
        QCOMPARE(host.portBindings.size(), 3);
        QCOMPARE(findPort(host.portBindings, QStringLiteral("81/tcp"), QStringLiteral("0.0.0.0"))
                     .hostPort,
                 QStringLiteral("18081"));
        QCOMPARE(
            findPort(host.portBindings, QStringLiteral("82/tcp"), QStringLiteral("::")).hostPort,
            QStringLiteral("18082"));
        QCOMPARE(findPort(host.portBindings, QStringLiteral("83/udp"), QString()).hostPort,
                 QStringLiteral("18083"));
        // What is bound now: "all addresses" shows once per family.
        QCOMPARE(c->ports.size(), 4);
        QCOMPARE(findPort(c->ports, QStringLiteral("83/udp"), QStringLiteral("::")).hostPort,
                 QStringLiteral("18083"));
        QCOMPARE(findPort(c->ports, QStringLiteral("83/udp"), QStringLiteral("0.0.0.0")).hostPort,
                 QStringLiteral("18083"));

        QCOMPARE(c->mounts.size(), 2);
        const Mount &bind = c->mounts.at(0);
        QCOMPARE(bind.type, QStringLiteral("bind"));
        QCOMPARE(bind.source, QStringLiteral("/tmp/dt-bind"));
        QCOMPARE(bind.destination, QStringLiteral("/data"));
        QCOMPARE(bind.mode, QStringLiteral("ro"));
        QVERIFY(!bind.rw);
        QCOMPARE(bind.propagation, QStringLiteral("rprivate"));
        const Mount &volume = c->mounts.at(1);
        QCOMPARE(volume.type, QStringLiteral("volume"));
        QCOMPARE(volume.name, QStringLiteral("drydock-dt-vol"));
        QCOMPARE(volume.destination, QStringLiteral("/vol"));
        QVERIFY(volume.rw);

        QCOMPARE(c->networks.size(), 1);
        QCOMPARE(c->networks.first().network, QStringLiteral("bridge"));
        QCOMPARE(c->networks.first().ipAddress, QStringLiteral("172.17.0.2"));
        QVERIFY(c->raw.contains("GraphDriver"));
    }

    void containerInspectPrivileged()
    {
        const auto c = parseContainerInspect(load("container-inspect-privileged.json"));
        QVERIFY(c.ok());
        QCOMPARE(c->name, QStringLiteral("drydock-privileged"));
        const HostConfig &host = c->hostConfig;
        QVERIFY(host.privileged);
        QVERIFY(host.capAdd.isEmpty()); // null
        QVERIFY(host.capDrop.isEmpty());
        QCOMPARE(host.securityOpt, QStringList{QStringLiteral("label=disable")});
        QVERIFY(!host.readonlyRootfs);
        QCOMPARE(host.memory, 0LL);
        QVERIFY(!host.pidsLimit.has_value()); // null means unlimited, not 0
        QVERIFY(!host.oomKillDisable.has_value());
        QCOMPARE(host.networkMode, QStringLiteral("host"));
        QCOMPARE(host.pidMode, QStringLiteral("host"));
        QCOMPARE(host.ipcMode, QStringLiteral("host"));
        QCOMPARE(host.utsMode, QStringLiteral("host"));
        QCOMPARE(host.usernsMode, QStringLiteral("host"));
        QCOMPARE(host.devices.size(), 1);
        QCOMPARE(host.devices.first().pathOnHost, QStringLiteral("/dev/kmsg"));
        QCOMPARE(host.devices.first().permissions, QStringLiteral("rwm"));
        QVERIFY(host.portBindings.isEmpty());
        QCOMPARE(host.restartPolicy, QStringLiteral("always"));
        QVERIFY(host.ulimits.isEmpty());
        QCOMPARE(c->appArmorProfile, QStringLiteral("unconfined"));
        QVERIFY(!c->config.healthcheck.present()); // no Healthcheck member
        QCOMPARE(c->state.healthStatus, QString());
        // The docker socket mounted read-write, and / with rslave.
        QCOMPARE(c->mounts.size(), 2);
        QCOMPARE(c->mounts.at(0).source, QStringLiteral("/var/run/docker.sock"));
        QVERIFY(c->mounts.at(0).rw);
        QCOMPARE(c->mounts.at(1).propagation, QStringLiteral("rslave"));
        // An offset timestamp with nanoseconds is the right instant.
        QVERIFY(qAbs(c->state.startedAt.toMSecsSinceEpoch() -
                     utc(2026, 11, 30, 7, 15, 43, 988).toMSecsSinceEpoch()) <= 1);
        QCOMPARE(c->networks.first().network, QStringLiteral("host"));
        QVERIFY(c->ports.isEmpty());
    }

    void containerList()
    {
        const auto list = parseContainerList(load("containers-list.json"));
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 1);
        const ContainerSummary &s = list->first();
        QCOMPARE(s.names, QStringList{QStringLiteral("drydock-dt-record")});
        QCOMPARE(s.name(), QStringLiteral("drydock-dt-record"));
        QCOMPARE(s.image, QStringLiteral("drydock/busybox:latest"));
        QCOMPARE(s.state, QStringLiteral("running"));
        QVERIFY(s.status.contains(QLatin1String("unhealthy")));
        QCOMPARE(s.command, QStringLiteral("/bin/busybox sleep 3600"));
        QCOMPARE(s.created, QDateTime::fromSecsSinceEpoch(1796400154, Qt::UTC));
        QCOMPARE(s.labels.value(QStringLiteral("purpose")), QStringLiteral("recording"));
    }

    void top()
    {
        const auto table = parseTop(load("container-top.json"));
        QVERIFY(table.ok());
        QCOMPARE(table->titles.size(), 8);
        QCOMPARE(table->column(QStringLiteral("PID")), 1);
        QCOMPARE(table->column(QStringLiteral("CMD")), 7);
        QCOMPARE(table->column(QStringLiteral("NOPE")), -1);
        QCOMPARE(table->processes.size(), 1);
        QCOMPARE(table->processes.first().at(0), QStringLiteral("nobody"));
        QCOMPARE(table->processes.first().at(7), QStringLiteral("/bin/busybox sleep 3600"));
    }

    void imageList()
    {
        const auto images = parseImageList(load("images-list.json"));
        QVERIFY(images.ok());
        QCOMPARE(images->size(), 2);
        const ImageSummary &built = images->at(0);
        QCOMPARE(built.repoTags, QStringList{QStringLiteral("drydock-dt/history:1")});
        QVERIFY(built.repoDigests.isEmpty()); // null
        QCOMPARE(built.containers, -1);
        QCOMPARE(built.size, 1990662LL);
        QCOMPARE(built.created, QDateTime::fromSecsSinceEpoch(1796400183, Qt::UTC));
        QCOMPARE(built.labels.value(QStringLiteral("org.example.purpose")),
                 QStringLiteral("drydock history fixture"));
        QVERIFY(images->at(1).labels.isEmpty());
    }

    void imageListDropsNoneTags()
    {
        // Untagged images say "<none>:<none>"; that is not a tag.
        const json doc = json::parse(R"([{"Id": "sha256:1", "RepoTags": ["<none>:<none>"],
            "RepoDigests": ["<none>@<none>"], "Created": 5, "Size": 1}])");
        const auto images = parseImageList(doc);
        QVERIFY(images.ok());
        QVERIFY(images->first().repoTags.isEmpty());
        QVERIFY(images->first().repoDigests.isEmpty());
        QCOMPARE(images->first().containers, -1); // absent: not counted
    }

    void imageInspect()
    {
        const auto image = parseImageInspect(load("image-inspect.json"));
        QVERIFY(image.ok());
        QCOMPARE(image->id,
                 QStringLiteral("sha256:ac32ba6c908ed61147f0fd369e1ab41adf4953e888bb20668edd672d"
                                "bb80c946"));
        QCOMPARE(image->repoTags, QStringList{QStringLiteral("drydock-dt/history:1")});
        QCOMPARE(image->architecture, QStringLiteral("amd64"));
        QCOMPARE(image->os, QStringLiteral("linux"));
        QCOMPARE(image->size, 1990662LL);
        QCOMPARE(image->config.user, QStringLiteral("65534"));
        QVERIFY(image->config.env.contains(QStringLiteral("APP_MODE=lab")));
        QCOMPARE(image->config.cmd.last(), QStringLiteral("60"));
        QCOMPARE(image->config.labels.value(QStringLiteral("org.example.purpose")),
                 QStringLiteral("drydock history fixture"));
        QCOMPARE(image->layers.size(), 2);
        QVERIFY(qAbs(image->created.toMSecsSinceEpoch() -
                     utc(2026, 12, 4, 16, 3, 3, 183).toMSecsSinceEpoch()) <= 1);
    }

    void history()
    {
        const auto entries = parseHistory(load("image-history.json"));
        QVERIFY(entries.ok());
        QCOMPARE(entries->size(), 6);
        QVERIFY(entries->at(0).createdBy.contains(QLatin1String("CMD")));
        QCOMPARE(entries->at(0).tags, QStringList{QStringLiteral("drydock-dt/history:1")});
        QCOMPARE(entries->at(3).createdBy, QStringLiteral("/bin/busybox mkdir -p /srv/app"));
        QVERIFY(entries->at(1).tags.isEmpty());
        QCOMPARE(entries->last().comment, QStringLiteral("Imported from -"));
        QCOMPARE(entries->last().size, 1990662LL);
        QCOMPARE(entries->at(0).created, QDateTime::fromSecsSinceEpoch(1796400183, Qt::UTC));
    }

    void networks()
    {
        const auto list = parseNetworks(load("networks.json"));
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 3);
        QStringList names;
        for (const NetworkInfo &n : *list) {
            names.append(n.name);
            QCOMPARE(n.scope, QStringLiteral("local"));
            QVERIFY(!n.internal);
            if (n.name == QLatin1String("bridge")) {
                QCOMPARE(n.driver, QStringLiteral("bridge"));
                QCOMPARE(n.options.value(QStringLiteral("com.docker.network.bridge.enable_icc")),
                         QStringLiteral("true"));
            }
        }
        names.sort();
        QCOMPARE(names, QStringList({QStringLiteral("bridge"), QStringLiteral("host"),
                                     QStringLiteral("none")}));
    }

    void volumes()
    {
        const auto list = parseVolumes(load("volumes.json"));
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().name, QStringLiteral("drydock-dt-vol"));
        QCOMPARE(list->first().driver, QStringLiteral("local"));
        QCOMPARE(list->first().mountpoint,
                 QStringLiteral("/var/lib/docker/volumes/drydock-dt-vol/_data"));
        QCOMPARE(list->first().scope, QStringLiteral("local"));
        QVERIFY(list->first().labels.isEmpty());
        // "Volumes": null (no volumes at all) is an empty list, not an error.
        const auto none = parseVolumes(json::parse(R"({"Volumes": null, "Warnings": null})"));
        QVERIFY(none.ok());
        QVERIFY(none->isEmpty());
    }

    void events()
    {
        const QList<json> lines = loadLines("events.ndjson");
        QCOMPARE(lines.size(), 6);
        QStringList actions;
        qint64 previous = 0;
        for (const json &line : lines) {
            const auto event = parseEvent(line);
            QVERIFY(event.ok());
            actions.append(event->type + QLatin1Char(':') + event->action);
            QVERIFY(event->timeNano > previous); // nanoseconds, in order
            previous = event->timeNano;
            QVERIFY(!event->actorId.isEmpty());
        }
        QCOMPARE(
            actions,
            QStringList({QStringLiteral("container:create"), QStringLiteral("container:attach"),
                         QStringLiteral("container:start"), QStringLiteral("container:die"),
                         QStringLiteral("container:destroy"), QStringLiteral("image:tag")}));
        const auto die = parseEvent(lines.at(3));
        QCOMPARE(die->attributes.value(QStringLiteral("drydock.test")),
                 QStringLiteral("dt-events"));
        QCOMPARE(die->attributes.value(QStringLiteral("exitCode")), QStringLiteral("0"));
        QCOMPARE(die->attributes.value(QStringLiteral("name")), QStringLiteral("drydock-dt-ev"));
        QCOMPARE(die->timeNano, 1796400196149206558LL);
    }

    void pullStream()
    {
        const QList<json> ok = loadLines("pull-stream-ok.ndjson");
        QCOMPARE(ok.size(), 8);
        for (const json &line : ok) {
            const auto progress = parsePullProgress(line);
            QVERIFY(progress.ok());
            QVERIFY(progress->error.isEmpty());
        }
        const auto downloading = parsePullProgress(ok.at(2));
        QCOMPARE(downloading->status, QStringLiteral("Downloading"));
        QCOMPARE(downloading->id, QStringLiteral("a1b2c3d4e5f6"));
        QCOMPARE(downloading->current, 772788LL);
        QCOMPARE(downloading->total, 772788LL);

        // A pull that fails after it started streaming: the error is inside the stream.
        const QList<json> failed = loadLines("pull-stream-error.ndjson");
        QCOMPARE(failed.size(), 4);
        const auto partial = parsePullProgress(failed.at(2));
        QCOMPARE(partial->current, 32768LL);
        QCOMPARE(partial->total, 772788LL);
        const auto error = parsePullProgress(failed.last());
        QVERIFY(error.ok());
        QCOMPARE(error->error, QStringLiteral("unexpected EOF"));
        // errorDetail alone is enough.
        const auto detailOnly =
            parsePullProgress(json::parse(R"({"errorDetail": {"message": "denied"}})"));
        QCOMPARE(detailOnly->error, QStringLiteral("denied"));

        const auto imported = parsePullProgress(loadLines("import-stream.ndjson").first());
        QVERIFY(imported->status.startsWith(QLatin1String("sha256:")));
    }

    void engineErrorCarriesMessage_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("mention");
        const auto file = [](const char *name) {
            QFile f(QStringLiteral(DRYDOCK_TEST_DATA "/") + QLatin1String(name));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        // A pull that fails early: HTTP 500 whose message names the registry.
        QTest::newRow("pull failure 500")
            << 500 << file("pull-failure-500.json") << int(ErrorKind::Refused)
            << QStringLiteral("127.0.0.1:1: connect: connection refused");
        // Swarm calls on a node outside a swarm: 503 with the engine's advice.
        QTest::newRow("not a swarm manager 503")
            << 503 << file("swarm-not-manager-503.json") << int(ErrorKind::Refused)
            << QStringLiteral("docker swarm init");
        // Not found is the user's input.
        QTest::newRow("404 no such container")
            << 404 << QByteArray(R"({"message":"No such container: nope"})")
            << int(ErrorKind::BadInput) << QStringLiteral("No such container: nope");
        // A body that is not JSON is quoted as text.
        QTest::newRow("plain text body")
            << 502 << QByteArray("Bad Gateway\n") << int(ErrorKind::Refused)
            << QStringLiteral("Bad Gateway");
        // An old pinned version: the hint says how to fix it.
        QTest::newRow("client version too old")
            << 400
            << QByteArray(R"({"message":"client version 1.41 is too old. Minimum supported API )"
                          R"(version is 1.44, please upgrade your client to a newer version"})")
            << int(ErrorKind::BadInput) << QStringLiteral("DOCKER_API_VERSION");
    }

    void engineErrorCarriesMessage()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        QFETCH(QString, mention);
        HttpResponse response;
        response.status = status;
        response.body = body;
        const Error error = engineError(response, QStringLiteral("the test request"));
        QCOMPARE(int(error.kind), kind);
        QCOMPARE(error.httpStatus, status);
        QVERIFY2(error.text().contains(mention), qPrintable(error.text()));
        QVERIFY2(error.message.contains(QString::number(status)), qPrintable(error.message));
        QVERIFY2(error.message.contains(QLatin1String("the test request")),
                 qPrintable(error.message));
    }

    void swarm()
    {
        const auto spec = parseSwarmSpec(load("swarm.json"));
        QVERIFY(spec.ok());
        QCOMPARE(spec->id, QStringLiteral("x7c1lkq0d3v5b8n2m4h6j9f0e"));
        QVERIFY(spec->autolockManagers);
        QCOMPARE(spec->certExpiryNs, 7776000000000000LL); // 90 days
        QCOMPARE(spec->caExternalUrl,
                 QStringLiteral("https://ca.lab.example:8888/api/v1/cfssl/sign"));
        QCOMPARE(spec->taskHistoryRetention, 5);
        QVERIFY(!spec->dataPathPortDefault); // 7789, not 4789
        // Without a DataPathPort the default 4789 applies.
        const auto plain = parseSwarmSpec(json::parse(R"({"ID": "x", "Spec": {}})"));
        QVERIFY(plain.ok());
        QVERIFY(plain->dataPathPortDefault);
        QVERIFY(!plain->autolockManagers);
        QVERIFY(plain->caExternalUrl.isEmpty());

        const auto nodes = parseNodes(load("swarm-nodes.json"));
        QVERIFY(nodes.ok());
        QCOMPARE(nodes->size(), 3);
        QCOMPARE(nodes->at(0).hostname, QStringLiteral("lab-manager"));
        QCOMPARE(nodes->at(0).role, QStringLiteral("manager"));
        QVERIFY(nodes->at(0).leader);
        QCOMPARE(nodes->at(0).managerReachability, QStringLiteral("reachable"));
        QCOMPARE(nodes->at(1).role, QStringLiteral("worker"));
        QVERIFY(!nodes->at(1).leader);
        QVERIFY(nodes->at(1).managerReachability.isEmpty());
        QCOMPARE(nodes->at(2).availability, QStringLiteral("drain"));
        QCOMPARE(nodes->at(2).state, QStringLiteral("down"));

        const auto services = parseServices(load("swarm-services.json"));
        QVERIFY(services.ok());
        QCOMPARE(services->size(), 2);
        const SwarmService &web = services->at(0);
        QCOMPARE(web.name, QStringLiteral("web"));
        QVERIFY(web.image.startsWith(QLatin1String("registry.lab.example:5000/web:1.0@sha256:")));
        QCOMPARE(web.secrets, QStringList{QStringLiteral("db_password")});
        QCOMPARE(web.configs, QStringList{QStringLiteral("web_conf")});
        QCOMPARE(web.publishedPorts.size(), 2);
        QCOMPARE(web.publishedPorts.at(0).containerPort, QStringLiteral("80/tcp"));
        QCOMPARE(web.publishedPorts.at(0).hostPort, QStringLiteral("8080"));
        QCOMPARE(web.publishedPorts.at(1).containerPort, QStringLiteral("53/udp"));
        const SwarmService &worker = services->at(1);
        QCOMPARE(worker.image, QStringLiteral("drydock/busybox:latest"));
        QVERIFY(worker.secrets.isEmpty());
        QVERIFY(worker.publishedPorts.isEmpty());
    }

    void wrongShapes_data()
    {
        QTest::addColumn<AnyParser>("parse");
        QTest::addColumn<QByteArray>("document");
        // Rule: each parser checks the document's overall shape and says what it expected.
        QTest::newRow("version not an object") << wrap(parseVersion) << QByteArray("[]");
        QTest::newRow("info is a string") << wrap(parseInfo) << QByteArray(R"("info")");
        QTest::newRow("inspect without Id")
            << wrap(parseContainerInspect) << QByteArray(R"({"Name": "/x"})");
        QTest::newRow("inspect with null Id")
            << wrap(parseContainerInspect) << QByteArray(R"({"Id": null})");
        QTest::newRow("inspect is a list") << wrap(parseContainerInspect) << QByteArray("[{}]");
        QTest::newRow("container list is an object")
            << wrap(parseContainerList) << QByteArray(R"({"Id": "x"})");
        QTest::newRow("container list of numbers")
            << wrap(parseContainerList) << QByteArray("[1, 2]");
        QTest::newRow("top is a list") << wrap(parseTop) << QByteArray("[]");
        QTest::newRow("image list is null") << wrap(parseImageList) << QByteArray("null");
        QTest::newRow("image list with a string")
            << wrap(parseImageList) << QByteArray(R"([{"Id": "a"}, "b"])");
        QTest::newRow("image inspect without Id") << wrap(parseImageInspect) << QByteArray("{}");
        QTest::newRow("history is an object") << wrap(parseHistory) << QByteArray("{}");
        QTest::newRow("networks is a number") << wrap(parseNetworks) << QByteArray("3");
        QTest::newRow("volumes is a list") << wrap(parseVolumes) << QByteArray("[]");
        QTest::newRow("volumes list of strings")
            << wrap(parseVolumes) << QByteArray(R"({"Volumes": ["a"]})");
        QTest::newRow("nodes is an object") << wrap(parseNodes) << QByteArray(R"({"ID": "n"})");
        QTest::newRow("services is a string") << wrap(parseServices) << QByteArray(R"("s")");
        QTest::newRow("swarm is a list") << wrap(parseSwarmSpec) << QByteArray("[]");
        QTest::newRow("event is a number") << wrap(parseEvent) << QByteArray("42");
        QTest::newRow("pull line is a list") << wrap(parsePullProgress) << QByteArray("[]");
    }

    void wrongShapes()
    {
        QFETCH(AnyParser, parse);
        QFETCH(QByteArray, document);
        const auto error = parse(json::parse(document.toStdString()));
        QVERIFY(error.has_value());
        QCOMPARE(error->kind, ErrorKind::Protocol);
        QVERIFY2(error->message.contains(QLatin1String("is not")), qPrintable(error->message));
    }

    void wrongFieldTypesReadAsDefaults()
    {
        // Inside a document of the right shape, a field of another type reads
        // as its default instead of failing the whole document.
        const json doc = json::parse(R"({
            "Id": "abc", "Name": 5, "Created": 12,
            "State": "running",
            "Config": {"User": ["root"], "Env": "A=1", "Labels": {"n": 3, "s": "t"}},
            "HostConfig": {"Privileged": "yes", "Memory": "lots", "CapAdd": "NET_ADMIN",
                           "PidsLimit": null, "PortBindings": {"80/tcp": null},
                           "Devices": {"not": "a list"}, "NanoCpus": 1.5e9},
            "Mounts": "none"})");
        const auto c = parseContainerInspect(doc);
        QVERIFY(c.ok());
        QCOMPARE(c->name, QString());
        QVERIFY(!c->created.isValid());
        QCOMPARE(c->state.status, QString());
        QCOMPARE(c->config.user, QString());
        QCOMPARE(c->config.env, QStringList{QStringLiteral("A=1")}); // a string is one item
        QCOMPARE(c->config.labels.value(QStringLiteral("n")), QStringLiteral("3"));
        QCOMPARE(c->config.labels.value(QStringLiteral("s")), QStringLiteral("t"));
        QVERIFY(!c->hostConfig.privileged);
        QCOMPARE(c->hostConfig.memory, 0LL);
        QCOMPARE(c->hostConfig.capAdd, QStringList{QStringLiteral("NET_ADMIN")});
        QVERIFY(!c->hostConfig.pidsLimit.has_value());
        QVERIFY(c->hostConfig.portBindings.isEmpty()); // exposed, not published
        QVERIFY(c->hostConfig.devices.isEmpty());
        QCOMPARE(c->hostConfig.nanoCpus, 1500000000LL);
        QVERIFY(c->mounts.isEmpty());
    }

    void timestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("msecs"); // since the epoch, UTC; within 1 ms
        const qint64 base = utc(2026, 12, 4, 16, 2, 34).toMSecsSinceEpoch();
        // The engine writes RFC 3339 with nanoseconds.
        QTest::newRow("nanoseconds Z")
            << QStringLiteral("2026-12-04T16:02:34.932748073Z") << true << base + 932;
        QTest::newRow("nanoseconds with offset")
            << QStringLiteral("2026-12-04T17:02:34.123456789+01:00") << true << base + 123;
        QTest::newRow("negative offset")
            << QStringLiteral("2026-12-04T09:02:34.5-07:00") << true << base + 500;
        QTest::newRow("no fraction") << QStringLiteral("2026-12-04T16:02:34Z") << true << base;
        QTest::newRow("nine zeros")
            << QStringLiteral("2026-12-04T16:02:34.000000000Z") << true << base;
        // Go's zero time means "never" (a container that never finished).
        QTest::newRow("zero time is never")
            << QStringLiteral("0001-01-01T00:00:00Z") << false << qint64(0);
        QTest::newRow("empty") << QString() << false << qint64(0);
        QTest::newRow("garbage") << QStringLiteral("yesterday") << false << qint64(0);
    }

    void timestamps()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, msecs);
        const json doc = {{"T", text.toStdString()}};
        const QDateTime parsed = timestamp(doc, "T");
        QCOMPARE(parsed.isValid(), valid);
        if (valid) {
            QVERIFY2(qAbs(parsed.toMSecsSinceEpoch() - msecs) <= 1,
                     qPrintable(parsed.toString(Qt::ISODateWithMs)));
        }
    }

    void createBody()
    {
        // The create request carries every setting of the spec, in the API's names.
        ContainerSpec spec;
        spec.image = QStringLiteral("drydock/busybox:latest");
        spec.cmd = {QStringLiteral("/bin/busybox"), QStringLiteral("sleep"), QStringLiteral("9")};
        spec.user = QStringLiteral("65534");
        spec.labels.insert(QStringLiteral("drydock.test"), QStringLiteral("x"));
        spec.ports = {{QStringLiteral("80/tcp"), QStringLiteral("127.0.0.1"), QStringLiteral("0")},
                      {QStringLiteral("80/tcp"), QStringLiteral("::1"), QStringLiteral("0")}};
        spec.mounts = {{QStringLiteral("tmpfs"), QString(), QString(), QStringLiteral("/scratch"),
                        QString(), true, QString()}};
        spec.capDrop = {QStringLiteral("ALL")};
        spec.capAdd = {QStringLiteral("NET_BIND_SERVICE")};
        spec.securityOpt = {QStringLiteral("no-new-privileges:true")};
        spec.noNewPrivileges = true;
        spec.readonlyRootfs = true;
        spec.memory = 32 * 1024 * 1024;
        spec.pidsLimit = 20;
        spec.restartPolicy = QStringLiteral("on-failure");
        spec.restartMaxRetries = 2;
        spec.healthcheck.test = {QStringLiteral("CMD"), QStringLiteral("/bin/busybox"),
                                 QStringLiteral("true")};
        spec.healthcheck.intervalNs = 1000000000;
        const json body = containerCreateBody(spec);
        JSON_COMPARE(body["Image"], "drydock/busybox:latest");
        JSON_COMPARE(body["User"], "65534");
        JSON_COMPARE(body["Cmd"].size(), size_t(3));
        JSON_COMPARE(body["Labels"]["drydock.test"], "x");
        QVERIFY(body["ExposedPorts"].contains("80/tcp"));
        JSON_COMPARE(body["Healthcheck"]["Interval"], 1000000000);
        const json &host = body["HostConfig"];
        JSON_COMPARE(host["PortBindings"]["80/tcp"].size(), size_t(2));
        JSON_COMPARE(host["PortBindings"]["80/tcp"][1]["HostIp"], "::1");
        JSON_COMPARE(host["Mounts"][0]["Type"], "tmpfs");
        JSON_COMPARE(host["Mounts"][0]["Target"], "/scratch");
        QVERIFY(!host["Mounts"][0].contains("Source"));
        JSON_COMPARE(host["CapDrop"][0], "ALL");
        JSON_COMPARE(host["CapAdd"][0], "NET_BIND_SERVICE");
        // no-new-privileges asked twice is sent once.
        JSON_COMPARE(host["SecurityOpt"].size(), size_t(1));
        JSON_COMPARE(host["ReadonlyRootfs"], true);
        JSON_COMPARE(host["Privileged"], false);
        JSON_COMPARE(host["Memory"], 32 * 1024 * 1024);
        JSON_COMPARE(host["PidsLimit"], 20);
        JSON_COMPARE(host["RestartPolicy"]["Name"], "on-failure");
        JSON_COMPARE(host["RestartPolicy"]["MaximumRetryCount"], 2);
        QVERIFY(!host.contains("NetworkMode")); // unset settings are left to the engine
        QVERIFY(!host.contains("NanoCpus"));
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
