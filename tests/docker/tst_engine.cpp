// SPDX-License-Identifier: GPL-3.0-or-later
// The Engine API client against the real dockerd. Every object it makes
// carries a label unique to this run, and only those are removed.
#include "docker/engineclient.h"
#include "docker/enginediscovery.h"
#include "util/process.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QVersionNumber>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>

using namespace drydock;
using namespace drydock::docker;
using namespace std::chrono_literals;

namespace {

const QString kLabel = QStringLiteral("drydock.test.engine");

QString errorText(const Error &error)
{
    return error.text();
}

// Capability names come back as sent or with CAP_ in front, by engine version.
QStringList bareCaps(const QStringList &caps)
{
    QStringList bare;
    for (const QString &cap : caps) {
        bare.append(cap.startsWith(QLatin1String("CAP_")) ? cap.mid(4) : cap);
    }
    return bare;
}

// Sets an environment variable for one scope.
class EnvScope
{
public:
    EnvScope(const char *name, const QByteArray &value) : m_name(name)
    {
        m_had = qEnvironmentVariableIsSet(name);
        m_old = qgetenv(name);
        qputenv(name, value);
    }
    ~EnvScope()
    {
        if (m_had) {
            qputenv(m_name, m_old);
        } else {
            qunsetenv(m_name);
        }
    }
    EnvScope(const EnvScope &) = delete;
    EnvScope &operator=(const EnvScope &) = delete;

private:
    const char *m_name = nullptr;
    QByteArray m_old;
    bool m_had = false;
};

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private:
    std::optional<EngineClient> m_client;
    QString m_prefix;        // names and label value unique to this run
    QString m_image;         // the image containers run
    QStringList m_ownImages; // images this run made, removed at the end
    QTemporaryDir m_dir;

    EngineClient &client() { return *m_client; }

    Endpoint endpoint() const { return resolveEndpoint({}, processEnvironment()).value(); }

    ContainerSpec sleeper(const QString &suffix) const
    {
        ContainerSpec spec;
        spec.image = m_image;
        spec.name = m_prefix + QLatin1Char('-') + suffix;
        spec.cmd = {QStringLiteral("/bin/busybox"), QStringLiteral("sleep"), QStringLiteral("300")};
        spec.labels.insert(kLabel, m_prefix);
        return spec;
    }

    // A root filesystem of busybox with relative applet links, as a tar.
    Result<QByteArray> busyboxTar(const QStringList &applets)
    {
        const QString root = m_dir.filePath(QStringLiteral("rootfs-%1").arg(applets.size()));
        QDir().mkpath(root + QStringLiteral("/bin"));
        QDir().mkpath(root + QStringLiteral("/etc"));
        QDir().mkpath(root + QStringLiteral("/tmp"));
        const QString busybox = root + QStringLiteral("/bin/busybox");
        if (!QFile::exists(busybox) && !QFile::copy(QStringLiteral("/bin/busybox"), busybox)) {
            return makeError(ErrorKind::Io, QStringLiteral("Cannot copy /bin/busybox."),
                             QStringLiteral("Install busybox-static."));
        }
        for (const QString &applet : applets) {
            QFile::link(QStringLiteral("busybox"), root + QStringLiteral("/bin/") + applet);
        }
        QFile passwd(root + QStringLiteral("/etc/passwd"));
        if (passwd.open(QIODevice::WriteOnly)) {
            passwd.write("root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        }
        ProcessSpec tar;
        tar.program = QStringLiteral("tar");
        tar.arguments = {QStringLiteral("-C"), root, QStringLiteral("-c"), QStringLiteral(".")};
        const auto out = runProcess(tar);
        if (!out) {
            return out.error();
        }
        if (out->exitCode != 0) {
            return makeError(ErrorKind::Io, QString::fromUtf8(out->err));
        }
        return out->out;
    }

    QList<ContainerSummary> ownContainers()
    {
        const auto list = client().containers({true, kLabel + QLatin1Char('=') + m_prefix});
        return list ? *list : QList<ContainerSummary>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_prefix = QStringLiteral("drydock-dt-%1-%2")
                       .arg(QCoreApplication::applicationPid())
                       .arg(QRandomGenerator::global()->bounded(100000));
        const auto resolved = resolveEndpoint({}, processEnvironment());
        QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().text()));
        m_client.emplace(*resolved);
        const auto ping = client().negotiate();
        QVERIFY2(ping.ok(), qPrintable(ping.ok() ? QString() : errorText(ping.error())));

        // The offline image scripts/test builds; if it is absent, make one.
        m_image =
            qEnvironmentVariable("DRYDOCK_TEST_IMAGE", QStringLiteral("drydock/busybox:latest"));
        if (!client().inspectImage(m_image).ok()) {
            const auto tar =
                busyboxTar({QStringLiteral("sh"), QStringLiteral("sleep"), QStringLiteral("true")});
            QVERIFY2(tar.ok(), qPrintable(tar.ok() ? QString() : errorText(tar.error())));
            const QString repo = QStringLiteral("drydock-dt/busybox");
            const auto id = client().importImage(*tar, repo, m_prefix);
            QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : errorText(id.error())));
            m_image = repo + QLatin1Char(':') + m_prefix;
            m_ownImages.append(m_image);
        }
    }

    void cleanupTestCase()
    {
        if (!m_client) {
            return;
        }
        for (const ContainerSummary &c : ownContainers()) {
            (void)client().removeContainer(c.id, true);
        }
        for (const QString &image : m_ownImages) {
            (void)client().removeImage(image, true);
        }
    }

    void negotiation()
    {
        EngineClient fresh(endpoint());
        const auto ping = fresh.negotiate();
        QVERIFY(ping.ok());
        QVERIFY(!ping->apiVersion.isEmpty());
        QCOMPARE(ping->osType, QStringLiteral("linux"));
        QVERIFY(!ping->server.isEmpty());
        // The lower of the engine's version and the client's maximum.
        const QVersionNumber server = QVersionNumber::fromString(ping->apiVersion);
        const QVersionNumber mine = QVersionNumber::fromString(QString::fromLatin1(kMaxApiVersion));
        QCOMPARE(fresh.apiVersion(), (server < mine ? server : mine).toString());
        const auto version = fresh.version();
        QVERIFY(version.ok());
        QCOMPARE(version->apiVersion, ping->apiVersion);
    }

    void pinnedApiVersion()
    {
        // DOCKER_API_VERSION pins the version instead of negotiating.
        EnvScope pin("DOCKER_API_VERSION", "1.40");
        EngineClient pinned(endpoint());
        QVERIFY(pinned.negotiate().ok());
        QCOMPARE(pinned.apiVersion(), QStringLiteral("1.40"));
        const auto info = pinned.info();
        QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : errorText(info.error())));
    }

    void bogusPinnedApiVersion()
    {
        {
            // Not a version at all: refused before any request.
            EnvScope pin("DOCKER_API_VERSION", "banana");
            EngineClient pinned(endpoint());
            const auto ping = pinned.negotiate();
            QVERIFY(!ping.ok());
            QCOMPARE(ping.error().kind, ErrorKind::BadInput);
            QVERIFY2(ping.error().text().contains(QLatin1String("DOCKER_API_VERSION=banana")),
                     qPrintable(ping.error().text()));
        }
        {
            // A version the engine does not speak: its refusal, and how to fix it.
            EnvScope pin("DOCKER_API_VERSION", "1.99");
            EngineClient pinned(endpoint());
            QVERIFY(pinned.negotiate().ok());
            const auto version = pinned.version();
            QVERIFY(!version.ok());
            QCOMPARE(version.error().httpStatus, 400);
            QVERIFY2(version.error().message.contains(QLatin1String("1.99")),
                     qPrintable(version.error().text()));
            QVERIFY2(version.error().hint.contains(QLatin1String("DOCKER_API_VERSION")),
                     qPrintable(version.error().text()));
        }
    }

    void versionAndInfo()
    {
        const auto version = client().version();
        QVERIFY(version.ok());
        QVERIFY(!version->version.isEmpty());
        QCOMPARE(version->os, QStringLiteral("linux"));
        QVERIFY(version->componentNames.contains(QStringLiteral("Engine")));
        const auto info = client().info();
        QVERIFY(info.ok());
        QCOMPARE(info->serverVersion, version->version);
        QVERIFY(info->hasSecurityOption(QStringLiteral("seccomp")));
        QVERIFY(!info->dockerRootDir.isEmpty());

        EngineClient fresh(endpoint());
        const auto health = checkEngine(fresh);
        QVERIFY(health.ok());
        QCOMPARE(health->flavour(), QStringLiteral("Docker"));
        QVERIFY(!health->isPodman());
    }

    void containerLifecycle()
    {
        ContainerSpec spec = sleeper(QStringLiteral("life"));
        spec.labels.insert(QStringLiteral("drydock.test.case"), QStringLiteral("lifecycle"));
        spec.env = {QStringLiteral("FOO=bar")};
        spec.user = QStringLiteral("65534:65534");
        spec.ports = {{QStringLiteral("80/tcp"), QStringLiteral("127.0.0.1"), QString()},
                      {QStringLiteral("80/tcp"), QStringLiteral("::1"), QString()}};
        spec.mounts = {{QStringLiteral("tmpfs"), QString(), QString(), QStringLiteral("/scratch"),
                        QString(), true, QString()}};
        spec.capDrop = {QStringLiteral("NET_RAW"), QStringLiteral("MKNOD")};
        spec.capAdd = {QStringLiteral("NET_ADMIN")};
        spec.noNewPrivileges = true;
        spec.readonlyRootfs = true;
        spec.memory = 64LL * 1024 * 1024;
        spec.nanoCpus = 500000000;
        spec.cpuShares = 256;
        spec.pidsLimit = 32;
        spec.restartPolicy = QStringLiteral("on-failure");
        spec.restartMaxRetries = 2;
        spec.healthcheck.test = {QStringLiteral("CMD"), QStringLiteral("/bin/busybox"),
                                 QStringLiteral("true")};
        spec.healthcheck.intervalNs = 1000000000;
        spec.healthcheck.retries = 2;

        const auto id = client().createContainer(spec);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : errorText(id.error())));
        QCOMPARE(id->size(), 64);

        // Listed under its label, not yet running.
        const auto listed = client().containers({true, kLabel + QLatin1Char('=') + m_prefix});
        QVERIFY(listed.ok());
        bool found = false;
        for (const ContainerSummary &c : *listed) {
            if (c.id == *id) {
                found = true;
                QCOMPARE(c.name(), spec.name);
                QCOMPARE(c.state, QStringLiteral("created"));
                QCOMPARE(c.labels.value(QStringLiteral("drydock.test.case")),
                         QStringLiteral("lifecycle"));
            }
        }
        QVERIFY(found);
        // Running-only listing leaves it out.
        const auto running = client().containers({false, kLabel + QLatin1Char('=') + m_prefix});
        QVERIFY(running.ok());
        for (const ContainerSummary &c : *running) {
            QVERIFY(c.id != *id);
        }

        const auto started = client().startContainer(*id);
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : errorText(started.error())));
        // Starting a running container is not an error (304).
        QVERIFY(client().startContainer(*id).ok());

        // Every setting round-trips through the engine.
        const auto c = client().inspectContainer(*id);
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : errorText(c.error())));
        QCOMPARE(c->name, spec.name);
        QVERIFY(c->state.running);
        QVERIFY(c->state.pid > 0);
        QVERIFY(c->state.startedAt.isValid());
        QCOMPARE(c->config.user, spec.user);
        QVERIFY(c->config.env.contains(QStringLiteral("FOO=bar")));
        QCOMPARE(c->config.labels.value(kLabel), m_prefix);
        QCOMPARE(c->config.healthcheck.test, spec.healthcheck.test);
        QCOMPARE(c->config.healthcheck.intervalNs, spec.healthcheck.intervalNs);
        QCOMPARE(c->config.healthcheck.retries, 2);
        const HostConfig &host = c->hostConfig;
        QVERIFY(host.readonlyRootfs);
        QVERIFY(!host.privileged);
        QCOMPARE(host.memory, spec.memory);
        QCOMPARE(host.nanoCpus, spec.nanoCpus);
        QCOMPARE(host.cpuShares, spec.cpuShares);
        QCOMPARE(host.pidsLimit.value_or(-1), 32LL);
        QCOMPARE(bareCaps(host.capDrop), spec.capDrop);
        QCOMPARE(bareCaps(host.capAdd), spec.capAdd);
        QVERIFY(host.securityOpt.contains(QStringLiteral("no-new-privileges:true")));
        QCOMPARE(host.restartPolicy, QStringLiteral("on-failure"));
        QCOMPARE(host.restartMaxRetries, 2);
        QCOMPARE(host.portBindings.size(), 2);
        QCOMPARE(host.portBindings.at(0).hostIp, QStringLiteral("127.0.0.1"));
        QCOMPARE(host.portBindings.at(1).hostIp, QStringLiteral("::1"));
        // Bound now: the engine picked a port for each address.
        QCOMPARE(c->ports.size(), 2);
        for (const PortBinding &port : c->ports) {
            QCOMPARE(port.containerPort, QStringLiteral("80/tcp"));
            QVERIFY(port.hostPort.toInt() > 0);
        }
        bool tmpfs = false;
        for (const Mount &mount : c->mounts) {
            tmpfs = tmpfs || (mount.type == QLatin1String("tmpfs") &&
                              mount.destination == QLatin1String("/scratch"));
        }
        QVERIFY(tmpfs);

        // top sees the process from the host side (busybox has no ps here).
        const auto table = client().top(*id);
        QVERIFY2(table.ok(), qPrintable(table.ok() ? QString() : errorText(table.error())));
        const int cmd = table->column(QStringLiteral("CMD"));
        QVERIFY(cmd >= 0);
        QVERIFY(table->column(QStringLiteral("PID")) >= 0);
        QVERIFY(!table->processes.isEmpty());
        QVERIFY2(table->processes.first().value(cmd).contains(QLatin1String("sleep 300")),
                 qPrintable(table->processes.first().join(QLatin1Char(' '))));

        QVERIFY(client().stopContainer(*id, 1).ok());
        const auto stopped = client().inspectContainer(*id);
        QVERIFY(stopped.ok());
        QVERIFY(!stopped->state.running);
        QCOMPARE(stopped->state.status, QStringLiteral("exited"));
        // Stopping a stopped container is what was asked (304).
        QVERIFY(client().stopContainer(*id, 1).ok());

        QVERIFY(client().removeContainer(*id).ok());
        const auto gone = client().inspectContainer(*id);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().httpStatus, 404);
        QCOMPARE(gone.error().kind, ErrorKind::BadInput);
        QVERIFY2(gone.error().message.contains(QLatin1String("No such container")),
                 qPrintable(gone.error().text()));
        // A second remove names the missing container too.
        const auto again = client().removeContainer(*id);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().httpStatus, 404);
    }

    void createErrorsCarryEngineMessage()
    {
        // An image that is not there: the engine's words, as BadInput.
        ContainerSpec missing = sleeper(QStringLiteral("noimage"));
        missing.image = QStringLiteral("drydock-dt/absent:none");
        const auto noImage = client().createContainer(missing);
        QVERIFY(!noImage.ok());
        QCOMPARE(noImage.error().httpStatus, 404);
        QVERIFY2(noImage.error().message.contains(QLatin1String("No such image")),
                 qPrintable(noImage.error().text()));

        // A name already taken: 409 with the conflicting name.
        const ContainerSpec spec = sleeper(QStringLiteral("dup"));
        const auto first = client().createContainer(spec);
        QVERIFY(first.ok());
        const auto second = client().createContainer(spec);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().httpStatus, 409);
        QVERIFY2(second.error().message.contains(spec.name), qPrintable(second.error().text()));
        QVERIFY(client().removeContainer(*first, true).ok());
    }

    void pullFailureGivesEngineMessage()
    {
        // No registry is reachable: port 1 on loopback refuses at once.
        QList<PullProgress> progress;
        const auto pulled = client().pullImage(
            QStringLiteral("127.0.0.1:1/drydock-dt-nothing"), QStringLiteral("latest"),
            [&progress](const PullProgress &p) { progress.append(p); });
        QVERIFY(!pulled.ok());
        QCOMPARE(pulled.error().kind, ErrorKind::Refused);
        QVERIFY2(pulled.error().message.contains(QLatin1String("127.0.0.1:1")),
                 qPrintable(pulled.error().text()));
        QVERIFY2(pulled.error().message.contains(QLatin1String("connection refused")),
                 qPrintable(pulled.error().text()));
        // An error answer is not progress.
        QVERIFY(progress.isEmpty());
    }

    void eventsStreamCancelled()
    {
        CancelToken cancel;
        std::mutex mutex;
        QStringList seen; // "action name"
        const QString filters = QStringLiteral("{\"label\":[\"%1=%2\"]}").arg(kLabel, m_prefix);
        EngineClient streamClient(endpoint());
        QVERIFY(streamClient.negotiate().ok());
        auto stream = std::async(std::launch::async, [&] {
            return streamClient.events(
                filters,
                [&](const EngineEvent &event) {
                    std::lock_guard lock(mutex);
                    seen.append(event.action + QLatin1Char(' ') +
                                event.attributes.value(QStringLiteral("name")));
                    return true;
                },
                cancel);
        });
        auto sawCreate = [&](const QString &name) {
            std::lock_guard lock(mutex);
            return seen.contains(QStringLiteral("create ") + name);
        };

        // The stream may connect after the first create; make containers
        // until one is seen.
        bool seenOne = false;
        for (int attempt = 0; attempt < 10 && !seenOne; ++attempt) {
            const ContainerSpec spec = sleeper(QStringLiteral("ev%1").arg(attempt));
            QVERIFY(client().createContainer(spec).ok());
            for (int wait = 0; wait < 30 && !seenOne; ++wait) {
                seenOne = sawCreate(spec.name);
                if (!seenOne) {
                    std::this_thread::sleep_for(100ms);
                }
            }
        }
        QVERIFY2(seenOne, qPrintable(seen.join(QLatin1String(", "))));
        QVERIFY(stream.wait_for(0ms) == std::future_status::timeout); // still streaming

        cancel.cancel();
        // A guard against a hang, not a measurement.
        QVERIFY(stream.wait_for(20s) == std::future_status::ready);
        const auto result = stream.get();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::Cancelled);
    }

    void eventsHandlerStops()
    {
        // A handler that returns false ends the stream without an error.
        std::atomic_int calls = 0;
        const QString filters = QStringLiteral("{\"label\":[\"%1=%2\"]}").arg(kLabel, m_prefix);
        EngineClient streamClient(endpoint());
        QVERIFY(streamClient.negotiate().ok());
        CancelToken cancel;
        auto stream = std::async(std::launch::async, [&] {
            return streamClient.events(
                filters,
                [&](const EngineEvent &) {
                    ++calls;
                    return false;
                },
                cancel);
        });
        for (int attempt = 0; attempt < 10; ++attempt) {
            QVERIFY(client().createContainer(sleeper(QStringLiteral("stop%1").arg(attempt))).ok());
            if (stream.wait_for(3s) == std::future_status::ready) {
                break;
            }
        }
        if (stream.wait_for(0ms) != std::future_status::ready) {
            cancel.cancel();
            stream.wait();
            QFAIL("the stream did not end when its handler returned false");
        }
        const auto result = stream.get();
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : errorText(result.error())));
        QCOMPARE(calls.load(), 1);
    }

    void importTagRemoveImage()
    {
        const auto tar = busyboxTar({QStringLiteral("sleep")});
        QVERIFY2(tar.ok(), qPrintable(tar.ok() ? QString() : errorText(tar.error())));
        const QString repo = QStringLiteral("drydock-dt/imported");
        const QString first = repo + QLatin1Char(':') + m_prefix;
        const QString second = repo + QLatin1Char(':') + m_prefix + QStringLiteral("-tagged");
        m_ownImages << first << second;

        const auto id = client().importImage(*tar, repo, m_prefix);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : errorText(id.error())));
        QVERIFY(id->startsWith(QLatin1String("sha256:")));
        const auto inspected = client().inspectImage(first);
        QVERIFY(inspected.ok());
        QCOMPARE(inspected->id, *id);
        QVERIFY(inspected->repoTags.contains(first));

        QVERIFY(client().tagImage(first, repo, m_prefix + QStringLiteral("-tagged")).ok());
        const auto images = client().images();
        QVERIFY(images.ok());
        bool both = false;
        for (const ImageSummary &image : *images) {
            if (image.id == *id) {
                both = image.repoTags.contains(first) && image.repoTags.contains(second);
            }
        }
        QVERIFY(both);
        const auto history = client().imageHistory(second);
        QVERIFY(history.ok());
        QVERIFY(!history->isEmpty());

        // Tagging a missing image names it.
        const auto badTag =
            client().tagImage(QStringLiteral("drydock-dt/absent:none"), repo, QStringLiteral("x"));
        QVERIFY(!badTag.ok());
        QCOMPARE(badTag.error().httpStatus, 404);

        // Removing one tag keeps the image; removing the last deletes it.
        QVERIFY(client().removeImage(second).ok());
        QVERIFY(client().inspectImage(first).ok());
        QVERIFY(client().removeImage(first).ok());
        const auto gone = client().inspectImage(*id);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().httpStatus, 404);
    }

    void networksVolumesSwarm()
    {
        const auto networks = client().networks();
        QVERIFY(networks.ok());
        QStringList names;
        for (const NetworkInfo &n : *networks) {
            names.append(n.name);
        }
        QVERIFY(names.contains(QStringLiteral("bridge")));
        QVERIFY(client().volumes().ok());
        // This engine is not in a swarm: the engine's 503 and its advice.
        const auto swarm = client().swarm();
        QVERIFY(!swarm.ok());
        QCOMPARE(swarm.error().kind, ErrorKind::Refused);
        QCOMPARE(swarm.error().httpStatus, 503);
        QVERIFY2(swarm.error().message.contains(QLatin1String("swarm")),
                 qPrintable(swarm.error().text()));
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
