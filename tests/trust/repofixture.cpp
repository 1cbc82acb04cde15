// SPDX-License-Identifier: GPL-3.0-or-later
// Building test TUF repositories with locally held keys.
#include "repofixture.h"

#include <QtTest>

namespace drydock::trust::test {

namespace {

PrivateKey mustKey(KeyAlgorithm algorithm)
{
    auto key = PrivateKey::generate(algorithm);
    if (!key) {
        qFatal("key generation failed");
    }
    return *key;
}

QByteArray mustSign(const nlohmann::json &body, const QList<SigningKey> &signers)
{
    auto doc = signDocument(body, signers);
    if (!doc) {
        qFatal("signing failed");
    }
    return *doc;
}

QString hashed(const QString &roleName, const QByteArray &doc)
{
    return QStringLiteral("%1.%2.json").arg(roleName, sha256Hex(doc));
}

} // namespace

TargetSpec fakeTarget(const QString &name)
{
    return TargetSpec{QStringLiteral("sha256:") + sha256Hex(name.toUtf8()), 525};
}

RepoFixture RepoFixture::create(const QString &gun)
{
    RepoFixture repo;
    repo.gun = gun;
    repo.rootKey = mustKey(KeyAlgorithm::EcdsaP256);
    auto cert = repo.rootKey.certificateKey(gun, repo.now.addDays(-1), repo.now.addYears(10));
    if (!cert) {
        qFatal("certificate failed");
    }
    repo.rootCert = *cert;
    repo.targetsKey = mustKey(KeyAlgorithm::EcdsaP256);
    repo.snapshotKey = mustKey(KeyAlgorithm::Ed25519);
    repo.timestampKey = mustKey(KeyAlgorithm::Ed25519);
    repo.tags.insert(QStringLiteral("1"), fakeTarget(QStringLiteral("1")));
    repo.timestampExpires = repo.now.addDays(14);
    return repo;
}

RootSpec RepoFixture::rootSpec() const
{
    RootSpec spec;
    spec.version = rootVersion;
    spec.expires = now.addYears(10);
    spec.rootKeys = {rootCert};
    spec.targetsKeys = {targetsKey.publicKey()};
    spec.snapshotKeys = {snapshotKey.publicKey()};
    spec.timestampKeys = {timestampKey.publicKey()};
    return spec;
}

QByteArray RepoFixture::signRoot(const RootSpec &spec, const QList<SigningKey> &signers) const
{
    return mustSign(rootBody(spec), signers);
}

void RepoFixture::build()
{
    root = signRoot(rootSpec(), {SigningKey{rootKey, rootCert}});
    QList<DelegationSpec> delegations;
    if (releasesKey) {
        DelegationSpec releasesRole;
        releasesRole.name = QString::fromLatin1(role::Releases);
        releasesRole.keys = {releasesKey->publicKey()};
        releasesRole.paths = releasePaths;
        delegations.append(releasesRole);
        releases = mustSign(targetsBody(releasesVersion, now.addYears(3), releaseTags),
                            {SigningKey{*releasesKey, releasesKey->publicKey()}});
        // A delegation document is of type Targets too.
    }
    targets = mustSign(targetsBody(targetsVersion, now.addYears(3), tags, delegations),
                       {SigningKey{targetsKey, targetsKey.publicKey()}});
    rebuildSnapshotAndTimestamp();
}

void RepoFixture::rebuildSnapshotAndTimestamp()
{
    QMap<QString, QByteArray> documents{{QStringLiteral("root"), root},
                                        {QStringLiteral("targets"), targets}};
    if (releasesKey) {
        documents.insert(QString::fromLatin1(role::Releases), releases);
    }
    snapshot = mustSign(snapshotBody(snapshotVersion, now.addYears(3), documents),
                        {SigningKey{snapshotKey, snapshotKey.publicKey()}});
    timestamp = mustSign(timestampBody(timestampVersion, timestampExpires, snapshot),
                         {SigningKey{timestampKey, timestampKey.publicKey()}});
}

QMap<QString, QByteArray> RepoFixture::files() const
{
    QMap<QString, QByteArray> out;
    out.insert(QStringLiteral("root.json"), root);
    out.insert(QStringLiteral("%1.root.json").arg(rootVersion), root);
    for (auto it = oldRoots.cbegin(); it != oldRoots.cend(); ++it) {
        out.insert(QStringLiteral("%1.root.json").arg(it.key()), it.value());
    }
    out.insert(QStringLiteral("timestamp.json"), timestamp);
    out.insert(QStringLiteral("snapshot.json"), snapshot);
    out.insert(hashed(QStringLiteral("snapshot"), snapshot), snapshot);
    out.insert(QStringLiteral("targets.json"), targets);
    out.insert(hashed(QStringLiteral("targets"), targets), targets);
    if (releasesKey) {
        out.insert(QStringLiteral("targets/releases.json"), releases);
        out.insert(hashed(QString::fromLatin1(role::Releases), releases), releases);
    }
    return out;
}

Result<QByteArray> MapSource::fetch(const QString &file, qint64 maxBytes, const CancelToken &)
{
    if (!m_files.contains(file) || m_files.value(file).size() > maxBytes) {
        Error error = makeError(ErrorKind::Refused, QStringLiteral("%1 not found").arg(file));
        error.httpStatus = 404;
        return error;
    }
    return m_files.value(file);
}

} // namespace drydock::trust::test
