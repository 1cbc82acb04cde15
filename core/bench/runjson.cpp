// SPDX-License-Identifier: GPL-3.0-or-later
// Writing and strictly reading Drydock's run document.
#include "runjson.h"

#include "catalogue.h"
#include "compare.h"

#include <nlohmann/json.hpp>

using ordered_json = nlohmann::ordered_json;
using json = nlohmann::json;

namespace drydock::bench {

namespace {

std::string utf8(const QString &text)
{
    return text.toStdString();
}

ordered_json evidenceToJson(const Evidence &evidence)
{
    ordered_json out;
    out["kind"] = utf8(evidence.kind);
    out["item"] = utf8(evidence.item);
    out["itemId"] = utf8(evidence.itemId);
    out["image"] = utf8(evidence.image);
    out["observed"] = utf8(evidence.observed);
    out["expected"] = utf8(evidence.expected);
    return out;
}

ordered_json comparisonToJson(const Comparison &comparison)
{
    ordered_json out;
    out["before"] = utf8(comparison.beforeRunId);
    out["after"] = utf8(comparison.afterRunId);
    out["referenceScoreDelta"] = comparison.referenceDelta;
    out["percentDelta"] = comparison.percentDelta;
    ordered_json counts;
    for (const Change change : {Change::Fixed, Change::New, Change::Unchanged, Change::Changed}) {
        counts[utf8(changeName(change))] = comparison.count(change);
    }
    out["checkCounts"] = counts;
    out["deltaOverCommonChecks"] = comparison.deltaOverCommon;
    ordered_json notInBoth = ordered_json::array();
    for (const QString &id : comparison.notInBoth()) {
        notInBoth.push_back(utf8(id));
    }
    out["notInBoth"] = notInBoth;
    if (!comparison.scopeWarning.isEmpty()) {
        out["warning"] = utf8(comparison.scopeWarning);
    }
    ordered_json checks = ordered_json::array();
    for (const CheckChange &check : comparison.checks) {
        ordered_json entry;
        entry["checkId"] = utf8(check.checkId);
        entry["change"] = utf8(changeName(check.change));
        entry["before"] = check.before ? ordered_json(utf8(verdictName(*check.before))) : nullptr;
        entry["after"] = check.after ? ordered_json(utf8(verdictName(*check.after))) : nullptr;
        ordered_json items = ordered_json::array();
        for (const ItemChange &item : check.items) {
            ordered_json itemJson;
            itemJson["key"] = utf8(item.key);
            itemJson["change"] = utf8(changeName(item.change));
            itemJson["before"] = item.before ? evidenceToJson(*item.before) : ordered_json();
            itemJson["after"] = item.after ? evidenceToJson(*item.after) : ordered_json();
            items.push_back(itemJson);
        }
        entry["items"] = items;
        checks.push_back(entry);
    }
    out["checks"] = checks;
    return out;
}

// Reads fields of the run document, naming the document and the JSON path
// of the offending field in every error.
class Reader
{
public:
    explicit Reader(QString origin) : m_origin(std::move(origin)) {}

    Error error(const QString &path, const QString &problem) const
    {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("%1: %2 %3.").arg(m_origin, path, problem),
                         QStringLiteral("The file is not a Drydock run, or it was damaged."));
    }

    const json *member(const json &object, const char *key) const
    {
        const auto it = object.find(key);
        return it == object.end() ? nullptr : &*it;
    }

    // A string member; absent is allowed (empty) unless required.
    std::optional<Error> text(const json &object, const char *key, const QString &path,
                              QString &out, bool required) const
    {
        const json *value = member(object, key);
        const QString where = path + QLatin1Char('.') + QLatin1String(key);
        if (value == nullptr || value->is_null()) {
            if (required) {
                return error(where, QStringLiteral("is missing"));
            }
            out.clear();
            return std::nullopt;
        }
        if (!value->is_string()) {
            return error(where, QStringLiteral("must be a string"));
        }
        out = QString::fromStdString(value->get<std::string>());
        if (required && out.isEmpty()) {
            return error(where, QStringLiteral("must not be empty"));
        }
        return std::nullopt;
    }

    std::optional<Error> boolean(const json &object, const char *key, const QString &path,
                                 bool &out) const
    {
        const json *value = member(object, key);
        if (value == nullptr) {
            out = false;
            return std::nullopt;
        }
        if (!value->is_boolean()) {
            return error(path + QLatin1Char('.') + QLatin1String(key),
                         QStringLiteral("must be true or false"));
        }
        out = value->get<bool>();
        return std::nullopt;
    }

    std::optional<Error> integer(const json &object, const char *key, const QString &path,
                                 int &out) const
    {
        const json *value = member(object, key);
        const QString where = path + QLatin1Char('.') + QLatin1String(key);
        if (value == nullptr) {
            return error(where, QStringLiteral("is missing"));
        }
        if (!value->is_number_integer() || value->get<long long>() < -1000000 ||
            value->get<long long>() > 1000000) {
            return error(where, QStringLiteral("must be a whole number"));
        }
        out = int(value->get<long long>());
        return std::nullopt;
    }

    std::optional<Error> time(const json &object, const char *key, const QString &path,
                              QDateTime &out, bool required) const
    {
        QString text;
        if (auto failed = this->text(object, key, path, text, required)) {
            return failed;
        }
        if (text.isEmpty()) {
            out = {};
            return std::nullopt;
        }
        out = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!out.isValid()) {
            return error(path + QLatin1Char('.') + QLatin1String(key),
                         QStringLiteral("is not an ISO 8601 time: \"%1\"").arg(text));
        }
        return std::nullopt;
    }

private:
    QString m_origin;
};

std::optional<Error> readEvidence(const Reader &reader, const json &value, const QString &path,
                                  Evidence &out)
{
    if (!value.is_object()) {
        return reader.error(path, QStringLiteral("must be an object"));
    }
    const std::pair<const char *, QString *> fields[] = {
        {"kind", &out.kind},   {"item", &out.item},         {"itemId", &out.itemId},
        {"image", &out.image}, {"observed", &out.observed}, {"expected", &out.expected},
    };
    for (const auto &[key, target] : fields) {
        if (auto failed = reader.text(value, key, path, *target, false)) {
            return failed;
        }
    }
    if (out.kind.isEmpty() && out.item.isEmpty()) {
        return reader.error(path, QStringLiteral("needs a kind or an item"));
    }
    return std::nullopt;
}

std::optional<Error> readFinding(const Reader &reader, const json &value, const QString &path,
                                 Finding &out)
{
    if (!value.is_object()) {
        return reader.error(path, QStringLiteral("must be an object"));
    }
    if (auto failed = reader.text(value, "checkId", path, out.checkId, true)) {
        return failed;
    }
    QString verdict;
    if (auto failed = reader.text(value, "verdict", path, verdict, true)) {
        return failed;
    }
    const auto parsed = verdictFromName(verdict);
    if (!parsed) {
        return reader.error(path + QStringLiteral(".verdict"),
                            QStringLiteral("\"%1\" is not a verdict (pass, warn, info, note, "
                                           "not_applicable, error)")
                                .arg(verdict));
    }
    out.verdict = *parsed;
    if (auto failed = reader.text(value, "summary", path, out.summary, false)) {
        return failed;
    }
    if (auto failed = reader.text(value, "reason", path, out.reason, false)) {
        return failed;
    }
    const json *evidence = reader.member(value, "evidence");
    if (evidence == nullptr) {
        return std::nullopt;
    }
    if (!evidence->is_array()) {
        return reader.error(path + QStringLiteral(".evidence"), QStringLiteral("must be an array"));
    }
    for (std::size_t i = 0; i < evidence->size(); ++i) {
        Evidence item;
        const QString itemPath = path + QStringLiteral(".evidence[%1]").arg(i);
        if (auto failed = readEvidence(reader, (*evidence)[i], itemPath, item)) {
            return failed;
        }
        out.evidence.append(item);
    }
    return std::nullopt;
}

} // namespace

QString runTimeText(const QDateTime &time)
{
    if (!time.isValid()) {
        return {};
    }
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QByteArray runToJson(const Run &run, const RunJsonOptions &options)
{
    ordered_json doc;
    doc["schema"] = kRunSchemaName;
    doc["schemaVersion"] = Run::kSchemaVersion;
    doc["id"] = utf8(run.id);
    doc["startedAt"] = utf8(runTimeText(run.startedAt));
    doc["finishedAt"] =
        run.finishedAt.isValid() ? ordered_json(utf8(runTimeText(run.finishedAt))) : ordered_json();
    doc["catalogue"] = utf8(run.catalogueVersion);
    doc["producer"] = utf8(run.producer);

    const EngineIdentity &engine = run.engine;
    ordered_json engineJson;
    engineJson["endpoint"] = utf8(engine.endpoint);
    engineJson["endpointSource"] = utf8(engine.endpointSource);
    engineJson["engineId"] = utf8(engine.engineId);
    engineJson["hostName"] = utf8(engine.hostName);
    engineJson["serverVersion"] = utf8(engine.serverVersion);
    engineJson["apiVersion"] = utf8(engine.apiVersion);
    engineJson["operatingSystem"] = utf8(engine.operatingSystem);
    engineJson["kernelVersion"] = utf8(engine.kernelVersion);
    engineJson["rootless"] = engine.rootless;
    engineJson["podman"] = engine.podman;
    engineJson["local"] = engine.local;
    engineJson["hostChecked"] = engine.hostChecked;
    doc["engine"] = engineJson;

    ordered_json selection = ordered_json::array();
    for (const QString &id : run.selection) {
        selection.push_back(utf8(id));
    }
    doc["selection"] = selection;
    ordered_json containers;
    containers["namePattern"] = utf8(run.containerPattern);
    ordered_json labels = ordered_json::array();
    for (const QString &label : run.containerLabels) {
        labels.push_back(utf8(label));
    }
    containers["labels"] = labels;
    doc["containers"] = containers;
    doc["partial"] = run.partial;
    doc["partialReason"] = utf8(run.partialReason);

    ordered_json score;
    score["reference"] = run.score.reference;
    score["scoredPassed"] = run.score.scoredPassed;
    score["scoredApplicable"] = run.score.scoredApplicable;
    score["percent"] = run.score.percent();
    doc["score"] = score;

    ordered_json findings = ordered_json::array();
    for (const Finding &finding : run.findings) {
        ordered_json entry;
        entry["checkId"] = utf8(finding.checkId);
        if (options.catalogue != nullptr) {
            if (const CheckInfo *info = options.catalogue->check(finding.checkId)) {
                entry["title"] = utf8(info->title);
                entry["section"] = utf8(info->section);
                entry["scored"] = info->scored;
            }
        }
        entry["verdict"] = utf8(verdictName(finding.verdict));
        entry["summary"] = utf8(finding.summary);
        entry["reason"] = utf8(finding.reason);
        ordered_json evidence = ordered_json::array();
        for (const Evidence &item : finding.evidence) {
            evidence.push_back(evidenceToJson(item));
        }
        entry["evidence"] = evidence;
        findings.push_back(entry);
    }
    doc["findings"] = findings;
    if (options.comparison != nullptr) {
        doc["comparison"] = comparisonToJson(*options.comparison);
    }
    return QByteArray::fromStdString(doc.dump(2)) + '\n';
}

Result<Run> runFromJson(const QByteArray &data, const QString &origin)
{
    const Reader reader(origin);
    json doc;
    try {
        doc = json::parse(data.constData(), data.constData() + data.size());
    } catch (const json::parse_error &e) {
        return makeError(
            ErrorKind::BadInput,
            QStringLiteral("%1 is not valid JSON: %2").arg(origin, QString::fromUtf8(e.what())),
            QStringLiteral("The file was damaged or is not a Drydock run."));
    }
    if (!doc.is_object()) {
        return reader.error(QStringLiteral("$"), QStringLiteral("must be an object"));
    }
    const QString root = QStringLiteral("$");
    QString schema;
    if (auto failed = reader.text(doc, "schema", root, schema, true)) {
        return *failed;
    }
    if (schema != QLatin1String(kRunSchemaName)) {
        return reader.error(
            QStringLiteral("$.schema"),
            QStringLiteral("is \"%1\", not \"%2\"").arg(schema).arg(QLatin1String(kRunSchemaName)));
    }
    int schemaVersion = 0;
    if (auto failed = reader.integer(doc, "schemaVersion", root, schemaVersion)) {
        return *failed;
    }
    if (schemaVersion > Run::kSchemaVersion) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("%1: $.schemaVersion is %2, written by a newer Drydock; "
                                        "this one reads up to version %3.")
                             .arg(origin)
                             .arg(schemaVersion)
                             .arg(Run::kSchemaVersion),
                         QStringLiteral("Open it with the Drydock that saved it, or upgrade."));
    }
    if (schemaVersion < 1) {
        return reader.error(QStringLiteral("$.schemaVersion"),
                            QStringLiteral("must be 1 or more, not %1").arg(schemaVersion));
    }

    Run run;
    if (auto failed = reader.text(doc, "id", root, run.id, true)) {
        return *failed;
    }
    if (!isValidRunId(run.id)) {
        return reader.error(QStringLiteral("$.id"),
                            QStringLiteral("\"%1\" is not a valid run id").arg(run.id));
    }
    if (auto failed = reader.time(doc, "startedAt", root, run.startedAt, true)) {
        return *failed;
    }
    if (auto failed = reader.time(doc, "finishedAt", root, run.finishedAt, false)) {
        return *failed;
    }
    if (auto failed = reader.text(doc, "catalogue", root, run.catalogueVersion, false)) {
        return *failed;
    }
    if (auto failed = reader.text(doc, "producer", root, run.producer, true)) {
        return *failed;
    }
    if (auto failed = reader.boolean(doc, "partial", root, run.partial)) {
        return *failed;
    }
    if (auto failed = reader.text(doc, "partialReason", root, run.partialReason, false)) {
        return *failed;
    }

    const json *engine = reader.member(doc, "engine");
    if (engine == nullptr || !engine->is_object()) {
        return reader.error(QStringLiteral("$.engine"), QStringLiteral("must be an object"));
    }
    const QString enginePath = QStringLiteral("$.engine");
    EngineIdentity &identity = run.engine;
    const std::pair<const char *, QString *> engineTexts[] = {
        {"endpoint", &identity.endpoint},
        {"endpointSource", &identity.endpointSource},
        {"engineId", &identity.engineId},
        {"hostName", &identity.hostName},
        {"serverVersion", &identity.serverVersion},
        {"apiVersion", &identity.apiVersion},
        {"operatingSystem", &identity.operatingSystem},
        {"kernelVersion", &identity.kernelVersion},
    };
    for (const auto &[key, target] : engineTexts) {
        if (auto failed = reader.text(*engine, key, enginePath, *target, false)) {
            return *failed;
        }
    }
    const std::pair<const char *, bool *> engineFlags[] = {
        {"rootless", &identity.rootless}, {"podman", &identity.podman}, {"local", &identity.local}};
    for (const auto &[key, target] : engineFlags) {
        if (auto failed = reader.boolean(*engine, key, enginePath, *target)) {
            return *failed;
        }
    }
    // Runs saved before the flag existed did not say: treat them as checked,
    // which is what they claimed.
    if (reader.member(*engine, "hostChecked") != nullptr) {
        if (auto failed =
                reader.boolean(*engine, "hostChecked", enginePath, identity.hostChecked)) {
            return *failed;
        }
    }

    const json *selection = reader.member(doc, "selection");
    if (selection != nullptr) {
        if (!selection->is_array()) {
            return reader.error(QStringLiteral("$.selection"), QStringLiteral("must be an array"));
        }
        for (std::size_t i = 0; i < selection->size(); ++i) {
            if (!(*selection)[i].is_string()) {
                return reader.error(QStringLiteral("$.selection[%1]").arg(i),
                                    QStringLiteral("must be a string"));
            }
            run.selection.append(QString::fromStdString((*selection)[i].get<std::string>()));
        }
    }
    // Absent in runs saved before it was recorded: read as "all containers".
    if (const json *containers = reader.member(doc, "containers")) {
        const QString containersPath = QStringLiteral("$.containers");
        if (!containers->is_object()) {
            return reader.error(containersPath, QStringLiteral("must be an object"));
        }
        if (auto failed = reader.text(*containers, "namePattern", containersPath,
                                      run.containerPattern, false)) {
            return *failed;
        }
        const json *labels = reader.member(*containers, "labels");
        if (labels != nullptr && !labels->is_array()) {
            return reader.error(containersPath + QStringLiteral(".labels"),
                                QStringLiteral("must be an array"));
        }
        for (std::size_t i = 0; labels != nullptr && i < labels->size(); ++i) {
            if (!(*labels)[i].is_string()) {
                return reader.error(containersPath + QStringLiteral(".labels[%1]").arg(i),
                                    QStringLiteral("must be a string"));
            }
            run.containerLabels.append(QString::fromStdString((*labels)[i].get<std::string>()));
        }
    }

    const json *score = reader.member(doc, "score");
    if (score == nullptr || !score->is_object()) {
        return reader.error(QStringLiteral("$.score"), QStringLiteral("must be an object"));
    }
    const QString scorePath = QStringLiteral("$.score");
    if (auto failed = reader.integer(*score, "reference", scorePath, run.score.reference)) {
        return *failed;
    }
    if (auto failed = reader.integer(*score, "scoredPassed", scorePath, run.score.scoredPassed)) {
        return *failed;
    }
    if (auto failed =
            reader.integer(*score, "scoredApplicable", scorePath, run.score.scoredApplicable)) {
        return *failed;
    }
    if (run.score.scoredPassed < 0 || run.score.scoredApplicable < run.score.scoredPassed) {
        return reader.error(scorePath, QStringLiteral("counts are inconsistent: %1 passed of %2")
                                           .arg(run.score.scoredPassed)
                                           .arg(run.score.scoredApplicable));
    }

    const json *findings = reader.member(doc, "findings");
    if (findings == nullptr || !findings->is_array()) {
        return reader.error(QStringLiteral("$.findings"), QStringLiteral("must be an array"));
    }
    for (std::size_t i = 0; i < findings->size(); ++i) {
        Finding finding;
        const QString path = QStringLiteral("$.findings[%1]").arg(i);
        if (auto failed = readFinding(reader, (*findings)[i], path, finding)) {
            return *failed;
        }
        if (run.finding(finding.checkId) != nullptr) {
            return reader.error(path + QStringLiteral(".checkId"),
                                QStringLiteral("repeats check \"%1\"").arg(finding.checkId));
        }
        run.findings.append(finding);
    }
    return run;
}

} // namespace drydock::bench
