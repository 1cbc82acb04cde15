// SPDX-License-Identifier: GPL-3.0-or-later
// A complete Notary-style TUF repository made in a test, with every key
// held locally, so tests can sign, alter and replay documents at will.
#pragma once

#include "trust/tufbuilder.h"
#include "trust/tufverifier.h"

#include <QDateTime>
#include <QMap>
#include <QString>

#include <optional>

namespace drydock::trust::test {

struct RepoFixture
{
    QString gun = QStringLiteral("localhost:5999/test/app");
    QDateTime now = QDateTime::currentDateTimeUtc();

    PrivateKey rootKey;
    PublicKey rootCert;
    PrivateKey targetsKey;
    PrivateKey snapshotKey;
    PrivateKey timestampKey;
    std::optional<PrivateKey> releasesKey; // set: targets delegates to targets/releases

    QMap<QString, TargetSpec> tags;        // signed in targets
    QMap<QString, TargetSpec> releaseTags; // signed in targets/releases
    QStringList releasePaths{QString()};

    qint64 rootVersion = 1;
    qint64 targetsVersion = 1;
    qint64 releasesVersion = 1;
    qint64 snapshotVersion = 1;
    qint64 timestampVersion = 1;
    QDateTime timestampExpires; // default now + 14 days

    // The documents of the last build().
    QByteArray root;
    QByteArray targets;
    QByteArray releases;
    QByteArray snapshot;
    QByteArray timestamp;
    QMap<qint64, QByteArray> oldRoots; // served as N.root.json

    // Fresh keys (ECDSA root certificate and targets, Ed25519 snapshot and
    // timestamp, as Notary has them) and one tag "1".
    static RepoFixture create(const QString &gun = QStringLiteral("localhost:5999/test/app"));

    // Signs every document from the current fields.
    void build();
    // Re-signs only snapshot and timestamp over the current root/targets.
    void rebuildSnapshotAndTimestamp();

    RootSpec rootSpec() const;
    QByteArray signRoot(const RootSpec &spec, const QList<SigningKey> &signers) const;

    // File name -> bytes as a Notary server would serve them.
    QMap<QString, QByteArray> files() const;
};

// Serves a fixed set of files, for verifier tests without a network.
class MapSource : public MetadataSource
{
public:
    explicit MapSource(QMap<QString, QByteArray> files) : m_files(std::move(files)) {}

    Result<QByteArray> fetch(const QString &file, qint64 maxBytes,
                             const CancelToken &cancel) override;
    QString location(const QString &file) const override
    {
        return QStringLiteral("fixture:") + file;
    }

    QMap<QString, QByteArray> m_files;
};

// A fake manifest digest for a tag name.
TargetSpec fakeTarget(const QString &name);

} // namespace drydock::trust::test
