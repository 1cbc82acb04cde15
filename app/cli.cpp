// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include "util/exitcode.h"

#include <cstdio>
#include <unistd.h>

namespace drydock::app {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &command, const Error &error)
{
    err() << "drydock " << command << ": " << error.message << Qt::endl;
    if (!error.hint.isEmpty()) {
        err() << "  fix: " << error.hint << Qt::endl;
    }
    return exitCodeFor(error);
}

int usageError(const QString &command, const QString &message)
{
    err() << "drydock " << command << ": " << message << Qt::endl;
    err() << "  see: drydock " << command << " --help" << Qt::endl;
    return ExitBadInput;
}

bool colourOutput()
{
    return ::isatty(STDOUT_FILENO) && qEnvironmentVariableIsEmpty("NO_COLOR");
}

void addEngineOptions(QCommandLineParser &parser)
{
    parser.addOption({{QStringLiteral("H"), QStringLiteral("host")},
                      QStringLiteral("Engine endpoint (unix:///path, tcp://host:port)."),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("context"),
                      QStringLiteral("Docker context to use (from $DOCKER_CONFIG/contexts)."),
                      QStringLiteral("name")});
}

docker::EndpointRequest engineRequest(const QCommandLineParser &parser)
{
    return {parser.value(QStringLiteral("host")), parser.value(QStringLiteral("context"))};
}

Result<docker::EngineClient> connectEngine(const QCommandLineParser &parser)
{
    const auto endpoint =
        docker::resolveEndpoint(engineRequest(parser), docker::processEnvironment());
    if (!endpoint) {
        return endpoint.error();
    }
    docker::EngineClient engine(*endpoint);
    if (auto ping = engine.negotiate(); !ping) {
        return ping.error();
    }
    return engine;
}

bool parseArguments(QCommandLineParser &parser, const QString &command, const QStringList &args)
{
    parser.addHelpOption();
    QStringList full = args;
    full.prepend(QStringLiteral("drydock ") + command);
    if (!parser.parse(full)) {
        usageError(command, parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        out().flush();
        std::exit(ExitOk);
    }
    return true;
}

} // namespace drydock::app
