// SPDX-License-Identifier: GPL-3.0-or-later
// Typed views of the Engine API's documents, parsed once at the boundary
// (models.cpp). Fields the engine omits keep their defaults; `raw` keeps the
// whole document for the evidence a finding quotes.
#pragma once

#include "util/result.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>

namespace drydock::docker {

struct VersionInfo
{
    QString version;       // "20.10.24+dfsg1"
    QString apiVersion;    // highest the engine speaks
    QString minApiVersion; // lowest it accepts
    QString os;
    QString arch;
    QString kernelVersion;
    QString goVersion;
    QString gitCommit;
    QStringList componentNames; // "Engine", "containerd", "runc", "docker-init"
    QMap<QString, QString> componentVersions;
    bool podman = false; // a component named "Podman Engine"
};

struct SwarmState
{
    QString localNodeState; // "inactive", "active", "pending", "error", "locked"
    QString nodeId;
    bool controlAvailable = false; // this node is a manager
    int managers = 0;
    int nodes = 0;
    bool active() const { return localNodeState == QLatin1String("active"); }
};

struct EngineInfo
{
    QString id;
    QString name;
    QString serverVersion;
    QString operatingSystem;
    QString osType;
    QString kernelVersion;
    QString architecture;
    QString driver; // storage driver
    QString dockerRootDir;
    QString loggingDriver;
    QString cgroupDriver;
    QString cgroupVersion;
    bool liveRestoreEnabled = false;
    bool experimentalBuild = false;
    bool debug = false;
    int containers = 0;
    int containersRunning = 0;
    int images = 0;
    QStringList securityOptions; // "name=seccomp,profile=default", ...
    QStringList authorizationPlugins;
    QStringList insecureRegistryCidrs;
    QStringList insecureRegistryNames; // IndexConfigs with Secure=false
    QStringList registryMirrors;
    QString defaultRuntime;
    QString initBinary;
    bool userlandProxy = true; // not reported by the API; the host probe knows
    SwarmState swarm;
    nlohmann::json raw;

    bool hasSecurityOption(const QString &name) const;
    bool rootless() const { return hasSecurityOption(QStringLiteral("rootless")); }
};

struct PortBinding
{
    QString containerPort; // "80/tcp"
    QString hostIp;        // "" , "0.0.0.0", "::", "127.0.0.1"
    QString hostPort;
};

struct Mount
{
    QString type; // bind, volume, tmpfs, npipe
    QString name; // volume name
    QString source;
    QString destination;
    QString mode;
    bool rw = true;
    QString propagation;
};

struct Healthcheck
{
    QStringList test; // ["CMD-SHELL", "..."]; ["NONE"] disables
    qint64 intervalNs = 0;
    qint64 timeoutNs = 0;
    int retries = 0;
    bool present() const { return !test.isEmpty() && test.first() != QLatin1String("NONE"); }
};

struct Ulimit
{
    QString name;
    qint64 soft = 0;
    qint64 hard = 0;
};

struct DeviceMapping
{
    QString pathOnHost;
    QString pathInContainer;
    QString permissions;
};

struct HostConfig
{
    bool privileged = false;
    QStringList capAdd;
    QStringList capDrop;
    QStringList securityOpt;
    bool readonlyRootfs = false;
    qint64 memory = 0;
    qint64 memorySwap = 0;
    qint64 cpuShares = 0;
    qint64 nanoCpus = 0;
    qint64 cpuQuota = 0;
    qint64 cpuPeriod = 0;
    QString cpusetCpus;
    std::optional<qint64> pidsLimit; // null/0/-1 mean unlimited
    QString networkMode;
    QString pidMode;
    QString ipcMode;
    QString utsMode;
    QString usernsMode;
    QString cgroupnsMode;
    QString cgroupParent;
    QList<DeviceMapping> devices;
    QList<PortBinding> portBindings;
    bool publishAllPorts = false;
    QString restartPolicy; // "", "no", "always", "on-failure", "unless-stopped"
    int restartMaxRetries = 0;
    QList<Ulimit> ulimits;
    QStringList binds;
    QString logDriver;
    QString runtime;
    bool init = false;
    std::optional<bool> oomKillDisable;
};

struct ContainerConfig
{
    QString hostname;
    QString user;
    QString image; // as the user named it
    QStringList env;
    QStringList cmd;
    QStringList entrypoint;
    QMap<QString, QString> labels;
    Healthcheck healthcheck;
    QStringList exposedPorts;
};

struct ContainerState
{
    QString status; // created, running, paused, restarting, removing, exited, dead
    bool running = false;
    int pid = 0;
    int exitCode = 0;
    QString healthStatus; // "", "starting", "healthy", "unhealthy"
    QDateTime startedAt;
};

struct NetworkAttachment
{
    QString network;
    QString ipAddress;
    QString globalIPv6Address;
};

// GET /containers/{id}/json
struct ContainerInspect
{
    QString id;
    QString name; // without the leading slash
    QString imageId;
    QDateTime created;
    QString driver;
    QString appArmorProfile;
    QString mountLabel;
    QString processLabel;
    int restartCount = 0;
    ContainerState state;
    ContainerConfig config;
    HostConfig hostConfig;
    QList<Mount> mounts;
    QList<NetworkAttachment> networks;
    QList<PortBinding> ports; // NetworkSettings.Ports, what is bound now
    nlohmann::json raw;

    QString shortId() const { return id.left(12); }
};

// GET /containers/json
struct ContainerSummary
{
    QString id;
    QStringList names; // without leading slashes
    QString image;
    QString imageId;
    QString command;
    QDateTime created;
    QString state;
    QString status;
    QMap<QString, QString> labels;

    QString name() const { return names.isEmpty() ? id.left(12) : names.first(); }
};

// GET /containers/{id}/top
struct ProcessTable
{
    QStringList titles;
    QList<QStringList> processes;
    int column(const QString &title) const { return int(titles.indexOf(title)); }
};

// GET /images/json
struct ImageSummary
{
    QString id;
    QStringList repoTags;
    QStringList repoDigests;
    QDateTime created;
    qint64 size = 0;
    int containers = -1; // -1 when the engine did not count
    QMap<QString, QString> labels;
};

// GET /images/{name}/json
struct ImageInspect
{
    QString id;
    QStringList repoTags;
    QStringList repoDigests;
    QDateTime created;
    QString architecture;
    QString os;
    qint64 size = 0;
    ContainerConfig config;
    QStringList layers; // RootFS.Layers
    nlohmann::json raw;
};

// GET /images/{name}/history
struct HistoryEntry
{
    QString id;
    QDateTime created;
    QString createdBy;
    QStringList tags;
    qint64 size = 0;
    QString comment;
};

struct NetworkInfo
{
    QString id;
    QString name;
    QString driver;
    QString scope;
    bool internal = false;
    bool enableIPv6 = false;
    QMap<QString, QString> options;
    QMap<QString, QString> labels;
    nlohmann::json raw;
};

struct VolumeInfo
{
    QString name;
    QString driver;
    QString mountpoint;
    QString scope;
    QMap<QString, QString> labels;
    QMap<QString, QString> options;
};

struct SwarmNode
{
    QString id;
    QString hostname;
    QString role;
    QString availability;
    QString state;
    QString managerReachability;
    bool leader = false;
};

struct SwarmService
{
    QString id;
    QString name;
    QString image;
    QStringList secrets;
    QStringList configs;
    QList<PortBinding> publishedPorts;
    nlohmann::json raw;
};

// GET /swarm (only on managers)
struct SwarmSpec
{
    QString id;
    bool autolockManagers = false;
    qint64 certExpiryNs = 0;
    QString caExternalUrl;
    int taskHistoryRetention = 0;
    QDateTime rootRotationInProgressSince;
    bool dataPathPortDefault = true;
    nlohmann::json raw;
};

// One line of GET /events
struct EngineEvent
{
    QString type;   // container, image, network, volume, daemon...
    QString action; // start, die, create, destroy, pull, tag...
    QString actorId;
    QMap<QString, QString> attributes;
    qint64 timeNano = 0;
};

// One line of POST /images/create (a pull)
struct PullProgress
{
    QString id;     // layer id, or the tag
    QString status; // "Pulling fs layer", "Downloading", "Pull complete"...
    qint64 current = 0;
    qint64 total = 0;
    QString error; // set when the stream reports a failure
};

// The parsers. Each refuses a document of the wrong shape with a
// Protocol error naming what was wrong; unknown fields are ignored.
Result<VersionInfo> parseVersion(const nlohmann::json &doc);
Result<EngineInfo> parseInfo(const nlohmann::json &doc);
Result<ContainerInspect> parseContainerInspect(const nlohmann::json &doc);
Result<QList<ContainerSummary>> parseContainerList(const nlohmann::json &doc);
Result<ProcessTable> parseTop(const nlohmann::json &doc);
Result<QList<ImageSummary>> parseImageList(const nlohmann::json &doc);
Result<ImageInspect> parseImageInspect(const nlohmann::json &doc);
Result<QList<HistoryEntry>> parseHistory(const nlohmann::json &doc);
Result<QList<NetworkInfo>> parseNetworks(const nlohmann::json &doc);
Result<QList<VolumeInfo>> parseVolumes(const nlohmann::json &doc);
Result<QList<SwarmNode>> parseNodes(const nlohmann::json &doc);
Result<QList<SwarmService>> parseServices(const nlohmann::json &doc);
Result<SwarmSpec> parseSwarmSpec(const nlohmann::json &doc);
Result<EngineEvent> parseEvent(const nlohmann::json &doc);
Result<PullProgress> parsePullProgress(const nlohmann::json &doc);

} // namespace drydock::docker
