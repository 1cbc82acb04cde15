// SPDX-License-Identifier: GPL-3.0-or-later
// drydock labenv: the local registry and Notary server for the signing lab.
#include "commands.h"

#include "cli.h"
#include "docker/engineclient.h"
#include "trust/labenv.h"
#include "util/exitcode.h"

#include <QElapsedTimer>

using namespace drydock::trust;

namespace drydock::app {

namespace {

const QString kCommand = QStringLiteral("labenv");

void printSettings(const LabEnvSettings &settings)
{
    out() << "  registry:       http://" << settings.registry
          << "  (plain HTTP on loopback, which the engine allows)\n"
          << "  Notary server:  " << settings.notaryUrl << '\n'
          << "  CA file:        " << settings.caFile << '\n'
          << "  signed:         " << settings.signedImages.join(QLatin1String(", ")) << '\n'
          << "  unsigned:       " << settings.unsignedImages.join(QLatin1String(", ")) << '\n'
          << "For a client:\n"
          << "  export DOCKER_CONTENT_TRUST_SERVER=" << settings.notaryUrl << '\n'
          << "  drydock trust pull --trust --ca-file " << settings.caFile << ' '
          << settings.signedImages.value(0) << '\n'
          << "(drydock trust finds this server and CA by itself for images in " << settings.registry
          << (settings.stateDir == defaultLabEnvState()
                  ? QStringLiteral(".)\n")
                  : QStringLiteral(" when given --lab-state %1.)\n").arg(settings.stateDir));
}

Result<int> portOption(const QCommandLineParser &parser, const QString &name, int fallback)
{
    if (!parser.isSet(name)) {
        return fallback;
    }
    bool ok = false;
    const int port = parser.value(name).toInt(&ok);
    if (!ok || port < 1 || port > 65535) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("--%1 must be a TCP port (1-65535), not \"%2\".")
                             .arg(name, parser.value(name)));
    }
    return port;
}

} // namespace

int labenvCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Starts, stops or reports the lab's own registry and Notary server on "
                       "loopback, with a signed and an unsigned image."));
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("up, down or status"));
    parser.addOption({QStringLiteral("state"),
                      QStringLiteral("Folder for certificates, configs, pid files and logs "
                                     "(default: the data folder's labenv)."),
                      QStringLiteral("dir")});
    parser.addOption(
        {QStringLiteral("registry-port"),
         QStringLiteral("Registry port on 127.0.0.1 (default: the state folder's, else "
                        "5000)."),
         QStringLiteral("port")});
    parser.addOption(
        {QStringLiteral("notary-port"),
         QStringLiteral("Notary server port on 127.0.0.1 (default: the state folder's, "
                        "else 4443)."),
         QStringLiteral("port")});
    addEngineOptions(parser);
    if (!parseArguments(parser, kCommand, args)) {
        return ExitBadInput;
    }
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (positional.size() != 1 ||
        !QStringList{QStringLiteral("up"), QStringLiteral("down"), QStringLiteral("status")}
             .contains(action)) {
        return usageError(kCommand, QStringLiteral("say up, down or status."));
    }
    // Without port options, the ports this state folder was started with
    // (its settings.json), so status and a repeated up find its servers.
    const LabEnvOptions defaults;
    int registryDefault = defaults.registryPort;
    int notaryDefault = defaults.notaryPort;
    const QString stateDir = parser.isSet(QStringLiteral("state"))
                                 ? parser.value(QStringLiteral("state"))
                                 : defaultLabEnvState();
    if (auto saved = readLabEnvSettings(stateDir); saved && saved->has_value()) {
        registryDefault = (*saved)->registryPort() > 0 ? (*saved)->registryPort() : registryDefault;
        notaryDefault = (*saved)->notaryPort() > 0 ? (*saved)->notaryPort() : notaryDefault;
    }
    auto registryPort = portOption(parser, QStringLiteral("registry-port"), registryDefault);
    auto notaryPort = portOption(parser, QStringLiteral("notary-port"), notaryDefault);
    if (!registryPort || !notaryPort) {
        return fail(kCommand, registryPort ? notaryPort.error() : registryPort.error());
    }
    LabEnvOptions options;
    options.stateDir = parser.value(QStringLiteral("state"));
    options.registryPort = *registryPort;
    options.notaryPort = *notaryPort;
    options.log = [](const QString &line) { out() << line << Qt::endl; };
    LabEnvironment env(options);

    if (action == QLatin1String("down")) {
        auto lines = env.down();
        if (!lines) {
            return fail(kCommand, lines.error());
        }
        for (const QString &line : *lines) {
            out() << line << '\n';
        }
        out().flush();
        return ExitOk;
    }
    if (action == QLatin1String("status")) {
        const LabEnvStatus status = env.status();
        out() << "State folder: " << env.stateDir() << '\n';
        bool allUp = true;
        for (const ServiceStatus &service : status.services) {
            allUp = allUp && service.running && service.answering;
            out() << "  " << QStringLiteral("%1").arg(service.name, -14) << ' '
                  << (service.running
                          ? QStringLiteral("running (pid %1), %2")
                                .arg(service.pid)
                                .arg(service.answering ? QStringLiteral("answering on ")
                                                       : QStringLiteral("NOT answering on "))
                          : QStringLiteral("not running, expected on "))
                  << service.url << '\n';
        }
        if (status.settings && allUp) {
            printSettings(*status.settings);
        } else if (!allUp) {
            LabEnvSettings asked;
            asked.stateDir = env.stateDir();
            asked.registry = QStringLiteral("localhost:%1").arg(*registryPort);
            asked.notaryUrl = QStringLiteral("https://localhost:%1").arg(*notaryPort);
            out() << "Start it with: " << (status.settings ? *status.settings : asked).upCommand()
                  << '\n';
        }
        out().flush();
        return allUp ? ExitOk : ExitUnreachable;
    }

    const auto endpoint =
        docker::resolveEndpoint(engineRequest(parser), docker::processEnvironment());
    if (!endpoint) {
        return fail(kCommand, endpoint.error());
    }
    docker::EngineClient engine(*endpoint);
    if (auto ping = engine.negotiate(); !ping) {
        return fail(kCommand, ping.error());
    }
    QElapsedTimer timer;
    timer.start();
    auto settings = env.up(engine);
    if (!settings) {
        return fail(kCommand, settings.error());
    }
    out() << QStringLiteral("Lab environment is up (%1 s), state in %2.")
                 .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 2)
                 .arg(env.stateDir())
          << '\n';
    printSettings(*settings);
    out().flush();
    return ExitOk;
}

} // namespace drydock::app
