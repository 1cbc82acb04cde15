// SPDX-License-Identifier: GPL-3.0-or-later
// The collector: one pass over the engine (and the host, when local), with
// a bounded pool of worker threads for the per-container and per-image calls.
#include "collector.h"

#include "checkhelpers.h"
#include "hostprobe.h"

#include "docker/endpoint.h"
#include "util/logging.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include <unistd.h>

namespace drydock::bench {

using docker::ContainerInspect;
using docker::ContainerSummary;
using docker::EngineClient;
using nlohmann::json;

namespace {

// ---- document shape checks ----------------------------------------------

enum class Shape {
    String,
    Bool,
    Number,
    Object,
    Array,
    StringArray,
    ObjectArray,
};

const char *shapeName(Shape shape)
{
    switch (shape) {
    case Shape::String:
        return "a string";
    case Shape::Bool:
        return "a boolean";
    case Shape::Number:
        return "a number";
    case Shape::Object:
        return "an object";
    case Shape::Array:
        return "a list";
    case Shape::StringArray:
        return "a list of strings";
    case Shape::ObjectArray:
        return "a list of objects";
    }
    return "valid";
}

bool hasShape(const json &value, Shape shape)
{
    switch (shape) {
    case Shape::String:
        return value.is_string();
    case Shape::Bool:
        return value.is_boolean();
    case Shape::Number:
        return value.is_number();
    case Shape::Object:
        return value.is_object();
    case Shape::Array:
        return value.is_array();
    case Shape::StringArray:
        return value.is_array() &&
               std::all_of(value.begin(), value.end(), [](const json &v) { return v.is_string(); });
    case Shape::ObjectArray:
        return value.is_array() &&
               std::all_of(value.begin(), value.end(), [](const json &v) { return v.is_object(); });
    }
    return false;
}

class ShapeChecker
{
public:
    // A field that may be absent or null, but when present has `shape`.
    void optional(const json &object, const char *path, const char *key, Shape shape)
    {
        if (!object.is_object() || !object.contains(key) || object[key].is_null()) {
            return;
        }
        if (!hasShape(object[key], shape)) {
            problem(path, key, shape);
        }
    }
    void required(const json &object, const char *path, const char *key, Shape shape)
    {
        if (!object.is_object() || !object.contains(key) || object[key].is_null()) {
            m_problems.append(QLatin1String(path) + QLatin1String(key) +
                              QStringLiteral(" is missing"));
            return;
        }
        if (!hasShape(object[key], shape)) {
            problem(path, key, shape);
        }
    }
    void note(const QString &text) { m_problems.append(text); }
    const QStringList &problems() const { return m_problems; }

private:
    void problem(const char *path, const char *key, Shape shape)
    {
        m_problems.append(QLatin1String(path) + QLatin1String(key) + QStringLiteral(" is not ") +
                          QLatin1String(shapeName(shape)));
    }
    QStringList m_problems;
};

void checkPortMap(ShapeChecker &checker, const json &ports, const char *path)
{
    if (!ports.is_object()) {
        return;
    }
    for (auto it = ports.begin(); it != ports.end(); ++it) {
        const json &list = it.value();
        if (list.is_null()) {
            continue;
        }
        if (!list.is_array()) {
            checker.note(QLatin1String(path) + QString::fromStdString(it.key()) +
                         QStringLiteral(" is not a list"));
            continue;
        }
        for (const json &binding : list) {
            if (!binding.is_object()) {
                checker.note(QLatin1String(path) + QString::fromStdString(it.key()) +
                             QStringLiteral(" holds a binding that is not an object"));
                continue;
            }
            checker.optional(binding, path, "HostIp", Shape::String);
            checker.optional(binding, path, "HostPort", Shape::String);
        }
    }
}

void checkConfig(ShapeChecker &checker, const json &config, const char *path)
{
    checker.optional(config, path, "User", Shape::String);
    checker.optional(config, path, "Image", Shape::String);
    checker.optional(config, path, "Healthcheck", Shape::Object);
    checker.optional(config, path, "ExposedPorts", Shape::Object);
    checker.optional(config, path, "Labels", Shape::Object);
    if (config.is_object() && config.contains("Healthcheck") && config["Healthcheck"].is_object()) {
        checker.optional(config["Healthcheck"], "Config.Healthcheck.", "Test", Shape::StringArray);
    }
}

QStringList containerProblems(const json &doc)
{
    ShapeChecker c;
    if (!doc.is_object()) {
        c.note(QStringLiteral("the document is not an object"));
        return c.problems();
    }
    c.required(doc, "", "Id", Shape::String);
    c.optional(doc, "", "Name", Shape::String);
    c.optional(doc, "", "Image", Shape::String);
    c.optional(doc, "", "AppArmorProfile", Shape::String);
    c.optional(doc, "", "ProcessLabel", Shape::String);
    c.required(doc, "", "State", Shape::Object);
    c.required(doc, "", "Config", Shape::Object);
    c.required(doc, "", "HostConfig", Shape::Object);
    c.optional(doc, "", "Mounts", Shape::ObjectArray);
    c.optional(doc, "", "NetworkSettings", Shape::Object);

    const json &state = doc.value("State", json());
    c.optional(state, "State.", "Running", Shape::Bool);
    c.optional(state, "State.", "Status", Shape::String);
    c.optional(state, "State.", "Health", Shape::Object);
    if (state.is_object() && state.contains("Health") && state["Health"].is_object()) {
        c.optional(state["Health"], "State.Health.", "Status", Shape::String);
    }
    checkConfig(c, doc.value("Config", json()), "Config.");

    const json &host = doc.value("HostConfig", json());
    for (const char *key : {"Privileged", "ReadonlyRootfs", "PublishAllPorts"}) {
        c.optional(host, "HostConfig.", key, Shape::Bool);
    }
    for (const char *key : {"CapAdd", "CapDrop", "SecurityOpt", "Binds"}) {
        c.optional(host, "HostConfig.", key, Shape::StringArray);
    }
    for (const char *key : {"Devices", "Ulimits"}) {
        c.optional(host, "HostConfig.", key, Shape::ObjectArray);
    }
    for (const char *key : {"Memory", "CpuShares", "NanoCpus", "CpuQuota", "PidsLimit"}) {
        c.optional(host, "HostConfig.", key, Shape::Number);
    }
    for (const char *key :
         {"NetworkMode", "PidMode", "IpcMode", "UTSMode", "UsernsMode", "CgroupParent"}) {
        c.optional(host, "HostConfig.", key, Shape::String);
    }
    c.optional(host, "HostConfig.", "PortBindings", Shape::Object);
    c.optional(host, "HostConfig.", "RestartPolicy", Shape::Object);
    if (host.is_object()) {
        checkPortMap(c, host.value("PortBindings", json()), "HostConfig.PortBindings.");
        const json &restart = host.value("RestartPolicy", json());
        c.optional(restart, "HostConfig.RestartPolicy.", "Name", Shape::String);
        c.optional(restart, "HostConfig.RestartPolicy.", "MaximumRetryCount", Shape::Number);
    }

    for (const json &mount : doc.value("Mounts", json::array())) {
        if (!mount.is_object()) {
            continue;
        }
        for (const char *key : {"Type", "Source", "Destination", "Propagation"}) {
            c.optional(mount, "Mounts[].", key, Shape::String);
        }
        c.optional(mount, "Mounts[].", "RW", Shape::Bool);
    }
    const json &settings = doc.value("NetworkSettings", json());
    c.optional(settings, "NetworkSettings.", "Ports", Shape::Object);
    c.optional(settings, "NetworkSettings.", "Networks", Shape::Object);
    if (settings.is_object()) {
        checkPortMap(c, settings.value("Ports", json()), "NetworkSettings.Ports.");
    }
    return c.problems();
}

QStringList imageProblems(const json &doc)
{
    ShapeChecker c;
    if (!doc.is_object()) {
        c.note(QStringLiteral("the document is not an object"));
        return c.problems();
    }
    c.required(doc, "", "Id", Shape::String);
    c.optional(doc, "", "RepoTags", Shape::StringArray);
    c.optional(doc, "", "Config", Shape::Object);
    checkConfig(c, doc.value("Config", json()), "Config.");
    return c.problems();
}

// ---- the pool ------------------------------------------------------------

// Runs task(0) .. task(count - 1) on at most `width` threads; returns when
// all are done.
template<class Task>
void runPool(size_t count, int width, const Task &task)
{
    if (count == 0) {
        return;
    }
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t i = next++; i < count; i = next++) {
            task(i);
        }
    };
    const size_t threads = std::min(count, size_t(std::max(1, width)));
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (size_t i = 1; i < threads; ++i) {
        pool.emplace_back(worker);
    }
    worker();
    for (std::thread &thread : pool) {
        thread.join();
    }
}

bool engineWentAway(const Error &error)
{
    return error.kind == ErrorKind::Unreachable || error.kind == ErrorKind::Timeout;
}

// Shared state of one collection run.
class Collecting
{
public:
    Collecting(EngineClient &client, const CollectorOptions &options, const CancelToken &cancel,
               const CollectProgressHandler &onProgress)
        : m_client(client), m_options(options), m_cancel(cancel), m_onProgress(onProgress)
    {}

    Collection collect(const docker::PingInfo &ping);

private:
    // Records a failure of `source`; notes the engine going away.
    void fail(const QString &source, const Error &error)
    {
        std::lock_guard lock(m_mutex);
        m_collection.snapshot.collectionErrors.insert(source, error.text());
        if (engineWentAway(error) && !m_engineGone) {
            m_engineGone = true;
            m_goneReason = error.text();
        }
    }
    void note(const QString &text)
    {
        std::lock_guard lock(m_mutex);
        m_collection.snapshot.collectionNotes.append(text);
    }
    // False once cancelled or the engine is gone: the remaining calls are
    // skipped (and recorded) rather than each waiting for its deadline.
    bool shouldCall(const QString &source)
    {
        std::lock_guard lock(m_mutex);
        if (m_cancel.isCancelled()) {
            m_collection.snapshot.collectionErrors.insert(source, QStringLiteral("cancelled"));
            return false;
        }
        if (m_engineGone) {
            m_collection.snapshot.collectionErrors.insert(
                source, QStringLiteral("not read: the engine stopped answering"));
            return false;
        }
        return true;
    }
    void progress(const QString &phase, int done, int total)
    {
        if (!m_onProgress) {
            return;
        }
        std::lock_guard lock(m_progressMutex);
        m_onProgress({phase, done, total});
    }

    void fetchVersion();
    void fetchInfo();
    void fetchContainerList();
    void fetchImageList();
    void fetchNetworks();
    void collectEngine();
    void collectContainer(const ContainerSummary &summary, int index);
    void collectJoinedContainers();
    void collectImage(const QString &id, int index);
    void collectTop(docker::ContainerInspect &container);
    void scanHostProcesses();
    void collectProcesses();
    void collectSwarm();
    void collectHost();
    void collectSwarmListeners();

    EngineClient &m_client;
    const CollectorOptions &m_options;
    CancelToken m_cancel;
    const CollectProgressHandler &m_onProgress;

    std::mutex m_mutex;
    std::mutex m_progressMutex;
    Collection m_collection;
    bool m_engineGone = false;
    QString m_goneReason;

    // Filled by the parallel phase, in list order, then compacted.
    std::vector<std::optional<ContainerInspect>> m_inspected;
    std::vector<std::optional<ImageFacts>> m_images;
    QList<ContainerSummary> m_selected;
    QStringList m_imageIds;
    QHash<QString, ContainerProcesses> m_hostProcesses;
    std::atomic<int> m_containersDone{0};
    std::atomic<int> m_imagesDone{0};
};

void Collecting::fetchVersion()
{
    if (!shouldCall(QLatin1String(kSourceVersion))) {
        return;
    }
    auto version = m_client.version(m_cancel);
    if (version) {
        m_collection.snapshot.version = *version;
    } else {
        fail(QLatin1String(kSourceVersion), version.error());
    }
}

void Collecting::fetchInfo()
{
    if (!shouldCall(QLatin1String(kSourceInfo))) {
        return;
    }
    auto info = m_client.info(m_cancel);
    if (info) {
        m_collection.snapshot.info = *info;
    } else {
        fail(QLatin1String(kSourceInfo), info.error());
    }
}

void Collecting::fetchContainerList()
{
    if (!shouldCall(QLatin1String(kSourceContainers))) {
        return;
    }
    auto list = m_client.containers({}, m_cancel);
    if (list) {
        m_collection.snapshot.allContainers = *list;
    } else {
        fail(QLatin1String(kSourceContainers), list.error());
    }
}

void Collecting::fetchImageList()
{
    if (!shouldCall(QLatin1String(kSourceImages))) {
        return;
    }
    auto list = m_client.images(m_cancel);
    if (!list) {
        fail(QLatin1String(kSourceImages), list.error());
        return;
    }
    // One entry per image id: several tags are one image.
    QSet<QString> seen;
    for (const docker::ImageSummary &image : *list) {
        if (!seen.contains(image.id)) {
            seen.insert(image.id);
            m_imageIds.append(image.id);
        }
    }
}

void Collecting::fetchNetworks()
{
    if (!shouldCall(QLatin1String(kSourceNetworks))) {
        return;
    }
    auto list = m_client.networks(m_cancel);
    if (list) {
        m_collection.snapshot.networks = *list;
    } else {
        fail(QLatin1String(kSourceNetworks), list.error());
    }
}

void Collecting::collectEngine()
{
    // The container list always: 6.1 and 6.2 count every container, even
    // when no container is inspected.
    std::vector<void (Collecting::*)()> tasks = {&Collecting::fetchVersion, &Collecting::fetchInfo,
                                                 &Collecting::fetchContainerList};
    if (m_options.wantImages) {
        tasks.push_back(&Collecting::fetchImageList);
    }
    if (m_options.wantNetworks) {
        tasks.push_back(&Collecting::fetchNetworks);
    }
    const int total = int(tasks.size());
    progress(QStringLiteral("engine"), 0, total);
    runPool(tasks.size(), m_options.concurrency, [&](size_t i) { (this->*tasks[i])(); });
    progress(QStringLiteral("engine"), total, total);
}

void Collecting::collectContainer(const ContainerSummary &summary, int index)
{
    const QString source = QLatin1String(kContainerPrefix) + summary.name();
    const auto done = [&] {
        progress(QStringLiteral("containers"), ++m_containersDone, int(m_selected.size()));
    };
    if (!shouldCall(source)) {
        done();
        return;
    }
    const auto doc = m_client.getJson(
        QStringLiteral("/containers/%1/json").arg(urlEncode(summary.id)), m_cancel);
    if (!doc) {
        if (doc.error().httpStatus == 404) {
            note(QStringLiteral("container %1 (%2) was removed while the scan ran; it is left out")
                     .arg(summary.name(), summary.id.left(12)));
        } else {
            fail(source, doc.error());
        }
        done();
        return;
    }
    auto inspect = readContainerDocument(*doc);
    if (!inspect) {
        fail(source, inspect.error());
        done();
        return;
    }
    // No check quotes the raw document; at hundreds of containers it would
    // be most of the run's memory.
    inspect->raw = nullptr;
    m_inspected[size_t(index)] = std::move(inspect).value();
    done();
}

void Collecting::collectJoinedContainers()
{
    // A selected container sharing the namespace of one left out by the
    // selection (--containers, --label) shares the host's when that one
    // does: the target is read too, so 5.10/5.16/5.17/5.21 can follow the
    // join. Chains are followed a few hops; each target is read once.
    Snapshot &s = m_collection.snapshot;
    const auto known = [&](const QString &target) {
        const auto matches = [&](const docker::ContainerInspect &c) {
            return c.name == target || c.id == target ||
                   (target.size() >= 12 && c.id.startsWith(target));
        };
        return std::any_of(m_inspected.cbegin(), m_inspected.cend(),
                           [&](const auto &c) { return c && matches(*c); }) ||
               std::any_of(s.joinedContainers.cbegin(), s.joinedContainers.cend(), matches);
    };
    QList<const docker::ContainerInspect *> pending;
    for (const auto &container : m_inspected) {
        if (container) {
            pending.append(&*container);
        }
    }
    QSet<QString> tried;
    for (int hop = 0; hop < 4 && !pending.isEmpty() && !m_cancel.isCancelled(); ++hop) {
        QStringList targets;
        for (const docker::ContainerInspect *c : std::as_const(pending)) {
            for (const QString &mode : {c->hostConfig.networkMode, c->hostConfig.pidMode,
                                        c->hostConfig.ipcMode, c->hostConfig.utsMode}) {
                if (mode.startsWith(QLatin1String("container:"))) {
                    const QString target = mode.mid(10);
                    if (!known(target) && !tried.contains(target)) {
                        tried.insert(target);
                        targets.append(target);
                    }
                }
            }
        }
        pending.clear();
        const qsizetype before = s.joinedContainers.size();
        for (const QString &target : std::as_const(targets)) {
            const QString source = QLatin1String(kContainerPrefix) + target;
            if (!shouldCall(source)) {
                continue;
            }
            const auto doc = m_client.getJson(
                QStringLiteral("/containers/%1/json").arg(urlEncode(target)), m_cancel);
            if (!doc) {
                if (doc.error().httpStatus != 404) { // gone: nothing left to join
                    fail(source, doc.error());
                }
                continue;
            }
            auto inspect = readContainerDocument(*doc);
            if (!inspect) {
                fail(source, inspect.error());
                continue;
            }
            inspect->raw = nullptr;
            s.joinedContainers.append(std::move(inspect).value());
        }
        for (qsizetype i = before; i < s.joinedContainers.size(); ++i) {
            pending.append(&s.joinedContainers.at(i));
        }
    }
}

void Collecting::collectTop(docker::ContainerInspect &container)
{
    const QString source = QLatin1String(kContainerPrefix) + container.name;
    if (!shouldCall(source)) {
        return;
    }
    auto table = m_client.top(container.id, m_cancel);
    std::lock_guard lock(m_mutex);
    if (table) {
        m_collection.snapshot.processes.insert(container.id, *table);
    } else if (table.error().httpStatus == 409) {
        // Stopped between inspect and /top: judged as the stopped container
        // it now is.
        container.state.running = false;
        container.state.status = QStringLiteral("exited");
        m_collection.snapshot.collectionNotes.append(
            QStringLiteral("container %1 stopped while the scan ran").arg(container.name));
    } else {
        m_collection.snapshot.processErrors.insert(container.id, table.error().text());
        if (engineWentAway(table.error()) && !m_engineGone) {
            m_engineGone = true;
            m_goneReason = table.error().text();
        }
    }
}

void Collecting::scanHostProcesses()
{
    if (::geteuid() != 0) {
        QFile mountinfo(QStringLiteral("/proc/self/mountinfo"));
        if (!mountinfo.open(QIODevice::ReadOnly) || procHidesProcesses(mountinfo.readAll())) {
            return; // every running container goes through /top instead
        }
    }
    QStringList running;
    for (const ContainerSummary &summary : std::as_const(m_selected)) {
        if (summary.state == QLatin1String("running")) {
            running.append(summary.id);
        }
    }
    m_hostProcesses = readContainerProcesses(QStringLiteral("/proc"), running);
}

void Collecting::collectProcesses()
{
    // The host's /proc answers for every container at once; /top (which
    // makes the engine run ps once per container) covers the containers
    // /proc could not: a remote engine, another PID namespace, hidepid.
    std::vector<docker::ContainerInspect *> viaEngine;
    for (auto &container : m_inspected) {
        if (!container || !container->state.running) {
            continue;
        }
        const auto host = m_hostProcesses.constFind(container->id);
        if (host != m_hostProcesses.cend() && host->pids.contains(container->state.pid)) {
            m_collection.snapshot.processes.insert(container->id, host->table);
        } else {
            viaEngine.push_back(&*container);
        }
    }
    if (viaEngine.empty()) {
        return;
    }
    std::atomic<int> done{0};
    const int total = int(viaEngine.size());
    runPool(viaEngine.size(), m_options.concurrency, [&](size_t i) {
        collectTop(*viaEngine[i]);
        progress(QStringLiteral("processes"), ++done, total);
    });
}

void Collecting::collectImage(const QString &id, int index)
{
    QString shortId = id;
    if (shortId.startsWith(QLatin1String("sha256:"))) {
        shortId.remove(0, 7);
    }
    shortId.truncate(12);
    const QString source = QLatin1String(kImagePrefix) + shortId;
    const auto done = [&] {
        progress(QStringLiteral("images"), ++m_imagesDone, int(m_imageIds.size()));
    };
    if (!shouldCall(source)) {
        done();
        return;
    }
    const auto doc =
        m_client.getJson(QStringLiteral("/images/%1/json").arg(urlEncode(id)), m_cancel);
    if (!doc) {
        if (doc.error().httpStatus == 404) {
            note(QStringLiteral("image %1 was removed while the scan ran; it is left out")
                     .arg(shortId));
        } else {
            fail(source, doc.error());
        }
        done();
        return;
    }
    auto inspect = readImageDocument(*doc);
    if (!inspect) {
        fail(source, inspect.error());
        done();
        return;
    }
    ImageFacts facts;
    facts.inspect = std::move(inspect).value();
    facts.inspect.raw = nullptr;
    auto history = m_client.imageHistory(id, m_cancel);
    if (history) {
        facts.history = *history;
    } else {
        facts.historyError = history.error().text();
        if (engineWentAway(history.error())) {
            fail(source, history.error());
        }
    }
    m_images[size_t(index)] = std::move(facts);
    done();
}

void Collecting::collectSwarm()
{
    Snapshot &s = m_collection.snapshot;
    if (!shouldCall(QLatin1String(kSourceSwarm))) {
        return;
    }
    progress(QStringLiteral("swarm"), 0, 4);
    auto spec = m_client.swarm(m_cancel);
    if (!spec) {
        s.swarmError = spec.error().text();
        fail(QLatin1String(kSourceSwarm), spec.error());
        return;
    }
    s.swarm = *spec;
    auto nodes = m_client.nodes(m_cancel);
    if (nodes) {
        s.swarmNodes = *nodes;
    } else {
        s.swarmError = nodes.error().text();
    }
    auto services = m_client.services(m_cancel);
    if (services) {
        s.swarmServices = *services;
    } else if (s.swarmError.isEmpty()) {
        s.swarmError = services.error().text();
    }
    auto secrets = m_client.getJson(QStringLiteral("/secrets"), m_cancel);
    if (secrets && secrets->is_array()) {
        s.swarmSecretCount = int(secrets->size());
    } else if (s.swarmError.isEmpty()) {
        s.swarmError =
            secrets ? QStringLiteral("GET /secrets did not answer a list") : secrets.error().text();
    }
    progress(QStringLiteral("swarm"), 4, 4);
}

void Collecting::collectHost()
{
    Snapshot &s = m_collection.snapshot;
    progress(QStringLiteral("host"), 0, 1);
    HostProbeOptions probe;
    probe.engineSocket = m_client.endpoint().target.unixSocket;
    probe.dockerRootDir = s.info.dockerRootDir;
    auto facts = probeHost(probe);
    std::lock_guard lock(m_mutex);
    if (facts) {
        s.host = std::move(facts).value();
    } else {
        s.hostUnavailableReason = QStringLiteral("the host probe failed: ") + facts.error().text();
    }
    progress(QStringLiteral("host"), 1, 1);
}

void Collecting::collectSwarmListeners()
{
    Snapshot &s = m_collection.snapshot;
    // dockerd's own network namespace, when the probe found its process.
    QString base = QStringLiteral("/proc/net/");
    if (s.host && s.host->dockerd) {
        base = QStringLiteral("/proc/%1/net/").arg(s.host->dockerd->pid);
    }
    QStringList listeners;
    for (const bool ipv6 : {false, true}) {
        QFile file(base + (ipv6 ? QStringLiteral("tcp6") : QStringLiteral("tcp")));
        if (!file.open(QIODevice::ReadOnly)) {
            if (!ipv6) {
                s.swarmListenersError = QStringLiteral("%1 could not be read: %2")
                                            .arg(file.fileName(), file.errorString());
                return;
            }
            continue; // no IPv6 on this host
        }
        listeners += listeningSockets(file.readAll(), ipv6, {2377, 7946});
    }
    s.swarmListeners = listeners;
}

Collection Collecting::collect(const docker::PingInfo &ping)
{
    Snapshot &s = m_collection.snapshot;
    m_collection.ping = ping;
    s.apiVersion = m_client.apiVersion();
    s.endpoint = m_client.endpoint().host;
    s.engineIsLocal = m_client.endpoint().local;
    if (m_options.environment) {
        s.clientEnvironment = *m_options.environment;
    } else {
        const QString trust = QStringLiteral("DOCKER_CONTENT_TRUST");
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (env.contains(trust)) {
            s.clientEnvironment.insert(trust, env.value(trust));
        }
    }

    collectEngine();

    // Selection on the list's names and labels, before any inspect.
    if (m_options.wantContainers) {
        for (const ContainerSummary &summary : s.allContainers) {
            if (selectionMatches(m_options.containers, summary)) {
                m_selected.append(summary);
            }
        }
    }
    m_inspected.resize(size_t(m_selected.size()));
    m_images.resize(size_t(m_imageIds.size()));

    // The host probe and the swarm documents first: they overlap the
    // per-container and per-image calls.
    const bool probe = m_options.wantHost && s.engineIsLocal;
    if (!s.engineIsLocal) {
        s.hostUnavailableReason = QStringLiteral("the engine at %1 is not on this machine: its "
                                                 "host's files cannot be read")
                                      .arg(s.endpoint);
    } else if (!probe) {
        s.hostUnavailableReason = QStringLiteral("the host checks were not selected");
    }
    const bool swarm =
        m_options.wantSwarm && s.info.swarm.active() && s.info.swarm.controlAvailable;
    // /proc is read only on the engine's own machine.
    const bool scan = m_options.wantProcesses && s.engineIsLocal;
    const size_t first = (probe ? 1 : 0) + (swarm ? 1 : 0) + (scan ? 1 : 0);
    const size_t containers = size_t(m_selected.size());
    const size_t count = first + containers + size_t(m_imageIds.size());
    runPool(count, m_options.concurrency, [&](size_t i) {
        if (i < first) {
            // In that order: probe, swarm, scan; each only when wanted.
            size_t slot = i;
            if (probe && slot-- == 0) {
                collectHost();
            } else if (swarm && slot-- == 0) {
                collectSwarm();
            } else {
                scanHostProcesses();
            }
        } else if (i < first + containers) {
            collectContainer(m_selected.at(qsizetype(i - first)), int(i - first));
        } else {
            const qsizetype image = qsizetype(i - first - containers);
            collectImage(m_imageIds.at(image), int(image));
        }
    });

    if (m_options.wantProcesses) {
        collectProcesses();
    }

    if (m_options.wantSwarm && s.info.swarm.active() && s.engineIsLocal) {
        collectSwarmListeners();
    }

    if (m_options.wantContainers) {
        collectJoinedContainers();
    }
    for (auto &container : m_inspected) {
        if (container) {
            s.containers.append(std::move(*container));
        }
    }
    for (auto &image : m_images) {
        if (image) {
            s.images.append(std::move(*image));
        }
    }
    if (m_cancel.isCancelled()) {
        m_collection.partial = true;
        m_collection.partialReason = QStringLiteral("the scan was cancelled");
    } else if (m_engineGone) {
        m_collection.partial = true;
        m_collection.partialReason =
            QStringLiteral("the engine stopped answering during the scan: ") + m_goneReason;
    }
    qCDebug(lcBench) << "collected" << s.containers.size() << "containers," << s.images.size()
                     << "images," << s.collectionErrors.size() << "errors";
    return std::move(m_collection);
}

} // namespace

Result<void> validateSelection(const ContainerSelection &selection)
{
    if (!selection.namePattern.isEmpty()) {
        const QRegularExpression pattern(selection.namePattern);
        if (!pattern.isValid()) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("The container pattern '%1' is not a valid regular "
                                            "expression: %2.")
                                 .arg(selection.namePattern, pattern.errorString()),
                             QStringLiteral("Give a pattern like '^web-' or 'db|cache'."));
        }
    }
    for (const QString &label : selection.labels) {
        if (label.isEmpty() || label.startsWith(QLatin1Char('='))) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("The label filter '%1' names no key.").arg(label),
                             QStringLiteral("Give --label KEY or --label KEY=VALUE."));
        }
    }
    return {};
}

bool selectionMatches(const ContainerSelection &selection, const ContainerSummary &c)
{
    if (!selection.namePattern.isEmpty()) {
        const QRegularExpression pattern(selection.namePattern);
        const QStringList names = c.names.isEmpty() ? QStringList{c.id} : c.names;
        const bool any = std::any_of(names.cbegin(), names.cend(), [&](const QString &name) {
            return pattern.match(name).hasMatch();
        });
        if (!any) {
            return false;
        }
    }
    for (const QString &label : selection.labels) {
        const qsizetype eq = label.indexOf(QLatin1Char('='));
        if (eq < 0) {
            if (!c.labels.contains(label)) {
                return false;
            }
        } else if (!c.labels.contains(label.left(eq)) ||
                   c.labels.value(label.left(eq)) != label.mid(eq + 1)) {
            return false;
        }
    }
    return true;
}

Result<docker::ContainerInspect> readContainerDocument(const json &doc)
{
    const QStringList problems = containerProblems(doc);
    if (!problems.isEmpty()) {
        return makeError(ErrorKind::Protocol,
                         QStringLiteral("The engine's inspect document is malformed: ") +
                             problems.join(QStringLiteral("; ")) + QLatin1Char('.'));
    }
    return docker::parseContainerInspect(doc);
}

Result<docker::ImageInspect> readImageDocument(const json &doc)
{
    const QStringList problems = imageProblems(doc);
    if (!problems.isEmpty()) {
        return makeError(ErrorKind::Protocol,
                         QStringLiteral("The engine's image document is malformed: ") +
                             problems.join(QStringLiteral("; ")) + QLatin1Char('.'));
    }
    return docker::parseImageInspect(doc);
}

QStringList listeningSockets(const QByteArray &procNetTcp, bool ipv6, const QList<int> &ports)
{
    QStringList sockets;
    const QList<QByteArray> lines = procNetTcp.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines.at(i).simplified().split(' ');
        // "sl local_address rem_address st ...": state 0A is LISTEN.
        if (fields.size() < 4 || fields.at(3) != "0A") {
            continue;
        }
        const QByteArray local = fields.at(1);
        const qsizetype colon = local.indexOf(':');
        if (colon < 0) {
            continue;
        }
        bool ok = false;
        const int port = local.mid(colon + 1).toInt(&ok, 16);
        if (!ok || !ports.contains(port)) {
            continue;
        }
        const QByteArray hex = local.left(colon);
        QString address;
        if (!ipv6 && hex.size() == 8) {
            // Four bytes in host (little-endian) order.
            const quint32 raw = hex.toUInt(&ok, 16);
            address = QStringLiteral("%1.%2.%3.%4")
                          .arg(raw & 0xff)
                          .arg((raw >> 8) & 0xff)
                          .arg((raw >> 16) & 0xff)
                          .arg((raw >> 24) & 0xff);
        } else if (ipv6 && hex.size() == 32) {
            // Four 32-bit words, each little-endian.
            QStringList groups;
            for (int word = 0; word < 4; ++word) {
                const quint32 raw = hex.mid(word * 8, 8).toUInt(&ok, 16);
                const quint32 host = ((raw & 0xff) << 24) | ((raw & 0xff00) << 8) |
                                     ((raw >> 8) & 0xff00) | (raw >> 24);
                groups << QString::number(host >> 16, 16) << QString::number(host & 0xffff, 16);
            }
            address = QLatin1Char('[') + groups.join(QLatin1Char(':')) + QLatin1Char(']');
            if (isAnyAddress(address)) {
                address = QStringLiteral("[::]");
            }
        } else {
            continue;
        }
        sockets.append(address + QLatin1Char(':') + QString::number(port));
    }
    return sockets;
}

bool procHidesProcesses(const QByteArray &mountinfo)
{
    for (const QByteArray &line : mountinfo.split('\n')) {
        // "22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=2"
        const QList<QByteArray> fields = line.split(' ');
        const qsizetype dash = fields.indexOf(QByteArray("-"));
        if (fields.size() < 5 || fields.at(4) != "/proc" || dash < 0 || dash + 3 >= fields.size() ||
            fields.at(dash + 1) != "proc") {
            continue;
        }
        for (const QByteArray &option : fields.at(dash + 3).split(',')) {
            if (option.startsWith("hidepid=")) {
                const QByteArray value = option.mid(8);
                if (value != "0" && value != "off") {
                    return true;
                }
            }
        }
    }
    return false;
}

QHash<QString, ContainerProcesses> readContainerProcesses(const QString &procRoot,
                                                          const QStringList &containerIds)
{
    QHash<QString, ContainerProcesses> found;
    if (containerIds.isEmpty()) {
        return found;
    }
    const QSet<QString> wanted(containerIds.cbegin(), containerIds.cend());
    static const QRegularExpression hexId(QStringLiteral("[0-9a-f]{64}"));
    const QDir proc(procRoot);
    const QStringList entries = proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric) {
            continue;
        }
        QFile cgroup(proc.filePath(entry + QStringLiteral("/cgroup")));
        if (!cgroup.open(QIODevice::ReadOnly)) {
            continue; // gone already, or hidden (hidepid)
        }
        // v1 "/docker/<id>", v2 "/system.slice/docker-<id>.scope", a custom
        // --cgroup-parent "/custom/<id>": the id appears whole in each.
        const QString text = QString::fromLatin1(cgroup.readAll());
        QString owner;
        for (auto it = hexId.globalMatch(text); it.hasNext();) {
            const QString id = it.next().captured();
            if (wanted.contains(id)) {
                owner = id;
                break;
            }
        }
        if (owner.isEmpty()) {
            continue;
        }
        QFile cmdline(proc.filePath(entry + QStringLiteral("/cmdline")));
        QString command;
        if (cmdline.open(QIODevice::ReadOnly)) {
            QByteArray raw = cmdline.readAll();
            while (raw.endsWith('\0')) {
                raw.chop(1);
            }
            command = QString::fromLocal8Bit(raw.replace('\0', ' '));
        }
        if (command.isEmpty()) {
            // Like ps: a process without arguments shows its name in brackets.
            QFile comm(proc.filePath(entry + QStringLiteral("/comm")));
            if (comm.open(QIODevice::ReadOnly)) {
                command = QLatin1Char('[') + QString::fromLocal8Bit(comm.readAll().trimmed()) +
                          QLatin1Char(']');
            }
        }
        ContainerProcesses &processes = found[owner];
        if (processes.table.titles.isEmpty()) {
            processes.table.titles = {QStringLiteral("PID"), QStringLiteral("CMD")};
        }
        processes.pids.append(pid);
        processes.table.processes.append({entry, command});
    }
    return found;
}

Result<Collection> collectSnapshot(EngineClient &client, const CollectorOptions &options,
                                   const CancelToken &cancel,
                                   const CollectProgressHandler &onProgress)
{
    if (auto valid = validateSelection(options.containers); !valid) {
        return valid.error();
    }
    auto ping = client.negotiate(cancel);
    if (!ping) {
        return ping.error();
    }
    Collecting run(client, options, cancel, onProgress);
    return run.collect(*ping);
}

} // namespace drydock::bench
