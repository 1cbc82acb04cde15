// SPDX-License-Identifier: GPL-3.0-or-later
// What a benchmark run produces: findings with evidence, the engine they
// were taken from, and the score.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace drydock::bench {

enum class Verdict {
    Pass,
    Warn,
    Info,
    Note,
    NotApplicable, // with the reason in Finding::reason
    Error,         // with the cause in Finding::reason
};

QString verdictName(Verdict verdict);  // "pass", "warn", ... "not_applicable", "error"
QString verdictLabel(Verdict verdict); // "PASS", "WARN", "INFO", "NOTE", "N/A", "ERROR"
std::optional<Verdict> verdictFromName(const QString &name);

// One offending (or, for a pass, examined) item.
struct Evidence
{
    QString kind;     // "container", "image", "file", "setting", "process", "network", ...
    QString item;     // a container's name, a path, a setting's name
    QString itemId;   // a container or image id, when there is one
    QString image;    // for containers: the image they run
    QString observed; // the value seen
    QString expected; // the value the check wants

    bool operator==(const Evidence &) const = default;
    // Identifies the item across runs (for comparison): kind + item.
    QString key() const { return kind + QLatin1Char(':') + item; }
};

struct Finding
{
    QString checkId; // "5.10"
    Verdict verdict = Verdict::Info;
    QString summary; // one line: what was found
    QString reason;  // why not applicable / the error's cause
    QList<Evidence> evidence;
};

struct EngineIdentity
{
    QString endpoint;       // unix:///var/run/docker.sock
    QString endpointSource; // "DOCKER_HOST", "default", ...
    QString engineId;       // /info ID
    QString hostName;       // /info Name
    QString serverVersion;
    QString apiVersion;
    QString operatingSystem;
    QString kernelVersion;
    bool rootless = false;
    bool podman = false;
    bool local = true; // host files were readable (meaningful when hostChecked)
    // False when the run selected no check that reads the host's files, so
    // their readability was not tried: `local` then says nothing.
    bool hostChecked = true;
};

struct Score
{
    int reference = 0; // +1 per scored pass, -1 per scored warn
    int scoredPassed = 0;
    int scoredApplicable = 0; // scored checks that were pass or warn
    double percent() const
    {
        return scoredApplicable == 0 ? 0.0 : 100.0 * scoredPassed / scoredApplicable;
    }
};

struct Run
{
    static constexpr int kSchemaVersion = 1;

    QString id; // "20261204T153011Z-1a2b3c", unique, sorts by time
    QDateTime startedAt;
    QDateTime finishedAt;
    QString catalogueVersion; // "CIS Docker Benchmark 1.6.0 / drydock 1"
    QString producer;         // "drydock 0.1.0" or "docker-bench-security 1.6.0" for imports
    EngineIdentity engine;
    QStringList selection; // the check ids that were asked for
    // The containers audited: a name pattern and labels, empty for all.
    QString containerPattern;
    QStringList containerLabels;
    QList<Finding> findings;
    Score score;
    bool partial = false; // cancelled or the engine vanished mid-run
    QString partialReason;

    const Finding *finding(const QString &checkId) const;
};

// A fresh run id for a run started at `startedAt`: "20261204T153011Z-1a2b3c"
// (UTC time, then six random hex digits so two runs in one second differ).
QString newRunId(const QDateTime &startedAt);

// Whether `id` can name a saved run: letters, digits, '.', '_' and '-' only,
// not starting with '.', at most 100 characters. Run ids become file names.
bool isValidRunId(const QString &id);

} // namespace drydock::bench
