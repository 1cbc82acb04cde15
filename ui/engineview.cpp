// SPDX-License-Identifier: GPL-3.0-or-later
#include "engineview.h"

#include "containermodel.h"
#include "engineconnection.h"
#include "util/job.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace drydock::ui {

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent, const QString &name)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(Qt::UserRole);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    auto *table = new QTableView(parent);
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setAccessibleName(name);
    return table;
}

struct EngineLists
{
    QList<docker::ContainerSummary> containers;
    QList<docker::ImageSummary> images;
};

} // namespace

EngineView::EngineView(EngineConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection)
{
    m_containers = new ContainerModel(this);
    m_images = new ImageModel(this);
    m_containerTable = makeTable(m_containers, this, tr("Containers"));
    m_imageTable = makeTable(m_images, this, tr("Images"));
    // Sorting uses the display text except where a model offers a number.
    for (QTableView *table : {m_containerTable, m_imageTable}) {
        qobject_cast<QSortFilterProxyModel *>(table->model())->setSortRole(Qt::DisplayRole);
    }

    m_status = new QLabel(this);
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setShortcut(QKeySequence::Refresh);
    refreshButton->setToolTip(tr("Refresh the lists (F5)"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(refreshButton);

    auto *containersBox = new QWidget(this);
    auto *containersLayout = new QVBoxLayout(containersBox);
    containersLayout->setContentsMargins(0, 0, 0, 0);
    containersLayout->addWidget(new QLabel(tr("<b>Containers</b>"), containersBox));
    containersLayout->addWidget(m_containerTable);
    auto *imagesBox = new QWidget(this);
    auto *imagesLayout = new QVBoxLayout(imagesBox);
    imagesLayout->setContentsMargins(0, 0, 0, 0);
    imagesLayout->addWidget(new QLabel(tr("<b>Images</b>"), imagesBox));
    imagesLayout->addWidget(m_imageTable);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(containersBox);
    splitter->addWidget(imagesBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(refreshButton, &QPushButton::clicked, this, &EngineView::refresh);
    connect(m_connection, &EngineConnection::stateChanged, this, [this] { refresh(); });
    m_timer.setInterval(10000);
    connect(&m_timer, &QTimer::timeout, this, &EngineView::refresh);
}

void EngineView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_timer.start();
    refresh();
}

void EngineView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer.stop();
}

void EngineView::refresh()
{
    const auto client = m_connection->client();
    if (!client) {
        m_status->setText(tr("The engine is not connected; see the bar above."));
        return;
    }
    if (m_busy) {
        return;
    }
    m_busy = true;
    m_status->setText(tr("Loading…"));
    runJob<EngineLists>(
        this,
        [client](const JobContext &context) -> Result<EngineLists> {
            EngineLists lists;
            auto containers = client->containers({}, context.cancel());
            if (!containers) {
                return containers.error();
            }
            lists.containers = std::move(*containers);
            auto images = client->images(context.cancel());
            if (!images) {
                return images.error();
            }
            lists.images = std::move(*images);
            return lists;
        },
        [this](const Result<EngineLists> &lists) {
            m_busy = false;
            if (!lists) {
                m_status->setText(tr("Could not list: %1").arg(lists.error().text()));
                Q_EMIT refreshed();
                return;
            }
            m_containers->setContainers(lists->containers);
            m_images->setImages(lists->images);
            for (QTableView *table : {m_containerTable, m_imageTable}) {
                table->resizeColumnsToContents();
            }
            int running = 0;
            for (const auto &container : lists->containers) {
                running += container.state == QLatin1String("running") ? 1 : 0;
            }
            m_status->setText(tr("%n container(s), %1 running; %2 image(s).", nullptr,
                                 int(lists->containers.size()))
                                  .arg(running)
                                  .arg(lists->images.size()));
            Q_EMIT refreshed();
        });
}

} // namespace drydock::ui
