// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenshots.h"

#include "engineconnection.h"
#include "mainwindow.h"
#include "util/logging.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QPixmap>
#include <QTimer>

#include <memory>

namespace drydock::ui {

namespace {

struct Walk
{
    MainWindow *window = nullptr;
    QDir directory;
    QStringList keys;
    int index = 0;
    QElapsedTimer settling;
    bool failed = false;
};

bool settled(const Walk &walk)
{
    if (walk.window->connection()->state() == EngineConnection::State::Connecting) {
        return false;
    }
    QWidget *view = walk.window->view(walk.keys.at(walk.index));
    // Views with background work set a "busy" property while it runs.
    return !view->property("busy").toBool();
}

void step(const std::shared_ptr<Walk> &walk)
{
    if (walk->index >= walk->keys.size()) {
        QApplication::exit(walk->failed ? 2 : 0);
        return;
    }
    // Let freshly shown views start and finish loading; 20 s at most each.
    const bool ready = walk->settling.elapsed() > 800 && settled(*walk);
    if (!ready && walk->settling.elapsed() < 20000) {
        QTimer::singleShot(200, walk->window, [walk] { step(walk); });
        return;
    }
    const QString key = walk->keys.at(walk->index);
    const QString path = walk->directory.filePath(key + QStringLiteral(".png"));
    if (!walk->window->grab().save(path)) {
        qCWarning(lcUi) << "cannot write" << path;
        walk->failed = true;
    }
    ++walk->index;
    if (walk->index < walk->keys.size()) {
        walk->window->showView(walk->keys.at(walk->index));
    }
    walk->settling.restart();
    QTimer::singleShot(200, walk->window, [walk] { step(walk); });
}

} // namespace

void takeScreenshots(MainWindow *window, const QString &directory)
{
    auto walk = std::make_shared<Walk>();
    walk->window = window;
    walk->directory = QDir(directory);
    walk->keys = window->viewKeys();
    if (!QDir().mkpath(directory)) {
        qCWarning(lcUi) << "cannot create" << directory;
        QTimer::singleShot(0, window, [] { QApplication::exit(2); });
        return;
    }
    window->showView(walk->keys.value(0));
    walk->settling.start();
    QTimer::singleShot(200, window, [walk] { step(walk); });
}

} // namespace drydock::ui
