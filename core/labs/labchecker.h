// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the loader: collects diagnostics while walking a lab document
// and checks objects against field tables. Not used outside core/labs.
#pragma once

#include "jsonlocator.h"
#include "labloader.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>

namespace drydock::labs::detail {

enum class Kind { String, Integer, Number, Boolean, Object, Array, Any };

struct Field
{
    const char *name;
    Kind kind;
    bool required = false;
};

class Checker
{
public:
    Checker(const LocatedJson &doc, QString fileName, QString folder);

    // At the value; with atKey, at the member's key (unknown or repeated fields).
    void error(const QString &pointer, const QString &message, bool atKey = false);
    void errorAt(SourcePos pos, const QString &pointer, const QString &message);

    // Checks that `value` is an object with only the listed fields, each of
    // its kind, and the required ones present. `what` names the object in
    // messages ("a runContainer action"). Returns false when it is no object.
    bool object(const QString &pointer, const nlohmann::json &value, const QString &what,
                std::initializer_list<Field> fields);
    bool object(const QString &pointer, const nlohmann::json &value, const QString &what,
                const QList<Field> &fields);

    // Readers for fields object() has type-checked; a missing or mistyped
    // field reads as the fallback (its error is already reported).
    static QString string(const nlohmann::json &object, const char *key);
    static bool boolean(const nlohmann::json &object, const char *key, bool fallback = false);
    static std::optional<qint64> integer(const nlohmann::json &object, const char *key);
    // Every item must be a string; reports those that are not.
    QStringList stringList(const QString &pointer, const nlohmann::json &object, const char *key);
    // A string field that must be non-empty when present.
    QString nonEmpty(const QString &pointer, const nlohmann::json &object, const char *key);
    // A string field checked against a regular expression; `rule` says in
    // words what it must look like.
    QString matching(const QString &pointer, const nlohmann::json &object, const char *key,
                     const QString &pattern, const QString &rule);
    // A string field whose value must be one of `allowed`.
    QString oneOf(const QString &pointer, const nlohmann::json &object, const char *key,
                  const QStringList &allowed, const QString &what);

    const LocatedJson &doc() const { return m_doc; }
    const QString &folder() const { return m_folder; }
    const QList<LabDiagnostic> &diagnostics() const { return m_diagnostics; }
    QList<LabDiagnostic> takeDiagnostics() { return std::move(m_diagnostics); }

private:
    const LocatedJson &m_doc;
    QString m_fileName;
    QString m_folder;
    QList<LabDiagnostic> m_diagnostics;
};

QString kindName(Kind kind);
QString jsonTypeName(const nlohmann::json &value);
bool hasKind(const nlohmann::json &value, Kind kind);
// The closest of `candidates` to `word` when it is a plausible typo.
QString suggestion(const QString &word, const QStringList &candidates);
QString qs(const std::string &s);

// Walkers for the two vocabularies; they report into the checker and
// return what they could build.
std::optional<Action> parseAction(Checker &checker, const QString &pointer,
                                  const nlohmann::json &value);
std::optional<Predicate> parsePredicate(Checker &checker, const QString &pointer,
                                        const nlohmann::json &value, int depth = 0);

// Durations ("500ms", "10s", "2m", "1h") in nanoseconds; sizes ("64m",
// "1g", 1048576) in bytes.
std::optional<qint64> parseDuration(const QString &text);
std::optional<qint64> parseByteSize(const nlohmann::json &value);

} // namespace drydock::labs::detail
