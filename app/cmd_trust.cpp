// SPDX-License-Identifier: GPL-3.0-or-later
// drydock trust: content-trust inspection, trusted pull and trusted run.
#include "commands.h"

#include "cli.h"
#include "docker/engineclient.h"
#include "trust/trustservice.h"
#include "util/exitcode.h"

#include <QMap>

#include <nlohmann/json.hpp>

using namespace drydock::trust;

namespace drydock::app {

namespace {

const QString kCommand = QStringLiteral("trust");

QString shortId(const QString &id)
{
    return id.left(12);
}

QString day(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                          : QStringLiteral("-");
}

void printTrace(const TrustTrace &trace)
{
    out() << "Resolution" << (trace.offline ? " (offline, from the trust store)" : "") << ":\n";
    for (const TrustStep &step : trace.steps) {
        QStringList keys;
        for (const QString &id : step.keyIds) {
            keys << shortId(id);
        }
        QString line = QStringLiteral("%1 %2")
                           .arg(step.good ? QStringLiteral("[good]") : QStringLiteral("[BAD] "))
                           .arg(step.role, -17);
        if (step.version > 0) {
            line += QStringLiteral(" v%1").arg(step.version);
        }
        if (step.expires.isValid()) {
            line += QStringLiteral("  expires ") + day(step.expires);
        }
        if (!keys.isEmpty()) {
            line += QStringLiteral("  key ") + keys.join(QLatin1String(", "));
        }
        out() << "  " << line.trimmed() << "\n         " << step.summary << '\n';
    }
    // Before any error on stderr, so the two read in order.
    out().flush();
}

void printReport(const TrustReport &report)
{
    out() << "Image:          " << report.ref.display() << '\n'
          << "Repository:     " << report.ref.gun() << '\n';
    if (!report.server.server.url.isEmpty()) {
        out() << "Notary server:  " << report.server.server.url << " (" << report.server.why
              << ")\n";
        if (!report.server.server.caFile.isEmpty()) {
            out() << "CA file:        " << report.server.server.caFile << '\n';
        }
    }
    printTrace(report.trace);
    if (report.target) {
        out() << "Digest:         " << report.target->digest << '\n';
        out() << "Signed in:      " << report.target->role << '\n';
        out() << "Signers:        " << report.signers().join(QLatin1String(", ")) << '\n';
    }
    if (report.repository) {
        out() << "Signed tags:    " << report.repository->tags().join(QLatin1String(", ")) << '\n';
        out() << "Keys:\n";
        for (const KeyListing &key : report.repository->keys) {
            out() << "  " << QStringLiteral("%1").arg(key.role, -17) << ' ' << shortId(key.keyId)
                  << "  " << key.keyType;
            if (!key.commonName.isEmpty()) {
                out() << "  CN=" << key.commonName << ", certificate until "
                      << day(key.certNotAfter);
            }
            out() << '\n';
        }
        out() << "Expiry:\n";
        for (const RoleStatus &role : report.repository->roles) {
            out() << "  " << QStringLiteral("%1").arg(role.role, -17) << " v" << role.version
                  << "  " << day(role.expires) << '\n';
        }
    }
    out() << "Trusted:        "
          << (report.trusted()
                  ? QStringLiteral("yes: with content trust on, Drydock pulls and runs "
                                   "%1 by this digest.")
                        .arg(report.ref.display())
                  : QStringLiteral("NO: with content trust on, Drydock refuses to "
                                   "pull or run %1.")
                        .arg(report.ref.display()))
          << '\n';
    out().flush();
}

nlohmann::json reportJson(const TrustReport &report)
{
    nlohmann::json steps = nlohmann::json::array();
    for (const TrustStep &step : report.trace.steps) {
        nlohmann::json keys = nlohmann::json::array();
        for (const QString &id : step.keyIds) {
            keys.push_back(id.toStdString());
        }
        steps.push_back(
            {{"role", step.role.toStdString()},
             {"good", step.good},
             {"summary", step.summary.toStdString()},
             {"version", step.version},
             {"expires", step.expires.isValid() ? step.expires.toString(Qt::ISODate).toStdString()
                                                : std::string()},
             {"keyIds", keys},
             {"source", step.source.toStdString()}});
    }
    nlohmann::json doc = {{"image", report.ref.display().toStdString()},
                          {"gun", report.ref.gun().toStdString()},
                          {"server", report.server.server.url.toStdString()},
                          {"trusted", report.trusted()},
                          {"offline", report.trace.offline},
                          {"steps", steps}};
    if (report.target) {
        doc["digest"] = report.target->digest.toStdString();
        nlohmann::json signers = nlohmann::json::array();
        for (const QString &signer : report.signers()) {
            signers.push_back(signer.toStdString());
        }
        doc["signers"] = signers;
    }
    if (report.failure) {
        doc["error"] = report.failure->message.toStdString();
    }
    return doc;
}

// Prints one line per layer when its status changes, not every byte count.
ProgressHandler progressPrinter()
{
    auto last = std::make_shared<QMap<QString, QString>>();
    return [last](const docker::PullProgress &progress) {
        if (last->value(progress.id) == progress.status) {
            return;
        }
        last->insert(progress.id, progress.status);
        // "Pulling from" carries the tag or digest as its id, which the
        // line already says; layer lines keep their layer id.
        const bool named =
            !progress.id.isEmpty() && !progress.status.startsWith(QLatin1String("Pulling from"));
        out() << "  " << (named ? progress.id + QStringLiteral(": ") : QString()) << progress.status
              << Qt::endl;
    };
}

} // namespace

int trustCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Content trust: resolve a tag to its signed digest through a Notary server, "
        "pull or run only what is signed.\n"
        "  inspect IMAGE           signers, digest, expiry and every verification step\n"
        "  pull IMAGE              pull (by signed digest when trust is on)\n"
        "  run IMAGE [-- CMD...]   create and start a container (from the signed digest "
        "when trust is on)"));
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("inspect, pull or run"));
    parser.addPositionalArgument(QStringLiteral("image"),
                                 QStringLiteral("[registry/]repository[:tag]"));
    parser.addOption({QStringLiteral("trust"),
                      QStringLiteral("Content trust on (also DOCKER_CONTENT_TRUST=1).")});
    parser.addOption(
        {QStringLiteral("no-trust"), QStringLiteral("Content trust off: a plain pull by tag.")});
    parser.addOption(
        {QStringLiteral("trust-server"),
         QStringLiteral("Notary server (https). Default: DOCKER_CONTENT_TRUST_SERVER, the "
                        "lab environment for its registry, else https://<registry>."),
         QStringLiteral("url")});
    parser.addOption(
        {QStringLiteral("ca-file"),
         QStringLiteral("CA certificate(s) that sign the Notary server's TLS certificate."),
         QStringLiteral("file")});
    parser.addOption(
        {QStringLiteral("allow-offline"),
         QStringLiteral("When the Notary server cannot be reached, verify against the trust "
                        "data saved last time (never done without this option).")});
    parser.addOption(
        {QStringLiteral("reset-trust"),
         QStringLiteral("Forget the pinned root and versions of a repository, then exit."),
         QStringLiteral("repository")});
    parser.addOption(
        {QStringLiteral("lab-state"),
         QStringLiteral("The lab environment's state folder, for finding its Notary server "
                        "and CA (default: the data folder's labenv)."),
         QStringLiteral("dir")});
    parser.addOption({QStringLiteral("name"), QStringLiteral("run: the container's name."),
                      QStringLiteral("name")});
    parser.addOption(
        {QStringLiteral("json"), QStringLiteral("inspect: print the report as JSON.")});
    addEngineOptions(parser);
    if (!parseArguments(parser, kCommand, args)) {
        return ExitBadInput;
    }

    const QMap<QString, QString> env = trustEnvironment();
    TrustOptions options;
    options.trustServer = parser.value(QStringLiteral("trust-server"));
    options.caFile = parser.value(QStringLiteral("ca-file"));
    options.allowOffline = parser.isSet(QStringLiteral("allow-offline"));
    options.labEnvState = parser.value(QStringLiteral("lab-state"));
    options.env = env;

    if (parser.isSet(QStringLiteral("reset-trust"))) {
        const QString repository = parser.value(QStringLiteral("reset-trust"));
        auto reset = resetTrust(repository, options);
        if (!reset) {
            return fail(kCommand, reset.error());
        }
        out() << (*reset ? QStringLiteral(
                               "Forgot the pinned trust of %1; the next use pins its root anew.")
                         : QStringLiteral("Drydock had no pinned trust for %1."))
                     .arg(repository)
              << Qt::endl;
        if (parser.positionalArguments().isEmpty()) {
            return ExitOk;
        }
    }

    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const QString image = positional.value(1);
    if (!QStringList{QStringLiteral("inspect"), QStringLiteral("pull"), QStringLiteral("run")}
             .contains(action) ||
        image.isEmpty()) {
        return usageError(kCommand, QStringLiteral("say inspect, pull or run, then an image."));
    }
    if (action != QLatin1String("run") && positional.size() > 2) {
        return usageError(kCommand, QStringLiteral("%1 takes one image.").arg(action));
    }
    if (parser.isSet(QStringLiteral("trust")) && parser.isSet(QStringLiteral("no-trust"))) {
        return usageError(kCommand,
                          QStringLiteral("--trust and --no-trust contradict each other."));
    }
    const bool trust = parser.isSet(QStringLiteral("trust")) ||
                       (!parser.isSet(QStringLiteral("no-trust")) && contentTrustRequested(env));

    if (action == QLatin1String("inspect")) {
        auto report = inspectTrust(image, options);
        if (!report) {
            return fail(kCommand, report.error());
        }
        recordInspection(*report, options);
        if (parser.isSet(QStringLiteral("json"))) {
            out() << QString::fromStdString(reportJson(*report).dump(2)) << Qt::endl;
        } else {
            printReport(*report);
        }
        if (report->failure) {
            Error failure = *report->failure;
            // Bypassing trust is suggested only when nothing looks hostile.
            if (failure.kind == ErrorKind::Untrusted && failure.hint.isEmpty() &&
                !report->invalidTrustData) {
                failure.hint = QStringLiteral("drydock trust pull --no-trust %1 would take it "
                                              "without checking any signature.")
                                   .arg(report->ref.display());
            }
            return fail(kCommand, failure);
        }
        return ExitOk;
    }

    // A bad name is bad input whether or not the engine answers.
    if (auto ref = parseImageRef(image); !ref) {
        return fail(kCommand, ref.error());
    }
    auto engine = connectEngine(parser);
    if (!engine) {
        return fail(kCommand, engine.error());
    }
    out() << trustModeLine(*parseImageRef(image), trust, action) << Qt::endl;
    if (action == QLatin1String("pull")) {
        TrustReport report;
        auto pulled = pullImage(*engine, image, trust, options, progressPrinter(), {}, &report);
        if (!pulled) {
            if (!report.trace.steps.isEmpty()) {
                printTrace(report.trace);
            }
            return fail(kCommand, pulled.error());
        }
        if (pulled->trusted) {
            out() << "Pull (1 of 1): " << report.ref.display() << '@' << pulled->digest << '\n'
                  << "Tagging " << pulled->reference << " as " << pulled->taggedAs << '\n'
                  << "Signed by: " << report.signers().join(QLatin1String(", ")) << '\n';
        } else {
            out() << untrustedPullLine(*pulled) << '\n';
        }
        out().flush();
        return ExitOk;
    }

    RunRequest run;
    run.name = parser.value(QStringLiteral("name"));
    run.command = positional.mid(2);
    TrustReport report;
    auto started = runImage(*engine, image, trust, run, options, progressPrinter(), {}, &report);
    if (!started) {
        if (!report.trace.steps.isEmpty()) {
            printTrace(report.trace);
        }
        return fail(kCommand, started.error());
    }
    out() << "Started container " << started->containerId.left(12) << " from " << started->image
          << (started->trusted                            ? " (the signed digest)"
              : started->image.contains(QLatin1Char('@')) ? " (pinned by its digest)"
                                                          : " (no signature checked)")
          << '\n'
          << "Command: " << started->command.join(QLatin1Char(' ')) << '\n'
          << "Its output: docker logs " << started->containerId.left(12) << '\n';
    out().flush();
    return ExitOk;
}

} // namespace drydock::app
