// SPDX-License-Identifier: GPL-3.0-or-later
// A small JSON parser that remembers where every value and key starts, so
// that the lab validator can point at line:column for any field.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace drydock::labs {

// 1-based line and column; the column counts characters, not bytes.
struct SourcePos
{
    int line = 0;
    int column = 0;
    bool valid() const { return line > 0; }
    bool operator==(const SourcePos &) const = default;
};

struct JsonSyntaxError
{
    SourcePos pos;
    QString message;
};

struct DuplicateKey
{
    QString pointer; // the member that appeared again
    SourcePos pos;   // where the repeated key starts
};

struct LocatedJson
{
    nlohmann::json value;
    QHash<QString, SourcePos> valuePositions; // JSON pointer -> start of the value
    QHash<QString, SourcePos> keyPositions;   // JSON pointer of a member -> start of its key
    QList<DuplicateKey> duplicateKeys;        // the first one is kept, the others listed here
    std::optional<JsonSyntaxError> syntaxError;

    bool ok() const { return !syntaxError.has_value(); }
    // Where a value starts; for a pointer that names nothing (a missing
    // field), its nearest existing ancestor.
    SourcePos valuePos(const QString &pointer) const;
    // Where a member's key starts, else valuePos().
    SourcePos keyPos(const QString &pointer) const;
};

// Parses RFC 8259 JSON. Refuses invalid UTF-8, control characters in
// strings, nesting deeper than maxDepth, and trailing content.
LocatedJson parseLocatedJson(const QByteArray &text, int maxDepth = 64);

// JSON pointer helpers (RFC 6901).
QString pointerChild(const QString &pointer, const QString &key);
QString pointerChild(const QString &pointer, int index);
QString pointerParent(const QString &pointer);
// "/steps/2/actions/0/type" -> "steps[2].actions[0].type"; "" -> "(top level)".
QString displayPath(const QString &pointer);

} // namespace drydock::labs
