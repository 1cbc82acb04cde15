// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the window tests: the engine client, containers created under
// this test process's own name prefix and label (and removed again), and a
// wait for the window's connection.
#pragma once

#include "docker/endpoint.h"
#include "docker/engineclient.h"
#include "ui/engineconnection.h"

#include <QCoreApplication>
#include <QTest>

#include <memory>

namespace drydock::uitest {

inline QString testImage()
{
    const QString image = qEnvironmentVariable("DRYDOCK_TEST_IMAGE");
    return image.isEmpty() ? QStringLiteral("drydock/busybox:latest") : image;
}

// Names and labels that are this process's alone, so that tests running
// at the same time on the shared engine never touch each other's objects.
class TestContainers
{
public:
    explicit TestContainers(const QString &suite)
        : m_prefix(
              QStringLiteral("drydock-%1-%2-").arg(suite).arg(QCoreApplication::applicationPid())),
          m_label(QStringLiteral("drydock.test.%1=%2")
                      .arg(suite)
                      .arg(QCoreApplication::applicationPid()))
    {}

    ~TestContainers() { removeAll(); }

    // Connects to the engine the environment names; false (and why) if none.
    bool connect(QString *why)
    {
        const auto endpoint =
            docker::resolveEndpoint(docker::EndpointRequest{}, docker::processEnvironment());
        if (!endpoint) {
            *why = endpoint.error().text();
            return false;
        }
        m_client = std::make_shared<docker::EngineClient>(*endpoint);
        const auto ping = m_client->negotiate();
        if (!ping) {
            *why = ping.error().text();
            return false;
        }
        if (!m_client->inspectImage(testImage())) {
            *why =
                QStringLiteral("the image %1 is missing (scripts/test builds it)").arg(testImage());
            return false;
        }
        return true;
    }

    docker::EngineClient &client() { return *m_client; }
    QString prefix() const { return m_prefix; }
    QString name(const QString &suffix) const { return m_prefix + suffix; }
    QString labelKey() const { return m_label.section(QLatin1Char('='), 0, 0); }
    QString labelValue() const { return m_label.section(QLatin1Char('='), 1); }
    QString label() const { return m_label; }

    // A spec of the test image, sleeping, named and labelled as ours.
    docker::ContainerSpec spec(const QString &suffix) const
    {
        docker::ContainerSpec spec;
        spec.image = testImage();
        spec.name = name(suffix);
        spec.cmd = {QStringLiteral("sleep"), QStringLiteral("3600")};
        spec.labels.insert(labelKey(), labelValue());
        return spec;
    }

    // Creates and starts; the id, or an empty string with the reason in `why`.
    QString start(const docker::ContainerSpec &spec, QString *why)
    {
        const auto id = m_client->createContainer(spec);
        if (!id) {
            *why = id.error().text();
            return {};
        }
        if (const auto started = m_client->startContainer(*id); !started) {
            *why = started.error().text();
            m_client->removeContainer(*id, true).ok();
            return {};
        }
        return *id;
    }

    // Removes every container carrying this process's label, and only those.
    void removeAll()
    {
        if (!m_client) {
            return;
        }
        docker::ContainerListOptions options;
        options.labelFilter = m_label;
        const auto mine = m_client->containers(options);
        if (!mine) {
            return;
        }
        for (const docker::ContainerSummary &c : *mine) {
            if (c.labels.value(labelKey()) == labelValue() && c.name().startsWith(m_prefix)) {
                m_client->removeContainer(c.id, true).ok();
            }
        }
    }

private:
    QString m_prefix;
    QString m_label;
    std::shared_ptr<docker::EngineClient> m_client;
};

// Waits until the window's connection answers (or fails the test).
inline bool waitConnected(ui::EngineConnection *connection, int timeoutMs = 30000)
{
    return QTest::qWaitFor(
        [connection] {
            return connection->state() == ui::EngineConnection::State::Connected &&
                   connection->client() != nullptr;
        },
        timeoutMs);
}

} // namespace drydock::uitest
