// SPDX-License-Identifier: GPL-3.0-or-later
// The lab's base image, built offline: a root filesystem tar around
// Debian's busybox-static, made in memory for the engine's image import.
#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QString>

namespace drydock::trust {

// A tar (ustar) of /bin/busybox with applet links, /etc/passwd and group,
// /tmp, and /etc/drydock-image holding `marker` so images built from it
// differ. `busybox` is the static binary to include.
Result<QByteArray> busyboxRootfsTar(const QString &marker,
                                    const QString &busybox = QStringLiteral("/bin/busybox"));

} // namespace drydock::trust
