// SPDX-License-Identifier: GPL-3.0-or-later
// The headless sub-commands. Each takes its own arguments (without the
// sub-command's name) and returns the process exit code (util/exitcode.h).
#pragma once

#include <QStringList>

namespace drydock::app {

int doctorCommand(const QStringList &args);
int benchCommand(const QStringList &args);
int trustCommand(const QStringList &args);
int labenvCommand(const QStringList &args);
int labCommand(const QStringList &args);
int reportCommand(const QStringList &args);

} // namespace drydock::app
