// SPDX-License-Identifier: GPL-3.0-or-later
// The docker CLI's reading of DOCKER_CONTENT_TRUST, shared by trust and bench.
#pragma once

#include <QString>

namespace drydock::docker {

// The docker CLI (cli/trust): a non-empty value turns content trust ON
// unless strconv.ParseBool reads it as false. So only "0", "f", "F",
// "false", "FALSE" and "False" are off; "1", "yes", " 0" and "garbage" are
// on. Failing open here would pull unsigned images, so nothing is trimmed
// or folded: the CLI does neither.
inline bool contentTrustOn(const QString &value)
{
    if (value.isEmpty()) {
        return false;
    }
    for (const char *off : {"0", "f", "F", "false", "FALSE", "False"}) {
        if (value == QLatin1String(off)) {
            return false;
        }
    }
    return true;
}

} // namespace drydock::docker
