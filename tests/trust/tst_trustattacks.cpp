// SPDX-License-Identifier: GPL-3.0-or-later
// The attacks content trust must refuse, played by a loopback HTTPS server
// of the test's own in front of generated Notary metadata: tampering, bad
// signatures, freeze, rollback, mix-and-match, root rotation, key ids, and
// an unreachable server with and without explicit offline use.
#include "repofixture.h"
#include "tlsfileserver.h"
#include "trust/canonicaljson.h"
#include "trust/trustservice.h"

#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace drydock;
using namespace drydock::trust;
using namespace drydock::trust::test;

namespace {

enum class Attack {
    None,
    TamperedTargets,
    TargetsSignedByStranger,
    TimestampWithoutSignatures,
    ExpiredTimestamp,
    TimestampRollback,
    SnapshotRollback,
    MixAndMatch,
    KeyIdMismatch,
    RootWrongCommonName,
    RootReplacedSameVersion,
    RotationCrossSigned,
    RotationOnlyNewKey,
    RotationOnlyOldKey,
    UnsignedTagInSignedRepository,
    RootThresholdMet,
    RootThresholdNotMet,
    RootSameKeySignsTwice,
    RootCertificateExpired,
    RootExpired,
    RootRsaCertificate,
    TargetsRsaPss,
    TargetsRsaPkcs1v15,
    TargetsEd25519,
    TargetsMethodMislabelled,
    DelegationHonest,
    DelegationSignedByStranger,
    DelegationTagOutsidePaths,
};

// A port nothing listens on: bound, then released.
int closedPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

// `body` signed by `key` with the signature method given, not the key's
// default: how a publisher using RSA PKCS#1 v1.5 (or a forger mislabelling
// a signature) writes the document.
QByteArray signWithMethod(const nlohmann::json &body, const PrivateKey &key, const char *method)
{
    const QByteArray canonical = *canonicalJson(body);
    const QByteArray sig = *key.sign(QString::fromLatin1(method), canonical);
    const nlohmann::json signatures =
        nlohmann::json::array({{{"keyid", key.publicKey().id().toStdString()},
                                {"method", method},
                                {"sig", sig.toBase64().toStdString()}}});
    return "{\"signed\":" + canonical + ",\"signatures\":" + *canonicalJson(signatures) + "}";
}

// A second root key for threshold rows: its certificate for the same GUN.
SigningKey secondRootKey(const RepoFixture &repo)
{
    const PrivateKey key = *PrivateKey::generate(KeyAlgorithm::EcdsaP256);
    return SigningKey{key,
                      *key.certificateKey(repo.gun, repo.now.addDays(-1), repo.now.addYears(1))};
}

} // namespace

Q_DECLARE_METATYPE(Attack)

class TestTrustAttacks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void attacks_data();
    void attacks();
    void notaryDownIsRefused();
    void offlineOnlyWhenAllowed();
    void noTrustDataIsExplained();

private:
    void publish(const QMap<QString, QByteArray> &files);
    Result<TrustReport> inspect(const Clock &clock = {}, const QString &tag = QStringLiteral("1"));
    // A pull with trust on that the trust data refuses (the engine is never
    // reached: the refusal comes first).
    Error refusedPull(const Clock &clock = {}, const QString &tag = QStringLiteral("1"));
    TrustOptions trustOptions(const Clock &clock) const;
    QString tufPath(const QString &file) const;

    TlsFileServer m_server;
    std::unique_ptr<QTemporaryDir> m_store;
    RepoFixture m_repo;
};

void TestTrustAttacks::initTestCase()
{
    const QString error = m_server.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestTrustAttacks::init()
{
    m_store = std::make_unique<QTemporaryDir>();
    m_server.clear();
    m_repo = RepoFixture::create();
    m_repo.build();
}

QString TestTrustAttacks::tufPath(const QString &file) const
{
    return QStringLiteral("/v2/%1/_trust/tuf/%2").arg(m_repo.gun, file);
}

void TestTrustAttacks::publish(const QMap<QString, QByteArray> &files)
{
    m_server.clear();
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        m_server.serve(tufPath(it.key()), it.value());
    }
}

TrustOptions TestTrustAttacks::trustOptions(const Clock &clock) const
{
    TrustOptions options;
    options.trustServer = m_server.url();
    options.caFile = m_server.caFile();
    options.storeFolder = m_store->path();
    options.labEnvState = m_store->filePath(QStringLiteral("no-labenv"));
    options.clock = clock;
    return options;
}

Result<TrustReport> TestTrustAttacks::inspect(const Clock &clock, const QString &tag)
{
    return inspectTrust(m_repo.gun + QLatin1Char(':') + tag, trustOptions(clock));
}

Error TestTrustAttacks::refusedPull(const Clock &clock, const QString &tag)
{
    docker::EngineClient noEngine{docker::Endpoint{}};
    auto pulled =
        pullImage(noEngine, m_repo.gun + QLatin1Char(':') + tag, true, trustOptions(clock), {});
    if (pulled) {
        return makeError(ErrorKind::Internal, QStringLiteral("the pull was not refused"));
    }
    return pulled.error();
}

void TestTrustAttacks::attacks_data()
{
    QTest::addColumn<Attack>("attack");
    QTest::addColumn<bool>("trusted");
    QTest::addColumn<QString>("mentions");
    // Whether the failure is invalid trust data (tampered, forged, expired,
    // rolled back): then the advice is to not use the image at all, never to
    // take it with --no-trust. An unsigned tag is not invalid data.
    QTest::addColumn<bool>("invalid");
    // The honest repository resolves: the baseline every row departs from.
    QTest::newRow("honest repository") << Attack::None << true << QString() << false;
    // One byte of targets changed: its hash no longer matches the snapshot.
    QTest::newRow("tampered targets, one byte")
        << Attack::TamperedTargets << false << QStringLiteral("altered or replaced") << true;
    // Targets signed by a key the root does not name.
    QTest::newRow("wrong signature on targets")
        << Attack::TargetsSignedByStranger << false << QStringLiteral("valid signature") << true;
    // A document with its signatures stripped.
    QTest::newRow("timestamp without signatures") << Attack::TimestampWithoutSignatures << false
                                                  << QStringLiteral("carries no signature") << true;
    // Freeze: the timestamp is past its expiry (clock moved 15 days on).
    QTest::newRow("expired timestamp")
        << Attack::ExpiredTimestamp << false << QStringLiteral("expired") << true;
    // Rollback: an older, validly signed timestamp after a newer was seen.
    QTest::newRow("timestamp rollback")
        << Attack::TimestampRollback << false << QStringLiteral("rollback") << true;
    // Rollback of the snapshot behind a fresh timestamp.
    QTest::newRow("snapshot rollback")
        << Attack::SnapshotRollback << false << QStringLiteral("rollback") << true;
    // Mix-and-match: an older, validly signed targets with a newer snapshot.
    QTest::newRow("mix and match")
        << Attack::MixAndMatch << false << QStringLiteral("altered or replaced") << true;
    // A key listed under an id that is not its own.
    QTest::newRow("key id not matching its key")
        << Attack::KeyIdMismatch << false << QStringLiteral("does not match its key") << true;
    // The root certificate names another repository.
    QTest::newRow("root certificate for another GUN")
        << Attack::RootWrongCommonName << false << QStringLiteral("not localhost:5999/test/app")
        << true;
    // A different root under the version already pinned.
    QTest::newRow("root swapped at the same version")
        << Attack::RootReplacedSameVersion << false << QStringLiteral("without a new version")
        << true;
    // Rotation signed by the old and the new root keys is followed.
    QTest::newRow("rotation cross-signed")
        << Attack::RotationCrossSigned << true << QString() << false;
    // Rotation signed only by the new key: nothing ties it to the pinned root.
    QTest::newRow("rotation signed only by the new key")
        << Attack::RotationOnlyNewKey << false
        << QStringLiteral("not signed by the keys of the trusted root") << true;
    // Rotation signed only by the old key: the new root does not vouch for itself.
    QTest::newRow("rotation signed only by the old key")
        << Attack::RotationOnlyOldKey << false
        << QStringLiteral("not signed by its own new root keys") << true;
    // Signed repository, tag never signed: the docker CLI's words, and the
    // tags that are signed.
    QTest::newRow("unsigned tag in a signed repository")
        << Attack::UnsignedTagInSignedRepository << false
        << QStringLiteral("No valid trust data for unsigned: the signed tags of "
                          "localhost:5999/test/app are 1")
        << false;
    // Root threshold 2 of 2 root keys, both signed: accepted.
    QTest::newRow("root threshold 2, two signatures")
        << Attack::RootThresholdMet << true << QString() << false;
    // Root threshold 2, one signature: below the threshold.
    QTest::newRow("root threshold 2, one signature")
        << Attack::RootThresholdNotMet << false
        << QStringLiteral("has 1 valid signature(s) from the root role's keys and needs 2") << true;
    // One key signing twice is still one signer.
    QTest::newRow("root threshold 2, same key twice")
        << Attack::RootSameKeySignsTwice << false
        << QStringLiteral("has 1 valid signature(s) from the root role's keys and needs 2") << true;
    // The root key's certificate ran out: root certificate validity.
    QTest::newRow("root certificate expired")
        << Attack::RootCertificateExpired << false << QStringLiteral("'s certificate is valid only")
        << true;
    // The root document itself is past its expiry.
    QTest::newRow("root metadata expired")
        << Attack::RootExpired << false << QStringLiteral("The root metadata expired on") << true;
    // An rsa-x509 root certificate signing with RSA-PSS: accepted.
    QTest::newRow("rsa-x509 root, rsapss")
        << Attack::RootRsaCertificate << true << QString() << false;
    // Targets signed with an RSA key, RSA-PSS: accepted.
    QTest::newRow("rsa targets, rsapss") << Attack::TargetsRsaPss << true << QString() << false;
    // Targets signed with an RSA key, PKCS#1 v1.5: accepted.
    QTest::newRow("rsa targets, rsapkcs1v15")
        << Attack::TargetsRsaPkcs1v15 << true << QString() << false;
    // Targets signed with an Ed25519 key (eddsa): accepted.
    QTest::newRow("ed25519 targets, eddsa") << Attack::TargetsEd25519 << true << QString() << false;
    // An RSA-PSS signature labelled PKCS#1 v1.5 does not verify as one.
    QTest::newRow("rsa signature under the wrong method")
        << Attack::TargetsMethodMislabelled << false
        << QStringLiteral("rsapkcs1v15 signature by key") << true;
    // targets delegates to targets/releases, which signs the tag: the digest
    // comes from the delegation.
    QTest::newRow("delegation signs the tag")
        << Attack::DelegationHonest << true << QString() << false;
    // targets/releases signed by a key targets did not delegate to.
    QTest::newRow("delegation signed by another key")
        << Attack::DelegationSignedByStranger << false
        << QStringLiteral("The targets/releases metadata has 0 valid signature(s)") << true;
    // The delegation may sign only tags under its paths ("v"): tag 1 is
    // outside, so it counts as unsigned.
    QTest::newRow("delegated tag outside its paths")
        << Attack::DelegationTagOutsidePaths << false << QStringLiteral("No valid trust data for 1")
        << false;
}

void TestTrustAttacks::attacks()
{
    QFETCH(Attack, attack);
    QFETCH(bool, trusted);
    QFETCH(QString, mentions);
    QFETCH(bool, invalid);
    RepoFixture &repo = m_repo;
    const bool needsHistory =
        attack == Attack::TimestampRollback || attack == Attack::SnapshotRollback ||
        attack == Attack::RootReplacedSameVersion || attack == Attack::RotationCrossSigned ||
        attack == Attack::RotationOnlyNewKey || attack == Attack::RotationOnlyOldKey;
    if (attack == Attack::TimestampRollback || attack == Attack::SnapshotRollback) {
        repo.timestampVersion = 2;
        repo.snapshotVersion = 2;
        repo.rebuildSnapshotAndTimestamp();
    }
    if (needsHistory) {
        // A first, honest visit pins the root and records versions.
        publish(repo.files());
        auto first = inspect();
        QVERIFY(first);
        QVERIFY2(first->trusted(),
                 qPrintable(first->failure ? first->failure->message : QString()));
    }

    QMap<QString, QByteArray> files = repo.files();
    Clock clock;
    QString tag = QStringLiteral("1");
    QString expectedDigest = repo.tags.value(tag).digest;
    switch (attack) {
    case Attack::None:
        break;
    case Attack::TamperedTargets: {
        QByteArray tampered = repo.targets;
        const qsizetype at = tampered.indexOf("\"length\":525");
        QVERIFY(at > 0);
        tampered[at + 11] = '6';
        for (auto it = files.begin(); it != files.end(); ++it) {
            if (it.key().startsWith(QLatin1String("targets."))) {
                it.value() = tampered;
            }
        }
        break;
    }
    case Attack::TargetsSignedByStranger:
        repo.targetsKey = *PrivateKey::generate(KeyAlgorithm::EcdsaP256);
        {
            // Root still names the original targets key.
            const QByteArray honestRoot = repo.root;
            repo.build();
            repo.root = honestRoot;
            repo.rebuildSnapshotAndTimestamp();
        }
        files = repo.files();
        break;
    case Attack::TimestampWithoutSignatures: {
        auto doc = nlohmann::json::parse(repo.timestamp.toStdString());
        doc["signatures"] = nlohmann::json::array();
        files[QStringLiteral("timestamp.json")] = QByteArray::fromStdString(doc.dump());
        break;
    }
    case Attack::ExpiredTimestamp:
        clock = [] { return QDateTime::currentDateTimeUtc().addDays(15); };
        break;
    case Attack::TimestampRollback:
        repo.timestampVersion = 1;
        repo.rebuildSnapshotAndTimestamp();
        files = repo.files();
        break;
    case Attack::SnapshotRollback:
        repo.snapshotVersion = 1;
        repo.rebuildSnapshotAndTimestamp();
        repo.timestampVersion = 3;
        repo.timestamp =
            *signDocument(timestampBody(3, repo.timestampExpires, repo.snapshot),
                          {SigningKey{repo.timestampKey, repo.timestampKey.publicKey()}});
        files = repo.files();
        break;
    case Attack::MixAndMatch: {
        const QByteArray olderTargets = repo.targets;
        repo.targetsVersion = 2;
        repo.tags.insert(QStringLiteral("2"), fakeTarget(QStringLiteral("2")));
        repo.build();
        files = repo.files();
        for (auto it = files.begin(); it != files.end(); ++it) {
            if (it.key().startsWith(QLatin1String("targets."))) {
                it.value() = olderTargets;
            }
        }
        break;
    }
    case Attack::KeyIdMismatch: {
        nlohmann::json body = rootBody(repo.rootSpec());
        const std::string honestId = repo.targetsKey.publicKey().id().toStdString();
        const std::string forgedId = sha256Hex("forged").toStdString();
        body["keys"][forgedId] = body["keys"][honestId];
        body["keys"].erase(honestId);
        body["roles"]["targets"]["keyids"] = nlohmann::json::array({forgedId});
        repo.root = *signDocument(body, {SigningKey{repo.rootKey, repo.rootCert}});
        repo.rebuildSnapshotAndTimestamp();
        files = repo.files();
        break;
    }
    case Attack::RootWrongCommonName:
        repo.rootCert = *repo.rootKey.certificateKey(QStringLiteral("localhost:5999/other/app"),
                                                     repo.now.addDays(-1), repo.now.addYears(1));
        repo.build();
        files = repo.files();
        break;
    case Attack::RootReplacedSameVersion:
        repo.rootKey = *PrivateKey::generate(KeyAlgorithm::EcdsaP256);
        repo.rootCert =
            *repo.rootKey.certificateKey(repo.gun, repo.now.addDays(-1), repo.now.addYears(1));
        repo.build();
        files = repo.files();
        break;
    case Attack::RotationCrossSigned:
    case Attack::RotationOnlyNewKey:
    case Attack::RotationOnlyOldKey: {
        const SigningKey oldRoot{repo.rootKey, repo.rootCert};
        repo.oldRoots.insert(1, repo.root);
        repo.rootKey = *PrivateKey::generate(KeyAlgorithm::EcdsaP256);
        repo.rootCert =
            *repo.rootKey.certificateKey(repo.gun, repo.now.addDays(-1), repo.now.addYears(1));
        repo.rootVersion = 2;
        const SigningKey newRoot{repo.rootKey, repo.rootCert};
        QList<SigningKey> signers{oldRoot, newRoot};
        if (attack == Attack::RotationOnlyNewKey) {
            signers = {newRoot};
        } else if (attack == Attack::RotationOnlyOldKey) {
            signers = {oldRoot};
        }
        repo.root = repo.signRoot(repo.rootSpec(), signers);
        repo.snapshotVersion = 2;
        repo.timestampVersion = 2;
        repo.rebuildSnapshotAndTimestamp();
        files = repo.files();
        break;
    }
    case Attack::UnsignedTagInSignedRepository:
        tag = QStringLiteral("unsigned");
        break;
    case Attack::RootThresholdMet:
    case Attack::RootThresholdNotMet:
    case Attack::RootSameKeySignsTwice: {
        const SigningKey first{repo.rootKey, repo.rootCert};
        const SigningKey second = secondRootKey(repo);
        RootSpec spec = repo.rootSpec();
        spec.rootKeys.append(second.publicKey);
        spec.rootThreshold = 2;
        QList<SigningKey> signers{first, second};
        if (attack == Attack::RootThresholdNotMet) {
            signers = {first};
        } else if (attack == Attack::RootSameKeySignsTwice) {
            signers = {first, first};
        }
        repo.root = repo.signRoot(spec, signers);
        repo.rebuildSnapshotAndTimestamp();
        files = repo.files();
        break;
    }
    case Attack::RootCertificateExpired:
        repo.rootCert =
            *repo.rootKey.certificateKey(repo.gun, repo.now.addYears(-2), repo.now.addDays(-1));
        repo.build();
        files = repo.files();
        break;
    case Attack::RootExpired: {
        RootSpec spec = repo.rootSpec();
        spec.expires = repo.now.addDays(-1);
        repo.root = repo.signRoot(spec, {SigningKey{repo.rootKey, repo.rootCert}});
        repo.rebuildSnapshotAndTimestamp();
        files = repo.files();
        break;
    }
    case Attack::RootRsaCertificate:
        repo.rootKey = *PrivateKey::generate(KeyAlgorithm::Rsa2048);
        repo.rootCert =
            *repo.rootKey.certificateKey(repo.gun, repo.now.addDays(-1), repo.now.addYears(1));
        QCOMPARE(repo.rootCert.type, QString::fromLatin1(keytype::RsaX509));
        repo.build();
        files = repo.files();
        break;
    case Attack::TargetsRsaPss:
    case Attack::TargetsEd25519:
        repo.targetsKey = *PrivateKey::generate(
            attack == Attack::TargetsRsaPss ? KeyAlgorithm::Rsa2048 : KeyAlgorithm::Ed25519);
        repo.build();
        files = repo.files();
        QVERIFY(
            repo.targets.contains(attack == Attack::TargetsRsaPss ? "\"rsapss\"" : "\"eddsa\""));
        break;
    case Attack::TargetsRsaPkcs1v15:
    case Attack::TargetsMethodMislabelled: {
        repo.targetsKey = *PrivateKey::generate(KeyAlgorithm::Rsa2048);
        repo.build();
        const nlohmann::json body =
            targetsBody(repo.targetsVersion, repo.now.addYears(3), repo.tags);
        if (attack == Attack::TargetsRsaPkcs1v15) {
            repo.targets = signWithMethod(body, repo.targetsKey, sigmethod::RsaPkcs1v15);
        } else {
            // A PSS signature presented as PKCS#1 v1.5.
            repo.targets = signWithMethod(body, repo.targetsKey, sigmethod::RsaPss);
            repo.targets.replace("\"rsapss\"", "\"rsapkcs1v15\"");
        }
        repo.rebuildSnapshotAndTimestamp();
        files = repo.files();
        break;
    }
    case Attack::DelegationHonest:
    case Attack::DelegationSignedByStranger:
    case Attack::DelegationTagOutsidePaths:
        repo.tags.clear();
        repo.releasesKey = *PrivateKey::generate(KeyAlgorithm::EcdsaP256);
        repo.releaseTags.insert(QStringLiteral("1"), fakeTarget(QStringLiteral("release-1")));
        expectedDigest = fakeTarget(QStringLiteral("release-1")).digest;
        if (attack == Attack::DelegationTagOutsidePaths) {
            repo.releasePaths = {QStringLiteral("v")};
        }
        repo.build();
        if (attack == Attack::DelegationSignedByStranger) {
            // targets still names the original delegation key.
            repo.releasesKey = *PrivateKey::generate(KeyAlgorithm::EcdsaP256);
            repo.releases = *signDocument(
                targetsBody(repo.releasesVersion, repo.now.addYears(3), repo.releaseTags),
                {SigningKey{*repo.releasesKey, repo.releasesKey->publicKey()}});
            repo.rebuildSnapshotAndTimestamp();
        }
        files = repo.files();
        break;
    }
    publish(files);
    auto report = inspect(clock, tag);
    QVERIFY(report);
    if (trusted) {
        QVERIFY2(report->trusted(),
                 qPrintable(report->failure ? report->failure->message : QString()));
        QCOMPARE(report->target->digest, expectedDigest);
        QVERIFY(report->trace.good());
        return;
    }
    QVERIFY(!report->trusted());
    QVERIFY(report->failure);
    QCOMPARE(report->failure->kind, ErrorKind::Untrusted);
    QVERIFY2(report->failure->message.contains(mentions), qPrintable(report->failure->message));
    // The trace ends on the step that failed, marked bad.
    QVERIFY(!report->trace.steps.isEmpty());
    QVERIFY(!report->trace.steps.last().good);
    QCOMPARE(report->invalidTrustData, invalid);
    // The advice a refused pull gives: bypassing trust is suggested only
    // when nothing looks hostile.
    const Error refused = refusedPull(clock, tag);
    QVERIFY2(refused.hint.contains(QLatin1String("--no-trust")) == !invalid,
             qPrintable(refused.hint));
    QVERIFY2(refused.hint.contains(QLatin1String("do not use"), Qt::CaseInsensitive) == invalid,
             qPrintable(refused.hint));
}

void TestTrustAttacks::notaryDownIsRefused()
{
    TrustOptions options;
    options.trustServer = QStringLiteral("https://localhost:%1").arg(closedPort());
    options.caFile = m_server.caFile();
    options.storeFolder = m_store->path();
    options.labEnvState = m_store->filePath(QStringLiteral("no-labenv"));
    auto report = inspectTrust(m_repo.gun + QStringLiteral(":1"), options);
    QVERIFY(report);
    QVERIFY(!report->trusted());
    QCOMPARE(report->failure->kind, ErrorKind::Unreachable);
    QVERIFY2(report->failure->message.contains(QLatin1String("Error contacting the Notary server")),
             qPrintable(report->failure->message));
}

void TestTrustAttacks::offlineOnlyWhenAllowed()
{
    publish(m_repo.files());
    auto online = inspect();
    QVERIFY(online && online->trusted());

    TrustOptions options;
    options.trustServer = QStringLiteral("https://localhost:%1").arg(closedPort());
    options.storeFolder = m_store->path();
    options.labEnvState = m_store->filePath(QStringLiteral("no-labenv"));
    // Unreachable, with saved data: refused, and the way out is named.
    auto refused = inspectTrust(m_repo.gun + QStringLiteral(":1"), options);
    QVERIFY(refused && !refused->trusted());
    QCOMPARE(refused->failure->kind, ErrorKind::Unreachable);
    QVERIFY2(refused->failure->hint.contains(QLatin1String("--allow-offline")),
             qPrintable(refused->failure->hint));
    // Explicitly allowed: the saved documents are verified again.
    options.allowOffline = true;
    auto offline = inspectTrust(m_repo.gun + QStringLiteral(":1"), options);
    QVERIFY(offline);
    QVERIFY2(offline->trusted(),
             qPrintable(offline->failure ? offline->failure->message : QString()));
    QVERIFY(offline->trace.offline);
    // ...with expiry still enforced.
    options.clock = [] { return QDateTime::currentDateTimeUtc().addDays(15); };
    auto stale = inspectTrust(m_repo.gun + QStringLiteral(":1"), options);
    QVERIFY(stale && !stale->trusted());
    QVERIFY(stale->failure->message.contains(QLatin1String("expired")));
}

void TestTrustAttacks::noTrustDataIsExplained()
{
    m_server.clear();
    auto report = inspect();
    QVERIFY(report);
    QVERIFY(!report->trusted());
    QCOMPARE(report->failure->kind, ErrorKind::Untrusted);
    QVERIFY2(report->failure->message.contains(
                 QLatin1String("trust data does not exist for localhost:5999/test/app")),
             qPrintable(report->failure->message));
    // The message says where Drydock looked.
    QVERIFY(report->failure->message.contains(m_server.url()));
    // No trust data at all is not an attack: the unsigned image may be
    // taken knowingly, and the advice says how.
    QVERIFY(!report->invalidTrustData);
    QVERIFY2(refusedPull().hint.contains(QLatin1String("--no-trust")),
             qPrintable(refusedPull().hint));
}

QTEST_GUILESS_MAIN(TestTrustAttacks)
#include "tst_trustattacks.moc"
