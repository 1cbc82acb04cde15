// SPDX-License-Identifier: GPL-3.0-or-later
// The "signed" bodies of new TUF documents in Notary's layout, for the lab
// environment's publishing and the tests' hand-made repositories.
#pragma once

#include "tufmetadata.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <nlohmann/json.hpp>

namespace drydock::trust {

struct RootSpec
{
    qint64 version = 1;
    QDateTime expires;
    QList<PublicKey> rootKeys; // certificates (ecdsa-x509) for Notary
    int rootThreshold = 1;
    QList<PublicKey> targetsKeys;
    QList<PublicKey> snapshotKeys;
    QList<PublicKey> timestampKeys;
};

nlohmann::json rootBody(const RootSpec &spec);

struct TargetSpec
{
    QString digest; // "sha256:<hex>" of the manifest
    qint64 length = 0;
};

struct DelegationSpec
{
    QString name; // "targets/releases"
    QList<PublicKey> keys;
    int threshold = 1;
    QStringList paths{QString()}; // "" allows every tag
};

nlohmann::json targetsBody(qint64 version, const QDateTime &expires,
                           const QMap<QString, TargetSpec> &targets,
                           const QList<DelegationSpec> &delegations = {});

// snapshot: "meta" with each role's document (root, targets, delegations).
nlohmann::json snapshotBody(qint64 version, const QDateTime &expires,
                            const QMap<QString, QByteArray> &documents);

nlohmann::json timestampBody(qint64 version, const QDateTime &expires, const QByteArray &snapshot);

} // namespace drydock::trust
