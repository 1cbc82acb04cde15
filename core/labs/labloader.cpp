// SPDX-License-Identifier: GPL-3.0-or-later
// The lab loader: the field-table checker, the document and step walkers,
// the needs graph, cross-references and asset containment.
#include "labloader.h"

#include "labchecker.h"
#include "util/atomicfile.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <functional>

namespace drydock::labs {

using namespace detail;
using nlohmann::json;

namespace detail {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::String:
        return QStringLiteral("a string");
    case Kind::Integer:
        return QStringLiteral("a whole number");
    case Kind::Number:
        return QStringLiteral("a number");
    case Kind::Boolean:
        return QStringLiteral("true or false");
    case Kind::Object:
        return QStringLiteral("an object");
    case Kind::Array:
        return QStringLiteral("a list");
    case Kind::Any:
        break;
    }
    return QStringLiteral("a value");
}

QString jsonTypeName(const json &value)
{
    switch (value.type()) {
    case json::value_t::string:
        return QStringLiteral("a string");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return QStringLiteral("a whole number");
    case json::value_t::number_float:
        return QStringLiteral("a number");
    case json::value_t::boolean:
        return QStringLiteral("true or false");
    case json::value_t::object:
        return QStringLiteral("an object");
    case json::value_t::array:
        return QStringLiteral("a list");
    case json::value_t::null:
        return QStringLiteral("null");
    default:
        break;
    }
    return QStringLiteral("a value");
}

bool hasKind(const json &value, Kind kind)
{
    switch (kind) {
    case Kind::String:
        return value.is_string();
    case Kind::Integer:
        return value.is_number_integer();
    case Kind::Number:
        return value.is_number();
    case Kind::Boolean:
        return value.is_boolean();
    case Kind::Object:
        return value.is_object();
    case Kind::Array:
        return value.is_array();
    case Kind::Any:
        return true;
    }
    return false;
}

// Optimal string alignment distance: insertions, deletions, substitutions
// and swaps of neighbours each cost one, so "imgae" is one away from "image".
static int editDistance(const QString &a, const QString &b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    QList<QList<int>> d(n + 1, QList<int>(m + 1, 0));
    for (qsizetype i = 0; i <= n; ++i) {
        d[i][0] = int(i);
    }
    for (qsizetype j = 0; j <= m; ++j) {
        d[0][j] = int(j);
    }
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1)) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[n][m];
}

QString suggestion(const QString &word, const QStringList &candidates)
{
    QString best;
    int bestDistance = 1 << 20;
    for (const QString &candidate : candidates) {
        const int d = editDistance(word, candidate);
        if (d < bestDistance) {
            bestDistance = d;
            best = candidate;
        }
    }
    // A third of the word's length, at least one edit, and never the whole
    // word: catches typos, not guesses ("b" is no typo of "a").
    const int limit = std::max<int>(1, int(word.size() / 3));
    return bestDistance <= limit && bestDistance < word.size() ? best : QString();
}

Checker::Checker(const LocatedJson &doc, QString fileName, QString folder)
    : m_doc(doc), m_fileName(std::move(fileName)), m_folder(std::move(folder))
{}

void Checker::error(const QString &pointer, const QString &message, bool atKey)
{
    errorAt(atKey ? m_doc.keyPos(pointer) : m_doc.valuePos(pointer), pointer, message);
}

void Checker::errorAt(SourcePos pos, const QString &pointer, const QString &message)
{
    m_diagnostics.append({m_fileName, pos, pointer, message});
}

bool Checker::object(const QString &pointer, const json &value, const QString &what,
                     std::initializer_list<Field> fields)
{
    return object(pointer, value, what, QList<Field>(fields));
}

bool Checker::object(const QString &pointer, const json &value, const QString &what,
                     const QList<Field> &fields)
{
    if (!value.is_object()) {
        error(pointer,
              QStringLiteral("%1 must be an object, found %2").arg(what, jsonTypeName(value)));
        return false;
    }
    QStringList names;
    for (const Field &field : fields) {
        names.append(QLatin1String(field.name));
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
        const QString key = qs(it.key());
        if (names.contains(key)) {
            continue;
        }
        QString message = QStringLiteral("unknown field \"%1\" in %2").arg(key, what);
        const QString close = suggestion(key, names);
        if (!close.isEmpty()) {
            message += QStringLiteral("; did you mean \"%1\"?").arg(close);
        } else {
            message += QStringLiteral("; allowed: %1").arg(names.join(QStringLiteral(", ")));
        }
        error(pointerChild(pointer, key), message, true);
    }
    for (const Field &field : fields) {
        const QString key = QLatin1String(field.name);
        const auto it = value.find(field.name);
        if (it == value.end()) {
            if (field.required) {
                error(pointer,
                      QStringLiteral("missing required field \"%1\" in %2").arg(key, what));
            }
            continue;
        }
        if (!hasKind(*it, field.kind)) {
            error(pointerChild(pointer, key),
                  QStringLiteral("\"%1\" must be %2, found %3")
                      .arg(key, kindName(field.kind), jsonTypeName(*it)));
        }
    }
    return true;
}

QString Checker::string(const json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? qs(it->get<std::string>()) : QString();
}

bool Checker::boolean(const json &object, const char *key, bool fallback)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

std::optional<qint64> Checker::integer(const json &object, const char *key)
{
    const auto it = object.find(key);
    if (it != object.end() && it->is_number_integer()) {
        return it->get<qint64>();
    }
    return std::nullopt;
}

QStringList Checker::stringList(const QString &pointer, const json &object, const char *key)
{
    QStringList out;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_array()) {
        return out;
    }
    const QString listPointer = pointerChild(pointer, QLatin1String(key));
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json &item = (*it)[i];
        if (item.is_string()) {
            out.append(qs(item.get<std::string>()));
        } else {
            error(pointerChild(listPointer, int(i)),
                  QStringLiteral("each item of \"%1\" must be a string, found %2")
                      .arg(QLatin1String(key), jsonTypeName(item)));
        }
    }
    return out;
}

QString Checker::nonEmpty(const QString &pointer, const json &object, const char *key)
{
    const QString value = string(object, key);
    if (object.contains(key) && object[key].is_string() && value.trimmed().isEmpty()) {
        error(pointerChild(pointer, QLatin1String(key)),
              QStringLiteral("\"%1\" must not be empty").arg(QLatin1String(key)));
    }
    return value;
}

QString Checker::matching(const QString &pointer, const json &object, const char *key,
                          const QString &pattern, const QString &rule)
{
    const QString value = string(object, key);
    if (!object.contains(key) || !object[key].is_string()) {
        return value;
    }
    const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
    if (!re.match(value).hasMatch()) {
        error(pointerChild(pointer, QLatin1String(key)),
              QStringLiteral("\"%1\" is not valid: %2").arg(value, rule));
    }
    return value;
}

QString Checker::oneOf(const QString &pointer, const json &object, const char *key,
                       const QStringList &allowed, const QString &what)
{
    const QString value = string(object, key);
    if (!object.contains(key) || !object[key].is_string() || allowed.contains(value)) {
        return value;
    }
    QString message = QStringLiteral("unknown %1 \"%2\"").arg(what, value);
    const QString close = suggestion(value, allowed);
    if (!close.isEmpty()) {
        message += QStringLiteral("; did you mean \"%1\"?").arg(close);
    } else {
        message += QStringLiteral("; one of: %1").arg(allowed.join(QStringLiteral(", ")));
    }
    error(pointerChild(pointer, QLatin1String(key)), message);
    return value;
}

std::optional<qint64> parseDuration(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,9})(ms|s|m|h)$"));
    const auto match = re.match(text);
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    const qint64 n = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    qint64 factor = 1000000; // ms
    if (unit == QLatin1String("s")) {
        factor = 1000000000LL;
    } else if (unit == QLatin1String("m")) {
        factor = 60LL * 1000000000LL;
    } else if (unit == QLatin1String("h")) {
        factor = 3600LL * 1000000000LL;
    }
    return n * factor;
}

std::optional<qint64> parseByteSize(const json &value)
{
    if (value.is_number_integer()) {
        const auto n = value.get<qint64>();
        return n > 0 ? std::optional<qint64>(n) : std::nullopt;
    }
    if (!value.is_string()) {
        return std::nullopt;
    }
    static const QRegularExpression re(QStringLiteral("^(\\d{1,12})([bkmgBKMG]?)$"));
    const auto match = re.match(qs(value.get<std::string>()));
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    qint64 n = match.captured(1).toLongLong();
    const QString unit = match.captured(2).toLower();
    if (unit == QLatin1String("k")) {
        n *= 1024;
    } else if (unit == QLatin1String("m")) {
        n *= 1024 * 1024;
    } else if (unit == QLatin1String("g")) {
        n *= 1024LL * 1024 * 1024;
    }
    return n > 0 ? std::optional<qint64>(n) : std::nullopt;
}

} // namespace detail

QString LabDiagnostic::text() const
{
    if (!pos.valid()) {
        return QStringLiteral("%1: %2").arg(file, message);
    }
    return QStringLiteral("%1:%2:%3: %4: %5")
        .arg(file)
        .arg(pos.line)
        .arg(pos.column)
        .arg(path(), message);
}

Error diagnosticsError(const QList<LabDiagnostic> &diagnostics)
{
    if (diagnostics.isEmpty()) {
        return makeError(ErrorKind::Internal, QStringLiteral("The lab could not be loaded."));
    }
    QString message = diagnostics.first().text();
    if (diagnostics.size() > 1) {
        message += QStringLiteral(" (and %1 more problems)").arg(diagnostics.size() - 1);
    }
    return makeError(ErrorKind::BadInput, message,
                     QStringLiteral("Run `drydock lab validate %1` to see every problem.")
                         .arg(diagnostics.first().file));
}

namespace {

// A reference label as Markdown compares them: case-insensitive, runs of
// white space as one space.
QString referenceLabel(const QString &label)
{
    return label.simplified().toCaseFolded();
}

} // namespace

QStringList markdownAssetReferences(const QString &markdown)
{
    QStringList refs;
    // ![alt](target "title"): an inline picture.
    static const QRegularExpression inlineImage(
        QStringLiteral("!\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+[\"'][^\"']*[\"'])?\\s*\\)"));
    for (auto it = inlineImage.globalMatch(markdown); it.hasNext();) {
        refs.append(it.next().captured(1));
    }
    // ![alt][label], ![label][] and ![label]: pictures whose target is a
    // reference definition "[label]: target" elsewhere in the text.
    static const QRegularExpression referenceImage(
        QStringLiteral("!\\[([^\\]]*)\\](?:\\[([^\\]]*)\\])?"));
    QSet<QString> imageLabels;
    for (auto it = referenceImage.globalMatch(markdown); it.hasNext();) {
        const auto match = it.next();
        const QString label =
            match.captured(2).trimmed().isEmpty() ? match.captured(1) : match.captured(2);
        imageLabels.insert(referenceLabel(label));
    }
    static const QRegularExpression definition(
        QStringLiteral("^ {0,3}\\[([^\\]]+)\\]:[ \\t]*(?:\\n[ \\t]*)?<?([^\\s>]+)>?"),
        QRegularExpression::MultilineOption);
    for (auto it = definition.globalMatch(markdown); it.hasNext();) {
        const auto match = it.next();
        if (imageLabels.contains(referenceLabel(match.captured(1)))) {
            refs.append(match.captured(2));
        }
    }
    // src= and background= in any HTML tag, quoted or not. The window
    // shows HTML in lab text as text, but other readers of a lab may not.
    static const QRegularExpression tag(QStringLiteral("<[A-Za-z][^>]*>"));
    static const QRegularExpression attribute(
        QStringLiteral("[\\s/](?:src|background)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))"),
        QRegularExpression::CaseInsensitiveOption);
    for (auto it = tag.globalMatch(markdown); it.hasNext();) {
        const QString text = it.next().captured(0);
        for (auto a = attribute.globalMatch(text); a.hasNext();) {
            const auto match = a.next();
            refs.append(match.captured(1) + match.captured(2) + match.captured(3));
        }
    }
    return refs;
}

Result<QString> resolveAsset(const QString &folder, const QString &reference)
{
    const auto refuse = [&](const QString &why) {
        return makeError(ErrorKind::BadInput, QStringLiteral("asset \"%1\" %2").arg(reference, why),
                         QStringLiteral("Put the file in the lab's folder and name it by a "
                                        "relative path such as images/diagram.png."));
    };
    if (reference.isEmpty()) {
        return refuse(QStringLiteral("is empty"));
    }
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:"));
    if (scheme.match(reference).hasMatch()) {
        return refuse(QStringLiteral("is a URL; labs work offline, so assets must be files "
                                     "in the lab's folder"));
    }
    if (reference.startsWith(QLatin1Char('/')) || reference.startsWith(QLatin1Char('\\'))) {
        return refuse(QStringLiteral("is an absolute path; assets must be inside the lab's "
                                     "folder"));
    }
    if (reference.contains(QLatin1Char('\\'))) {
        return refuse(QStringLiteral("contains a backslash; use '/' between folders"));
    }
    const QString cleanFolder = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    const QString joined = QDir::cleanPath(cleanFolder + QLatin1Char('/') + reference);
    if (!joined.startsWith(cleanFolder + QLatin1Char('/'))) {
        return refuse(QStringLiteral("leaves the lab's folder"));
    }
    const QFileInfo info(joined);
    if (!info.exists()) {
        return refuse(QStringLiteral("does not exist in the lab's folder"));
    }
    // Symlinks are followed on both sides: the folder itself may live
    // behind one, but the asset must end up inside it.
    const QString canonicalFolder = QFileInfo(cleanFolder).canonicalFilePath();
    const QString canonical = info.canonicalFilePath();
    if (canonicalFolder.isEmpty() || !canonical.startsWith(canonicalFolder + QLatin1Char('/'))) {
        return refuse(QStringLiteral("is a link that leads out of the lab's folder"));
    }
    if (!QFileInfo(canonical).isFile()) {
        return refuse(QStringLiteral("is not a regular file"));
    }
    return canonical;
}

namespace {

const QString kIdPattern = QStringLiteral("[a-z0-9][a-z0-9-]{0,62}");
const QString kIdRule = QStringLiteral("use lower-case letters, digits and '-', starting with a "
                                       "letter or digit, at most 63 characters");

class LabWalker
{
public:
    explicit LabWalker(Checker &checker) : m_c(checker) {}

    std::optional<Lab> walk(const json &root)
    {
        Lab lab;
        if (!m_c.object(QString(), root, QStringLiteral("a lab"),
                        {{"$schema", Kind::String},
                         {"formatVersion", Kind::Integer, true},
                         {"id", Kind::String, true},
                         {"title", Kind::String, true},
                         {"version", Kind::String, true},
                         {"summary", Kind::String, true},
                         {"objectives", Kind::Array},
                         {"estimatedMinutes", Kind::Integer},
                         {"prerequisites", Kind::Object},
                         {"steps", Kind::Array, true}})) {
            return std::nullopt;
        }
        if (const auto v = Checker::integer(root, "formatVersion")) {
            lab.formatVersion = int(*v);
            if (*v != 1) {
                m_c.error(QStringLiteral("/formatVersion"),
                          QStringLiteral("format version %1 is not known to this Drydock; it "
                                         "reads version 1")
                              .arg(*v));
            }
        }
        lab.id = m_c.matching(QString(), root, "id", kIdPattern, kIdRule);
        lab.title = m_c.nonEmpty(QString(), root, "title");
        lab.version = m_c.nonEmpty(QString(), root, "version");
        lab.summary = m_c.nonEmpty(QString(), root, "summary");
        lab.objectives = m_c.stringList(QString(), root, "objectives");
        // The window shows the summary and objectives as Markdown too.
        checkAssets(QStringLiteral("/summary"), lab.summary);
        for (int i = 0; i < lab.objectives.size(); ++i) {
            checkAssets(pointerChild(QStringLiteral("/objectives"), i), lab.objectives.at(i));
        }
        if (const auto v = Checker::integer(root, "estimatedMinutes")) {
            lab.estimatedMinutes = int(*v);
            if (*v <= 0 || *v > 10000) {
                m_c.error(QStringLiteral("/estimatedMinutes"),
                          QStringLiteral("\"estimatedMinutes\" must be between 1 and 10000"));
            }
        }
        if (root.contains("prerequisites") && root["prerequisites"].is_object()) {
            lab.prerequisites = prerequisites(root["prerequisites"]);
        }
        if (root.contains("steps") && root["steps"].is_array()) {
            const json &steps = root["steps"];
            if (steps.empty()) {
                m_c.error(QStringLiteral("/steps"),
                          QStringLiteral("a lab needs at least one step"));
            }
            for (std::size_t i = 0; i < steps.size(); ++i) {
                lab.steps.append(step(pointerChild(QStringLiteral("/steps"), int(i)), steps[i]));
            }
        }
        for (const DuplicateKey &dup : m_c.doc().duplicateKeys) {
            m_c.errorAt(dup.pos, dup.pointer,
                        QStringLiteral("field \"%1\" appears more than once in this object")
                            .arg(displayPath(QLatin1Char('/') +
                                             dup.pointer.section(QLatin1Char('/'), -1))));
        }
        crossCheck(lab);
        return lab;
    }

private:
    Prerequisites prerequisites(const json &value)
    {
        const QString p = QStringLiteral("/prerequisites");
        Prerequisites pre;
        m_c.object(
            p, value, QStringLiteral("prerequisites"),
            {{"engineFeatures", Kind::Array}, {"images", Kind::Array}, {"labenv", Kind::Boolean}});
        pre.engineFeatures = m_c.stringList(p, value, "engineFeatures");
        const QStringList known = knownEngineFeatures();
        for (int i = 0; i < pre.engineFeatures.size(); ++i) {
            const QString &feature = pre.engineFeatures.at(i);
            if (!known.contains(feature)) {
                QString message = QStringLiteral("unknown engine feature \"%1\"").arg(feature);
                const QString close = suggestion(feature, known);
                message +=
                    close.isEmpty()
                        ? QStringLiteral("; one of: %1").arg(known.join(QStringLiteral(", ")))
                        : QStringLiteral("; did you mean \"%1\"?").arg(close);
                m_c.error(pointerChild(pointerChild(p, QStringLiteral("engineFeatures")), i),
                          message);
            }
        }
        pre.images = m_c.stringList(p, value, "images");
        pre.labenv = Checker::boolean(value, "labenv");
        return pre;
    }

    Step step(const QString &p, const json &value)
    {
        Step s;
        if (!m_c.object(p, value, QStringLiteral("a step"),
                        {{"id", Kind::String, true},
                         {"title", Kind::String, true},
                         {"instructions", Kind::String, true},
                         {"actions", Kind::Array},
                         {"verify", Kind::Object},
                         {"hints", Kind::Array},
                         {"solution", Kind::String},
                         {"questions", Kind::Array},
                         {"needs", Kind::Array},
                         {"optional", Kind::Boolean},
                         {"autoCheck", Kind::Boolean}})) {
            return s;
        }
        s.id = m_c.matching(p, value, "id", kIdPattern, kIdRule);
        s.title = m_c.nonEmpty(p, value, "title");
        s.instructions = m_c.nonEmpty(p, value, "instructions");
        s.hints = m_c.stringList(p, value, "hints");
        s.solution = Checker::string(value, "solution");
        s.needs = m_c.stringList(p, value, "needs");
        s.optional = Checker::boolean(value, "optional");
        s.autoCheck = Checker::boolean(value, "autoCheck");
        if (value.contains("actions") && value["actions"].is_array()) {
            const json &actions = value["actions"];
            for (std::size_t i = 0; i < actions.size(); ++i) {
                const QString ap = pointerChild(pointerChild(p, QStringLiteral("actions")), int(i));
                if (auto action = parseAction(m_c, ap, actions[i])) {
                    s.actions.append(std::move(*action));
                }
            }
        }
        if (value.contains("verify") && value["verify"].is_object()) {
            s.verify =
                parsePredicate(m_c, pointerChild(p, QStringLiteral("verify")), value["verify"]);
        }
        if (s.autoCheck && !value.contains("verify")) {
            m_c.error(pointerChild(p, QStringLiteral("autoCheck")),
                      QStringLiteral("\"autoCheck\" needs a \"verify\" to re-check"));
        }
        if (value.contains("questions") && value["questions"].is_array()) {
            const json &questions = value["questions"];
            QHash<QString, QString> seen;
            for (std::size_t i = 0; i < questions.size(); ++i) {
                const QString qp =
                    pointerChild(pointerChild(p, QStringLiteral("questions")), int(i));
                const json &q = questions[i];
                if (!m_c.object(qp, q, QStringLiteral("a question"),
                                {{"id", Kind::String, true}, {"text", Kind::String, true}})) {
                    continue;
                }
                Question question{m_c.matching(qp, q, "id", kIdPattern, kIdRule),
                                  m_c.nonEmpty(qp, q, "text")};
                if (!question.id.isEmpty() && seen.contains(question.id)) {
                    m_c.error(pointerChild(qp, QStringLiteral("id")),
                              QStringLiteral("duplicate question id \"%1\" in this step; the "
                                             "first is at %2")
                                  .arg(question.id, where(seen.value(question.id))));
                } else {
                    seen.insert(question.id, pointerChild(qp, QStringLiteral("id")));
                }
                checkAssets(pointerChild(qp, QStringLiteral("text")), question.text);
                s.questions.append(question);
            }
        }
        checkAssets(pointerChild(p, QStringLiteral("instructions")), s.instructions);
        checkAssets(pointerChild(p, QStringLiteral("solution")), s.solution);
        for (int i = 0; i < s.hints.size(); ++i) {
            checkAssets(pointerChild(pointerChild(p, QStringLiteral("hints")), i), s.hints.at(i));
        }
        return s;
    }

    QString where(const QString &pointer) const
    {
        const SourcePos pos = m_c.doc().valuePos(pointer);
        return QStringLiteral("%1:%2").arg(pos.line).arg(pos.column);
    }

    void checkAssets(const QString &pointer, const QString &markdown)
    {
        for (const QString &ref : markdownAssetReferences(markdown)) {
            const auto resolved = resolveAsset(m_c.folder(), ref);
            if (!resolved) {
                m_c.error(pointer, resolved.error().message);
            }
        }
    }

    void crossCheck(Lab &lab)
    {
        // Step ids: unique; needs: known, not itself, no cycle.
        QHash<QString, int> index;
        for (int i = 0; i < lab.steps.size(); ++i) {
            const QString &id = lab.steps.at(i).id;
            const QString idPointer =
                pointerChild(pointerChild(QStringLiteral("/steps"), i), QStringLiteral("id"));
            if (id.isEmpty()) {
                continue;
            }
            if (index.contains(id)) {
                const QString first = pointerChild(
                    pointerChild(QStringLiteral("/steps"), index.value(id)), QStringLiteral("id"));
                m_c.error(idPointer, QStringLiteral("duplicate step id \"%1\"; the first is at %2")
                                         .arg(id, where(first)));
            } else {
                index.insert(id, i);
            }
        }
        for (int i = 0; i < lab.steps.size(); ++i) {
            const Step &s = lab.steps.at(i);
            for (int n = 0; n < s.needs.size(); ++n) {
                const QString np = needPointer(i, n);
                if (s.needs.at(n) == s.id) {
                    m_c.error(np, QStringLiteral("step \"%1\" needs itself").arg(s.id));
                } else if (!index.contains(s.needs.at(n))) {
                    QString message =
                        QStringLiteral("needs unknown step \"%1\"").arg(s.needs.at(n));
                    const QString close = suggestion(s.needs.at(n), index.keys());
                    if (!close.isEmpty()) {
                        message += QStringLiteral("; did you mean \"%1\"?").arg(close);
                    }
                    m_c.error(np, message);
                }
            }
        }
        findCycles(lab, index);
        crossReferences(lab);
    }

    static QString needPointer(int step, int need)
    {
        return pointerChild(
            pointerChild(pointerChild(QStringLiteral("/steps"), step), QStringLiteral("needs")),
            need);
    }

    void findCycles(const Lab &lab, const QHash<QString, int> &index)
    {
        // Depth-first search; an edge into a step still on the stack closes
        // a cycle, reported once at that edge.
        enum class Mark { New, Active, Done };
        QList<Mark> marks(lab.steps.size(), Mark::New);
        QList<int> stack;
        std::function<void(int)> visit = [&](int i) {
            marks[i] = Mark::Active;
            stack.append(i);
            const Step &s = lab.steps.at(i);
            for (int n = 0; n < s.needs.size(); ++n) {
                const auto it = index.constFind(s.needs.at(n));
                if (it == index.constEnd() || *it == i) {
                    continue;
                }
                if (marks[*it] == Mark::Active) {
                    QStringList path;
                    for (qsizetype k = stack.indexOf(*it); k < stack.size(); ++k) {
                        path.append(lab.steps.at(stack.at(k)).id);
                    }
                    path.append(lab.steps.at(*it).id);
                    m_c.error(
                        needPointer(i, n),
                        QStringLiteral("cycle in needs: %1").arg(path.join(QStringLiteral(" → "))));
                } else if (marks[*it] == Mark::New) {
                    visit(*it);
                }
            }
            stack.removeLast();
            marks[i] = Mark::Done;
        };
        for (int i = 0; i < lab.steps.size(); ++i) {
            if (marks[i] == Mark::New && !lab.steps.at(i).id.isEmpty() &&
                index.value(lab.steps.at(i).id) == i) {
                visit(i);
            }
        }
    }

    // Containers and images that predicates and actions name must be ones
    // this lab creates, pulls or declares: a typo would otherwise make a
    // step that can never pass.
    void crossReferences(Lab &lab)
    {
        QSet<QString> containers;
        QSet<QString> images{QLatin1String(kBaseImage)};
        QSet<QString> pulled;
        for (const QString &image : lab.prerequisites.images) {
            images.insert(image);
        }
        for (const Step &s : lab.steps) {
            for (const Action &a : s.actions) {
                if (const auto *run = std::get_if<RunContainerAction>(&a.params)) {
                    containers.insert(run->container.name);
                } else if (const auto *trusted = std::get_if<TrustedRunAction>(&a.params)) {
                    containers.insert(trusted->container.name);
                    images.insert(trusted->container.image);
                    pulled.insert(trusted->container.image);
                } else if (const auto *build = std::get_if<BuildImageAction>(&a.params)) {
                    if (!lab.builtImages.contains(build->tag)) {
                        lab.builtImages.append(build->tag);
                    }
                    images.insert(build->tag);
                } else if (const auto *pull = std::get_if<PullAction>(&a.params)) {
                    images.insert(pull->image);
                    pulled.insert(pull->image);
                }
            }
        }
        for (const Step &s : lab.steps) {
            for (const Action &a : s.actions) {
                if (const auto *ref = std::get_if<ContainerRefAction>(&a.params)) {
                    if (!ref->name.isEmpty() && !containers.contains(ref->name)) {
                        m_c.error(pointerChild(a.location, QStringLiteral("name")),
                                  unknownContainer(ref->name, containers));
                    }
                } else if (const auto *run = std::get_if<RunContainerAction>(&a.params)) {
                    if (!run->container.image.isEmpty() && !images.contains(run->container.image)) {
                        m_c.error(pointerChild(a.location, QStringLiteral("image")),
                                  unknownImage(run->container.image));
                    }
                } else if (const auto *build = std::get_if<BuildImageAction>(&a.params)) {
                    if (!build->from.isEmpty() && build->from != QLatin1String(kBaseImage) &&
                        !lab.builtImages.contains(build->from)) {
                        m_c.error(pointerChild(a.location, QStringLiteral("from")),
                                  QStringLiteral("\"from\" must be %1 or an image this lab "
                                                 "builds; \"%2\" is neither")
                                      .arg(QLatin1String(kBaseImage), build->from));
                    }
                }
            }
            if (s.verify) {
                checkPredicateRefs(*s.verify, containers, images, pulled);
            }
        }
    }

    QString unknownContainer(const QString &name, const QSet<QString> &containers) const
    {
        QString message =
            QStringLiteral("no action of this lab creates a container named \"%1\"").arg(name);
        const QString close = suggestion(name, containers.values());
        if (!close.isEmpty()) {
            message += QStringLiteral("; did you mean \"%1\"?").arg(close);
        }
        return message;
    }

    static QString unknownImage(const QString &image)
    {
        return QStringLiteral("image \"%1\" is not built or pulled by this lab, nor listed in "
                              "prerequisites.images")
            .arg(image);
    }

    void checkPredicateRefs(const Predicate &p, const QSet<QString> &containers,
                            const QSet<QString> &images, const QSet<QString> &pulled)
    {
        switch (p.type) {
        case PredicateType::AllOf:
        case PredicateType::AnyOf:
        case PredicateType::Not:
            for (const Predicate &child : p.children) {
                checkPredicateRefs(child, containers, images, pulled);
            }
            return;
        case PredicateType::TrustPullRefused:
        case PredicateType::TrustPullSucceeded:
            if (!p.image.isEmpty() && !pulled.contains(p.image)) {
                m_c.error(pointerChild(p.location, QStringLiteral("image")),
                          QStringLiteral("no pull or trustedRun action of this lab pulls \"%1\"")
                              .arg(p.image));
            }
            return;
        default:
            break;
        }
        if (!p.container.isEmpty() && !containers.contains(p.container)) {
            m_c.error(pointerChild(p.location, QStringLiteral("container")),
                      unknownContainer(p.container, containers));
        }
        if (!p.image.isEmpty() && !images.contains(p.image)) {
            m_c.error(pointerChild(p.location, QStringLiteral("image")), unknownImage(p.image));
        }
    }

    Checker &m_c;
};

} // namespace

LabLoad loadLabText(const QByteArray &text, const QString &fileName, const QString &folder)
{
    LabLoad load;
    const LocatedJson doc = parseLocatedJson(text);
    if (!doc.ok()) {
        load.diagnostics.append(
            {fileName, doc.syntaxError->pos, QString(), doc.syntaxError->message});
        return load;
    }
    Checker checker(doc, fileName, folder);
    LabWalker walker(checker);
    std::optional<Lab> lab = walker.walk(doc.value);
    load.diagnostics = checker.takeDiagnostics();
    std::stable_sort(load.diagnostics.begin(), load.diagnostics.end(),
                     [](const LabDiagnostic &a, const LabDiagnostic &b) {
                         return a.pos.line != b.pos.line ? a.pos.line < b.pos.line
                                                         : a.pos.column < b.pos.column;
                     });
    if (load.diagnostics.isEmpty() && lab) {
        lab->folder = QFileInfo(folder).absoluteFilePath();
        lab->filePath = QFileInfo(fileName).absoluteFilePath();
        load.lab = std::move(lab);
    }
    return load;
}

LabLoad loadLabFile(const QString &path)
{
    const auto data = readFileLimited(path, kMaxLabFileBytes);
    if (!data) {
        LabLoad load;
        load.diagnostics.append({path, {}, QString(), data.error().message});
        return load;
    }
    return loadLabText(*data, path, QFileInfo(path).absolutePath());
}

} // namespace drydock::labs
