// SPDX-License-Identifier: GPL-3.0-or-later
// Server choice, trust resolution with the trust store, trusted pull/run.
#include "trustservice.h"

#include "docker/contenttrust.h"
#include "labenv.h"
#include "trusthistory.h"
#include "truststore.h"
#include "util/logging.h"

#include <QFileInfo>
#include <QUrl>

namespace drydock::trust {

namespace {

// notary.docker.io stopped answering on this day.
const QDate kDockerHubNotaryRetired(2026, 12, 8);

QDateTime nowFor(const TrustOptions &options)
{
    return options.clock ? options.clock() : systemNow();
}

Result<NotaryServer> httpsServer(const QString &url, const QString &from)
{
    const QUrl parsed(url);
    if (!parsed.isValid() || parsed.scheme() != QLatin1String("https") || parsed.host().isEmpty()) {
        return makeError(
            ErrorKind::BadInput,
            QStringLiteral("%1 gives the Notary server \"%2\", which is not an https:// URL.")
                .arg(from, url),
            QStringLiteral(
                "Notary servers are reached over TLS only, e.g. https://localhost:4443."));
    }
    QString clean = url;
    while (clean.endsWith(QLatin1Char('/'))) {
        clean.chop(1);
    }
    return NotaryServer{clean, {}};
}

QString sameHost(const QString &registry)
{
    QString out = registry;
    out.replace(QLatin1String("127.0.0.1"), QLatin1String("localhost"));
    return out;
}

// A pull from the lab environment's registry fails when the registry is
// not running; the engine only says "connection refused". Names the fix.
Error withLabRegistryHint(Error error, const ImageRef &ref, const TrustOptions &options)
{
    const QString state =
        options.labEnvState.isEmpty() ? defaultLabEnvState() : options.labEnvState;
    const auto settings = readLabEnvSettings(state);
    if (!settings || !settings->has_value() ||
        sameHost((*settings)->registry) != sameHost(ref.registry)) {
        return error;
    }
    LabEnvOptions labOptions;
    labOptions.stateDir = state;
    const LabEnvStatus status = LabEnvironment(labOptions).status();
    for (const ServiceStatus &service : status.services) {
        if (service.name == QLatin1String("registry") && !service.answering) {
            error.hint = QStringLiteral("The lab environment's registry (%1) does not answer: "
                                        "start it with %2.")
                             .arg((*settings)->registry, (*settings)->upCommand());
        }
    }
    return error;
}

void record(const TrustOptions &options, TrustHistoryEntry entry)
{
    if (!options.recordHistory) {
        return;
    }
    entry.time = QDateTime::currentDateTimeUtc();
    if (auto saved = appendTrustHistory(entry, options.storeFolder); !saved) {
        qCWarning(lcTrust) << "could not record trust history:" << saved.error().message;
    }
}

TrustHistoryEntry entryFor(const QString &action, const QString &image, bool trust,
                           const TrustReport &report)
{
    TrustHistoryEntry entry;
    entry.action = action;
    entry.image = image;
    entry.gun = report.ref.gun();
    entry.tag = report.ref.tag;
    entry.trustEnabled = trust;
    entry.server = report.server.server.url;
    if (report.target) {
        entry.digest = report.target->digest;
    }
    entry.signers = report.signers();
    if (report.failure) {
        entry.refused = true;
        entry.reason = report.failure->message;
    }
    return entry;
}

// The refusal a student reads: what was asked, what was missing, where
// Drydock looked.
Error refusal(const QString &verb, const TrustReport &report)
{
    const Error &why = *report.failure;
    Error out = why;
    const QString where = report.server.server.url.isEmpty()
                              ? QString()
                              : QStringLiteral(" Drydock asked the Notary server %1 (%2).")
                                    .arg(report.server.server.url, report.server.why);
    out.message = QStringLiteral("Refused to %1 %2 with content trust on: %3%4")
                      .arg(verb, report.ref.display(), why.message, where);
    if (report.invalidTrustData) {
        out.hint = QStringLiteral("Nothing was pulled. ") + out.hint;
    } else if (why.kind == ErrorKind::Untrusted && out.hint.isEmpty()) {
        out.hint = QStringLiteral(
                       "Nothing was pulled. Use --no-trust to take the unsigned image knowingly, "
                       "or have the publisher sign %1.")
                       .arg(report.ref.display());
    }
    return out;
}

// Invalid trust data: the advice is to stay away and tell whoever runs
// the registry, never to take the image without trust.
void markInvalid(TrustReport &report)
{
    report.invalidTrustData = true;
    if (!report.failure) {
        return;
    }
    QString &hint = report.failure->hint;
    const QString image = report.ref.display();
    // A specific hint (a root re-created on purpose) stays first.
    hint = hint.isEmpty()
               ? QStringLiteral("Do not use %1: its trust data is invalid, which is what a "
                                "tampered registry or a broken Notary server looks like. Tell "
                                "your instructor or the registry's owner what Drydock found "
                                "(drydock trust inspect %1 shows each step).")
                     .arg(image)
               : hint + QStringLiteral(" Otherwise do not use %1, and tell your instructor or "
                                       "the registry's owner what Drydock found.")
                            .arg(image);
}

} // namespace

QMap<QString, QString> trustEnvironment()
{
    QMap<QString, QString> env;
    for (const char *name :
         {"DOCKER_CONTENT_TRUST", "DOCKER_CONTENT_TRUST_SERVER", "DOCKER_CONFIG", "HOME"}) {
        const QString key = QString::fromLatin1(name);
        if (qEnvironmentVariableIsSet(name)) {
            env.insert(key, qEnvironmentVariable(name));
        }
    }
    return env;
}

bool contentTrustRequested(const QMap<QString, QString> &env)
{
    return docker::contentTrustOn(env.value(QStringLiteral("DOCKER_CONTENT_TRUST")));
}

Result<ServerChoice> chooseNotaryServer(const ImageRef &ref, const TrustOptions &options)
{
    const QString labState =
        options.labEnvState.isEmpty() ? defaultLabEnvState() : options.labEnvState;
    auto lab = readLabEnvSettings(labState);
    const std::optional<LabEnvSettings> labSettings = lab ? *lab : std::nullopt;
    if (!options.caFile.isEmpty() && !QFileInfo(options.caFile).isFile()) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("The CA file %1 does not exist.").arg(options.caFile),
                         QStringLiteral("Give the PEM file of the CA that signed the Notary "
                                        "server's certificate (for the lab environment: its "
                                        "ca.pem, which drydock labenv status names)."));
    }
    const auto withCa = [&](NotaryServer server, const QString &why) {
        server.caFile = options.caFile;
        // https://127.0.0.1:4443 is the lab's server as much as
        // https://localhost:4443: its certificate names both.
        if (server.caFile.isEmpty() && labSettings &&
            sameHost(server.url) == sameHost(labSettings->notaryUrl)) {
            server.caFile = labSettings->caFile;
        }
        return ServerChoice{server, why};
    };
    if (!options.trustServer.isEmpty()) {
        auto server = httpsServer(options.trustServer, QStringLiteral("--trust-server"));
        if (!server) {
            return server.error();
        }
        return withCa(*server, QStringLiteral("chosen with --trust-server"));
    }
    const QString fromEnv = options.env.value(QStringLiteral("DOCKER_CONTENT_TRUST_SERVER"));
    if (!fromEnv.isEmpty()) {
        auto server = httpsServer(fromEnv, QStringLiteral("DOCKER_CONTENT_TRUST_SERVER"));
        if (!server) {
            return server.error();
        }
        return withCa(*server, QStringLiteral("from DOCKER_CONTENT_TRUST_SERVER"));
    }
    if (labSettings && sameHost(labSettings->registry) == sameHost(ref.registry)) {
        return withCa(NotaryServer{labSettings->notaryUrl, {}},
                      QStringLiteral("the lab environment's server for %1, from %2")
                          .arg(labSettings->registry, labSettings->stateDir));
    }
    if (ref.isDockerHub()) {
        // Said without contacting anything: notary.docker.io is not asked,
        // so the answer is immediate whether or not it still answers.
        const bool past = nowFor(options).date() >= kDockerHubNotaryRetired;
        return makeError(
            ErrorKind::Untrusted,
            QStringLiteral("%1 is a Docker Hub image, and Docker Hub's content trust is retired: "
                           "Docker Official Images are no longer signed, the docker CLI 29 "
                           "dropped content trust, and Docker's Notary server (notary.docker.io) "
                           "%2 on 2026-12-08. There is no trust data to check, so Drydock did "
                           "not ask it.")
                .arg(ref.display(),
                     past ? QStringLiteral("was shut down") : QStringLiteral("shuts down")),
            QStringLiteral("Use the lab's own registry and Notary (drydock labenv up), or "
                           "name a Notary server you run with --trust-server."));
    }
    return withCa(NotaryServer{QStringLiteral("https://") + ref.registry, {}},
                  QStringLiteral("the registry's own host, as Docker does by default"));
}

QStringList TrustReport::signers() const
{
    QStringList out;
    if (!target) {
        return out;
    }
    for (const QString &id : target->signerKeyIds) {
        out << target->role + QStringLiteral(": ") + id;
    }
    return out;
}

Result<TrustReport> inspectTrust(const QString &image, const TrustOptions &options,
                                 const CancelToken &cancel)
{
    auto ref = parseImageRef(image);
    if (!ref) {
        return ref.error();
    }
    TrustReport report;
    report.image = image;
    report.ref = *ref;
    if (!ref->digest.isEmpty()) {
        return makeError(
            ErrorKind::BadInput,
            QStringLiteral("%1 names a digest; content trust resolves tags to digests.").arg(image),
            QStringLiteral("Give the tag instead, e.g. %1:TAG.").arg(ref->name()));
    }
    auto choice = chooseNotaryServer(*ref, options);
    if (!choice) {
        if (choice.error().kind == ErrorKind::BadInput) {
            return choice.error();
        }
        report.failure = choice.error();
        // Nothing was fetched: the step that failed is choosing a server.
        TrustStep step;
        step.role = QStringLiteral("server");
        step.summary = choice.error().message;
        report.trace.steps.append(step);
        return report;
    }
    report.server = *choice;

    const TrustStore store(options.storeFolder);
    const QString gun = ref->gun();
    auto saved = store.load(gun);
    if (!saved) {
        return saved.error();
    }
    RepoTrust state = saved->value_or(RepoTrust{});
    state.gun = gun;
    const Clock clock = options.clock ? options.clock : Clock(systemNow);

    const bool pinned = state.hasRoot();
    NotaryClient notary(choice->server, gun);
    TrustTrace trace;
    auto verified = verifyRepository(gun, notary, state, clock, trace, cancel);
    const bool unreachable = !verified && (verified.error().kind == ErrorKind::Unreachable ||
                                           verified.error().kind == ErrorKind::Timeout);
    if (unreachable && saved->has_value() && !(*saved)->files.isEmpty()) {
        if (options.allowOffline) {
            // Explicitly allowed: the same checks (expiry included) against the
            // documents verified last time.
            RepoTrust offlineState = **saved;
            SavedMetadata savedSource(**saved);
            TrustTrace offlineTrace;
            offlineTrace.offline = true;
            TrustStep note;
            note.role = QStringLiteral("offline");
            note.good = true;
            note.summary =
                QStringLiteral(
                    "%1 (%2); verifying the copies saved on %3, as --allow-offline asks.")
                    .arg(verified.error().message, choice->server.url,
                         (*saved)->verifiedAt.toString(Qt::ISODate));
            offlineTrace.steps.append(note);
            verified =
                verifyRepository(gun, savedSource, offlineState, clock, offlineTrace, cancel);
            trace = offlineTrace;
        } else {
            Error error = verified.error();
            error.hint =
                QStringLiteral("Drydock holds trust data for %1 verified on %2, but does not use "
                               "it silently; add --allow-offline to verify against it.")
                    .arg(gun, (*saved)->verifiedAt.toString(Qt::ISODate));
            verified = error;
        }
    } else if (verified) {
        state.server = choice->server.url;
        if (auto stored = store.save(state); !stored) {
            return stored.error();
        }
    }
    report.trace = trace;
    if (!verified) {
        report.failure = verified.error();
        // Only a first visit finding no root at all is an unsigned image;
        // trust data that vanished after Drydock pinned it is suspect too.
        const bool noTrustData = verified.error().httpStatus == 404 && !pinned &&
                                 trace.steps.size() == 1 &&
                                 trace.steps.first().role == QLatin1String("root");
        const ErrorKind kind = verified.error().kind;
        if ((kind == ErrorKind::Untrusted || kind == ErrorKind::Protocol) && !noTrustData) {
            markInvalid(report);
        }
        if (unreachable && choice->why.startsWith(QLatin1String("the lab environment"))) {
            // The usual cause in the lab: its Notary server is not running.
            const auto lab = readLabEnvSettings(
                options.labEnvState.isEmpty() ? defaultLabEnvState() : options.labEnvState);
            const QString start =
                QStringLiteral("The lab environment's Notary server does not answer: start it "
                               "with %1.")
                    .arg(lab && lab->has_value() ? (*lab)->upCommand()
                                                 : QStringLiteral("drydock labenv up"));
            const bool savedData = report.failure->hint.contains(QLatin1String("--allow-offline"));
            report.failure->hint =
                savedData ? start + QLatin1Char(' ') + report.failure->hint : start;
        }
        return report;
    }
    report.repository = *verified;
    auto target = findTarget(*verified, ref->tag, report.trace);
    if (!target) {
        report.failure = target.error();
        // A tag that is listed but whose entry cannot be used is malformed
        // data, not an unsigned tag.
        if (verified->tags().contains(ref->tag)) {
            markInvalid(report);
        }
        return report;
    }
    report.target = *target;
    return report;
}

void recordInspection(const TrustReport &report, const TrustOptions &options)
{
    record(options, entryFor(QStringLiteral("inspect"), report.image, true, report));
}

Result<bool> resetTrust(const QString &repository, const TrustOptions &options)
{
    QString gun = repository;
    if (auto ref = parseImageRef(repository)) {
        gun = ref->gun();
    }
    const TrustStore store(options.storeFolder);
    return store.reset(gun);
}

Result<PullOutcome> pullImage(docker::EngineClient &engine, const QString &image, bool trust,
                              const TrustOptions &options, const ProgressHandler &progress,
                              const CancelToken &cancel, TrustReport *reportOut)
{
    auto ref = parseImageRef(image);
    if (!ref) {
        return ref.error();
    }
    PullOutcome outcome;
    TrustReport report;
    report.ref = *ref;
    report.image = image;
    const QString action = QStringLiteral("pull");
    if (!trust || !ref->digest.isEmpty()) {
        // Without trust, or by digest (which names the content exactly):
        // the engine pulls what the registry has.
        const QString tag = ref->digest.isEmpty() ? ref->tag : ref->digest;
        auto pulled = engine.pullImage(ref->name(), tag, progress, cancel);
        TrustHistoryEntry entry = entryFor(action, image, trust, report);
        entry.digest = ref->digest;
        if (!pulled) {
            entry.refused = true;
            entry.reason = pulled.error().message;
            record(options, entry);
            return withLabRegistryHint(pulled.error(), *ref, options);
        }
        record(options, entry);
        outcome.reference = ref->display();
        outcome.digest = ref->digest;
        return outcome;
    }
    auto inspected = inspectTrust(image, options, cancel);
    if (!inspected) {
        return inspected.error();
    }
    report = *inspected;
    if (reportOut) {
        *reportOut = report;
    }
    if (!report.trusted()) {
        record(options, entryFor(action, image, trust, report));
        return refusal(QStringLiteral("pull"), report);
    }
    const QString digest = report.target->digest;
    auto pulled = engine.pullImage(ref->name(), digest, progress, cancel);
    TrustHistoryEntry entry = entryFor(action, image, trust, report);
    if (!pulled) {
        entry.refused = true;
        entry.reason = pulled.error().message;
        record(options, entry);
        return withLabRegistryHint(pulled.error(), *ref, options);
    }
    const QString byDigest = ref->name() + QLatin1Char('@') + digest;
    if (auto tagged = engine.tagImage(byDigest, ref->name(), ref->tag, cancel); !tagged) {
        entry.refused = true;
        entry.reason = tagged.error().message;
        record(options, entry);
        return tagged.error();
    }
    record(options, entry);
    outcome.reference = byDigest;
    outcome.digest = digest;
    outcome.taggedAs = ref->name() + QLatin1Char(':') + ref->tag;
    outcome.trusted = true;
    return outcome;
}

QString trustModeLine(const ImageRef &ref, bool trust, const QString &action)
{
    if (!ref.digest.isEmpty()) {
        return trust ? QStringLiteral("Content trust is on, but %1 names a digest, which pins "
                                      "its content exactly: no signature lookup is needed for "
                                      "this %2.")
                           .arg(ref.display(), action)
                     : QStringLiteral("Content trust is off for this %1; %2 names a digest, "
                                      "which pins its content exactly.")
                           .arg(action, ref.display());
    }
    return QStringLiteral("Content trust is %1 for this %2.")
        .arg(trust ? QStringLiteral("ON") : QStringLiteral("off"), action);
}

QString untrustedPullLine(const PullOutcome &outcome)
{
    if (!outcome.digest.isEmpty()) {
        return QStringLiteral("Pulled %1: the engine checked the content against its digest.")
            .arg(outcome.reference);
    }
    return QStringLiteral("Pulled %1 without checking any signature.").arg(outcome.reference);
}

QStringList defaultLabCommand()
{
    return {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
            QStringLiteral(
                "echo \"Hello from $(hostname): $(cat /etc/drydock-image 2>/dev/null)\"; id")};
}

Result<RunOutcome> runImage(docker::EngineClient &engine, const QString &image, bool trust,
                            const RunRequest &run, const TrustOptions &options,
                            const ProgressHandler &progress, const CancelToken &cancel,
                            TrustReport *reportOut)
{
    auto ref = parseImageRef(image);
    if (!ref) {
        return ref.error();
    }
    RunOutcome outcome;
    TrustReport report;
    report.ref = *ref;
    report.image = image;
    QString reference = ref->display();
    if (trust && ref->digest.isEmpty()) {
        auto inspected = inspectTrust(image, options, cancel);
        if (!inspected) {
            return inspected.error();
        }
        report = *inspected;
        if (reportOut) {
            *reportOut = report;
        }
        if (!report.trusted()) {
            record(options, entryFor(QStringLiteral("run"), image, trust, report));
            Error error = refusal(QStringLiteral("run"), report);
            error.hint.replace(QLatin1String("Nothing was pulled."),
                               QLatin1String("No container was created."));
            return error;
        }
        reference = ref->name() + QLatin1Char('@') + report.target->digest;
        outcome.digest = report.target->digest;
        outcome.trusted = true;
    }
    TrustHistoryEntry entry = entryFor(QStringLiteral("run"), image, trust, report);
    const auto failed = [&](const Error &error) {
        entry.refused = true;
        entry.reason = error.message;
        record(options, entry);
        return error;
    };
    auto local = engine.inspectImage(reference, cancel);
    if (!local) {
        const QString tag = reference.contains(QLatin1Char('@'))
                                ? outcome.digest
                                : (ref->digest.isEmpty() ? ref->tag : ref->digest);
        if (auto pulled = engine.pullImage(ref->name(), tag, progress, cancel); !pulled) {
            return failed(withLabRegistryHint(pulled.error(), *ref, options));
        }
        local = engine.inspectImage(reference, cancel);
        if (!local) {
            return failed(local.error());
        }
    }
    docker::ContainerSpec spec;
    spec.image = reference;
    spec.name = run.name;
    spec.cmd = run.command;
    if (spec.cmd.isEmpty() && local->config.cmd.isEmpty() && local->config.entrypoint.isEmpty()) {
        spec.cmd = defaultLabCommand();
    }
    spec.labels.insert(QStringLiteral("drydock.trust"),
                       trust ? QStringLiteral("on") : QStringLiteral("off"));
    if (!outcome.digest.isEmpty()) {
        spec.labels.insert(QStringLiteral("drydock.trust.digest"), outcome.digest);
    }
    auto id = engine.createContainer(spec, cancel);
    if (!id) {
        return failed(id.error());
    }
    if (auto started = engine.startContainer(*id, cancel); !started) {
        // A container that never ran is of no use and would linger in
        // "Created" under a random name: remove it, and say so.
        Error error = started.error();
        if (auto removed = engine.removeContainer(*id, true); removed) {
            error.hint = QStringLiteral("Drydock removed the container it had created (%1), "
                                        "since it could not start. %2")
                             .arg(id->left(12), error.hint)
                             .trimmed();
        } else {
            error.hint = QStringLiteral("The container %1 could not start and could not be "
                                        "removed either (%2): remove it with docker rm %1. %3")
                             .arg(id->left(12), removed.error().message, error.hint)
                             .trimmed();
        }
        return failed(error);
    }
    entry.container = *id;
    record(options, entry);
    outcome.containerId = *id;
    outcome.image = reference;
    outcome.command = spec.cmd;
    return outcome;
}

} // namespace drydock::trust
