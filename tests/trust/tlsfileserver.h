// SPDX-License-Identifier: GPL-3.0-or-later
// A tiny HTTPS server on 127.0.0.1 for the trust tests: it serves whatever
// documents a test hands it (saved or altered Notary metadata), with a CA
// and certificate made in memory.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

namespace drydock::trust::test {

class TlsFileServer
{
public:
    TlsFileServer();
    ~TlsFileServer();

    // Makes the CA and localhost certificate, binds a free port, starts
    // the serving thread. Returns an empty string or what went wrong.
    QString start();
    void stop();

    QString url() const; // https://localhost:<port>
    QString caFile() const;

    // `path` as requested, e.g. "/v2/<gun>/_trust/tuf/root.json".
    void serve(const QString &path, const QByteArray &body, int status = 200);
    // Like serve(), with extra response headers ("Name: value" lines), and
    // answered only to a request whose Authorization header equals
    // `authorization` (others get `denied`).
    void serveGuarded(const QString &path, const QByteArray &body, const QByteArray &authorization,
                      const QByteArray &deniedHeaders);
    void serveWithHeaders(const QString &path, const QByteArray &body, const QByteArray &headers);
    void remove(const QString &path);
    void clear();
    QStringList requests() const;

private:
    struct Page
    {
        int status = 200;
        QByteArray body;
        QByteArray headers;       // extra "Name: value\r\n" lines
        QByteArray authorization; // required Authorization value, if any
        QByteArray deniedHeaders; // sent with the 401 when it is missing
    };
    void loop();
    void handle(int client);

    QTemporaryDir m_dir;
    int m_listen = -1;
    int m_port = 0;
    int m_wake[2] = {-1, -1};
    void *m_ctx = nullptr; // SSL_CTX
    std::thread m_thread;
    std::atomic_bool m_stop = false;
    mutable std::mutex m_mutex;
    QMap<QString, Page> m_pages;
    QStringList m_requests;
};

} // namespace drydock::trust::test
