// SPDX-License-Identifier: GPL-3.0-or-later
// `drydock doctor` and the CLI's exit codes, running the built binary.
#include "docker/endpoint.h"
#include "docker/engineclient.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace drydock;
using namespace drydock::docker;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    bool finished = false;

    QString all() const { return out + err; }
};

// A unix socket with a listener, removed with the object.
class ListeningSocket
{
public:
    explicit ListeningSocket(const QString &path) : m_path(path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        qstrncpy(address.sun_path, QFile::encodeName(path).constData(), sizeof(address.sun_path));
        m_ok = m_fd >= 0 &&
               ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0 &&
               ::listen(m_fd, 4) == 0;
    }
    ~ListeningSocket()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        QFile::remove(m_path);
    }
    ListeningSocket(const ListeningSocket &) = delete;
    ListeningSocket &operator=(const ListeningSocket &) = delete;
    bool ok() const { return m_ok; }

private:
    QString m_path;
    int m_fd = -1;
    bool m_ok = false;
};

} // namespace

class TestDoctor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_config; // an empty DOCKER_CONFIG unless a test fills it
    QString m_engineApi;

    // The environment of a user who set nothing about Docker.
    QProcessEnvironment cleanEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_TLS",
                                 "DOCKER_CERT_PATH", "DOCKER_API_VERSION"}) {
            env.remove(QString::fromLatin1(name));
        }
        env.insert(QStringLiteral("DOCKER_CONFIG"), m_config);
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
        return env;
    }

    Run run(const QString &program, const QStringList &args, const QProcessEnvironment &env)
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(program, args);
        Run result;
        // A guard against a hang, not a measurement.
        result.finished = process.waitForStarted(20000) && process.waitForFinished(60000);
        if (!result.finished) {
            process.kill();
            process.waitForFinished(5000);
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    Run drydock(const QStringList &args, const QProcessEnvironment &env)
    {
        return run(QStringLiteral(DRYDOCK_BINARY), args, env);
    }

    void writeFile(const QString &path, const QByteArray &data)
    {
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(data);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFileInfo(QStringLiteral(DRYDOCK_BINARY)).isExecutable());
        m_config = m_dir.filePath(QStringLiteral("docker-config"));
        QVERIFY(QDir().mkpath(m_config));
        // What the engine negotiates, to compare with doctor's report.
        EngineClient client(
            endpointFromHost(QStringLiteral("unix:///var/run/docker.sock"), {}, false).value());
        const auto ping = client.negotiate();
        QVERIFY2(ping.ok(), qPrintable(ping.ok() ? QString() : ping.error().text()));
        m_engineApi = client.apiVersion();
    }

    void realSocket()
    {
        const Run r = drydock({QStringLiteral("doctor")}, cleanEnvironment());
        QVERIFY(r.finished);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains(QLatin1String("unix:///var/run/docker.sock")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("default socket")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("API version:   ") + m_engineApi), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("Rootless:      no")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("name=seccomp")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("OK: the engine answers.")), qPrintable(r.out));
    }

    void pinnedApiVersionIsShown()
    {
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("DOCKER_API_VERSION"), QStringLiteral("1.40"));
        const Run r = drydock({QStringLiteral("doctor")}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains(QLatin1String("1.40")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("pinned by DOCKER_API_VERSION")), qPrintable(r.out));
        // Set but empty is not a pin: the version was negotiated.
        env.insert(QStringLiteral("DOCKER_API_VERSION"), QString());
        const Run negotiated = drydock({QStringLiteral("doctor")}, env);
        QVERIFY2(negotiated.exitCode == 0, qPrintable(negotiated.all()));
        QVERIFY2(!negotiated.out.contains(QLatin1String("pinned")), qPrintable(negotiated.out));
    }

    void missingSocket()
    {
        const QString path = m_dir.filePath(QStringLiteral("missing.sock"));
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + path);
        const Run r = drydock({QStringLiteral("doctor")}, env);
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 3);
        // Which rule chose the socket, what is wrong, and how to fix it.
        QVERIFY2(r.out.contains(QLatin1String("DOCKER_HOST")), qPrintable(r.all()));
        QVERIFY2(r.err.contains(QLatin1String("No engine socket at ") + path), qPrintable(r.all()));
        QVERIFY2(r.err.contains(QLatin1String("fix: ")), qPrintable(r.all()));
        // The real socket exists, so doctor points at it.
        QVERIFY2(r.out.contains(QLatin1String("DOCKER_HOST=unix:///var/run/docker.sock")),
                 qPrintable(r.all()));
    }

    void connectionRefused()
    {
        const QString path = m_dir.filePath(QStringLiteral("dead.sock"));
        {
            ListeningSocket socket(path);
            QVERIFY(socket.ok());
        }
        // Bind again without listening: the file stays, nobody answers.
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        qstrncpy(address.sun_path, QFile::encodeName(path).constData(), sizeof(address.sun_path));
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
        ::close(fd);
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + path);
        const Run r = drydock({QStringLiteral("doctor")}, env);
        QFile::remove(path);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QLatin1String("connection refused")), qPrintable(r.all()));
        QVERIFY2(r.err.contains(QLatin1String("fix: Start the Docker daemon")),
                 qPrintable(r.all()));
    }

    void socketTheUserMayNotOpen()
    {
        if (::geteuid() != 0) {
            QSKIP("Needs root: the test runs doctor as user nobody against a root-only socket.");
        }
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        if (setpriv.isEmpty()) {
            QSKIP("setpriv (util-linux) is not installed; it runs doctor as user nobody.");
        }
        // A folder everyone may enter, holding a root-owned socket only root may open.
        QTemporaryDir open(QDir::tempPath() + QStringLiteral("/drydock-doctor-XXXXXX"));
        QVERIFY(open.isValid());
        QVERIFY(::chmod(QFile::encodeName(open.path()).constData(), 0755) == 0);
        const QString path = open.filePath(QStringLiteral("docker.sock"));
        ListeningSocket socket(path);
        QVERIFY(socket.ok());
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0600) == 0);
        // nobody must be able to run the binary: a copy in the open folder.
        const QString binary = open.filePath(QStringLiteral("drydock"));
        QVERIFY(QFile::copy(QStringLiteral(DRYDOCK_BINARY), binary));
        QVERIFY(::chmod(QFile::encodeName(binary).constData(), 0755) == 0);

        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("HOME"), open.path());
        env.insert(QStringLiteral("DOCKER_CONFIG"), open.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + path);
        env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
        const Run r = run(setpriv,
                          {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                           QStringLiteral("--clear-groups"), binary, QStringLiteral("doctor")},
                          env);
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QLatin1String("Permission denied on ") + path),
                 qPrintable(r.all()));
        QVERIFY2(r.err.contains(QLatin1String("docker group")), qPrintable(r.all()));
    }

    void contextInDockerConfig_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("source");
        // Rule 4: currentContext in config.json.
        QTest::newRow("currentContext")
            << QStringLiteral("config") << QStringLiteral("currentContext in config.json");
        // Rule 3: DOCKER_CONTEXT.
        QTest::newRow("DOCKER_CONTEXT")
            << QStringLiteral("env") << QStringLiteral("DOCKER_CONTEXT");
        // Rule 1: --context.
        QTest::newRow("--context")
            << QStringLiteral("option") << QStringLiteral("--context option");
    }

    void contextInDockerConfig()
    {
        QFETCH(QString, how);
        QFETCH(QString, source);
        const QString name = QStringLiteral("drydock lab/ctx");
        const QString config = m_dir.filePath(QStringLiteral("context-config-") + how);
        const QString meta = config + QStringLiteral("/contexts/meta/") + contextDirName(name) +
                             QStringLiteral("/meta.json");
        writeFile(meta, "{\"Name\":\"drydock lab/ctx\",\"Metadata\":{},"
                        "\"Endpoints\":{\"docker\":{\"Host\":\"unix:///var/run/docker.sock\","
                        "\"SkipTLSVerify\":false}}}");
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("DOCKER_CONFIG"), config);
        QStringList args{QStringLiteral("doctor")};
        if (how == QLatin1String("config")) {
            writeFile(config + QStringLiteral("/config.json"),
                      "{\"auths\":{},\"currentContext\":\"drydock lab/ctx\"}");
        } else if (how == QLatin1String("env")) {
            env.insert(QStringLiteral("DOCKER_CONTEXT"), name);
        } else {
            args << QStringLiteral("--context") << name;
        }
        const Run r = drydock(args, env);
        QVERIFY(r.finished);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains(QLatin1String("Chosen by:     ") + source), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("context \"%1\"").arg(name)), qPrintable(r.out));
        QVERIFY2(r.out.contains(meta), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("OK: the engine answers.")), qPrintable(r.out));
    }

    void missingContext()
    {
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("DOCKER_CONTEXT"), QStringLiteral("nope"));
        const Run r = drydock({QStringLiteral("doctor")}, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("\"nope\" does not exist")), qPrintable(r.all()));
        QVERIFY2(r.err.contains(m_config + QStringLiteral("/contexts/meta/")), qPrintable(r.all()));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mention");
        // Rule: --host and --context contradict each other (exit 2).
        QTest::newRow("--host with --context")
            << QStringList{QStringLiteral("doctor"), QStringLiteral("--host"),
                           QStringLiteral("unix:///var/run/docker.sock"),
                           QStringLiteral("--context"), QStringLiteral("default")}
            << QStringLiteral("Both --host and --context");
        // Rule: an unknown command is bad usage (exit 2).
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("bogus")} << QStringLiteral("unknown command 'bogus'");
        // Rule: an unknown option is bad usage (exit 2).
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("doctor"), QStringLiteral("--frobnicate")}
            << QStringLiteral("frobnicate");
        // Rule: an address Drydock cannot use is bad input (exit 2), with the alternative.
        QTest::newRow("ssh host") << QStringList{QStringLiteral("doctor"), QStringLiteral("-H"),
                                                 QStringLiteral("ssh://alice@127.0.0.1")}
                                  << QStringLiteral("ssh -nNT -L");
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mention);
        const Run r = drydock(args, cleanEnvironment());
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(mention), qPrintable(r.all()));
    }
};

QTEST_GUILESS_MAIN(TestDoctor)
#include "tst_doctor.moc"
