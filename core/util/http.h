// SPDX-License-Identifier: GPL-3.0-or-later
// One HTTP exchange over libcurl: a unix socket, plain TCP or TLS. Blocking;
// run it on a worker thread. Used for the engine, registries and notary.
#pragma once

#include "cancel.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

#include <functional>

namespace drydock {

struct TlsFiles
{
    QString caFile;   // trust anchors; empty = the system store
    QString certFile; // client certificate, optional
    QString keyFile;
    bool verify = true; // off only when the user explicitly asked for it
};

// Where requests go. For a unix socket, baseUrl is "http://localhost".
struct HttpTarget
{
    QString unixSocket;
    QString baseUrl;
    TlsFiles tls;
};

struct HttpRequest
{
    QByteArray method = "GET";
    QString path; // appended to baseUrl, with its query string
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    int connectTimeoutMs = 5000;
    int timeoutMs = 30000;  // whole exchange; 0 = no deadline (streams)
    int stallTimeoutMs = 0; // abort when no byte arrives for this long; 0 = never
    qint64 maxBodyBytes = 64LL * 1024 * 1024;

    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append(qMakePair(name, value));
    }
};

struct HttpResponse
{
    int status = 0;
    QMap<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body; // empty when a chunk handler took the data (2xx answers only)

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

// Receives the body of a 2xx answer as it arrives; return false to stop the
// transfer. Other answers' bodies land in HttpResponse::body.
using ChunkHandler = std::function<bool(const QByteArray &chunk)>;

// Performs the request. Transport failures, deadlines, cancellation and an
// oversized body come back as errors; any HTTP status is a response.
Result<HttpResponse> performHttp(const HttpTarget &target, const HttpRequest &request,
                                 const CancelToken &cancel = {}, const ChunkHandler &onChunk = {});

// Percent-encodes one query value or path segment.
QString urlEncode(const QString &value);

} // namespace drydock
