// SPDX-License-Identifier: GPL-3.0-or-later
#include "http.h"

#include "logging.h"

#include <QElapsedTimer>
#include <QUrl>

#include <curl/curl.h>

#include <cerrno>
#include <memory>
#include <mutex>

namespace drydock {

namespace {

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Exchange
{
    const HttpRequest *request = nullptr;
    const ChunkHandler *onChunk = nullptr;
    CancelToken cancel;
    HttpResponse response;
    qint64 received = 0;
    bool oversized = false;
    bool stoppedByHandler = false;
    bool stalled = false;
    int status = 0; // from the latest status line
    QElapsedTimer sinceLastByte;
};

size_t onBody(char *data, size_t size, size_t count, void *user)
{
    auto *ex = static_cast<Exchange *>(user);
    const size_t bytes = size * count;
    ex->sinceLastByte.restart();
    ex->received += qint64(bytes);
    const QByteArray chunk(data, qsizetype(bytes));
    // Only a successful answer is streamed; an error answer's body is kept
    // whole for the caller to quote, so a stream's parser never sees it.
    if (ex->onChunk && *ex->onChunk && ex->status / 100 == 2) {
        if (!(*ex->onChunk)(chunk)) {
            ex->stoppedByHandler = true;
            return 0;
        }
        return bytes;
    }
    if (ex->received > ex->request->maxBodyBytes) {
        ex->oversized = true;
        return 0;
    }
    ex->response.body.append(chunk);
    return bytes;
}

size_t onHeader(char *data, size_t size, size_t count, void *user)
{
    auto *ex = static_cast<Exchange *>(user);
    const size_t bytes = size * count;
    const QByteArray line = QByteArray(data, qsizetype(bytes)).trimmed();
    if (line.startsWith("HTTP/")) {
        // A new status line (after a redirect or 100-continue) starts afresh.
        ex->response.headers.clear();
        ex->status = line.split(' ').value(1).toInt();
        return bytes;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0) {
        ex->response.headers.insert(line.left(colon).trimmed().toLower(),
                                    line.mid(colon + 1).trimmed());
    }
    return bytes;
}

int onProgress(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto *ex = static_cast<Exchange *>(user);
    if (ex->cancel.isCancelled()) {
        return 1;
    }
    const int stall = ex->request->stallTimeoutMs;
    if (stall > 0 && ex->sinceLastByte.elapsed() > stall) {
        ex->stalled = true;
        return 1;
    }
    return 0;
}

QString describeTarget(const HttpTarget &target)
{
    return target.unixSocket.isEmpty() ? target.baseUrl : target.unixSocket;
}

Error transportError(CURLcode code, const HttpTarget &target, const Exchange &ex,
                     const char *detail, long osErrno)
{
    const QString where = describeTarget(target);
    const QString curlText = QString::fromUtf8(detail[0] ? detail : curl_easy_strerror(code));
    if (ex.oversized) {
        return makeError(
            ErrorKind::Protocol,
            QStringLiteral("The answer from %1 was larger than %2 MiB; it was not read.")
                .arg(where)
                .arg(ex.request->maxBodyBytes / (1024 * 1024)));
    }
    if (ex.stalled) {
        return makeError(ErrorKind::Timeout, QStringLiteral("%1 stopped sending data for %2 s.")
                                                 .arg(where)
                                                 .arg(ex.request->stallTimeoutMs / 1000.0));
    }
    switch (code) {
    case CURLE_ABORTED_BY_CALLBACK:
        return makeError(ErrorKind::Cancelled, QStringLiteral("Cancelled."));
    case CURLE_OPERATION_TIMEDOUT:
        return makeError(ErrorKind::Timeout,
                         QStringLiteral("%1 did not answer in time (%2).").arg(where, curlText));
    case CURLE_COULDNT_CONNECT:
        if (!target.unixSocket.isEmpty()) {
            if (osErrno == EACCES) {
                return makeError(
                    ErrorKind::Refused, QStringLiteral("Permission denied on %1.").arg(where),
                    QStringLiteral("Add your user to the docker group "
                                   "(sudo usermod -aG docker $USER) and log in again."));
            }
            if (osErrno == ENOENT) {
                return makeError(ErrorKind::Unreachable,
                                 QStringLiteral("No engine socket at %1.").arg(where),
                                 QStringLiteral("Start the Docker daemon, or point DOCKER_HOST at "
                                                "the right socket."));
            }
            return makeError(
                ErrorKind::Unreachable,
                QStringLiteral("Nothing is listening on %1 (connection refused).").arg(where),
                QStringLiteral("Start the Docker daemon."));
        }
        return makeError(ErrorKind::Unreachable,
                         QStringLiteral("Cannot connect to %1: %2.").arg(where, curlText));
    case CURLE_COULDNT_RESOLVE_HOST:
        return makeError(ErrorKind::Unreachable,
                         QStringLiteral("Cannot resolve the host of %1.").arg(where));
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CIPHER:
        return makeError(ErrorKind::Refused,
                         QStringLiteral("TLS with %1 failed: %2.").arg(where, curlText),
                         QStringLiteral("Check the CA and client certificate files."));
    case CURLE_PARTIAL_FILE:
        return makeError(
            ErrorKind::Protocol,
            QStringLiteral("The answer from %1 was cut short: %2.").arg(where, curlText));
    // The scheme is always http(s), so an "unsupported protocol" is the
    // server's reply: libcurl calls an answer without a status line HTTP/0.9.
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
        return makeError(
            ErrorKind::Protocol,
            QStringLiteral("%1 sent an answer that is not HTTP: %2.").arg(where, curlText));
    default:
        return makeError(ErrorKind::Unreachable,
                         QStringLiteral("Request to %1 failed: %2.").arg(where, curlText));
    }
}

struct CurlDeleter
{
    void operator()(CURL *handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter
{
    void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};

} // namespace

QString urlEncode(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

Result<HttpResponse> performHttp(const HttpTarget &target, const HttpRequest &request,
                                 const CancelToken &cancel, const ChunkHandler &onChunk)
{
    initCurlOnce();
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) {
        return makeError(ErrorKind::Internal, QStringLiteral("libcurl could not start."));
    }
    CURL *h = curl.get();
    Exchange ex;
    ex.request = &request;
    ex.onChunk = &onChunk;
    ex.cancel = cancel;
    ex.sinceLastByte.start();

    const QByteArray url = (target.baseUrl + request.path).toUtf8();
    char errorBuffer[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(h, CURLOPT_URL, url.constData());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    if (!target.unixSocket.isEmpty()) {
        const QByteArray socket = target.unixSocket.toUtf8();
        curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, socket.constData());
    }
    const QByteArray caFile = target.tls.caFile.toUtf8();
    const QByteArray certFile = target.tls.certFile.toUtf8();
    const QByteArray keyFile = target.tls.keyFile.toUtf8();
    if (!caFile.isEmpty()) {
        curl_easy_setopt(h, CURLOPT_CAINFO, caFile.constData());
    }
    if (!certFile.isEmpty()) {
        curl_easy_setopt(h, CURLOPT_SSLCERT, certFile.constData());
        curl_easy_setopt(h, CURLOPT_SSLKEY, keyFile.constData());
    }
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, target.tls.verify ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, target.tls.verify ? 2L : 0L);

    const QByteArray method = request.method.toUpper();
    if (method == "HEAD") {
        curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    } else if (method != "GET") {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.constData());
    }
    if (method == "POST" || method == "PUT" || !request.body.isEmpty()) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.constData());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
    }

    std::unique_ptr<curl_slist, SlistDeleter> headers;
    curl_slist *list = nullptr;
    for (const auto &[name, value] : request.headers) {
        const QByteArray line = name + ": " + value;
        list = curl_slist_append(list, line.constData());
    }
    // libcurl's default "Expect: 100-continue" stalls some servers.
    list = curl_slist_append(list, "Expect:");
    headers.reset(list);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);

    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, long(request.connectTimeoutMs));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, long(request.timeoutMs));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &ex);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &ex);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &ex);

    const CURLcode code = curl_easy_perform(h);
    if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && ex.stoppedByHandler)) {
        long osErrno = 0;
        curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &osErrno);
        const Error error = transportError(code, target, ex, errorBuffer, osErrno);
        qCDebug(lcHttp) << method << request.path << "failed:" << error.message;
        return error;
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    ex.response.status = int(status);
    qCDebug(lcHttp) << method << request.path << "->" << status;
    return std::move(ex.response);
}

} // namespace drydock
