// SPDX-License-Identifier: GPL-3.0-or-later
// The one place Drydock starts other programs. A program and a list of
// arguments, never a shell command line; the program is looked up on PATH
// only when it is not an absolute path.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace drydock {

struct ProcessSpec
{
    QString program;
    QStringList arguments;
    QByteArray input;             // written to stdin, then stdin is closed
    QStringList extraEnvironment; // "NAME=value" entries added to the environment
    QString workingDirectory;
    int timeoutMs = 30000;
};

struct ProcessOutput
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs to completion (or the timeout, after which the process is killed).
// Blocks: call it from a worker thread.
Result<ProcessOutput> runProcess(const ProcessSpec &spec);

// Starts a long-running server detached from Drydock, output appended to
// logFile; returns its pid.
Result<qint64> startDetached(const ProcessSpec &spec, const QString &logFile);

// The absolute path of `name` on PATH (or in sbin folders), empty if none.
QString findProgram(const QString &name);

} // namespace drydock
