// SPDX-License-Identifier: GPL-3.0-or-later
// Talking to a Notary server over HTTPS: metadata downloads for the TUF
// client, the server-held keys, and publishing signed metadata. TLS is
// always verified, loopback included.
#pragma once

#include "tufcrypto.h"
#include "tufverifier.h"
#include "util/http.h"

#include <QList>
#include <QPair>
#include <QString>

namespace drydock::trust {

struct NotaryServer
{
    QString url;    // https://host[:port], no trailing slash
    QString caFile; // trust anchors; empty = the system store
};

class NotaryClient : public MetadataSource
{
public:
    NotaryClient(NotaryServer server, QString gun);

    Result<QByteArray> fetch(const QString &file, qint64 maxBytes,
                             const CancelToken &cancel) override;
    QString location(const QString &file) const override;

    // GET /_notary_server/health.
    Result<void> health(const CancelToken &cancel = {});
    // The public key the server holds for "timestamp" or "snapshot",
    // created on first request.
    Result<PublicKey> serverKey(const QString &roleName, const CancelToken &cancel = {});
    // POST the signed files ({role, bytes}) as one atomic update, as the
    // notary client's publish does.
    Result<void> publish(const QList<QPair<QString, QByteArray>> &files,
                         const CancelToken &cancel = {});

private:
    Result<HttpResponse> send(HttpRequest request, const CancelToken &cancel);
    QString tufPath() const;

    NotaryServer m_server;
    QString m_gun;
};

// The documents saved in the trust store, served back for an explicitly
// allowed offline verification.
class SavedMetadata : public MetadataSource
{
public:
    explicit SavedMetadata(RepoTrust saved) : m_saved(std::move(saved)) {}

    Result<QByteArray> fetch(const QString &file, qint64 maxBytes,
                             const CancelToken &cancel) override;
    QString location(const QString &file) const override;

private:
    RepoTrust m_saved;
};

} // namespace drydock::trust
