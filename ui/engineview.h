// SPDX-License-Identifier: GPL-3.0-or-later
// The Engine view: the engine's containers and images, refreshed in the
// background while the view is shown.
#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QTableView;
class QSortFilterProxyModel;

namespace drydock::ui {

class ContainerModel;
class EngineConnection;
class ImageModel;

class EngineView : public QWidget
{
    Q_OBJECT
public:
    explicit EngineView(EngineConnection *connection, QWidget *parent = nullptr);

    void refresh();
    bool isBusy() const { return m_busy; }

    // Where a view can add more per-container content (the posture card).
    QTableView *containerTable() const { return m_containerTable; }
    ContainerModel *containerModel() const { return m_containers; }

Q_SIGNALS:
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    EngineConnection *m_connection = nullptr;
    ContainerModel *m_containers = nullptr;
    ImageModel *m_images = nullptr;
    QTableView *m_containerTable = nullptr;
    QTableView *m_imageTable = nullptr;
    QLabel *m_status = nullptr;
    QTimer m_timer;
    bool m_busy = false;
};

} // namespace drydock::ui
