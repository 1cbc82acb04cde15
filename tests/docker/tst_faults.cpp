// SPDX-License-Identifier: GPL-3.0-or-later
// The client against a misbehaving engine: a server this test starts on a
// unix socket in a temporary folder answers with garbage, truncated or
// oversized bodies, stalls, errors and lies about lengths. Each call must end
// in a clear error before its deadline.
#include "docker/engineclient.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace drydock;
using namespace drydock::docker;
using namespace std::chrono_literals;

namespace {

// Writes everything, or gives up when the client has gone.
bool writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n =
            ::send(fd, data.constData() + done, size_t(data.size() - done), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        done += n;
    }
    return true;
}

QByteArray httpAnswer(int status, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return QByteArray("HTTP/1.1 ") + QByteArray::number(status) +
           (status == 200 ? " OK" : " Error") + "\r\nContent-Type: application/json\r\n" +
           "Api-Version: 1.41\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" +
           extraHeaders + "\r\n" + body;
}

QByteArray chunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

void unixAddress(const QString &path, sockaddr_un *address)
{
    *address = {};
    address->sun_family = AF_UNIX;
    const QByteArray native = QFile::encodeName(path);
    qstrncpy(address->sun_path, native.constData(), sizeof(address->sun_path));
}

} // namespace

// One connection at a time: reads the request head, then hands the socket
// to the current responder, then closes it.
class FaultServer
{
public:
    using Responder = std::function<void(int fd, const QByteArray &requestHead)>;

    explicit FaultServer(const QString &path) : m_path(path) {}
    ~FaultServer() { stop(); }
    FaultServer(const FaultServer &) = delete;
    FaultServer &operator=(const FaultServer &) = delete;

    bool start()
    {
        m_listen = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address;
        unixAddress(m_path, &address);
        if (m_listen < 0 ||
            ::bind(m_listen, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0 ||
            ::listen(m_listen, 8) != 0) {
            return false;
        }
        m_thread = std::thread([this] { serve(); });
        return true;
    }

    void stop()
    {
        m_stop = true;
        if (m_thread.joinable()) {
            m_thread.join();
        }
        if (m_listen >= 0) {
            ::close(m_listen);
            m_listen = -1;
        }
    }

    void setResponder(Responder responder)
    {
        std::lock_guard lock(m_mutex);
        m_responder = std::move(responder);
    }

    QByteArray lastRequestHead()
    {
        std::lock_guard lock(m_mutex);
        return m_lastHead;
    }

    bool stopping() const { return m_stop; }

    // Waits until the client closes (or the server stops): a stalled answer.
    void waitForClientToLeave(int fd) const
    {
        while (!m_stop) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 100) > 0) {
                char byte = 0;
                if (::recv(fd, &byte, 1, 0) <= 0) {
                    return;
                }
            }
        }
    }

private:
    void serve()
    {
        while (!m_stop) {
            pollfd p{m_listen, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) {
                continue;
            }
            const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) {
                continue;
            }
            const QByteArray head = readHead(fd);
            Responder responder;
            {
                std::lock_guard lock(m_mutex);
                m_lastHead = head;
                responder = m_responder;
            }
            if (responder) {
                responder(fd, head);
            }
            ::close(fd);
        }
    }

    // The request line and headers; a body the client sends is not needed.
    QByteArray readHead(int fd) const
    {
        QByteArray head;
        while (!head.contains("\r\n\r\n") && head.size() < 65536 && !m_stop) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 2000) <= 0) {
                break;
            }
            char buffer[4096];
            const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
            if (n <= 0) {
                break;
            }
            head.append(buffer, n);
        }
        return head.left(head.indexOf("\r\n\r\n"));
    }

    QString m_path;
    int m_listen = -1;
    std::atomic_bool m_stop = false;
    std::thread m_thread;
    std::mutex m_mutex;
    Responder m_responder;
    QByteArray m_lastHead;
};

namespace {

// The call a row makes, returning its error (or none).
enum class Call {
    GetJson,      // GET /containers/json with a 1.5 s deadline
    StallGuarded, // a request without deadline but with a 1 s stall limit
    Negotiate,    // GET /_ping
    Pull,         // POST /images/create, streamed
    EventsCancel, // GET /events, cancelled after 0.5 s
};

struct Outcome
{
    std::optional<Error> error;
    bool finished = false;
};

} // namespace

Q_DECLARE_METATYPE(FaultServer::Responder)
Q_DECLARE_METATYPE(Call)

class TestFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FaultServer> m_server;
    QString m_socket;

    Endpoint fakeEndpoint() const
    {
        return endpointFromHost(QStringLiteral("unix://") + m_socket, {}, false).value();
    }

    // Runs `work` on a worker; if it has not ended after `guard`, cancels it
    // and fails: a hang must be a failure, not a stuck test.
    Outcome guarded(const std::function<std::optional<Error>(const CancelToken &)> &work,
                    std::chrono::milliseconds guard)
    {
        CancelToken cancel;
        auto future = std::async(std::launch::async, [&] { return work(cancel); });
        Outcome outcome;
        outcome.finished = future.wait_for(guard) == std::future_status::ready;
        if (!outcome.finished) {
            cancel.cancel();
        }
        outcome.error = future.get();
        return outcome;
    }

    static std::optional<Error> errorOf(const Result<void> &result)
    {
        return result.ok() ? std::nullopt : std::optional<Error>(result.error());
    }

    template<class T>
    static std::optional<Error> errorOf(const Result<T> &result)
    {
        return result.ok() ? std::nullopt : std::optional<Error>(result.error());
    }

    std::optional<Error> makeCall(Call call, const CancelToken &cancel)
    {
        EngineClient client(fakeEndpoint());
        switch (call) {
        case Call::GetJson:
            return errorOf(client.getJson(QStringLiteral("/containers/json"), cancel, 1500));
        case Call::StallGuarded: {
            HttpRequest request;
            request.path = QStringLiteral("/v1.41/events");
            request.timeoutMs = 0;
            request.stallTimeoutMs = 1000;
            return errorOf(client.request(request, cancel));
        }
        case Call::Negotiate:
            return errorOf(client.negotiate(cancel));
        case Call::Pull:
            return errorOf(
                client.pullImage(QStringLiteral("lab/app"), QStringLiteral("1.0"), {}, cancel));
        case Call::EventsCancel: {
            CancelToken mine = cancel;
            std::thread canceller([mine] {
                std::this_thread::sleep_for(500ms);
                mine.cancel();
            });
            const auto result = client.events(
                {}, [](const EngineEvent &) { return true; }, mine);
            canceller.join();
            return errorOf(result);
        }
        }
        return std::nullopt;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_socket = m_dir.filePath(QStringLiteral("engine.sock"));
        m_server = std::make_unique<FaultServer>(m_socket);
        QVERIFY(m_server->start());
    }

    void cleanupTestCase() { m_server.reset(); }

    void faults_data()
    {
        QTest::addColumn<FaultServer::Responder>("responder");
        QTest::addColumn<Call>("call");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("mentions");
        const int protocol = int(ErrorKind::Protocol);

        // Rule: an answer that is not HTTP is a protocol error, not a hang.
        QTest::newRow("garbage, not HTTP")
            << FaultServer::Responder([](int fd, const QByteArray &) {
                   writeAll(fd, QByteArray("SSH-2.0-OpenSSH_9.2\r\n\x01\x02\x03 garbage\r\n\r\n"));
               })
            << Call::GetJson << protocol << QStringList{QStringLiteral("not HTTP")};
        // Rule: a connection closed without any answer is a protocol error.
        QTest::newRow("closed without answer")
            << FaultServer::Responder([](int, const QByteArray &) {}) << Call::GetJson << protocol
            << QStringList{QStringLiteral("not HTTP")};
        // Rule: a complete answer with truncated JSON says the JSON is cut short.
        QTest::newRow("truncated JSON")
            << FaultServer::Responder([](int fd, const QByteArray &) {
                   writeAll(fd, httpAnswer(200, "[{\"Id\": \"abc\", \"Names\": [\"/x\"], \"Lab"));
               })
            << Call::GetJson << protocol
            << QStringList{QStringLiteral("not valid JSON"), QStringLiteral("/containers/json")};
        // Rule: a body over the document limit is refused without reading it all.
        QTest::newRow("50 MB body")
            << FaultServer::Responder([](int fd, const QByteArray &) {
                   const qint64 total = 50LL * 1000 * 1000;
                   const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 50000000\r\n\r\n";
                   if (!writeAll(fd, head)) {
                       return;
                   }
                   const QByteArray block(64 * 1024, ' ');
                   for (qint64 sent = 0; sent < total; sent += block.size()) {
                       if (!writeAll(fd, block)) {
                           return; // the client stopped reading
                       }
                   }
               })
            << Call::GetJson << protocol
            << QStringList{QStringLiteral("larger than 32 MiB"), QStringLiteral("engine.sock")};
        // Rule: headers then silence ends at the request's deadline.
        QTest::newRow("stalled after headers, deadline")
            << FaultServer::Responder([this](int fd, const QByteArray &) {
                   writeAll(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n[");
                   m_server->waitForClientToLeave(fd);
               })
            << Call::GetJson << int(ErrorKind::Timeout)
            << QStringList{QStringLiteral("did not answer in time")};
        // Rule: no answer at all ends at the deadline too.
        QTest::newRow("stalled before headers, deadline")
            << FaultServer::Responder(
                   [this](int fd, const QByteArray &) { m_server->waitForClientToLeave(fd); })
            << Call::GetJson << int(ErrorKind::Timeout)
            << QStringList{QStringLiteral("did not answer in time")};
        // Rule: a stream without deadline still ends when bytes stop coming.
        QTest::newRow("stalled stream, stall limit")
            << FaultServer::Responder([this](int fd, const QByteArray &) {
                   writeAll(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                    chunk("{\"Type\":\"container\"}\n"));
                   m_server->waitForClientToLeave(fd);
               })
            << Call::StallGuarded << int(ErrorKind::Timeout)
            << QStringList{QStringLiteral("stopped sending data for 1 s")};
        // Rule: HTTP 500 carries the engine's message.
        QTest::newRow("HTTP 500 with message")
            << FaultServer::Responder([](int fd, const QByteArray &) {
                   writeAll(fd, httpAnswer(500, "{\"message\":\"boom: the fake engine failed\"}"));
               })
            << Call::GetJson << int(ErrorKind::Refused)
            << QStringList{QStringLiteral("HTTP 500"),
                           QStringLiteral("boom: the fake engine failed")};
        // Rule: a Content-Length longer than what arrives before close is cut short.
        QTest::newRow("wrong Content-Length")
            << FaultServer::Responder([](int fd, const QByteArray &) {
                   writeAll(fd, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n[{\"Id\":\"a\"}]");
               })
            << Call::GetJson << protocol << QStringList{QStringLiteral("cut short")};
        // Rule: a chunked answer that ends mid-chunk is cut short too.
        QTest::newRow("chunked answer cut mid-chunk")
            << FaultServer::Responder([](int fd, const QByteArray &) {
                   writeAll(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                "100\r\n[{\"Id\":");
               })
            << Call::GetJson << protocol << QStringList{QStringLiteral("engine.sock")};
        // Rule: a ping without Api-Version cannot be negotiated.
        QTest::newRow("ping without Api-Version")
            << FaultServer::Responder([](int fd, const QByteArray &) {
                   writeAll(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");
               })
            << Call::Negotiate << protocol
            << QStringList{QStringLiteral("API version"), QStringLiteral("20.10")};
        // Rule: an engine older than API 1.41 is refused with the upgrade advice.
        QTest::newRow("engine too old") << FaultServer::Responder([](int fd, const QByteArray &) {
            writeAll(fd, "HTTP/1.1 200 OK\r\nApi-Version: 1.24\r\nContent-Length: 2\r\n\r\nOK");
        }) << Call::Negotiate << int(ErrorKind::Refused)
                                        << QStringList{QStringLiteral("1.24"),
                                                       QStringLiteral("Upgrade Docker")};
        // Rule: a pull that fails inside a 200 stream ends with the stream's error.
        QTest::newRow("pull error inside the stream")
            << FaultServer::Responder([](int fd, const QByteArray &) {
                   QFile file(QStringLiteral(DRYDOCK_TEST_DATA "/pull-stream-error.ndjson"));
                   if (!file.open(QIODevice::ReadOnly)) {
                       return;
                   }
                   QByteArray answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
                   for (const QByteArray &line : file.readAll().split('\n')) {
                       if (!line.isEmpty()) {
                           answer += chunk(line + '\n');
                       }
                   }
                   writeAll(fd, answer + "0\r\n\r\n");
               })
            << Call::Pull << int(ErrorKind::Refused)
            << QStringList{QStringLiteral("lab/app:1.0"), QStringLiteral("unexpected EOF")};
        // Rule: a stream with a line that is not JSON ends with a protocol error.
        QTest::newRow("stream with a malformed line")
            << FaultServer::Responder([](int fd, const QByteArray &) {
                   writeAll(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                    chunk("{\"status\":\"Pulling\"}\n{\"status\":") +
                                    chunk("<html>oops</html>\n") + "0\r\n\r\n");
               })
            << Call::Pull << protocol << QStringList{QStringLiteral("not JSON")};
        // Rule: an events stream that stays open ends when cancelled.
        QTest::newRow("open events stream, cancelled")
            << FaultServer::Responder([this](int fd, const QByteArray &) {
                   writeAll(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                   m_server->waitForClientToLeave(fd);
               })
            << Call::EventsCancel << int(ErrorKind::Cancelled)
            << QStringList{QStringLiteral("Cancelled")};
    }

    void faults()
    {
        QFETCH(FaultServer::Responder, responder);
        QFETCH(Call, call);
        QFETCH(int, kind);
        QFETCH(QStringList, mentions);
        m_server->setResponder(responder);
        const Outcome outcome =
            guarded([&](const CancelToken &cancel) { return makeCall(call, cancel); }, 20s);
        QVERIFY2(outcome.finished, "the call did not end; it was cancelled after 20 s");
        QVERIFY2(outcome.error.has_value(), "the call succeeded against a faulty server");
        const QString text = outcome.error->text();
        qInfo().noquote() << text; // what the user would read
        QCOMPARE(int(outcome.error->kind), kind);
        for (const QString &mention : mentions) {
            QVERIFY2(text.contains(mention), qPrintable(text));
        }
    }

    void negotiatedVersionIsUsed_data()
    {
        QTest::addColumn<QByteArray>("serverVersion");
        QTest::addColumn<QString>("used");
        // Rule: the lower of the engine's version and the client's maximum.
        QTest::newRow("Docker 20.10") << QByteArray("1.41") << QStringLiteral("1.41");
        QTest::newRow("Docker 24") << QByteArray("1.43") << QStringLiteral("1.43");
        QTest::newRow("Docker 29") << QByteArray("1.52") << QStringLiteral("1.52");
        // Rule: an engine newer than the client gets the client's maximum.
        QTest::newRow("newer than the client") << QByteArray("1.60") << QStringLiteral("1.52");
    }

    void negotiatedVersionIsUsed()
    {
        QFETCH(QByteArray, serverVersion);
        QFETCH(QString, used);
        m_server->setResponder([serverVersion](int fd, const QByteArray &head) {
            if (head.startsWith("GET /_ping")) {
                writeAll(fd,
                         "HTTP/1.1 200 OK\r\nApi-Version: " + serverVersion +
                             "\r\nOSType: linux\r\nServer: fake\r\nContent-Length: 2\r\n\r\nOK");
            } else {
                writeAll(fd, httpAnswer(200, "{\"Version\": \"fake\", \"ApiVersion\": \"x\"}"));
            }
        });
        EngineClient client(fakeEndpoint());
        const auto ping = client.negotiate();
        QVERIFY(ping.ok());
        QCOMPARE(ping->server, QStringLiteral("fake"));
        QCOMPARE(client.apiVersion(), used);
        QVERIFY(client.version().ok());
        // Every later path carries the version.
        QVERIFY2(m_server->lastRequestHead().startsWith(
                     QByteArray("GET /v" + used.toLatin1() + "/version ")),
                 m_server->lastRequestHead().constData());
    }

    void podmanPingIsRecognised()
    {
        m_server->setResponder([](int fd, const QByteArray &) {
            writeAll(fd, "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nLibpod-Api-Version: 4.3.1\r\n"
                         "Server: Libpod/4.3.1 (linux)\r\nContent-Length: 2\r\n\r\nOK");
        });
        EngineClient client(fakeEndpoint());
        const auto ping = client.negotiate();
        QVERIFY(ping.ok());
        QCOMPARE(ping->libpodApiVersion, QStringLiteral("4.3.1"));
    }

    void missingSocket()
    {
        const QString path = m_dir.filePath(QStringLiteral("nothing-here.sock"));
        EngineClient client(endpointFromHost(QStringLiteral("unix://") + path, {}, false).value());
        const auto ping = client.negotiate();
        QVERIFY(!ping.ok());
        QCOMPARE(ping.error().kind, ErrorKind::Unreachable);
        QVERIFY2(ping.error().message.contains(QLatin1String("No engine socket at ") + path),
                 qPrintable(ping.error().text()));
        QVERIFY2(ping.error().hint.contains(QLatin1String("DOCKER_HOST")),
                 qPrintable(ping.error().text()));
    }

    void connectionRefused()
    {
        // A socket file whose listener is gone: bound, never listening.
        const QString path = m_dir.filePath(QStringLiteral("dead.sock"));
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(fd >= 0);
        sockaddr_un address;
        unixAddress(path, &address);
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
        ::close(fd);
        QVERIFY(QFile::exists(path));

        EngineClient client(endpointFromHost(QStringLiteral("unix://") + path, {}, false).value());
        const auto ping = client.negotiate();
        QVERIFY(!ping.ok());
        QCOMPARE(ping.error().kind, ErrorKind::Unreachable);
        QVERIFY2(ping.error().message.contains(QLatin1String("connection refused")),
                 qPrintable(ping.error().text()));
        QVERIFY2(ping.error().message.contains(path), qPrintable(ping.error().text()));
    }

    void explicitBodyLimit()
    {
        // performHttp's own limit, below the engine's document limit.
        m_server->setResponder([](int fd, const QByteArray &) {
            writeAll(fd, httpAnswer(200, QByteArray(3 * 1024 * 1024, 'x')));
        });
        HttpRequest request;
        request.path = QStringLiteral("/big");
        request.maxBodyBytes = 1024 * 1024;
        const auto response = performHttp(fakeEndpoint().target, request);
        QVERIFY(!response.ok());
        QCOMPARE(response.error().kind, ErrorKind::Protocol);
        QVERIFY2(response.error().message.contains(QLatin1String("larger than 1 MiB")),
                 qPrintable(response.error().text()));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
