// SPDX-License-Identifier: GPL-3.0-or-later
// Canonical JSON serialisation and a JSON parser that never throws.
#include "canonicaljson.h"

#include <algorithm>
#include <string>
#include <vector>

namespace drydock::trust {

namespace {

void appendString(std::string &out, const std::string &text)
{
    out.push_back('"');
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
        }
        out.push_back(c);
    }
    out.push_back('"');
}

bool appendValue(std::string &out, const nlohmann::json &value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null:
        out += "null";
        return true;
    case nlohmann::json::value_t::boolean:
        out += value.get<bool>() ? "true" : "false";
        return true;
    case nlohmann::json::value_t::number_integer:
        out += std::to_string(value.get<std::int64_t>());
        return true;
    case nlohmann::json::value_t::number_unsigned:
        out += std::to_string(value.get<std::uint64_t>());
        return true;
    case nlohmann::json::value_t::string:
        appendString(out, value.get_ref<const std::string &>());
        return true;
    case nlohmann::json::value_t::array: {
        out.push_back('[');
        bool first = true;
        for (const auto &item : value) {
            if (!first) {
                out.push_back(',');
            }
            first = false;
            if (!appendValue(out, item)) {
                return false;
            }
        }
        out.push_back(']');
        return true;
    }
    case nlohmann::json::value_t::object: {
        // nlohmann keeps objects in a std::map already, but the order that
        // signatures depend on is spelled out here rather than inherited.
        std::vector<const std::string *> keys;
        keys.reserve(value.size());
        for (const auto &item : value.items()) {
            keys.push_back(&item.key());
        }
        std::sort(keys.begin(), keys.end(), [](const std::string *a, const std::string *b) {
            return std::lexicographical_compare(
                a->begin(), a->end(), b->begin(), b->end(), [](char x, char y) {
                    return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
                });
        });
        out.push_back('{');
        bool first = true;
        for (const std::string *key : keys) {
            if (!first) {
                out.push_back(',');
            }
            first = false;
            appendString(out, *key);
            out.push_back(':');
            if (!appendValue(out, value.at(*key))) {
                return false;
            }
        }
        out.push_back('}');
        return true;
    }
    case nlohmann::json::value_t::number_float:
    case nlohmann::json::value_t::binary:
    case nlohmann::json::value_t::discarded:
        break;
    }
    return false;
}

} // namespace

Result<QByteArray> canonicalJson(const nlohmann::json &value)
{
    std::string out;
    if (!appendValue(out, value)) {
        return makeError(ErrorKind::Protocol,
                         QStringLiteral("The document holds a value canonical JSON cannot express "
                                        "(a fractional number); its signature cannot be checked."));
    }
    return QByteArray::fromStdString(out);
}

Result<nlohmann::json> parseJson(const QByteArray &text, const QString &what)
{
    try {
        return nlohmann::json::parse(text.constBegin(), text.constEnd());
    } catch (const nlohmann::json::exception &e) {
        return makeError(
            ErrorKind::Protocol,
            QStringLiteral("%1 is not valid JSON: %2").arg(what, QString::fromUtf8(e.what())));
    }
}

} // namespace drydock::trust
