// SPDX-License-Identifier: GPL-3.0-or-later
// The offline image builder behind buildImage.
#include "imagebuilder.h"

#include "tarwriter.h"
#include "util/atomicfile.h"
#include "util/http.h"

#include <QCryptographicHash>

namespace drydock::labs {

using nlohmann::json;

namespace {

QString durationText(qint64 ns)
{
    if (ns % 1000000000LL == 0) {
        return QString::number(ns / 1000000000LL) + QLatin1Char('s');
    }
    return QString::number(ns / 1000000LL) + QStringLiteral("ms");
}

QString jsonArray(const QStringList &items)
{
    json array = json::array();
    for (const QString &item : items) {
        array.push_back(item.toStdString());
    }
    return QString::fromStdString(array.dump());
}

QString healthcheckText(const HealthcheckSpec &h)
{
    if (h.test.value(0) == QLatin1String("NONE")) {
        return QStringLiteral("HEALTHCHECK NONE");
    }
    QString text = QStringLiteral("HEALTHCHECK");
    if (h.intervalNs > 0) {
        text += QStringLiteral(" --interval=") + durationText(h.intervalNs);
    }
    if (h.timeoutNs > 0) {
        text += QStringLiteral(" --timeout=") + durationText(h.timeoutNs);
    }
    if (h.startPeriodNs > 0) {
        text += QStringLiteral(" --start-period=") + durationText(h.startPeriodNs);
    }
    if (h.retries > 0) {
        text += QStringLiteral(" --retries=") + QString::number(h.retries);
    }
    if (h.test.value(0) == QLatin1String("CMD-SHELL")) {
        return text + QStringLiteral(" CMD ") + h.test.mid(1).join(QLatin1Char(' '));
    }
    return text + QStringLiteral(" CMD ") + jsonArray(h.test.mid(1));
}

QByteArray fileContent(const BuildInstruction &in, Error *error)
{
    if (in.sourceFile.isEmpty()) {
        return in.content;
    }
    const auto data = readFileLimited(in.sourceFile, 16 * 1024 * 1024);
    if (!data) {
        *error = data.error();
        return {};
    }
    return *data;
}

QString contentDigest(const QByteArray &content)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
}

QString versioned(const docker::EngineClient &engine, const QString &path)
{
    return QStringLiteral("/v") + engine.apiVersion() + path;
}

Result<json> call(docker::EngineClient &engine, const QByteArray &method, const QString &path,
                  const QByteArray &body, const QByteArray &contentType, const QString &what,
                  const CancelToken &cancel)
{
    HttpRequest req;
    req.method = method;
    req.path = versioned(engine, path);
    req.body = body;
    if (!contentType.isEmpty()) {
        req.addHeader("Content-Type", contentType);
    }
    req.timeoutMs = 120000;
    const auto response = engine.request(req, cancel);
    if (!response) {
        return response.error();
    }
    if (response->status / 100 != 2) {
        return docker::engineError(*response, what);
    }
    if (response->body.trimmed().isEmpty()) {
        return json();
    }
    return docker::parseJsonBody(response->body, what);
}

json labelsJson(const QMap<QString, QString> &labels)
{
    json out = json::object();
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        out[it.key().toStdString()] = it.value().toStdString();
    }
    return out;
}

json listJson(const QStringList &items)
{
    json out = json::array();
    for (const QString &item : items) {
        out.push_back(item.toStdString());
    }
    return out;
}

// The image configuration as the recipe changes it, starting from the
// parent image's.
struct ConfigState
{
    json config;

    void apply(const BuildInstruction &in)
    {
        using K = BuildInstruction::Kind;
        switch (in.kind) {
        case K::User:
            config["User"] = in.text.toStdString();
            break;
        case K::Healthcheck: {
            json h = {{"Test", listJson(in.healthcheck.test)}};
            if (in.healthcheck.intervalNs > 0) {
                h["Interval"] = in.healthcheck.intervalNs;
            }
            if (in.healthcheck.timeoutNs > 0) {
                h["Timeout"] = in.healthcheck.timeoutNs;
            }
            if (in.healthcheck.startPeriodNs > 0) {
                h["StartPeriod"] = in.healthcheck.startPeriodNs;
            }
            if (in.healthcheck.retries > 0) {
                h["Retries"] = in.healthcheck.retries;
            }
            config["Healthcheck"] = h;
            break;
        }
        case K::Cmd:
            config["Cmd"] = listJson(in.list);
            break;
        case K::Entrypoint:
            config["Entrypoint"] = listJson(in.list);
            break;
        case K::Env: {
            json env =
                config.contains("Env") && config["Env"].is_array() ? config["Env"] : json::array();
            for (const QString &entry : in.list) {
                const std::string name = entry.section(QLatin1Char('='), 0, 0).toStdString();
                json kept = json::array();
                for (const json &e : env) {
                    if (!e.is_string() || e.get<std::string>().rfind(name + "=", 0) != 0) {
                        kept.push_back(e);
                    }
                }
                kept.push_back(entry.toStdString());
                env = kept;
            }
            config["Env"] = env;
            break;
        }
        case K::Workdir:
            config["WorkingDir"] = in.text.toStdString();
            break;
        case K::Label: {
            if (!config.contains("Labels") || !config["Labels"].is_object()) {
                config["Labels"] = json::object();
            }
            for (auto it = in.labels.begin(); it != in.labels.end(); ++it) {
                config["Labels"][it.key().toStdString()] = it.value().toStdString();
            }
            break;
        }
        case K::Expose: {
            if (!config.contains("ExposedPorts") || !config["ExposedPorts"].is_object()) {
                config["ExposedPorts"] = json::object();
            }
            QString port = in.text;
            if (!port.contains(QLatin1Char('/'))) {
                port += QLatin1String("/tcp");
            }
            config["ExposedPorts"][port.toStdString()] = json::object();
            break;
        }
        case K::Copy:
        case K::Add:
        case K::RecordedRun:
            break;
        }
    }
};

class Builder
{
public:
    Builder(docker::EngineClient &engine, const BuildRequest &request, const CancelToken &cancel,
            const std::function<void(const QString &)> &log)
        : m_engine(engine), m_request(request), m_cancel(cancel), m_log(log)
    {}

    Result<QString> run()
    {
        // A lab builds under names of its own: an image that already holds
        // the name and was not built by this lab (the user's nginx:latest,
        // the shared base image) is never re-tagged or removed.
        if (const auto holder = m_engine.inspectImage(m_request.targetImage, m_cancel);
            holder && !builtByThisLab(*holder)) {
            return nameTaken(*holder);
        }
        const auto parent = m_engine.inspectImage(m_request.fromImage, m_cancel);
        if (!parent) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("The image to build from, %1, is not on the engine.")
                                 .arg(m_request.fromImage),
                             QStringLiteral("Run the step that builds it first."));
        }
        m_state.config = parent->raw.contains("Config") && parent->raw["Config"].is_object()
                             ? parent->raw["Config"]
                             : json::object();
        QString current = parent->id;
        for (const BuildInstruction &in : m_request.recipe.instructions) {
            m_state.apply(in);
            auto next = layer(current, in);
            if (!next) {
                discardIntermediates();
                return next.error();
            }
            current = *next;
            m_intermediates.append(current);
        }
        return tag(current);
    }

private:
    void say(const QString &line) const
    {
        if (m_log) {
            m_log(line);
        }
    }

    json commitConfig() const
    {
        json config = m_state.config;
        json labels = config.contains("Labels") && config["Labels"].is_object() ? config["Labels"]
                                                                                : json::object();
        for (auto it = m_request.labels.begin(); it != m_request.labels.end(); ++it) {
            labels[it.key().toStdString()] = it.value().toStdString();
        }
        config["Labels"] = labels;
        // The commit takes anything left empty from the helper container,
        // whose command is the history text: say every field explicitly.
        if (!config.contains("Cmd") || config["Cmd"].is_null()) {
            config["Cmd"] = json::array();
        }
        config.erase("Image");
        config.erase("Hostname");
        return config;
    }

    Result<QString> layer(const QString &parentId, const BuildInstruction &in)
    {
        const QString history = historyTextFor(in);
        say(QStringLiteral("Step: ") + history);
        json create = {{"Image", parentId.toStdString()},
                       {"Cmd", {"/bin/sh", "-c", history.toStdString()}},
                       {"Entrypoint", json::array()},
                       {"Labels", labelsJson(m_request.labels)},
                       {"HostConfig", {{"NetworkMode", "none"}}}};
        const auto created = call(m_engine, "POST", QStringLiteral("/containers/create"),
                                  QByteArray::fromStdString(create.dump()), "application/json",
                                  QStringLiteral("creating a build container"), m_cancel);
        if (!created) {
            return created.error();
        }
        const QString container = created->is_object() && created->contains("Id")
                                      ? QString::fromStdString((*created)["Id"].get<std::string>())
                                      : QString();
        if (container.isEmpty()) {
            return makeError(ErrorKind::Protocol,
                             QStringLiteral("The engine created a build container but sent no "
                                            "id."));
        }
        auto committed = fillAndCommit(container, in);
        // The helper container is never started; remove it whatever happened.
        if (auto removed = m_engine.removeContainer(container, true); !removed) {
            say(QStringLiteral("Could not remove build container %1: %2")
                    .arg(container.left(12), removed.error().message));
        }
        return committed;
    }

    Result<QString> fillAndCommit(const QString &container, const BuildInstruction &in)
    {
        using K = BuildInstruction::Kind;
        if (in.kind == K::Copy || in.kind == K::Add) {
            Error readError;
            const QByteArray content = fileContent(in, &readError);
            if (!readError.message.isEmpty()) {
                return readError;
            }
            TarWriter tar;
            tar.addFile(in.path.mid(1), content, in.mode, in.uid, in.gid);
            const auto put =
                call(m_engine, "PUT",
                     QStringLiteral("/containers/%1/archive?path=%2")
                         .arg(container, urlEncode(QStringLiteral("/"))),
                     tar.finish(), "application/x-tar",
                     QStringLiteral("copying %1 into the image").arg(in.path), m_cancel);
            if (!put) {
                return put.error();
            }
        }
        const auto committed =
            call(m_engine, "POST", QStringLiteral("/commit?container=%1").arg(container),
                 QByteArray::fromStdString(commitConfig().dump()), "application/json",
                 QStringLiteral("committing a layer"), m_cancel);
        if (!committed) {
            return committed.error();
        }
        if (!committed->is_object() || !committed->contains("Id") ||
            !(*committed)["Id"].is_string()) {
            return makeError(ErrorKind::Protocol,
                             QStringLiteral("The engine committed a layer but sent no id."));
        }
        return QString::fromStdString((*committed)["Id"].get<std::string>());
    }

    Result<QString> tag(const QString &imageId)
    {
        const QString target = m_request.targetImage;
        const qsizetype colon = target.lastIndexOf(QLatin1Char(':'));
        const QString repo = target.left(colon);
        const QString tagName = target.mid(colon + 1);
        const auto previous = m_engine.inspectImage(target, m_cancel);
        if (previous && previous->id != imageId && !builtByThisLab(*previous)) {
            // Taken while this build ran.
            m_intermediates.append(imageId);
            discardIntermediates();
            return nameTaken(*previous);
        }
        if (auto tagged = m_engine.tagImage(imageId, repo, tagName, m_cancel); !tagged) {
            discardIntermediates();
            return tagged.error();
        }
        if (previous && previous->id != imageId) {
            // The old build lost its tag; remove it unless a container still
            // runs from it (then the lab's cleanup takes it later).
            if (auto removed = m_engine.removeImage(previous->id, false, m_cancel); !removed) {
                say(QStringLiteral("The previous %1 is kept: %2")
                        .arg(target, removed.error().message));
            }
        }
        say(QStringLiteral("Built %1 (%2)").arg(target, imageId.mid(7, 12)));
        return imageId;
    }

    bool builtByThisLab(const docker::ImageInspect &image) const
    {
        for (auto it = m_request.labels.cbegin(); it != m_request.labels.cend(); ++it) {
            if (image.config.labels.value(it.key()) != it.value()) {
                return false;
            }
        }
        return true;
    }

    Error nameTaken(const docker::ImageInspect &holder) const
    {
        return makeError(
            ErrorKind::BadInput,
            QStringLiteral("The image name %1 belongs to an image this lab did not build (%2); "
                           "the lab does not replace it.")
                .arg(m_request.targetImage, holder.id.left(19)),
            QStringLiteral("Give the lab's image a name of its own, or, if that image is a "
                           "leftover of yours, remove it with docker rmi %1.")
                .arg(m_request.targetImage));
    }

    void discardIntermediates()
    {
        // Newest first: each depends on the one before it.
        for (qsizetype i = m_intermediates.size() - 1; i >= 0; --i) {
            if (auto removed = m_engine.removeImage(m_intermediates.at(i), true); !removed) {
                say(QStringLiteral("Could not remove an unfinished layer: ") +
                    removed.error().message);
            }
        }
        m_intermediates.clear();
    }

    docker::EngineClient &m_engine;
    const BuildRequest &m_request;
    CancelToken m_cancel;
    std::function<void(const QString &)> m_log;
    ConfigState m_state;
    QStringList m_intermediates;
};

} // namespace

QString historyTextFor(const BuildInstruction &in)
{
    using K = BuildInstruction::Kind;
    const QString nop = QStringLiteral("#(nop) ");
    switch (in.kind) {
    case K::Copy:
    case K::Add: {
        const QString digest =
            in.sourceFile.isEmpty() ? contentDigest(in.content) : QStringLiteral("source");
        return nop + (in.kind == K::Copy ? QStringLiteral("COPY") : QStringLiteral("ADD")) +
               QStringLiteral(" file:") + digest + QStringLiteral(" in ") + in.path +
               QLatin1Char(' ');
    }
    case K::RecordedRun:
        return in.text;
    case K::User:
        return nop + QStringLiteral(" USER ") + in.text;
    case K::Healthcheck:
        return nop + QLatin1Char(' ') + healthcheckText(in.healthcheck);
    case K::Cmd:
        return nop + QStringLiteral(" CMD ") + jsonArray(in.list);
    case K::Entrypoint:
        return nop + QStringLiteral(" ENTRYPOINT ") + jsonArray(in.list);
    case K::Env:
        return nop + QStringLiteral(" ENV ") + in.list.join(QLatin1Char(' '));
    case K::Workdir:
        return nop + QStringLiteral(" WORKDIR ") + in.text;
    case K::Label: {
        QStringList pairs;
        for (auto it = in.labels.begin(); it != in.labels.end(); ++it) {
            pairs.append(it.key() + QStringLiteral("=") + it.value());
        }
        return nop + QStringLiteral(" LABEL ") + pairs.join(QLatin1Char(' '));
    }
    case K::Expose:
        return nop + QStringLiteral(" EXPOSE ") + in.text;
    }
    return {};
}

QString dockerfileFor(const BuildImageAction &recipe, const QString &fromImage)
{
    using K = BuildInstruction::Kind;
    QStringList lines{QStringLiteral("FROM ") + fromImage};
    for (const BuildInstruction &in : recipe.instructions) {
        switch (in.kind) {
        case K::Copy:
        case K::Add: {
            const QString source = in.sourceFile.isEmpty()
                                       ? in.path.section(QLatin1Char('/'), -1)
                                       : in.sourceFile.section(QLatin1Char('/'), -1);
            QString line = in.kind == K::Copy ? QStringLiteral("COPY") : QStringLiteral("ADD");
            if (in.uid != 0 || in.gid != 0) {
                line += QStringLiteral(" --chown=%1:%2").arg(in.uid).arg(in.gid);
            }
            line += QStringLiteral(" --chmod=%1").arg(in.mode, 4, 8, QLatin1Char('0'));
            lines.append(line + QLatin1Char(' ') + source + QLatin1Char(' ') + in.path);
            break;
        }
        case K::RecordedRun:
            lines.append(QStringLiteral("RUN ") + in.text +
                         QStringLiteral("    # recorded in the history only: Drydock never "
                                        "runs a shell"));
            break;
        case K::User:
            lines.append(QStringLiteral("USER ") + in.text);
            break;
        case K::Healthcheck:
            lines.append(healthcheckText(in.healthcheck));
            break;
        case K::Cmd:
            lines.append(QStringLiteral("CMD ") + jsonArray(in.list));
            break;
        case K::Entrypoint:
            lines.append(QStringLiteral("ENTRYPOINT ") + jsonArray(in.list));
            break;
        case K::Env:
            lines.append(QStringLiteral("ENV ") + in.list.join(QLatin1Char(' ')));
            break;
        case K::Workdir:
            lines.append(QStringLiteral("WORKDIR ") + in.text);
            break;
        case K::Label: {
            QStringList pairs;
            for (auto it = in.labels.begin(); it != in.labels.end(); ++it) {
                pairs.append(it.key() + QStringLiteral("=\"") + it.value() + QLatin1Char('"'));
            }
            lines.append(QStringLiteral("LABEL ") + pairs.join(QLatin1Char(' ')));
            break;
        }
        case K::Expose:
            lines.append(QStringLiteral("EXPOSE ") + in.text);
            break;
        }
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

Result<QString> buildImage(docker::EngineClient &engine, const BuildRequest &request,
                           const CancelToken &cancel,
                           const std::function<void(const QString &)> &log)
{
    Builder builder(engine, request, cancel, log);
    return builder.run();
}

} // namespace drydock::labs
