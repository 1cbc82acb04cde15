// SPDX-License-Identifier: GPL-3.0-or-later
#include "engineclient.h"

#include "ndjson.h"
#include "util/logging.h"

#include <QVersionNumber>

namespace drydock::docker {

using nlohmann::json;

namespace {

QVersionNumber apiNumber(const QString &text)
{
    return QVersionNumber::fromString(text);
}

QString jsonText(const json &value)
{
    return QString::fromStdString(value.get<std::string>());
}

QString filterQuery(const QString &labelFilter)
{
    if (labelFilter.isEmpty()) {
        return {};
    }
    json filters = {{"label", {labelFilter.toStdString()}}};
    return QStringLiteral("&filters=") + urlEncode(QString::fromStdString(filters.dump()));
}

} // namespace

Result<json> parseJsonBody(const QByteArray &body, const QString &what)
{
    const json doc = json::parse(body.begin(), body.end(), nullptr, false);
    if (doc.is_discarded()) {
        return makeError(ErrorKind::Protocol,
                         QStringLiteral("The answer to %1 is not valid JSON (%2 bytes; cut short "
                                        "or garbled).")
                             .arg(what)
                             .arg(body.size()));
    }
    return doc;
}

Error engineError(const HttpResponse &response, const QString &what)
{
    QString message;
    const json doc = json::parse(response.body.begin(), response.body.end(), nullptr, false);
    if (doc.is_object() && doc.contains("message") && doc["message"].is_string()) {
        message = jsonText(doc["message"]);
    } else {
        message = QString::fromUtf8(response.body.left(300)).trimmed();
    }
    QString hint;
    ErrorKind kind = ErrorKind::Refused;
    switch (response.status) {
    case 400:
        if (message.contains(QLatin1String("client version"))) {
            hint = QStringLiteral("Unset DOCKER_API_VERSION to let Drydock negotiate.");
        }
        kind = ErrorKind::BadInput;
        break;
    case 401:
    case 403:
        hint = QStringLiteral("The engine or an authorization plugin refused the request.");
        break;
    case 404:
        kind = ErrorKind::BadInput;
        break;
    case 409:
        kind = ErrorKind::BadInput;
        break;
    default:
        break;
    }
    Error error = makeError(kind,
                            QStringLiteral("The engine refused %1 (HTTP %2): %3")
                                .arg(what)
                                .arg(response.status)
                                .arg(message.isEmpty() ? QStringLiteral("no message") : message),
                            hint);
    error.httpStatus = response.status;
    return error;
}

json containerCreateBody(const ContainerSpec &spec)
{
    json body = json::object();
    body["Image"] = spec.image.toStdString();
    auto list = [](const QStringList &items) {
        json out = json::array();
        for (const QString &item : items) {
            out.push_back(item.toStdString());
        }
        return out;
    };
    if (!spec.cmd.isEmpty()) {
        body["Cmd"] = list(spec.cmd);
    }
    if (!spec.entrypoint.isEmpty()) {
        body["Entrypoint"] = list(spec.entrypoint);
    }
    if (!spec.env.isEmpty()) {
        body["Env"] = list(spec.env);
    }
    if (!spec.user.isEmpty()) {
        body["User"] = spec.user.toStdString();
    }
    json labels = json::object();
    for (auto it = spec.labels.begin(); it != spec.labels.end(); ++it) {
        labels[it.key().toStdString()] = it.value().toStdString();
    }
    body["Labels"] = labels;
    if (spec.healthcheck.present()) {
        json health = {{"Test", list(spec.healthcheck.test)}};
        if (spec.healthcheck.intervalNs > 0) {
            health["Interval"] = spec.healthcheck.intervalNs;
        }
        if (spec.healthcheck.timeoutNs > 0) {
            health["Timeout"] = spec.healthcheck.timeoutNs;
        }
        if (spec.healthcheck.retries > 0) {
            health["Retries"] = spec.healthcheck.retries;
        }
        body["Healthcheck"] = health;
    }

    json host = json::object();
    json exposed = json::object();
    json bindings = json::object();
    for (const PortBinding &port : spec.ports) {
        exposed[port.containerPort.toStdString()] = json::object();
        bindings[port.containerPort.toStdString()].push_back(
            {{"HostIp", port.hostIp.toStdString()}, {"HostPort", port.hostPort.toStdString()}});
    }
    if (!spec.ports.isEmpty()) {
        body["ExposedPorts"] = exposed;
        host["PortBindings"] = bindings;
    }
    json mounts = json::array();
    for (const Mount &mount : spec.mounts) {
        json m = {{"Type", mount.type.isEmpty() ? "bind" : mount.type.toStdString()},
                  {"Target", mount.destination.toStdString()},
                  {"ReadOnly", !mount.rw}};
        if (!mount.source.isEmpty()) {
            m["Source"] = mount.source.toStdString();
        }
        mounts.push_back(m);
    }
    if (!mounts.empty()) {
        host["Mounts"] = mounts;
    }
    if (!spec.capAdd.isEmpty()) {
        host["CapAdd"] = list(spec.capAdd);
    }
    if (!spec.capDrop.isEmpty()) {
        host["CapDrop"] = list(spec.capDrop);
    }
    QStringList securityOpt = spec.securityOpt;
    if (spec.noNewPrivileges && !securityOpt.contains(QStringLiteral("no-new-privileges:true"))) {
        securityOpt.append(QStringLiteral("no-new-privileges:true"));
    }
    if (!securityOpt.isEmpty()) {
        host["SecurityOpt"] = list(securityOpt);
    }
    host["ReadonlyRootfs"] = spec.readonlyRootfs;
    host["Privileged"] = spec.privileged;
    if (spec.memory > 0) {
        host["Memory"] = spec.memory;
    }
    if (spec.nanoCpus > 0) {
        host["NanoCpus"] = spec.nanoCpus;
    }
    if (spec.cpuShares > 0) {
        host["CpuShares"] = spec.cpuShares;
    }
    if (spec.pidsLimit) {
        host["PidsLimit"] = *spec.pidsLimit;
    }
    auto setIf = [&host](const char *key, const QString &value) {
        if (!value.isEmpty()) {
            host[key] = value.toStdString();
        }
    };
    setIf("NetworkMode", spec.networkMode);
    setIf("PidMode", spec.pidMode);
    setIf("IpcMode", spec.ipcMode);
    setIf("UTSMode", spec.utsMode);
    if (!spec.restartPolicy.isEmpty()) {
        host["RestartPolicy"] = {{"Name", spec.restartPolicy.toStdString()},
                                 {"MaximumRetryCount", spec.restartMaxRetries}};
    }
    body["HostConfig"] = host;
    return body;
}

EngineClient::EngineClient(Endpoint endpoint) : m_endpoint(std::move(endpoint)) {}

QString EngineClient::versioned(const QString &path) const
{
    return QStringLiteral("/v") + m_apiVersion + path;
}

Result<HttpResponse> EngineClient::request(HttpRequest request, const CancelToken &cancel,
                                           const ChunkHandler &onChunk)
{
    return performHttp(m_endpoint.target, request, cancel, onChunk);
}

Result<PingInfo> EngineClient::negotiate(const CancelToken &cancel)
{
    HttpRequest ping;
    ping.path = QStringLiteral("/_ping");
    ping.timeoutMs = 10000;
    ping.maxBodyBytes = 4096;
    const auto response = request(ping, cancel);
    if (!response) {
        return response.error();
    }
    if (response->status != 200) {
        return engineError(*response, QStringLiteral("the ping"));
    }
    PingInfo info;
    info.apiVersion = QString::fromLatin1(response->header("Api-Version"));
    info.osType = QString::fromLatin1(response->header("OSType"));
    info.server = QString::fromLatin1(response->header("Server"));
    info.experimental = response->header("Docker-Experimental") == "true";
    info.libpodApiVersion = QString::fromLatin1(response->header("Libpod-API-Version"));

    const QString pinned = qEnvironmentVariable("DOCKER_API_VERSION");
    if (!pinned.isEmpty()) {
        if (apiNumber(pinned).isNull()) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("DOCKER_API_VERSION=%1 is not a version.").arg(pinned),
                             QStringLiteral("Set it like 1.43, or unset it."));
        }
        // Pinned: used as is; the engine will say if it refuses it.
        m_apiVersion = pinned;
        return info;
    }
    const QVersionNumber server = apiNumber(info.apiVersion);
    const QVersionNumber mine = apiNumber(QString::fromLatin1(kMaxApiVersion));
    const QVersionNumber oldest = apiNumber(QString::fromLatin1(kMinApiVersion));
    if (server.isNull()) {
        // Engines older than 1.25 send no Api-Version; nothing to negotiate.
        return makeError(ErrorKind::Protocol,
                         QStringLiteral("The engine did not say which API version it speaks."),
                         QStringLiteral("Drydock needs Docker 20.10 or newer."));
    }
    if (server < oldest) {
        return makeError(ErrorKind::Refused,
                         QStringLiteral("The engine speaks API %1; Drydock needs %2 or newer.")
                             .arg(info.apiVersion, QString::fromLatin1(kMinApiVersion)),
                         QStringLiteral("Upgrade Docker to 20.10 or newer."));
    }
    m_apiVersion = (server < mine ? server : mine).toString();
    qCDebug(lcEngine) << "negotiated API" << m_apiVersion << "with" << info.server;
    return info;
}

Result<json> EngineClient::getJson(const QString &path, const CancelToken &cancel, int timeoutMs)
{
    HttpRequest req;
    req.path = versioned(path);
    req.timeoutMs = timeoutMs;
    req.maxBodyBytes = kMaxDocumentBytes;
    const auto response = request(req, cancel);
    if (!response) {
        return response.error();
    }
    const QString what = QStringLiteral("GET ") + path.section(QLatin1Char('?'), 0, 0);
    if (response->status / 100 != 2) {
        return engineError(*response, what);
    }
    return parseJsonBody(response->body, what);
}

Result<json> EngineClient::sendJson(const QByteArray &method, const QString &path, const json &body,
                                    const CancelToken &cancel, int expectStatus)
{
    HttpRequest req;
    req.method = method;
    req.path = versioned(path);
    req.maxBodyBytes = kMaxDocumentBytes;
    if (!body.is_null()) {
        req.body = QByteArray::fromStdString(body.dump());
        req.addHeader("Content-Type", "application/json");
    }
    const auto response = request(req, cancel);
    const QString what =
        QString::fromLatin1(method) + QLatin1Char(' ') + path.section(QLatin1Char('?'), 0, 0);
    if (!response) {
        return response.error();
    }
    if (response->status / 100 != 2 && response->status != expectStatus) {
        return engineError(*response, what);
    }
    if (response->body.trimmed().isEmpty()) {
        return json();
    }
    return parseJsonBody(response->body, what);
}

template<class T, class Parser>
static Result<T> fetch(EngineClient &client, const QString &path, const CancelToken &cancel,
                       Parser parse)
{
    const auto doc = client.getJson(path, cancel);
    if (!doc) {
        return doc.error();
    }
    return parse(*doc);
}

Result<VersionInfo> EngineClient::version(const CancelToken &cancel)
{
    return fetch<VersionInfo>(*this, QStringLiteral("/version"), cancel, parseVersion);
}

Result<EngineInfo> EngineClient::info(const CancelToken &cancel)
{
    return fetch<EngineInfo>(*this, QStringLiteral("/info"), cancel, parseInfo);
}

Result<QList<ContainerSummary>> EngineClient::containers(const ContainerListOptions &options,
                                                         const CancelToken &cancel)
{
    const QString path = QStringLiteral("/containers/json?all=%1%2")
                             .arg(options.all ? QStringLiteral("true") : QStringLiteral("false"),
                                  filterQuery(options.labelFilter));
    return fetch<QList<ContainerSummary>>(*this, path, cancel, parseContainerList);
}

Result<ContainerInspect> EngineClient::inspectContainer(const QString &idOrName,
                                                        const CancelToken &cancel)
{
    return fetch<ContainerInspect>(*this,
                                   QStringLiteral("/containers/%1/json").arg(urlEncode(idOrName)),
                                   cancel, parseContainerInspect);
}

Result<ProcessTable> EngineClient::top(const QString &idOrName, const CancelToken &cancel)
{
    return fetch<ProcessTable>(*this, QStringLiteral("/containers/%1/top").arg(urlEncode(idOrName)),
                               cancel, parseTop);
}

Result<QList<ImageSummary>> EngineClient::images(const CancelToken &cancel)
{
    return fetch<QList<ImageSummary>>(*this, QStringLiteral("/images/json"), cancel,
                                      parseImageList);
}

Result<ImageInspect> EngineClient::inspectImage(const QString &nameOrId, const CancelToken &cancel)
{
    return fetch<ImageInspect>(*this, QStringLiteral("/images/%1/json").arg(urlEncode(nameOrId)),
                               cancel, parseImageInspect);
}

Result<QList<HistoryEntry>> EngineClient::imageHistory(const QString &nameOrId,
                                                       const CancelToken &cancel)
{
    return fetch<QList<HistoryEntry>>(
        *this, QStringLiteral("/images/%1/history").arg(urlEncode(nameOrId)), cancel, parseHistory);
}

Result<QList<NetworkInfo>> EngineClient::networks(const CancelToken &cancel)
{
    return fetch<QList<NetworkInfo>>(*this, QStringLiteral("/networks"), cancel, parseNetworks);
}

Result<QList<VolumeInfo>> EngineClient::volumes(const CancelToken &cancel)
{
    return fetch<QList<VolumeInfo>>(*this, QStringLiteral("/volumes"), cancel, parseVolumes);
}

Result<SwarmSpec> EngineClient::swarm(const CancelToken &cancel)
{
    return fetch<SwarmSpec>(*this, QStringLiteral("/swarm"), cancel, parseSwarmSpec);
}

Result<QList<SwarmNode>> EngineClient::nodes(const CancelToken &cancel)
{
    return fetch<QList<SwarmNode>>(*this, QStringLiteral("/nodes"), cancel, parseNodes);
}

Result<QList<SwarmService>> EngineClient::services(const CancelToken &cancel)
{
    return fetch<QList<SwarmService>>(*this, QStringLiteral("/services"), cancel, parseServices);
}

Result<QString> EngineClient::createContainer(const ContainerSpec &spec, const CancelToken &cancel)
{
    QString path = QStringLiteral("/containers/create");
    if (!spec.name.isEmpty()) {
        path += QStringLiteral("?name=") + urlEncode(spec.name);
    }
    const auto answer = sendJson("POST", path, containerCreateBody(spec), cancel, 201);
    if (!answer) {
        return answer.error();
    }
    if (!answer->is_object() || !answer->contains("Id") || !(*answer)["Id"].is_string()) {
        return makeError(ErrorKind::Protocol,
                         QStringLiteral("The engine created a container but sent no Id."));
    }
    return jsonText((*answer)["Id"]);
}

Result<void> EngineClient::startContainer(const QString &id, const CancelToken &cancel)
{
    const auto answer = sendJson("POST", QStringLiteral("/containers/%1/start").arg(urlEncode(id)),
                                 json(), cancel, 304);
    if (!answer) {
        return answer.error();
    }
    return {};
}

Result<void> EngineClient::stopContainer(const QString &id, int timeoutSeconds,
                                         const CancelToken &cancel)
{
    HttpRequest req;
    req.method = "POST";
    req.path = versioned(
        QStringLiteral("/containers/%1/stop?t=%2").arg(urlEncode(id)).arg(timeoutSeconds));
    req.timeoutMs = (timeoutSeconds + 30) * 1000;
    const auto response = request(req, cancel);
    if (!response) {
        return response.error();
    }
    // 304: already stopped, which is what was asked.
    if (response->status / 100 != 2 && response->status != 304) {
        return engineError(*response, QStringLiteral("stopping %1").arg(id));
    }
    return {};
}

Result<void> EngineClient::removeContainer(const QString &id, bool force, const CancelToken &cancel)
{
    const auto answer =
        sendJson("DELETE",
                 QStringLiteral("/containers/%1?force=%2&v=true")
                     .arg(urlEncode(id), force ? QStringLiteral("true") : QStringLiteral("false")),
                 json(), cancel, 204);
    if (!answer) {
        return answer.error();
    }
    return {};
}

Result<void> EngineClient::streamLines(HttpRequest req,
                                       const std::function<bool(const json &)> &onLine,
                                       const CancelToken &cancel)
{
    NdjsonSplitter splitter([&](const json &line) { return onLine(line); });
    // performHttp streams only 2xx bodies; an error answer arrives whole.
    auto onChunk = [&](const QByteArray &chunk) { return splitter.feed(chunk); };
    const auto response = request(req, cancel, onChunk);
    if (!response) {
        return response.error();
    }
    if (response->status / 100 != 2) {
        return engineError(*response, QString::fromLatin1(req.method) + QLatin1Char(' ') +
                                          req.path.section(QLatin1Char('?'), 0, 0));
    }
    if (splitter.failed()) {
        return splitter.error();
    }
    if (!splitter.finish() && splitter.failed()) {
        return splitter.error();
    }
    return {};
}

Result<void> EngineClient::pullImage(const QString &image, const QString &tag,
                                     const std::function<void(const PullProgress &)> &onProgress,
                                     const CancelToken &cancel)
{
    HttpRequest req;
    req.method = "POST";
    req.path = versioned(
        QStringLiteral("/images/create?fromImage=%1&tag=%2")
            .arg(urlEncode(image), urlEncode(tag.isEmpty() ? QStringLiteral("latest") : tag)));
    req.timeoutMs = 0;
    req.stallTimeoutMs = 120000;
    std::optional<Error> pullError;
    const auto streamed = streamLines(
        req,
        [&](const json &line) {
            const auto progress = parsePullProgress(line);
            if (!progress) {
                return true;
            }
            if (!progress->error.isEmpty()) {
                pullError = makeError(
                    ErrorKind::Refused,
                    QStringLiteral("Pulling %1:%2 failed: %3").arg(image, tag, progress->error));
                return false;
            }
            if (onProgress) {
                onProgress(*progress);
            }
            return true;
        },
        cancel);
    if (pullError) {
        return *pullError;
    }
    return streamed;
}

Result<void> EngineClient::tagImage(const QString &source, const QString &repo, const QString &tag,
                                    const CancelToken &cancel)
{
    const auto answer = sendJson("POST",
                                 QStringLiteral("/images/%1/tag?repo=%2&tag=%3")
                                     .arg(urlEncode(source), urlEncode(repo), urlEncode(tag)),
                                 json(), cancel, 201);
    if (!answer) {
        return answer.error();
    }
    return {};
}

Result<QString> EngineClient::importImage(const QByteArray &rootfsTar, const QString &repo,
                                          const QString &tag, const CancelToken &cancel)
{
    HttpRequest req;
    req.method = "POST";
    req.path = versioned(QStringLiteral("/images/create?fromSrc=-&repo=%1&tag=%2")
                             .arg(urlEncode(repo), urlEncode(tag)));
    req.body = rootfsTar;
    req.addHeader("Content-Type", "application/x-tar");
    req.timeoutMs = 120000;
    QString imageId;
    std::optional<Error> importError;
    const auto streamed = streamLines(
        req,
        [&](const json &line) {
            const auto progress = parsePullProgress(line);
            if (progress && !progress->error.isEmpty()) {
                importError = makeError(
                    ErrorKind::Refused,
                    QStringLiteral("Importing %1:%2 failed: %3").arg(repo, tag, progress->error));
                return false;
            }
            // The last status line carries the new image's id.
            if (progress && progress->status.startsWith(QLatin1String("sha256:"))) {
                imageId = progress->status;
            }
            return true;
        },
        cancel);
    if (importError) {
        return *importError;
    }
    if (!streamed) {
        return streamed.error();
    }
    return imageId;
}

Result<void> EngineClient::pushImage(const QString &repo, const QString &tag,
                                     const std::function<void(const PullProgress &)> &onProgress,
                                     const CancelToken &cancel)
{
    HttpRequest req;
    req.method = "POST";
    req.path =
        versioned(QStringLiteral("/images/%1/push?tag=%2").arg(urlEncode(repo), urlEncode(tag)));
    // An empty credential ("{}"), base64: the engine requires the header.
    req.addHeader("X-Registry-Auth", "e30=");
    req.timeoutMs = 0;
    req.stallTimeoutMs = 120000;
    std::optional<Error> pushError;
    const auto streamed = streamLines(
        req,
        [&](const json &line) {
            const auto progress = parsePullProgress(line);
            if (!progress) {
                return true;
            }
            if (!progress->error.isEmpty()) {
                pushError = makeError(
                    ErrorKind::Refused,
                    QStringLiteral("Pushing %1:%2 failed: %3").arg(repo, tag, progress->error));
                return false;
            }
            if (onProgress) {
                onProgress(*progress);
            }
            return true;
        },
        cancel);
    if (pushError) {
        return *pushError;
    }
    return streamed;
}

Result<void> EngineClient::removeImage(const QString &nameOrId, bool force,
                                       const CancelToken &cancel)
{
    const auto answer = sendJson(
        "DELETE",
        QStringLiteral("/images/%1?force=%2")
            .arg(urlEncode(nameOrId), force ? QStringLiteral("true") : QStringLiteral("false")),
        json(), cancel, 200);
    if (!answer) {
        return answer.error();
    }
    return {};
}

Result<void> EngineClient::events(const QString &filtersJson,
                                  const std::function<bool(const EngineEvent &)> &onEvent,
                                  const CancelToken &cancel)
{
    HttpRequest req;
    req.path = versioned(QStringLiteral("/events"));
    if (!filtersJson.isEmpty()) {
        req.path += QStringLiteral("?filters=") + urlEncode(filtersJson);
    }
    req.timeoutMs = 0; // lives until cancelled
    return streamLines(
        req,
        [&](const json &line) {
            const auto event = parseEvent(line);
            return event ? onEvent(*event) : true;
        },
        cancel);
}

} // namespace drydock::docker
