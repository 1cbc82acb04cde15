// SPDX-License-Identifier: GPL-3.0-or-later
// Progress bars fed from background jobs.
#pragma once

class QProgressBar;

namespace drydock::ui {

// Shows `fraction` (0..1; negative: busy, no known end) on `bar`, painted
// with the window's next frame. QProgressBar::setValue() itself repaints at
// once, and with it every region of the window waiting to be painted: a
// whole results table when a job's last progress comes with its results.
void setProgressFraction(QProgressBar *bar, double fraction);

} // namespace drydock::ui
