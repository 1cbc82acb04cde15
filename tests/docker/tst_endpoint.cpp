// SPDX-License-Identifier: GPL-3.0-or-later
// Endpoint resolution as the docker CLI does it, over temporary DOCKER_CONFIG folders.
#include "docker/endpoint.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace drydock;
using namespace drydock::docker;

namespace {

// A context to write into the store of a row's DOCKER_CONFIG folder.
struct ContextDef
{
    QString name;
    QString host;
    bool skipTlsVerify = false;
    QStringList tlsFiles; // written under contexts/tls/<hash>/docker/
};
using Contexts = QList<ContextDef>;

// What a resolved endpoint should look like. Paths may use @TMP@.
struct Expected
{
    EndpointSource source = EndpointSource::Default;
    QString host;
    QString unixSocket;
    QString baseUrl;
    QString contextName;
    bool tls = false;
    bool verify = true;
    QString caFile;
    QString certFile;
    QString keyFile;
};

const QString kCerts = QStringLiteral("@TMP@/certs");
const QString kConfig = QStringLiteral("@TMP@/config");

QString sha(const char *hex)
{
    return QString::fromLatin1(hex);
}

} // namespace

Q_DECLARE_METATYPE(ContextDef)
Q_DECLARE_METATYPE(Expected)

class TestEndpoint : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString expand(QString text) const
    {
        return text.replace(QLatin1String("@TMP@"), m_dir.path());
    }

    void writeFile(const QString &path, const QByteArray &content)
    {
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
        file.write(content);
    }

    // Builds a fresh folder for one row: HOME, DOCKER_CONFIG (or
    // $HOME/.docker), a certs folder for DOCKER_CERT_PATH, the contexts.
    Environment prepare(const QString &configDir, const QByteArray &configJson,
                        const Contexts &contexts, const QStringList &envEntries)
    {
        QDir(m_dir.path()).removeRecursively();
        QDir().mkpath(m_dir.path());
        for (const char *name : {"ca.pem", "cert.pem", "key.pem"}) {
            writeFile(expand(kCerts) + QLatin1Char('/') + QLatin1String(name), "pem");
        }
        const QString config = expand(configDir);
        if (!configJson.isNull()) {
            writeFile(config + QStringLiteral("/config.json"), configJson);
        }
        for (const ContextDef &context : contexts) {
            const QString hash = contextDirName(context.name);
            nlohmann::json meta = {{"Name", context.name.toStdString()},
                                   {"Metadata", nlohmann::json::object()},
                                   {"Endpoints",
                                    {{"docker",
                                      {{"Host", context.host.toStdString()},
                                       {"SkipTLSVerify", context.skipTlsVerify}}}}}};
            writeFile(config + QStringLiteral("/contexts/meta/%1/meta.json").arg(hash),
                      QByteArray::fromStdString(meta.dump()));
            for (const QString &file : context.tlsFiles) {
                writeFile(config + QStringLiteral("/contexts/tls/%1/docker/%2").arg(hash, file),
                          "pem");
            }
        }
        Environment env;
        env.insert(QStringLiteral("HOME"), expand(QStringLiteral("@TMP@/home")));
        env.insert(QStringLiteral("DOCKER_CONFIG"), expand(kConfig));
        for (const QString &entry : envEntries) {
            if (entry.startsWith(QLatin1Char('-'))) {
                env.remove(entry.mid(1)); // "-NAME" unsets a default
                continue;
            }
            const qsizetype eq = entry.indexOf(QLatin1Char('='));
            env.insert(entry.left(eq), expand(entry.mid(eq + 1)));
        }
        return env;
    }

    void addResolveColumns()
    {
        QTest::addColumn<QString>("configDir");
        QTest::addColumn<QByteArray>("configJson"); // null: no config.json
        QTest::addColumn<Contexts>("contexts");
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QString>("optHost");
        QTest::addColumn<QString>("optContext");
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void contextFolderIsSha256_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("hash");
        // Rule: the store folder is the sha256 hex of the name's UTF-8 bytes.
        QTest::newRow("plain") << QStringLiteral("ctx-a")
                               << sha("944228b255e444a29b1757fa422bc9bfecbdbef5d0b4f8d12cdcaeedef52"
                                      "ca58");
        // Rule: spaces are hashed, not escaped.
        QTest::newRow("space") << QStringLiteral("lab remote")
                               << sha("ae7a98a5c8bc49c3377e5c2bbb6dd23c81633d7f28af6d8d28df6b44956a"
                                      "fdbb");
        // Rule: a slash does not make a sub-folder.
        QTest::newRow("slash") << QStringLiteral("team/prod")
                               << sha("71879f889fcfbfb4585f7274ea095eb05f5a7900aa02146664cec5c91cc0"
                                      "350f");
        // Rule: non-ASCII names hash their UTF-8 encoding, not Latin-1.
        QTest::newRow("unicode") << QString::fromUtf8("prüfung ☂")
                                 << sha("622931f416738a90d563944c0d641bea4514ea75f491cdc878f71b516c"
                                        "bab7c2");
    }

    void contextFolderIsSha256()
    {
        QFETCH(QString, name);
        QFETCH(QString, hash);
        QCOMPARE(contextDirName(name), hash);
    }

    void resolve_data()
    {
        addResolveColumns();
        QTest::addColumn<Expected>("expected");

        const Contexts store = {
            {QStringLiteral("ctx-a"), QStringLiteral("unix:///run/ctx-a.sock"), false, {}},
            {QStringLiteral("lab remote"),
             QStringLiteral("tcp://127.0.0.1:2376"),
             false,
             {QStringLiteral("ca.pem"), QStringLiteral("cert.pem"), QStringLiteral("key.pem")}},
            {QStringLiteral("team/prod"), QStringLiteral("tcp://127.0.0.2:2376"), true, {}},
            {QString::fromUtf8("prüfung ☂"),
             QStringLiteral("unix:///run/pruefung.sock"),
             false,
             {}},
            {QStringLiteral("plain-tcp"), QStringLiteral("tcp://127.0.0.3"), false, {}},
        };
        const QByteArray noConfig;
        const QByteArray currentA = R"({"currentContext": "ctx-a", "auths": {}})";
        auto unixAt = [](const QString &path, EndpointSource source, const QString &context = {}) {
            Expected e;
            e.source = source;
            e.host = QStringLiteral("unix://") + path;
            e.unixSocket = path;
            e.baseUrl = QStringLiteral("http://localhost");
            e.contextName = context;
            return e;
        };
        auto tcp = [](const QString &host, const QString &baseUrl, EndpointSource source) {
            Expected e;
            e.source = source;
            e.host = host;
            e.baseUrl = baseUrl;
            e.tls = baseUrl.startsWith(QLatin1String("https"));
            return e;
        };
        const QString defaultSocket = QStringLiteral("/var/run/docker.sock");
        const QString envSocket = QStringLiteral("/run/env.sock");
        const QString optSocket = QStringLiteral("/run/opt.sock");

        // Rule 5: nothing set anywhere gives the default socket.
        QTest::newRow("nothing set -> default socket")
            << kConfig << noConfig << store << QStringList() << QString() << QString()
            << unixAt(defaultSocket, EndpointSource::Default);
        // Rule 5: a config.json without currentContext changes nothing.
        QTest::newRow("config.json without currentContext -> default")
            << kConfig << QByteArray(R"({"auths": {}})") << store << QStringList() << QString()
            << QString() << unixAt(defaultSocket, EndpointSource::Default);
        // Rule 4: currentContext in $DOCKER_CONFIG/config.json.
        QTest::newRow("currentContext in config.json")
            << kConfig << currentA << store << QStringList() << QString() << QString()
            << unixAt(QStringLiteral("/run/ctx-a.sock"), EndpointSource::ConfigCurrentContext,
                      QStringLiteral("ctx-a"));
        // Rule 4: without DOCKER_CONFIG the folder is $HOME/.docker.
        QTest::newRow("no DOCKER_CONFIG -> $HOME/.docker")
            << QStringLiteral("@TMP@/home/.docker") << currentA << store
            << QStringList{QStringLiteral("-DOCKER_CONFIG")} << QString() << QString()
            << unixAt(QStringLiteral("/run/ctx-a.sock"), EndpointSource::ConfigCurrentContext,
                      QStringLiteral("ctx-a"));
        // Rule 3 beats rule 4: DOCKER_CONTEXT over currentContext.
        QTest::newRow("DOCKER_CONTEXT beats currentContext")
            << kConfig << currentA << store
            << QStringList{QString::fromUtf8("DOCKER_CONTEXT=prüfung ☂")} << QString() << QString()
            << unixAt(QStringLiteral("/run/pruefung.sock"), EndpointSource::DockerContextEnv,
                      QString::fromUtf8("prüfung ☂"));
        // Rule 3: an empty DOCKER_CONTEXT counts as unset.
        QTest::newRow("empty DOCKER_CONTEXT is unset")
            << kConfig << currentA << store << QStringList{QStringLiteral("DOCKER_CONTEXT=")}
            << QString() << QString()
            << unixAt(QStringLiteral("/run/ctx-a.sock"), EndpointSource::ConfigCurrentContext,
                      QStringLiteral("ctx-a"));
        // Rule 2 beats rule 3: the CLI's code lets DOCKER_HOST win over DOCKER_CONTEXT.
        QTest::newRow("DOCKER_HOST beats DOCKER_CONTEXT")
            << kConfig << currentA << store
            << QStringList{QStringLiteral("DOCKER_HOST=unix://") + envSocket,
                           QStringLiteral("DOCKER_CONTEXT=ctx-a")}
            << QString() << QString() << unixAt(envSocket, EndpointSource::DockerHostEnv);
        // Rule 2 beats rule 4.
        QTest::newRow("DOCKER_HOST beats currentContext")
            << kConfig << currentA << store
            << QStringList{QStringLiteral("DOCKER_HOST=unix://") + envSocket} << QString()
            << QString() << unixAt(envSocket, EndpointSource::DockerHostEnv);
        // Rule 1 beats rule 2: --host over DOCKER_HOST.
        QTest::newRow("--host beats DOCKER_HOST")
            << kConfig << currentA << store
            << QStringList{QStringLiteral("DOCKER_HOST=unix://") + envSocket,
                           QStringLiteral("DOCKER_CONTEXT=ctx-a")}
            << QStringLiteral("unix://") + optSocket << QString()
            << unixAt(optSocket, EndpointSource::HostOption);
        // Rule 1 beats rule 2: --context over DOCKER_HOST.
        QTest::newRow("--context beats DOCKER_HOST")
            << kConfig << currentA << store
            << QStringList{QStringLiteral("DOCKER_HOST=unix://") + envSocket} << QString()
            << QString::fromUtf8("prüfung ☂")
            << unixAt(QStringLiteral("/run/pruefung.sock"), EndpointSource::ContextOption,
                      QString::fromUtf8("prüfung ☂"));
        // Rule 1 beats rule 3: --context over DOCKER_CONTEXT.
        QTest::newRow("--context beats DOCKER_CONTEXT")
            << kConfig << noConfig << store
            << QStringList{QString::fromUtf8("DOCKER_CONTEXT=prüfung ☂")} << QString()
            << QStringLiteral("ctx-a")
            << unixAt(QStringLiteral("/run/ctx-a.sock"), EndpointSource::ContextOption,
                      QStringLiteral("ctx-a"));
        // "default" names DOCKER_HOST or the default socket, with no store entry.
        QTest::newRow("context default -> default socket")
            << kConfig << noConfig << Contexts() << QStringList() << QString()
            << QStringLiteral("default") << unixAt(defaultSocket, EndpointSource::ContextOption);
        // "default" as currentContext is not looked up in the store either.
        QTest::newRow("currentContext default -> default socket")
            << kConfig << QByteArray(R"({"currentContext": "default"})") << Contexts()
            << QStringList() << QString() << QString()
            << unixAt(defaultSocket, EndpointSource::ConfigCurrentContext);

        // A context name with a space: its TLS files make it speak verified TLS.
        Expected remote =
            tcp(QStringLiteral("tcp://127.0.0.1:2376"), QStringLiteral("https://127.0.0.1:2376"),
                EndpointSource::DockerContextEnv);
        const QString remoteTls = QStringLiteral("@TMP@/config/contexts/tls/") +
                                  contextDirName(QStringLiteral("lab remote")) +
                                  QStringLiteral("/docker/");
        remote.contextName = QStringLiteral("lab remote");
        remote.caFile = remoteTls + QStringLiteral("ca.pem");
        remote.certFile = remoteTls + QStringLiteral("cert.pem");
        remote.keyFile = remoteTls + QStringLiteral("key.pem");
        QTest::newRow("context with TLS files in contexts/tls/<hash>/docker")
            << kConfig << noConfig << store
            << QStringList{QStringLiteral("DOCKER_CONTEXT=lab remote")} << QString() << QString()
            << remote;
        // A context's TLS comes from the store only: DOCKER_CERT_PATH does not apply.
        QTest::newRow("context ignores DOCKER_TLS_VERIFY and DOCKER_CERT_PATH")
            << kConfig << noConfig << store
            << QStringList{QStringLiteral("DOCKER_CONTEXT=lab remote"),
                           QStringLiteral("DOCKER_TLS_VERIFY=1"),
                           QStringLiteral("DOCKER_CERT_PATH=") + kCerts}
            << QString() << QString() << remote;
        // SkipTLSVerify: TLS without verification; a slash in the name is hashed.
        Expected skip =
            tcp(QStringLiteral("tcp://127.0.0.2:2376"), QStringLiteral("https://127.0.0.2:2376"),
                EndpointSource::ContextOption);
        skip.contextName = QStringLiteral("team/prod");
        skip.verify = false;
        QTest::newRow("context SkipTLSVerify, name with slash")
            << kConfig << noConfig << store << QStringList() << QString()
            << QStringLiteral("team/prod") << skip;
        // A context without TLS material and without a port: plain HTTP on 2375.
        Expected plain =
            tcp(QStringLiteral("tcp://127.0.0.3"), QStringLiteral("http://127.0.0.3:2375"),
                EndpointSource::ContextOption);
        plain.contextName = QStringLiteral("plain-tcp");
        QTest::newRow("context tcp without TLS or port -> 2375")
            << kConfig << noConfig << store << QStringList() << QString()
            << QStringLiteral("plain-tcp") << plain;

        // DOCKER_TLS_VERIFY + DOCKER_CERT_PATH: verified TLS with ca/cert/key.pem there.
        Expected verified =
            tcp(QStringLiteral("tcp://127.0.0.1:2376"), QStringLiteral("https://127.0.0.1:2376"),
                EndpointSource::DockerHostEnv);
        verified.caFile = kCerts + QStringLiteral("/ca.pem");
        verified.certFile = kCerts + QStringLiteral("/cert.pem");
        verified.keyFile = kCerts + QStringLiteral("/key.pem");
        QTest::newRow("DOCKER_TLS_VERIFY with DOCKER_CERT_PATH")
            << kConfig << noConfig << store
            << QStringList{QStringLiteral("DOCKER_HOST=tcp://127.0.0.1:2376"),
                           QStringLiteral("DOCKER_TLS_VERIFY=1"),
                           QStringLiteral("DOCKER_CERT_PATH=") + kCerts}
            << QString() << QString() << verified;
        // The CLI tests DOCKER_TLS_VERIFY for being non-empty, so "0" still verifies.
        QTest::newRow("DOCKER_TLS_VERIFY=0 still verifies")
            << kConfig << noConfig << store
            << QStringList{QStringLiteral("DOCKER_HOST=tcp://127.0.0.1:2376"),
                           QStringLiteral("DOCKER_TLS_VERIFY=0"),
                           QStringLiteral("DOCKER_CERT_PATH=") + kCerts}
            << QString() << QString() << verified;
        // Without DOCKER_CERT_PATH the files come from the DOCKER_CONFIG folder
        // (here the folder that holds the pem files).
        QTest::newRow("DOCKER_TLS_VERIFY without DOCKER_CERT_PATH -> DOCKER_CONFIG")
            << kCerts << noConfig << Contexts()
            << QStringList{QStringLiteral("DOCKER_HOST=tcp://127.0.0.1:2376"),
                           QStringLiteral("DOCKER_TLS_VERIFY=1"),
                           QStringLiteral("DOCKER_CONFIG=") + kCerts}
            << QString() << QString() << verified;
        // Verification without any CA file falls back to the system's trust store.
        Expected systemStore = verified;
        systemStore.caFile.clear();
        systemStore.certFile.clear();
        systemStore.keyFile.clear();
        QTest::newRow("DOCKER_TLS_VERIFY, no pem files -> system store")
            << kConfig << noConfig << store
            << QStringList{QStringLiteral("DOCKER_HOST=tcp://127.0.0.1:2376"),
                           QStringLiteral("DOCKER_TLS_VERIFY=1")}
            << QString() << QString() << systemStore;
        // --host takes the TLS settings of the environment too.
        Expected hostTls = verified;
        hostTls.source = EndpointSource::HostOption;
        QTest::newRow("--host with DOCKER_TLS_VERIFY")
            << kConfig << noConfig << store
            << QStringList{QStringLiteral("DOCKER_TLS_VERIFY=1"),
                           QStringLiteral("DOCKER_CERT_PATH=") + kCerts}
            << QStringLiteral("tcp://127.0.0.1:2376") << QString() << hostTls;
        // DOCKER_TLS without VERIFY: TLS, server identity unchecked.
        Expected tlsOnly =
            tcp(QStringLiteral("tcp://127.0.0.1"), QStringLiteral("https://127.0.0.1:2376"),
                EndpointSource::DockerHostEnv);
        tlsOnly.verify = false;
        tlsOnly.caFile = verified.caFile;
        tlsOnly.certFile = verified.certFile;
        tlsOnly.keyFile = verified.keyFile;
        QTest::newRow("DOCKER_TLS without verify, no port -> 2376")
            << kConfig << noConfig << store
            << QStringList{QStringLiteral("DOCKER_HOST=tcp://127.0.0.1"),
                           QStringLiteral("DOCKER_TLS=1"),
                           QStringLiteral("DOCKER_CERT_PATH=") + kCerts}
            << QString() << QString() << tlsOnly;
        // tcp:// without a port and without TLS is 2375.
        QTest::newRow("tcp without port -> 2375")
            << kConfig << noConfig << store
            << QStringList{QStringLiteral("DOCKER_HOST=tcp://localhost")} << QString() << QString()
            << tcp(QStringLiteral("tcp://localhost"), QStringLiteral("http://localhost:2375"),
                   EndpointSource::DockerHostEnv);
        // tcp:// without a port, with TLS verification, is 2376.
        Expected tlsNoPort = verified;
        tlsNoPort.host = QStringLiteral("tcp://localhost");
        tlsNoPort.baseUrl = QStringLiteral("https://localhost:2376");
        QTest::newRow("tcp without port, TLS -> 2376")
            << kConfig << noConfig << store
            << QStringList{QStringLiteral("DOCKER_HOST=tcp://localhost"),
                           QStringLiteral("DOCKER_TLS_VERIFY=1"),
                           QStringLiteral("DOCKER_CERT_PATH=") + kCerts}
            << QString() << QString() << tlsNoPort;
        // An IPv6 literal keeps its brackets in the URL.
        QTest::newRow("IPv6 literal with port")
            << kConfig << noConfig << store
            << QStringList{QStringLiteral("DOCKER_HOST=tcp://[::1]:2375")} << QString() << QString()
            << tcp(QStringLiteral("tcp://[::1]:2375"), QStringLiteral("http://[::1]:2375"),
                   EndpointSource::DockerHostEnv);
        // An IPv6 literal without a port gets the default one, still bracketed.
        QTest::newRow("IPv6 literal without port")
            << kConfig << noConfig << store << QStringList() << QStringLiteral("tcp://[::1]")
            << QString()
            << tcp(QStringLiteral("tcp://[::1]"), QStringLiteral("http://[::1]:2375"),
                   EndpointSource::HostOption);
    }

    void resolve()
    {
        QFETCH(QString, configDir);
        QFETCH(QByteArray, configJson);
        QFETCH(Contexts, contexts);
        QFETCH(QStringList, env);
        QFETCH(QString, optHost);
        QFETCH(QString, optContext);
        QFETCH(Expected, expected);

        const Environment environment = prepare(configDir, configJson, contexts, env);
        const auto endpoint = resolveEndpoint({optHost, optContext}, environment);
        QVERIFY2(endpoint.ok(), qPrintable(endpoint.ok() ? QString() : endpoint.error().text()));
        QCOMPARE(endpoint->source, expected.source);
        QCOMPARE(endpoint->host, expected.host);
        QCOMPARE(endpoint->target.unixSocket, expected.unixSocket);
        QCOMPARE(endpoint->target.baseUrl, expected.baseUrl);
        QCOMPARE(endpoint->local, !expected.unixSocket.isEmpty());
        QCOMPARE(endpoint->contextName, expected.contextName);
        QCOMPARE(endpoint->tls, expected.tls);
        QVERIFY(!endpoint->sourceDetail.isEmpty());
        if (!expected.contextName.isEmpty()) {
            // The user is told which context and which file decided.
            QVERIFY2(endpoint->sourceDetail.contains(expected.contextName),
                     qPrintable(endpoint->sourceDetail));
            QVERIFY2(endpoint->sourceDetail.contains(QStringLiteral("meta.json")),
                     qPrintable(endpoint->sourceDetail));
        }
        if (expected.tls) {
            QCOMPARE(endpoint->target.tls.verify, expected.verify);
            QCOMPARE(endpoint->target.tls.caFile, expand(expected.caFile));
            QCOMPARE(endpoint->target.tls.certFile, expand(expected.certFile));
            QCOMPARE(endpoint->target.tls.keyFile, expand(expected.keyFile));
        } else {
            QVERIFY(endpoint->target.tls.caFile.isEmpty());
            QVERIFY(endpoint->target.tls.certFile.isEmpty());
        }
    }

    void resolveErrors_data()
    {
        addResolveColumns();
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("mentions"); // in message or hint; @TMP@ expanded

        const Contexts store = {
            {QStringLiteral("ctx-a"), QStringLiteral("unix:///run/ctx-a.sock"), false, {}},
        };
        const QByteArray noConfig;
        const int badInput = int(ErrorKind::BadInput);
        const QString missingMeta = QStringLiteral("@TMP@/config/contexts/meta/") +
                                    contextDirName(QStringLiteral("nope")) +
                                    QStringLiteral("/meta.json");

        // Rule 1: --host and --context together are contradictory.
        QTest::newRow("--host with --context")
            << kConfig << noConfig << store << QStringList() << QStringLiteral("unix:///run/x.sock")
            << QStringLiteral("ctx-a") << badInput
            << QStringList{QStringLiteral("--host"), QStringLiteral("--context")};
        // A missing context names the context and the file looked for.
        QTest::newRow("DOCKER_CONTEXT names a missing context")
            << kConfig << noConfig << store << QStringList{QStringLiteral("DOCKER_CONTEXT=nope")}
            << QString() << QString() << badInput
            << QStringList{QStringLiteral("\"nope\""), missingMeta,
                           QStringLiteral("docker context ls")};
        // The same for --context and for currentContext.
        QTest::newRow("--context names a missing context")
            << kConfig << noConfig << store << QStringList() << QString() << QStringLiteral("nope")
            << badInput << QStringList{missingMeta};
        QTest::newRow("currentContext names a missing context")
            << kConfig << QByteArray(R"({"currentContext": "nope"})") << store << QStringList()
            << QString() << QString() << badInput << QStringList{missingMeta};
        // A config.json that is not JSON is an error naming the file, not the default.
        QTest::newRow("config.json is not JSON")
            << kConfig << QByteArray("{\"currentContext\": ") << store << QStringList() << QString()
            << QString() << badInput
            << QStringList{QStringLiteral("@TMP@/config/config.json"),
                           QStringLiteral("not a JSON object")};
        // A config.json of the wrong shape too.
        QTest::newRow("config.json is an array")
            << kConfig << QByteArray("[1, 2]") << store << QStringList() << QString() << QString()
            << badInput << QStringList{QStringLiteral("@TMP@/config/config.json")};
        // ssh:// is refused with the alternatives named.
        QTest::newRow("ssh refused with alternative")
            << kConfig << noConfig << store
            << QStringList{QStringLiteral("DOCKER_HOST=ssh://alice@127.0.0.1")} << QString()
            << QString() << badInput
            << QStringList{QStringLiteral("ssh://alice@127.0.0.1"), QStringLiteral("ssh -nNT -L"),
                           QStringLiteral("DOCKER_HOST=unix://"), QStringLiteral("tcp://")};
        // A unix address must name an absolute path.
        QTest::newRow("unix without absolute path")
            << kConfig << noConfig << store << QStringList() << QStringLiteral("unix://docker.sock")
            << QString() << badInput
            << QStringList{QStringLiteral("unix://docker.sock"), QStringLiteral("unix:///")};
        // An unknown scheme says which ones work.
        QTest::newRow("unknown scheme")
            << kConfig << noConfig << store << QStringList{QStringLiteral("DOCKER_HOST=fd://")}
            << QString() << QString() << badInput
            << QStringList{QStringLiteral("fd://"), QStringLiteral("tcp://host:port")};
        // A DOCKER_CERT_PATH that is not a folder is named, not silently
        // replaced by the system's CAs and no client certificate.
        QTest::newRow("DOCKER_CERT_PATH missing")
            << kConfig << noConfig << store
            << QStringList{QStringLiteral("DOCKER_HOST=tcp://127.0.0.1:2376"),
                           QStringLiteral("DOCKER_TLS_VERIFY=1"),
                           QStringLiteral("DOCKER_CERT_PATH=@TMP@/nope")}
            << QString() << QString() << badInput
            << QStringList{QStringLiteral("DOCKER_CERT_PATH"), QStringLiteral("@TMP@/nope")};
        // tcp:// needs a host.
        QTest::newRow("tcp without host")
            << kConfig << noConfig << store << QStringList() << QStringLiteral("tcp://")
            << QString() << badInput << QStringList{QStringLiteral("tcp://")};
    }

    void resolveErrors()
    {
        QFETCH(QString, configDir);
        QFETCH(QByteArray, configJson);
        QFETCH(Contexts, contexts);
        QFETCH(QStringList, env);
        QFETCH(QString, optHost);
        QFETCH(QString, optContext);
        QFETCH(int, kind);
        QFETCH(QStringList, mentions);

        const Environment environment = prepare(configDir, configJson, contexts, env);
        const auto endpoint = resolveEndpoint({optHost, optContext}, environment);
        QVERIFY2(!endpoint.ok(), qPrintable(endpoint.ok() ? endpoint->host : QString()));
        QCOMPARE(int(endpoint.error().kind), kind);
        const QString text = endpoint.error().text();
        for (const QString &mention : mentions) {
            QVERIFY2(text.contains(expand(mention)), qPrintable(text));
        }
    }

    void contextStoreErrors_data()
    {
        QTest::addColumn<QByteArray>("meta");
        QTest::addColumn<QString>("mention");
        // A meta.json that is not JSON names the file.
        QTest::newRow("meta.json not JSON") << QByteArray("{oops") << QStringLiteral("meta.json");
        // A meta.json without a docker endpoint names the missing field.
        QTest::newRow("meta.json without docker endpoint")
            << QByteArray(R"({"Name": "broken", "Endpoints": {}})")
            << QStringLiteral("Endpoints.docker.Host");
        // A Host of the wrong type is the same mistake.
        QTest::newRow("meta.json Host not a string")
            << QByteArray(R"({"Name": "broken", "Endpoints": {"docker": {"Host": 5}}})")
            << QStringLiteral("Endpoints.docker.Host");
    }

    void contextStoreErrors()
    {
        QFETCH(QByteArray, meta);
        QFETCH(QString, mention);
        Environment environment = prepare(kConfig, QByteArray(), Contexts(), QStringList());
        writeFile(expand(kConfig) + QStringLiteral("/contexts/meta/") +
                      contextDirName(QStringLiteral("broken")) + QStringLiteral("/meta.json"),
                  meta);
        environment.insert(QStringLiteral("DOCKER_CONTEXT"), QStringLiteral("broken"));
        const auto endpoint = resolveEndpoint({}, environment);
        QVERIFY(!endpoint.ok());
        QCOMPARE(endpoint.error().kind, ErrorKind::BadInput);
        QVERIFY2(endpoint.error().text().contains(mention), qPrintable(endpoint.error().text()));
        QVERIFY2(endpoint.error().text().contains(contextDirName(QStringLiteral("broken"))),
                 qPrintable(endpoint.error().text()));
    }

    void describeSourceNamesEachRule()
    {
        // Each source has its own wording, so doctor can say which rule won.
        QStringList seen;
        for (EndpointSource source :
             {EndpointSource::HostOption, EndpointSource::ContextOption,
              EndpointSource::DockerHostEnv, EndpointSource::DockerContextEnv,
              EndpointSource::ConfigCurrentContext, EndpointSource::Default}) {
            const QString text = describeSource(source);
            QVERIFY(!text.isEmpty());
            QVERIFY2(!seen.contains(text), qPrintable(text));
            seen.append(text);
        }
        QCOMPARE(describeSource(EndpointSource::Default), QStringLiteral("default socket"));
    }
};

QTEST_GUILESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
