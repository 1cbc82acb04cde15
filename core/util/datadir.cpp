// SPDX-License-Identifier: GPL-3.0-or-later
#include "datadir.h"

#include <QDir>
#include <QStandardPaths>

namespace drydock {

QString dataDir()
{
    const QString fromEnv = qEnvironmentVariable("DRYDOCK_DATA_DIR");
    if (!fromEnv.isEmpty()) {
        return QDir(fromEnv).absolutePath();
    }
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("drydock"));
}

QString dataPath(const QString &sub)
{
    return QDir(dataDir()).filePath(sub);
}

} // namespace drydock
