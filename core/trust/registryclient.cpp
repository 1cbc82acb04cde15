// SPDX-License-Identifier: GPL-3.0-or-later
// Registry manifests with token authentication.
#include "registryclient.h"

#include "canonicaljson.h"
#include "tufcrypto.h"
#include "util/atomicfile.h"
#include "util/logging.h"

#include <QDir>
#include <QFile>
#include <QUrl>

namespace drydock::trust {

namespace {

QString configPath(const QMap<QString, QString> &env)
{
    const QString dir = env.value(QStringLiteral("DOCKER_CONFIG"));
    if (!dir.isEmpty()) {
        return dir + QStringLiteral("/config.json");
    }
    return env.value(QStringLiteral("HOME"), QDir::homePath()) +
           QStringLiteral("/.docker/config.json");
}

// The keys docker login may have used for one registry.
QStringList configKeysFor(const QString &registry)
{
    QStringList keys{registry, QStringLiteral("https://") + registry,
                     QStringLiteral("http://") + registry};
    if (registry == QLatin1String("docker.io")) {
        keys << QStringLiteral("https://index.docker.io/v1/") << QStringLiteral("index.docker.io");
    }
    return keys;
}

Error registryError(const HttpResponse &response, const QString &what)
{
    QString detail;
    if (auto doc = parseJson(response.body, what);
        doc && doc->is_object() && doc->contains("errors") && (*doc)["errors"].is_array() &&
        !(*doc)["errors"].empty()) {
        const auto &first = (*doc)["errors"][0];
        detail = QString::fromStdString(first.value("code", std::string())) + QStringLiteral(": ") +
                 QString::fromStdString(first.value("message", std::string()));
    }
    Error error = makeError(
        response.status == 404 ? ErrorKind::BadInput : ErrorKind::Refused,
        QStringLiteral("%1 answered HTTP %2%3.")
            .arg(what)
            .arg(response.status)
            .arg(detail.isEmpty() ? QString() : QStringLiteral(" (") + detail + QLatin1Char(')')));
    error.httpStatus = response.status;
    return error;
}

} // namespace

QByteArray manifestAcceptHeader()
{
    return "application/vnd.docker.distribution.manifest.v2+json, "
           "application/vnd.docker.distribution.manifest.list.v2+json, "
           "application/vnd.oci.image.manifest.v1+json, "
           "application/vnd.oci.image.index.v1+json";
}

Result<std::optional<RegistryCredentials>> credentialsFor(const QString &registry,
                                                          const QMap<QString, QString> &env)
{
    const QString path = configPath(env);
    if (!QFile::exists(path)) {
        return std::optional<RegistryCredentials>();
    }
    auto bytes = readFileLimited(path, 4 * 1024 * 1024);
    if (!bytes) {
        return bytes.error();
    }
    auto doc = parseJson(*bytes, path);
    if (!doc || !doc->is_object()) {
        return makeError(ErrorKind::BadInput, QStringLiteral("%1 is not valid JSON.").arg(path));
    }
    const QStringList keys = configKeysFor(registry);
    const nlohmann::json auths = doc->value("auths", nlohmann::json::object());
    for (const QString &key : keys) {
        const std::string k = key.toStdString();
        if (!auths.is_object() || !auths.contains(k) || !auths[k].is_object()) {
            continue;
        }
        const std::string encoded = auths[k].value("auth", std::string());
        if (encoded.empty()) {
            continue;
        }
        const QByteArray pair = QByteArray::fromBase64(QByteArray::fromStdString(encoded));
        const qsizetype colon = pair.indexOf(':');
        if (colon <= 0) {
            return makeError(
                ErrorKind::BadInput,
                QStringLiteral("The \"auth\" entry for %1 in %2 is not base64 of user:password.")
                    .arg(key, path));
        }
        return std::optional<RegistryCredentials>(RegistryCredentials{
            QString::fromUtf8(pair.left(colon)), QString::fromUtf8(pair.mid(colon + 1)), path});
    }
    const nlohmann::json helpers = doc->value("credHelpers", nlohmann::json::object());
    QString helper;
    for (const QString &key : keys) {
        if (helpers.is_object() && helpers.contains(key.toStdString()) &&
            helpers[key.toStdString()].is_string()) {
            helper = QString::fromStdString(helpers[key.toStdString()].get<std::string>());
        }
    }
    if (helper.isEmpty()) {
        helper = QString::fromStdString(doc->value("credsStore", std::string()));
    }
    if (!helper.isEmpty()) {
        return makeError(
            ErrorKind::Refused,
            QStringLiteral("%1 keeps the credentials for %2 in the credential helper "
                           "docker-credential-%3, which Drydock does not run.")
                .arg(path, registry, helper),
            QStringLiteral("Pull with the docker CLI once, or add an \"auths\" entry for %1 "
                           "to a separate config folder and point DOCKER_CONFIG at it.")
                .arg(registry));
    }
    return std::optional<RegistryCredentials>();
}

std::optional<AuthChallenge> parseChallenge(const QByteArray &header)
{
    const QString text = QString::fromUtf8(header).trimmed();
    const qsizetype space = text.indexOf(QLatin1Char(' '));
    if (text.isEmpty()) {
        return std::nullopt;
    }
    AuthChallenge out;
    out.scheme = (space < 0 ? text : text.left(space)).toLower();
    QString rest = space < 0 ? QString() : text.mid(space + 1);
    // key="value", key=value, separated by commas; values may hold commas.
    qsizetype i = 0;
    while (i < rest.size()) {
        while (i < rest.size() && (rest[i] == QLatin1Char(',') || rest[i].isSpace())) {
            ++i;
        }
        const qsizetype eq = rest.indexOf(QLatin1Char('='), i);
        if (eq < 0) {
            break;
        }
        const QString key = rest.mid(i, eq - i).trimmed().toLower();
        i = eq + 1;
        QString value;
        if (i < rest.size() && rest[i] == QLatin1Char('"')) {
            ++i;
            while (i < rest.size() && rest[i] != QLatin1Char('"')) {
                if (rest[i] == QLatin1Char('\\') && i + 1 < rest.size()) {
                    ++i;
                }
                value += rest[i];
                ++i;
            }
            ++i;
        } else {
            const qsizetype comma = rest.indexOf(QLatin1Char(','), i);
            value = rest.mid(i, comma < 0 ? -1 : comma - i).trimmed();
            i = comma < 0 ? rest.size() : comma;
        }
        out.params.insert(key, value);
    }
    return out;
}

RegistryClient::RegistryClient(QString registry, RegistryOptions options)
    : m_registry(std::move(registry)), m_options(std::move(options))
{}

QString RegistryClient::baseUrl() const
{
    ImageRef ref;
    ref.registry = m_registry;
    if (ref.isDockerHub()) {
        return QStringLiteral("https://registry-1.docker.io");
    }
    const bool plain = ref.isLoopback() && m_options.plainHttpOnLoopback;
    return (plain ? QStringLiteral("http://") : QStringLiteral("https://")) + m_registry;
}

Result<ManifestInfo> RegistryClient::headManifest(const QString &repository,
                                                  const QString &reference,
                                                  const CancelToken &cancel)
{
    return manifest("HEAD", repository, reference, cancel);
}

Result<ManifestInfo> RegistryClient::getManifest(const QString &repository,
                                                 const QString &reference,
                                                 const CancelToken &cancel)
{
    return manifest("GET", repository, reference, cancel);
}

Result<ManifestInfo> RegistryClient::manifest(const QByteArray &method, const QString &repository,
                                              const QString &reference, const CancelToken &cancel)
{
    HttpRequest request;
    request.method = method;
    request.path = QStringLiteral("/v2/%1/manifests/%2").arg(repository, reference);
    request.headers.append({"Accept", manifestAcceptHeader()});
    request.timeoutMs = m_options.timeoutMs;
    request.maxBodyBytes = 8 * 1024 * 1024;
    const QString scope = QStringLiteral("repository:%1:pull").arg(repository);
    auto response = send(request, scope, cancel);
    if (!response) {
        return response.error();
    }
    const QString what =
        QStringLiteral("The registry %1, asked for %2:%3,").arg(m_registry, repository, reference);
    if (response->status != 200) {
        return registryError(*response, what);
    }
    ManifestInfo info;
    info.digest = QString::fromLatin1(response->header("docker-content-digest"));
    info.mediaType = QString::fromLatin1(response->header("content-type"));
    info.length = response->header("content-length").toLongLong();
    if (method == "GET") {
        info.body = response->body;
        info.length = response->body.size();
        const QString computed = QStringLiteral("sha256:") + sha256Hex(response->body);
        if (!info.digest.isEmpty() && info.digest != computed) {
            return makeError(
                ErrorKind::Protocol,
                QStringLiteral("%1 sent a manifest whose digest is %2, not the %3 it claimed.")
                    .arg(what, computed, info.digest));
        }
        info.digest = computed;
    }
    if (info.digest.isEmpty()) {
        return makeError(ErrorKind::Protocol,
                         QStringLiteral("%1 did not say the manifest's digest.").arg(what));
    }
    return info;
}

Result<HttpResponse> RegistryClient::send(HttpRequest request, const QString &scope,
                                          const CancelToken &cancel)
{
    HttpTarget target;
    target.baseUrl = baseUrl();
    target.tls.caFile = m_options.caFile;
    for (int attempt = 0; attempt < 2; ++attempt) {
        HttpRequest withAuth = request;
        if (!m_authorization.isEmpty()) {
            withAuth.headers.append({"Authorization", m_authorization});
        }
        auto response = performHttp(target, withAuth, cancel);
        if (!response || response->status != 401 || attempt > 0) {
            return response;
        }
        const auto challenge = parseChallenge(response->header("www-authenticate"));
        if (!challenge) {
            return response;
        }
        if (auto auth = authenticate(*challenge, scope, cancel); !auth) {
            return auth.error();
        }
    }
    return makeError(ErrorKind::Internal, QStringLiteral("Unreachable registry retry state."));
}

Result<void> RegistryClient::authenticate(const AuthChallenge &challenge, const QString &scope,
                                          const CancelToken &cancel)
{
    auto creds = credentialsFor(m_registry, m_options.env);
    if (!creds) {
        return creds.error();
    }
    QByteArray basic;
    if (creds->has_value()) {
        basic = "Basic " +
                ((*creds)->username + QLatin1Char(':') + (*creds)->password).toUtf8().toBase64();
    }
    if (challenge.scheme == QLatin1String("basic")) {
        if (basic.isEmpty()) {
            return makeError(
                ErrorKind::Refused,
                QStringLiteral("The registry %1 asks for a user name and password.")
                    .arg(m_registry),
                QStringLiteral("Log in with docker login %1 (with credentials stored in "
                               "config.json \"auths\").")
                    .arg(m_registry));
        }
        m_authorization = basic;
        return {};
    }
    if (challenge.scheme != QLatin1String("bearer")) {
        return makeError(
            ErrorKind::Refused,
            QStringLiteral("The registry %1 asks for \"%2\" authentication, which Drydock "
                           "does not speak.")
                .arg(m_registry, challenge.scheme));
    }
    const QUrl realm(challenge.params.value(QStringLiteral("realm")));
    if (!realm.isValid() || realm.scheme() != QLatin1String("https")) {
        if (!(realm.isValid() && realm.scheme() == QLatin1String("http") &&
              ImageRef{realm.host(), {}, {}, {}}.isLoopback())) {
            return makeError(
                ErrorKind::Refused,
                QStringLiteral(
                    "The registry %1 sent a token realm that is not an https URL: \"%2\".")
                    .arg(m_registry, challenge.params.value(QStringLiteral("realm"))));
        }
    }
    HttpTarget target;
    target.baseUrl = realm.toString(QUrl::RemovePath | QUrl::RemoveQuery);
    target.tls.caFile = m_options.caFile;
    HttpRequest request;
    QString query = realm.query(QUrl::FullyEncoded);
    const auto addParam = [&query](const QString &key, const QString &value) {
        if (!value.isEmpty()) {
            query += (query.isEmpty() ? QString() : QStringLiteral("&")) + key + QLatin1Char('=') +
                     urlEncode(value);
        }
    };
    addParam(QStringLiteral("service"), challenge.params.value(QStringLiteral("service")));
    addParam(QStringLiteral("scope"), challenge.params.value(QStringLiteral("scope"), scope));
    request.path =
        realm.path(QUrl::FullyEncoded) + (query.isEmpty() ? QString() : QLatin1Char('?') + query);
    request.timeoutMs = m_options.timeoutMs;
    request.maxBodyBytes = 1024 * 1024;
    if (!basic.isEmpty()) {
        request.headers.append({"Authorization", basic});
    }
    auto response = performHttp(target, request, cancel);
    if (!response) {
        return response.error();
    }
    if (response->status != 200) {
        Error error =
            registryError(*response, QStringLiteral("The token service of %1").arg(m_registry));
        error.kind = ErrorKind::Refused;
        return error;
    }
    auto doc = parseJson(response->body, QStringLiteral("The token from %1").arg(m_registry));
    if (!doc || !doc->is_object()) {
        return makeError(
            ErrorKind::Protocol,
            QStringLiteral("The token service of %1 did not answer with JSON.").arg(m_registry));
    }
    std::string token = doc->value("token", std::string());
    if (token.empty()) {
        token = doc->value("access_token", std::string());
    }
    if (token.empty()) {
        return makeError(ErrorKind::Protocol,
                         QStringLiteral("The token service of %1 sent no token.").arg(m_registry));
    }
    m_authorization = "Bearer " + QByteArray::fromStdString(token);
    return {};
}

} // namespace drydock::trust
