// SPDX-License-Identifier: GPL-3.0-or-later
// The position-tracking JSON parser behind the lab validator.
#include "jsonlocator.h"

#include <charconv>
#include <cstdint>
#include <string>

namespace drydock::labs {

namespace {

// Raised inside the parser only; parseLocatedJson() turns it into a
// JsonSyntaxError, so nothing escapes.
struct ParseFailure
{
    SourcePos pos;
    QString message;
};

class Parser
{
public:
    Parser(const QByteArray &text, int maxDepth, LocatedJson &out)
        : m_data(text.constData()), m_size(text.size()), m_maxDepth(maxDepth), m_out(out)
    {}

    nlohmann::json parseDocument()
    {
        // A UTF-8 byte order mark is tolerated, as editors on some systems write one.
        if (m_size >= 3 && static_cast<unsigned char>(m_data[0]) == 0xEF &&
            static_cast<unsigned char>(m_data[1]) == 0xBB &&
            static_cast<unsigned char>(m_data[2]) == 0xBF) {
            m_offset = 3;
        }
        skipSpace();
        if (atEnd()) {
            fail(QStringLiteral("the file is empty; a lab is one JSON object"));
        }
        nlohmann::json value = parseValue(QString(), 0);
        skipSpace();
        if (!atEnd()) {
            fail(QStringLiteral("unexpected %1 after the end of the JSON value")
                     .arg(describeHere()));
        }
        return value;
    }

private:
    bool atEnd() const { return m_offset >= m_size; }
    char peek() const { return atEnd() ? '\0' : m_data[m_offset]; }
    SourcePos here() const { return {m_line, m_column}; }

    void advance()
    {
        const auto byte = static_cast<unsigned char>(m_data[m_offset]);
        ++m_offset;
        if (byte == '\n') {
            ++m_line;
            m_column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            // Continuation bytes belong to the character already counted.
            ++m_column;
        }
    }

    [[noreturn]] void fail(const QString &message) const { throw ParseFailure{here(), message}; }
    [[noreturn]] void failAt(SourcePos pos, const QString &message) const
    {
        throw ParseFailure{pos, message};
    }

    QString describeHere() const
    {
        if (atEnd()) {
            return QStringLiteral("end of file");
        }
        const char c = peek();
        if (c >= 0x20 && c < 0x7F) {
            return QStringLiteral("'%1'").arg(QLatin1Char(c));
        }
        return QStringLiteral("byte 0x%1")
            .arg(static_cast<unsigned char>(c), 2, 16, QLatin1Char('0'));
    }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                advance();
            } else {
                break;
            }
        }
    }

    void expectLiteral(const char *literal)
    {
        const SourcePos start = here();
        for (const char *p = literal; *p != '\0'; ++p) {
            if (peek() != *p) {
                failAt(start,
                       QStringLiteral("invalid literal; expected %1").arg(QLatin1String(literal)));
            }
            advance();
        }
    }

    nlohmann::json parseValue(const QString &pointer, int depth)
    {
        m_out.valuePositions.insert(pointer, here());
        switch (peek()) {
        case '{':
            return parseObject(pointer, depth);
        case '[':
            return parseArray(pointer, depth);
        case '"':
            return nlohmann::json(parseString());
        case 't':
            expectLiteral("true");
            return nlohmann::json(true);
        case 'f':
            expectLiteral("false");
            return nlohmann::json(false);
        case 'n':
            expectLiteral("null");
            return nlohmann::json(nullptr);
        default:
            break;
        }
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
            return parseNumber();
        }
        fail(QStringLiteral("expected a value, found %1").arg(describeHere()));
    }

    void enter(int depth) const
    {
        if (depth >= m_maxDepth) {
            fail(QStringLiteral("nesting deeper than %1 levels").arg(m_maxDepth));
        }
    }

    nlohmann::json parseObject(const QString &pointer, int depth)
    {
        enter(depth);
        advance(); // '{'
        nlohmann::json object = nlohmann::json::object();
        skipSpace();
        if (peek() == '}') {
            advance();
            return object;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                fail(QStringLiteral("expected a field name in double quotes, found %1")
                         .arg(describeHere()));
            }
            const SourcePos keyPos = here();
            const std::string key = parseString();
            const QString childPointer = pointerChild(pointer, QString::fromStdString(key));
            skipSpace();
            if (peek() != ':') {
                fail(QStringLiteral("expected ':' after the field name, found %1")
                         .arg(describeHere()));
            }
            advance();
            skipSpace();
            const bool duplicate = object.contains(key);
            if (duplicate) {
                m_out.duplicateKeys.append({childPointer, keyPos});
            } else {
                m_out.keyPositions.insert(childPointer, keyPos);
            }
            const SourcePos firstValuePos = m_out.valuePositions.value(childPointer);
            nlohmann::json child = parseValue(childPointer, depth + 1);
            if (duplicate) {
                // Errors about the member point at its first occurrence, which is the one kept.
                m_out.valuePositions.insert(childPointer, firstValuePos);
            } else {
                object[key] = std::move(child);
            }
            skipSpace();
            if (peek() == ',') {
                advance();
                continue;
            }
            if (peek() == '}') {
                advance();
                return object;
            }
            fail(QStringLiteral("expected ',' or '}' after a field, found %1").arg(describeHere()));
        }
    }

    nlohmann::json parseArray(const QString &pointer, int depth)
    {
        enter(depth);
        advance(); // '['
        nlohmann::json array = nlohmann::json::array();
        skipSpace();
        if (peek() == ']') {
            advance();
            return array;
        }
        int index = 0;
        while (true) {
            skipSpace();
            array.push_back(parseValue(pointerChild(pointer, index), depth + 1));
            ++index;
            skipSpace();
            if (peek() == ',') {
                advance();
                continue;
            }
            if (peek() == ']') {
                advance();
                return array;
            }
            fail(QStringLiteral("expected ',' or ']' in a list, found %1").arg(describeHere()));
        }
    }

    unsigned hexDigit()
    {
        const char c = peek();
        unsigned v = 0;
        if (c >= '0' && c <= '9') {
            v = unsigned(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v = unsigned(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v = unsigned(c - 'A' + 10);
        } else {
            fail(QStringLiteral("expected a hexadecimal digit in a \\u escape"));
        }
        advance();
        return v;
    }

    unsigned parseHex4()
    {
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            v = (v << 4) | hexDigit();
        }
        return v;
    }

    static void appendUtf8(std::string &s, std::uint32_t cp)
    {
        if (cp < 0x80) {
            s.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            s.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }

    // Copies one UTF-8 encoded character, refusing malformed sequences,
    // overlong forms and surrogates.
    void copyUtf8Char(std::string &s)
    {
        const SourcePos start = here();
        const auto lead = static_cast<unsigned char>(peek());
        int extra = 0;
        std::uint32_t cp = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            extra = 1;
            cp = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            extra = 2;
            cp = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            extra = 3;
            cp = lead & 0x07;
        } else {
            failAt(start, QStringLiteral("invalid UTF-8 in a string"));
        }
        s.push_back(static_cast<char>(lead));
        advance();
        for (int i = 0; i < extra; ++i) {
            const auto byte = static_cast<unsigned char>(peek());
            if (atEnd() || (byte & 0xC0) != 0x80) {
                failAt(start, QStringLiteral("invalid UTF-8 in a string"));
            }
            cp = (cp << 6) | (byte & 0x3F);
            s.push_back(static_cast<char>(byte));
            advance();
        }
        const bool overlong = (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
        if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
            failAt(start, QStringLiteral("invalid UTF-8 in a string"));
        }
    }

    std::string parseString()
    {
        const SourcePos start = here();
        advance(); // opening quote
        std::string s;
        while (true) {
            if (atEnd()) {
                failAt(start, QStringLiteral("string not closed before the end of the file"));
            }
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                advance();
                return s;
            }
            if (c < 0x20) {
                fail(QStringLiteral("control character in a string (write it as an escape, "
                                    "such as \\n)"));
            }
            if (c == '\\') {
                advance();
                const char e = peek();
                switch (e) {
                case '"':
                case '\\':
                case '/':
                    s.push_back(e);
                    break;
                case 'b':
                    s.push_back('\b');
                    break;
                case 'f':
                    s.push_back('\f');
                    break;
                case 'n':
                    s.push_back('\n');
                    break;
                case 'r':
                    s.push_back('\r');
                    break;
                case 't':
                    s.push_back('\t');
                    break;
                case 'u': {
                    advance();
                    std::uint32_t cp = parseHex4();
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (peek() != '\\') {
                            fail(QStringLiteral("lone UTF-16 surrogate in a \\u escape"));
                        }
                        advance();
                        if (peek() != 'u') {
                            fail(QStringLiteral("lone UTF-16 surrogate in a \\u escape"));
                        }
                        advance();
                        const std::uint32_t low = parseHex4();
                        if (low < 0xDC00 || low > 0xDFFF) {
                            fail(QStringLiteral("lone UTF-16 surrogate in a \\u escape"));
                        }
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        fail(QStringLiteral("lone UTF-16 surrogate in a \\u escape"));
                    }
                    appendUtf8(s, cp);
                    continue; // parseHex4 already advanced
                }
                default:
                    fail(QStringLiteral("unknown escape sequence \\%1 in a string")
                             .arg(describeHere()));
                }
                advance();
                continue;
            }
            if (c < 0x80) {
                s.push_back(static_cast<char>(c));
                advance();
            } else {
                copyUtf8Char(s);
            }
        }
    }

    nlohmann::json parseNumber()
    {
        const SourcePos start = here();
        const qsizetype begin = m_offset;
        bool integral = true;
        if (peek() == '-') {
            advance();
        }
        if (peek() == '0') {
            advance();
        } else if (peek() >= '1' && peek() <= '9') {
            while (peek() >= '0' && peek() <= '9') {
                advance();
            }
        } else {
            failAt(start, QStringLiteral("invalid number"));
        }
        if (peek() == '.') {
            integral = false;
            advance();
            if (!(peek() >= '0' && peek() <= '9')) {
                failAt(start, QStringLiteral("invalid number: digits must follow '.'"));
            }
            while (peek() >= '0' && peek() <= '9') {
                advance();
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            advance();
            if (peek() == '+' || peek() == '-') {
                advance();
            }
            if (!(peek() >= '0' && peek() <= '9')) {
                failAt(start, QStringLiteral("invalid number: digits must follow the exponent"));
            }
            while (peek() >= '0' && peek() <= '9') {
                advance();
            }
        }
        const char *first = m_data + begin;
        const char *last = m_data + m_offset;
        if (integral) {
            std::int64_t v = 0;
            const auto r = std::from_chars(first, last, v);
            if (r.ec == std::errc() && r.ptr == last) {
                return nlohmann::json(v);
            }
        }
        // from_chars, unlike strtod, ignores the C locale that Qt sets.
        double d = 0;
        const auto r = std::from_chars(first, last, d);
        if (r.ec != std::errc() || r.ptr != last) {
            failAt(start, QStringLiteral("number out of range"));
        }
        return nlohmann::json(d);
    }

    const char *m_data = nullptr;
    qsizetype m_size = 0;
    qsizetype m_offset = 0;
    int m_line = 1;
    int m_column = 1;
    int m_maxDepth = 64;
    LocatedJson &m_out;
};

QString escapeToken(const QString &key)
{
    QString escaped = key;
    escaped.replace(QLatin1Char('~'), QLatin1String("~0"));
    escaped.replace(QLatin1Char('/'), QLatin1String("~1"));
    return escaped;
}

} // namespace

LocatedJson parseLocatedJson(const QByteArray &text, int maxDepth)
{
    LocatedJson located;
    Parser parser(text, maxDepth, located);
    try {
        located.value = parser.parseDocument();
    } catch (const ParseFailure &failure) {
        located.value = nlohmann::json();
        located.syntaxError = JsonSyntaxError{failure.pos, failure.message};
    }
    return located;
}

SourcePos LocatedJson::valuePos(const QString &pointer) const
{
    QString p = pointer;
    while (true) {
        const auto it = valuePositions.constFind(p);
        if (it != valuePositions.constEnd()) {
            return *it;
        }
        if (p.isEmpty()) {
            return {1, 1};
        }
        p = pointerParent(p);
    }
}

SourcePos LocatedJson::keyPos(const QString &pointer) const
{
    const auto it = keyPositions.constFind(pointer);
    return it != keyPositions.constEnd() ? *it : valuePos(pointer);
}

QString pointerChild(const QString &pointer, const QString &key)
{
    return pointer + QLatin1Char('/') + escapeToken(key);
}

QString pointerChild(const QString &pointer, int index)
{
    return pointer + QLatin1Char('/') + QString::number(index);
}

QString pointerParent(const QString &pointer)
{
    const qsizetype slash = pointer.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QString() : pointer.left(slash);
}

QString displayPath(const QString &pointer)
{
    if (pointer.isEmpty()) {
        return QStringLiteral("(top level)");
    }
    QString out;
    const QStringList tokens = pointer.mid(1).split(QLatin1Char('/'));
    for (const QString &raw : tokens) {
        QString token = raw;
        token.replace(QLatin1String("~1"), QLatin1String("/"));
        token.replace(QLatin1String("~0"), QLatin1String("~"));
        bool isIndex = false;
        token.toInt(&isIndex);
        if (isIndex && !token.isEmpty() && token.at(0).isDigit()) {
            out += QLatin1Char('[') + token + QLatin1Char(']');
        } else if (out.isEmpty()) {
            out = token;
        } else {
            out += QLatin1Char('.') + token;
        }
    }
    return out;
}

} // namespace drydock::labs
