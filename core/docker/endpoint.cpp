// SPDX-License-Identifier: GPL-3.0-or-later
#include "endpoint.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QUrl>

#include <nlohmann/json.hpp>

namespace drydock::docker {

namespace {

const QString kDefaultHost = QStringLiteral("unix:///var/run/docker.sock");

QString env(const Environment &environment, const char *name)
{
    return environment.value(QString::fromLatin1(name));
}

QString homeDir(const Environment &environment)
{
    const QString home = env(environment, "HOME");
    return home.isEmpty() ? QDir::homePath() : home;
}

QString configDir(const Environment &environment)
{
    const QString fromEnv = env(environment, "DOCKER_CONFIG");
    return fromEnv.isEmpty() ? QDir(homeDir(environment)).filePath(QStringLiteral(".docker"))
                             : fromEnv;
}

Result<nlohmann::json> readJsonFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("Cannot read %1: %2.").arg(path, file.errorString()));
    }
    const QByteArray bytes = file.read(4 * 1024 * 1024);
    const auto doc = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return makeError(ErrorKind::BadInput, QStringLiteral("%1 is not a JSON object.").arg(path),
                         QStringLiteral("Fix or remove the file."));
    }
    return doc;
}

// The context named in config.json, or empty.
Result<QString> currentContextFromConfig(const Environment &environment, QString *configPath)
{
    *configPath = QDir(configDir(environment)).filePath(QStringLiteral("config.json"));
    if (!QFile::exists(*configPath)) {
        return QString();
    }
    const auto doc = readJsonFile(*configPath);
    if (!doc) {
        return doc.error();
    }
    const auto it = doc->find("currentContext");
    if (it == doc->end() || !it->is_string()) {
        return QString();
    }
    return QString::fromStdString(it->get<std::string>());
}

TlsFiles tlsFilesIn(const QString &folder, bool verify)
{
    TlsFiles tls;
    tls.verify = verify;
    const QDir dir(folder);
    if (QFile::exists(dir.filePath(QStringLiteral("ca.pem")))) {
        tls.caFile = dir.filePath(QStringLiteral("ca.pem"));
    }
    if (QFile::exists(dir.filePath(QStringLiteral("cert.pem")))) {
        tls.certFile = dir.filePath(QStringLiteral("cert.pem"));
        tls.keyFile = dir.filePath(QStringLiteral("key.pem"));
    }
    return tls;
}

Result<Endpoint> endpointFromContext(const QString &name, const Environment &environment)
{
    const QString hash = contextDirName(name);
    const QDir store(QDir(configDir(environment)).filePath(QStringLiteral("contexts")));
    const QString metaPath = store.filePath(QStringLiteral("meta/%1/meta.json").arg(hash));
    if (!QFile::exists(metaPath)) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("The docker context \"%1\" does not exist (looked for %2).")
                             .arg(name, metaPath),
                         QStringLiteral("List contexts with `docker context ls`, or unset it."));
    }
    const auto meta = readJsonFile(metaPath);
    if (!meta) {
        return meta.error();
    }
    const nlohmann::json docker =
        meta->value("Endpoints", nlohmann::json::object()).value("docker", nlohmann::json());
    if (!docker.is_object() || !docker.contains("Host") || !docker["Host"].is_string()) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("%1 has no Endpoints.docker.Host.").arg(metaPath));
    }
    const QString host = QString::fromStdString(docker["Host"].get<std::string>());
    const bool skipVerify = docker.value("SkipTLSVerify", false);
    const QString tlsFolder = store.filePath(QStringLiteral("tls/%1/docker").arg(hash));
    const TlsFiles tls = tlsFilesIn(tlsFolder, !skipVerify);
    // A context with TLS material (or SkipTLSVerify) speaks TLS.
    const bool useTls = !tls.caFile.isEmpty() || !tls.certFile.isEmpty() || skipVerify;
    auto endpoint = endpointFromHost(host, tls, useTls);
    if (endpoint) {
        endpoint->contextName = name;
        endpoint->sourceDetail = QStringLiteral("context \"%1\" (%2)").arg(name, metaPath);
    }
    return endpoint;
}

Result<Endpoint> endpointFromEnvHost(const QString &host, const Environment &environment)
{
    const bool verify = !env(environment, "DOCKER_TLS_VERIFY").isEmpty();
    const bool tls = verify || !env(environment, "DOCKER_TLS").isEmpty();
    QString certPath = env(environment, "DOCKER_CERT_PATH");
    if (tls && !certPath.isEmpty() && !QFileInfo(certPath).isDir()) {
        // Quietly falling back to the system's CAs and no client
        // certificate would hide the typo from the user.
        return makeError(
            ErrorKind::BadInput,
            QStringLiteral("DOCKER_CERT_PATH names %1, which is not a folder.").arg(certPath),
            QStringLiteral("Point it at the folder holding ca.pem, cert.pem and "
                           "key.pem, or unset it to use %1.")
                .arg(configDir(environment)));
    }
    if (certPath.isEmpty()) {
        certPath = configDir(environment);
    }
    return endpointFromHost(host, tls ? tlsFilesIn(certPath, verify) : TlsFiles{}, tls);
}

} // namespace

QString describeSource(EndpointSource source)
{
    switch (source) {
    case EndpointSource::HostOption:
        return QStringLiteral("--host option");
    case EndpointSource::ContextOption:
        return QStringLiteral("--context option");
    case EndpointSource::DockerHostEnv:
        return QStringLiteral("DOCKER_HOST");
    case EndpointSource::DockerContextEnv:
        return QStringLiteral("DOCKER_CONTEXT");
    case EndpointSource::ConfigCurrentContext:
        return QStringLiteral("currentContext in config.json");
    case EndpointSource::Default:
        break;
    }
    return QStringLiteral("default socket");
}

Environment processEnvironment()
{
    Environment environment;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS_VERIFY",
                             "DOCKER_TLS", "DOCKER_CERT_PATH", "HOME"}) {
        const QString key = QString::fromLatin1(name);
        if (system.contains(key)) {
            environment.insert(key, system.value(key));
        }
    }
    return environment;
}

QString contextDirName(const QString &contextName)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(contextName.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Result<Endpoint> endpointFromHost(const QString &host, const TlsFiles &tlsFiles, bool useTls)
{
    Endpoint endpoint;
    endpoint.host = host;
    if (host.startsWith(QLatin1String("unix://"))) {
        const QString path = host.mid(7);
        if (path.isEmpty() || !path.startsWith(QLatin1Char('/'))) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("\"%1\" names no absolute socket path.").arg(host),
                             QStringLiteral("Write it as unix:///path/to/docker.sock."));
        }
        endpoint.target.unixSocket = path;
        endpoint.target.baseUrl = QStringLiteral("http://localhost");
        endpoint.local = true;
        return endpoint;
    }
    if (host.startsWith(QLatin1String("tcp://")) || host.startsWith(QLatin1String("http://")) ||
        host.startsWith(QLatin1String("https://"))) {
        const QUrl url(host);
        if (!url.isValid() || url.host().isEmpty()) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("\"%1\" is not a valid engine address.").arg(host),
                             QStringLiteral("Write it as tcp://host:port."));
        }
        const bool tls = useTls || url.scheme() == QLatin1String("https");
        const int port = url.port(tls ? 2376 : 2375);
        QString hostPart = url.host();
        if (hostPart.contains(QLatin1Char(':'))) {
            hostPart = QLatin1Char('[') + hostPart + QLatin1Char(']'); // IPv6 literal
        }
        endpoint.target.baseUrl =
            QStringLiteral("%1://%2:%3")
                .arg(tls ? QStringLiteral("https") : QStringLiteral("http"), hostPart)
                .arg(port);
        endpoint.target.tls = tls ? tlsFiles : TlsFiles{};
        endpoint.tls = tls;
        return endpoint;
    }
    if (host.startsWith(QLatin1String("ssh://"))) {
        return makeError(
            ErrorKind::BadInput,
            QStringLiteral("ssh:// engine addresses (%1) are not supported.").arg(host),
            QStringLiteral("Forward the remote socket and use it locally: "
                           "ssh -nNT -L /tmp/remote-docker.sock:/var/run/docker.sock USER@HOST, "
                           "then DOCKER_HOST=unix:///tmp/remote-docker.sock; or use tcp:// with "
                           "TLS."));
    }
    return makeError(
        ErrorKind::BadInput,
        QStringLiteral("\"%1\" is not an engine address Drydock understands.").arg(host),
        QStringLiteral("Use unix:///path/to/docker.sock or tcp://host:port."));
}

Result<Endpoint> resolveEndpoint(const EndpointRequest &request, const Environment &environment)
{
    if (!request.host.isEmpty() && !request.context.isEmpty()) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("Both --host and --context were given."),
                         QStringLiteral("Give one of them."));
    }
    auto withSource = [](Result<Endpoint> endpoint, EndpointSource source, const QString &detail) {
        if (endpoint) {
            endpoint->source = source;
            if (endpoint->sourceDetail.isEmpty()) {
                endpoint->sourceDetail = detail;
            }
        }
        return endpoint;
    };
    // "default" is the docker CLI's name for "DOCKER_HOST or the default socket".
    auto fromContextName = [&](const QString &name, EndpointSource source, const QString &detail) {
        if (name == QLatin1String("default")) {
            const QString host = env(environment, "DOCKER_HOST");
            return withSource(
                endpointFromEnvHost(host.isEmpty() ? kDefaultHost : host, environment), source,
                detail + QStringLiteral(" (the default context)"));
        }
        return withSource(endpointFromContext(name, environment), source, detail);
    };

    if (!request.host.isEmpty()) {
        return withSource(endpointFromEnvHost(request.host, environment),
                          EndpointSource::HostOption,
                          QStringLiteral("--host %1").arg(request.host));
    }
    if (!request.context.isEmpty()) {
        return fromContextName(request.context, EndpointSource::ContextOption,
                               QStringLiteral("--context %1").arg(request.context));
    }
    // The CLI's code (not its documentation) lets DOCKER_HOST beat DOCKER_CONTEXT.
    const QString dockerHost = env(environment, "DOCKER_HOST");
    if (!dockerHost.isEmpty()) {
        return withSource(endpointFromEnvHost(dockerHost, environment),
                          EndpointSource::DockerHostEnv,
                          QStringLiteral("DOCKER_HOST=%1").arg(dockerHost));
    }
    const QString dockerContext = env(environment, "DOCKER_CONTEXT");
    if (!dockerContext.isEmpty()) {
        return fromContextName(dockerContext, EndpointSource::DockerContextEnv,
                               QStringLiteral("DOCKER_CONTEXT=%1").arg(dockerContext));
    }
    QString configPath;
    const auto current = currentContextFromConfig(environment, &configPath);
    if (!current) {
        return current.error();
    }
    if (!current->isEmpty()) {
        return fromContextName(
            *current, EndpointSource::ConfigCurrentContext,
            QStringLiteral("currentContext \"%1\" in %2").arg(*current, configPath));
    }
    return withSource(endpointFromEnvHost(kDefaultHost, environment), EndpointSource::Default,
                      QStringLiteral("nothing set; the docker CLI's default"));
}

} // namespace drydock::docker
