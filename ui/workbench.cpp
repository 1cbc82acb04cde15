// SPDX-License-Identifier: GPL-3.0-or-later
#include "workbench.h"

#include "mainwindow.h"

#include <QApplication>

namespace drydock::ui {

int runWorkbench(const QStringList &args)
{
    Q_UNUSED(args);
    MainWindow window;
    window.show();
    return QApplication::exec();
}

} // namespace drydock::ui
