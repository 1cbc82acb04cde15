// SPDX-License-Identifier: GPL-3.0-or-later
#include "engineconnection.h"

#include "util/job.h"

namespace drydock::ui {

using namespace drydock::docker;

namespace {

struct Connected
{
    EngineHealth health;
    QString apiVersion;
};

} // namespace

EngineConnection::EngineConnection(QObject *parent) : QObject(parent)
{
    m_watch.setInterval(5000);
    connect(&m_watch, &QTimer::timeout, this, &EngineConnection::watch);
    m_watch.start();
}

void EngineConnection::connectTo(const EndpointRequest &request)
{
    m_request = request;
    ++m_generation;
    m_busy = false;
    reconnect();
}

void EngineConnection::reconnect()
{
    if (m_busy) {
        return;
    }
    // Resolution reads config files, so it too runs off the GUI thread.
    m_busy = true;
    const int generation = m_generation;
    const EndpointRequest request = m_request;
    setState(m_state == State::Connected ? State::Connected : State::Connecting);
    struct Outcome
    {
        std::optional<Endpoint> endpoint;
        std::optional<Error> error;
        std::optional<Connected> connected;
    };
    runJob<Outcome>(
        this,
        [request](const JobContext &context) -> Result<Outcome> {
            Outcome outcome;
            const auto endpoint = resolveEndpoint(request, processEnvironment());
            if (!endpoint) {
                outcome.error = endpoint.error();
                return outcome;
            }
            outcome.endpoint = *endpoint;
            EngineClient client(*endpoint);
            const auto health = checkEngine(client, context.cancel());
            if (!health) {
                outcome.error = health.error();
                return outcome;
            }
            outcome.connected = Connected{*health, client.apiVersion()};
            return outcome;
        },
        [this, generation](const Result<Outcome> &result) {
            if (generation != m_generation) {
                return;
            }
            m_busy = false;
            if (!result) {
                m_error = result.error();
                setState(State::Down);
                return;
            }
            const Outcome &outcome = *result;
            m_endpoint = outcome.endpoint;
            if (outcome.error) {
                m_error = *outcome.error;
                m_client.reset();
                setState(State::Down);
                return;
            }
            m_health = outcome.connected->health;
            auto client = std::make_shared<EngineClient>(*m_endpoint);
            client->setApiVersion(outcome.connected->apiVersion);
            m_client = client;
            m_error = {};
            setState(State::Connected);
        });
}

void EngineConnection::watch()
{
    if (m_busy || !m_endpoint) {
        return;
    }
    if (m_state == State::Down) {
        reconnect();
        return;
    }
    m_busy = true;
    const int generation = m_generation;
    const Endpoint endpoint = *m_endpoint;
    runJob<PingInfo>(
        this,
        [endpoint](const JobContext &context) {
            EngineClient client(endpoint);
            return client.negotiate(context.cancel());
        },
        [this, generation](const Result<PingInfo> &ping) {
            if (generation != m_generation) {
                return;
            }
            m_busy = false;
            if (!ping) {
                m_error = ping.error();
                m_client.reset();
                setState(State::Down);
            }
        });
}

void EngineConnection::setState(State state)
{
    const bool changed = state != m_state;
    m_state = state;
    if (changed || state != State::Connecting) {
        Q_EMIT stateChanged(state);
    }
}

} // namespace drydock::ui
