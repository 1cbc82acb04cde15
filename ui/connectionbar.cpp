// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionbar.h"

#include "engineconnection.h"

#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace drydock::ui {

using State = EngineConnection::State;

ConnectionBar::ConnectionBar(EngineConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection)
{
    m_light = new QLabel(this);
    m_light->setFixedSize(14, 14);
    m_light->setAccessibleName(tr("Engine state"));
    m_endpoint = new QLabel(this);
    m_endpoint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_engine = new QLabel(this);
    m_badges = new QLabel(this);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setStyleSheet(QStringLiteral("color: palette(highlighted-text); "
                                            "background: #b3261e; padding: 6px; "
                                            "border-radius: 4px;"));
    m_reconnect = new QPushButton(tr("&Reconnect"), this);
    m_reconnect->setAccessibleName(tr("Reconnect to the engine"));
    m_switch = new QPushButton(tr("S&witch engine…"), this);
    m_switch->setAccessibleName(tr("Switch to another engine host or context"));

    auto *row = new QHBoxLayout;
    row->addWidget(m_light);
    row->addWidget(m_endpoint, 1);
    row->addWidget(m_engine);
    row->addWidget(m_badges);
    row->addWidget(m_reconnect);
    row->addWidget(m_switch);
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(8, 6, 8, 6);
    column->addLayout(row);
    column->addWidget(m_problem);

    connect(m_reconnect, &QPushButton::clicked, m_connection, &EngineConnection::reconnect);
    connect(m_switch, &QPushButton::clicked, this, &ConnectionBar::chooseEndpoint);
    connect(m_connection, &EngineConnection::stateChanged, this, &ConnectionBar::refresh);
    refresh();
}

void ConnectionBar::refresh()
{
    const State state = m_connection->state();
    const char *colour = state == State::Connected ? "#2e7d32"
                         : state == State::Down    ? "#c62828"
                                                   : "#f9a825";
    m_light->setStyleSheet(
        QStringLiteral("background: %1; border-radius: 7px;").arg(QLatin1String(colour)));
    m_light->setToolTip(state == State::Connected ? tr("The engine answers")
                        : state == State::Down    ? tr("The engine does not answer")
                                                  : tr("Connecting…"));
    if (const auto endpoint = m_connection->endpoint()) {
        m_endpoint->setText(tr("<b>%1</b> <span style='color: gray'>via %2</span>")
                                .arg(endpoint->host.toHtmlEscaped(),
                                     docker::describeSource(endpoint->source).toHtmlEscaped()));
        m_endpoint->setToolTip(endpoint->sourceDetail);
    } else {
        m_endpoint->setText(tr("<b>No engine endpoint</b>"));
    }
    const auto &health = m_connection->health();
    if (state == State::Connected && health) {
        const auto client = m_connection->client();
        m_engine->setText(tr("%1 %2 · API %3")
                              .arg(health->flavour(), health->version.version,
                                   client ? client->apiVersion() : health->ping.apiVersion));
        QStringList badges;
        if (health->info.rootless()) {
            badges << tr("rootless");
        }
        if (health->isPodman()) {
            badges << tr("Podman");
        }
        if (m_connection->endpoint() && !m_connection->endpoint()->local) {
            badges << tr("remote");
        }
        m_badges->setText(badges.isEmpty()
                              ? QString()
                              : QStringLiteral("[%1]").arg(badges.join(QStringLiteral("] ["))));
    } else {
        m_engine->clear();
        m_badges->clear();
    }
    if (state == State::Down) {
        const Error &error = m_connection->lastError();
        m_problem->setText(error.hint.isEmpty() ? error.message
                                                : tr("%1\nFix: %2").arg(error.message, error.hint));
        m_problem->show();
    } else {
        m_problem->hide();
    }
}

void ConnectionBar::chooseEndpoint()
{
    // Opened window-modal with open(), not exec(): no nested event loop.
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Switch engine"));
    dialog->setLabelText(
        tr("Engine address (unix:///path/docker.sock, tcp://host:2376) or context name.\n"
           "Leave empty for the default resolution (DOCKER_HOST, contexts, default socket)."));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &choice) {
        docker::EndpointRequest request;
        if (choice.contains(QLatin1String("://"))) {
            request.host = choice.trimmed();
        } else {
            request.context = choice.trimmed();
        }
        m_connection->connectTo(request);
    });
    dialog->open();
}

} // namespace drydock::ui
