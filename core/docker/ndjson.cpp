// SPDX-License-Identifier: GPL-3.0-or-later
#include "ndjson.h"

namespace drydock::docker {

NdjsonSplitter::NdjsonSplitter(Handler handler, qsizetype maxLineBytes)
    : m_handler(std::move(handler)), m_maxLineBytes(maxLineBytes)
{}

bool NdjsonSplitter::feed(const QByteArray &chunk)
{
    if (m_error || m_stopped) {
        return false;
    }
    m_pending.append(chunk);
    qsizetype start = 0;
    for (qsizetype nl = m_pending.indexOf('\n', start); nl >= 0;
         nl = m_pending.indexOf('\n', start)) {
        const QByteArray line = m_pending.mid(start, nl - start);
        start = nl + 1;
        if (!takeLine(line)) {
            m_pending.remove(0, start);
            return false;
        }
    }
    m_pending.remove(0, start);
    if (m_pending.size() > m_maxLineBytes) {
        setTooLong();
        return false;
    }
    return true;
}

void NdjsonSplitter::setTooLong()
{
    m_error =
        makeError(ErrorKind::Protocol,
                  QStringLiteral("A streamed line is longer than %1 bytes.").arg(m_maxLineBytes));
}

bool NdjsonSplitter::finish()
{
    // What is pending after the handler said stop is not delivered either.
    if (m_error || m_stopped) {
        return false;
    }
    const QByteArray rest = m_pending;
    m_pending.clear();
    return takeLine(rest);
}

bool NdjsonSplitter::takeLine(const QByteArray &raw)
{
    // The limit holds whether the line came in one chunk or in many.
    if (raw.size() > m_maxLineBytes) {
        setTooLong();
        return false;
    }
    const QByteArray line = raw.trimmed();
    if (line.isEmpty()) {
        return true;
    }
    const nlohmann::json doc = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
    if (doc.is_discarded()) {
        m_error = makeError(ErrorKind::Protocol,
                            QStringLiteral("The engine streamed a line that is not JSON: %1")
                                .arg(QString::fromUtf8(line.left(120))));
        return false;
    }
    m_stopped = !m_handler(doc);
    return !m_stopped;
}

} // namespace drydock::docker
