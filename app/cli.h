// SPDX-License-Identifier: GPL-3.0-or-later
// What every headless command shares: output, errors, the engine options.
#pragma once

#include "docker/endpoint.h"
#include "docker/engineclient.h"
#include "util/result.h"

#include <QCommandLineParser>
#include <QString>
#include <QTextStream>

namespace drydock::app {

QTextStream &out();
QTextStream &err();

// Prints "drydock <command>: <message>" and the hint, returns the exit code.
int fail(const QString &command, const Error &error);
int usageError(const QString &command, const QString &message);

// True when stdout is a terminal and NO_COLOR is unset.
bool colourOutput();

// Adds --host and --context.
void addEngineOptions(QCommandLineParser &parser);
docker::EndpointRequest engineRequest(const QCommandLineParser &parser);
// Resolves the endpoint from --host/--context and the environment, and
// negotiates the API version.
Result<docker::EngineClient> connectEngine(const QCommandLineParser &parser);

// Parses `args` (the command's own) with the program name in front; on a
// bad option prints the error and returns false.
bool parseArguments(QCommandLineParser &parser, const QString &command, const QStringList &args);

} // namespace drydock::app
