// SPDX-License-Identifier: GPL-3.0-or-later
// Content trust end to end against the real thing: the lab environment's
// docker-registry and notary-server on loopback (in a temporary state
// folder, on free ports), the real engine pulling and running.
#include "tests/support/loopbackports.h"
#include "tlsfileserver.h"
#include "trust/labenv.h"
#include "trust/registryclient.h"
#include "trust/trusthistory.h"
#include "trust/trustservice.h"
#include "util/process.h"

#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace drydock;
using namespace drydock::trust;
using namespace drydock::testing;

namespace {

QString message(const Error &error)
{
    return error.message + QStringLiteral(" | ") + error.hint;
}

// A program other than the lab's holding a loopback port: a bare
// listening socket. It never accepts, so its backlog must outlast the
// probes `up` makes while it waits for a port to free up.
class ForeignListener
{
public:
    ForeignListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd >= 0 &&
            ::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0 &&
            ::listen(m_fd, SOMAXCONN) == 0 &&
            ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
            m_port = ntohs(address.sin_port);
        }
    }
    ~ForeignListener()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    ForeignListener(const ForeignListener &) = delete;
    ForeignListener &operator=(const ForeignListener &) = delete;
    quint16 port() const { return m_port; }

private:
    int m_fd = -1;
    quint16 m_port = 0;
};

} // namespace

class TestTrustLab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void upIsIdempotent();
    void unsignedImageRefused();
    void signedPulledByDigestAndTagged();
    void unsignedTagInSignedRepositoryRefused();
    void untrustedPullByTag();
    void trustedRunStartsFromDigest();
    void trustedRunRefusesUnsigned();
    void failedStartRemovesContainer();
    void upRefusesEqualPorts();
    void upRefusesBusyPortBeforeStarting();
    void upCommandNamesTheStartedPorts();
    void notaryDownRefused();
    void tamperedRealTargetsRefused();
    void outcomesRecorded();

private:
    TrustOptions options() const;
    QString image(const char *repo, const char *tag) const;
    void removeLocal(const QString &name);

    QTemporaryDir m_state;
    QTemporaryDir m_store;
    std::optional<docker::EngineClient> m_engine;
    std::optional<LabEnvironment> m_lab;
    LabEnvSettings m_settings;
    QStringList m_containers;
    bool m_up = false;
};

void TestTrustLab::initTestCase()
{
    for (const char *program : {"docker-registry", "notary-server"}) {
        if (findProgram(QString::fromLatin1(program)).isEmpty()) {
            QSKIP(qPrintable(
                QStringLiteral("%1 is not installed (apt install docker-registry notary).")
                    .arg(QString::fromLatin1(program))));
        }
    }
    auto endpoint = docker::resolveEndpoint({}, docker::processEnvironment());
    QVERIFY2(endpoint.ok(), endpoint.ok() ? "" : qPrintable(endpoint.error().message));
    m_engine.emplace(*endpoint);
    auto ping = m_engine->negotiate();
    QVERIFY2(ping.ok(), ping.ok() ? "" : qPrintable(ping.error().message));

    LabEnvOptions labOptions;
    labOptions.stateDir = m_state.path();
    labOptions.registryPort = freeLoopbackPort();
    labOptions.notaryPort = freeLoopbackPort();
    labOptions.log = [](const QString &line) { qInfo().noquote() << line; };
    m_lab.emplace(labOptions);
    auto settings = m_lab->up(*m_engine);
    QVERIFY2(settings.ok(), settings.ok() ? "" : qPrintable(message(settings.error())));
    m_settings = *settings;
    m_up = true;
}

void TestTrustLab::cleanupTestCase()
{
    if (!m_lab) {
        return;
    }
    if (!m_up) {
        // up failed half way: stop what it started (by its pid files).
        (void)m_lab->down();
        return;
    }
    for (const QString &id : std::as_const(m_containers)) {
        (void)m_engine->removeContainer(id, true);
    }
    for (const QString &name : m_settings.signedImages + m_settings.unsignedImages) {
        removeLocal(name);
    }
    auto lines = m_lab->down();
    QVERIFY(lines);
    QVERIFY2(lines->join(QLatin1Char(' ')).contains(QLatin1String("Stopped notary-server")),
             qPrintable(lines->join(QLatin1Char(' '))));
    for (const ServiceStatus &service : m_lab->status().services) {
        QVERIFY2(!service.running, qPrintable(service.name));
    }
    // With the lab's registry stopped, a pull without trust fails in the
    // engine ("connection refused"); the error names the fix.
    auto pulled =
        pullImage(*m_engine, image(kLabUnsignedRepo, kLabSignedTag), false, options(), {});
    QVERIFY(!pulled);
    QVERIFY2(pulled.error().hint.contains(QLatin1String("drydock labenv up")),
             qPrintable(message(pulled.error())));
}

TrustOptions TestTrustLab::options() const
{
    TrustOptions out;
    // No server or CA named: found through the lab environment's settings.
    out.labEnvState = m_state.path();
    out.storeFolder = m_store.path();
    return out;
}

QString TestTrustLab::image(const char *repo, const char *tag) const
{
    return m_settings.registry + QLatin1Char('/') + QLatin1String(repo) + QLatin1Char(':') +
           QLatin1String(tag);
}

void TestTrustLab::removeLocal(const QString &name)
{
    auto inspected = m_engine->inspectImage(name);
    if (inspected) {
        (void)m_engine->removeImage(name, true);
    }
}

void TestTrustLab::upIsIdempotent()
{
    const LabEnvStatus before = m_lab->status();
    auto again = m_lab->up(*m_engine);
    QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(message(again.error())));
    QCOMPARE(again->notaryUrl, m_settings.notaryUrl);
    const LabEnvStatus after = m_lab->status();
    QCOMPARE(after.services.size(), 2);
    for (int i = 0; i < after.services.size(); ++i) {
        // Nothing restarted: the same processes answer.
        QCOMPARE(after.services[i].pid, before.services[i].pid);
        QVERIFY(after.services[i].running);
        QVERIFY(after.services[i].answering);
    }
}

void TestTrustLab::unsignedImageRefused()
{
    const QString unsignedImage = image(kLabUnsignedRepo, kLabSignedTag);
    removeLocal(unsignedImage);
    TrustReport report;
    auto pulled = pullImage(*m_engine, unsignedImage, true, options(), {}, {}, &report);
    QVERIFY(!pulled);
    QCOMPARE(pulled.error().kind, ErrorKind::Untrusted);
    // What was asked, what was missing, where Drydock looked.
    QVERIFY2(pulled.error().message.contains(QLatin1String("Refused to pull ") + unsignedImage),
             qPrintable(pulled.error().message));
    QVERIFY(pulled.error().message.contains(QLatin1String("trust data does not exist")));
    QVERIFY(pulled.error().message.contains(m_settings.notaryUrl));
    QVERIFY(!m_engine->inspectImage(unsignedImage).ok());
}

void TestTrustLab::signedPulledByDigestAndTagged()
{
    const QString signedImage = image(kLabSignedRepo, kLabSignedTag);
    removeLocal(signedImage);
    RegistryClient registry(m_settings.registry, RegistryOptions{});
    auto manifest = registry.headManifest(QString::fromLatin1(kLabSignedRepo),
                                          QString::fromLatin1(kLabSignedTag));
    QVERIFY(manifest);
    TrustReport report;
    auto pulled = pullImage(*m_engine, signedImage, true, options(), {}, {}, &report);
    QVERIFY2(pulled.ok(), pulled.ok() ? "" : qPrintable(message(pulled.error())));
    QVERIFY(pulled->trusted);
    QCOMPARE(pulled->digest, manifest->digest);
    QCOMPARE(pulled->taggedAs, signedImage);
    QVERIFY(report.trace.good());
    auto local = m_engine->inspectImage(signedImage);
    QVERIFY(local);
    const QString byDigest = m_settings.registry + QLatin1Char('/') +
                             QLatin1String(kLabSignedRepo) + QLatin1Char('@') + manifest->digest;
    QVERIFY2(local->repoDigests.contains(byDigest),
             qPrintable(local->repoDigests.join(QLatin1Char(' '))));
}

void TestTrustLab::unsignedTagInSignedRepositoryRefused()
{
    auto report = inspectTrust(image(kLabSignedRepo, kLabUnsignedTag), options());
    QVERIFY(report);
    QVERIFY(!report->trusted());
    QCOMPARE(report->failure->kind, ErrorKind::Untrusted);
    QVERIFY2(report->failure->message.contains(QLatin1String("No valid trust data for unsigned")),
             qPrintable(report->failure->message));
    // The repository itself verified; only the tag is missing.
    QVERIFY(report->repository.has_value());
}

void TestTrustLab::untrustedPullByTag()
{
    const QString unsignedImage = image(kLabUnsignedRepo, kLabSignedTag);
    removeLocal(unsignedImage);
    auto pulled = pullImage(*m_engine, unsignedImage, false, options(), {});
    QVERIFY2(pulled.ok(), pulled.ok() ? "" : qPrintable(message(pulled.error())));
    QVERIFY(!pulled->trusted);
    QVERIFY(m_engine->inspectImage(unsignedImage).ok());
}

void TestTrustLab::trustedRunStartsFromDigest()
{
    RunRequest run;
    run.name = QStringLiteral("drydock-trustlab-%1").arg(QCoreApplication::applicationPid());
    auto started =
        runImage(*m_engine, image(kLabSignedRepo, kLabSignedTag), true, run, options(), {});
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(message(started.error())));
    m_containers << started->containerId;
    QVERIFY(started->trusted);
    QVERIFY(started->image.endsWith(started->digest));
    auto container = m_engine->inspectContainer(started->containerId);
    QVERIFY(container);
    QCOMPARE(container->config.image, started->image);
    QCOMPARE(container->config.labels.value(QStringLiteral("drydock.trust.digest")),
             started->digest);
}

void TestTrustLab::trustedRunRefusesUnsigned()
{
    RunRequest run;
    run.name =
        QStringLiteral("drydock-trustlab-unsigned-%1").arg(QCoreApplication::applicationPid());
    auto started =
        runImage(*m_engine, image(kLabUnsignedRepo, kLabSignedTag), true, run, options(), {});
    QVERIFY(!started);
    QCOMPARE(started.error().kind, ErrorKind::Untrusted);
    QVERIFY(started.error().hint.contains(QLatin1String("No container was created")));
    QVERIFY(!m_engine->inspectContainer(run.name).ok());
}

void TestTrustLab::failedStartRemovesContainer()
{
    // A command the image does not have: the engine creates the container,
    // then refuses to start it. The run must not leave it behind.
    RunRequest run;
    run.name =
        QStringLiteral("drydock-trustlab-nostart-%1").arg(QCoreApplication::applicationPid());
    run.command = {QStringLiteral("drydock-no-such-command")};
    auto started =
        runImage(*m_engine, image(kLabUnsignedRepo, kLabSignedTag), false, run, options(), {});
    if (started) {
        m_containers << started->containerId;
    }
    QVERIFY(!started);
    // The engine's own words about the failed start reach the user.
    QVERIFY2(started.error().message.contains(QLatin1String("drydock-no-such-command")),
             qPrintable(message(started.error())));
    QVERIFY2(started.error().hint.contains(QLatin1String("removed the container")),
             qPrintable(message(started.error())));
    auto left = m_engine->inspectContainer(run.name);
    if (left) {
        m_containers << left->id;
    }
    QVERIFY2(!left.ok(), "the container that failed to start is still there");
}

void TestTrustLab::upRefusesEqualPorts()
{
    // One port for both servers: refused before anything starts.
    QTemporaryDir state;
    LabEnvOptions labOptions;
    labOptions.stateDir = state.path();
    labOptions.registryPort = freeLoopbackPort();
    labOptions.notaryPort = labOptions.registryPort;
    LabEnvironment lab(labOptions);
    auto up = lab.up(*m_engine);
    if (up) {
        (void)lab.down();
    }
    QVERIFY(!up);
    QCOMPARE(up.error().kind, ErrorKind::BadInput);
    QVERIFY2(up.error().message.contains(QString::number(labOptions.registryPort)),
             qPrintable(message(up.error())));
    for (const ServiceStatus &service : lab.status().services) {
        QVERIFY2(!service.running, qPrintable(service.name));
    }
    QVERIFY(!loopbackPortAnswers(quint16(labOptions.registryPort)));
}

void TestTrustLab::upRefusesBusyPortBeforeStarting()
{
    // The Notary port is held by another program: the registry must not
    // be started (and left running) before that is found out.
    const ForeignListener foreign;
    QVERIFY(foreign.port() > 0);
    QTemporaryDir state;
    LabEnvOptions labOptions;
    labOptions.stateDir = state.path();
    labOptions.registryPort = freeLoopbackPort();
    labOptions.notaryPort = foreign.port();
    LabEnvironment lab(labOptions);
    auto up = lab.up(*m_engine);
    if (up) {
        (void)lab.down();
    }
    QVERIFY(!up);
    QVERIFY2(up.error().message.contains(QStringLiteral("Port %1 ").arg(foreign.port())),
             qPrintable(message(up.error())));
    QVERIFY2(up.error().hint.contains(QLatin1String("--notary-port")),
             qPrintable(message(up.error())));
    for (const ServiceStatus &service : lab.status().services) {
        if (service.running) {
            (void)lab.down();
        }
        QVERIFY2(!service.running, qPrintable(service.name + QStringLiteral(" was left running")));
    }
    QVERIFY(!loopbackPortAnswers(quint16(labOptions.registryPort)));
}

void TestTrustLab::upCommandNamesTheStartedPorts()
{
    // The lab was started on free ports in its own folder: the command that
    // starts it again names them, and status reports those ports, whatever
    // the defaults are.
    QCOMPARE(m_settings.registryPort(), m_lab->status().settings->registryPort());
    const QString command = m_settings.upCommand();
    QVERIFY2(command.contains(QStringLiteral("--registry-port %1").arg(m_settings.registryPort())),
             qPrintable(command));
    QVERIFY2(command.contains(QStringLiteral("--notary-port %1").arg(m_settings.notaryPort())),
             qPrintable(command));
    QVERIFY2(command.contains(QStringLiteral("--state ") + m_state.path()), qPrintable(command));
    for (const ServiceStatus &service : m_lab->status().services) {
        const int port = service.name == QLatin1String("registry") ? m_settings.registryPort()
                                                                   : m_settings.notaryPort();
        QVERIFY2(service.url.endsWith(QStringLiteral(":%1").arg(port)), qPrintable(service.url));
    }
}

void TestTrustLab::notaryDownRefused()
{
    TrustOptions down = options();
    down.trustServer = QStringLiteral("https://localhost:%1").arg(freeLoopbackPort());
    down.caFile = m_settings.caFile;
    auto pulled = pullImage(*m_engine, image(kLabSignedRepo, kLabSignedTag), true, down, {});
    QVERIFY(!pulled);
    QCOMPARE(pulled.error().kind, ErrorKind::Unreachable);
    QVERIFY2(pulled.error().message.contains(QLatin1String("Error contacting the Notary server")),
             qPrintable(pulled.error().message));
}

void TestTrustLab::tamperedRealTargetsRefused()
{
    // Save what the real Notary serves, then serve it from the test's own
    // HTTPS server: unchanged it verifies, one byte changed it does not.
    const QString gun = m_settings.registry + QLatin1Char('/') + QLatin1String(kLabSignedRepo);
    NotaryClient real(NotaryServer{m_settings.notaryUrl, m_settings.caFile}, gun);
    RepoTrust scratch;
    TrustTrace trace;
    QVERIFY(verifyRepository(gun, real, scratch, Clock(systemNow), trace).ok());
    QVERIFY(scratch.files.size() >= 4);

    test::TlsFileServer server;
    const QString started = server.start();
    QVERIFY2(started.isEmpty(), qPrintable(started));
    const auto serve = [&](bool tamper) {
        server.clear();
        for (auto it = scratch.files.cbegin(); it != scratch.files.cend(); ++it) {
            QByteArray bytes = it.value();
            if (tamper && it.key().startsWith(QLatin1String("targets"))) {
                const qsizetype at = bytes.indexOf("\"length\":");
                bytes[at + 9] = bytes[at + 9] == '9' ? '8' : char(bytes[at + 9] + 1);
            }
            server.serve(QStringLiteral("/v2/%1/_trust/tuf/%2").arg(gun, it.key()), bytes);
        }
    };
    TrustOptions viaTestServer = options();
    viaTestServer.trustServer = server.url();
    viaTestServer.caFile = server.caFile();
    viaTestServer.storeFolder = m_store.filePath(QStringLiteral("tamper"));

    serve(false);
    auto honest = inspectTrust(image(kLabSignedRepo, kLabSignedTag), viaTestServer);
    QVERIFY(honest);
    QVERIFY2(honest->trusted(), qPrintable(honest->failure ? honest->failure->message : QString()));

    serve(true);
    auto tampered = inspectTrust(image(kLabSignedRepo, kLabSignedTag), viaTestServer);
    QVERIFY(tampered);
    QVERIFY(!tampered->trusted());
    QVERIFY2(tampered->failure->message.contains(QLatin1String("altered or replaced")),
             qPrintable(tampered->failure->message));
}

void TestTrustLab::outcomesRecorded()
{
    auto history = loadTrustHistory(m_store.path());
    QVERIFY(history);
    bool refusedUnsigned = false;
    bool pulledSigned = false;
    for (const TrustHistoryEntry &entry : *history) {
        if (entry.image == image(kLabUnsignedRepo, kLabSignedTag) && entry.trustEnabled &&
            entry.refused && entry.action == QLatin1String("pull")) {
            refusedUnsigned = !entry.reason.isEmpty();
        }
        if (entry.image == image(kLabSignedRepo, kLabSignedTag) && entry.trustEnabled &&
            !entry.refused && entry.action == QLatin1String("pull")) {
            pulledSigned =
                entry.digest.startsWith(QLatin1String("sha256:")) && !entry.signers.isEmpty();
        }
    }
    QVERIFY(refusedUnsigned);
    QVERIFY(pulledSigned);
}

QTEST_GUILESS_MAIN(TestTrustLab)
#include "tst_trustlab.moc"
