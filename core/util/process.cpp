// SPDX-License-Identifier: GPL-3.0-or-later
#include "process.h"

#include "logging.h"

#include <QProcess>
#include <QStandardPaths>

namespace drydock {

namespace {

QProcessEnvironment environmentFor(const ProcessSpec &spec)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : spec.extraEnvironment) {
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        if (eq > 0) {
            env.insert(entry.left(eq), entry.mid(eq + 1));
        }
    }
    return env;
}

} // namespace

QString findProgram(const QString &name)
{
    if (name.startsWith(QLatin1Char('/'))) {
        return name;
    }
    QString found = QStandardPaths::findExecutable(name);
    if (found.isEmpty()) {
        // Unprivileged users often lack the sbin folders on PATH.
        found = QStandardPaths::findExecutable(name, {QStringLiteral("/usr/sbin"),
                                                      QStringLiteral("/sbin"),
                                                      QStringLiteral("/usr/local/sbin")});
    }
    return found;
}

Result<ProcessOutput> runProcess(const ProcessSpec &spec)
{
    const QString program = findProgram(spec.program);
    if (program.isEmpty()) {
        return makeError(ErrorKind::Unreachable,
                         QStringLiteral("The program %1 is not installed.").arg(spec.program));
    }
    QProcess process;
    process.setProcessEnvironment(environmentFor(spec));
    if (!spec.workingDirectory.isEmpty()) {
        process.setWorkingDirectory(spec.workingDirectory);
    }
    qCDebug(lcProcess) << "running" << program << spec.arguments;
    process.start(program, spec.arguments);
    if (!process.waitForStarted(spec.timeoutMs)) {
        return makeError(
            ErrorKind::Unreachable,
            QStringLiteral("Cannot start %1: %2.").arg(program, process.errorString()));
    }
    if (!spec.input.isEmpty()) {
        process.write(spec.input);
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(spec.timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        return makeError(ErrorKind::Timeout, QStringLiteral("%1 did not finish within %2 s.")
                                                 .arg(program)
                                                 .arg(spec.timeoutMs / 1000.0));
    }
    ProcessOutput output;
    output.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    output.out = process.readAllStandardOutput();
    output.err = process.readAllStandardError();
    return output;
}

Result<qint64> startDetached(const ProcessSpec &spec, const QString &logFile)
{
    const QString program = findProgram(spec.program);
    if (program.isEmpty()) {
        return makeError(ErrorKind::Unreachable,
                         QStringLiteral("The program %1 is not installed.").arg(spec.program),
                         QStringLiteral("Install it with apt, then try again."));
    }
    QProcess process;
    process.setProgram(program);
    process.setArguments(spec.arguments);
    process.setProcessEnvironment(environmentFor(spec));
    process.setWorkingDirectory(spec.workingDirectory);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(logFile, QIODevice::Append);
    process.setStandardErrorFile(logFile, QIODevice::Append);
    qint64 pid = 0;
    if (!process.startDetached(&pid)) {
        return makeError(
            ErrorKind::Unreachable,
            QStringLiteral("Cannot start %1: %2.").arg(program, process.errorString()));
    }
    return pid;
}

} // namespace drydock
