// SPDX-License-Identifier: GPL-3.0-or-later
// The strip across the top of the window: which engine, how it was chosen,
// its versions, and a light that says whether it answers.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace drydock::ui {

class EngineConnection;

class ConnectionBar : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionBar(EngineConnection *connection, QWidget *parent = nullptr);

private:
    void refresh();
    void chooseEndpoint();

    EngineConnection *m_connection = nullptr;
    QLabel *m_light = nullptr;
    QLabel *m_endpoint = nullptr;
    QLabel *m_engine = nullptr;
    QLabel *m_badges = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_reconnect = nullptr;
    QPushButton *m_switch = nullptr;
};

} // namespace drydock::ui
