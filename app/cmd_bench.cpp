// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include "cli.h"
#include "util/exitcode.h"

namespace drydock::app {

// Placeholder until the bench command lands; it refuses rather than pretends.
int benchCommand(const QStringList &)
{
    err() << "drydock bench: not available in this build yet." << Qt::endl;
    return ExitBadInput;
}

} // namespace drydock::app
