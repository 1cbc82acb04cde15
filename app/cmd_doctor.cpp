// SPDX-License-Identifier: GPL-3.0-or-later
// drydock doctor: how the engine endpoint was resolved, and whether it answers.
#include "commands.h"

#include "cli.h"
#include "docker/engineclient.h"
#include "docker/enginediscovery.h"
#include "util/exitcode.h"

using namespace drydock::docker;

namespace drydock::app {

namespace {

void printLine(const QString &label, const QString &value)
{
    out() << QStringLiteral("%1 %2").arg(label + QLatin1Char(':'), -14).arg(value) << '\n';
}

void printAlternatives(const Endpoint &failed)
{
    const QStringList others = otherLocalSockets(failed);
    if (others.isEmpty()) {
        return;
    }
    out() << "Other engine sockets on this machine:\n";
    for (const QString &socket : others) {
        out() << "  " << socket << "  (DOCKER_HOST=unix://" << socket << ")\n";
    }
}

} // namespace

int doctorCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Shows how the engine endpoint was resolved and whether it answers."));
    addEngineOptions(parser);
    if (!parseArguments(parser, QStringLiteral("doctor"), args)) {
        return ExitBadInput;
    }
    const auto endpoint = resolveEndpoint(engineRequest(parser), processEnvironment());
    if (!endpoint) {
        return fail(QStringLiteral("doctor"), endpoint.error());
    }
    printLine(QStringLiteral("Endpoint"), endpoint->host);
    printLine(QStringLiteral("Chosen by"), describeSource(endpoint->source));
    printLine(QStringLiteral("Because"), endpoint->sourceDetail);
    if (endpoint->tls) {
        const TlsFiles &tls = endpoint->target.tls;
        printLine(QStringLiteral("TLS"),
                  tls.verify
                      ? QStringLiteral("verified (CA %1)")
                            .arg(tls.caFile.isEmpty() ? QStringLiteral("system store") : tls.caFile)
                      : QStringLiteral("NOT verified: the server's identity is unchecked"));
        if (!tls.certFile.isEmpty()) {
            printLine(QStringLiteral("Client cert"), tls.certFile);
        }
    }

    EngineClient client(*endpoint);
    const auto health = checkEngine(client);
    if (!health) {
        out().flush();
        printAlternatives(*endpoint);
        out().flush();
        return fail(QStringLiteral("doctor"), health.error());
    }
    printLine(QStringLiteral("API version"),
              QStringLiteral("%1 (engine offers %2%3)")
                  .arg(client.apiVersion(), health->ping.apiVersion,
                       !qEnvironmentVariableIsEmpty("DOCKER_API_VERSION")
                           ? QStringLiteral(", pinned by DOCKER_API_VERSION")
                           : QString()));
    printLine(QStringLiteral("Engine"),
              QStringLiteral("%1 %2 on %3 (%4/%5)")
                  .arg(health->flavour(), health->version.version, health->info.operatingSystem,
                       health->version.os, health->version.arch));
    printLine(QStringLiteral("Kernel"), health->info.kernelVersion);
    printLine(QStringLiteral("Rootless"),
              health->info.rootless() ? QStringLiteral("yes") : QStringLiteral("no"));
    printLine(QStringLiteral("Podman"),
              health->isPodman() ? QStringLiteral("yes") : QStringLiteral("no"));
    printLine(QStringLiteral("Host files"),
              endpoint->local ? QStringLiteral("readable (local socket): host checks will run")
                              : QStringLiteral("not reachable (remote engine): host checks are "
                                               "not applicable"));
    printLine(QStringLiteral("Security"), health->info.securityOptions.join(QStringLiteral("; ")));
    printLine(QStringLiteral("Containers"), QStringLiteral("%1 (%2 running), %3 images")
                                                .arg(health->info.containers)
                                                .arg(health->info.containersRunning)
                                                .arg(health->info.images));
    for (const QString &advice : health->advice) {
        out() << "note: " << advice << '\n';
    }
    out() << "OK: the engine answers." << Qt::endl;
    return ExitOk;
}

} // namespace drydock::app
