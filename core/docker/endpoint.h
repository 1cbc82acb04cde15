// SPDX-License-Identifier: GPL-3.0-or-later
// Which engine to talk to, resolved the way the docker CLI resolves it.
#pragma once

#include "util/http.h"
#include "util/result.h"

#include <QMap>
#include <QString>

namespace drydock::docker {

// Where the winning setting came from, for `drydock doctor` and the window.
enum class EndpointSource {
    HostOption,    // --host
    ContextOption, // --context
    DockerHostEnv, // DOCKER_HOST
    DockerContextEnv,
    ConfigCurrentContext, // currentContext in $DOCKER_CONFIG/config.json
    Default,              // unix:///var/run/docker.sock
};

QString describeSource(EndpointSource source);

struct Endpoint
{
    QString host; // as given: unix:///path, tcp://h:p
    EndpointSource source = EndpointSource::Default;
    QString sourceDetail; // e.g. the context name and the file it came from
    QString contextName;  // empty unless a context won
    HttpTarget target;    // what libcurl needs
    bool tls = false;
    bool local = false; // a unix socket on this machine: host files can be read

    QString display() const { return host; }
};

// What the user asked for explicitly (command-line options).
struct EndpointRequest
{
    QString host;
    QString context;
};

// The environment, injectable so tests need not touch the real one.
// Keys: DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, DOCKER_TLS_VERIFY,
// DOCKER_CERT_PATH, HOME.
using Environment = QMap<QString, QString>;
Environment processEnvironment();

// The folder of a context in the store: sha256 hex of its name.
QString contextDirName(const QString &contextName);

Result<Endpoint> resolveEndpoint(const EndpointRequest &request, const Environment &env);

// Turns a host string into a transport; tls files apply to tcp:// only.
Result<Endpoint> endpointFromHost(const QString &host, const TlsFiles &tls, bool useTls);

} // namespace drydock::docker
