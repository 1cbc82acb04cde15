// SPDX-License-Identifier: GPL-3.0-or-later
// Finding and loading the shipped and user labs.
#include "catalog.h"

#include "util/datadir.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>

namespace drydock::labs {

QString shippedLabsFolder()
{
    const QString fromEnv = qEnvironmentVariable("DRYDOCK_LABS_DIR");
    if (!fromEnv.isEmpty()) {
        return QDir(fromEnv).absolutePath();
    }
    if (QCoreApplication::instance()) {
        const QString installed = QDir(QCoreApplication::applicationDirPath())
                                      .absoluteFilePath(QStringLiteral("../share/drydock/labs"));
        if (QFileInfo(installed).isDir()) {
            return QDir::cleanPath(installed);
        }
    }
    return QStringLiteral(DRYDOCK_SOURCE_LABS_DIR);
}

QString userLabsFolder()
{
    return dataPath(QStringLiteral("labs"));
}

QList<LabEntry> discoverLabs(const QStringList &folders)
{
    QList<LabEntry> entries;
    QHash<QString, QString> seen; // id -> path
    const QString shipped = QDir::cleanPath(shippedLabsFolder());
    for (const QString &folder : folders) {
        const QDir dir(folder);
        if (!dir.exists()) {
            continue;
        }
        QStringList files;
        for (const QFileInfo &info :
             dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            files.append(info.absoluteFilePath());
        }
        for (const QFileInfo &sub :
             dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            const QString lab = QDir(sub.absoluteFilePath()).filePath(QStringLiteral("lab.json"));
            if (QFileInfo(lab).isFile()) {
                files.append(lab);
            }
        }
        for (const QString &file : files) {
            LabEntry entry;
            entry.path = file;
            entry.shipped = QDir::cleanPath(folder) == shipped;
            LabLoad load = loadLabFile(file);
            if (load.ok() && seen.contains(load.lab->id)) {
                entry.diagnostics.append(
                    {file,
                     {},
                     QStringLiteral("/id"),
                     QStringLiteral("a lab with id \"%1\" is already loaded from %2")
                         .arg(load.lab->id, seen.value(load.lab->id))});
            } else if (load.ok()) {
                seen.insert(load.lab->id, file);
                entry.lab = std::move(load.lab);
            } else {
                entry.diagnostics = load.diagnostics;
            }
            entries.append(entry);
        }
    }
    return entries;
}

Result<Lab> findLab(const QString &idOrPath, const QStringList &folders)
{
    if (idOrPath.endsWith(QLatin1String(".json")) || idOrPath.contains(QLatin1Char('/'))) {
        LabLoad load = loadLabFile(idOrPath);
        if (!load.ok()) {
            return diagnosticsError(load.diagnostics);
        }
        return std::move(*load.lab);
    }
    QStringList known;
    for (LabEntry &entry : discoverLabs(folders)) {
        if (entry.lab && entry.lab->id == idOrPath) {
            return std::move(*entry.lab);
        }
        if (entry.lab) {
            known.append(entry.lab->id);
        }
    }
    return makeError(ErrorKind::BadInput, QStringLiteral("There is no lab \"%1\".").arg(idOrPath),
                     known.isEmpty()
                         ? QStringLiteral("No lab was found; see `drydock lab list`.")
                         : QStringLiteral("Known labs: %1.").arg(known.join(QStringLiteral(", "))));
}

} // namespace drydock::labs
