// SPDX-License-Identifier: GPL-3.0-or-later
// The check catalogue: every check's texts (title, rationale, remediation...)
// read from the resource :/drydock/checks/cis-docker-1.6.json.
#pragma once

#include "run.h"
#include "util/result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace drydock::bench {

struct SubsectionInfo
{
    QString id;    // "1.1"
    QString title; // "Linux host configuration"
};

struct SectionInfo
{
    QString id;    // "5"
    QString key;   // "container_runtime"
    QString title; // "Container Runtime"
    QList<SubsectionInfo> subsections;
    QStringList checkIds; // in catalogue order
};

enum class Severity {
    Low,
    Medium,
    High,
};

struct CheckInfo
{
    QString id;         // "5.10"
    QString section;    // "5"
    QString subsection; // "1.1", empty when the section has none
    QString title;
    bool scored = false; // counts towards the reference score
    Severity severity = Severity::Medium;
    QString description;
    QString rationale;
    QString remediation;
    QString impact;
    QStringList references; // URLs or document names

    // The SARIF "security-severity" figure for this check, "0.0".."10.0".
    QString securitySeverity() const;
};

QString severityName(Severity severity); // "low", "medium", "high"

class Catalogue
{
public:
    // Parses and validates a catalogue document; `origin` names it in errors.
    static Result<Catalogue> fromJson(const QByteArray &json, const QString &origin);

    QString name() const { return m_name; }                         // "CIS Docker Benchmark"
    QString benchmarkVersion() const { return m_benchmarkVersion; } // "1.6.0"
    int version() const { return m_version; } // Drydock's revision of the texts
    // "CIS Docker Benchmark 1.6.0 / drydock 1", what Run::catalogueVersion holds.
    QString label() const;

    const QList<SectionInfo> &sections() const { return m_sections; }
    const QList<CheckInfo> &checks() const { return m_checks; }
    QStringList ids() const;

    const CheckInfo *check(const QString &id) const;
    const SectionInfo *section(const QString &id) const;
    // Position in catalogue order, -1 when unknown.
    int indexOf(const QString &checkId) const { return m_index.value(checkId, -1); }

    // The reference score of `findings`: +1 per scored pass, -1 per scored
    // warn; the percentage counts the scored checks that were pass or warn.
    // Checks the catalogue does not know are not scored.
    Score score(const QList<Finding> &findings) const;

private:
    QString m_name;
    QString m_benchmarkVersion;
    int m_version = 0;
    QList<SectionInfo> m_sections;
    QList<CheckInfo> m_checks;
    QHash<QString, int> m_index;
};

// The catalogue compiled into Drydock, parsed once. An error here means the
// build shipped a broken resource; the tests make sure it does not.
const Result<Catalogue> &builtinCatalogue();

// The section a check id belongs to, from the id itself: "5.10" -> "5".
QString sectionOfCheckId(const QString &checkId);

} // namespace drydock::bench
