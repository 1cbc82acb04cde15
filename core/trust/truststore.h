// SPDX-License-Identifier: GPL-3.0-or-later
// The trust store: per repository (GUN), the pinned root, the highest
// metadata versions seen and the last verified documents. Saved atomically
// under dataPath("trust"), so a rollback is caught on a later run.
#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace drydock::trust {

struct RepoTrust
{
    QString gun;
    QByteArray root;                // the pinned root document, raw
    QMap<QString, qint64> versions; // role -> highest version verified
    // The last verified documents by file name ("timestamp.json",
    // "snapshot.<sha256>.json"...): used only with an explicit allow-offline.
    QMap<QString, QByteArray> files;
    QDateTime verifiedAt;
    QString server; // the Notary server they came from

    bool hasRoot() const { return !root.isEmpty(); }
};

class TrustStore
{
public:
    // `folder` defaults to dataPath("trust").
    explicit TrustStore(QString folder = {});

    QString folder() const { return m_folder; }
    QString fileFor(const QString &gun) const;

    // Nothing saved yet for `gun` is an empty optional, not an error.
    Result<std::optional<RepoTrust>> load(const QString &gun) const;
    Result<void> save(const RepoTrust &trust) const;
    // Forgets the pinned root and versions of one repository; false when
    // nothing was saved for it.
    Result<bool> reset(const QString &gun) const;
    QStringList repositories() const;

private:
    QString m_folder;
};

} // namespace drydock::trust
