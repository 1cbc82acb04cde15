// SPDX-License-Identifier: GPL-3.0-or-later
// A Docker registry (distribution v2) client for manifests: HEAD/GET with
// the standard Accept headers, the Bearer token challenge, and basic
// credentials from the docker config.json.
#pragma once

#include "imageref.h"
#include "util/cancel.h"
#include "util/http.h"
#include "util/result.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <optional>

namespace drydock::trust {

// The Accept header a manifest request sends: Docker v2 and OCI, single
// images and lists/indexes.
QByteArray manifestAcceptHeader();

struct RegistryCredentials
{
    QString username;
    QString password;
    QString source; // the config file it came from
};

// What the docker config.json says about `registry`: credentials from
// "auths", nothing, or an error naming the credential helper configured
// instead (Drydock does not run credential helpers). Environment keys:
// DOCKER_CONFIG, HOME.
Result<std::optional<RegistryCredentials>> credentialsFor(const QString &registry,
                                                          const QMap<QString, QString> &env);

// A parsed WWW-Authenticate challenge.
struct AuthChallenge
{
    QString scheme;                // "bearer" or "basic", lower-case
    QMap<QString, QString> params; // realm, service, scope...
};
std::optional<AuthChallenge> parseChallenge(const QByteArray &header);

struct ManifestInfo
{
    QString digest; // Docker-Content-Digest, or computed from the body on GET
    qint64 length = 0;
    QString mediaType;
    QByteArray body; // empty for HEAD
};

struct RegistryOptions
{
    QString caFile;             // trust anchors for an https registry; empty = system
    QMap<QString, QString> env; // for the docker config lookup
    int timeoutMs = 30000;
    // Loopback registries speak plain HTTP, as the engine lets them (the
    // lab's does). Off for a loopback registry that serves TLS.
    bool plainHttpOnLoopback = true;
};

class RegistryClient
{
public:
    RegistryClient(QString registry, RegistryOptions options);

    // The registry's base URL: http:// for loopback registries (unless
    // told otherwise), https:// for the rest; Docker Hub's API host.
    QString baseUrl() const;

    Result<ManifestInfo> headManifest(const QString &repository, const QString &reference,
                                      const CancelToken &cancel = {});
    Result<ManifestInfo> getManifest(const QString &repository, const QString &reference,
                                     const CancelToken &cancel = {});

private:
    Result<ManifestInfo> manifest(const QByteArray &method, const QString &repository,
                                  const QString &reference, const CancelToken &cancel);
    Result<HttpResponse> send(HttpRequest request, const QString &scope, const CancelToken &cancel);
    Result<void> authenticate(const AuthChallenge &challenge, const QString &scope,
                              const CancelToken &cancel);

    QString m_registry;
    RegistryOptions m_options;
    QByteArray m_authorization; // the header value once a challenge was answered
};

} // namespace drydock::trust
