// SPDX-License-Identifier: GPL-3.0-or-later
// The Engine view: the engine's containers and images, refreshed in the
// background while the view is shown.
#pragma once

#include "bench/run.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QLabel;
class QTableView;
class QSortFilterProxyModel;

namespace drydock::ui {

class ContainerModel;
class EngineConnection;
class ImageModel;
class PostureCard;

class EngineView : public QWidget
{
    Q_OBJECT
public:
    explicit EngineView(EngineConnection *connection, QWidget *parent = nullptr);

    void refresh();
    bool isBusy() const { return m_busy; }

    QTableView *containerTable() const { return m_containerTable; }
    ContainerModel *containerModel() const { return m_containers; }
    PostureCard *postureCard() const { return m_card; }
    // Selects the container with this id (or name) and shows its card.
    bool selectContainer(const QString &idOrName);

    // Screenshot walk: shows the card of the container the latest run
    // found most wrong with, else of the first one.
    Q_INVOKABLE void prepareScreenshot();
    // The latest benchmark run, for the card's findings.
    void setLatestRun(std::shared_ptr<const bench::Run> run);

Q_SIGNALS:
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QString selectedContainerId() const;
    void updateBusy();

    EngineConnection *m_connection = nullptr;
    PostureCard *m_card = nullptr;
    std::shared_ptr<const bench::Run> m_latestRun;
    ContainerModel *m_containers = nullptr;
    ImageModel *m_images = nullptr;
    QTableView *m_containerTable = nullptr;
    QTableView *m_imageTable = nullptr;
    QLabel *m_status = nullptr;
    QTimer m_timer;
    bool m_busy = false;
};

} // namespace drydock::ui
