// SPDX-License-Identifier: GPL-3.0-or-later
// The window's link to the engine: which endpoint, whether it answers, and
// the client every view uses. Watches the engine with a light ping and
// reconnects when it comes back.
#pragma once

#include "docker/enginediscovery.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace drydock::ui {

class EngineConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { Connecting, Connected, Down };
    Q_ENUM(State)

    explicit EngineConnection(QObject *parent = nullptr);

    // Resolves the endpoint for `request` and connects. Also used to switch.
    void connectTo(const docker::EndpointRequest &request);
    void reconnect();

    State state() const { return m_state; }
    // Valid once an endpoint resolved, even while the engine is down.
    std::optional<docker::Endpoint> endpoint() const { return m_endpoint; }
    const std::optional<docker::EngineHealth> &health() const { return m_health; }
    const Error &lastError() const { return m_error; }
    // A client settled on the negotiated API version; null until connected.
    std::shared_ptr<docker::EngineClient> client() const { return m_client; }

    void setWatchInterval(int ms) { m_watch.setInterval(ms); }

Q_SIGNALS:
    void stateChanged(drydock::ui::EngineConnection::State state);

private:
    void setState(State state);
    void watch();

    docker::EndpointRequest m_request;
    std::optional<docker::Endpoint> m_endpoint;
    std::optional<docker::EngineHealth> m_health;
    std::shared_ptr<docker::EngineClient> m_client;
    Error m_error;
    State m_state = State::Connecting;
    QTimer m_watch;
    bool m_busy = false;
    int m_generation = 0; // answers for an older endpoint are dropped
};

} // namespace drydock::ui
