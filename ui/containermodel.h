// SPDX-License-Identifier: GPL-3.0-or-later
// Table models of the engine's containers and images.
#pragma once

#include "docker/models.h"

#include <QAbstractTableModel>

namespace drydock::ui {

class ContainerModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Image, State, Status, Id, ColumnCount };
    enum Role { FullIdRole = Qt::UserRole + 1 }; // the container's whole id, any column
    using QAbstractTableModel::QAbstractTableModel;

    void setContainers(QList<docker::ContainerSummary> containers);
    const docker::ContainerSummary &container(int row) const { return m_containers.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<docker::ContainerSummary> m_containers;
};

class ImageModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Tags, Id, Size, Created, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setImages(QList<docker::ImageSummary> images);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<docker::ImageSummary> m_images;
};

} // namespace drydock::ui
