// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

namespace drydock::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent) {}

} // namespace drydock::ui
