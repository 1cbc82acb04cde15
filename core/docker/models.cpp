// SPDX-License-Identifier: GPL-3.0-or-later
#include "models.h"

#include "jsonread.h"

namespace drydock::docker {

using nlohmann::json;

bool EngineInfo::hasSecurityOption(const QString &option) const
{
    const QString prefix = QStringLiteral("name=") + option;
    for (const QString &entry : securityOptions) {
        if (entry == prefix || entry.startsWith(prefix + QLatin1Char(','))) {
            return true;
        }
    }
    return false;
}

namespace {

Error shapeError(const char *what, const char *expected)
{
    return makeError(ErrorKind::Protocol, QStringLiteral("The engine's %1 document is not %2.")
                                              .arg(QLatin1String(what), QLatin1String(expected)));
}

ContainerConfig readConfig(const json &c)
{
    ContainerConfig config;
    config.hostname = str(c, "Hostname");
    config.user = str(c, "User");
    config.image = str(c, "Image");
    config.env = strList(c, "Env");
    config.cmd = strList(c, "Cmd");
    config.entrypoint = strList(c, "Entrypoint");
    config.labels = strMap(c, "Labels");
    const json &hc = member(c, "Healthcheck");
    config.healthcheck.test = strList(hc, "Test");
    config.healthcheck.intervalNs = integer(hc, "Interval");
    config.healthcheck.timeoutNs = integer(hc, "Timeout");
    config.healthcheck.retries = int(integer(hc, "Retries"));
    config.exposedPorts = keys(c, "ExposedPorts");
    return config;
}

QList<PortBinding> readPortMap(const json &ports)
{
    QList<PortBinding> bindings;
    if (!ports.is_object()) {
        return bindings;
    }
    for (auto it = ports.begin(); it != ports.end(); ++it) {
        const QString containerPort = QString::fromStdString(it.key());
        if (!it.value().is_array()) {
            continue; // exposed but not published: null
        }
        for (const json &binding : it.value()) {
            bindings.append({containerPort, str(binding, "HostIp"), str(binding, "HostPort")});
        }
    }
    return bindings;
}

HostConfig readHostConfig(const json &h)
{
    HostConfig host;
    host.privileged = boolean(h, "Privileged");
    host.capAdd = strList(h, "CapAdd");
    host.capDrop = strList(h, "CapDrop");
    host.securityOpt = strList(h, "SecurityOpt");
    host.readonlyRootfs = boolean(h, "ReadonlyRootfs");
    host.memory = integer(h, "Memory");
    host.memorySwap = integer(h, "MemorySwap");
    host.cpuShares = integer(h, "CpuShares");
    host.nanoCpus = integer(h, "NanoCpus");
    host.cpuQuota = integer(h, "CpuQuota");
    host.cpuPeriod = integer(h, "CpuPeriod");
    host.cpusetCpus = str(h, "CpusetCpus");
    if (has(h, "PidsLimit")) {
        host.pidsLimit = integer(h, "PidsLimit");
    }
    host.networkMode = str(h, "NetworkMode");
    host.pidMode = str(h, "PidMode");
    host.ipcMode = str(h, "IpcMode");
    host.utsMode = str(h, "UTSMode");
    host.usernsMode = str(h, "UsernsMode");
    host.cgroupnsMode = str(h, "CgroupnsMode");
    host.cgroupParent = str(h, "CgroupParent");
    for (const json &d : array(h, "Devices")) {
        host.devices.append(
            {str(d, "PathOnHost"), str(d, "PathInContainer"), str(d, "CgroupPermissions")});
    }
    host.portBindings = readPortMap(member(h, "PortBindings"));
    host.publishAllPorts = boolean(h, "PublishAllPorts");
    const json &restart = member(h, "RestartPolicy");
    host.restartPolicy = str(restart, "Name");
    host.restartMaxRetries = int(integer(restart, "MaximumRetryCount"));
    for (const json &u : array(h, "Ulimits")) {
        host.ulimits.append({str(u, "Name"), integer(u, "Soft"), integer(u, "Hard")});
    }
    host.binds = strList(h, "Binds");
    host.logDriver = str(member(h, "LogConfig"), "Type");
    host.runtime = str(h, "Runtime");
    host.init = boolean(h, "Init");
    if (has(h, "OomKillDisable")) {
        host.oomKillDisable = boolean(h, "OomKillDisable");
    }
    return host;
}

template<class T, class F>
Result<QList<T>> parseArray(const json &doc, const char *what, F parseOne)
{
    if (!doc.is_array()) {
        return shapeError(what, "a list");
    }
    QList<T> items;
    items.reserve(qsizetype(doc.size()));
    for (const json &entry : doc) {
        if (!entry.is_object()) {
            return shapeError(what, "a list of objects");
        }
        items.append(parseOne(entry));
    }
    return items;
}

} // namespace

Result<VersionInfo> parseVersion(const json &doc)
{
    if (!doc.is_object()) {
        return shapeError("version", "an object");
    }
    VersionInfo v;
    v.version = str(doc, "Version");
    v.apiVersion = str(doc, "ApiVersion");
    v.minApiVersion = str(doc, "MinAPIVersion");
    v.os = str(doc, "Os");
    v.arch = str(doc, "Arch");
    v.kernelVersion = str(doc, "KernelVersion");
    v.goVersion = str(doc, "GoVersion");
    v.gitCommit = str(doc, "GitCommit");
    for (const json &component : array(doc, "Components")) {
        const QString name = str(component, "Name");
        v.componentNames.append(name);
        v.componentVersions.insert(name, str(component, "Version"));
        if (name.contains(QLatin1String("Podman"), Qt::CaseInsensitive)) {
            v.podman = true;
        }
    }
    return v;
}

Result<EngineInfo> parseInfo(const json &doc)
{
    if (!doc.is_object()) {
        return shapeError("info", "an object");
    }
    EngineInfo info;
    info.id = str(doc, "ID");
    info.name = str(doc, "Name");
    info.serverVersion = str(doc, "ServerVersion");
    info.operatingSystem = str(doc, "OperatingSystem");
    info.osType = str(doc, "OSType");
    info.kernelVersion = str(doc, "KernelVersion");
    info.architecture = str(doc, "Architecture");
    info.driver = str(doc, "Driver");
    info.dockerRootDir = str(doc, "DockerRootDir");
    info.loggingDriver = str(doc, "LoggingDriver");
    info.cgroupDriver = str(doc, "CgroupDriver");
    info.cgroupVersion = str(doc, "CgroupVersion");
    info.liveRestoreEnabled = boolean(doc, "LiveRestoreEnabled");
    info.experimentalBuild = boolean(doc, "ExperimentalBuild");
    info.debug = boolean(doc, "Debug");
    info.containers = int(integer(doc, "Containers"));
    info.containersRunning = int(integer(doc, "ContainersRunning"));
    info.images = int(integer(doc, "Images"));
    info.securityOptions = strList(doc, "SecurityOptions");
    info.authorizationPlugins = strList(member(doc, "Plugins"), "Authorization");
    const json &registry = member(doc, "RegistryConfig");
    info.insecureRegistryCidrs = strList(registry, "InsecureRegistryCIDRs");
    info.registryMirrors = strList(registry, "Mirrors");
    const json &indexes = member(registry, "IndexConfigs");
    if (indexes.is_object()) {
        for (auto it = indexes.begin(); it != indexes.end(); ++it) {
            if (it.value().is_object() && !boolean(it.value(), "Secure", true)) {
                info.insecureRegistryNames.append(QString::fromStdString(it.key()));
            }
        }
    }
    info.defaultRuntime = str(doc, "DefaultRuntime");
    info.initBinary = str(doc, "InitBinary");
    const json &swarm = member(doc, "Swarm");
    info.swarm.localNodeState = str(swarm, "LocalNodeState");
    info.swarm.nodeId = str(swarm, "NodeID");
    info.swarm.controlAvailable = boolean(swarm, "ControlAvailable");
    info.swarm.managers = int(integer(swarm, "Managers"));
    info.swarm.nodes = int(integer(swarm, "Nodes"));
    info.raw = doc;
    return info;
}

Result<ContainerInspect> parseContainerInspect(const json &doc)
{
    if (!doc.is_object() || !has(doc, "Id")) {
        return shapeError("container inspect", "an object with an Id");
    }
    ContainerInspect c;
    c.id = str(doc, "Id");
    c.name = str(doc, "Name");
    if (c.name.startsWith(QLatin1Char('/'))) {
        c.name.remove(0, 1);
    }
    c.imageId = str(doc, "Image");
    c.created = timestamp(doc, "Created");
    c.driver = str(doc, "Driver");
    c.appArmorProfile = str(doc, "AppArmorProfile");
    c.mountLabel = str(doc, "MountLabel");
    c.processLabel = str(doc, "ProcessLabel");
    c.restartCount = int(integer(doc, "RestartCount"));
    const json &state = member(doc, "State");
    c.state.status = str(state, "Status");
    c.state.running = boolean(state, "Running");
    c.state.pid = int(integer(state, "Pid"));
    c.state.exitCode = int(integer(state, "ExitCode"));
    c.state.healthStatus = str(member(state, "Health"), "Status");
    c.state.startedAt = timestamp(state, "StartedAt");
    c.config = readConfig(member(doc, "Config"));
    c.hostConfig = readHostConfig(member(doc, "HostConfig"));
    for (const json &m : array(doc, "Mounts")) {
        c.mounts.append({str(m, "Type"), str(m, "Name"), str(m, "Source"), str(m, "Destination"),
                         str(m, "Mode"), boolean(m, "RW", true), str(m, "Propagation")});
    }
    const json &settings = member(doc, "NetworkSettings");
    const json &networks = member(settings, "Networks");
    if (networks.is_object()) {
        for (auto it = networks.begin(); it != networks.end(); ++it) {
            c.networks.append({QString::fromStdString(it.key()), str(it.value(), "IPAddress"),
                               str(it.value(), "GlobalIPv6Address")});
        }
    }
    c.ports = readPortMap(member(settings, "Ports"));
    c.raw = doc;
    return c;
}

Result<QList<ContainerSummary>> parseContainerList(const json &doc)
{
    return parseArray<ContainerSummary>(doc, "container list", [](const json &e) {
        ContainerSummary s;
        s.id = str(e, "Id");
        for (QString name : strList(e, "Names")) {
            if (name.startsWith(QLatin1Char('/'))) {
                name.remove(0, 1);
            }
            s.names.append(name);
        }
        s.image = str(e, "Image");
        s.imageId = str(e, "ImageID");
        s.command = str(e, "Command");
        s.created = epoch(e, "Created");
        s.state = str(e, "State");
        s.status = str(e, "Status");
        s.labels = strMap(e, "Labels");
        return s;
    });
}

Result<ProcessTable> parseTop(const json &doc)
{
    if (!doc.is_object()) {
        return shapeError("top", "an object");
    }
    ProcessTable table;
    table.titles = strList(doc, "Titles");
    for (const json &row : array(doc, "Processes")) {
        QStringList cells;
        if (row.is_array()) {
            for (const json &cell : row) {
                cells.append(cell.is_string() ? QString::fromStdString(cell.get<std::string>())
                                              : QString());
            }
        }
        table.processes.append(cells);
    }
    return table;
}

Result<QList<ImageSummary>> parseImageList(const json &doc)
{
    return parseArray<ImageSummary>(doc, "image list", [](const json &e) {
        ImageSummary s;
        s.id = str(e, "Id");
        s.repoTags = strList(e, "RepoTags");
        // Untagged images report "<none>:<none>"; that is not a tag.
        s.repoTags.removeAll(QStringLiteral("<none>:<none>"));
        s.repoDigests = strList(e, "RepoDigests");
        s.repoDigests.removeAll(QStringLiteral("<none>@<none>"));
        s.created = epoch(e, "Created");
        s.size = integer(e, "Size");
        s.containers = int(integer(e, "Containers", -1));
        s.labels = strMap(e, "Labels");
        return s;
    });
}

Result<ImageInspect> parseImageInspect(const json &doc)
{
    if (!doc.is_object() || !has(doc, "Id")) {
        return shapeError("image inspect", "an object with an Id");
    }
    ImageInspect image;
    image.id = str(doc, "Id");
    image.repoTags = strList(doc, "RepoTags");
    image.repoDigests = strList(doc, "RepoDigests");
    image.created = timestamp(doc, "Created");
    image.architecture = str(doc, "Architecture");
    image.os = str(doc, "Os");
    image.size = integer(doc, "Size");
    image.config = readConfig(member(doc, "Config"));
    image.layers = strList(member(doc, "RootFS"), "Layers");
    image.raw = doc;
    return image;
}

Result<QList<HistoryEntry>> parseHistory(const json &doc)
{
    return parseArray<HistoryEntry>(doc, "image history", [](const json &e) {
        return HistoryEntry{str(e, "Id"),       epoch(e, "Created"), str(e, "CreatedBy"),
                            strList(e, "Tags"), integer(e, "Size"),  str(e, "Comment")};
    });
}

Result<QList<NetworkInfo>> parseNetworks(const json &doc)
{
    return parseArray<NetworkInfo>(doc, "network list", [](const json &e) {
        NetworkInfo n;
        n.id = str(e, "Id");
        n.name = str(e, "Name");
        n.driver = str(e, "Driver");
        n.scope = str(e, "Scope");
        n.internal = boolean(e, "Internal");
        n.enableIPv6 = boolean(e, "EnableIPv6");
        n.options = strMap(e, "Options");
        n.labels = strMap(e, "Labels");
        n.raw = e;
        return n;
    });
}

Result<QList<VolumeInfo>> parseVolumes(const json &doc)
{
    if (!doc.is_object()) {
        return shapeError("volume list", "an object");
    }
    return parseArray<VolumeInfo>(
        doc.contains("Volumes") && doc["Volumes"].is_array() ? doc["Volumes"] : json::array(),
        "volume list", [](const json &e) {
            return VolumeInfo{str(e, "Name"),  str(e, "Driver"),    str(e, "Mountpoint"),
                              str(e, "Scope"), strMap(e, "Labels"), strMap(e, "Options")};
        });
}

Result<QList<SwarmNode>> parseNodes(const json &doc)
{
    return parseArray<SwarmNode>(doc, "node list", [](const json &e) {
        SwarmNode n;
        n.id = str(e, "ID");
        n.hostname = str(member(e, "Description"), "Hostname");
        n.role = str(member(e, "Spec"), "Role");
        n.availability = str(member(e, "Spec"), "Availability");
        n.state = str(member(e, "Status"), "State");
        n.managerReachability = str(member(e, "ManagerStatus"), "Reachability");
        n.leader = boolean(member(e, "ManagerStatus"), "Leader");
        return n;
    });
}

Result<QList<SwarmService>> parseServices(const json &doc)
{
    return parseArray<SwarmService>(doc, "service list", [](const json &e) {
        SwarmService s;
        s.id = str(e, "ID");
        const json &spec = member(e, "Spec");
        s.name = str(spec, "Name");
        const json &container = member(member(spec, "TaskTemplate"), "ContainerSpec");
        s.image = str(container, "Image");
        for (const json &secret : array(container, "Secrets")) {
            s.secrets.append(str(secret, "SecretName"));
        }
        for (const json &config : array(container, "Configs")) {
            s.configs.append(str(config, "ConfigName"));
        }
        for (const json &port : array(member(e, "Endpoint"), "Ports")) {
            s.publishedPorts.append({QString::number(integer(port, "TargetPort")) +
                                         QLatin1Char('/') + str(port, "Protocol"),
                                     QString(), QString::number(integer(port, "PublishedPort"))});
        }
        s.raw = e;
        return s;
    });
}

Result<SwarmSpec> parseSwarmSpec(const json &doc)
{
    if (!doc.is_object()) {
        return shapeError("swarm", "an object");
    }
    SwarmSpec s;
    s.id = str(doc, "ID");
    const json &spec = member(doc, "Spec");
    s.autolockManagers = boolean(member(spec, "EncryptionConfig"), "AutoLockManagers");
    s.certExpiryNs = integer(member(spec, "CAConfig"), "NodeCertExpiry");
    const json &external = array(member(spec, "CAConfig"), "ExternalCAs");
    if (!external.empty()) {
        s.caExternalUrl = str(external.front(), "URL");
    }
    s.taskHistoryRetention =
        int(integer(member(spec, "Orchestration"), "TaskHistoryRetentionLimit"));
    s.rootRotationInProgressSince = QDateTime();
    s.dataPathPortDefault = integer(doc, "DataPathPort", 4789) == 4789;
    s.raw = doc;
    return s;
}

Result<EngineEvent> parseEvent(const json &doc)
{
    if (!doc.is_object()) {
        return shapeError("event", "an object");
    }
    EngineEvent event;
    event.type = str(doc, "Type");
    event.action = str(doc, "Action");
    const json &actor = member(doc, "Actor");
    event.actorId = str(actor, "ID");
    event.attributes = strMap(actor, "Attributes");
    event.timeNano = integer(doc, "timeNano");
    return event;
}

Result<PullProgress> parsePullProgress(const json &doc)
{
    if (!doc.is_object()) {
        return shapeError("pull progress", "an object");
    }
    PullProgress p;
    p.id = str(doc, "id");
    p.status = str(doc, "status");
    const json &detail = member(doc, "progressDetail");
    p.current = integer(detail, "current");
    p.total = integer(detail, "total");
    p.error = str(doc, "error");
    if (p.error.isEmpty()) {
        p.error = str(member(doc, "errorDetail"), "message");
    }
    return p;
}

} // namespace drydock::docker
