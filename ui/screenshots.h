// SPDX-License-Identifier: GPL-3.0-or-later
// `drydock --screenshot DIR`: each main view, with live data, to a PNG.
#pragma once

#include <QObject>
#include <QString>

namespace drydock::ui {

class MainWindow;

// Walks the views of `window` one by one, waits until each has settled
// (no view reports a "busy" property, bounded by a deadline), lets it
// prepare (a view's invokable prepareScreenshot()), grabs it to
// DIR/<view>.png, then each page its "screenshotPages" property names
// (shown through its invokable showPage(QString)) to DIR/<view>-<page>.png.
// Quits the application with 0, or 2 on a write error.
void takeScreenshots(MainWindow *window, const QString &directory);

} // namespace drydock::ui
