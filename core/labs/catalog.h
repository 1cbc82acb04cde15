// SPDX-License-Identifier: GPL-3.0-or-later
// Where labs are found: the labs shipped with Drydock and the user's own
// (dataPath("labs")), each loaded and validated.
#pragma once

#include "lab.h"
#include "labloader.h"
#include "util/result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace drydock::labs {

struct LabEntry
{
    QString path;
    bool shipped = false;
    std::optional<Lab> lab;           // when it loaded
    QList<LabDiagnostic> diagnostics; // when it did not
};

// The shipped labs' folder: $DRYDOCK_LABS_DIR, else share/drydock/labs
// beside the program, else the source tree's labs/ (a build not installed).
QString shippedLabsFolder();
// The user's labs: dataPath("labs").
QString userLabsFolder();

// Every lab file (*.json, or <folder>/lab.json one level down) of the
// shipped and user folders, shipped first, sorted by file name. A second
// lab with an id already seen is reported, not loaded.
QList<LabEntry> discoverLabs(const QStringList &folders = {shippedLabsFolder(), userLabsFolder()});

// A lab by id among discoverLabs(), or by the path of its file.
Result<Lab> findLab(const QString &idOrPath,
                    const QStringList &folders = {shippedLabsFolder(), userLabsFolder()});

} // namespace drydock::labs
