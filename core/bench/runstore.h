// SPDX-License-Identifier: GPL-3.0-or-later
// Saved runs: one JSON document per run in the user's data folder.
#pragma once

#include "run.h"
#include "util/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace drydock::bench {

struct SavedRunInfo
{
    QString id;
    QString path;
    QDateTime startedAt;
    QString producer;
    QString endpoint;
    Score score;
    bool partial = false;
};

class RunStore
{
public:
    // The user's runs: dataPath("runs").
    RunStore();
    // A store in `folder` (tests, or a run folder the user chose).
    explicit RunStore(QString folder);

    QString folder() const { return m_folder; }
    QString pathFor(const QString &runId) const; // <folder>/<id>.json

    // Writes the run atomically: a reader sees the old file or the new one,
    // and a failed write leaves an existing file as it was.
    Result<QString> save(const Run &run) const;

    // Loads a run by id, or from a path to a run file (anything containing
    // '/' or ending in ".json").
    Result<Run> load(const QString &idOrPath) const;

    // The saved runs, newest first (by start time, then id). Files that do
    // not load are skipped, each logged as a warning (lcBench, on stderr)
    // naming the file and why, and also added to `problems` when it is given.
    QList<SavedRunInfo> list(QStringList *problems = nullptr) const;

    // The newest readable saved run; an error when there is none. Damaged
    // files are skipped with a warning, as in list().
    Result<Run> latest() const;

private:
    QString m_folder;
};

} // namespace drydock::bench
