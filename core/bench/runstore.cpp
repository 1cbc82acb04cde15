// SPDX-License-Identifier: GPL-3.0-or-later
// Saving, loading and listing runs.
#include "runstore.h"

#include "runjson.h"
#include "util/atomicfile.h"
#include "util/datadir.h"
#include "util/logging.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace drydock::bench {

namespace {

// Run files are small; anything far larger is not one of ours.
constexpr qint64 kMaxRunFileBytes = 256LL * 1024 * 1024;

} // namespace

RunStore::RunStore() : m_folder(dataPath(QStringLiteral("runs"))) {}

RunStore::RunStore(QString folder) : m_folder(std::move(folder)) {}

QString RunStore::pathFor(const QString &runId) const
{
    return QDir(m_folder).filePath(runId + QStringLiteral(".json"));
}

Result<QString> RunStore::save(const Run &run) const
{
    if (!isValidRunId(run.id)) {
        return makeError(ErrorKind::Internal,
                         QStringLiteral("Cannot save a run whose id \"%1\" is not a valid file "
                                        "name.")
                             .arg(run.id));
    }
    const QString path = pathFor(run.id);
    const auto written = writeFileAtomically(path, runToJson(run));
    if (!written) {
        return written.error();
    }
    return path;
}

Result<Run> RunStore::load(const QString &idOrPath) const
{
    const bool isPath =
        idOrPath.contains(QLatin1Char('/')) || idOrPath.endsWith(QLatin1String(".json"));
    QString path;
    if (isPath) {
        path = idOrPath;
    } else {
        if (!isValidRunId(idOrPath)) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("\"%1\" is not a run id.").arg(idOrPath),
                             QStringLiteral("Give a saved run's id or the path of a run file."));
        }
        path = pathFor(idOrPath);
        if (!QFileInfo::exists(path)) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("No saved run \"%1\" in %2.").arg(idOrPath, m_folder),
                             QStringLiteral("List the saved runs to see their ids."));
        }
    }
    const auto data = readFileLimited(path, kMaxRunFileBytes);
    if (!data) {
        return data.error();
    }
    return runFromJson(*data, path);
}

QList<SavedRunInfo> RunStore::list(QStringList *problems) const
{
    QList<SavedRunInfo> result;
    const QDir dir(m_folder);
    const QStringList names =
        dir.entryList({QStringLiteral("*.json")}, QDir::Files | QDir::Readable, QDir::Name);
    for (const QString &name : names) {
        const QString path = dir.filePath(name);
        const auto data = readFileLimited(path, kMaxRunFileBytes);
        auto run = data ? runFromJson(*data, path) : Result<Run>(data.error());
        if (!run) {
            // Said every time, not only when a caller asks: otherwise
            // "latest" silently becomes an older run and the user never
            // learns why their newest run is not the one used.
            qCWarning(lcBench).noquote()
                << "skipped a saved run that cannot be read:" << run.error().message;
            if (problems != nullptr) {
                problems->append(run.error().message);
            }
            continue;
        }
        SavedRunInfo info;
        info.id = run->id;
        info.path = path;
        info.startedAt = run->startedAt;
        info.producer = run->producer;
        info.endpoint = run->engine.endpoint;
        info.score = run->score;
        info.partial = run->partial;
        result.append(info);
    }
    std::sort(result.begin(), result.end(), [](const SavedRunInfo &a, const SavedRunInfo &b) {
        if (a.startedAt != b.startedAt) {
            return a.startedAt > b.startedAt;
        }
        return a.id > b.id;
    });
    return result;
}

Result<Run> RunStore::latest() const
{
    QStringList problems;
    const QList<SavedRunInfo> runs = list(&problems);
    if (runs.isEmpty() && !problems.isEmpty()) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("There is no readable saved run in %1: %2 run file(s) "
                                        "could not be read (%3)")
                             .arg(m_folder)
                             .arg(problems.size())
                             .arg(problems.join(QStringLiteral("; "))),
                         QStringLiteral("Move the damaged files away and run \"drydock bench "
                                        "--save\"."));
    }
    if (runs.isEmpty()) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("There is no saved run in %1.").arg(m_folder),
                         QStringLiteral("Run \"drydock bench --save\" first."));
    }
    return load(runs.first().path);
}

} // namespace drydock::bench
