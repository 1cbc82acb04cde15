// SPDX-License-Identifier: GPL-3.0-or-later
// Loading and validating the check catalogue resource.
#include "catalogue.h"

#include <QFile>
#include <QSet>

#include <nlohmann/json.hpp>

#include <set>

using json = nlohmann::json;

namespace drydock::bench {

namespace {

const QLatin1String kResourcePath(":/drydock/checks/cis-docker-1.6.json");

// Reads the catalogue's fields, remembering where it is so that every error
// names the document and the JSON path of the offending field.
class Reader
{
public:
    explicit Reader(QString origin) : m_origin(std::move(origin)) {}

    Error error(const QString &path, const QString &problem) const
    {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("%1: %2 %3.").arg(m_origin, path, problem),
                         QStringLiteral("The check catalogue is part of Drydock; "
                                        "rebuild it from an unmodified source tree."));
    }

    // A non-empty string member.
    Result<QString> text(const json &object, const char *key, const QString &path) const
    {
        const QString where = path + QLatin1Char('.') + QLatin1String(key);
        const auto it = object.find(key);
        if (it == object.end()) {
            return error(where, QStringLiteral("is missing"));
        }
        if (!it->is_string()) {
            return error(where, QStringLiteral("must be a string"));
        }
        const QString value = QString::fromStdString(it->get<std::string>()).trimmed();
        if (value.isEmpty()) {
            return error(where, QStringLiteral("must not be empty"));
        }
        return value;
    }

private:
    QString m_origin;
};

const std::set<std::string> kCheckKeys = {"id",          "section",  "subsection",  "title",
                                          "scored",      "severity", "description", "rationale",
                                          "remediation", "impact",   "references"};

Result<Severity> severityFromName(const QString &name)
{
    if (name == QLatin1String("low")) {
        return Severity::Low;
    }
    if (name == QLatin1String("medium")) {
        return Severity::Medium;
    }
    if (name == QLatin1String("high")) {
        return Severity::High;
    }
    return makeError(ErrorKind::BadInput, name);
}

} // namespace

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Low:
        return QStringLiteral("low");
    case Severity::Medium:
        return QStringLiteral("medium");
    case Severity::High:
        return QStringLiteral("high");
    }
    return QStringLiteral("medium");
}

QString CheckInfo::securitySeverity() const
{
    // Dashboards rank 9.0+ critical, 7.0+ high, 4.0+ medium, below low.
    // Counted-only checks are advice rather than a finding: one step lower.
    switch (severity) {
    case Severity::High:
        return scored ? QStringLiteral("8.0") : QStringLiteral("6.5");
    case Severity::Medium:
        return scored ? QStringLiteral("5.5") : QStringLiteral("4.0");
    case Severity::Low:
        return scored ? QStringLiteral("3.0") : QStringLiteral("2.0");
    }
    return QStringLiteral("5.5");
}

QString sectionOfCheckId(const QString &checkId)
{
    return checkId.section(QLatin1Char('.'), 0, 0);
}

Result<Catalogue> Catalogue::fromJson(const QByteArray &data, const QString &origin)
{
    const Reader reader(origin);
    json doc;
    try {
        doc = json::parse(data.constData(), data.constData() + data.size());
    } catch (const json::parse_error &e) {
        return makeError(
            ErrorKind::BadInput,
            QStringLiteral("%1 is not valid JSON: %2").arg(origin, QString::fromUtf8(e.what())));
    }
    if (!doc.is_object()) {
        return reader.error(QStringLiteral("$"), QStringLiteral("must be an object"));
    }

    Catalogue catalogue;
    const auto head = doc.find("catalogue");
    if (head == doc.end() || !head->is_object()) {
        return reader.error(QStringLiteral("$.catalogue"), QStringLiteral("must be an object"));
    }
    const QString headPath = QStringLiteral("$.catalogue");
    auto name = reader.text(*head, "name", headPath);
    if (!name) {
        return name.error();
    }
    auto benchmarkVersion = reader.text(*head, "benchmarkVersion", headPath);
    if (!benchmarkVersion) {
        return benchmarkVersion.error();
    }
    const auto version = head->find("version");
    if (version == head->end() || !version->is_number_integer() || version->get<int>() < 1) {
        return reader.error(QStringLiteral("$.catalogue.version"),
                            QStringLiteral("must be a positive integer"));
    }
    catalogue.m_name = *name;
    catalogue.m_benchmarkVersion = *benchmarkVersion;
    catalogue.m_version = version->get<int>();

    const auto sections = doc.find("sections");
    if (sections == doc.end() || !sections->is_array() || sections->empty()) {
        return reader.error(QStringLiteral("$.sections"),
                            QStringLiteral("must be a non-empty array"));
    }
    QSet<QString> subsectionIds;
    for (std::size_t i = 0; i < sections->size(); ++i) {
        const json &entry = (*sections)[i];
        const QString path = QStringLiteral("$.sections[%1]").arg(i);
        if (!entry.is_object()) {
            return reader.error(path, QStringLiteral("must be an object"));
        }
        SectionInfo section;
        auto id = reader.text(entry, "id", path);
        auto key = reader.text(entry, "key", path);
        auto title = reader.text(entry, "title", path);
        for (const auto *field : {&id, &key, &title}) {
            if (!*field) {
                return field->error();
            }
        }
        section.id = *id;
        section.key = *key;
        section.title = *title;
        if (catalogue.section(section.id) != nullptr) {
            return reader.error(path + QStringLiteral(".id"),
                                QStringLiteral("repeats section \"%1\"").arg(section.id));
        }
        const auto subs = entry.find("subsections");
        if (subs != entry.end()) {
            if (!subs->is_array()) {
                return reader.error(path + QStringLiteral(".subsections"),
                                    QStringLiteral("must be an array"));
            }
            for (std::size_t j = 0; j < subs->size(); ++j) {
                const QString subPath = path + QStringLiteral(".subsections[%1]").arg(j);
                if (!(*subs)[j].is_object()) {
                    return reader.error(subPath, QStringLiteral("must be an object"));
                }
                auto subId = reader.text((*subs)[j], "id", subPath);
                auto subTitle = reader.text((*subs)[j], "title", subPath);
                if (!subId) {
                    return subId.error();
                }
                if (!subTitle) {
                    return subTitle.error();
                }
                if (sectionOfCheckId(*subId) != section.id || subsectionIds.contains(*subId)) {
                    return reader.error(subPath + QStringLiteral(".id"),
                                        QStringLiteral("\"%1\" is repeated or outside section %2")
                                            .arg(*subId, section.id));
                }
                subsectionIds.insert(*subId);
                section.subsections.append({*subId, *subTitle});
            }
        }
        catalogue.m_sections.append(section);
    }

    const auto checks = doc.find("checks");
    if (checks == doc.end() || !checks->is_array() || checks->empty()) {
        return reader.error(QStringLiteral("$.checks"),
                            QStringLiteral("must be a non-empty array"));
    }
    for (std::size_t i = 0; i < checks->size(); ++i) {
        const json &entry = (*checks)[i];
        QString path = QStringLiteral("$.checks[%1]").arg(i);
        if (!entry.is_object()) {
            return reader.error(path, QStringLiteral("must be an object"));
        }
        if (entry.contains("id") && entry["id"].is_string()) {
            path +=
                QStringLiteral(" (%1)").arg(QString::fromStdString(entry["id"].get<std::string>()));
        }
        for (const auto &member : entry.items()) {
            if (kCheckKeys.count(member.key()) == 0) {
                return reader.error(path + QLatin1Char('.') + QString::fromStdString(member.key()),
                                    QStringLiteral("is not a known field"));
            }
        }
        CheckInfo check;
        auto id = reader.text(entry, "id", path);
        auto section = reader.text(entry, "section", path);
        auto title = reader.text(entry, "title", path);
        auto severity = reader.text(entry, "severity", path);
        auto description = reader.text(entry, "description", path);
        auto rationale = reader.text(entry, "rationale", path);
        auto remediation = reader.text(entry, "remediation", path);
        auto impact = reader.text(entry, "impact", path);
        for (const auto *field :
             {&id, &section, &title, &severity, &description, &rationale, &remediation, &impact}) {
            if (!*field) {
                return field->error();
            }
        }
        check.id = *id;
        check.section = *section;
        check.title = *title;
        check.description = *description;
        check.rationale = *rationale;
        check.remediation = *remediation;
        check.impact = *impact;
        const auto level = severityFromName(*severity);
        if (!level) {
            return reader.error(
                path + QStringLiteral(".severity"),
                QStringLiteral("must be \"low\", \"medium\" or \"high\", not \"%1\"")
                    .arg(*severity));
        }
        check.severity = *level;

        const auto scored = entry.find("scored");
        if (scored == entry.end() || !scored->is_boolean()) {
            return reader.error(path + QStringLiteral(".scored"),
                                QStringLiteral("must be true or false"));
        }
        check.scored = scored->get<bool>();

        if (catalogue.m_index.contains(check.id)) {
            return reader.error(path + QStringLiteral(".id"),
                                QStringLiteral("repeats check \"%1\"").arg(check.id));
        }
        const SectionInfo *owner = catalogue.section(check.section);
        if (owner == nullptr || sectionOfCheckId(check.id) != check.section) {
            return reader.error(path + QStringLiteral(".section"),
                                QStringLiteral("\"%1\" is not a known section, or not the one "
                                               "its id belongs to")
                                    .arg(check.section));
        }
        if (entry.contains("subsection")) {
            auto subsection = reader.text(entry, "subsection", path);
            if (!subsection) {
                return subsection.error();
            }
            if (!subsectionIds.contains(*subsection) ||
                !check.id.startsWith(*subsection + QLatin1Char('.'))) {
                return reader.error(
                    path + QStringLiteral(".subsection"),
                    QStringLiteral("\"%1\" is not a known sub-section of this check")
                        .arg(*subsection));
            }
            check.subsection = *subsection;
        } else if (!owner->subsections.isEmpty()) {
            return reader.error(
                path + QStringLiteral(".subsection"),
                QStringLiteral("is missing; section %1 has sub-sections").arg(owner->id));
        }

        const auto references = entry.find("references");
        if (references == entry.end() || !references->is_array() || references->empty()) {
            return reader.error(path + QStringLiteral(".references"),
                                QStringLiteral("must be a non-empty array of strings"));
        }
        for (std::size_t j = 0; j < references->size(); ++j) {
            const json &reference = (*references)[j];
            if (!reference.is_string() || reference.get<std::string>().empty()) {
                return reader.error(path + QStringLiteral(".references[%1]").arg(j),
                                    QStringLiteral("must be a non-empty string"));
            }
            check.references.append(QString::fromStdString(reference.get<std::string>()));
        }

        catalogue.m_index.insert(check.id, int(catalogue.m_checks.size()));
        catalogue.m_checks.append(check);
        for (SectionInfo &candidate : catalogue.m_sections) {
            if (candidate.id == check.section) {
                candidate.checkIds.append(check.id);
            }
        }
    }
    for (const SectionInfo &section : catalogue.m_sections) {
        if (section.checkIds.isEmpty()) {
            return reader.error(QStringLiteral("$.sections"),
                                QStringLiteral("section %1 has no checks").arg(section.id));
        }
    }
    return catalogue;
}

QString Catalogue::label() const
{
    return QStringLiteral("%1 %2 / drydock %3").arg(m_name, m_benchmarkVersion).arg(m_version);
}

QStringList Catalogue::ids() const
{
    QStringList result;
    result.reserve(m_checks.size());
    for (const CheckInfo &check : m_checks) {
        result.append(check.id);
    }
    return result;
}

const CheckInfo *Catalogue::check(const QString &id) const
{
    const int index = indexOf(id);
    return index < 0 ? nullptr : &m_checks[index];
}

const SectionInfo *Catalogue::section(const QString &id) const
{
    for (const SectionInfo &candidate : m_sections) {
        if (candidate.id == id) {
            return &candidate;
        }
    }
    return nullptr;
}

Score Catalogue::score(const QList<Finding> &findings) const
{
    Score result;
    for (const Finding &finding : findings) {
        const CheckInfo *info = check(finding.checkId);
        if (info == nullptr || !info->scored) {
            continue;
        }
        if (finding.verdict == Verdict::Pass) {
            ++result.reference;
            ++result.scoredPassed;
            ++result.scoredApplicable;
        } else if (finding.verdict == Verdict::Warn) {
            --result.reference;
            ++result.scoredApplicable;
        }
    }
    return result;
}

const Result<Catalogue> &builtinCatalogue()
{
    static const Result<Catalogue> catalogue = []() -> Result<Catalogue> {
        QFile file(kResourcePath);
        if (!file.open(QIODevice::ReadOnly)) {
            return makeError(ErrorKind::Internal,
                             QStringLiteral("The check catalogue resource %1 is missing from "
                                            "this build.")
                                 .arg(kResourcePath));
        }
        return Catalogue::fromJson(file.readAll(), kResourcePath);
    }();
    return catalogue;
}

} // namespace drydock::bench
