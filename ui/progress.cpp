// SPDX-License-Identifier: GPL-3.0-or-later
#include "progress.h"

#include <QProgressBar>

namespace drydock::ui {

void setProgressFraction(QProgressBar *bar, double fraction)
{
    // repaint() does nothing while updates are off; turning them back on
    // schedules an ordinary update.
    bar->setUpdatesEnabled(false);
    if (fraction < 0) {
        bar->setRange(0, 0);
    } else {
        bar->setRange(0, 1000);
        bar->setValue(int(fraction * 1000));
    }
    bar->setUpdatesEnabled(true);
}

} // namespace drydock::ui
