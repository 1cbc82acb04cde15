// SPDX-License-Identifier: GPL-3.0-or-later
// Entry point of the window, called by app/main.cpp once QApplication exists.
#pragma once

#include <QStringList>

namespace drydock::ui {

// Opens the main window; `--screenshot DIR` writes each view to DIR as PNG
// and quits. Returns the exit code.
int runWorkbench(const QStringList &args);

} // namespace drydock::ui
