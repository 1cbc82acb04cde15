// SPDX-License-Identifier: GPL-3.0-or-later
// Reading docker-bench-security's JSON log.
#include "dbsimport.h"

#include "catalogue.h"
#include "util/atomicfile.h"

#include <QCryptographicHash>
#include <QTimeZone>

#include <nlohmann/json.hpp>

using json = nlohmann::json;

namespace drydock::bench {

namespace {

constexpr qint64 kMaxLogBytes = 64LL * 1024 * 1024;
// docker-bench-security lists one item per offending container, image or
// file: thousands on a busy host. Far more is not a host's log, and each
// item costs a few hundred bytes once read, so a crafted 60 MB log could
// otherwise take gigabytes.
constexpr std::size_t kMaxLogItems = 200000;

std::size_t itemCount(const nlohmann::json &entry)
{
    std::size_t count = 0;
    if (const auto items = entry.find("items"); items != entry.end() && items->is_array()) {
        count += items->size();
    }
    if (const auto results = entry.find("results"); results != entry.end() && results->is_array()) {
        for (const auto &result : *results) {
            if (result.is_object()) {
                count += itemCount(result);
            }
        }
    }
    return count;
}

Error logError(const QString &origin, const QString &path, const QString &problem)
{
    return makeError(ErrorKind::BadInput, QStringLiteral("%1: %2 %3.").arg(origin, path, problem),
                     QStringLiteral("Give the JSON log docker-bench-security writes "
                                    "(docker-bench-security.log.json)."));
}

// The kind of item a section's checks name: the script lists containers in
// section 5, images in 4, files in 3.
QString itemKindFor(const QString &checkId)
{
    const QString section = sectionOfCheckId(checkId);
    if (section == QLatin1String("3")) {
        return QStringLiteral("file");
    }
    if (section == QLatin1String("4")) {
        return QStringLiteral("image");
    }
    if (section == QLatin1String("5")) {
        return QStringLiteral("container");
    }
    if (section == QLatin1String("7")) {
        return QStringLiteral("swarm");
    }
    return QStringLiteral("item");
}

std::optional<Verdict> verdictFromLabel(const QString &label)
{
    const QString upper = label.trimmed().toUpper();
    if (upper == QLatin1String("PASS")) {
        return Verdict::Pass;
    }
    if (upper == QLatin1String("WARN")) {
        return Verdict::Warn;
    }
    if (upper == QLatin1String("INFO")) {
        return Verdict::Info;
    }
    if (upper == QLatin1String("NOTE")) {
        return Verdict::Note;
    }
    return std::nullopt;
}

QString stringOf(const json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

Result<Finding> readResult(const json &entry, const QString &path, const QString &origin)
{
    if (!entry.is_object()) {
        return logError(origin, path, QStringLiteral("must be an object"));
    }
    Finding finding;
    const auto id = entry.find("id");
    if (id == entry.end() || !id->is_string() || id->get<std::string>().empty()) {
        return logError(origin, path + QStringLiteral(".id"),
                        QStringLiteral("must be a non-empty string"));
    }
    finding.checkId = QString::fromStdString(id->get<std::string>());
    const auto result = entry.find("result");
    if (result == entry.end() || !result->is_string()) {
        return logError(origin, path + QStringLiteral(".result"),
                        QStringLiteral("must be PASS, WARN, INFO or NOTE"));
    }
    const auto verdict = verdictFromLabel(stringOf(*result));
    if (!verdict) {
        return logError(
            origin, path + QStringLiteral(".result"),
            QStringLiteral("is \"%1\", not PASS, WARN, INFO or NOTE").arg(stringOf(*result)));
    }
    finding.verdict = *verdict;
    const auto details = entry.find("details");
    if (details != entry.end()) {
        if (!details->is_string()) {
            return logError(origin, path + QStringLiteral(".details"),
                            QStringLiteral("must be a string"));
        }
        finding.summary = stringOf(*details).trimmed();
    }
    const auto items = entry.find("items");
    if (items != entry.end()) {
        if (!items->is_array()) {
            return logError(origin, path + QStringLiteral(".items"),
                            QStringLiteral("must be an array"));
        }
        for (std::size_t i = 0; i < items->size(); ++i) {
            const json &item = (*items)[i];
            if (!item.is_string()) {
                return logError(origin, path + QStringLiteral(".items[%1]").arg(i),
                                QStringLiteral("must be a string"));
            }
            const QString text = stringOf(item).trimmed();
            if (text.isEmpty()) {
                continue;
            }
            Evidence evidence;
            evidence.kind = itemKindFor(finding.checkId);
            evidence.item = text;
            finding.evidence.append(evidence);
        }
    }
    return finding;
}

QDateTime epochField(const json &doc, const char *key)
{
    const auto it = doc.find(key);
    if (it == doc.end() || !it->is_number()) {
        return {};
    }
    return QDateTime::fromSecsSinceEpoch(it->get<qint64>(), QTimeZone::utc());
}

} // namespace

Result<Run> importDbsLog(const QByteArray &data, const QString &origin, const Catalogue &catalogue)
{
    json doc;
    try {
        doc = json::parse(data.constData(), data.constData() + data.size());
    } catch (const json::parse_error &e) {
        return makeError(
            ErrorKind::BadInput,
            QStringLiteral("%1 is not valid JSON: %2").arg(origin, QString::fromUtf8(e.what())));
    }
    if (!doc.is_object()) {
        return logError(origin, QStringLiteral("$"), QStringLiteral("must be an object"));
    }
    const auto tests = doc.find("tests");
    if (tests == doc.end() || !tests->is_array()) {
        return logError(origin, QStringLiteral("$.tests"),
                        QStringLiteral("must be an array (is this a docker-bench-security "
                                       "log?)"));
    }

    std::size_t items = 0;
    for (const json &entry : *tests) {
        items += entry.is_object() ? itemCount(entry) : 0;
    }
    if (items > kMaxLogItems) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("%1 lists %2 items; Drydock reads at most %3 (a host's "
                                        "log has one per container, image or file).")
                             .arg(origin)
                             .arg(items)
                             .arg(kMaxLogItems),
                         QStringLiteral("Import the log of a real docker-bench-security run."));
    }

    Run run;
    const auto version = doc.find("dockerbenchsecurity");
    const QString producerVersion =
        version != doc.end() && version->is_string() ? stringOf(*version) : QString();
    run.producer = producerVersion.isEmpty()
                       ? QStringLiteral("docker-bench-security")
                       : QStringLiteral("docker-bench-security ") + producerVersion;
    run.startedAt = epochField(doc, "start");
    run.finishedAt = epochField(doc, "end");
    if (!run.startedAt.isValid()) {
        return logError(origin, QStringLiteral("$.start"),
                        QStringLiteral("must be the start time in epoch seconds"));
    }
    run.catalogueVersion = catalogue.label();
    run.engine.endpoint = QStringLiteral("imported");
    run.engine.endpointSource = QStringLiteral("docker-bench-security log ") + origin;
    run.engine.local = true;

    auto addFinding = [&](const json &entry, const QString &path) -> std::optional<Error> {
        auto finding = readResult(entry, path, origin);
        if (!finding) {
            return finding.error();
        }
        if (run.finding(finding->checkId) != nullptr) {
            return logError(origin, path + QStringLiteral(".id"),
                            QStringLiteral("repeats check \"%1\"").arg(finding->checkId));
        }
        run.selection.append(finding->checkId);
        run.findings.append(*finding);
        return std::nullopt;
    };

    for (std::size_t i = 0; i < tests->size(); ++i) {
        const json &entry = (*tests)[i];
        const QString path = QStringLiteral("$.tests[%1]").arg(i);
        if (!entry.is_object()) {
            return logError(origin, path, QStringLiteral("must be an object"));
        }
        const auto results = entry.find("results");
        if (results == entry.end()) {
            // The flat shape: single checks, each directly in "tests".
            if (auto failed = addFinding(entry, path)) {
                return *failed;
            }
            continue;
        }
        if (!results->is_array()) {
            return logError(origin, path + QStringLiteral(".results"),
                            QStringLiteral("must be an array"));
        }
        for (std::size_t j = 0; j < results->size(); ++j) {
            if (auto failed =
                    addFinding((*results)[j], path + QStringLiteral(".results[%1]").arg(j))) {
                return *failed;
            }
        }
    }

    run.score = catalogue.score(run.findings);
    const auto score = doc.find("score");
    if (score != doc.end()) {
        if (!score->is_number_integer()) {
            return logError(origin, QStringLiteral("$.score"),
                            QStringLiteral("must be a whole number"));
        }
        // The script's own figure stays the reference: it is what the user
        // saw when the log was written.
        run.score.reference = score->get<int>();
    }

    const QByteArray digest =
        QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex().left(6);
    run.id = run.startedAt.toTimeZone(QTimeZone::utc())
                 .toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")) +
             QStringLiteral("-dbs-") + QString::fromLatin1(digest);
    return run;
}

Result<Run> importDbsLogFile(const QString &path, const Catalogue &catalogue)
{
    const auto data = readFileLimited(path, kMaxLogBytes);
    if (!data) {
        return data.error();
    }
    return importDbsLog(*data, path, catalogue);
}

} // namespace drydock::bench
