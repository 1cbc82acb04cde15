// SPDX-License-Identifier: GPL-3.0-or-later
// Lab actions: previews and execution.
#include "actions.h"

#include "baseimage.h"
#include "imagebuilder.h"
#include "util/http.h"

#include "bench/runner.h"
#include "bench/runstore.h"
#include "trust/labenv.h"
#include "trust/trusthistory.h"
#include "trust/trustservice.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <algorithm>

namespace drydock::labs {

using nlohmann::json;

namespace {

QString memoryText(qint64 bytes)
{
    const qint64 mib = 1024 * 1024;
    if (bytes % (1024 * mib) == 0) {
        return QString::number(bytes / (1024 * mib)) + QLatin1Char('g');
    }
    if (bytes % mib == 0) {
        return QString::number(bytes / mib) + QLatin1Char('m');
    }
    return QString::number(bytes);
}

QString durationText(qint64 ns)
{
    if (ns % 1000000000LL == 0) {
        return QString::number(ns / 1000000000LL) + QLatin1Char('s');
    }
    return QString::number(ns / 1000000LL) + QStringLiteral("ms");
}

QString shellWord(const QString &word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (safe.match(word).hasMatch()) {
        return word;
    }
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QStringList sensitiveHostPaths()
{
    // CIS 5.6: host folders a container must not see.
    return {QStringLiteral("/"),     QStringLiteral("/boot"),
            QStringLiteral("/dev"),  QStringLiteral("/etc"),
            QStringLiteral("/lib"),  QStringLiteral("/proc"),
            QStringLiteral("/sys"),  QStringLiteral("/usr"),
            QStringLiteral("/root"), QStringLiteral("/var/lib/docker")};
}

// Sockets that control a container engine: whoever reaches one runs
// containers on the host.
QStringList engineSocketPaths()
{
    return {QStringLiteral("/var/run/docker.sock"),
            QStringLiteral("/run/docker.sock"),
            QStringLiteral("/run/containerd/containerd.sock"),
            QStringLiteral("/var/run/containerd/containerd.sock"),
            QStringLiteral("/run/crio/crio.sock"),
            QStringLiteral("/run/podman/podman.sock")};
}

// `outer` is `inner` or one of its parent folders.
bool contains(const QString &outer, const QString &inner)
{
    return inner == outer || outer == QLatin1String("/") ||
           inner.startsWith(outer + QLatin1Char('/'));
}

// The path as written and, when it exists on this machine, where its links
// lead (a link to / is /). A remote engine's host may differ; the path as
// written is judged there as here.
QStringList hostPathForms(const QString &source)
{
    QStringList forms{QDir::cleanPath(source)};
    const QString real = QFileInfo(source).canonicalFilePath();
    if (!real.isEmpty() && real != forms.first()) {
        forms.append(real);
    }
    return forms;
}

bool exposesEngineSocket(const QString &source)
{
    for (const QString &path : hostPathForms(source)) {
        if (path.endsWith(QLatin1String(".sock")) &&
            (path.endsWith(QLatin1String("/docker.sock")) ||
             path.endsWith(QLatin1String("/containerd.sock")) ||
             path.endsWith(QLatin1String("/crio.sock")) ||
             path.endsWith(QLatin1String("/podman.sock")))) {
            return true;
        }
        // A folder holding a socket hands the socket over too.
        for (const QString &socket : engineSocketPaths()) {
            if (contains(path, socket)) {
                return true;
            }
        }
    }
    return false;
}

// The sensitive host folder `source` exposes, "" when none: a folder inside
// one (/proc/1/root) or holding one (/var holds /var/lib/docker).
QString sensitiveFolderExposed(const QString &source)
{
    for (const QString &path : hostPathForms(source)) {
        for (const QString &folder : sensitiveHostPaths()) {
            const bool inside = folder != QLatin1String("/") && contains(folder, path);
            if (inside || contains(path, folder)) {
                return folder;
            }
        }
    }
    return {};
}

QString stepBuilding(const Lab &lab, const QString &image)
{
    for (const Step &s : lab.steps) {
        for (const Action &a : s.actions) {
            if (const auto *b = std::get_if<BuildImageAction>(&a.params); b && b->tag == image) {
                return s.title;
            }
        }
    }
    return {};
}

Error notThisLabs(const QString &what, const QString &name)
{
    return makeError(ErrorKind::Refused,
                     QStringLiteral("The %1 %2 exists but does not belong to this lab; Drydock "
                                    "leaves it alone.")
                         .arg(what, name),
                     QStringLiteral("Remove or rename it yourself if you no longer need it."));
}

QString versioned(const docker::EngineClient &engine, const QString &path)
{
    return QStringLiteral("/v") + engine.apiVersion() + path;
}

// Creates through the raw API: the typed call has no WorkingDir or
// StartPeriod.
Result<QString> createContainer(docker::EngineClient &engine, const LabContainerSpec &c,
                                const CancelToken &cancel)
{
    json body = docker::containerCreateBody(c.spec);
    if (!c.workdir.isEmpty()) {
        body["WorkingDir"] = c.workdir.toStdString();
    }
    if (c.healthStartPeriodNs > 0 && body.contains("Healthcheck")) {
        body["Healthcheck"]["StartPeriod"] = c.healthStartPeriodNs;
    }
    HttpRequest req;
    req.method = "POST";
    req.path =
        versioned(engine, QStringLiteral("/containers/create?name=") + urlEncode(c.spec.name));
    req.body = QByteArray::fromStdString(body.dump());
    req.addHeader("Content-Type", "application/json");
    const auto response = engine.request(req, cancel);
    if (!response) {
        return response.error();
    }
    if (response->status / 100 != 2) {
        return docker::engineError(*response, QStringLiteral("creating %1").arg(c.spec.name));
    }
    const auto doc = docker::parseJsonBody(response->body, QStringLiteral("the created container"));
    if (!doc) {
        return doc.error();
    }
    if (!doc->is_object() || !doc->contains("Id") || !(*doc)["Id"].is_string()) {
        return makeError(ErrorKind::Protocol,
                         QStringLiteral("The engine created a container but sent no Id."));
    }
    return QString::fromStdString((*doc)["Id"].get<std::string>());
}

// The image a container or build needs: the base image is built when
// missing; anything else must be there already (labs pull nothing behind
// the learner's back).
Result<void> ensureImage(LabContext &ctx, const QString &engineImage, const QString &labImage)
{
    if (engineImage == QLatin1String(kBaseImage)) {
        const auto built = ensureBaseImage(ctx.engine, ctx.cancel);
        if (!built) {
            return built.error();
        }
        if (*built) {
            ctx.say(QStringLiteral("Built Drydock's base image %1 from this machine's busybox.")
                        .arg(engineImage));
        }
        return {};
    }
    const auto found = ctx.engine.inspectImage(engineImage, ctx.cancel);
    if (found) {
        return {};
    }
    if (found.error().httpStatus != 404) {
        return found.error();
    }
    const QString builder = stepBuilding(ctx.lab, labImage);
    if (!builder.isEmpty()) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("The image %1 has not been built yet.").arg(labImage),
                         QStringLiteral("Run the build action of step \"%1\" first.").arg(builder));
    }
    return makeError(ErrorKind::BadInput,
                     QStringLiteral("The image %1 is not on this engine.").arg(engineImage),
                     QStringLiteral("Run the step that pulls it first."));
}

// The lab's container with this engine name, if there is one; an error
// when one exists that is not the lab's.
Result<std::optional<docker::ContainerInspect>> ownedContainer(LabContext &ctx,
                                                               const QString &engineName)
{
    const auto found = ctx.engine.inspectContainer(engineName, ctx.cancel);
    if (!found) {
        if (found.error().httpStatus == 404) {
            return std::optional<docker::ContainerInspect>();
        }
        return found.error();
    }
    if (!ctx.scope.owns(found->config.labels)) {
        return notThisLabs(QStringLiteral("container"), engineName);
    }
    return std::optional<docker::ContainerInspect>(*found);
}

Result<ActionOutcome> startContainer(LabContext &ctx, const ContainerParams &params,
                                     const LabContainerSpec &c)
{
    const auto existing = ownedContainer(ctx, c.spec.name);
    if (!existing) {
        return existing.error();
    }
    if (existing->has_value()) {
        if (!params.replace) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("The container %1 exists already.").arg(c.spec.name),
                             QStringLiteral("Remove it first (the lab's cleanup does)."));
        }
        ctx.say(QStringLiteral("Removing the previous %1").arg(c.spec.name));
        if (auto removed = ctx.engine.removeContainer((*existing)->id, true, ctx.cancel);
            !removed) {
            return removed.error();
        }
    }
    const auto id = createContainer(ctx.engine, c, ctx.cancel);
    if (!id) {
        return id.error();
    }
    if (auto started = ctx.engine.startContainer(*id, ctx.cancel); !started) {
        // A container that never ran would make "exists" checks pass.
        if (auto removed = ctx.engine.removeContainer(*id, true); !removed) {
            ctx.say(QStringLiteral("Could not remove the container that failed to start: ") +
                    removed.error().message);
        }
        return started.error();
    }
    ActionOutcome outcome;
    outcome.containerId = *id;
    outcome.summary = QStringLiteral("Started container %1 (%2) from %3.")
                          .arg(c.spec.name, id->left(12), c.spec.image);
    return outcome;
}

Result<ActionOutcome> runContainerAction(LabContext &ctx, const ContainerParams &params)
{
    const LabContainerSpec c = engineSpec(params, ctx.lab, ctx.scope);
    if (auto image = ensureImage(ctx, c.spec.image, params.image); !image) {
        return image.error();
    }
    return startContainer(ctx, params, c);
}

Result<ActionOutcome> containerRefAction(LabContext &ctx, const QString &labName, bool remove)
{
    const QString name = ctx.scope.containerName(labName);
    const auto existing = ownedContainer(ctx, name);
    if (!existing) {
        return existing.error();
    }
    ActionOutcome outcome;
    if (!existing->has_value()) {
        outcome.summary = QStringLiteral("There is no container %1; nothing to do.").arg(name);
        return outcome;
    }
    const QString id = (*existing)->id;
    if (remove) {
        if (auto removed = ctx.engine.removeContainer(id, true, ctx.cancel); !removed) {
            return removed.error();
        }
        outcome.summary = QStringLiteral("Removed container %1.").arg(name);
    } else {
        if (auto stopped = ctx.engine.stopContainer(id, 5, ctx.cancel); !stopped) {
            return stopped.error();
        }
        outcome.summary = QStringLiteral("Stopped container %1.").arg(name);
    }
    return outcome;
}

Result<ActionOutcome> cleanupAction(LabContext &ctx, bool images)
{
    docker::ContainerListOptions options;
    options.all = true;
    options.labelFilter = QLatin1String(kLabLabel) + QLatin1Char('=') + ctx.scope.labId;
    const auto containers = ctx.engine.containers(options, ctx.cancel);
    if (!containers) {
        return containers.error();
    }
    int removedContainers = 0;
    QStringList problems;
    for (const docker::ContainerSummary &c : *containers) {
        if (!ctx.scope.owns(c.labels)) {
            continue;
        }
        if (auto removed = ctx.engine.removeContainer(c.id, true, ctx.cancel); removed) {
            ++removedContainers;
        } else {
            problems.append(removed.error().message);
        }
    }
    int removedImages = 0;
    if (images) {
        // Two passes: an image a removed one depended on may go only after it.
        for (int pass = 0; pass < 2; ++pass) {
            const auto list = ctx.engine.images(ctx.cancel);
            if (!list) {
                return list.error();
            }
            QList<docker::ImageSummary> owned;
            for (const docker::ImageSummary &image : *list) {
                // Built images inherit the base image's labels; the base
                // image itself is shared by every lab and stays.
                if (ctx.scope.owns(image.labels) &&
                    !image.repoTags.contains(QLatin1String(kBaseImage))) {
                    owned.append(image);
                }
            }
            std::stable_sort(owned.begin(), owned.end(), [](const auto &a, const auto &b) {
                return a.repoTags.size() > b.repoTags.size();
            });
            for (const docker::ImageSummary &image : owned) {
                bool gone = true;
                QStringList tags = image.repoTags;
                tags.removeAll(QStringLiteral("<none>:<none>"));
                for (const QString &tag : tags) {
                    if (auto removed = ctx.engine.removeImage(tag, false, ctx.cancel); !removed) {
                        gone = false;
                        if (pass == 1) {
                            problems.append(removed.error().message);
                        }
                    }
                }
                if (tags.isEmpty()) {
                    if (auto removed = ctx.engine.removeImage(image.id, false, ctx.cancel);
                        !removed) {
                        gone = false;
                        if (pass == 1) {
                            problems.append(removed.error().message);
                        }
                    }
                }
                removedImages += gone ? 1 : 0;
            }
        }
    }
    ActionOutcome outcome;
    outcome.summary = QStringLiteral("Removed %1 container(s) and %2 image(s) of this lab.")
                          .arg(removedContainers)
                          .arg(removedImages);
    outcome.details = problems;
    return outcome;
}

Result<ActionOutcome> runBenchAction(LabContext &ctx, const RunBenchAction &bench)
{
    bench::RunOptions options;
    options.checks.include = bench.checks;
    options.checks.exclude = bench.exclude;
    if (bench.labContainersOnly) {
        options.containers.labels = ctx.scope.labelSelectors();
    }
    ctx.say(QStringLiteral("Running the benchmark..."));
    const auto run = bench::runBenchmark(ctx.engine, options, ctx.cancel);
    if (!run) {
        return run.error();
    }
    const bench::RunStore store =
        ctx.runsFolder.isEmpty() ? bench::RunStore() : bench::RunStore(ctx.runsFolder);
    const auto saved = store.save(*run);
    if (!saved) {
        return saved.error();
    }
    int warn = 0;
    int pass = 0;
    for (const bench::Finding &f : run->findings) {
        warn += f.verdict == bench::Verdict::Warn ? 1 : 0;
        pass += f.verdict == bench::Verdict::Pass ? 1 : 0;
    }
    ActionOutcome outcome;
    outcome.runId = run->id;
    outcome.summary = QStringLiteral("Benchmark run %1 saved: score %2, %3 checks passed, %4 "
                                     "warned.")
                          .arg(run->id)
                          .arg(run->score.reference)
                          .arg(pass)
                          .arg(warn);
    outcome.details.append(QStringLiteral("Saved as %1").arg(*saved));
    return outcome;
}

trust::TrustOptions trustOptions(const LabContext &ctx)
{
    trust::TrustOptions options;
    options.storeFolder = ctx.trustFolder;
    options.labEnvState = ctx.labenvState;
    // Registry credentials may live in the docker config; the trust server
    // is the lab environment's, whatever the shell says.
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *key : {"HOME", "DOCKER_CONFIG"}) {
        const QString name = QLatin1String(key);
        if (env.contains(name)) {
            options.env.insert(name, env.value(name));
        }
    }
    return options;
}

Result<ActionOutcome> pullAction(LabContext &ctx, const PullAction &pull)
{
    const QString verb = pull.trust ? QStringLiteral("Trusted pull") : QStringLiteral("Pull");
    ctx.say(QStringLiteral("%1 of %2...").arg(verb, pull.image));
    const auto pulled =
        trust::pullImage(ctx.engine, pull.image, pull.trust, trustOptions(ctx), {}, ctx.cancel);
    ActionOutcome outcome;
    if (!pulled) {
        if (pull.trust && pulled.error().kind == ErrorKind::Untrusted) {
            outcome.refused = true;
            outcome.summary = pulled.error().message;
            if (!pulled.error().hint.isEmpty()) {
                outcome.details.append(pulled.error().hint);
            }
            return outcome;
        }
        return pulled.error();
    }
    outcome.summary =
        pulled->trusted
            ? QStringLiteral("Pulled %1 by its signed digest %2 and tagged it %3.")
                  .arg(pull.image, pulled->digest, pulled->taggedAs)
            : QStringLiteral("Pulled %1 without checking any signature.").arg(pulled->reference);
    return outcome;
}

Result<ActionOutcome> trustedRunAction(LabContext &ctx, const ContainerParams &params)
{
    const trust::TrustOptions options = trustOptions(ctx);
    const auto ref = trust::parseImageRef(params.image);
    if (!ref) {
        return ref.error();
    }
    trust::TrustHistoryEntry entry;
    entry.action = QStringLiteral("run");
    entry.image = params.image;
    entry.gun = ref->gun();
    entry.tag = ref->tag;
    entry.trustEnabled = true;
    const auto remember = [&](const trust::TrustHistoryEntry &e) {
        trust::TrustHistoryEntry stamped = e;
        stamped.time = QDateTime::currentDateTimeUtc();
        if (auto saved = trust::appendTrustHistory(stamped, options.storeFolder); !saved) {
            ctx.say(QStringLiteral("Could not record the trust history: ") + saved.error().message);
        }
    };
    ctx.say(QStringLiteral("Resolving %1 through its signed trust data...").arg(params.image));
    const auto report = trust::inspectTrust(params.image, options, ctx.cancel);
    if (!report) {
        return report.error();
    }
    entry.server = report->server.server.url;
    ActionOutcome outcome;
    if (!report->trusted()) {
        const QString why =
            report->failure ? report->failure->message : QStringLiteral("the tag is not signed");
        entry.refused = true;
        entry.reason = why;
        remember(entry);
        outcome.refused = true;
        outcome.summary =
            QStringLiteral("Refused to run %1 with content trust on: %2").arg(params.image, why);
        outcome.details.append(QStringLiteral("No container was created."));
        return outcome;
    }
    const QString digest = report->target->digest;
    const QString reference = ref->name() + QLatin1Char('@') + digest;
    entry.digest = digest;
    entry.signers = report->signers();
    const auto failed = [&](const Error &error) {
        entry.refused = true;
        entry.reason = error.message;
        remember(entry);
        return error;
    };
    if (!ctx.engine.inspectImage(reference, ctx.cancel)) {
        if (auto pulled = ctx.engine.pullImage(ref->name(), digest, {}, ctx.cancel); !pulled) {
            return failed(pulled.error());
        }
    }
    ContainerParams byDigest = params;
    byDigest.image = reference;
    LabContainerSpec c = engineSpec(byDigest, ctx.lab, ctx.scope);
    c.spec.labels.insert(QStringLiteral("org.drydock.trust.digest"), digest);
    auto started = startContainer(ctx, params, c);
    if (!started) {
        return failed(started.error());
    }
    entry.container = started->containerId;
    remember(entry);
    started->summary = QStringLiteral("Started %1 from the signed digest of %2 (%3).")
                           .arg(c.spec.name, params.image, digest.left(19));
    started->details = entry.signers;
    return started;
}

Result<ActionOutcome> labenvAction(LabContext &ctx, bool up)
{
    trust::LabEnvOptions options;
    options.stateDir = ctx.labenvState.isEmpty() ? trust::defaultLabEnvState() : ctx.labenvState;
    options.log = ctx.log;
    trust::LabEnvironment env(options);
    ActionOutcome outcome;
    if (up) {
        const auto settings = env.up(ctx.engine, ctx.cancel);
        if (!settings) {
            return settings.error();
        }
        outcome.summary = QStringLiteral("The lab environment is up: registry %1, Notary %2.")
                              .arg(settings->registry, settings->notaryUrl);
        outcome.details = settings->signedImages + settings->unsignedImages;
        return outcome;
    }
    const auto lines = env.down();
    if (!lines) {
        return lines.error();
    }
    outcome.summary = QStringLiteral("The lab environment is stopped.");
    outcome.details = *lines;
    return outcome;
}

Result<ActionOutcome> buildAction(LabContext &ctx, const BuildImageAction &recipe)
{
    const QString labFrom = recipe.from.isEmpty() ? QLatin1String(kBaseImage) : recipe.from;
    BuildRequest request;
    request.recipe = recipe;
    request.fromImage = ctx.scope.imageRef(ctx.lab, labFrom);
    request.targetImage = ctx.scope.imageRef(ctx.lab, recipe.tag);
    request.labels = ctx.scope.labels();
    if (auto from = ensureImage(ctx, request.fromImage, labFrom); !from) {
        return from.error();
    }
    const auto id = buildImage(ctx.engine, request, ctx.cancel, ctx.log);
    if (!id) {
        return id.error();
    }
    ActionOutcome outcome;
    outcome.imageId = *id;
    outcome.summary = QStringLiteral("Built %1 (%2).").arg(request.targetImage, id->mid(7, 12));
    return outcome;
}

QString defaultTitle(const Action &action)
{
    switch (action.type) {
    case ActionType::RunContainer:
        return QStringLiteral("Run %1").arg(
            std::get<RunContainerAction>(action.params).container.name);
    case ActionType::StopContainer:
        return QStringLiteral("Stop %1").arg(std::get<ContainerRefAction>(action.params).name);
    case ActionType::RemoveContainer:
        return QStringLiteral("Remove %1").arg(std::get<ContainerRefAction>(action.params).name);
    case ActionType::Cleanup:
        return QStringLiteral("Clean up the lab");
    case ActionType::RunBench:
        return QStringLiteral("Run the benchmark");
    case ActionType::Pull: {
        const auto &pull = std::get<PullAction>(action.params);
        return (pull.trust ? QStringLiteral("Pull %1 with trust") : QStringLiteral("Pull %1"))
            .arg(pull.image);
    }
    case ActionType::TrustedRun:
        return QStringLiteral("Run %1 with trust")
            .arg(std::get<TrustedRunAction>(action.params).container.image);
    case ActionType::LabenvUp:
        return QStringLiteral("Start the lab environment");
    case ActionType::LabenvDown:
        return QStringLiteral("Stop the lab environment");
    case ActionType::OpenView:
        return QStringLiteral("Open the %1 view").arg(std::get<OpenViewAction>(action.params).view);
    case ActionType::BuildImage:
        return QStringLiteral("Build %1").arg(std::get<BuildImageAction>(action.params).tag);
    }
    return {};
}

QString labelArgs(const LabScope &scope)
{
    QStringList parts;
    for (const QString &selector : scope.labelSelectors()) {
        parts.append(QStringLiteral("--filter label=") + selector);
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

bool ActionPreview::hasSevereDanger() const
{
    return std::any_of(dangers.begin(), dangers.end(),
                       [](const DangerFlag &d) { return d.severe; });
}

LabContainerSpec engineSpec(const ContainerParams &p, const Lab &lab, const LabScope &scope)
{
    LabContainerSpec c;
    docker::ContainerSpec &s = c.spec;
    s.image = scope.imageRef(lab, p.image);
    s.name = scope.containerName(p.name);
    s.cmd = p.cmd;
    s.entrypoint = p.entrypoint;
    s.env = p.env;
    s.user = p.user;
    s.labels = p.labels;
    const QMap<QString, QString> own = scope.labels();
    for (auto it = own.begin(); it != own.end(); ++it) {
        s.labels.insert(it.key(), it.value());
    }
    for (const PortSpec &port : p.ports) {
        s.ports.append({port.container, port.hostIp, port.hostPort});
    }
    for (const MountSpec &m : p.mounts) {
        docker::Mount mount;
        mount.type = m.type;
        mount.source = m.source;
        mount.destination = m.target;
        mount.rw = !m.readOnly;
        s.mounts.append(mount);
    }
    s.capAdd = p.capAdd;
    s.capDrop = p.capDrop;
    s.securityOpt = p.securityOpt;
    s.readonlyRootfs = p.readOnly;
    s.privileged = p.privileged;
    s.noNewPrivileges = p.noNewPrivileges;
    s.memory = p.memory;
    s.nanoCpus = p.nanoCpus;
    s.cpuShares = p.cpuShares;
    s.pidsLimit = p.pidsLimit;
    s.networkMode = p.network;
    s.pidMode = p.pidMode;
    s.ipcMode = p.ipcMode;
    s.utsMode = p.utsMode;
    s.restartPolicy = p.restartPolicy;
    s.restartMaxRetries = p.restartMaxRetries;
    if (p.healthcheck) {
        s.healthcheck.test = p.healthcheck->test;
        s.healthcheck.intervalNs = p.healthcheck->intervalNs;
        s.healthcheck.timeoutNs = p.healthcheck->timeoutNs;
        s.healthcheck.retries = p.healthcheck->retries;
        c.healthStartPeriodNs = p.healthcheck->startPeriodNs;
    }
    c.workdir = p.workdir;
    return c;
}

QStringList dockerRunArguments(const LabContainerSpec &c)
{
    const docker::ContainerSpec &s = c.spec;
    QStringList a{QStringLiteral("run"), QStringLiteral("--detach"), QStringLiteral("--name"),
                  s.name};
    for (auto it = s.labels.begin(); it != s.labels.end(); ++it) {
        a << QStringLiteral("--label") << it.key() + QLatin1Char('=') + it.value();
    }
    if (!s.user.isEmpty()) {
        a << QStringLiteral("--user") << s.user;
    }
    if (!c.workdir.isEmpty()) {
        a << QStringLiteral("--workdir") << c.workdir;
    }
    for (const QString &e : s.env) {
        a << QStringLiteral("--env") << e;
    }
    for (const docker::PortBinding &port : s.ports) {
        QString ip = port.hostIp;
        if (ip.contains(QLatin1Char(':'))) {
            ip = QLatin1Char('[') + ip + QLatin1Char(']');
        }
        QString publish = port.containerPort;
        if (!ip.isEmpty() || !port.hostPort.isEmpty()) {
            publish = port.hostPort + QLatin1Char(':') + publish;
        }
        if (!ip.isEmpty()) {
            publish = ip + QLatin1Char(':') + publish;
        }
        a << QStringLiteral("--publish") << publish;
    }
    for (const docker::Mount &m : s.mounts) {
        QString spec = QStringLiteral("type=") + m.type;
        if (!m.source.isEmpty()) {
            spec += QStringLiteral(",source=") + m.source;
        }
        spec += QStringLiteral(",target=") + m.destination;
        if (!m.rw) {
            spec += QStringLiteral(",readonly");
        }
        a << QStringLiteral("--mount") << spec;
    }
    for (const QString &cap : s.capDrop) {
        a << QStringLiteral("--cap-drop") << cap;
    }
    for (const QString &cap : s.capAdd) {
        a << QStringLiteral("--cap-add") << cap;
    }
    for (const QString &opt : s.securityOpt) {
        a << QStringLiteral("--security-opt") << opt;
    }
    if (s.noNewPrivileges && !s.securityOpt.contains(QStringLiteral("no-new-privileges:true"))) {
        a << QStringLiteral("--security-opt") << QStringLiteral("no-new-privileges:true");
    }
    if (s.readonlyRootfs) {
        a << QStringLiteral("--read-only");
    }
    if (s.privileged) {
        a << QStringLiteral("--privileged");
    }
    if (s.memory > 0) {
        a << QStringLiteral("--memory") << memoryText(s.memory);
    }
    if (s.nanoCpus > 0) {
        a << QStringLiteral("--cpus") << QString::number(double(s.nanoCpus) / 1e9);
    }
    if (s.cpuShares > 0) {
        a << QStringLiteral("--cpu-shares") << QString::number(s.cpuShares);
    }
    if (s.pidsLimit) {
        a << QStringLiteral("--pids-limit") << QString::number(*s.pidsLimit);
    }
    if (!s.networkMode.isEmpty()) {
        a << QStringLiteral("--network") << s.networkMode;
    }
    if (!s.pidMode.isEmpty()) {
        a << QStringLiteral("--pid") << s.pidMode;
    }
    if (!s.ipcMode.isEmpty()) {
        a << QStringLiteral("--ipc") << s.ipcMode;
    }
    if (!s.utsMode.isEmpty()) {
        a << QStringLiteral("--uts") << s.utsMode;
    }
    if (!s.restartPolicy.isEmpty()) {
        QString policy = s.restartPolicy;
        if (policy == QLatin1String("on-failure") && s.restartMaxRetries > 0) {
            policy += QLatin1Char(':') + QString::number(s.restartMaxRetries);
        }
        a << QStringLiteral("--restart") << policy;
    }
    const QStringList &test = s.healthcheck.test;
    if (test.value(0) == QLatin1String("NONE")) {
        a << QStringLiteral("--no-healthcheck");
    } else if (!test.isEmpty()) {
        // The CLI's --health-cmd is a shell line; the exec form shows as the
        // same words.
        a << QStringLiteral("--health-cmd") << test.mid(1).join(QLatin1Char(' '));
        if (s.healthcheck.intervalNs > 0) {
            a << QStringLiteral("--health-interval") << durationText(s.healthcheck.intervalNs);
        }
        if (s.healthcheck.timeoutNs > 0) {
            a << QStringLiteral("--health-timeout") << durationText(s.healthcheck.timeoutNs);
        }
        if (c.healthStartPeriodNs > 0) {
            a << QStringLiteral("--health-start-period") << durationText(c.healthStartPeriodNs);
        }
        if (s.healthcheck.retries > 0) {
            a << QStringLiteral("--health-retries") << QString::number(s.healthcheck.retries);
        }
    }
    QStringList cmd = s.cmd;
    if (!s.entrypoint.isEmpty()) {
        a << QStringLiteral("--entrypoint") << s.entrypoint.first();
        cmd = s.entrypoint.mid(1) + cmd;
    }
    a << s.image;
    a += cmd;
    return a;
}

QString shellCommand(const QStringList &words)
{
    QStringList quoted;
    for (const QString &word : words) {
        quoted.append(shellWord(word));
    }
    return quoted.join(QLatin1Char(' '));
}

QList<DangerFlag> dangersOf(const docker::ContainerSpec &s)
{
    QList<DangerFlag> flags;
    if (s.privileged) {
        flags.append({QStringLiteral("--privileged"),
                      QStringLiteral("gives the container every capability and all host "
                                     "devices: it can take over the host"),
                      true});
    }
    for (const docker::Mount &m : s.mounts) {
        if (m.type != QLatin1String("bind")) {
            continue;
        }
        const QString option = QStringLiteral("--mount source=") + m.source;
        const QString exposed = sensitiveFolderExposed(m.source);
        if (exposesEngineSocket(m.source) && exposed != QLatin1String("/")) {
            flags.append({option,
                          QStringLiteral("mounts a container engine's socket (Docker's or "
                                         "containerd's): whoever controls the container "
                                         "controls the engine, and so the host"),
                          true});
        } else if (!exposed.isEmpty()) {
            flags.append({option,
                          QStringLiteral("mounts the host's %1 into the container%2")
                              .arg(QDir::cleanPath(m.source) == exposed
                                       ? exposed
                                       : QStringLiteral("%1 (and with it %2)")
                                             .arg(QDir::cleanPath(m.source), exposed),
                                   m.rw ? QStringLiteral(", writable") : QString()),
                          true});
        } else if (m.rw) {
            flags.append(
                {option, QStringLiteral("lets the container write to %1 on the host").arg(m.source),
                 false});
        }
    }
    const auto hostNamespace = [&](const QString &mode, const QString &option,
                                   const QString &what) {
        if (mode == QLatin1String("host")) {
            flags.append({option, QStringLiteral("shares the host's %1").arg(what), true});
        }
    };
    hostNamespace(s.networkMode, QStringLiteral("--network host"),
                  QStringLiteral("network stack: the container sees and binds the host's "
                                 "interfaces"));
    hostNamespace(s.pidMode, QStringLiteral("--pid host"),
                  QStringLiteral("process table: the container sees and can signal host "
                                 "processes"));
    hostNamespace(s.ipcMode, QStringLiteral("--ipc host"),
                  QStringLiteral("shared memory and IPC objects"));
    hostNamespace(s.utsMode, QStringLiteral("--uts host"),
                  QStringLiteral("host name: the container can change it"));
    for (const QString &cap : s.capAdd) {
        const QString name = cap.toUpper();
        QString why =
            QStringLiteral("adds the %1 capability beyond Docker's default set").arg(name);
        if (name == QLatin1String("ALL")) {
            why = QStringLiteral("adds every capability: nearly as strong as --privileged");
        } else if (name == QLatin1String("SYS_ADMIN")) {
            why = QStringLiteral("adds SYS_ADMIN, which allows mounts and many ways out of the "
                                 "container");
        }
        flags.append({QStringLiteral("--cap-add ") + name, why, true});
    }
    for (const QString &opt : s.securityOpt) {
        if (opt.endsWith(QLatin1String("unconfined")) || opt == QLatin1String("label=disable") ||
            opt == QLatin1String("label:disable")) {
            flags.append({QStringLiteral("--security-opt ") + opt,
                          QStringLiteral("turns off a kernel confinement Docker applies by "
                                         "default"),
                          true});
        }
    }
    for (const docker::PortBinding &port : s.ports) {
        if (port.hostIp.isEmpty() || port.hostIp == QLatin1String("0.0.0.0") ||
            port.hostIp == QLatin1String("::")) {
            flags.append({QStringLiteral("--publish ") + port.containerPort,
                          QStringLiteral("publishes the port on every network interface of "
                                         "this machine"),
                          false});
        }
    }
    return flags;
}

ActionPreview previewAction(const Action &action, const Lab &lab, const LabScope &scope)
{
    ActionPreview p;
    p.title = action.label.isEmpty() ? defaultTitle(action) : action.label;
    switch (action.type) {
    case ActionType::RunContainer:
    case ActionType::TrustedRun: {
        const bool trusted = action.type == ActionType::TrustedRun;
        const ContainerParams &params = trusted
                                            ? std::get<TrustedRunAction>(action.params).container
                                            : std::get<RunContainerAction>(action.params).container;
        LabContainerSpec c = engineSpec(params, lab, scope);
        if (params.replace) {
            p.notes.append(QStringLiteral("A container %1 left from an earlier try is removed "
                                          "first (only if it belongs to this lab).")
                               .arg(c.spec.name));
        }
        if (c.spec.image == QLatin1String(kBaseImage)) {
            p.notes.append(QStringLiteral("%1 is built from this machine's busybox first if the "
                                          "engine does not have it.")
                               .arg(c.spec.image));
        }
        if (trusted) {
            p.summary = QStringLiteral("Resolve %1 to its signed digest, pull that digest if "
                                       "needed, and start container %2 from it; refused if the "
                                       "tag is not signed.")
                            .arg(params.image, c.spec.name);
            p.commands.append(shellCommand({QStringLiteral("drydock"), QStringLiteral("trust"),
                                            QStringLiteral("inspect"), params.image}));
            const auto ref = params.image;
            c.spec.image = ref.section(QLatin1Char(':'), 0, -2).isEmpty()
                               ? ref + QStringLiteral("@<signed digest>")
                               : ref.left(ref.lastIndexOf(QLatin1Char(':'))) +
                                     QStringLiteral("@<signed digest>");
            p.notes.append(QStringLiteral("Docker CLI 28 and older did this with "
                                          "DOCKER_CONTENT_TRUST=1 docker run; CLI 29 removed it, "
                                          "so Drydock checks the signature itself."));
        } else {
            p.summary =
                QStringLiteral("Start container %1 from %2.").arg(c.spec.name, c.spec.image);
        }
        p.commands.append(QStringLiteral("docker ") + shellCommand(dockerRunArguments(c)));
        p.dangers = dangersOf(c.spec);
        break;
    }
    case ActionType::StopContainer:
    case ActionType::RemoveContainer: {
        const QString name = scope.containerName(std::get<ContainerRefAction>(action.params).name);
        const bool remove = action.type == ActionType::RemoveContainer;
        p.summary = (remove ? QStringLiteral("Remove container %1 (only if it belongs to this "
                                             "lab).")
                            : QStringLiteral("Stop container %1 (only if it belongs to this "
                                             "lab)."))
                        .arg(name);
        p.commands.append(remove ? QStringLiteral("docker rm --force ") + name
                                 : QStringLiteral("docker stop --time 5 ") + name);
        break;
    }
    case ActionType::Cleanup: {
        const bool images = std::get<CleanupAction>(action.params).images;
        p.summary = images ? QStringLiteral("Remove every container and image this lab created "
                                            "(those labelled %1=%2).")
                                 .arg(QLatin1String(kLabLabel), lab.id)
                           : QStringLiteral("Remove every container this lab created (those "
                                            "labelled %1=%2).")
                                 .arg(QLatin1String(kLabLabel), lab.id);
        p.commands.append(QStringLiteral("docker rm --force $(docker ps --all --quiet %1)")
                              .arg(labelArgs(scope)));
        if (images) {
            p.commands.append(
                QStringLiteral("docker rmi $(docker images --quiet %1)").arg(labelArgs(scope)));
        }
        break;
    }
    case ActionType::RunBench: {
        const auto &bench = std::get<RunBenchAction>(action.params);
        QStringList words{QStringLiteral("drydock"), QStringLiteral("bench")};
        if (!bench.checks.isEmpty()) {
            words << QStringLiteral("--checks") << bench.checks.join(QLatin1Char(','));
        }
        if (!bench.exclude.isEmpty()) {
            words << QStringLiteral("--exclude") << bench.exclude.join(QLatin1Char(','));
        }
        if (bench.labContainersOnly) {
            for (const QString &selector : scope.labelSelectors()) {
                words << QStringLiteral("--label") << selector;
            }
        }
        words << QStringLiteral("--save");
        p.summary = bench.labContainersOnly
                        ? QStringLiteral("Run the CIS Docker Benchmark checks against the engine "
                                         "and this lab's containers, and save the run.")
                        : QStringLiteral("Run the CIS Docker Benchmark checks against the engine "
                                         "and all its containers, and save the run.");
        p.commands.append(shellCommand(words));
        p.notes.append(QStringLiteral("Read-only: the benchmark changes nothing."));
        break;
    }
    case ActionType::Pull: {
        const auto &pull = std::get<PullAction>(action.params);
        if (pull.trust) {
            p.summary = QStringLiteral("Resolve %1 to its signed digest through its Notary "
                                       "server and pull that digest; refused if the tag is not "
                                       "signed.")
                            .arg(pull.image);
            p.commands.append(
                shellCommand({QStringLiteral("drydock"), QStringLiteral("trust"),
                              QStringLiteral("pull"), QStringLiteral("--trust"), pull.image}));
            p.notes.append(QStringLiteral("Docker CLI 28 and older: DOCKER_CONTENT_TRUST=1 "
                                          "docker pull %1")
                               .arg(pull.image));
        } else {
            p.summary = QStringLiteral("Pull %1 by its tag, without checking any signature.")
                            .arg(pull.image);
            p.commands.append(QStringLiteral("docker pull ") + shellWord(pull.image));
        }
        break;
    }
    case ActionType::LabenvUp:
        p.summary = QStringLiteral("Start the local registry (localhost:5000) and Notary server "
                                   "(localhost:4443) on loopback, and publish a signed and an "
                                   "unsigned image.");
        p.commands.append(QStringLiteral("drydock labenv up"));
        break;
    case ActionType::LabenvDown:
        p.summary = QStringLiteral("Stop the local registry and Notary server that Drydock "
                                   "started.");
        p.commands.append(QStringLiteral("drydock labenv down"));
        break;
    case ActionType::OpenView:
        p.summary =
            QStringLiteral("Show the %1 view.").arg(std::get<OpenViewAction>(action.params).view);
        p.changesEngine = false;
        break;
    case ActionType::BuildImage: {
        const auto &recipe = std::get<BuildImageAction>(action.params);
        const QString from =
            scope.imageRef(lab, recipe.from.isEmpty() ? QLatin1String(kBaseImage) : recipe.from);
        const QString target = scope.imageRef(lab, recipe.tag);
        p.summary = QStringLiteral("Build image %1 from %2 without running anything inside it: "
                                   "each instruction becomes one layer.")
                        .arg(target, from);
        p.dockerfile = dockerfileFor(recipe, from);
        QStringList words{QStringLiteral("docker"), QStringLiteral("build"),
                          QStringLiteral("--tag"), target};
        for (const QString &selector : scope.labelSelectors()) {
            words << QStringLiteral("--label") << selector;
        }
        words << QStringLiteral(".");
        p.commands.append(shellCommand(words));
        for (const BuildInstruction &in : recipe.instructions) {
            if ((in.kind == BuildInstruction::Kind::Copy ||
                 in.kind == BuildInstruction::Kind::Add) &&
                (in.mode & 06000) != 0) {
                p.dangers.append({QStringLiteral("--chmod=%1 %2")
                                      .arg(in.mode, 4, 8, QLatin1Char('0'))
                                      .arg(in.path),
                                  QStringLiteral("puts a setuid/setgid file into the image"),
                                  false});
            }
        }
        break;
    }
    }
    return p;
}

Result<ActionOutcome> runAction(const Action &action, LabContext &ctx)
{
    switch (action.type) {
    case ActionType::RunContainer:
        return runContainerAction(ctx, std::get<RunContainerAction>(action.params).container);
    case ActionType::StopContainer:
        return containerRefAction(ctx, std::get<ContainerRefAction>(action.params).name, false);
    case ActionType::RemoveContainer:
        return containerRefAction(ctx, std::get<ContainerRefAction>(action.params).name, true);
    case ActionType::Cleanup:
        return cleanupAction(ctx, std::get<CleanupAction>(action.params).images);
    case ActionType::RunBench:
        return runBenchAction(ctx, std::get<RunBenchAction>(action.params));
    case ActionType::Pull:
        return pullAction(ctx, std::get<PullAction>(action.params));
    case ActionType::TrustedRun:
        return trustedRunAction(ctx, std::get<TrustedRunAction>(action.params).container);
    case ActionType::LabenvUp:
        return labenvAction(ctx, true);
    case ActionType::LabenvDown:
        return labenvAction(ctx, false);
    case ActionType::OpenView: {
        ActionOutcome outcome;
        outcome.view = std::get<OpenViewAction>(action.params).view;
        outcome.summary = QStringLiteral("Open the %1 view.").arg(outcome.view);
        return outcome;
    }
    case ActionType::BuildImage:
        return buildAction(ctx, std::get<BuildImageAction>(action.params));
    }
    return makeError(ErrorKind::Internal, QStringLiteral("Unknown action."));
}

} // namespace drydock::labs
