// SPDX-License-Identifier: GPL-3.0-or-later
// The Engine API client. Every call blocks until the engine answers or its
// deadline passes, so call it from a worker thread (see enginejob.h for the
// window's asynchronous wrapper). One client may be used from several
// threads at once: each call has its own libcurl handle.
#pragma once

#include "endpoint.h"
#include "models.h"
#include "util/cancel.h"
#include "util/result.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <nlohmann/json.hpp>

namespace drydock::docker {

// The newest API version this client knows; negotiation picks the lower of
// this and the engine's.
inline constexpr const char *kMaxApiVersion = "1.52";
// The oldest it will use (Docker 20.10).
inline constexpr const char *kMinApiVersion = "1.41";
// The largest JSON document the client reads whole (a list of a few thousand
// containers is a few MiB). Streams are not limited; their lines are.
inline constexpr qint64 kMaxDocumentBytes = 32LL * 1024 * 1024;

struct PingInfo
{
    QString apiVersion;
    QString osType;
    QString server;
    bool experimental = false;
    QString libpodApiVersion; // set by Podman
};

struct ContainerListOptions
{
    bool all = true;
    QString labelFilter; // "key" or "key=value"
};

// A container to create: the lab actions and the posture card's
// hardened command build these.
struct ContainerSpec
{
    QString image;
    QString name;
    QStringList cmd;
    QStringList entrypoint;
    QStringList env;
    QString user;
    QMap<QString, QString> labels;
    QList<PortBinding> ports; // containerPort like "80/tcp"
    QList<Mount> mounts;      // bind or volume or tmpfs
    QStringList capAdd;
    QStringList capDrop;
    QStringList securityOpt;
    bool readonlyRootfs = false;
    bool privileged = false;
    qint64 memory = 0;
    qint64 nanoCpus = 0;
    qint64 cpuShares = 0;
    std::optional<qint64> pidsLimit;
    QString networkMode;
    QString pidMode;
    QString ipcMode;
    QString utsMode;
    QString restartPolicy;
    int restartMaxRetries = 0;
    Healthcheck healthcheck;
    bool noNewPrivileges = false; // adds "no-new-privileges:true" to securityOpt
};

nlohmann::json containerCreateBody(const ContainerSpec &spec);

class EngineClient
{
public:
    explicit EngineClient(Endpoint endpoint);

    const Endpoint &endpoint() const { return m_endpoint; }

    // GET /_ping, then settles the API version ($DOCKER_API_VERSION pins it).
    Result<PingInfo> negotiate(const CancelToken &cancel = {});
    QString apiVersion() const { return m_apiVersion; }
    void setApiVersion(const QString &version) { m_apiVersion = version; }

    Result<VersionInfo> version(const CancelToken &cancel = {});
    Result<EngineInfo> info(const CancelToken &cancel = {});

    Result<QList<ContainerSummary>> containers(const ContainerListOptions &options = {},
                                               const CancelToken &cancel = {});
    Result<ContainerInspect> inspectContainer(const QString &idOrName,
                                              const CancelToken &cancel = {});
    Result<ProcessTable> top(const QString &idOrName, const CancelToken &cancel = {});

    Result<QList<ImageSummary>> images(const CancelToken &cancel = {});
    Result<ImageInspect> inspectImage(const QString &nameOrId, const CancelToken &cancel = {});
    Result<QList<HistoryEntry>> imageHistory(const QString &nameOrId,
                                             const CancelToken &cancel = {});

    Result<QList<NetworkInfo>> networks(const CancelToken &cancel = {});
    Result<QList<VolumeInfo>> volumes(const CancelToken &cancel = {});
    // 503 "This node is not a swarm manager" comes back as Refused.
    Result<SwarmSpec> swarm(const CancelToken &cancel = {});
    Result<QList<SwarmNode>> nodes(const CancelToken &cancel = {});
    Result<QList<SwarmService>> services(const CancelToken &cancel = {});

    // Creates and returns the new container's id.
    Result<QString> createContainer(const ContainerSpec &spec, const CancelToken &cancel = {});
    Result<void> startContainer(const QString &id, const CancelToken &cancel = {});
    Result<void> stopContainer(const QString &id, int timeoutSeconds = 10,
                               const CancelToken &cancel = {});
    Result<void> removeContainer(const QString &id, bool force = false,
                                 const CancelToken &cancel = {});

    // POST /images/create?fromImage=..&tag=..; `tag` may be "sha256:...".
    // Each progress line goes to onProgress; an error line inside the
    // stream ends the pull with that error.
    Result<void> pullImage(const QString &image, const QString &tag,
                           const std::function<void(const PullProgress &)> &onProgress,
                           const CancelToken &cancel = {});
    // POST /images/{source}/tag?repo=..&tag=..
    Result<void> tagImage(const QString &source, const QString &repo, const QString &tag,
                          const CancelToken &cancel = {});
    // POST /images/create?fromSrc=- with a tar of a root filesystem.
    Result<QString> importImage(const QByteArray &rootfsTar, const QString &repo,
                                const QString &tag, const CancelToken &cancel = {});
    // POST /images/{name}/push with an X-Registry-Auth header.
    Result<void> pushImage(const QString &repo, const QString &tag,
                           const std::function<void(const PullProgress &)> &onProgress,
                           const CancelToken &cancel = {});
    Result<void> removeImage(const QString &nameOrId, bool force = false,
                             const CancelToken &cancel = {});

    // GET /events, one call of onEvent per event until cancel is set,
    // the handler returns false, or the stream ends.
    Result<void> events(const QString &filtersJson,
                        const std::function<bool(const EngineEvent &)> &onEvent,
                        const CancelToken &cancel);

    // The lower-level door, for callers with needs the typed calls lack.
    // `path` is versioned automatically ("/containers/json" -> "/v1.41/...").
    Result<nlohmann::json> getJson(const QString &path, const CancelToken &cancel = {},
                                   int timeoutMs = 30000);
    Result<HttpResponse> request(HttpRequest request, const CancelToken &cancel = {},
                                 const ChunkHandler &onChunk = {});

private:
    QString versioned(const QString &path) const;
    Result<nlohmann::json> sendJson(const QByteArray &method, const QString &path,
                                    const nlohmann::json &body, const CancelToken &cancel,
                                    int expectStatus);
    Result<void> streamLines(HttpRequest request,
                             const std::function<bool(const nlohmann::json &)> &onLine,
                             const CancelToken &cancel);

    Endpoint m_endpoint;
    QString m_apiVersion = QString::fromLatin1(kMinApiVersion);
};

// Turns a non-2xx engine answer into an Error carrying its message.
Error engineError(const HttpResponse &response, const QString &what);

// Parses a body as JSON, or a Protocol error naming what was being read.
Result<nlohmann::json> parseJsonBody(const QByteArray &body, const QString &what);

} // namespace drydock::docker
