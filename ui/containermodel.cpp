// SPDX-License-Identifier: GPL-3.0-or-later
#include "containermodel.h"

#include <QLocale>

namespace drydock::ui {

void ContainerModel::setContainers(QList<docker::ContainerSummary> containers)
{
    beginResetModel();
    m_containers = std::move(containers);
    endResetModel();
}

int ContainerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_containers.size());
}

int ContainerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ContainerModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_containers.size()) {
        return {};
    }
    const docker::ContainerSummary &c = m_containers.at(index.row());
    if (role == FullIdRole) {
        return c.id;
    }
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Name:
            return c.name();
        case Image:
            return c.image;
        case State:
            return c.state;
        case Status:
            return c.status;
        case Id:
            return c.id.left(12);
        default:
            break;
        }
    }
    return {};
}

QVariant ContainerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Name:
        return tr("Name");
    case Image:
        return tr("Image");
    case State:
        return tr("State");
    case Status:
        return tr("Status");
    case Id:
        return tr("ID");
    default:
        return {};
    }
}

void ImageModel::setImages(QList<docker::ImageSummary> images)
{
    beginResetModel();
    m_images = std::move(images);
    endResetModel();
}

int ImageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_images.size());
}

int ImageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImageModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_images.size()) {
        return {};
    }
    const docker::ImageSummary &image = m_images.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Tags:
            return image.repoTags.isEmpty() ? tr("<untagged>")
                                            : image.repoTags.join(QStringLiteral(", "));
        case Id:
            return image.id.section(QLatin1Char(':'), -1).left(12);
        case Size:
            return QLocale().formattedDataSize(image.size);
        case Created:
            return QLocale().toString(image.created.toLocalTime(), QLocale::ShortFormat);
        default:
            break;
        }
    }
    if (role == Qt::UserRole && index.column() == Size) {
        return image.size;
    }
    return {};
}

QVariant ImageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Tags:
        return tr("Tags");
    case Id:
        return tr("ID");
    case Size:
        return tr("Size");
    case Created:
        return tr("Created");
    default:
        return {};
    }
}

} // namespace drydock::ui
