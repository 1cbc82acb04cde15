// SPDX-License-Identifier: GPL-3.0-or-later
// Writing user data so that a crash mid-write never loses what was there.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace drydock {

// Writes to a temporary file beside `path`, flushes it to disk, then renames
// it over `path`: readers see the old content or the new, never a mix.
// Creates missing parent folders. Refuses a `path` that is a symbolic link
// rather than write to wherever it points.
Result<void> writeFileAtomically(const QString &path, const QByteArray &data);

// Runs `update` (typically: read `path`, change it, write it atomically)
// while holding a lock file beside `path`, so that two processes changing
// the same file (the window and the CLI, two scripts) take turns instead of
// one silently dropping the other's change. Waits up to 10 s for the
// other; a process that dies holding the lock releases it at once.
Result<void> updateFileLocked(const QString &path, const std::function<Result<void>()> &update);

// Reads a whole file, refusing anything larger than maxBytes.
Result<QByteArray> readFileLimited(const QString &path, qint64 maxBytes = 64 * 1024 * 1024);

} // namespace drydock
