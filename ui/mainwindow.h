// SPDX-License-Identifier: GPL-3.0-or-later
// The workbench's main window.
#pragma once

#include <QMainWindow>

namespace drydock::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace drydock::ui
