// SPDX-License-Identifier: GPL-3.0-or-later
// The local lab environment: Debian's docker-registry and notary-server on
// loopback, a CA made here, an offline busybox image pushed as signed and
// unsigned repositories, and the signature published natively.
#pragma once

#include "docker/engineclient.h"
#include "util/cancel.h"
#include "util/result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace drydock::trust {

// The images `up` provides (with the registry's host:port in front).
inline constexpr const char *kLabUnsignedRepo = "drydock/unsigned";
inline constexpr const char *kLabSignedRepo = "drydock/signed";
inline constexpr const char *kLabSignedTag = "1";
inline constexpr const char *kLabUnsignedTag = "unsigned";

struct LabEnvOptions
{
    QString stateDir; // empty = dataPath("labenv")
    int registryPort = 5000;
    int notaryPort = 4443;
    // Progress lines for the user ("Registry started on ...").
    std::function<void(const QString &)> log;
};

// What a client needs, saved as settings.json in the state folder so the
// trust commands find the lab's Notary server and CA on their own.
struct LabEnvSettings
{
    QString stateDir;
    QString registry;  // "localhost:5000"
    QString notaryUrl; // "https://localhost:4443"
    QString caFile;
    QStringList signedImages;
    QStringList unsignedImages;

    // The ports `up` was started with, read from registry and notaryUrl
    // (0 when they name none).
    int registryPort() const;
    int notaryPort() const;
    // The command that starts this environment again, with its ports and
    // state folder when they are not the defaults.
    QString upCommand() const;
};

struct ServiceStatus
{
    QString name; // "registry" or "notary-server"
    qint64 pid = 0;
    bool running = false;   // the pid from our pid file is alive and is that program
    bool answering = false; // its health endpoint answered
    QString url;
    QString logFile;
};

struct LabEnvStatus
{
    std::optional<LabEnvSettings> settings;
    QList<ServiceStatus> services;
};

QString defaultLabEnvState();

// settings.json of a state folder, if `up` ever completed there.
Result<std::optional<LabEnvSettings>> readLabEnvSettings(const QString &stateDir);

class LabEnvironment
{
public:
    explicit LabEnvironment(LabEnvOptions options);

    QString stateDir() const { return m_options.stateDir; }

    // Starts what is not running, makes what is missing, re-signs when the
    // Notary server lost its (in-memory) data. Safe to repeat.
    Result<LabEnvSettings> up(docker::EngineClient &engine, const CancelToken &cancel = {});
    // Stops the servers whose pid files this state folder holds; returns
    // one line per server.
    Result<QStringList> down();
    LabEnvStatus status() const;

private:
    void say(const QString &line) const;

    LabEnvOptions m_options;
};

} // namespace drydock::trust
