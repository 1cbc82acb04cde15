// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenshots.h"

#include "engineconnection.h"
#include "mainwindow.h"
#include "util/logging.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMetaMethod>
#include <QPixmap>
#include <QTimer>

#include <memory>

namespace drydock::ui {

namespace {

// One picture: a view, and optionally one of its pages ("bench-history").
struct Shot
{
    QString key;
    QString page;
    QString file; // the PNG's name without .png
};

struct Walk
{
    MainWindow *window = nullptr;
    QDir directory;
    QList<Shot> shots;
    int index = 0;
    bool prepared = false; // prepareScreenshot / showPage called for this shot
    QElapsedTimer settling;
    bool failed = false;
};

bool hasMethod(QObject *object, const char *signature)
{
    return object->metaObject()->indexOfMethod(signature) >= 0;
}

bool settled(const Walk &walk)
{
    if (walk.window->connection()->state() == EngineConnection::State::Connecting) {
        return false;
    }
    QWidget *view = walk.window->view(walk.shots.at(walk.index).key);
    // Views with background work set a "busy" property while it runs.
    return !view->property("busy").toBool();
}

void showShot(Walk &walk)
{
    const Shot &shot = walk.shots.at(walk.index);
    walk.window->showView(shot.key);
    QWidget *view = walk.window->view(shot.key);
    if (shot.page.isEmpty() && hasMethod(view, "showPage(QString)")) {
        QMetaObject::invokeMethod(view, "showPage", Q_ARG(QString, QString()));
    }
    walk.prepared = false;
    walk.settling.restart();
}

void step(const std::shared_ptr<Walk> &walk)
{
    if (walk->index >= walk->shots.size()) {
        QApplication::exit(walk->failed ? 2 : 0);
        return;
    }
    // Let a freshly shown view start and finish loading, then let it
    // prepare (a view may start a run, or select something to show) and
    // settle again; a minute at most for each picture.
    const bool ready = walk->settling.elapsed() > 800 && settled(*walk);
    if (!ready && walk->settling.elapsed() < 60000) {
        QTimer::singleShot(200, walk->window, [walk] { step(walk); });
        return;
    }
    const Shot &shot = walk->shots.at(walk->index);
    QWidget *view = walk->window->view(shot.key);
    if (!walk->prepared) {
        walk->prepared = true;
        bool asked = false;
        if (!shot.page.isEmpty()) {
            asked = QMetaObject::invokeMethod(view, "showPage", Q_ARG(QString, shot.page));
        } else if (hasMethod(view, "prepareScreenshot()")) {
            asked = QMetaObject::invokeMethod(view, "prepareScreenshot");
        }
        if (asked) {
            walk->settling.restart();
            QTimer::singleShot(200, walk->window, [walk] { step(walk); });
            return;
        }
    }
    const QString path = walk->directory.filePath(shot.file + QStringLiteral(".png"));
    if (!walk->window->grab().save(path)) {
        qCWarning(lcUi) << "cannot write" << path;
        walk->failed = true;
    }
    ++walk->index;
    if (walk->index < walk->shots.size()) {
        showShot(*walk);
    }
    QTimer::singleShot(200, walk->window, [walk] { step(walk); });
}

} // namespace

void takeScreenshots(MainWindow *window, const QString &directory)
{
    auto walk = std::make_shared<Walk>();
    walk->window = window;
    walk->directory = QDir(directory);
    const QStringList keys = window->viewKeys();
    for (const QString &key : keys) {
        walk->shots.append({key, {}, key});
        QWidget *view = window->view(key);
        const QStringList pages = view->property("screenshotPages").toStringList();
        // A view may name a page's picture itself (labs: presenter.png).
        const QVariantMap files = view->property("screenshotFileNames").toMap();
        for (const QString &page : pages) {
            walk->shots.append(
                {key, page, files.value(page, QString(key + QLatin1Char('-') + page)).toString()});
        }
    }
    if (!QDir().mkpath(directory)) {
        qCWarning(lcUi) << "cannot create" << directory;
        QTimer::singleShot(0, window, [] { QApplication::exit(2); });
        return;
    }
    walk->settling.start();
    showShot(*walk);
    QTimer::singleShot(200, window, [walk] { step(walk); });
}

} // namespace drydock::ui
