// SPDX-License-Identifier: GPL-3.0-or-later
#include "workbench.h"

#include "mainwindow.h"
#include "screenshots.h"

#include <QApplication>
#include <QCommandLineParser>

namespace drydock::ui {

int runWorkbench(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("drydock", "Drydock: a workbench for container-security labs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("drydock", "Write a PNG of each view to DIR, then quit."),
        QStringLiteral("DIR"));
    parser.addOption(screenshot);
    QStringList full = args;
    full.prepend(QApplication::applicationFilePath());
    parser.process(full);

    MainWindow window;
    window.show();
    if (parser.isSet(screenshot)) {
        takeScreenshots(&window, parser.value(screenshot));
    }
    return QApplication::exec();
}

} // namespace drydock::ui
