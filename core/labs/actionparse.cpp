// SPDX-License-Identifier: GPL-3.0-or-later
// The action vocabulary's loader: each action type's fields, checked and
// turned into typed parameters.
#include "labchecker.h"

#include <QRegularExpression>

#include <arpa/inet.h>

namespace drydock::labs::detail {

using nlohmann::json;

namespace {

const QString kContainerNamePattern = QStringLiteral("[a-z0-9][a-z0-9_.-]{0,40}");
const QString kImagePattern =
    QStringLiteral("(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:[._-]+[a-z0-9]+)*"
                   "(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
                   "(?:@sha256:[a-f0-9]{64})?");
const QString kImageRule =
    QStringLiteral("an image reference such as "
                   "localhost:5000/drydock/signed:1 or drydock/base:busybox");
const QString kLocalTagPattern =
    QStringLiteral("[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*"
                   ":[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
const QString kCheckIdPattern = QStringLiteral("[0-9]+(?:\\.[0-9]+)*");
const QString kDurationPattern = QStringLiteral("[0-9]{1,9}(?:ms|s|m|h)");
const QString kDurationRule = QStringLiteral("a duration such as 500ms, 10s, 2m or 1h");

QList<Field> containerFields()
{
    return {{"type", Kind::String, true},
            {"title", Kind::String},
            {"name", Kind::String, true},
            {"image", Kind::String, true},
            {"cmd", Kind::Array},
            {"entrypoint", Kind::Array},
            {"env", Kind::Array},
            {"user", Kind::String},
            {"workdir", Kind::String},
            {"ports", Kind::Array},
            {"mounts", Kind::Array},
            {"capAdd", Kind::Array},
            {"capDrop", Kind::Array},
            {"securityOpt", Kind::Array},
            {"readOnly", Kind::Boolean},
            {"privileged", Kind::Boolean},
            {"noNewPrivileges", Kind::Boolean},
            {"memory", Kind::Any},
            {"cpus", Kind::Number},
            {"cpuShares", Kind::Integer},
            {"pidsLimit", Kind::Integer},
            {"network", Kind::String},
            {"pidMode", Kind::String},
            {"ipcMode", Kind::String},
            {"utsMode", Kind::String},
            {"restart", Kind::String},
            {"healthcheck", Kind::Object},
            {"labels", Kind::Object},
            {"replace", Kind::Boolean}};
}

std::optional<HealthcheckSpec> parseHealthcheck(Checker &c, const QString &p, const json &v,
                                                bool withOp)
{
    QList<Field> fields{{"test", Kind::Array, true},
                        {"interval", Kind::String},
                        {"timeout", Kind::String},
                        {"startPeriod", Kind::String},
                        {"retries", Kind::Integer}};
    if (withOp) {
        fields.prepend({"op", Kind::String, true});
    }
    if (!c.object(p, v, QStringLiteral("a health check"), fields)) {
        return std::nullopt;
    }
    HealthcheckSpec h;
    h.test = c.stringList(p, v, "test");
    const QStringList forms{QStringLiteral("CMD"), QStringLiteral("CMD-SHELL"),
                            QStringLiteral("NONE")};
    if (v.contains("test") && v["test"].is_array()) {
        if (h.test.isEmpty()) {
            c.error(pointerChild(p, QStringLiteral("test")),
                    QStringLiteral("\"test\" must start with CMD, CMD-SHELL or NONE"));
        } else if (!forms.contains(h.test.first())) {
            c.error(pointerChild(pointerChild(p, QStringLiteral("test")), 0),
                    QStringLiteral("\"test\" must start with CMD, CMD-SHELL or NONE, not \"%1\"")
                        .arg(h.test.first()));
        } else if (h.test.first() != QLatin1String("NONE") && h.test.size() < 2) {
            c.error(pointerChild(p, QStringLiteral("test")),
                    QStringLiteral("\"test\" needs the command after %1").arg(h.test.first()));
        }
    }
    const auto duration = [&](const char *key, qint64 &out) {
        const QString text = c.matching(p, v, key, kDurationPattern, kDurationRule);
        if (const auto ns = parseDuration(text)) {
            out = *ns;
        }
    };
    duration("interval", h.intervalNs);
    duration("timeout", h.timeoutNs);
    duration("startPeriod", h.startPeriodNs);
    if (const auto retries = Checker::integer(v, "retries")) {
        h.retries = int(*retries);
        if (*retries < 0 || *retries > 100) {
            c.error(pointerChild(p, QStringLiteral("retries")),
                    QStringLiteral("\"retries\" must be between 0 and 100"));
        }
    }
    return h;
}

QStringList capabilities(Checker &c, const QString &p, const json &v, const char *key)
{
    QStringList caps = c.stringList(p, v, key);
    static const QRegularExpression re(QStringLiteral("^(?:CAP_)?[A-Z][A-Z_]*$"));
    for (int i = 0; i < caps.size(); ++i) {
        if (!re.match(caps.at(i)).hasMatch()) {
            c.error(pointerChild(pointerChild(p, QLatin1String(key)), i),
                    QStringLiteral("\"%1\" is not a capability name (such as NET_ADMIN or ALL)")
                        .arg(caps.at(i)));
        }
        if (caps.at(i).startsWith(QLatin1String("CAP_"))) {
            caps[i] = caps.at(i).mid(4);
        }
    }
    return caps;
}

QMap<QString, QString> labelMap(Checker &c, const QString &p, const json &v)
{
    QMap<QString, QString> labels;
    if (!v.is_object()) {
        return labels;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
        const QString key = qs(it.key());
        const QString lp = pointerChild(p, key);
        if (!it->is_string()) {
            c.error(lp, QStringLiteral("label \"%1\" must be a string, found %2")
                            .arg(key, jsonTypeName(*it)));
            continue;
        }
        if (key.startsWith(QLatin1String("org.drydock."))) {
            c.error(lp,
                    QStringLiteral("labels under org.drydock. are Drydock's own; choose "
                                   "another key than \"%1\"")
                        .arg(key),
                    true);
            continue;
        }
        labels.insert(key, qs(it->get<std::string>()));
    }
    return labels;
}

bool isIpAddress(const QString &text)
{
    const QByteArray ascii = text.toLatin1();
    unsigned char buffer[16];
    return ::inet_pton(AF_INET, ascii.constData(), buffer) == 1 ||
           ::inet_pton(AF_INET6, ascii.constData(), buffer) == 1;
}

ContainerParams parseContainer(Checker &c, const QString &p, const json &v, const QString &what,
                               bool trusted)
{
    ContainerParams s;
    if (!c.object(p, v, what, containerFields())) {
        return s;
    }
    s.name = c.matching(p, v, "name", kContainerNamePattern,
                        QStringLiteral("use lower-case letters, digits, '_', '.' and '-', "
                                       "at most 41 characters"));
    s.image = c.matching(p, v, "image", kImagePattern, kImageRule);
    if (trusted && !s.image.isEmpty() && s.image.contains(QLatin1Char('@'))) {
        c.error(pointerChild(p, QStringLiteral("image")),
                QStringLiteral("a trustedRun names a tag, which trust resolves to a digest; "
                               "drop the @sha256 part"));
    }
    s.cmd = c.stringList(p, v, "cmd");
    s.entrypoint = c.stringList(p, v, "entrypoint");
    s.env = c.stringList(p, v, "env");
    for (int i = 0; i < s.env.size(); ++i) {
        if (!s.env.at(i).contains(QLatin1Char('=')) || s.env.at(i).startsWith(QLatin1Char('='))) {
            c.error(
                pointerChild(pointerChild(p, QStringLiteral("env")), i),
                QStringLiteral("environment entries are NAME=value, not \"%1\"").arg(s.env.at(i)));
        }
    }
    s.user = c.matching(p, v, "user", QStringLiteral("[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)?"),
                        QStringLiteral("a user name or uid, optionally :group"));
    s.workdir = c.matching(p, v, "workdir", QStringLiteral("/.*"),
                           QStringLiteral("an absolute path inside the container"));
    if (v.contains("ports") && v["ports"].is_array()) {
        const QString pp = pointerChild(p, QStringLiteral("ports"));
        for (std::size_t i = 0; i < v["ports"].size(); ++i) {
            const QString ip = pointerChild(pp, int(i));
            const json &port = v["ports"][i];
            if (!c.object(ip, port, QStringLiteral("a port"),
                          {{"container", Kind::String, true},
                           {"hostIp", Kind::String},
                           {"hostPort", Kind::String}})) {
                continue;
            }
            PortSpec ps;
            ps.container = c.matching(ip, port, "container",
                                      QStringLiteral("[0-9]{1,5}(?:/(?:tcp|udp|sctp))?"),
                                      QStringLiteral("a port such as 8080 or 8080/tcp"));
            if (!ps.container.isEmpty() && !ps.container.contains(QLatin1Char('/'))) {
                ps.container += QLatin1String("/tcp");
            }
            ps.hostIp = Checker::string(port, "hostIp");
            if (!ps.hostIp.isEmpty() && !isIpAddress(ps.hostIp)) {
                c.error(pointerChild(ip, QStringLiteral("hostIp")),
                        QStringLiteral("\"%1\" is not an IP address").arg(ps.hostIp));
            }
            ps.hostPort = c.matching(ip, port, "hostPort", QStringLiteral("[0-9]{1,5}"),
                                     QStringLiteral("a port number; leave it out to let the "
                                                    "engine pick a free one"));
            s.ports.append(ps);
        }
    }
    if (v.contains("mounts") && v["mounts"].is_array()) {
        const QString mp = pointerChild(p, QStringLiteral("mounts"));
        for (std::size_t i = 0; i < v["mounts"].size(); ++i) {
            const QString ip = pointerChild(mp, int(i));
            const json &mount = v["mounts"][i];
            if (!c.object(ip, mount, QStringLiteral("a mount"),
                          {{"type", Kind::String, true},
                           {"source", Kind::String},
                           {"target", Kind::String, true},
                           {"readOnly", Kind::Boolean}})) {
                continue;
            }
            MountSpec ms;
            ms.type =
                c.oneOf(ip, mount, "type",
                        {QStringLiteral("bind"), QStringLiteral("volume"), QStringLiteral("tmpfs")},
                        QStringLiteral("mount type"));
            ms.source = Checker::string(mount, "source");
            ms.target = c.matching(ip, mount, "target", QStringLiteral("/.*"),
                                   QStringLiteral("an absolute path inside the container"));
            ms.readOnly = Checker::boolean(mount, "readOnly");
            const QString sp = pointerChild(ip, QStringLiteral("source"));
            if (ms.type == QLatin1String("bind") && !ms.source.startsWith(QLatin1Char('/'))) {
                c.error(mount.contains("source") ? sp : ip,
                        QStringLiteral("a bind mount needs an absolute host path in \"source\""));
            } else if (ms.type == QLatin1String("volume") && !ms.source.isEmpty()) {
                c.matching(ip, mount, "source", QStringLiteral("[a-zA-Z0-9][a-zA-Z0-9_.-]*"),
                           QStringLiteral("a volume name"));
            } else if (ms.type == QLatin1String("tmpfs") && mount.contains("source")) {
                c.error(sp, QStringLiteral("a tmpfs mount has no \"source\""));
            }
            s.mounts.append(ms);
        }
    }
    s.capAdd = capabilities(c, p, v, "capAdd");
    s.capDrop = capabilities(c, p, v, "capDrop");
    s.securityOpt = c.stringList(p, v, "securityOpt");
    static const QRegularExpression secopt(QStringLiteral(
        "^(?:no-new-privileges(?::(?:true|false))?|(?:seccomp|apparmor|label)[=:].+)$"));
    for (int i = 0; i < s.securityOpt.size(); ++i) {
        if (!secopt.match(s.securityOpt.at(i)).hasMatch()) {
            c.error(pointerChild(pointerChild(p, QStringLiteral("securityOpt")), i),
                    QStringLiteral("\"%1\" is not a security option (no-new-privileges, "
                                   "seccomp=..., apparmor=..., label=...)")
                        .arg(s.securityOpt.at(i)));
        }
    }
    s.readOnly = Checker::boolean(v, "readOnly");
    s.privileged = Checker::boolean(v, "privileged");
    s.noNewPrivileges = Checker::boolean(v, "noNewPrivileges");
    if (v.contains("memory")) {
        if (const auto bytes = parseByteSize(v["memory"])) {
            s.memory = *bytes;
            if (*bytes < 6 * 1024 * 1024) {
                c.error(pointerChild(p, QStringLiteral("memory")),
                        QStringLiteral("the engine refuses memory limits below 6m"));
            }
        } else {
            c.error(pointerChild(p, QStringLiteral("memory")),
                    QStringLiteral("\"memory\" must be a size such as \"64m\" or \"1g\", or a "
                                   "number of bytes"));
        }
    }
    if (v.contains("cpus") && v["cpus"].is_number()) {
        const double cpus = v["cpus"].get<double>();
        if (cpus <= 0 || cpus > 1024) {
            c.error(pointerChild(p, QStringLiteral("cpus")),
                    QStringLiteral("\"cpus\" must be above 0 and at most 1024"));
        } else {
            s.nanoCpus = qint64(cpus * 1e9);
        }
    }
    if (const auto shares = Checker::integer(v, "cpuShares")) {
        s.cpuShares = *shares;
        if (*shares < 2 || *shares > 262144) {
            c.error(pointerChild(p, QStringLiteral("cpuShares")),
                    QStringLiteral("\"cpuShares\" must be between 2 and 262144"));
        }
    }
    if (const auto pids = Checker::integer(v, "pidsLimit")) {
        s.pidsLimit = *pids;
        if (*pids < -1 || *pids == 0) {
            c.error(pointerChild(p, QStringLiteral("pidsLimit")),
                    QStringLiteral("\"pidsLimit\" must be positive, or -1 for no limit"));
        }
    }
    s.network = c.matching(p, v, "network", QStringLiteral("[a-zA-Z0-9][a-zA-Z0-9_.-]*"),
                           QStringLiteral("bridge, host, none or a network's name"));
    s.pidMode = c.oneOf(p, v, "pidMode", {QStringLiteral("host")}, QStringLiteral("pid mode"));
    s.ipcMode = c.oneOf(p, v, "ipcMode",
                        {QStringLiteral("private"), QStringLiteral("shareable"),
                         QStringLiteral("host"), QStringLiteral("none")},
                        QStringLiteral("ipc mode"));
    s.utsMode = c.oneOf(p, v, "utsMode", {QStringLiteral("host")}, QStringLiteral("uts mode"));
    const QString restart = c.matching(
        p, v, "restart", QStringLiteral("no|always|unless-stopped|on-failure(?::[0-9]{1,4})?"),
        QStringLiteral("no, always, unless-stopped, on-failure or on-failure:N"));
    if (!restart.isEmpty()) {
        s.restartPolicy = restart.section(QLatin1Char(':'), 0, 0);
        s.restartMaxRetries = restart.section(QLatin1Char(':'), 1, 1).toInt();
    }
    if (v.contains("healthcheck") && v["healthcheck"].is_object()) {
        s.healthcheck = parseHealthcheck(c, pointerChild(p, QStringLiteral("healthcheck")),
                                         v["healthcheck"], false);
    }
    if (v.contains("labels") && v["labels"].is_object()) {
        s.labels = labelMap(c, pointerChild(p, QStringLiteral("labels")), v["labels"]);
    }
    s.replace = Checker::boolean(v, "replace", true);
    return s;
}

int parseMode(const QString &text)
{
    bool ok = false;
    const int mode = text.toInt(&ok, 8);
    return ok ? mode : 0644;
}

std::optional<BuildInstruction> parseInstruction(Checker &c, const QString &p, const json &v)
{
    using K = BuildInstruction::Kind;
    static const QList<QPair<QString, K>> ops{{QStringLiteral("copy"), K::Copy},
                                              {QStringLiteral("add"), K::Add},
                                              {QStringLiteral("recordedRun"), K::RecordedRun},
                                              {QStringLiteral("user"), K::User},
                                              {QStringLiteral("healthcheck"), K::Healthcheck},
                                              {QStringLiteral("cmd"), K::Cmd},
                                              {QStringLiteral("entrypoint"), K::Entrypoint},
                                              {QStringLiteral("env"), K::Env},
                                              {QStringLiteral("workdir"), K::Workdir},
                                              {QStringLiteral("label"), K::Label},
                                              {QStringLiteral("expose"), K::Expose}};
    if (!v.is_object()) {
        c.error(p,
                QStringLiteral("an instruction must be an object, found %1").arg(jsonTypeName(v)));
        return std::nullopt;
    }
    QStringList names;
    for (const auto &op : ops) {
        names.append(op.first);
    }
    if (!v.contains("op")) {
        c.error(p, QStringLiteral("missing required field \"op\" in an instruction; one of: %1")
                       .arg(names.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    if (!v["op"].is_string()) {
        c.error(pointerChild(p, QStringLiteral("op")),
                QStringLiteral("\"op\" must be a string, found %1").arg(jsonTypeName(v["op"])));
        return std::nullopt;
    }
    const QString opName = c.oneOf(p, v, "op", names, QStringLiteral("instruction"));
    std::optional<K> kind;
    for (const auto &op : ops) {
        if (op.first == opName) {
            kind = op.second;
        }
    }
    if (!kind) {
        return std::nullopt;
    }
    BuildInstruction in;
    in.kind = *kind;
    const QString what = QStringLiteral("a %1 instruction").arg(opName);
    switch (*kind) {
    case K::Copy:
    case K::Add: {
        c.object(p, v, what,
                 {{"op", Kind::String, true},
                  {"path", Kind::String, true},
                  {"content", Kind::String},
                  {"source", Kind::String},
                  {"mode", Kind::String},
                  {"owner", Kind::String}});
        in.path = c.matching(p, v, "path", QStringLiteral("/(?:[^/\\0]+/)*[^/\\0]+"),
                             QStringLiteral("an absolute path of a file inside the image"));
        if (in.path.split(QLatin1Char('/')).contains(QStringLiteral(".."))) {
            c.error(pointerChild(p, QStringLiteral("path")),
                    QStringLiteral("\"path\" must not contain \"..\""));
        }
        const bool hasContent = v.contains("content");
        const bool hasSource = v.contains("source");
        if (hasContent == hasSource) {
            c.error(p, QStringLiteral("%1 needs exactly one of \"content\" (the text) or "
                                      "\"source\" (a file in the lab's folder)")
                           .arg(what));
        }
        in.content = Checker::string(v, "content").toUtf8();
        if (hasSource && v["source"].is_string()) {
            const auto resolved = resolveAsset(c.folder(), Checker::string(v, "source"));
            if (resolved) {
                in.sourceFile = *resolved;
            } else {
                c.error(pointerChild(p, QStringLiteral("source")), resolved.error().message);
            }
        }
        const QString mode = c.matching(p, v, "mode", QStringLiteral("0?[0-7]{3,4}"),
                                        QStringLiteral("an octal mode such as 0644 or 4755"));
        if (!mode.isEmpty()) {
            in.mode = parseMode(mode);
        }
        const QString owner = c.matching(p, v, "owner", QStringLiteral("[0-9]{1,9}:[0-9]{1,9}"),
                                         QStringLiteral("numeric uid:gid such as 1000:1000"));
        if (!owner.isEmpty()) {
            in.uid = owner.section(QLatin1Char(':'), 0, 0).toInt();
            in.gid = owner.section(QLatin1Char(':'), 1, 1).toInt();
        }
        break;
    }
    case K::RecordedRun:
        c.object(p, v, what, {{"op", Kind::String, true}, {"command", Kind::String, true}});
        in.text = c.nonEmpty(p, v, "command");
        break;
    case K::User:
        c.object(p, v, what, {{"op", Kind::String, true}, {"user", Kind::String, true}});
        in.text = c.matching(p, v, "user", QStringLiteral("[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)?"),
                             QStringLiteral("a user name or uid, optionally :group"));
        break;
    case K::Healthcheck:
        if (auto h = parseHealthcheck(c, p, v, true)) {
            in.healthcheck = *h;
        }
        break;
    case K::Cmd:
    case K::Entrypoint:
        c.object(p, v, what, {{"op", Kind::String, true}, {"args", Kind::Array, true}});
        in.list = c.stringList(p, v, "args");
        break;
    case K::Env:
        c.object(p, v, what, {{"op", Kind::String, true}, {"values", Kind::Array, true}});
        in.list = c.stringList(p, v, "values");
        for (int i = 0; i < in.list.size(); ++i) {
            if (!in.list.at(i).contains(QLatin1Char('='))) {
                c.error(pointerChild(pointerChild(p, QStringLiteral("values")), i),
                        QStringLiteral("environment entries are NAME=value, not \"%1\"")
                            .arg(in.list.at(i)));
            }
        }
        break;
    case K::Workdir:
        c.object(p, v, what, {{"op", Kind::String, true}, {"path", Kind::String, true}});
        in.text = c.matching(p, v, "path", QStringLiteral("/.*"),
                             QStringLiteral("an absolute path inside the image"));
        break;
    case K::Label:
        c.object(p, v, what, {{"op", Kind::String, true}, {"labels", Kind::Object, true}});
        if (v.contains("labels")) {
            in.labels = labelMap(c, pointerChild(p, QStringLiteral("labels")), v["labels"]);
        }
        break;
    case K::Expose:
        c.object(p, v, what, {{"op", Kind::String, true}, {"port", Kind::String, true}});
        in.text = c.matching(p, v, "port", QStringLiteral("[0-9]{1,5}(?:/(?:tcp|udp|sctp))?"),
                             QStringLiteral("a port such as 8080 or 8080/tcp"));
        break;
    }
    return in;
}

BuildImageAction parseBuild(Checker &c, const QString &p, const json &v)
{
    BuildImageAction b;
    c.object(p, v, QStringLiteral("a buildImage action"),
             {{"type", Kind::String, true},
              {"title", Kind::String},
              {"tag", Kind::String, true},
              {"from", Kind::String},
              {"instructions", Kind::Array, true}});
    b.tag = c.matching(p, v, "tag", kLocalTagPattern,
                       QStringLiteral("a local name with a tag, such as labs/hygiene:better "
                                      "(no registry host: built images stay on this engine)"));
    const QString firstPart = b.tag.section(QLatin1Char('/'), 0, 0);
    if (b.tag.contains(QLatin1Char('/')) && firstPart.contains(QLatin1Char('.'))) {
        c.error(pointerChild(p, QStringLiteral("tag")),
                QStringLiteral("\"%1\" names a registry host; built images stay on this engine")
                    .arg(b.tag));
    }
    if (b.tag == QLatin1String(kBaseImage)) {
        c.error(pointerChild(p, QStringLiteral("tag")),
                QStringLiteral("%1 is Drydock's base image; give the built image another name")
                    .arg(b.tag));
    }
    b.from = Checker::string(v, "from");
    if (v.contains("instructions") && v["instructions"].is_array()) {
        const QString ip = pointerChild(p, QStringLiteral("instructions"));
        if (v["instructions"].empty()) {
            c.error(ip, QStringLiteral("a buildImage action needs at least one instruction"));
        }
        for (std::size_t i = 0; i < v["instructions"].size(); ++i) {
            if (auto in = parseInstruction(c, pointerChild(ip, int(i)), v["instructions"][i])) {
                b.instructions.append(std::move(*in));
            }
        }
    }
    return b;
}

} // namespace

std::optional<Action> parseAction(Checker &c, const QString &p, const json &v)
{
    if (!v.is_object()) {
        c.error(p, QStringLiteral("an action must be an object, found %1").arg(jsonTypeName(v)));
        return std::nullopt;
    }
    if (!v.contains("type")) {
        c.error(p, QStringLiteral("missing required field \"type\" in an action; one of: %1")
                       .arg(actionTypeNames().join(QStringLiteral(", "))));
        return std::nullopt;
    }
    if (!v["type"].is_string()) {
        c.error(pointerChild(p, QStringLiteral("type")),
                QStringLiteral("\"type\" must be a string, found %1").arg(jsonTypeName(v["type"])));
        return std::nullopt;
    }
    const QString typeName = qs(v["type"].get<std::string>());
    const auto type = actionTypeFromName(typeName);
    if (!type) {
        QString message = QStringLiteral("unknown action type \"%1\"").arg(typeName);
        const QString close = suggestion(typeName, actionTypeNames());
        message += close.isEmpty() ? QStringLiteral("; actions are a fixed vocabulary: %1")
                                         .arg(actionTypeNames().join(QStringLiteral(", ")))
                                   : QStringLiteral("; did you mean \"%1\"?").arg(close);
        c.error(pointerChild(p, QStringLiteral("type")), message);
        return std::nullopt;
    }
    Action a;
    a.type = *type;
    a.location = p;
    a.label = Checker::string(v, "title");
    const QString what = QStringLiteral("a %1 action").arg(typeName);
    switch (*type) {
    case ActionType::RunContainer:
        a.params = RunContainerAction{parseContainer(c, p, v, what, false)};
        break;
    case ActionType::TrustedRun:
        a.params = TrustedRunAction{parseContainer(c, p, v, what, true)};
        break;
    case ActionType::StopContainer:
    case ActionType::RemoveContainer:
        c.object(
            p, v, what,
            {{"type", Kind::String, true}, {"title", Kind::String}, {"name", Kind::String, true}});
        a.params = ContainerRefAction{Checker::string(v, "name")};
        break;
    case ActionType::Cleanup:
        c.object(
            p, v, what,
            {{"type", Kind::String, true}, {"title", Kind::String}, {"images", Kind::Boolean}});
        a.params = CleanupAction{Checker::boolean(v, "images", true)};
        break;
    case ActionType::RunBench: {
        c.object(p, v, what,
                 {{"type", Kind::String, true},
                  {"title", Kind::String},
                  {"checks", Kind::Array},
                  {"exclude", Kind::Array},
                  {"labContainersOnly", Kind::Boolean}});
        RunBenchAction bench;
        bench.checks = c.stringList(p, v, "checks");
        bench.exclude = c.stringList(p, v, "exclude");
        static const QRegularExpression id(QRegularExpression::anchoredPattern(kCheckIdPattern));
        for (const char *key : {"checks", "exclude"}) {
            const QStringList &list = qstrcmp(key, "checks") == 0 ? bench.checks : bench.exclude;
            for (int i = 0; i < list.size(); ++i) {
                if (!id.match(list.at(i)).hasMatch()) {
                    c.error(pointerChild(pointerChild(p, QLatin1String(key)), i),
                            QStringLiteral("\"%1\" is not a check id or section (such as 5 or "
                                           "5.10)")
                                .arg(list.at(i)));
                }
            }
        }
        bench.labContainersOnly = Checker::boolean(v, "labContainersOnly", true);
        a.params = bench;
        break;
    }
    case ActionType::Pull:
        c.object(p, v, what,
                 {{"type", Kind::String, true},
                  {"title", Kind::String},
                  {"image", Kind::String, true},
                  {"trust", Kind::Boolean, true}});
        a.params = PullAction{c.matching(p, v, "image", kImagePattern, kImageRule),
                              Checker::boolean(v, "trust")};
        break;
    case ActionType::LabenvUp:
    case ActionType::LabenvDown:
        c.object(p, v, what, {{"type", Kind::String, true}, {"title", Kind::String}});
        a.params = LabenvAction{*type == ActionType::LabenvUp};
        break;
    case ActionType::OpenView:
        c.object(
            p, v, what,
            {{"type", Kind::String, true}, {"title", Kind::String}, {"view", Kind::String, true}});
        a.params = OpenViewAction{c.oneOf(p, v, "view", knownViews(), QStringLiteral("view"))};
        break;
    case ActionType::BuildImage:
        a.params = parseBuild(c, p, v);
        break;
    }
    return a;
}

} // namespace drydock::labs::detail
