// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include "cli.h"
#include "util/exitcode.h"

namespace drydock::app {

// Placeholder until the report command lands; it refuses rather than pretends.
int reportCommand(const QStringList &)
{
    err() << "drydock report: not available in this build yet." << Qt::endl;
    return ExitBadInput;
}

} // namespace drydock::app
