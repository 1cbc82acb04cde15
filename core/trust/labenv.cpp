// SPDX-License-Identifier: GPL-3.0-or-later
// The lab environment: servers, certificates, images and signatures.
#include "labenv.h"

#include "canonicaljson.h"
#include "certificates.h"
#include "labimage.h"
#include "notaryclient.h"
#include "registryclient.h"
#include "truststore.h"
#include "tufbuilder.h"
#include "util/atomicfile.h"
#include "util/datadir.h"
#include "util/http.h"
#include "util/logging.h"
#include "util/process.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <QUrl>

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace drydock::trust {

namespace {

constexpr int kStartDeadlineMs = 15000;
constexpr int kPollMs = 15;

struct Paths
{
    QString dir;
    QString file(const QString &name) const { return dir + QLatin1Char('/') + name; }
    QString caCert() const { return file(QStringLiteral("ca.pem")); }
    QString serverCert() const { return file(QStringLiteral("server.pem")); }
    QString serverKey() const { return file(QStringLiteral("server-key.pem")); }
    QString registryConfig() const { return file(QStringLiteral("registry.yml")); }
    QString notaryConfig() const { return file(QStringLiteral("notary-server.json")); }
    QString settings() const { return file(QStringLiteral("settings.json")); }
};

struct ServiceDef
{
    QString name;
    QString program;
    QString config;
    QString pidFile;
    QString logFile;
};

ServiceDef registryService(const Paths &paths)
{
    return {QStringLiteral("registry"), QStringLiteral("docker-registry"), paths.registryConfig(),
            paths.file(QStringLiteral("registry.pid")), paths.file(QStringLiteral("registry.log"))};
}

ServiceDef notaryService(const Paths &paths)
{
    return {QStringLiteral("notary-server"), QStringLiteral("notary-server"), paths.notaryConfig(),
            paths.file(QStringLiteral("notary-server.pid")),
            paths.file(QStringLiteral("notary-server.log"))};
}

// A JSON string literal is also a valid YAML scalar: paths with spaces or
// quotes stay intact.
QByteArray yamlString(const QString &text)
{
    return QByteArray::fromStdString(nlohmann::json(text.toStdString()).dump());
}

Result<void> writePrivate(const QString &path, const QByteArray &data)
{
    if (auto written = writeFileAtomically(path, data); !written) {
        return written;
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

qint64 readPid(const QString &pidFile)
{
    QFile file(pidFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return 0;
    }
    return file.readAll().trimmed().toLongLong();
}

// True when `pid` is alive and is `service`'s program started with this
// state folder's config file: a recycled pid never matches.
bool isOurs(qint64 pid, const ServiceDef &service)
{
    if (pid <= 0) {
        return false;
    }
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!cmdline.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QList<QByteArray> args = cmdline.readAll().split('\0');
    if (args.isEmpty() ||
        !QFileInfo(QString::fromLocal8Bit(args.first())).fileName().startsWith(service.program)) {
        return false;
    }
    const QByteArray config = QFile::encodeName(service.config);
    return std::any_of(args.cbegin(), args.cend(),
                       [&config](const QByteArray &arg) { return arg == config; });
}

// Stops our server `pid`: asked first, killed after 3 s; then waits for it
// to be gone (its port free) and drops its pid file.
void stopServer(qint64 pid, const ServiceDef &service)
{
    ::kill(pid_t(pid), SIGTERM);
    for (int i = 0; i < 300 && isOurs(pid, service); ++i) {
        QThread::msleep(10);
    }
    if (isOurs(pid, service)) {
        ::kill(pid_t(pid), SIGKILL);
        for (int i = 0; i < 100 && isOurs(pid, service); ++i) {
            QThread::msleep(10);
        }
    }
    QFile::remove(service.pidFile);
}

// Whether something accepts TCP connections on 127.0.0.1:port.
bool portInUse(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return false;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(quint16(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool connected =
        ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
}

QString logTail(const QString &logFile)
{
    QFile file(logFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QByteArray all = file.readAll();
    QList<QByteArray> lines = all.trimmed().split('\n');
    while (lines.size() > 3) {
        lines.removeFirst();
    }
    return QString::fromUtf8(lines.join(" | "));
}

bool registryAnswers(int port, int timeoutMs)
{
    HttpTarget target;
    target.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
    HttpRequest request;
    request.path = QStringLiteral("/v2/");
    request.connectTimeoutMs = timeoutMs;
    request.timeoutMs = timeoutMs;
    auto response = performHttp(target, request);
    return response && response->status == 200;
}

bool notaryAnswers(const QString &url, const QString &caFile)
{
    NotaryClient client(NotaryServer{url, caFile}, QString());
    return client.health().ok();
}

} // namespace

QString defaultLabEnvState()
{
    return dataPath(QStringLiteral("labenv"));
}

Result<std::optional<LabEnvSettings>> readLabEnvSettings(const QString &stateDir)
{
    const QString path = stateDir + QStringLiteral("/settings.json");
    if (!QFile::exists(path)) {
        return std::optional<LabEnvSettings>();
    }
    auto bytes = readFileLimited(path, 1024 * 1024);
    if (!bytes) {
        return bytes.error();
    }
    auto doc = parseJson(*bytes, path);
    if (!doc || !doc->is_object()) {
        return makeError(ErrorKind::BadInput, QStringLiteral("%1 is damaged.").arg(path),
                         QStringLiteral("Run drydock labenv up again to rewrite it."));
    }
    const auto text = [&doc](const char *key) {
        const auto it = doc->find(key);
        return it != doc->end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                                   : QString();
    };
    const auto list = [&doc](const char *key) {
        QStringList out;
        const auto it = doc->find(key);
        if (it != doc->end() && it->is_array()) {
            for (const auto &item : *it) {
                if (item.is_string()) {
                    out << QString::fromStdString(item.get<std::string>());
                }
            }
        }
        return out;
    };
    LabEnvSettings settings;
    settings.stateDir = stateDir;
    settings.registry = text("registry");
    settings.notaryUrl = text("notaryUrl");
    settings.caFile = text("caFile");
    settings.signedImages = list("signedImages");
    settings.unsignedImages = list("unsignedImages");
    return std::optional<LabEnvSettings>(settings);
}

int LabEnvSettings::registryPort() const
{
    return registry.section(QLatin1Char(':'), -1).toInt();
}

int LabEnvSettings::notaryPort() const
{
    return QUrl(notaryUrl).port(0);
}

QString LabEnvSettings::upCommand() const
{
    QString command = QStringLiteral("drydock labenv up");
    const int registryAt = registryPort();
    const int notaryAt = notaryPort();
    if (registryAt > 0 && registryAt != LabEnvOptions{}.registryPort) {
        command += QStringLiteral(" --registry-port %1").arg(registryAt);
    }
    if (notaryAt > 0 && notaryAt != LabEnvOptions{}.notaryPort) {
        command += QStringLiteral(" --notary-port %1").arg(notaryAt);
    }
    if (!stateDir.isEmpty() && QDir(stateDir) != QDir(defaultLabEnvState())) {
        command += QStringLiteral(" --state ") + stateDir;
    }
    return command;
}

LabEnvironment::LabEnvironment(LabEnvOptions options) : m_options(std::move(options))
{
    if (m_options.stateDir.isEmpty()) {
        m_options.stateDir = defaultLabEnvState();
    }
    m_options.stateDir = QDir(m_options.stateDir).absolutePath();
}

void LabEnvironment::say(const QString &line) const
{
    if (m_options.log) {
        m_options.log(line);
    }
}

namespace {

class UpRun
{
public:
    UpRun(const LabEnvOptions &options, docker::EngineClient &engine, const CancelToken &cancel,
          std::function<void(const QString &)> say)
        : m_options(options), m_engine(engine), m_cancel(cancel), m_say(std::move(say))
    {
        m_paths.dir = options.stateDir;
        m_registry = QStringLiteral("localhost:%1").arg(options.registryPort);
        m_notaryUrl = QStringLiteral("https://localhost:%1").arg(options.notaryPort);
    }

    Result<LabEnvSettings> run()
    {
        if (!QDir().mkpath(m_paths.dir)) {
            return makeError(ErrorKind::Io,
                             QStringLiteral("Cannot create the folder %1.").arg(m_paths.dir));
        }
        // Private keys live here.
        QFile::setPermissions(m_paths.dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                               QFileDevice::ExeOwner);
        // Both ports are checked before anything starts, so a refusal
        // leaves nothing running.
        if (m_options.registryPort == m_options.notaryPort) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("The registry and the Notary server cannot share port "
                                            "%1 on 127.0.0.1.")
                                 .arg(m_options.registryPort),
                             QStringLiteral("Give --registry-port and --notary-port two different "
                                            "ports."));
        }
        for (const auto &[service, port] :
             {std::pair{registryService(m_paths), m_options.registryPort},
              std::pair{notaryService(m_paths), m_options.notaryPort}}) {
            if (isOurs(readPid(service.pidFile), service)) {
                continue; // this folder's own server holds its port
            }
            if (auto free = portFree(service, port); !free) {
                return free.error();
            }
        }
        auto certs = ensureCertificates();
        if (!certs) {
            return certs.error();
        }
        if (auto configs = writeConfigs(); !configs) {
            return configs.error();
        }
        const ServiceDef registry = registryService(m_paths);
        const ServiceDef notary = notaryService(m_paths);
        const bool restartNotary = *certs; // new certificates: a running server holds the old ones
        auto registryPid = ensureStarted(registry, m_options.registryPort, false,
                                         {QStringLiteral("serve"), registry.config});
        if (!registryPid) {
            return stopStartedHere(registryPid.error());
        }
        auto notaryPid = ensureStarted(notary, m_options.notaryPort, restartNotary,
                                       {QStringLiteral("-config"), notary.config});
        if (!notaryPid) {
            return stopStartedHere(notaryPid.error());
        }
        if (auto ready = waitReady(registry, *registryPid,
                                   [this] { return registryAnswers(m_options.registryPort, 500); });
            !ready) {
            return stopStartedHere(ready.error());
        }
        if (auto ready = waitReady(notary, *notaryPid,
                                   [this] { return notaryAnswers(m_notaryUrl, m_paths.caCert()); });
            !ready) {
            return stopStartedHere(ready.error());
        }
        m_say(QStringLiteral("Registry on http://%1 and Notary on %2 are up.")
                  .arg(m_registry, m_notaryUrl));

        const QString signedRepo = m_registry + QLatin1Char('/') + QLatin1String(kLabSignedRepo);
        const QString unsignedRepo =
            m_registry + QLatin1Char('/') + QLatin1String(kLabUnsignedRepo);
        auto signedImage = ensureImage(signedRepo, QString::fromLatin1(kLabSignedTag),
                                       QStringLiteral("signed by the Drydock lab environment"));
        if (!signedImage) {
            return signedImage.error();
        }
        auto unsignedTag = ensureImage(signedRepo, QString::fromLatin1(kLabUnsignedTag),
                                       QStringLiteral("an unsigned tag in a signed repository"));
        if (!unsignedTag) {
            return unsignedTag.error();
        }
        auto unsignedImage = ensureImage(unsignedRepo, QString::fromLatin1(kLabSignedTag),
                                         QStringLiteral("never signed"));
        if (!unsignedImage) {
            return unsignedImage.error();
        }
        if (auto signedOk = ensureSigned(signedRepo, *signedImage); !signedOk) {
            return signedOk.error();
        }

        LabEnvSettings settings;
        settings.stateDir = m_paths.dir;
        settings.registry = m_registry;
        settings.notaryUrl = m_notaryUrl;
        settings.caFile = m_paths.caCert();
        settings.signedImages = {signedRepo + QLatin1Char(':') + QLatin1String(kLabSignedTag)};
        settings.unsignedImages = {unsignedRepo + QLatin1Char(':') + QLatin1String(kLabSignedTag),
                                   signedRepo + QLatin1Char(':') + QLatin1String(kLabUnsignedTag)};
        if (auto saved = saveSettings(settings); !saved) {
            return saved.error();
        }
        return settings;
    }

private:
    // Returns true when new certificates were made.
    Result<bool> ensureCertificates()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (QFile::exists(m_paths.caCert()) && QFile::exists(m_paths.serverKey())) {
            auto pem = readFileLimited(m_paths.serverCert(), 1024 * 1024);
            if (pem && certificateExpiry(*pem) > now.addDays(1)) {
                return false;
            }
        }
        auto caKey = PrivateKey::generate(KeyAlgorithm::EcdsaP256);
        auto serverKey = PrivateKey::generate(KeyAlgorithm::EcdsaP256);
        if (!caKey || !serverKey) {
            return caKey ? serverKey.error() : caKey.error();
        }
        CertificateRequest ca;
        ca.commonName = QStringLiteral("Drydock lab CA");
        ca.notBefore = now.addSecs(-3600);
        ca.notAfter = now.addDays(730);
        ca.usage = CertificateUsage::CertificateAuthority;
        auto caPem = makeCertificate(*caKey, ca, nullptr, {});
        if (!caPem) {
            return caPem.error();
        }
        CertificateRequest server;
        server.commonName = QStringLiteral("localhost");
        server.notBefore = ca.notBefore;
        server.notAfter = now.addDays(365);
        server.usage = CertificateUsage::TlsServer;
        server.dnsNames = {QStringLiteral("localhost")};
        server.ipAddresses = {QStringLiteral("127.0.0.1")};
        auto serverPem = makeCertificate(*serverKey, server, &*caKey, *caPem);
        if (!serverPem) {
            return serverPem.error();
        }
        // The CA key signs nothing else: it is not kept.
        for (const auto &[path, data, secret] :
             {std::tuple{m_paths.serverKey(), serverKey->toPem(), true},
              std::tuple{m_paths.serverCert(), *serverPem, false},
              std::tuple{m_paths.caCert(), *caPem, false}}) {
            auto written = secret ? writePrivate(path, data) : writeFileAtomically(path, data);
            if (!written) {
                return written.error();
            }
        }
        m_say(QStringLiteral("Made a CA (%1) and a TLS certificate for localhost and 127.0.0.1.")
                  .arg(m_paths.caCert()));
        return true;
    }

    Result<void> writeConfigs()
    {
        const QByteArray registryYaml =
            "# Written by drydock labenv; rewritten on every start.\n"
            "version: 0.1\n"
            "log:\n  level: warn\n"
            "storage:\n  filesystem:\n    rootdirectory: " +
            yamlString(m_paths.file(QStringLiteral("registry-data"))) +
            "\n  delete:\n    enabled: true\n"
            "http:\n  addr: " +
            yamlString(QStringLiteral("127.0.0.1:%1").arg(m_options.registryPort)) + "\n";
        nlohmann::json notary = {
            {"server",
             {{"http_addr", QStringLiteral("127.0.0.1:%1").arg(m_options.notaryPort).toStdString()},
              {"tls_cert_file", m_paths.serverCert().toStdString()},
              {"tls_key_file", m_paths.serverKey().toStdString()}}},
            // The local trust service signs snapshot and timestamp in-process
            // (Ed25519); no notary-signer is needed.
            {"trust_service",
             {{"type", "local"}, {"hostname", ""}, {"port", ""}, {"key_algorithm", "ed25519"}}},
            {"logging", {{"level", "info"}}},
            {"storage", {{"backend", "memory"}}}};
        if (auto written = writeFileAtomically(m_paths.registryConfig(), registryYaml); !written) {
            return written;
        }
        return writeFileAtomically(m_paths.notaryConfig(),
                                   QByteArray::fromStdString(notary.dump(2)));
    }

    Result<void> portFree(const ServiceDef &service, int port)
    {
        // A server stopped a moment ago (by `down`, or a restart) can hold
        // its port until the kernel has torn it down: give it a short while
        // before blaming another program.
        for (int i = 0; i < 40 && portInUse(port); ++i) {
            QThread::msleep(50);
        }
        if (!portInUse(port)) {
            return {};
        }
        return makeError(
            ErrorKind::Refused,
            QStringLiteral("Port %1 on 127.0.0.1 is already in use by a program this lab "
                           "environment did not start, so %2 cannot listen there.")
                .arg(port)
                .arg(service.name),
            QStringLiteral("Stop that program, or choose another port with --%1-port.")
                .arg(service.name == QLatin1String("registry") ? QStringLiteral("registry")
                                                               : QStringLiteral("notary")));
    }

    // A server failed to start: the ones this call started are stopped
    // again, so a failed `up` leaves nothing half running.
    Error stopStartedHere(Error error)
    {
        QStringList stopped;
        for (const auto &[service, pid] : std::as_const(m_startedHere)) {
            if (!isOurs(pid, service)) {
                QFile::remove(service.pidFile);
                continue;
            }
            stopServer(pid, service);
            stopped << service.name;
        }
        m_startedHere.clear();
        if (!stopped.isEmpty()) {
            const QString note = QStringLiteral("Drydock stopped the %1 it had just started.")
                                     .arg(stopped.join(QLatin1String(" and ")));
            error.hint = error.hint.isEmpty() ? note : error.hint + QLatin1Char(' ') + note;
        }
        return error;
    }

    Result<qint64> ensureStarted(const ServiceDef &service, int port, bool restart,
                                 const QStringList &args)
    {
        qint64 pid = readPid(service.pidFile);
        if (isOurs(pid, service)) {
            if (!restart) {
                return pid;
            }
            ::kill(pid_t(pid), SIGTERM);
            for (int i = 0; i < 200 && isOurs(pid, service); ++i) {
                QThread::msleep(10);
            }
        }
        if (auto free = portFree(service, port); !free) {
            return free.error();
        }
        ProcessSpec spec;
        spec.program = service.program;
        spec.arguments = args;
        spec.workingDirectory = m_paths.dir;
        auto started = startDetached(spec, service.logFile);
        if (!started) {
            Error error = started.error();
            error.hint = QStringLiteral("Install Debian's docker-registry and notary packages "
                                        "(sudo apt install docker-registry notary).");
            return error;
        }
        if (auto written =
                writeFileAtomically(service.pidFile, QByteArray::number(*started) + '\n');
            !written) {
            return written.error();
        }
        m_startedHere.append({service, *started});
        m_say(QStringLiteral("Started %1 (pid %2), log in %3.")
                  .arg(service.name)
                  .arg(*started)
                  .arg(service.logFile));
        return *started;
    }

    Result<void> waitReady(const ServiceDef &service, qint64 pid,
                           const std::function<bool()> &answers)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < kStartDeadlineMs) {
            if (m_cancel.isCancelled()) {
                return makeError(ErrorKind::Cancelled, QStringLiteral("Cancelled."));
            }
            if (answers()) {
                return {};
            }
            if (!isOurs(pid, service)) {
                return makeError(
                    ErrorKind::Unreachable,
                    QStringLiteral("%1 stopped right after starting: %2")
                        .arg(service.name, logTail(service.logFile)),
                    QStringLiteral("Read %1 for the whole story.").arg(service.logFile));
            }
            QThread::msleep(kPollMs);
        }
        return makeError(
            ErrorKind::Timeout,
            QStringLiteral("%1 (pid %2) did not answer within %3 s.")
                .arg(service.name)
                .arg(pid)
                .arg(kStartDeadlineMs / 1000),
            QStringLiteral("Read %1; if it runs with other settings, stop it with drydock "
                           "labenv down first.")
                .arg(service.logFile));
    }

    // The registry's manifest for repo:tag, importing and pushing the image
    // first when the registry lacks it.
    Result<ManifestInfo> ensureImage(const QString &repo, const QString &tag, const QString &note)
    {
        RegistryClient client(m_registry, RegistryOptions{});
        const QString path = repo.section(QLatin1Char('/'), 1);
        auto existing = client.headManifest(path, tag, m_cancel);
        if (existing) {
            return existing;
        }
        if (existing.error().httpStatus != 404) {
            return existing.error();
        }
        auto tar = busyboxRootfsTar(repo + QLatin1Char(':') + tag + QStringLiteral(" (") + note +
                                    QLatin1Char(')'));
        if (!tar) {
            return tar.error();
        }
        // The image this import replaces under repo:tag (from an earlier
        // state folder) is left without a name; removed below so that each
        // `up` does not leave one more dangling image behind.
        const auto replaced = m_engine.inspectImage(repo + QLatin1Char(':') + tag, m_cancel);
        auto imported = m_engine.importImage(*tar, repo, tag, m_cancel);
        if (!imported) {
            return imported.error();
        }
        if (replaced) {
            removeIfNameless(replaced->id);
        }
        auto pushed = m_engine.pushImage(repo, tag, {}, m_cancel);
        if (!pushed) {
            return pushed.error();
        }
        m_say(QStringLiteral("Pushed %1:%2 (%3).").arg(repo, tag, note));
        return client.headManifest(path, tag, m_cancel);
    }

    // Removes image `id` if nothing names it any more. The engine refuses
    // while a container uses it, which is fine: that image stays.
    void removeIfNameless(const QString &id)
    {
        const auto image = m_engine.inspectImage(id, m_cancel);
        if (!image || !image->repoTags.isEmpty()) {
            return;
        }
        if (auto removed = m_engine.removeImage(id, false, m_cancel); removed) {
            m_say(QStringLiteral("Removed the replaced image %1.").arg(id.left(19)));
        }
    }

    // The repository's trust data as a client sees it, checked with
    // Drydock's own verifier: signed tag 1 at the registry's digest, and
    // nothing signed for the "unsigned" tag.
    bool signatureInPlace(const QString &gun, const ManifestInfo &manifest)
    {
        NotaryClient notary(NotaryServer{m_notaryUrl, m_paths.caCert()}, gun);
        RepoTrust scratch;
        TrustTrace trace;
        auto verified = verifyRepository(gun, notary, scratch, Clock(systemNow), trace, m_cancel);
        if (!verified) {
            return false;
        }
        auto target = findTarget(*verified, QString::fromLatin1(kLabSignedTag), trace);
        return target && target->digest == manifest.digest &&
               !verified->tags().contains(QString::fromLatin1(kLabUnsignedTag));
    }

    Result<void> ensureSigned(const QString &gun, const ManifestInfo &manifest)
    {
        if (signatureInPlace(gun, manifest)) {
            return {};
        }
        NotaryClient notary(NotaryServer{m_notaryUrl, m_paths.caCert()}, gun);
        // Whatever the server holds for this GUN is stale (the registry's
        // image changed): start the repository's trust data afresh.
        HttpTarget target;
        target.baseUrl = m_notaryUrl;
        target.tls.caFile = m_paths.caCert();
        HttpRequest wipe;
        wipe.method = "DELETE";
        wipe.path = QStringLiteral("/v2/%1/_trust/tuf/").arg(gun);
        // Any answer will do (a GUN with no data answers 404): only a
        // transport failure stops here.
        if (auto wiped = performHttp(target, wipe, m_cancel); !wiped) {
            return wiped.error();
        }
        auto timestampKey = notary.serverKey(QString::fromLatin1(role::Timestamp), m_cancel);
        if (!timestampKey) {
            return timestampKey.error();
        }
        auto snapshotKey = notary.serverKey(QString::fromLatin1(role::Snapshot), m_cancel);
        if (!snapshotKey) {
            return snapshotKey.error();
        }
        auto rootKey = PrivateKey::generate(KeyAlgorithm::EcdsaP256);
        auto targetsKey = PrivateKey::generate(KeyAlgorithm::EcdsaP256);
        if (!rootKey || !targetsKey) {
            return rootKey ? targetsKey.error() : rootKey.error();
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto rootCert = rootKey->certificateKey(gun, now.addSecs(-3600), now.addYears(10));
        if (!rootCert) {
            return rootCert.error();
        }
        RootSpec spec;
        spec.version = 1;
        spec.expires = now.addYears(10);
        spec.rootKeys = {*rootCert};
        spec.targetsKeys = {targetsKey->publicKey()};
        spec.snapshotKeys = {*snapshotKey};
        spec.timestampKeys = {*timestampKey};
        auto root = signDocument(rootBody(spec), {SigningKey{*rootKey, *rootCert}});
        if (!root) {
            return root.error();
        }
        QMap<QString, TargetSpec> targets;
        targets.insert(QString::fromLatin1(kLabSignedTag),
                       TargetSpec{manifest.digest, manifest.length});
        auto signedTargets = signDocument(targetsBody(1, now.addYears(3), targets),
                                          {SigningKey{*targetsKey, targetsKey->publicKey()}});
        if (!signedTargets) {
            return signedTargets.error();
        }
        // The server holds the snapshot and timestamp keys: it makes both.
        if (auto published = notary.publish({{QString::fromLatin1(role::Root), *root},
                                             {QString::fromLatin1(role::Targets), *signedTargets}},
                                            m_cancel);
            !published) {
            return published;
        }
        if (!signatureInPlace(gun, manifest)) {
            return makeError(ErrorKind::Internal,
                             QStringLiteral("The Notary server accepted the signature for %1, but "
                                            "Drydock cannot verify what it now serves.")
                                 .arg(gun));
        }
        m_say(QStringLiteral("Signed %1:%2 (%3) with a new root key; the Notary server holds the "
                             "snapshot and timestamp keys.")
                  .arg(gun, QString::fromLatin1(kLabSignedTag), manifest.digest));
        // The user's pinned root for this GUN belonged to the data the
        // server just lost; keeping it would refuse the fresh signature.
        const TrustStore store;
        if (auto reset = store.reset(gun); reset && *reset) {
            m_say(QStringLiteral("Reset Drydock's pinned trust for %1: the lab's Notary data was "
                                 "created anew.")
                      .arg(gun));
        }
        return {};
    }

    Result<void> saveSettings(const LabEnvSettings &settings)
    {
        nlohmann::json signedImages = nlohmann::json::array();
        for (const QString &image : settings.signedImages) {
            signedImages.push_back(image.toStdString());
        }
        nlohmann::json unsignedImages = nlohmann::json::array();
        for (const QString &image : settings.unsignedImages) {
            unsignedImages.push_back(image.toStdString());
        }
        const nlohmann::json doc = {{"registry", settings.registry.toStdString()},
                                    {"notaryUrl", settings.notaryUrl.toStdString()},
                                    {"caFile", settings.caFile.toStdString()},
                                    {"signedImages", signedImages},
                                    {"unsignedImages", unsignedImages}};
        return writeFileAtomically(m_paths.settings(), QByteArray::fromStdString(doc.dump(2)));
    }

    const LabEnvOptions &m_options;
    docker::EngineClient &m_engine;
    const CancelToken &m_cancel;
    std::function<void(const QString &)> m_say;
    Paths m_paths;
    QString m_registry;
    QString m_notaryUrl;
    QList<std::pair<ServiceDef, qint64>> m_startedHere;
};

} // namespace

Result<LabEnvSettings> LabEnvironment::up(docker::EngineClient &engine, const CancelToken &cancel)
{
    UpRun run(m_options, engine, cancel, [this](const QString &line) { say(line); });
    return run.run();
}

Result<QStringList> LabEnvironment::down()
{
    Paths paths;
    paths.dir = m_options.stateDir;
    QStringList lines;
    for (const ServiceDef &service : {notaryService(paths), registryService(paths)}) {
        const qint64 pid = readPid(service.pidFile);
        if (pid <= 0) {
            lines << QStringLiteral("%1: no pid file in %2, nothing of ours to stop.")
                         .arg(service.name, paths.dir);
            continue;
        }
        if (!isOurs(pid, service)) {
            QFile::remove(service.pidFile);
            lines << QStringLiteral("%1 (pid %2) was not running; removed its stale pid file.")
                         .arg(service.name)
                         .arg(pid);
            continue;
        }
        stopServer(pid, service);
        lines << QStringLiteral("Stopped %1 (pid %2).").arg(service.name).arg(pid);
    }
    return lines;
}

LabEnvStatus LabEnvironment::status() const
{
    Paths paths;
    paths.dir = m_options.stateDir;
    LabEnvStatus out;
    if (auto settings = readLabEnvSettings(paths.dir); settings) {
        out.settings = *settings;
    }
    const int registryPort = m_options.registryPort;
    const int notaryPort = m_options.notaryPort;
    QString registryUrl = QStringLiteral("http://localhost:%1").arg(registryPort);
    QString notaryUrl = QStringLiteral("https://localhost:%1").arg(notaryPort);
    if (out.settings) {
        registryUrl = QStringLiteral("http://") + out.settings->registry;
        notaryUrl = out.settings->notaryUrl;
    }
    for (const ServiceDef &service : {registryService(paths), notaryService(paths)}) {
        ServiceStatus status;
        status.name = service.name;
        status.pid = readPid(service.pidFile);
        status.running = isOurs(status.pid, service);
        status.logFile = service.logFile;
        const bool isRegistry = service.name == QLatin1String("registry");
        status.url = isRegistry ? registryUrl : notaryUrl;
        if (status.running) {
            status.answering =
                isRegistry ? registryAnswers(status.url.section(QLatin1Char(':'), -1).toInt(), 1000)
                           : notaryAnswers(status.url, paths.caCert());
        }
        out.services.append(status);
    }
    return out;
}

} // namespace drydock::trust
