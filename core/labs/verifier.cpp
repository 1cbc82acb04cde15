// SPDX-License-Identifier: GPL-3.0-or-later
// The predicate evaluator.
#include "verifier.h"

#include "tarwriter.h"
#include "util/http.h"

#include "bench/runstore.h"
#include "trust/labenv.h"
#include "trust/trusthistory.h"

#include <QMap>

namespace drydock::labs {

using nlohmann::json;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString valueText(const json &value)
{
    if (value.is_string()) {
        return QLatin1Char('"') + qs(value.get<std::string>()) + QLatin1Char('"');
    }
    const std::string dumped = value.dump();
    return qs(dumped.size() > 120 ? dumped.substr(0, 117) + "..." : dumped);
}

Evaluation pass(const QString &what)
{
    return {true, {}, {what}};
}

Evaluation fail(const QString &why)
{
    return {false, {why}, {}};
}

bool isRootUser(const QString &user)
{
    const QString name = user.section(QLatin1Char(':'), 0, 0);
    return name.isEmpty() || name == QLatin1String("root") || name == QLatin1String("0");
}

// nlohmann's pointer parser throws on bad escapes; the loader checked the
// shape, this keeps a surprise from escaping.
std::optional<json> atPointer(const json &doc, const QString &pointer)
{
    try {
        const json::json_pointer ptr(pointer.toStdString());
        if (!doc.contains(ptr)) {
            return std::nullopt;
        }
        return doc.at(ptr);
    } catch (const json::exception &) {
        return std::nullopt;
    }
}

class Evaluator
{
public:
    explicit Evaluator(LabContext &ctx) : m_ctx(ctx) {}

    Result<Evaluation> evaluate(const Predicate &p)
    {
        switch (p.type) {
        case PredicateType::AllOf:
        case PredicateType::AnyOf:
            return combine(p);
        case PredicateType::Not:
            return negate(p);
        case PredicateType::ContainerExists:
        case PredicateType::ContainerRunning:
            return container(p);
        case PredicateType::InspectEquals:
        case PredicateType::InspectContains:
            return inspect(p);
        case PredicateType::BenchCheck:
            return benchCheck(p);
        case PredicateType::BenchScoreImproved:
            return benchScore(p);
        case PredicateType::TrustPullRefused:
        case PredicateType::TrustPullSucceeded:
            return trustPull(p);
        case PredicateType::LabenvRunning:
            return labenv();
        case PredicateType::ImageExists:
        case PredicateType::ImageHasUser:
        case PredicateType::ImageHasHealthcheck:
        case PredicateType::ImageHistoryContains:
        case PredicateType::ImageHasSetuidFiles:
            return image(p);
        }
        return makeError(ErrorKind::Internal, QStringLiteral("Unknown predicate."));
    }

private:
    QString describe(const Predicate &p) const
    {
        return describePredicate(p, m_ctx.lab, m_ctx.scope);
    }

    Result<Evaluation> combine(const Predicate &p)
    {
        Evaluation all;
        all.passed = p.type == PredicateType::AllOf;
        QStringList alternatives;
        for (const Predicate &child : p.children) {
            const auto e = evaluate(child);
            if (!e) {
                return e.error();
            }
            all.satisfied += e->satisfied;
            if (p.type == PredicateType::AllOf) {
                all.passed = all.passed && e->passed;
                all.missing += e->missing;
            } else {
                all.passed = all.passed || e->passed;
                alternatives += e->missing;
            }
        }
        if (p.type == PredicateType::AnyOf && !all.passed) {
            all.missing.append(QStringLiteral("One of these must hold: ") +
                               alternatives.join(QStringLiteral(" — or: ")));
        }
        if (all.passed) {
            all.missing.clear();
        }
        return all;
    }

    Result<Evaluation> negate(const Predicate &p)
    {
        const auto inner = evaluate(p.children.value(0));
        if (!inner) {
            return inner.error();
        }
        if (!inner->passed) {
            return pass(QStringLiteral("As wanted, it is not so that %1")
                            .arg(describe(p.children.value(0))));
        }
        QString why =
            QStringLiteral("It must no longer be so that %1").arg(describe(p.children.value(0)));
        if (!inner->satisfied.isEmpty()) {
            why += QStringLiteral(" (now: %1)").arg(inner->satisfied.join(QStringLiteral("; ")));
        }
        return fail(why);
    }

    Result<Evaluation> container(const Predicate &p)
    {
        const QString name = m_ctx.scope.containerName(p.container);
        const auto found = m_ctx.engine.inspectContainer(name, m_ctx.cancel);
        if (!found) {
            if (found.error().httpStatus == 404) {
                return fail(QStringLiteral("Container %1 does not exist yet.").arg(name));
            }
            return found.error();
        }
        if (!m_ctx.scope.owns(found->config.labels)) {
            return fail(QStringLiteral("A container named %1 exists, but this lab did not "
                                       "create it; remove it and run the step's action.")
                            .arg(name));
        }
        if (p.type == PredicateType::ContainerExists) {
            return pass(QStringLiteral("Container %1 exists.").arg(name));
        }
        if (!found->state.running) {
            return fail(QStringLiteral("Container %1 exists but is %2, not running.")
                            .arg(name, found->state.status));
        }
        return pass(QStringLiteral("Container %1 is running.").arg(name));
    }

    Result<Evaluation> inspect(const Predicate &p)
    {
        json doc;
        QString what;
        if (!p.container.isEmpty()) {
            what = QStringLiteral("container %1").arg(m_ctx.scope.containerName(p.container));
            const auto found =
                m_ctx.engine.inspectContainer(m_ctx.scope.containerName(p.container), m_ctx.cancel);
            if (!found) {
                if (found.error().httpStatus == 404) {
                    return fail(QStringLiteral("The %1 does not exist yet.").arg(what));
                }
                return found.error();
            }
            if (!m_ctx.scope.owns(found->config.labels)) {
                return fail(QStringLiteral("The %1 was not created by this lab.").arg(what));
            }
            doc = found->raw;
        } else {
            const QString ref = m_ctx.scope.imageRef(m_ctx.lab, p.image);
            what = QStringLiteral("image %1").arg(ref);
            const auto found = m_ctx.engine.inspectImage(ref, m_ctx.cancel);
            if (!found) {
                if (found.error().httpStatus == 404) {
                    return fail(QStringLiteral("The %1 is not on the engine yet.").arg(what));
                }
                return found.error();
            }
            doc = found->raw;
        }
        const auto value = atPointer(doc, p.jsonPointer);
        if (p.type == PredicateType::InspectEquals) {
            if (value && *value == p.value) {
                return pass(QStringLiteral("%1 of the %2 is %3.")
                                .arg(p.jsonPointer, what, valueText(p.value)));
            }
            return fail(QStringLiteral("%1 of the %2 should be %3, but is %4.")
                            .arg(p.jsonPointer, what, valueText(p.value),
                                 value ? valueText(*value) : QStringLiteral("not set")));
        }
        bool contains = false;
        if (value && value->is_array()) {
            for (const json &item : *value) {
                contains = contains || item == p.value;
            }
        } else if (value && value->is_string() && p.value.is_string()) {
            contains =
                value->get<std::string>().find(p.value.get<std::string>()) != std::string::npos;
        } else if (value && value->is_object() && p.value.is_string()) {
            contains = value->contains(p.value.get<std::string>());
        }
        if (contains) {
            return pass(QStringLiteral("%1 of the %2 contains %3.")
                            .arg(p.jsonPointer, what, valueText(p.value)));
        }
        return fail(QStringLiteral("%1 of the %2 should contain %3, but is %4.")
                        .arg(p.jsonPointer, what, valueText(p.value),
                             value ? valueText(*value) : QStringLiteral("not set")));
    }

    Result<Evaluation> benchCheck(const Predicate &p)
    {
        const bench::RunStore store =
            m_ctx.runsFolder.isEmpty() ? bench::RunStore() : bench::RunStore(m_ctx.runsFolder);
        if (store.list().isEmpty()) {
            return fail(QStringLiteral("No benchmark run is saved yet: run the benchmark."));
        }
        const auto run = store.latest();
        if (!run) {
            return run.error();
        }
        const bench::Finding *finding = run->finding(p.check);
        if (!finding) {
            return fail(QStringLiteral("The latest benchmark run (%1) did not include check %2; "
                                       "run the benchmark with it.")
                            .arg(run->id, p.check));
        }
        const QString wanted = p.verdict;
        QString actual = bench::verdictName(finding->verdict);
        QString subject = QStringLiteral("check %1").arg(p.check);
        if (!p.container.isEmpty() || !p.image.isEmpty()) {
            const bool isContainer = !p.container.isEmpty();
            const QString name = isContainer ? m_ctx.scope.containerName(p.container)
                                             : m_ctx.scope.imageRef(m_ctx.lab, p.image);
            const QString noun =
                isContainer ? QStringLiteral("container") : QStringLiteral("image");
            subject = QStringLiteral("check %1 for %2 %3").arg(p.check, noun, name);
            // Image evidence names every tag of the image: "a:1, b:2".
            const auto named = [&](const bench::Evidence &e) {
                return e.kind == noun &&
                       (e.item == name ||
                        (!isContainer && e.item.split(QStringLiteral(", ")).contains(name)));
            };
            bool listed = false;
            for (const bench::Evidence &e : finding->evidence) {
                listed = listed || named(e);
            }
            if (!listed) {
                // Failing findings list only the offenders: an item that the
                // run examined but is not among them passed.
                bool examined = false;
                for (const bench::Finding &f : run->findings) {
                    for (const bench::Evidence &e : f.evidence) {
                        examined = examined || named(e);
                    }
                }
                if (!examined) {
                    // Every finding may list offenders only; an item that
                    // existed when the run started was examined all the same.
                    examined = existedBefore(isContainer, name, run->startedAt);
                }
                if (!examined) {
                    return fail(QStringLiteral("The %1 %2 was not part of the latest benchmark "
                                               "run (%3); run the benchmark again.")
                                    .arg(noun, name, run->id));
                }
                if (finding->verdict == bench::Verdict::Warn ||
                    finding->verdict == bench::Verdict::Info ||
                    finding->verdict == bench::Verdict::Note) {
                    actual = QStringLiteral("pass");
                }
            }
        }
        if (actual == wanted) {
            return pass(
                QStringLiteral("In the latest run, %1 is %2.").arg(subject, actual.toUpper()));
        }
        return fail(QStringLiteral("In the latest run (%1), %2 is %3; it should be %4.")
                        .arg(run->id, subject, actual.toUpper(), wanted.toUpper()));
    }

    bool existedBefore(bool isContainer, const QString &name, const QDateTime &startedAt)
    {
        if (!startedAt.isValid()) {
            return false;
        }
        // The engine's "Created" is RFC 3339 in UTC with nanoseconds;
        // comparing to the second as text needs no parsing of that.
        const QString started = startedAt.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
        const auto createdOf = [](const json &raw) {
            const auto it = raw.find("Created");
            return it != raw.end() && it->is_string() ? qs(it->get<std::string>()).left(19)
                                                      : QString();
        };
        QString created;
        if (isContainer) {
            const auto c = m_ctx.engine.inspectContainer(name, m_ctx.cancel);
            created = c ? createdOf(c->raw) : QString();
        } else {
            const auto i = m_ctx.engine.inspectImage(name, m_ctx.cancel);
            created = i ? createdOf(i->raw) : QString();
        }
        return created.size() == 19 && created <= started;
    }

    Result<Evaluation> benchScore(const Predicate &p)
    {
        const bench::RunStore store =
            m_ctx.runsFolder.isEmpty() ? bench::RunStore() : bench::RunStore(m_ctx.runsFolder);
        const QList<bench::SavedRunInfo> runs = store.list();
        if (runs.size() < 2) {
            return fail(QStringLiteral("Two benchmark runs are needed to compare; %1 is saved.")
                            .arg(runs.size()));
        }
        const int latest = runs.at(0).score.reference;
        const int previous = runs.at(1).score.reference;
        if (latest - previous >= p.by) {
            return pass(QStringLiteral("The score rose from %1 to %2.").arg(previous).arg(latest));
        }
        return fail(QStringLiteral("The score went from %1 to %2; it must rise by at least %3.")
                        .arg(previous)
                        .arg(latest)
                        .arg(p.by));
    }

    Result<Evaluation> trustPull(const Predicate &p)
    {
        const auto history = trust::loadTrustHistory(m_ctx.trustFolder);
        if (!history) {
            return history.error();
        }
        const bool wantRefused = p.type == PredicateType::TrustPullRefused;
        for (qsizetype i = history->size() - 1; i >= 0; --i) {
            const trust::TrustHistoryEntry &e = history->at(i);
            if (e.image != p.image ||
                (e.action != QLatin1String("pull") && e.action != QLatin1String("run")) ||
                (!p.trustAction.isEmpty() && e.action != p.trustAction)) {
                continue;
            }
            if (wantRefused && !e.trustEnabled) {
                continue;
            }
            if (!wantRefused && p.trusted && e.trustEnabled != *p.trusted) {
                continue;
            }
            const QString mode =
                e.trustEnabled ? QStringLiteral("trusted ") : QStringLiteral("untrusted ");
            if (wantRefused) {
                return e.refused ? pass(QStringLiteral("The last trusted %1 of %2 was refused: %3")
                                            .arg(e.action, p.image, e.reason))
                                 : fail(QStringLiteral("The last trusted %1 of %2 was not "
                                                       "refused.")
                                            .arg(e.action, p.image));
            }
            return e.refused
                       ? fail(QStringLiteral("The last %1%2 of %3 failed: %4")
                                  .arg(mode, e.action, p.image, e.reason))
                       : pass(QStringLiteral("The last %1%2 of %3 succeeded%4.")
                                  .arg(mode, e.action, p.image,
                                       e.digest.isEmpty() ? QString()
                                                          : QStringLiteral(" (%1)").arg(e.digest)));
        }
        QString kind = wantRefused || (p.trusted && *p.trusted) ? QStringLiteral("trusted ")
                       : p.trusted                              ? QStringLiteral("untrusted ")
                                                                : QString();
        const QString verb = p.trustAction.isEmpty() ? QStringLiteral("pull") : p.trustAction;
        return fail(QStringLiteral("No %1%2 of %3 has been tried yet.").arg(kind, verb, p.image));
    }

    Result<Evaluation> labenv()
    {
        trust::LabEnvOptions options;
        options.stateDir =
            m_ctx.labenvState.isEmpty() ? trust::defaultLabEnvState() : m_ctx.labenvState;
        const trust::LabEnvStatus status = trust::LabEnvironment(options).status();
        if (!status.settings) {
            return fail(QStringLiteral("The lab environment has never been started here; start "
                                       "it with the step's action."));
        }
        QStringList down;
        for (const trust::ServiceStatus &service : status.services) {
            if (!service.running || !service.answering) {
                down.append(service.name);
            }
        }
        if (!down.isEmpty() || status.services.isEmpty()) {
            return fail(QStringLiteral("The lab environment is not running (%1 down); start it.")
                            .arg(down.isEmpty() ? QStringLiteral("every service")
                                                : down.join(QStringLiteral(", "))));
        }
        return pass(QStringLiteral("The lab environment runs: registry %1, Notary %2.")
                        .arg(status.settings->registry, status.settings->notaryUrl));
    }

    Result<Evaluation> image(const Predicate &p)
    {
        const QString ref = m_ctx.scope.imageRef(m_ctx.lab, p.image);
        const auto found = m_ctx.engine.inspectImage(ref, m_ctx.cancel);
        if (!found) {
            if (found.error().httpStatus == 404) {
                return fail(QStringLiteral("Image %1 is not on the engine yet.").arg(ref));
            }
            return found.error();
        }
        switch (p.type) {
        case PredicateType::ImageExists:
            return pass(QStringLiteral("Image %1 is on the engine.").arg(ref));
        case PredicateType::ImageHasUser: {
            const QString user = found->config.user;
            if (!p.user.isEmpty()) {
                return user == p.user
                           ? pass(QStringLiteral("Image %1 runs as %2.").arg(ref, user))
                           : fail(QStringLiteral("Image %1 runs as %2; it should run as %3.")
                                      .arg(ref,
                                           user.isEmpty() ? QStringLiteral("root (no USER)") : user,
                                           p.user));
            }
            return isRootUser(user)
                       ? fail(QStringLiteral("Image %1 runs as root (%2); set a USER that is not "
                                             "root.")
                                  .arg(ref, user.isEmpty() ? QStringLiteral("no USER") : user))
                       : pass(QStringLiteral("Image %1 runs as %2.").arg(ref, user));
        }
        case PredicateType::ImageHasHealthcheck:
            return found->config.healthcheck.present()
                       ? pass(QStringLiteral("Image %1 has a HEALTHCHECK (%2).")
                                  .arg(ref, found->config.healthcheck.test.join(QLatin1Char(' '))))
                       : fail(QStringLiteral("Image %1 has no HEALTHCHECK.").arg(ref));
        case PredicateType::ImageHistoryContains: {
            const auto history = m_ctx.engine.imageHistory(ref, m_ctx.cancel);
            if (!history) {
                return history.error();
            }
            for (const docker::HistoryEntry &entry : *history) {
                if (entry.createdBy.contains(p.text)) {
                    return pass(QStringLiteral("The history of %1 has \"%2\" (%3).")
                                    .arg(ref, p.text, entry.createdBy.trimmed()));
                }
            }
            return fail(
                QStringLiteral("No layer in the history of %1 has \"%2\".").arg(ref, p.text));
        }
        case PredicateType::ImageHasSetuidFiles: {
            const auto files = setuidFilesOf(m_ctx.engine, ref, m_ctx.cancel);
            if (!files) {
                return files.error();
            }
            return files->isEmpty()
                       ? fail(QStringLiteral("Image %1 has no setuid or setgid file.").arg(ref))
                       : pass(QStringLiteral("Image %1 has setuid or setgid files: %2")
                                  .arg(ref, files->join(QStringLiteral(", "))));
        }
        default:
            break;
        }
        return makeError(ErrorKind::Internal, QStringLiteral("Unknown image predicate."));
    }

    LabContext &m_ctx;
};

} // namespace

QString describePredicate(const Predicate &p, const Lab &lab, const LabScope &scope)
{
    if (!p.description.isEmpty()) {
        return p.description;
    }
    const QString container = scope.containerName(p.container);
    const QString image = scope.imageRef(lab, p.image);
    const QString target = p.container.isEmpty() ? QStringLiteral("image ") + image
                                                 : QStringLiteral("container ") + container;
    switch (p.type) {
    case PredicateType::ContainerExists:
        return QStringLiteral("container %1 exists").arg(container);
    case PredicateType::ContainerRunning:
        return QStringLiteral("container %1 is running").arg(container);
    case PredicateType::InspectEquals:
        return QStringLiteral("%1 of %2 is %3").arg(p.jsonPointer, target, valueText(p.value));
    case PredicateType::InspectContains:
        return QStringLiteral("%1 of %2 contains %3")
            .arg(p.jsonPointer, target, valueText(p.value));
    case PredicateType::BenchCheck:
        if (!p.image.isEmpty()) {
            return QStringLiteral("check %1 is %2 for image %3 in the latest benchmark run")
                .arg(p.check, p.verdict.toUpper(), image);
        }
        return p.container.isEmpty()
                   ? QStringLiteral("check %1 is %2 in the latest benchmark run")
                         .arg(p.check, p.verdict.toUpper())
                   : QStringLiteral("check %1 is %2 for container %3 in the latest benchmark run")
                         .arg(p.check, p.verdict.toUpper(), container);
    case PredicateType::BenchScoreImproved:
        return QStringLiteral("the benchmark score rose by at least %1 since the previous run")
            .arg(p.by);
    case PredicateType::TrustPullRefused:
        return QStringLiteral("the last trusted %1 of %2 was refused")
            .arg(p.trustAction.isEmpty() ? QStringLiteral("pull or run") : p.trustAction, p.image);
    case PredicateType::LabenvRunning:
        return QStringLiteral("the lab environment (registry and Notary) is running");
    case PredicateType::TrustPullSucceeded:
        return p.trusted ? (*p.trusted ? QStringLiteral("a trusted pull of %1 succeeded")
                                       : QStringLiteral("an untrusted pull of %1 succeeded"))
                               .arg(p.image)
                         : QStringLiteral("the last pull of %1 succeeded").arg(p.image);
    case PredicateType::ImageExists:
        return QStringLiteral("image %1 is on the engine").arg(image);
    case PredicateType::ImageHasUser:
        return p.user.isEmpty()
                   ? QStringLiteral("image %1 runs as a user other than root").arg(image)
                   : QStringLiteral("image %1 runs as %2").arg(image, p.user);
    case PredicateType::ImageHasHealthcheck:
        return QStringLiteral("image %1 has a HEALTHCHECK").arg(image);
    case PredicateType::ImageHistoryContains:
        return QStringLiteral("the history of image %1 contains \"%2\"").arg(image, p.text);
    case PredicateType::ImageHasSetuidFiles:
        return QStringLiteral("image %1 contains setuid or setgid files").arg(image);
    case PredicateType::AllOf:
    case PredicateType::AnyOf: {
        QStringList parts;
        for (const Predicate &child : p.children) {
            parts.append(describePredicate(child, lab, scope));
        }
        return parts.join(p.type == PredicateType::AllOf ? QStringLiteral(", and ")
                                                         : QStringLiteral(", or "));
    }
    case PredicateType::Not:
        return QStringLiteral("not (%1)").arg(describePredicate(p.children.value(0), lab, scope));
    }
    return {};
}

Result<Evaluation> evaluatePredicate(const Predicate &predicate, LabContext &context)
{
    Evaluator evaluator(context);
    return evaluator.evaluate(predicate);
}

Result<QStringList> setuidFilesInArchive(const QByteArray &archive)
{
    QMap<QString, QByteArray> members;
    auto outer = readTar(archive, [&](const TarEntry &entry) {
        if (entry.type == '0' || entry.type == '7') {
            members.insert(entry.path, entry.content);
        }
        return true;
    });
    if (!outer) {
        return outer.error();
    }
    json manifest;
    try {
        manifest = json::parse(members.value(QStringLiteral("manifest.json")).toStdString());
    } catch (const json::exception &) {
        return makeError(ErrorKind::Protocol,
                         QStringLiteral("The exported image has no readable manifest.json."));
    }
    if (!manifest.is_array() || manifest.empty() || !manifest[0].contains("Layers") ||
        !manifest[0]["Layers"].is_array()) {
        return makeError(ErrorKind::Protocol,
                         QStringLiteral("The exported image's manifest.json lists no layers."));
    }
    QMap<QString, int> modes; // path -> mode of regular files, layer over layer
    for (const json &layer : manifest[0]["Layers"]) {
        if (!layer.is_string()) {
            continue;
        }
        const QString name = qs(layer.get<std::string>());
        if (!members.contains(name)) {
            return makeError(ErrorKind::Protocol,
                             QStringLiteral("The exported image lacks its layer %1.").arg(name));
        }
        auto inner = readTar(members.value(name), [&](const TarEntry &entry) {
            QString path = entry.path;
            if (path.endsWith(QLatin1Char('/'))) {
                path.chop(1);
            }
            const QString base = path.section(QLatin1Char('/'), -1);
            const QString dir = path.contains(QLatin1Char('/'))
                                    ? path.section(QLatin1Char('/'), 0, -2) + QLatin1Char('/')
                                    : QString();
            if (base == QLatin1String(".wh..wh..opq")) {
                // An opaque folder hides everything below it from lower layers.
                for (auto it = modes.begin(); it != modes.end();) {
                    it = it.key().startsWith(dir) ? modes.erase(it) : std::next(it);
                }
                return true;
            }
            if (base.startsWith(QLatin1String(".wh."))) {
                const QString gone = dir + base.mid(4);
                for (auto it = modes.begin(); it != modes.end();) {
                    it = (it.key() == gone || it.key().startsWith(gone + QLatin1Char('/')))
                             ? modes.erase(it)
                             : std::next(it);
                }
                return true;
            }
            if (entry.type == '0' || entry.type == '7') {
                modes.insert(path, entry.mode);
            } else {
                modes.remove(path);
            }
            return true;
        });
        if (!inner) {
            return inner.error();
        }
    }
    QStringList files;
    for (auto it = modes.begin(); it != modes.end(); ++it) {
        if ((it.value() & 06000) != 0) {
            files.append(QLatin1Char('/') + it.key());
        }
    }
    return files;
}

Result<QStringList> setuidFilesOf(docker::EngineClient &engine, const QString &image,
                                  const CancelToken &cancel)
{
    HttpRequest req;
    req.path = QStringLiteral("/v") + engine.apiVersion() +
               QStringLiteral("/images/%1/get").arg(urlEncode(image));
    req.timeoutMs = 120000;
    req.maxBodyBytes = 512LL * 1024 * 1024;
    const auto response = engine.request(req, cancel);
    if (!response) {
        return response.error();
    }
    if (response->status / 100 != 2) {
        return docker::engineError(*response, QStringLiteral("exporting %1").arg(image));
    }
    return setuidFilesInArchive(response->body);
}

} // namespace drydock::labs
