// SPDX-License-Identifier: GPL-3.0-or-later
// Where Drydock keeps the user's runs, lab progress and trust store.
#pragma once

#include <QString>

namespace drydock {

// $DRYDOCK_DATA_DIR when set (tests, portable installs), else the platform's
// per-user application data folder (~/.local/share/drydock on Linux).
QString dataDir();

// A sub-folder of dataDir(), e.g. "runs", "progress", "trust".
QString dataPath(const QString &sub);

} // namespace drydock
