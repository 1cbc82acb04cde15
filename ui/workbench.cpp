// SPDX-License-Identifier: GPL-3.0-or-later
#include "workbench.h"

#include "mainwindow.h"
#include "screenshots.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPalette>

namespace drydock::ui {

namespace {

// Fusion with a dark palette: every view draws from palette roles, so this
// is all a dark theme needs.
void useDarkPalette()
{
    QApplication::setStyle(QStringLiteral("Fusion"));
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabled);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4d));
    palette.setColor(QPalette::Midlight, QColor(0x3a, 0x3c, 0x40));
    palette.setColor(QPalette::Mid, QColor(0x55, 0x58, 0x5d));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    palette.setColor(QPalette::Shadow, Qt::black);
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x7c, 0xb3, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xff));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        palette.setColor(QPalette::Disabled, role, disabled);
    }
    QApplication::setPalette(palette);
}

} // namespace

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
    const QCommandLineOption dark(
        QStringLiteral("dark"),
        QApplication::translate("drydock", "Use a dark palette (where the desktop gives none)."));
    parser.addOption(dark);
    QStringList full = args;
    full.prepend(QApplication::applicationFilePath());
    parser.process(full);

    if (parser.isSet(dark)) {
        useDarkPalette();
    }
    MainWindow window;
    window.show();
    if (parser.isSet(screenshot)) {
        takeScreenshots(&window, parser.value(screenshot));
    }
    return QApplication::exec();
}

} // namespace drydock::ui
