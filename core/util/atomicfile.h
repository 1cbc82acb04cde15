// SPDX-License-Identifier: GPL-3.0-or-later
// Writing user data so that a crash mid-write never loses what was there.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace drydock {

// Writes to a temporary file beside `path`, flushes it to disk, then renames
// it over `path`: readers see the old content or the new, never a mix.
// Creates missing parent folders.
Result<void> writeFileAtomically(const QString &path, const QByteArray &data);

// Reads a whole file, refusing anything larger than maxBytes.
Result<QByteArray> readFileLimited(const QString &path, qint64 maxBytes = 64 * 1024 * 1024);

} // namespace drydock
