// SPDX-License-Identifier: GPL-3.0-or-later
// The security posture card of one container: how it is confined, what the
// latest benchmark run found on it, and a hardened `docker run` command and
// compose service that fix it, ready to copy.
#pragma once

#include "bench/hardening.h"
#include "bench/run.h"
#include "docker/models.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTextBrowser;

namespace drydock::bench {
class Catalogue;
}

namespace drydock::ui {

class EngineConnection;

// One line of the posture: "Read-only root filesystem: no".
struct PostureRow
{
    QString label;
    QString value;
    bool ok = true;
};

// The posture of `container`, worst news first within each topic; the
// docker socket leads the mounts. Pure, so tests need no engine.
QList<PostureRow> postureRows(const docker::ContainerInspect &container);

// The findings of `run` that name this container among their offending
// items (warn, info or note), with the evidence about it.
QList<std::pair<bench::Finding, bench::Evidence>>
findingsAbout(const bench::Run &run, const docker::ContainerInspect &container);

class PostureCard : public QWidget
{
    Q_OBJECT
public:
    explicit PostureCard(EngineConnection *connection, QWidget *parent = nullptr);

    // Loads the container (and its image's defaults) off the GUI thread.
    void showContainer(const QString &id);
    void clearContainer();
    QString containerId() const { return m_id; }
    void setLatestRun(std::shared_ptr<const bench::Run> run);

    bool isBusy() const { return m_loading; }
    const std::optional<bench::HardenedContainer> &hardened() const { return m_hardened; }
    const std::optional<docker::ContainerInspect> &container() const { return m_container; }
    QString runCommand() const;
    QString composeText() const;

    QTextBrowser *postureView() const { return m_posture; }
    QPushButton *copyButton() const { return m_copy; }
    QTabWidget *commandTabs() const { return m_tabs; }

Q_SIGNALS:
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void render();
    void copyCurrent();

    EngineConnection *m_connection = nullptr;
    const bench::Catalogue *m_catalogue = nullptr;
    std::shared_ptr<const bench::Run> m_run;
    bool m_stale = false; // m_run changed while the card was hidden
    std::optional<docker::ContainerInspect> m_container;
    std::optional<bench::HardenedContainer> m_hardened;
    QString m_id;
    QString m_error;
    bool m_loading = false;
    int m_generation = 0;

    QLabel *m_title = nullptr;
    QTextBrowser *m_posture = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_command = nullptr;
    QPlainTextEdit *m_compose = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_copied = nullptr;
};

} // namespace drydock::ui
