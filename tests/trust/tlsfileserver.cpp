// SPDX-License-Identifier: GPL-3.0-or-later
// The trust tests' HTTPS server: OpenSSL over a blocking socket, one
// request per connection, on its own thread.
#include "tlsfileserver.h"

#include "trust/certificates.h"
#include "util/atomicfile.h"

#include <QDateTime>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace drydock::trust::test {

namespace {

SSL_CTX *ctxOf(void *ctx)
{
    return static_cast<SSL_CTX *>(ctx);
}

} // namespace

TlsFileServer::TlsFileServer() = default;

TlsFileServer::~TlsFileServer()
{
    stop();
}

QString TlsFileServer::start()
{
    auto caKey = PrivateKey::generate(KeyAlgorithm::EcdsaP256);
    auto serverKey = PrivateKey::generate(KeyAlgorithm::EcdsaP256);
    if (!caKey || !serverKey) {
        return QStringLiteral("key generation failed");
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    CertificateRequest ca;
    ca.commonName = QStringLiteral("Drydock test CA");
    ca.notBefore = now.addSecs(-3600);
    ca.notAfter = now.addDays(2);
    ca.usage = CertificateUsage::CertificateAuthority;
    auto caPem = makeCertificate(*caKey, ca, nullptr, {});
    CertificateRequest server = ca;
    server.commonName = QStringLiteral("localhost");
    server.usage = CertificateUsage::TlsServer;
    server.dnsNames = {QStringLiteral("localhost")};
    server.ipAddresses = {QStringLiteral("127.0.0.1")};
    auto serverPem = caPem ? makeCertificate(*serverKey, server, &*caKey, *caPem) : caPem;
    if (!serverPem) {
        return serverPem.error().message;
    }
    if (!writeFileAtomically(caFile(), *caPem)) {
        return QStringLiteral("cannot write the CA file");
    }

    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    BIO *bio = BIO_new_mem_buf(serverPem->constData(), int(serverPem->size()));
    X509 *cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    const bool ok = cert && SSL_CTX_use_certificate(ctx, cert) == 1 &&
                    SSL_CTX_use_PrivateKey(ctx, serverKey->handle()) == 1;
    X509_free(cert);
    if (!ok) {
        SSL_CTX_free(ctx);
        return QStringLiteral("OpenSSL would not take the server certificate");
    }
    m_ctx = ctx;

    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (m_listen < 0 ||
        ::bind(m_listen, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(m_listen, 16) != 0 ||
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        return QStringLiteral("cannot listen on 127.0.0.1");
    }
    m_port = ntohs(address.sin_port);
    if (::pipe(m_wake) != 0) {
        return QStringLiteral("cannot make a pipe");
    }
    m_thread = std::thread([this] { loop(); });
    return {};
}

void TlsFileServer::stop()
{
    if (m_thread.joinable()) {
        m_stop = true;
        const char byte = 1;
        [[maybe_unused]] const auto written = ::write(m_wake[1], &byte, 1);
        m_thread.join();
    }
    for (int *fd : {&m_listen, &m_wake[0], &m_wake[1]}) {
        if (*fd >= 0) {
            ::close(*fd);
            *fd = -1;
        }
    }
    if (m_ctx) {
        SSL_CTX_free(ctxOf(m_ctx));
        m_ctx = nullptr;
    }
}

QString TlsFileServer::url() const
{
    return QStringLiteral("https://localhost:%1").arg(m_port);
}

QString TlsFileServer::caFile() const
{
    return m_dir.filePath(QStringLiteral("ca.pem"));
}

void TlsFileServer::serve(const QString &path, const QByteArray &body, int status)
{
    std::lock_guard lock(m_mutex);
    m_pages.insert(path, Page{status, body, {}, {}, {}});
}

void TlsFileServer::serveGuarded(const QString &path, const QByteArray &body,
                                 const QByteArray &authorization, const QByteArray &deniedHeaders)
{
    std::lock_guard lock(m_mutex);
    m_pages.insert(path, Page{200, body, {}, authorization, deniedHeaders});
}

void TlsFileServer::serveWithHeaders(const QString &path, const QByteArray &body,
                                     const QByteArray &headers)
{
    std::lock_guard lock(m_mutex);
    m_pages.insert(path, Page{200, body, headers, {}, {}});
}

void TlsFileServer::remove(const QString &path)
{
    std::lock_guard lock(m_mutex);
    m_pages.remove(path);
}

void TlsFileServer::clear()
{
    std::lock_guard lock(m_mutex);
    m_pages.clear();
    m_requests.clear();
}

QStringList TlsFileServer::requests() const
{
    std::lock_guard lock(m_mutex);
    return m_requests;
}

void TlsFileServer::loop()
{
    while (!m_stop) {
        pollfd fds[2] = {{m_listen, POLLIN, 0}, {m_wake[0], POLLIN, 0}};
        if (::poll(fds, 2, 1000) <= 0 || (fds[1].revents & POLLIN)) {
            continue;
        }
        const int client = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
        if (client >= 0) {
            handle(client);
            ::close(client);
        }
    }
}

void TlsFileServer::handle(int client)
{
    timeval timeout{5, 0};
    ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    SSL *ssl = SSL_new(ctxOf(m_ctx));
    SSL_set_fd(ssl, client);
    if (SSL_accept(ssl) != 1) {
        SSL_free(ssl);
        return;
    }
    QByteArray request;
    char buffer[4096];
    while (!request.contains("\r\n\r\n") && request.size() < 64 * 1024) {
        const int n = SSL_read(ssl, buffer, sizeof buffer);
        if (n <= 0) {
            break;
        }
        request.append(buffer, n);
    }
    const QList<QByteArray> line = request.left(request.indexOf("\r\n")).split(' ');
    const QString path = QString::fromUtf8(line.value(1));
    QByteArray authorization;
    for (const QByteArray &header : request.split('\n')) {
        if (header.toLower().startsWith("authorization:")) {
            authorization = header.mid(14).trimmed();
        }
    }
    Page page{404,
              R"({"errors":[{"code":"METADATA_NOT_FOUND","message":"not found","detail":{}}]})",
              {},
              {},
              {}};
    {
        std::lock_guard lock(m_mutex);
        m_requests << path;
        if (m_pages.contains(path)) {
            page = m_pages.value(path);
        }
    }
    if (!page.authorization.isEmpty() && authorization != page.authorization) {
        page = Page{401,
                    R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})",
                    page.deniedHeaders,
                    {},
                    {}};
    }
    QByteArray response = "HTTP/1.1 " + QByteArray::number(page.status) +
                          (page.status == 200 ? " OK" : " Error") +
                          "\r\nContent-Type: application/json\r\nContent-Length: " +
                          QByteArray::number(page.body.size()) + "\r\n" + page.headers +
                          "Connection: close\r\n\r\n" + page.body;
    qsizetype sent = 0;
    while (sent < response.size()) {
        const int n = SSL_write(ssl, response.constData() + sent, int(response.size() - sent));
        if (n <= 0) {
            break;
        }
        sent += n;
    }
    SSL_shutdown(ssl);
    SSL_free(ssl);
}

} // namespace drydock::trust::test
