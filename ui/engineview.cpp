// SPDX-License-Identifier: GPL-3.0-or-later
#include "engineview.h"

#include "containermodel.h"
#include "engineconnection.h"
#include "posturecard.h"
#include "util/job.h"

#include <QHash>
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
    table->setWordWrap(false);
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

    m_card = new PostureCard(m_connection, this);
    auto *sides = new QSplitter(Qt::Horizontal, this);
    sides->addWidget(splitter);
    sides->addWidget(m_card);
    sides->setStretchFactor(0, 1);
    sides->setStretchFactor(1, 1);
    sides->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(sides, 1);

    connect(m_containerTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { m_card->showContainer(selectedContainerId()); });
    connect(m_card, &PostureCard::loaded, this, &EngineView::updateBusy);

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
    updateBusy();
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
            updateBusy();
            if (!lists) {
                m_status->setText(tr("Could not list: %1").arg(lists.error().text()));
                Q_EMIT refreshed();
                return;
            }
            // The model is reset: keep the selected container selected.
            const QString selected = selectedContainerId();
            {
                const QSignalBlocker blocker(m_containerTable->selectionModel());
                m_containers->setContainers(lists->containers);
            }
            if (!selected.isEmpty() && !selectContainer(selected)) {
                m_card->clearContainer();
            }
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

QString EngineView::selectedContainerId() const
{
    const QModelIndex current = m_containerTable->currentIndex();
    if (!current.isValid() || !m_containerTable->selectionModel()->isRowSelected(current.row())) {
        return m_card ? m_card->containerId() : QString();
    }
    return current.data(ContainerModel::FullIdRole).toString();
}

bool EngineView::selectContainer(const QString &idOrName)
{
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(m_containerTable->model());
    for (int row = 0; row < m_containers->rowCount(); ++row) {
        const docker::ContainerSummary &c = m_containers->container(row);
        if (c.id == idOrName || c.names.contains(idOrName) || c.id.startsWith(idOrName)) {
            const QModelIndex index = proxy->mapFromSource(m_containers->index(row, 0));
            m_containerTable->setCurrentIndex(index);
            m_containerTable->selectRow(index.row());
            m_containerTable->scrollTo(index);
            return true;
        }
    }
    return false;
}

void EngineView::prepareScreenshot()
{
    if (m_containers->rowCount() == 0) {
        return;
    }
    QString best = m_containers->container(0).id;
    // Prefer the container that the latest run's warnings name most often.
    if (const auto run = m_latestRun) {
        QHash<QString, int> counts;
        for (const bench::Finding &finding : run->findings) {
            if (finding.verdict != bench::Verdict::Warn) {
                continue;
            }
            for (const bench::Evidence &evidence : finding.evidence) {
                if (evidence.kind == QLatin1String("container")) {
                    ++counts[evidence.itemId];
                }
            }
        }
        int most = 0;
        for (int row = 0; row < m_containers->rowCount(); ++row) {
            const QString id = m_containers->container(row).id;
            if (counts.value(id) > most) {
                most = counts.value(id);
                best = id;
            }
        }
    }
    selectContainer(best);
    updateBusy();
}

void EngineView::setLatestRun(std::shared_ptr<const bench::Run> run)
{
    m_latestRun = run;
    m_card->setLatestRun(std::move(run));
}

void EngineView::updateBusy()
{
    setProperty("busy", m_busy || m_card->isBusy());
}

} // namespace drydock::ui
