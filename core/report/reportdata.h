// SPDX-License-Identifier: GPL-3.0-or-later
// What a lab report is made of: who made it, the benchmark runs, the lab
// progress and the content-trust outcomes, each as the report shows it.
#pragma once

#include "bench/run.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace drydock::report {

enum class Format {
    Pdf,
    Html,
    Json,
};

enum class PageSize {
    A4,
    Letter,
};

QString formatName(Format format); // "pdf", "html", "json"
std::optional<Format> formatFromName(const QString &name);
QString pageSizeName(PageSize size); // "a4", "letter"
std::optional<PageSize> pageSizeFromName(const QString &name);

// The fields a student fills in, and what the report says about itself.
struct ReportMeta
{
    QString labTitle; // empty: "Container security lab"
    QString studentName;
    QString studentId; // optional
    QString course;
    QString instructor;
    QDateTime generatedAt;
    QString drydockVersion;
};

struct StepAnswer
{
    QString questionId;
    QString question;
    QString answer; // empty: not answered
};

struct StepReport
{
    QString id;
    QString title;
    QString status; // "done", "in progress", "not started", "failed", "skipped"
    QDateTime startedAt;
    QDateTime completedAt;
    bool optional = false;
    QString verification;            // what the verification found; empty: none ran
    std::optional<bool> checkPassed; // the last verification's outcome; none: never checked
    QDateTime checkedAt;
    QStringList checkMissing; // what the last failing verification said was missing
    bool verifiable = false;  // the lab verifies the step (else the student marks it done)
    int hintsRevealed = 0;
    int hintCount = 0;
    QList<StepAnswer> answers;
    QStringList runIds; // benchmark runs attached to the step
};

struct LabReport
{
    QString id;
    QString title;
    QString version;
    QString progressVersion; // the lab's version when the student started it
    QString user;            // whose progress it is
    QDateTime startedAt;
    QDateTime updatedAt;
    QList<StepReport> steps;

    int doneCount() const;
    int requiredCount() const;     // steps that are not optional
    int requiredDoneCount() const; // of those, the ones done
};

// One content-trust event: a pull with Docker Content Trust on or off.
struct TrustOutcome
{
    QDateTime at;
    QString action; // "inspect", "pull", "run"
    QString image;  // as asked for: "localhost:5000/app:1.0"
    QString digest; // what it resolved to, when it did
    QStringList signers;
    bool trustEnabled = false;
    bool refused = false;
    QString reason; // why it was refused, or a note
};

// One input the report was made from, in the exact bytes its digest covers.
struct EvidenceInput
{
    QString kind;   // "run", "progress", "trust"
    QString name;   // run id, lab id, "trust-history"
    QString source; // the file it came from, when it came from one
    QByteArray canonical;
};

struct ReportData
{
    ReportMeta meta;
    // Oldest first; the last is the one the findings section shows.
    QList<bench::Run> runs;
    bool compare = false; // show before/after when there are two runs
    std::optional<LabReport> lab;
    QList<TrustOutcome> trust;
    bool trustAvailable = false; // a trust history was read (it may be empty)
    QList<EvidenceInput> inputs;

    const bench::Run *current() const { return runs.isEmpty() ? nullptr : &runs.last(); }
    const bench::Run *previous() const
    {
        return compare && runs.size() >= 2 ? &runs[runs.size() - 2] : nullptr;
    }
};

// Failing means WARN: the verdict a check gives when the engine does not
// follow the recommendation. Errors are not failures of the engine.
bool isFailing(bench::Verdict verdict);

// Counts of each verdict in a run, in Verdict order.
struct VerdictCounts
{
    int pass = 0;
    int warn = 0;
    int info = 0;
    int note = 0;
    int notApplicable = 0;
    int error = 0;
    int total() const { return pass + warn + info + note + notApplicable + error; }
    int of(bench::Verdict verdict) const;
};
VerdictCounts countVerdicts(const bench::Run &run);

// Per-section pass / warn / other counts, in catalogue order, for the bars.
struct SectionCounts
{
    QString id;
    QString title;
    int pass = 0;
    int warn = 0;
    int other = 0;
};
QList<SectionCounts> countSections(const bench::Run &run);

QString reportTitle(const ReportData &data);

} // namespace drydock::report
