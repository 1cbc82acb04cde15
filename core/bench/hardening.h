// SPDX-License-Identifier: GPL-3.0-or-later
// A hardened copy of a container: the ContainerSpec that fixes what the
// section 4-5 checks flag on it, and that same spec rendered as a
// `docker run` command and a compose service. Pure: no engine, no disk.
#pragma once

#include "docker/engineclient.h"
#include "docker/models.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace drydock::bench {

// What the generator puts in where the container has nothing better.
struct HardeningOptions
{
    QString name; // the new container's; empty: "<old name>-hardened"
    QString user = QStringLiteral("65534:65534"); // nobody:nogroup, when it ran as root
    qint64 memoryBytes = 256 * 1024 * 1024;
    qint64 cpuShares = 512;
    qint64 pidsLimit = 100;
    int restartRetries = 5;
    // A placeholder probe that only says the main process is alive; the
    // card tells the user to replace it with one that asks the service.
    QStringList healthTest = {QStringLiteral("CMD-SHELL"), QStringLiteral("kill -0 1 || exit 1")};
    qint64 healthIntervalNs = 30'000'000'000;
    qint64 healthTimeoutNs = 5'000'000'000;
    int healthRetries = 3;
    // Host ports below 1024 move up by this much (80 -> 8080).
    int privilegedPortOffset = 8000;
    QString bindAddress = QStringLiteral("127.0.0.1");
    // Engine sockets the container must not see, besides any docker.sock.
    QStringList socketPaths = {QStringLiteral("/run/docker.sock")};
    // Added to the new container's labels (tests mark what they create).
    QMap<QString, QString> extraLabels;
};

// One change the hardened spec makes, and the check it answers.
struct HardeningChange
{
    QString checkId;      // "5.11"; the check that passes once the change is made
    QString option;       // what was set, as the docker CLI spells it: "--memory 256m"
    QString before;       // the container's value: "Memory=0 (unlimited)"
    bool offended = true; // false: a recommended default the check already accepted
};

struct HardenedContainer
{
    docker::ContainerSpec spec;
    QList<HardeningChange> changes;
    // What the user must still look at: a dropped mount the service may
    // need, the placeholder health check, a custom seccomp profile.
    QStringList notes;

    // The check ids of the offending values this spec fixes.
    QStringList fixedCheckIds() const;
};

// The image's own defaults, so that the command carries only what the
// container set on top of them (env, cmd, entrypoint, labels).
struct ImageDefaults
{
    QStringList env;
    QStringList cmd;
    QStringList entrypoint;
    QMap<QString, QString> labels;
};

HardenedContainer hardenContainer(const docker::ContainerInspect &container,
                                  const std::optional<ImageDefaults> &image = std::nullopt,
                                  const HardeningOptions &options = {});

// The docker CLI arguments after `docker`: "run", "--detach", ..., image, cmd.
QStringList dockerRunArguments(const docker::ContainerSpec &spec);
// The same as one shell command, quoted for a POSIX shell, one option per
// line joined with " \\\n  ".
QString dockerRunCommand(const docker::ContainerSpec &spec);
// The same as a docker compose file with one service.
QString composeSnippet(const docker::ContainerSpec &spec, const QString &serviceName = {});

// "256m" for whole MiB, "1g" for whole GiB, else the byte count.
QString dockerMemoryText(qint64 bytes);
// "30s", "1m30s", "500ms": a Go duration as the docker CLI accepts it.
QString goDurationText(qint64 nanoseconds);
// A word as a POSIX shell reads it back unchanged.
QString shellQuote(const QString &word);

} // namespace drydock::bench
