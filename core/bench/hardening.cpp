// SPDX-License-Identifier: GPL-3.0-or-later
// The hardened copy of a container and its renderings as a docker run
// command and a compose service.
#include "hardening.h"

#include "checkhelpers.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <tuple>

namespace drydock::bench {

using docker::ContainerInspect;
using docker::ContainerSpec;
using docker::Mount;
using docker::PortBinding;

namespace {

QString listText(const QStringList &list)
{
    return QLatin1Char('[') + list.join(QLatin1Char(' ')) + QLatin1Char(']');
}

// "seccomp=unconfined", "seccomp:unconfined" -> {"seccomp", "unconfined"}.
std::pair<QString, QString> splitSecurityOpt(const QString &option)
{
    const qsizetype equals = option.indexOf(QLatin1Char('='));
    const qsizetype colon = option.indexOf(QLatin1Char(':'));
    qsizetype at = equals;
    if (at < 0 || (colon >= 0 && colon < at)) {
        at = colon;
    }
    if (at < 0) {
        return {option.trimmed(), QStringLiteral("true")};
    }
    return {option.left(at).trimmed(), option.mid(at + 1).trimmed()};
}

bool mountsSocket(const Mount &mount, const QStringList &sockets)
{
    if (mount.type != QLatin1String("bind") && !mount.type.isEmpty()) {
        return false;
    }
    const QString source = canonicalHostPath(mount.source);
    if (source.isEmpty()) {
        return false;
    }
    const QString base = QFileInfo(source).fileName();
    if (base == QLatin1String("docker.sock") || base == QLatin1String("podman.sock")) {
        return true;
    }
    for (const QString &socket : sockets) {
        if (pathWithin(canonicalHostPath(socket), source)) {
            return true;
        }
    }
    return false;
}

// "80" -> "8080", "80-90" -> "8080-8090"; anything unprivileged unchanged.
QString raisedHostPort(const QString &hostPort, int offset)
{
    const QStringList parts = hostPort.split(QLatin1Char('-'));
    QStringList raised;
    for (const QString &part : parts) {
        bool ok = false;
        const int port = part.trimmed().toInt(&ok);
        raised.append(ok && port > 0 && port < 1024 ? QString::number(port + offset) : part);
    }
    return raised.join(QLatin1Char('-'));
}

QString bindingText(const PortBinding &binding)
{
    QString ip = binding.hostIp;
    if (ip.contains(QLatin1Char(':')) && !ip.startsWith(QLatin1Char('['))) {
        ip = QLatin1Char('[') + ip + QLatin1Char(']');
    }
    QString text = binding.containerPort;
    if (!binding.hostPort.isEmpty() || !ip.isEmpty()) {
        text.prepend(binding.hostPort + QLatin1Char(':'));
    }
    if (!ip.isEmpty()) {
        text.prepend(ip + QLatin1Char(':'));
    }
    return text;
}

// A field of `--mount`, which the docker CLI reads as CSV.
QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"'))) {
        return value;
    }
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString mountOption(const Mount &mount)
{
    const QString type = mount.type.isEmpty() ? QStringLiteral("bind") : mount.type;
    QStringList fields = {QStringLiteral("type=") + type};
    const QString source =
        type == QLatin1String("volume") && mount.source.isEmpty() ? mount.name : mount.source;
    if (!source.isEmpty()) {
        fields.append(QStringLiteral("source=") + source);
    }
    fields.append(QStringLiteral("target=") + mount.destination);
    if (!mount.rw) {
        fields.append(QStringLiteral("readonly"));
    }
    QStringList quoted;
    for (const QString &field : fields) {
        quoted.append(csvField(field));
    }
    return quoted.join(QLatin1Char(','));
}

QString cpusText(qint64 nanoCpus)
{
    QString text = QString::number(double(nanoCpus) / 1e9, 'f', 3);
    while (text.endsWith(QLatin1Char('0'))) {
        text.chop(1);
    }
    if (text.endsWith(QLatin1Char('.'))) {
        text.chop(1);
    }
    return text;
}

QString restartText(const ContainerSpec &spec)
{
    if (spec.restartPolicy == QLatin1String("on-failure") && spec.restartMaxRetries > 0) {
        return spec.restartPolicy + QLatin1Char(':') + QString::number(spec.restartMaxRetries);
    }
    return spec.restartPolicy;
}

QStringList effectiveSecurityOpt(const ContainerSpec &spec)
{
    QStringList options = spec.securityOpt;
    if (spec.noNewPrivileges && !options.contains(QStringLiteral("no-new-privileges:true"))) {
        options.append(QStringLiteral("no-new-privileges:true"));
    }
    return options;
}

// The shell string the docker CLI turns back into a health check test.
QString healthCommand(const docker::Healthcheck &health)
{
    if (health.test.first() == QLatin1String("CMD-SHELL")) {
        return health.test.mid(1).join(QLatin1Char(' '));
    }
    // Exec form: --health-cmd always means a shell, so quote the words.
    QStringList words;
    for (const QString &word : health.test.mid(1)) {
        words.append(shellQuote(word));
    }
    return words.join(QLatin1Char(' '));
}

// The command's options, each with its value: one line each when rendered.
QList<QStringList> runSegments(const ContainerSpec &spec)
{
    QList<QStringList> segments;
    segments.append({QStringLiteral("--detach")});
    if (!spec.name.isEmpty()) {
        segments.append({QStringLiteral("--name"), spec.name});
    }
    if (!spec.user.isEmpty()) {
        segments.append({QStringLiteral("--user"), spec.user});
    }
    if (spec.privileged) {
        segments.append({QStringLiteral("--privileged")});
    }
    if (spec.readonlyRootfs) {
        segments.append({QStringLiteral("--read-only")});
    }
    for (const QString &cap : spec.capDrop) {
        segments.append({QStringLiteral("--cap-drop"), cap});
    }
    for (const QString &cap : spec.capAdd) {
        segments.append({QStringLiteral("--cap-add"), cap});
    }
    for (const QString &option : effectiveSecurityOpt(spec)) {
        segments.append({QStringLiteral("--security-opt"), option});
    }
    if (spec.memory > 0) {
        segments.append({QStringLiteral("--memory"), dockerMemoryText(spec.memory)});
    }
    if (spec.nanoCpus > 0) {
        segments.append({QStringLiteral("--cpus"), cpusText(spec.nanoCpus)});
    }
    if (spec.cpuShares > 0) {
        segments.append({QStringLiteral("--cpu-shares"), QString::number(spec.cpuShares)});
    }
    if (spec.pidsLimit) {
        segments.append({QStringLiteral("--pids-limit"), QString::number(*spec.pidsLimit)});
    }
    if (!spec.restartPolicy.isEmpty()) {
        segments.append({QStringLiteral("--restart"), restartText(spec)});
    }
    const docker::Healthcheck &health = spec.healthcheck;
    if (health.present()) {
        segments.append({QStringLiteral("--health-cmd"), healthCommand(health)});
        if (health.intervalNs > 0) {
            segments.append(
                {QStringLiteral("--health-interval"), goDurationText(health.intervalNs)});
        }
        if (health.timeoutNs > 0) {
            segments.append({QStringLiteral("--health-timeout"), goDurationText(health.timeoutNs)});
        }
        if (health.retries > 0) {
            segments.append({QStringLiteral("--health-retries"), QString::number(health.retries)});
        }
    } else if (!health.test.isEmpty()) {
        segments.append({QStringLiteral("--no-healthcheck")});
    }
    const std::pair<const char *, QString> namespaces[] = {
        {"--network", spec.networkMode},
        {"--pid", spec.pidMode},
        {"--ipc", spec.ipcMode},
        {"--uts", spec.utsMode},
    };
    for (const auto &[flag, mode] : namespaces) {
        if (!mode.isEmpty()) {
            segments.append({QLatin1String(flag), mode});
        }
    }
    for (const PortBinding &port : spec.ports) {
        segments.append({QStringLiteral("--publish"), bindingText(port)});
    }
    for (const Mount &mount : spec.mounts) {
        segments.append({QStringLiteral("--mount"), mountOption(mount)});
    }
    for (auto it = spec.labels.cbegin(); it != spec.labels.cend(); ++it) {
        segments.append({QStringLiteral("--label"), it.key() + QLatin1Char('=') + it.value()});
    }
    for (const QString &variable : spec.env) {
        segments.append({QStringLiteral("--env"), variable});
    }
    if (!spec.entrypoint.isEmpty()) {
        segments.append({QStringLiteral("--entrypoint"), spec.entrypoint.first()});
    }
    // The image, then the rest of the entrypoint (the CLI takes one word
    // for --entrypoint) and the command.
    QStringList tail = {spec.image};
    tail += spec.entrypoint.mid(1);
    tail += spec.cmd;
    segments.append(tail);
    return segments;
}

// A YAML scalar in double quotes: JSON's escaping is valid YAML.
QString yamlString(const QString &value)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : value) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\')) {
            out += QLatin1Char('\\');
            out += c;
        } else if (c == QLatin1Char('\n')) {
            out += QStringLiteral("\\n");
        } else if (c == QLatin1Char('\t')) {
            out += QStringLiteral("\\t");
        } else if (c.unicode() < 0x20) {
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        } else {
            out += c;
        }
    }
    return out + QLatin1Char('"');
}

QString yamlList(const QStringList &values)
{
    QStringList quoted;
    for (const QString &value : values) {
        quoted.append(yamlString(value));
    }
    return QLatin1Char('[') + quoted.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QString serviceNameFor(const QString &name)
{
    QString service = name.toLower();
    static const QRegularExpression bad(QStringLiteral("[^a-z0-9_-]+"));
    service.replace(bad, QStringLiteral("-"));
    while (service.startsWith(QLatin1Char('-')) || service.startsWith(QLatin1Char('_'))) {
        service.remove(0, 1);
    }
    return service.isEmpty() ? QStringLiteral("app") : service;
}

class Hardener
{
public:
    Hardener(const ContainerInspect &container, const std::optional<ImageDefaults> &image,
             const HardeningOptions &options)
        : c(container), img(image), opt(options)
    {}

    HardenedContainer run()
    {
        identity();
        user();
        privileges();
        securityOptions();
        storage();
        ports();
        namespaces();
        limits();
        restartAndHealth();
        unfixable();
        return out;
    }

private:
    void change(const char *checkId, const QString &option, const QString &before,
                bool offended = true)
    {
        out.changes.append({QLatin1String(checkId), option, before, offended});
    }

    void identity()
    {
        ContainerSpec &spec = out.spec;
        spec.image = c.config.image.isEmpty() ? c.imageId : c.config.image;
        const QString base = c.name.isEmpty() ? c.shortId() : c.name;
        spec.name = opt.name.isEmpty() ? base + QStringLiteral("-hardened") : opt.name;
        // Only what the container set on top of its image; a new
        // entrypoint clears the image's CMD, so then both are carried.
        const bool ownEntrypoint = !img || c.config.entrypoint != img->entrypoint;
        const bool ownCmd = ownEntrypoint || !img || c.config.cmd != img->cmd;
        if (ownEntrypoint && !c.config.entrypoint.isEmpty()) {
            // The CLI's --entrypoint takes one word: the rest leads the command.
            spec.entrypoint = {c.config.entrypoint.first()};
            spec.cmd = c.config.entrypoint.mid(1);
        }
        if (ownCmd) {
            spec.cmd += c.config.cmd;
        }
        for (const QString &variable : c.config.env) {
            if (!img || !img->env.contains(variable)) {
                spec.env.append(variable);
            }
        }
        for (auto it = c.config.labels.cbegin(); it != c.config.labels.cend(); ++it) {
            if (!img || img->labels.value(it.key()) != it.value() ||
                !img->labels.contains(it.key())) {
                spec.labels.insert(it.key(), it.value());
            }
        }
        for (auto it = opt.extraLabels.cbegin(); it != opt.extraLabels.cend(); ++it) {
            spec.labels.insert(it.key(), it.value());
        }
    }

    void user()
    {
        const QString current = c.config.user.trimmed();
        if (runsAsRoot(current)) {
            out.spec.user = opt.user;
            change("4.1", QStringLiteral("--user ") + opt.user,
                   current.isEmpty() ? QStringLiteral("User= (root by default)")
                                     : QStringLiteral("User=") + current);
            out.notes.append(
                QStringLiteral(
                    "It now runs as %1: files it must write have to belong to that user, or live "
                    "in a volume or tmpfs it owns.")
                    .arg(opt.user));
        } else {
            out.spec.user = current;
        }
    }

    void privileges()
    {
        const docker::HostConfig &h = c.hostConfig;
        if (h.privileged) {
            change("5.5", QStringLiteral("no --privileged"), QStringLiteral("Privileged=true"));
        }
        QStringList kept;
        for (const QString &cap : h.capAdd) {
            const QString name = normaliseCapability(cap);
            if (!name.isEmpty() && defaultCapabilities().contains(name)) {
                kept.append(name);
            }
        }
        kept.removeDuplicates();
        const QStringList extra = addedCapabilities(h.capAdd);
        out.spec.capDrop = {QStringLiteral("ALL")};
        out.spec.capAdd = kept;
        QString option = QStringLiteral("--cap-drop ALL");
        if (!kept.isEmpty()) {
            option += QStringLiteral(" --cap-add ") + kept.join(QStringLiteral(" --cap-add "));
        }
        change("5.4", option,
               QStringLiteral("CapAdd=") + listText(h.capAdd) + QStringLiteral(" CapDrop=") +
                   listText(h.capDrop) +
                   (h.privileged ? QStringLiteral(" Privileged=true") : QString()),
               h.privileged || !extra.isEmpty());
        out.notes.append(QStringLiteral(
            "Every capability is dropped. If the service needs one (NET_BIND_SERVICE to listen "
            "below port 1024 inside, CHOWN, SETUID...), add just that one with --cap-add."));
        if (!h.devices.isEmpty()) {
            QStringList devices;
            for (const docker::DeviceMapping &device : h.devices) {
                devices.append(device.pathOnHost);
            }
            change("5.18", QStringLiteral("no --device"),
                   QStringLiteral("Devices=") + listText(devices));
        }
    }

    void securityOptions()
    {
        const docker::HostConfig &h = c.hostConfig;
        bool apparmorFixed = h.privileged;
        bool seccompFixed = h.privileged;
        QString apparmorBefore = h.privileged ? QStringLiteral("Privileged=true") : QString();
        QString seccompBefore = apparmorBefore;
        for (const QString &option : h.securityOpt) {
            const auto [key, value] = splitSecurityOpt(option);
            if (key == QLatin1String("apparmor") && value == QLatin1String("unconfined")) {
                apparmorFixed = true;
                apparmorBefore = QStringLiteral("SecurityOpt=") + option;
                continue;
            }
            if (key == QLatin1String("seccomp")) {
                if (value == QLatin1String("unconfined")) {
                    seccompFixed = true;
                    seccompBefore = QStringLiteral("SecurityOpt=seccomp=unconfined");
                    continue;
                }
                out.notes.append(QStringLiteral(
                    "It keeps its custom seccomp profile. The Engine API carries the profile "
                    "itself; for the docker CLI save it to a file and pass --security-opt "
                    "seccomp=FILE instead."));
            }
            if (key == QLatin1String("label") &&
                (value == QLatin1String("disable") || value == QLatin1String("type:spc_t") ||
                 value == QLatin1String("type:unconfined_t"))) {
                change("5.3", QStringLiteral("no --security-opt ") + option,
                       QStringLiteral("SecurityOpt=") + option);
                continue;
            }
            if (key == QLatin1String("no-new-privileges")) {
                continue; // set below, to true
            }
            out.spec.securityOpt.append(option);
        }
        if (apparmorFixed) {
            change("5.2", QStringLiteral("AppArmor: the engine's default profile"), apparmorBefore);
        }
        if (seccompFixed) {
            change("5.22", QStringLiteral("seccomp: the engine's default profile"), seccompBefore);
        }
        const std::optional<bool> own = noNewPrivilegesOption(h.securityOpt);
        out.spec.noNewPrivileges = true;
        change("5.26", QStringLiteral("--security-opt no-new-privileges:true"),
               own ? QStringLiteral("SecurityOpt=no-new-privileges:") +
                         (*own ? QStringLiteral("true") : QStringLiteral("false"))
                   : QStringLiteral("no no-new-privileges option"),
               !own || !*own);
    }

    void storage()
    {
        bool hasTmp = false;
        QStringList sharedMounts;
        for (const Mount &mount : c.mounts) {
            if (mountsSocket(mount, opt.socketPaths)) {
                change("5.32", QStringLiteral("no mount of ") + mount.source, mountText(mount));
                out.notes.append(
                    QStringLiteral("The mount of %1 is gone: with the engine's socket the "
                                   "container controlled the engine, and so the host. A tool "
                                   "that needs the engine should reach it through an "
                                   "authorising proxy, not the raw socket.")
                        .arg(mount.source));
                continue;
            }
            if (isSensitiveMount(mount)) {
                change("5.6", QStringLiteral("no mount of ") + mount.source, mountText(mount));
                out.notes.append(QStringLiteral("The mount of the host's %1 is gone; if the "
                                                "service needs a file from it, bind that one "
                                                "file read-only.")
                                     .arg(mount.source));
                continue;
            }
            const QString propagation = mount.propagation.trimmed().toLower();
            if (propagation == QLatin1String("shared") || propagation == QLatin1String("rshared")) {
                sharedMounts.append(mount.source + QLatin1Char(':') + mount.destination +
                                    QStringLiteral(" propagation=") + mount.propagation);
            }
            Mount kept;
            kept.type = mount.type.isEmpty() ? QStringLiteral("bind") : mount.type;
            kept.name = mount.name;
            kept.source = kept.type == QLatin1String("volume") ? mount.name : mount.source;
            kept.destination = mount.destination;
            kept.rw = mount.rw;
            out.spec.mounts.append(kept);
            hasTmp = hasTmp || mount.destination == QLatin1String("/tmp");
        }
        if (!sharedMounts.isEmpty()) {
            change("5.20", QStringLiteral("mount propagation private (the default)"),
                   sharedMounts.join(QStringLiteral(", ")));
        }
        out.spec.readonlyRootfs = true;
        QString option = QStringLiteral("--read-only");
        if (!hasTmp) {
            Mount tmp;
            tmp.type = QStringLiteral("tmpfs");
            tmp.destination = QStringLiteral("/tmp");
            out.spec.mounts.append(tmp);
            option += QStringLiteral(" --mount type=tmpfs,target=/tmp");
        }
        change("5.13", option,
               QStringLiteral("ReadonlyRootfs=") +
                   (c.hostConfig.readonlyRootfs ? QStringLiteral("true") : QStringLiteral("false")),
               !c.hostConfig.readonlyRootfs);
    }

    void ports()
    {
        QList<PortBinding> bindings = c.hostConfig.portBindings;
        if (c.hostConfig.publishAllPorts) {
            // -P publishes every exposed port on every interface; name them.
            for (const QString &port : c.config.exposedPorts) {
                bindings.append({port, {}, {}});
            }
        }
        QStringList wildcard;
        QStringList privileged;
        for (PortBinding binding : bindings) {
            if (isAnyAddress(binding.hostIp)) {
                wildcard.append(bindingText(binding));
                binding.hostIp = opt.bindAddress;
            }
            const std::optional<int> low = lowestHostPort(binding.hostPort);
            if (low && *low < 1024) {
                privileged.append(bindingText(binding));
                binding.hostPort = raisedHostPort(binding.hostPort, opt.privilegedPortOffset);
            }
            out.spec.ports.append(binding);
        }
        if (!wildcard.isEmpty()) {
            change("5.14", QStringLiteral("--publish %1:…").arg(opt.bindAddress),
                   wildcard.join(QStringLiteral(", ")));
        }
        if (!privileged.isEmpty()) {
            change("5.8",
                   QStringLiteral("host ports raised by %1 (80 -> %2)")
                       .arg(opt.privilegedPortOffset)
                       .arg(80 + opt.privilegedPortOffset),
                   privileged.join(QStringLiteral(", ")));
        }
    }

    void namespaces()
    {
        const docker::HostConfig &h = c.hostConfig;
        const QLatin1String host("host");
        if (h.networkMode == host) {
            change("5.10", QStringLiteral("no --network host"), QStringLiteral("NetworkMode=host"));
            out.notes.append(QStringLiteral("It now joins the default bridge; a network of its "
                                            "own (docker network create) is better still "
                                            "(5.30)."));
        } else if (h.networkMode != QLatin1String("default")) {
            out.spec.networkMode = h.networkMode;
        }
        const std::tuple<const char *, const QString &, QString *, const char *> shared[] = {
            {"5.16", h.pidMode, &out.spec.pidMode, "--pid"},
            {"5.17", h.ipcMode, &out.spec.ipcMode, "--ipc"},
            {"5.21", h.utsMode, &out.spec.utsMode, "--uts"},
        };
        for (const auto &[checkId, mode, target, flag] : shared) {
            if (mode == host) {
                change(checkId, QStringLiteral("no %1 host").arg(QLatin1String(flag)),
                       QStringLiteral("%1=host").arg(QLatin1String(flag).mid(2)));
            } else if (!mode.isEmpty() && mode != QLatin1String("private") &&
                       mode != QLatin1String("shareable")) {
                *target = mode; // joins another container's namespace
            }
        }
        if (h.usernsMode == host) {
            change("5.31", QStringLiteral("no --userns host"), QStringLiteral("UsernsMode=host"));
        }
        if (!h.cgroupParent.isEmpty()) {
            change("5.25", QStringLiteral("no --cgroup-parent"),
                   QStringLiteral("CgroupParent=") + h.cgroupParent);
        }
    }

    void limits()
    {
        const docker::HostConfig &h = c.hostConfig;
        ContainerSpec &spec = out.spec;
        if (h.memory > 0) {
            spec.memory = h.memory;
        } else {
            spec.memory = opt.memoryBytes;
            change("5.11", QStringLiteral("--memory ") + dockerMemoryText(opt.memoryBytes),
                   QStringLiteral("Memory=0 (unlimited)"));
        }
        const bool sharesSet = h.cpuShares != 0 && h.cpuShares != 1024;
        if (h.nanoCpus > 0) {
            spec.nanoCpus = h.nanoCpus;
        } else if (h.cpuQuota > 0) {
            const qint64 period = h.cpuPeriod > 0 ? h.cpuPeriod : 100000;
            spec.nanoCpus = h.cpuQuota * 1'000'000'000 / period;
        }
        if (sharesSet) {
            spec.cpuShares = h.cpuShares;
        } else if (spec.nanoCpus == 0) {
            spec.cpuShares = opt.cpuShares;
            change("5.12", QStringLiteral("--cpu-shares ") + QString::number(opt.cpuShares),
                   QStringLiteral("CpuShares=%1 NanoCpus=0 CpuQuota=0").arg(h.cpuShares));
        }
        if (h.pidsLimit && *h.pidsLimit > 0) {
            spec.pidsLimit = h.pidsLimit;
        } else {
            spec.pidsLimit = opt.pidsLimit;
            change("5.29", QStringLiteral("--pids-limit ") + QString::number(opt.pidsLimit),
                   h.pidsLimit ? QStringLiteral("PidsLimit=%1 (unlimited)").arg(*h.pidsLimit)
                               : QStringLiteral("PidsLimit=null (unlimited)"));
        }
    }

    void restartAndHealth()
    {
        const docker::HostConfig &h = c.hostConfig;
        ContainerSpec &spec = out.spec;
        const QString policy = h.restartPolicy;
        const bool boundedRetry = policy == QLatin1String("on-failure") &&
                                  h.restartMaxRetries > 0 &&
                                  h.restartMaxRetries <= opt.restartRetries;
        spec.restartPolicy = QStringLiteral("on-failure");
        spec.restartMaxRetries = boundedRetry ? h.restartMaxRetries : opt.restartRetries;
        if (!boundedRetry) {
            const bool none = policy.isEmpty() || policy == QLatin1String("no");
            QString before = QStringLiteral("RestartPolicy=") +
                             (policy.isEmpty() ? QStringLiteral("(none)") : policy);
            if (policy == QLatin1String("on-failure")) {
                before += QLatin1Char(':') + QString::number(h.restartMaxRetries);
            }
            change("5.15", QStringLiteral("--restart on-failure:%1").arg(opt.restartRetries),
                   before, !none);
        }
        if (c.config.healthcheck.present()) {
            spec.healthcheck = c.config.healthcheck;
            return;
        }
        spec.healthcheck.test = opt.healthTest;
        spec.healthcheck.intervalNs = opt.healthIntervalNs;
        spec.healthcheck.timeoutNs = opt.healthTimeoutNs;
        spec.healthcheck.retries = opt.healthRetries;
        change(
            "5.27", QStringLiteral("--health-cmd ") + shellQuote(healthCommand(spec.healthcheck)),
            c.config.healthcheck.test.isEmpty() ? QStringLiteral("no health check")
                                                : QStringLiteral("health check disabled (NONE)"));
        out.notes.append(QStringLiteral(
            "The health check only says the main process is alive; replace it with one that "
            "asks the service itself (an HTTP request, a query)."));
    }

    void unfixable()
    {
        if (!out.spec.ports.isEmpty()) {
            out.notes.append(QStringLiteral("Review that each published port is needed (5.9)."));
        }
    }

    const ContainerInspect &c;
    const std::optional<ImageDefaults> &img;
    const HardeningOptions &opt;
    HardenedContainer out;
};

} // namespace

QStringList HardenedContainer::fixedCheckIds() const
{
    QStringList ids;
    for (const HardeningChange &item : changes) {
        if (item.offended && !ids.contains(item.checkId)) {
            ids.append(item.checkId);
        }
    }
    return ids;
}

HardenedContainer hardenContainer(const ContainerInspect &container,
                                  const std::optional<ImageDefaults> &image,
                                  const HardeningOptions &options)
{
    return Hardener(container, image, options).run();
}

QStringList dockerRunArguments(const ContainerSpec &spec)
{
    QStringList arguments = {QStringLiteral("run")};
    for (const QStringList &segment : runSegments(spec)) {
        arguments += segment;
    }
    return arguments;
}

QString dockerRunCommand(const ContainerSpec &spec)
{
    QStringList lines;
    for (const QStringList &segment : runSegments(spec)) {
        QStringList words;
        for (const QString &word : segment) {
            words.append(shellQuote(word));
        }
        lines.append(words.join(QLatin1Char(' ')));
    }
    return QStringLiteral("docker run ") + lines.join(QStringLiteral(" \\\n  "));
}

QString composeSnippet(const ContainerSpec &spec, const QString &serviceName)
{
    QStringList y;
    const QString service = serviceNameFor(serviceName.isEmpty() ? spec.name : serviceName);
    y << QStringLiteral("services:") << QStringLiteral("  %1:").arg(service);
    auto field = [&y](const char *key, const QString &value) {
        y << QStringLiteral("    %1: %2").arg(QLatin1String(key), value);
    };
    field("image", yamlString(spec.image));
    if (!spec.name.isEmpty()) {
        field("container_name", yamlString(spec.name));
    }
    if (!spec.entrypoint.isEmpty()) {
        field("entrypoint", yamlList(spec.entrypoint));
    }
    if (!spec.cmd.isEmpty()) {
        field("command", yamlList(spec.cmd));
    }
    if (!spec.user.isEmpty()) {
        field("user", yamlString(spec.user));
    }
    if (spec.privileged) {
        field("privileged", QStringLiteral("true"));
    }
    if (spec.readonlyRootfs) {
        field("read_only", QStringLiteral("true"));
    }
    if (!spec.capDrop.isEmpty()) {
        field("cap_drop", yamlList(spec.capDrop));
    }
    if (!spec.capAdd.isEmpty()) {
        field("cap_add", yamlList(spec.capAdd));
    }
    const QStringList securityOpt = effectiveSecurityOpt(spec);
    if (!securityOpt.isEmpty()) {
        field("security_opt", yamlList(securityOpt));
    }
    if (spec.memory > 0) {
        field("mem_limit", yamlString(dockerMemoryText(spec.memory)));
    }
    if (spec.nanoCpus > 0) {
        field("cpus", yamlString(cpusText(spec.nanoCpus)));
    }
    if (spec.cpuShares > 0) {
        field("cpu_shares", QString::number(spec.cpuShares));
    }
    if (spec.pidsLimit) {
        field("pids_limit", QString::number(*spec.pidsLimit));
    }
    if (!spec.restartPolicy.isEmpty()) {
        field("restart", yamlString(restartText(spec)));
    }
    const docker::Healthcheck &health = spec.healthcheck;
    if (health.present()) {
        y << QStringLiteral("    healthcheck:");
        y << QStringLiteral("      test: %1").arg(yamlList(health.test));
        if (health.intervalNs > 0) {
            y << QStringLiteral("      interval: %1").arg(goDurationText(health.intervalNs));
        }
        if (health.timeoutNs > 0) {
            y << QStringLiteral("      timeout: %1").arg(goDurationText(health.timeoutNs));
        }
        if (health.retries > 0) {
            y << QStringLiteral("      retries: %1").arg(health.retries);
        }
    } else if (!health.test.isEmpty()) {
        y << QStringLiteral("    healthcheck:") << QStringLiteral("      disable: true");
    }
    if (!spec.networkMode.isEmpty()) {
        field("network_mode", yamlString(spec.networkMode));
    }
    if (!spec.pidMode.isEmpty()) {
        field("pid", yamlString(spec.pidMode));
    }
    if (!spec.ipcMode.isEmpty()) {
        field("ipc", yamlString(spec.ipcMode));
    }
    if (!spec.utsMode.isEmpty()) {
        field("uts", yamlString(spec.utsMode));
    }
    if (!spec.ports.isEmpty()) {
        y << QStringLiteral("    ports:");
        for (const PortBinding &port : spec.ports) {
            y << QStringLiteral("      - %1").arg(yamlString(bindingText(port)));
        }
    }
    if (!spec.mounts.isEmpty()) {
        y << QStringLiteral("    volumes:");
        for (const Mount &mount : spec.mounts) {
            y << QStringLiteral("      - type: %1").arg(mount.type);
            if (!mount.source.isEmpty()) {
                y << QStringLiteral("        source: %1").arg(yamlString(mount.source));
            }
            y << QStringLiteral("        target: %1").arg(yamlString(mount.destination));
            if (!mount.rw) {
                y << QStringLiteral("        read_only: true");
            }
        }
    }
    if (!spec.labels.isEmpty()) {
        y << QStringLiteral("    labels:");
        for (auto it = spec.labels.cbegin(); it != spec.labels.cend(); ++it) {
            y << QStringLiteral("      %1: %2").arg(yamlString(it.key()), yamlString(it.value()));
        }
    }
    if (!spec.env.isEmpty()) {
        field("environment", yamlList(spec.env));
    }
    return y.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString dockerMemoryText(qint64 bytes)
{
    constexpr qint64 mib = 1024 * 1024;
    constexpr qint64 gib = 1024 * mib;
    if (bytes > 0 && bytes % gib == 0) {
        return QString::number(bytes / gib) + QLatin1Char('g');
    }
    if (bytes > 0 && bytes % mib == 0) {
        return QString::number(bytes / mib) + QLatin1Char('m');
    }
    return QString::number(bytes);
}

QString goDurationText(qint64 nanoseconds)
{
    constexpr qint64 ms = 1'000'000;
    constexpr qint64 s = 1000 * ms;
    if (nanoseconds <= 0) {
        return QStringLiteral("0s");
    }
    if (nanoseconds % s != 0) {
        if (nanoseconds % ms == 0) {
            return QString::number(nanoseconds / ms) + QStringLiteral("ms");
        }
        return QString::number(nanoseconds) + QStringLiteral("ns");
    }
    qint64 seconds = nanoseconds / s;
    QString text;
    if (seconds >= 3600) {
        text += QString::number(seconds / 3600) + QLatin1Char('h');
        seconds %= 3600;
    }
    if (seconds >= 60) {
        text += QString::number(seconds / 60) + QLatin1Char('m');
        seconds %= 60;
    }
    if (seconds > 0 || text.isEmpty()) {
        text += QString::number(seconds) + QLatin1Char('s');
    }
    return text;
}

QString shellQuote(const QString &word)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (plain.match(word).hasMatch()) {
        return word;
    }
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace drydock::bench
