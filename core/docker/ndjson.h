// SPDX-License-Identifier: GPL-3.0-or-later
// Splits a byte stream of newline-delimited JSON into documents, whatever
// the chunk boundaries.
#pragma once

#include "util/result.h"

#include <QByteArray>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

namespace drydock::docker {

class NdjsonSplitter
{
public:
    using Handler = std::function<bool(const nlohmann::json &)>;

    explicit NdjsonSplitter(Handler handler, qsizetype maxLineBytes = 4 * 1024 * 1024);

    // Feeds a chunk; returns false when the handler asked to stop or a
    // line was malformed or too long (see error()). After that, nothing
    // more reaches the handler.
    bool feed(const QByteArray &chunk);
    // Call at the end of the stream: a last line without newline is parsed.
    bool finish();

    bool failed() const { return m_error.has_value(); }
    bool stopped() const { return m_stopped; } // the handler returned false
    const Error &error() const { return *m_error; }

private:
    bool takeLine(const QByteArray &line);
    void setTooLong();

    Handler m_handler;
    qsizetype m_maxLineBytes = 0;
    QByteArray m_pending;
    std::optional<Error> m_error;
    bool m_stopped = false;
};

} // namespace drydock::docker
