// SPDX-License-Identifier: GPL-3.0-or-later
// Content trust without a network: canonical JSON, key ids, every signature
// method, certificates, times, image names, registry auth parsing, the
// verifier over in-memory repositories, the trust store and history.
#include "repofixture.h"
#include "tlsfileserver.h"
#include "trust/canonicaljson.h"
#include "trust/imageref.h"
#include "trust/registryclient.h"
#include "trust/trusthistory.h"
#include "trust/trustservice.h"
#include "trust/truststore.h"
#include "util/atomicfile.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace drydock;
using namespace drydock::trust;
using namespace drydock::trust::test;

class TestTrustCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canonicalJson_data();
    void canonicalJson();
    void canonicalJsonRefusesFractions();
    void keyIdIsHashOfCanonicalKey();
    void signatures_data();
    void signatures();
    void signatureMethodMustSuitKey();
    void ecdsaSignatureMustBeRawPair();
    void rootCertificateFields();
    void tufTimes_data();
    void tufTimes();
    void imageRefs_data();
    void imageRefs();
    void badImageRefs_data();
    void badImageRefs();
    void bearerChallenge();
    void registryTokenChallenge_data();
    void registryTokenChallenge();
    void dockerConfigCredentials_data();
    void dockerConfigCredentials();
    void verifierResolvesTag();
    void releasesTakePrecedence();
    void delegationPathsLimitTags();
    void unsignedTagRefused();
    void trustStoreRoundTrip();
    void historyAppends();
    void serverChoice_data();
    void serverChoice();
    void contentTrustVariable_data();
    void digestWording_data();
    void digestWording();
    void contentTrustVariable();
};

void TestTrustCore::canonicalJson_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    // Object keys are sorted bytewise: upper case before lower case.
    QTest::newRow("keys sorted bytewise")
        << QByteArray(R"({"b":1,"a":2,"B":3})") << QByteArray(R"({"B":3,"a":2,"b":1})");
    // No whitespace anywhere, nested or not.
    QTest::newRow("no whitespace")
        << QByteArray("{ \"x\" : [ 1 , { \"z\" : null , \"y\" : true } ] }")
        << QByteArray(R"({"x":[1,{"y":true,"z":null}]})");
    // Only `"` and `\` are escaped; a newline stays a raw byte.
    QTest::newRow("only quote and backslash escaped")
        << QByteArray(R"(["a\"b\\c\nd"])") << QByteArray("[\"a\\\"b\\\\c\nd\"]");
    // Non-ASCII text stays raw UTF-8, never \u escapes.
    QTest::newRow("unicode stays raw")
        << QByteArray(R"(["\u00e9"])") << QByteArray("[\"\xc3\xa9\"]");
    // Integers in plain decimal, negative and beyond 32 bits.
    QTest::newRow("integers") << QByteArray("[0,-5,12345678901]")
                              << QByteArray("[0,-5,12345678901]");
}

void TestTrustCore::canonicalJson()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    auto parsed = parseJson(input, QStringLiteral("row"));
    QVERIFY(parsed);
    auto canonical = trust::canonicalJson(*parsed);
    QVERIFY(canonical);
    QCOMPARE(*canonical, expected);
}

void TestTrustCore::canonicalJsonRefusesFractions()
{
    auto canonical = trust::canonicalJson(nlohmann::json::parse("{\"a\":1.5}"));
    QVERIFY(!canonical);
    QCOMPARE(canonical.error().kind, ErrorKind::Protocol);
}

void TestTrustCore::keyIdIsHashOfCanonicalKey()
{
    auto key = PrivateKey::generate(KeyAlgorithm::Ed25519);
    QVERIFY(key);
    const PublicKey pub = key->publicKey();
    QCOMPARE(pub.value.size(), 32);
    const QByteArray expected = R"({"keytype":"ed25519","keyval":{"private":null,"public":")" +
                                pub.value.toBase64() + R"("}})";
    QCOMPARE(pub.id(), sha256Hex(expected));
    // parsePublicKey reads what toJson writes.
    auto parsed = parsePublicKey(pub.toJson(), QStringLiteral("row"));
    QVERIFY(parsed);
    QCOMPARE(parsed->id(), pub.id());
}

void TestTrustCore::signatures_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<bool>("certificate");
    QTest::addColumn<QString>("method");
    // Notary's timestamp and snapshot keys.
    QTest::newRow("ed25519 eddsa")
        << int(KeyAlgorithm::Ed25519) << false << QStringLiteral("eddsa");
    // Notary's targets and delegation keys: raw r||s signatures.
    QTest::newRow("ecdsa") << int(KeyAlgorithm::EcdsaP256) << false << QStringLiteral("ecdsa");
    // Notary's root keys: a certificate around the ECDSA key.
    QTest::newRow("ecdsa-x509") << int(KeyAlgorithm::EcdsaP256) << true << QStringLiteral("ecdsa");
    QTest::newRow("rsa rsapss") << int(KeyAlgorithm::Rsa2048) << false << QStringLiteral("rsapss");
    QTest::newRow("rsa rsapkcs1v15")
        << int(KeyAlgorithm::Rsa2048) << false << QStringLiteral("rsapkcs1v15");
    QTest::newRow("rsa-x509 rsapss")
        << int(KeyAlgorithm::Rsa2048) << true << QStringLiteral("rsapss");
}

void TestTrustCore::signatures()
{
    QFETCH(int, algorithm);
    QFETCH(bool, certificate);
    QFETCH(QString, method);
    auto key = PrivateKey::generate(KeyAlgorithm(algorithm));
    QVERIFY(key);
    PublicKey pub = key->publicKey();
    if (certificate) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto cert = key->certificateKey(QStringLiteral("example.com/app"), now, now.addDays(1));
        QVERIFY(cert);
        pub = *cert;
        QVERIFY(pub.type.endsWith(QLatin1String("-x509")));
    }
    const QByteArray message = R"({"_type":"Targets","version":1})";
    auto sig = key->sign(method, message);
    QVERIFY(sig);
    if (method == QLatin1String("ecdsa")) {
        QCOMPARE(sig->size(), 64);
    }
    QVERIFY2(verifySignature(pub, method, *sig, message).ok(), "a good signature verifies");

    QByteArray otherMessage = message;
    otherMessage[3] = 'X';
    QVERIFY(!verifySignature(pub, method, *sig, otherMessage).ok());
    QByteArray badSig = *sig;
    badSig[badSig.size() / 2] = char(badSig[badSig.size() / 2] ^ 0x01);
    const auto bad = verifySignature(pub, method, badSig, message);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().kind, ErrorKind::Untrusted);
}

void TestTrustCore::signatureMethodMustSuitKey()
{
    auto ed = PrivateKey::generate(KeyAlgorithm::Ed25519);
    auto ec = PrivateKey::generate(KeyAlgorithm::EcdsaP256);
    QVERIFY(ed && ec);
    auto sig = ed->sign(QStringLiteral("eddsa"), "m");
    QVERIFY(sig);
    // An eddsa signature presented as ecdsa against an ECDSA key fails.
    QVERIFY(!verifySignature(ec->publicKey(), QStringLiteral("ecdsa"), *sig, "m").ok());
    // And an unknown method is refused outright.
    QVERIFY(!verifySignature(ed->publicKey(), QStringLiteral("hmac"), *sig, "m").ok());
}

void TestTrustCore::ecdsaSignatureMustBeRawPair()
{
    auto ec = PrivateKey::generate(KeyAlgorithm::EcdsaP256);
    QVERIFY(ec);
    auto sig = ec->sign(QStringLiteral("ecdsa"), "m");
    QVERIFY(sig);
    // One byte short of r||s: refused before OpenSSL sees it.
    const auto result =
        verifySignature(ec->publicKey(), QStringLiteral("ecdsa"), sig->left(63), "m");
    QVERIFY(!result.ok());
    QVERIFY(result.error().message.contains(QLatin1String("64")));
}

void TestTrustCore::rootCertificateFields()
{
    auto key = PrivateKey::generate(KeyAlgorithm::EcdsaP256);
    QVERIFY(key);
    const QDateTime from = QDateTime::currentDateTimeUtc().addDays(-1);
    const QDateTime to = from.addYears(10);
    auto cert = key->certificateKey(QStringLiteral("localhost:5000/drydock/signed"), from, to);
    QVERIFY(cert);
    auto info = certificateInfo(*cert);
    QVERIFY(info);
    QCOMPARE(info->commonName, QStringLiteral("localhost:5000/drydock/signed"));
    QCOMPARE(info->notBefore.toSecsSinceEpoch(), from.toSecsSinceEpoch());
    QCOMPARE(info->notAfter.toSecsSinceEpoch(), to.toSecsSinceEpoch());
    QVERIFY(!info->isCa);
}

void TestTrustCore::tufTimes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("utc");
    // Go's RFC 3339 in UTC.
    QTest::newRow("utc") << QStringLiteral("2026-12-18T15:39:00Z") << true
                         << QStringLiteral("2026-12-18T15:39:00Z");
    // Go writes nanoseconds: kept to the millisecond.
    QTest::newRow("nanoseconds") << QStringLiteral("2026-12-18T15:39:00.123456789Z") << true
                                 << QStringLiteral("2026-12-18T15:39:00Z");
    // An offset is converted to UTC.
    QTest::newRow("offset") << QStringLiteral("2026-12-18T16:39:00+01:00") << true
                            << QStringLiteral("2026-12-18T15:39:00Z");
    // Anything else is refused rather than guessed.
    QTest::newRow("no zone") << QStringLiteral("2026-12-18T15:39:00") << false << QString();
    QTest::newRow("not a date") << QStringLiteral("2026-13-40T15:39:00Z") << false << QString();
}

void TestTrustCore::tufTimes()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, utc);
    auto parsed = parseTufTime(text);
    QCOMPARE(parsed.ok(), valid);
    if (valid) {
        QCOMPARE(formatTufTime(*parsed), utc);
    }
}

void TestTrustCore::imageRefs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("gun");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<bool>("loopback");
    // A bare name is a Docker Official Image: docker.io/library/NAME:latest.
    QTest::newRow("official image")
        << QStringLiteral("alpine") << QStringLiteral("docker.io/library/alpine")
        << QStringLiteral("alpine") << QStringLiteral("latest") << false;
    // user/app stays on Docker Hub.
    QTest::newRow("hub user image")
        << QStringLiteral("user/app:2") << QStringLiteral("docker.io/user/app")
        << QStringLiteral("user/app") << QStringLiteral("2") << false;
    // A first part with a port is a registry; the lab's registry is loopback.
    QTest::newRow("lab registry") << QStringLiteral("localhost:5000/drydock/signed:1")
                                  << QStringLiteral("localhost:5000/drydock/signed")
                                  << QStringLiteral("localhost:5000/drydock/signed")
                                  << QStringLiteral("1") << true;
    QTest::newRow("loopback address")
        << QStringLiteral("127.0.0.1:5000/x") << QStringLiteral("127.0.0.1:5000/x")
        << QStringLiteral("127.0.0.1:5000/x") << QStringLiteral("latest") << true;
    // A first part with a dot is a registry too.
    QTest::newRow("remote registry")
        << QStringLiteral("registry.example.com/a/b:v1")
        << QStringLiteral("registry.example.com/a/b") << QStringLiteral("registry.example.com/a/b")
        << QStringLiteral("v1") << false;
}

void TestTrustCore::imageRefs()
{
    QFETCH(QString, text);
    QFETCH(QString, gun);
    QFETCH(QString, name);
    QFETCH(QString, tag);
    QFETCH(bool, loopback);
    auto ref = parseImageRef(text);
    QVERIFY2(ref.ok(), qPrintable(ref.ok() ? QString() : ref.error().message));
    QCOMPARE(ref->gun(), gun);
    QCOMPARE(ref->name(), name);
    QCOMPARE(ref->tag, tag);
    QCOMPARE(ref->isLoopback(), loopback);
}

void TestTrustCore::badImageRefs_data()
{
    QTest::addColumn<QString>("text");
    // Repository names are lower case.
    QTest::newRow("upper case") << QStringLiteral("Library/Alpine");
    QTest::newRow("empty") << QString();
    // A digest must be sha256 with 64 hex digits.
    QTest::newRow("short digest") << QStringLiteral("alpine@sha256:abc");
    QTest::newRow("bad tag") << QStringLiteral("alpine:-x");
}

void TestTrustCore::badImageRefs()
{
    QFETCH(QString, text);
    auto ref = parseImageRef(text);
    QVERIFY(!ref);
    QCOMPARE(ref.error().kind, ErrorKind::BadInput);
}

void TestTrustCore::bearerChallenge()
{
    const auto challenge = parseChallenge(R"(Bearer realm="https://auth.example.com/token",)"
                                          R"(service="registry.example.com",)"
                                          R"(scope="repository:a/b:pull,push")");
    QVERIFY(challenge);
    QCOMPARE(challenge->scheme, QStringLiteral("bearer"));
    QCOMPARE(challenge->params.value(QStringLiteral("realm")),
             QStringLiteral("https://auth.example.com/token"));
    QCOMPARE(challenge->params.value(QStringLiteral("service")),
             QStringLiteral("registry.example.com"));
    // A comma inside quotes belongs to the value.
    QCOMPARE(challenge->params.value(QStringLiteral("scope")),
             QStringLiteral("repository:a/b:pull,push"));
}

void TestTrustCore::registryTokenChallenge_data()
{
    QTest::addColumn<bool>("withCredentials");
    QTest::addColumn<bool>("ok");
    // 401 with a Bearer challenge -> token from the realm (with the basic
    // credentials of config.json) -> the manifest with that token.
    QTest::newRow("token with credentials") << true << true;
    // Without credentials the token service says no: a Refused error.
    QTest::newRow("token service refuses") << false << false;
}

void TestTrustCore::registryTokenChallenge()
{
    QFETCH(bool, withCredentials);
    QFETCH(bool, ok);
    TlsFileServer server;
    const QString started = server.start();
    QVERIFY2(started.isEmpty(), qPrintable(started));
    const QString registry = server.url().mid(8); // localhost:<port>
    const QByteArray manifest = R"({"schemaVersion":2})";
    const QByteArray challenge =
        "WWW-Authenticate: Bearer realm=\"" + server.url().toUtf8() +
        "/token\",service=\"drydock-test\",scope=\"repository:team/app:pull\"\r\n";
    server.serveGuarded(QStringLiteral("/v2/team/app/manifests/1"), manifest, "Bearer tok123",
                        challenge);
    server.serveGuarded(
        QStringLiteral("/token?service=drydock-test&scope=repository%3Ateam%2Fapp%3Apull"),
        R"({"token":"tok123"})", "Basic " + QByteArray("alice:s3cret").toBase64(), {});
    QTemporaryDir config;
    QMap<QString, QString> env{{QStringLiteral("DOCKER_CONFIG"), config.path()}};
    if (withCredentials) {
        const QByteArray json = R"({"auths":{")" + registry.toUtf8() + R"(":{"auth":")" +
                                QByteArray("alice:s3cret").toBase64() + R"("}}})";
        QVERIFY(writeFileAtomically(config.filePath(QStringLiteral("config.json")), json).ok());
    }
    RegistryOptions options;
    options.caFile = server.caFile();
    options.env = env;
    options.plainHttpOnLoopback = false;
    RegistryClient client(registry, options);
    auto result = client.getManifest(QStringLiteral("team/app"), QStringLiteral("1"));
    QCOMPARE(result.ok(), ok);
    if (ok) {
        QCOMPARE(result->digest, QStringLiteral("sha256:") + sha256Hex(manifest));
        QCOMPARE(result->body, manifest);
    } else {
        QCOMPARE(result.error().kind, ErrorKind::Refused);
        QVERIFY2(result.error().message.contains(QLatin1String("token service")),
                 qPrintable(result.error().message));
    }
}

void TestTrustCore::dockerConfigCredentials_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("errorMentions");
    // auths holds base64 of user:password.
    QTest::newRow("auths entry")
        << QByteArray(R"({"auths":{"registry.example.com":{"auth":"YWxpY2U6czNjcmV0"}}})") << true
        << QStringLiteral("alice") << QString();
    // docker login writes https:// keys too.
    QTest::newRow("auths with scheme")
        << QByteArray(R"({"auths":{"https://registry.example.com":{"auth":"Ym9iOnB3"}}})") << true
        << QStringLiteral("bob") << QString();
    // A credential store is named, not silently ignored.
    QTest::newRow("credsStore") << QByteArray(R"({"credsStore":"desktop"})") << false << QString()
                                << QStringLiteral("docker-credential-desktop");
    QTest::newRow("credHelpers") << QByteArray(
                                        R"({"credHelpers":{"registry.example.com":"ecr-login"}})")
                                 << false << QString()
                                 << QStringLiteral("docker-credential-ecr-login");
    // Nothing configured: anonymous.
    QTest::newRow("nothing") << QByteArray("{}") << true << QString() << QString();
}

void TestTrustCore::dockerConfigCredentials()
{
    QFETCH(QByteArray, config);
    QFETCH(bool, ok);
    QFETCH(QString, username);
    QFETCH(QString, errorMentions);
    QTemporaryDir dir;
    QVERIFY(writeFileAtomically(dir.filePath(QStringLiteral("config.json")), config).ok());
    const QMap<QString, QString> env{{QStringLiteral("DOCKER_CONFIG"), dir.path()}};
    auto creds = credentialsFor(QStringLiteral("registry.example.com"), env);
    QCOMPARE(creds.ok(), ok);
    if (ok) {
        QCOMPARE(creds->has_value() ? (*creds)->username : QString(), username);
    } else {
        QVERIFY2(creds.error().message.contains(errorMentions), qPrintable(creds.error().message));
    }
}

void TestTrustCore::verifierResolvesTag()
{
    RepoFixture repo = RepoFixture::create();
    repo.build();
    MapSource source(repo.files());
    RepoTrust state;
    TrustTrace trace;
    auto verified = verifyRepository(repo.gun, source, state, Clock(systemNow), trace);
    QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.error().message));
    auto target = findTarget(*verified, QStringLiteral("1"), trace);
    QVERIFY(target);
    QCOMPARE(target->digest, repo.tags.value(QStringLiteral("1")).digest);
    QCOMPARE(target->role, QStringLiteral("targets"));
    const QStringList roles{QStringLiteral("root"), QStringLiteral("timestamp"),
                            QStringLiteral("snapshot"), QStringLiteral("targets"),
                            QStringLiteral("digest")};
    QCOMPARE(trace.steps.size(), roles.size());
    for (int i = 0; i < roles.size(); ++i) {
        QCOMPARE(trace.steps[i].role, roles[i]);
        QVERIFY(trace.steps[i].good);
        QVERIFY(!trace.steps[i].keyIds.isEmpty());
    }
    // What was learned is ready to be saved: the pinned root and versions.
    QCOMPARE(state.root, repo.root);
    QCOMPARE(state.versions.value(QStringLiteral("timestamp")), 1);
}

void TestTrustCore::releasesTakePrecedence()
{
    RepoFixture repo = RepoFixture::create();
    repo.releasesKey = *PrivateKey::generate(KeyAlgorithm::EcdsaP256);
    repo.releaseTags.insert(QStringLiteral("1"), fakeTarget(QStringLiteral("release-1")));
    repo.build();
    MapSource source(repo.files());
    RepoTrust state;
    TrustTrace trace;
    auto verified = verifyRepository(repo.gun, source, state, Clock(systemNow), trace);
    QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.error().message));
    auto target = findTarget(*verified, QStringLiteral("1"), trace);
    QVERIFY(target);
    // targets/releases is consulted before targets, as the docker CLI does.
    QCOMPARE(target->role, QStringLiteral("targets/releases"));
    QCOMPARE(target->digest, fakeTarget(QStringLiteral("release-1")).digest);
    QCOMPARE(target->signerKeyIds, QStringList{repo.releasesKey->publicKey().id()});
}

void TestTrustCore::delegationPathsLimitTags()
{
    RepoFixture repo = RepoFixture::create();
    repo.tags.clear();
    repo.releasesKey = *PrivateKey::generate(KeyAlgorithm::EcdsaP256);
    repo.releasePaths = {QStringLiteral("v")};
    repo.releaseTags.insert(QStringLiteral("v1"), fakeTarget(QStringLiteral("v1")));
    repo.releaseTags.insert(QStringLiteral("latest"), fakeTarget(QStringLiteral("latest")));
    repo.build();
    MapSource source(repo.files());
    RepoTrust state;
    TrustTrace trace;
    auto verified = verifyRepository(repo.gun, source, state, Clock(systemNow), trace);
    QVERIFY(verified);
    QVERIFY(findTarget(*verified, QStringLiteral("v1"), trace).ok());
    // "latest" lies outside the delegated path prefix "v": not trusted.
    auto outside = findTarget(*verified, QStringLiteral("latest"), trace);
    QVERIFY(!outside);
    QCOMPARE(outside.error().kind, ErrorKind::Untrusted);
}

void TestTrustCore::unsignedTagRefused()
{
    RepoFixture repo = RepoFixture::create();
    repo.build();
    MapSource source(repo.files());
    RepoTrust state;
    TrustTrace trace;
    auto verified = verifyRepository(repo.gun, source, state, Clock(systemNow), trace);
    QVERIFY(verified);
    auto target = findTarget(*verified, QStringLiteral("unsigned"), trace);
    QVERIFY(!target);
    QVERIFY(target.error().message.contains(QLatin1String("No valid trust data for unsigned")));
    QVERIFY(!trace.steps.last().good);
}

void TestTrustCore::trustStoreRoundTrip()
{
    QTemporaryDir dir;
    const TrustStore store(dir.path());
    RepoTrust trust;
    trust.gun = QStringLiteral("localhost:5000/a/b");
    trust.root = QByteArray("{\"signed\":{}}\n\x01", 15);
    trust.versions.insert(QStringLiteral("timestamp"), 7);
    trust.files.insert(QStringLiteral("timestamp.json"), "ts");
    trust.verifiedAt = QDateTime::currentDateTimeUtc();
    QVERIFY(store.save(trust).ok());
    auto loaded = store.load(trust.gun);
    QVERIFY(loaded && loaded->has_value());
    QCOMPARE((*loaded)->root, trust.root);
    QCOMPARE((*loaded)->versions.value(QStringLiteral("timestamp")), 7);
    QCOMPARE((*loaded)->files.value(QStringLiteral("timestamp.json")), QByteArray("ts"));
    QCOMPARE(store.repositories(), QStringList{trust.gun});
    QCOMPARE(*store.reset(trust.gun), true);
    QCOMPARE(*store.reset(trust.gun), false);
    auto gone = store.load(trust.gun);
    QVERIFY(gone && !gone->has_value());
    // A pin file that is JSON but holds no pinned root is damaged, not
    // "no pin yet": reading it as empty would trust the next root afresh.
    for (const QByteArray &broken :
         {QByteArray("{\"garbage\": true}"), QByteArray("{\"root\": \"\"}"),
          QByteArray("{\"root\": \"e30=\", \"versions\": []}"), QByteArray("[]")}) {
        QVERIFY(store.save(trust).ok());
        QFile file(store.fileFor(trust.gun));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(broken);
        file.close();
        const auto refused = store.load(trust.gun);
        QVERIFY2(!refused.ok(), broken.constData());
        QVERIFY(refused.error().message.contains(QStringLiteral("damaged")));
    }
}

void TestTrustCore::historyAppends()
{
    QTemporaryDir dir;
    TrustHistoryEntry entry;
    entry.action = QStringLiteral("pull");
    entry.image = QStringLiteral("localhost:5000/drydock/unsigned:1");
    entry.trustEnabled = true;
    entry.refused = true;
    entry.reason = QStringLiteral("no trust data");
    QVERIFY(appendTrustHistory(entry, dir.path()).ok());
    entry.refused = false;
    entry.digest = QStringLiteral("sha256:00");
    entry.signers = {QStringLiteral("targets: abc")};
    QVERIFY(appendTrustHistory(entry, dir.path()).ok());
    auto history = loadTrustHistory(dir.path());
    QVERIFY(history);
    QCOMPARE(history->size(), 2);
    QVERIFY(history->at(0).refused);
    QCOMPARE(history->at(0).reason, QStringLiteral("no trust data"));
    QCOMPARE(history->at(1).signers, QStringList{QStringLiteral("targets: abc")});
}

void TestTrustCore::serverChoice_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("envServer");
    QTest::addColumn<QString>("expected"); // URL, or "error:<kind>"
    // --trust-server beats the environment.
    QTest::newRow("option wins") << QStringLiteral("registry.example.com/a")
                                 << QStringLiteral("https://n.example:4443")
                                 << QStringLiteral("https://env.example")
                                 << QStringLiteral("https://n.example:4443");
    QTest::newRow("environment") << QStringLiteral("registry.example.com/a") << QString()
                                 << QStringLiteral("https://env.example/")
                                 << QStringLiteral("https://env.example");
    // Notary is reached over TLS only.
    QTest::newRow("plain http refused")
        << QStringLiteral("registry.example.com/a") << QStringLiteral("http://n.example")
        << QString() << QStringLiteral("error:bad");
    // Otherwise the registry's own host, as Docker does.
    QTest::newRow("registry host")
        << QStringLiteral("registry.example.com:5443/a") << QString() << QString()
        << QStringLiteral("https://registry.example.com:5443");
    // Docker Hub's Notary is retired: say so, do not contact it.
    QTest::newRow("docker hub") << QStringLiteral("alpine") << QString() << QString()
                                << QStringLiteral("error:untrusted");
}

void TestTrustCore::serverChoice()
{
    QFETCH(QString, image);
    QFETCH(QString, option);
    QFETCH(QString, envServer);
    QFETCH(QString, expected);
    QTemporaryDir noLab;
    TrustOptions options;
    options.trustServer = option;
    options.labEnvState = noLab.path();
    if (!envServer.isEmpty()) {
        options.env.insert(QStringLiteral("DOCKER_CONTENT_TRUST_SERVER"), envServer);
    }
    auto choice = chooseNotaryServer(*parseImageRef(image), options);
    if (expected.startsWith(QLatin1String("error:"))) {
        QVERIFY(!choice);
        QCOMPARE(choice.error().kind, expected == QLatin1String("error:bad")
                                          ? ErrorKind::BadInput
                                          : ErrorKind::Untrusted);
        if (expected == QLatin1String("error:untrusted")) {
            QVERIFY(choice.error().message.contains(QLatin1String("2026-12-08")));
        }
        return;
    }
    QVERIFY2(choice.ok(), qPrintable(choice.ok() ? QString() : choice.error().message));
    QCOMPARE(choice->server.url, expected);
}

void TestTrustCore::contentTrustVariable_data()
{
    // The docker CLI's rule (cli/trust): DOCKER_CONTENT_TRUST unset or empty
    // is off; set, it is ON unless strconv.ParseBool reads it as false.
    QTest::addColumn<bool>("set");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("on");
    // Unset or empty: off.
    QTest::newRow("unset is off") << false << QString() << false;
    QTest::newRow("empty is off") << true << QString() << false;
    // ParseBool's false spellings: off, each of them.
    for (const char *off : {"0", "f", "F", "false", "FALSE", "False"}) {
        QTest::addRow("ParseBool false \"%s\" is off", off)
            << true << QString::fromLatin1(off) << false;
    }
    // ParseBool's true spellings: on.
    for (const char *on : {"1", "t", "T", "true", "TRUE", "True"}) {
        QTest::addRow("ParseBool true \"%s\" is on", on) << true << QString::fromLatin1(on) << true;
    }
    // Values ParseBool rejects: on (failing closed), spaces and case included.
    for (const char *other : {"yes", "on", "garbage", " 0", "false ", "fAlSe", "no", "2"}) {
        QTest::addRow("unparsable \"%s\" is on", other)
            << true << QString::fromLatin1(other) << true;
    }
}

void TestTrustCore::contentTrustVariable()
{
    QFETCH(bool, set);
    QFETCH(QString, value);
    QFETCH(bool, on);
    QMap<QString, QString> env;
    if (set) {
        env.insert(QStringLiteral("DOCKER_CONTENT_TRUST"), value);
    }
    QCOMPARE(contentTrustRequested(env), on);
}

void TestTrustCore::digestWording_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<bool>("trust");
    QTest::addColumn<QString>("mentions");
    QTest::addColumn<QString>("neverSays");
    const QString digest = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
    const QString byDigest = QStringLiteral("localhost:5999/lab/app@") + digest;
    // A digest pins the content: with trust on, no signature lookup is
    // needed (as Docker does), and the line must not claim a trust check.
    QTest::newRow("digest, trust on: no lookup needed")
        << byDigest << true << QStringLiteral("no signature lookup is needed")
        << QStringLiteral("Content trust is ON for this pull");
    QTest::newRow("digest, trust off: pinned")
        << byDigest << false << QStringLiteral("pins its content exactly") << QString();
    // A tag is what trust resolves: the plain on/off line.
    QTest::newRow("tag, trust on")
        << QStringLiteral("localhost:5999/lab/app:1") << true
        << QStringLiteral("Content trust is ON for this pull.") << QStringLiteral("digest");
    QTest::newRow("tag, trust off")
        << QStringLiteral("localhost:5999/lab/app:1") << false
        << QStringLiteral("Content trust is off for this pull.") << QStringLiteral("digest");
}

void TestTrustCore::digestWording()
{
    QFETCH(QString, image);
    QFETCH(bool, trust);
    QFETCH(QString, mentions);
    QFETCH(QString, neverSays);
    const auto ref = parseImageRef(image);
    QVERIFY(ref);
    const QString line = trustModeLine(*ref, trust, QStringLiteral("pull"));
    QVERIFY2(line.contains(mentions), qPrintable(line));
    if (!neverSays.isEmpty()) {
        QVERIFY2(!line.contains(neverSays), qPrintable(line));
    }
    // After the pull: a digest pull never says no signature was checked.
    PullOutcome outcome;
    outcome.reference = ref->display();
    outcome.digest = ref->digest;
    const QString pulled = untrustedPullLine(outcome);
    QVERIFY2(pulled.contains(QLatin1String("without checking any signature")) ==
                 ref->digest.isEmpty(),
             qPrintable(pulled));
}

QTEST_GUILESS_MAIN(TestTrustCore)
#include "tst_trustcore.moc"
