// SPDX-License-Identifier: GPL-3.0-or-later
// Notary's HTTP API: GET metadata and keys, POST updates.
#include "notaryclient.h"

#include "canonicaljson.h"
#include "util/logging.h"

#include <QUuid>

namespace drydock::trust {

namespace {

QString notaryErrorCode(const QByteArray &body)
{
    auto doc = parseJson(body, QStringLiteral("notary error"));
    if (doc && doc->is_object() && doc->contains("errors") && (*doc)["errors"].is_array() &&
        !(*doc)["errors"].empty() && (*doc)["errors"][0].is_object()) {
        return QString::fromStdString((*doc)["errors"][0].value("code", std::string()));
    }
    return {};
}

} // namespace

NotaryClient::NotaryClient(NotaryServer server, QString gun)
    : m_server(std::move(server)), m_gun(std::move(gun))
{
    while (m_server.url.endsWith(QLatin1Char('/'))) {
        m_server.url.chop(1);
    }
}

QString NotaryClient::tufPath() const
{
    return QStringLiteral("/v2/%1/_trust/tuf/").arg(m_gun);
}

QString NotaryClient::location(const QString &file) const
{
    return m_server.url + tufPath() + file;
}

Result<HttpResponse> NotaryClient::send(HttpRequest request, const CancelToken &cancel)
{
    HttpTarget target;
    target.baseUrl = m_server.url;
    target.tls.caFile = m_server.caFile;
    target.tls.verify = true;
    auto response = performHttp(target, request, cancel);
    if (!response) {
        Error error = response.error();
        if (error.kind == ErrorKind::Unreachable || error.kind == ErrorKind::Timeout) {
            error.message = QStringLiteral("Error contacting the Notary server %1: %2")
                                .arg(m_server.url, error.message);
            error.hint =
                QStringLiteral("Check that it runs (drydock labenv status for the lab's), or "
                               "choose another with --trust-server.");
        } else if (error.kind == ErrorKind::Refused &&
                   error.message.startsWith(QLatin1String("TLS"))) {
            error.hint =
                m_server.caFile.isEmpty()
                    ? QStringLiteral(
                          "Give the CA that signed the server's certificate with --ca-file.")
                    : QStringLiteral(
                          "Check that %1 is the CA that signed the server's certificate.")
                          .arg(m_server.caFile);
        }
        return error;
    }
    return response;
}

Result<QByteArray> NotaryClient::fetch(const QString &file, qint64 maxBytes,
                                       const CancelToken &cancel)
{
    HttpRequest request;
    request.path = tufPath() + file;
    request.maxBodyBytes = maxBytes;
    request.timeoutMs = 30000;
    auto response = send(request, cancel);
    if (!response) {
        return response.error();
    }
    if (response->status == 200) {
        return response->body;
    }
    Error error = makeError(
        ErrorKind::Refused,
        QStringLiteral("The Notary server answered HTTP %1 for %2%3.")
            .arg(response->status)
            .arg(location(file))
            .arg(notaryErrorCode(response->body).isEmpty()
                     ? QString()
                     : QStringLiteral(" (") + notaryErrorCode(response->body) + QLatin1Char(')')));
    error.httpStatus = response->status;
    return error;
}

Result<void> NotaryClient::health(const CancelToken &cancel)
{
    HttpRequest request;
    request.path = QStringLiteral("/_notary_server/health");
    request.timeoutMs = 5000;
    request.connectTimeoutMs = 2000;
    auto response = send(request, cancel);
    if (!response) {
        return response.error();
    }
    if (response->status != 200) {
        return makeError(ErrorKind::Refused,
                         QStringLiteral("The Notary server %1 reports itself unhealthy (HTTP %2).")
                             .arg(m_server.url)
                             .arg(response->status));
    }
    return {};
}

Result<PublicKey> NotaryClient::serverKey(const QString &roleName, const CancelToken &cancel)
{
    HttpRequest request;
    request.path = tufPath() + roleName + QStringLiteral(".key");
    request.maxBodyBytes = 64 * 1024;
    auto response = send(request, cancel);
    if (!response) {
        return response.error();
    }
    if (response->status != 200) {
        return makeError(ErrorKind::Refused,
                         QStringLiteral("The Notary server would not give its %1 key "
                                        "for %2 (HTTP %3).")
                             .arg(roleName, m_gun)
                             .arg(response->status));
    }
    auto doc = parseJson(response->body, QStringLiteral("The %1 key").arg(roleName));
    if (!doc) {
        return doc.error();
    }
    return parsePublicKey(*doc, QStringLiteral("the server holds for %1").arg(roleName));
}

Result<void> NotaryClient::publish(const QList<QPair<QString, QByteArray>> &files,
                                   const CancelToken &cancel)
{
    const QByteArray boundary = "drydock-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    QByteArray body;
    for (const auto &[roleName, bytes] : files) {
        body += "--" + boundary + "\r\n";
        body += "Content-Disposition: form-data; name=\"files\"; filename=\"" + roleName.toUtf8() +
                ".json\"\r\n";
        body += "Content-Type: application/octet-stream\r\n\r\n";
        body += bytes;
        body += "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    HttpRequest request;
    request.method = "POST";
    request.path = tufPath();
    request.body = body;
    request.headers.append({"Content-Type", "multipart/form-data; boundary=" + boundary});
    auto response = send(request, cancel);
    if (!response) {
        return response.error();
    }
    if (response->status != 200) {
        Error error =
            makeError(ErrorKind::Refused,
                      QStringLiteral("The Notary server refused the signed metadata for %1 "
                                     "(HTTP %2): %3")
                          .arg(m_gun)
                          .arg(response->status)
                          .arg(QString::fromUtf8(response->body.left(400))));
        error.httpStatus = response->status;
        return error;
    }
    return {};
}

Result<QByteArray> SavedMetadata::fetch(const QString &file, qint64 maxBytes, const CancelToken &)
{
    if (!m_saved.files.contains(file) || m_saved.files.value(file).size() > maxBytes) {
        Error error =
            makeError(ErrorKind::Untrusted,
                      QStringLiteral("The trust store holds no saved copy of %1.").arg(file));
        error.httpStatus = 404;
        return error;
    }
    return m_saved.files.value(file);
}

QString SavedMetadata::location(const QString &file) const
{
    return QStringLiteral("the trust store's copy of %1 (saved %2 from %3)")
        .arg(file, m_saved.verifiedAt.toString(Qt::ISODate), m_saved.server);
}

} // namespace drydock::trust
