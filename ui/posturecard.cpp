// SPDX-License-Identifier: GPL-3.0-or-later
#include "posturecard.h"

#include "engineconnection.h"
#include "verdictstyle.h"

#include "bench/catalogue.h"
#include "bench/checkhelpers.h"
#include "util/job.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace drydock::ui {

using docker::ContainerInspect;

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("drydock::ui::PostureCard", text, nullptr, n);
}

QString yesNo(bool value)
{
    return value ? tr("yes") : tr("no");
}

QString listOrNone(const QStringList &list)
{
    return list.isEmpty() ? tr("none") : list.join(QStringLiteral(", "));
}

QString bytes(qint64 value)
{
    return value <= 0 ? tr("unlimited") : bench::dockerMemoryText(value);
}

struct Loaded
{
    ContainerInspect container;
    std::optional<bench::ImageDefaults> image;
};

} // namespace

QList<PostureRow> postureRows(const ContainerInspect &c)
{
    const docker::HostConfig &h = c.hostConfig;
    QList<PostureRow> rows;
    rows.append({tr("Privileged"), yesNo(h.privileged), !h.privileged});
    const QStringList extra = bench::addedCapabilities(h.capAdd);
    rows.append({tr("Capabilities added"), listOrNone(h.capAdd), extra.isEmpty()});
    const bool dropsAll = std::any_of(h.capDrop.cbegin(), h.capDrop.cend(), [](const QString &cap) {
        return bench::normaliseCapability(cap) == QLatin1String("ALL");
    });
    rows.append({tr("Capabilities dropped"), listOrNone(h.capDrop), dropsAll});

    const std::optional<QString> seccomp =
        bench::securityOptValue(h.securityOpt, QStringLiteral("seccomp"));
    const bool seccompOff =
        h.privileged || (seccomp && seccomp->trimmed() == QLatin1String("unconfined"));
    rows.append({tr("Seccomp"),
                 h.privileged ? tr("off (privileged)")
                 : seccomp    ? (seccompOff ? tr("unconfined") : tr("custom profile"))
                              : tr("engine default profile"),
                 !seccompOff});
    const QString apparmor = bench::effectiveAppArmorProfile(c);
    rows.append({tr("AppArmor"), apparmor, apparmor != QLatin1String("unconfined")});
    const std::optional<bool> nnp = bench::noNewPrivilegesOption(h.securityOpt);
    rows.append({tr("No new privileges"),
                 nnp ? yesNo(*nnp) : tr("not set (only if the daemon sets it)"), nnp && *nnp});
    const QString user = c.config.user.trimmed();
    rows.append(
        {tr("User"), user.isEmpty() ? tr("root (by default)") : user, !bench::runsAsRoot(user)});
    rows.append({tr("Read-only root filesystem"), yesNo(h.readonlyRootfs), h.readonlyRootfs});

    // Mounts: the engine's socket first, it hands over the host.
    QList<PostureRow> mounts;
    const QStringList sockets = {QStringLiteral("/run/docker.sock")};
    for (const docker::Mount &mount : c.mounts) {
        if (bench::mountExposesSocket(mount, sockets)) {
            mounts.prepend({tr("Mount (Docker socket!)"), bench::mountText(mount), false});
        } else if (bench::isSensitiveMount(mount)) {
            mounts.append({tr("Mount (sensitive host path)"), bench::mountText(mount), false});
        } else {
            mounts.append({tr("Mount"), bench::mountText(mount), true});
        }
    }
    if (mounts.isEmpty()) {
        mounts.append({tr("Mounts"), tr("none"), true});
    }
    rows += mounts;

    QStringList shared;
    const std::pair<const char *, QString> namespaces[] = {
        {"network", h.networkMode}, {"pid", h.pidMode},     {"ipc", h.ipcMode},
        {"uts", h.utsMode},         {"user", h.usernsMode},
    };
    for (const auto &[name, mode] : namespaces) {
        if (mode == QLatin1String("host")) {
            shared << QLatin1String(name);
        }
    }
    rows.append({tr("Host namespaces"),
                 shared.isEmpty() ? tr("none shared") : shared.join(QStringLiteral(", ")),
                 shared.isEmpty()});
    rows.append({tr("Memory limit"), bytes(h.memory), h.memory > 0});
    const bool cpuSet =
        (h.cpuShares != 0 && h.cpuShares != 1024) || h.nanoCpus > 0 || h.cpuQuota > 0;
    QString cpu = tr("default");
    if (h.nanoCpus > 0) {
        cpu = tr("%1 CPUs").arg(double(h.nanoCpus) / 1e9);
    } else if (h.cpuQuota > 0) {
        cpu = tr("quota %1 / period %2").arg(h.cpuQuota).arg(h.cpuPeriod);
    } else if (cpuSet) {
        cpu = tr("shares %1").arg(h.cpuShares);
    }
    rows.append({tr("CPU"), cpu, cpuSet});
    const bool pidsSet = h.pidsLimit && *h.pidsLimit > 0;
    rows.append(
        {tr("PIDs limit"), pidsSet ? QString::number(*h.pidsLimit) : tr("unlimited"), pidsSet});
    const bool healthy = c.config.healthcheck.present();
    rows.append({tr("Health check"),
                 healthy
                     ? (c.state.healthStatus.isEmpty() ? tr("configured") : c.state.healthStatus)
                     : tr("none"),
                 healthy});
    const QString policy = h.restartPolicy.isEmpty() ? QStringLiteral("no") : h.restartPolicy;
    const bool restartOk =
        policy == QLatin1String("no") || (policy == QLatin1String("on-failure") &&
                                          h.restartMaxRetries > 0 && h.restartMaxRetries <= 5);
    rows.append({tr("Restart policy"),
                 policy == QLatin1String("on-failure")
                     ? QStringLiteral("on-failure:%1").arg(h.restartMaxRetries)
                     : policy,
                 restartOk});
    return rows;
}

QList<std::pair<bench::Finding, bench::Evidence>> findingsAbout(const bench::Run &run,
                                                                const ContainerInspect &c)
{
    QList<std::pair<bench::Finding, bench::Evidence>> about;
    for (const bench::Finding &finding : run.findings) {
        if (finding.verdict != bench::Verdict::Warn && finding.verdict != bench::Verdict::Info &&
            finding.verdict != bench::Verdict::Note) {
            continue;
        }
        for (const bench::Evidence &evidence : finding.evidence) {
            if (evidence.kind != QLatin1String("container")) {
                continue;
            }
            if ((!evidence.itemId.isEmpty() && evidence.itemId == c.id) ||
                (evidence.itemId.isEmpty() && evidence.item == c.name)) {
                about.append({finding, evidence});
                break;
            }
        }
    }
    return about;
}

PostureCard::PostureCard(EngineConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection)
{
    const auto &catalogue = bench::builtinCatalogue();
    m_catalogue = catalogue.ok() ? &catalogue.value() : nullptr;

    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_posture = new QTextBrowser(this);
    m_posture->setAccessibleName(tr("Container security posture"));
    m_posture->setOpenExternalLinks(false);

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_command = new QPlainTextEdit(this);
    m_command->setReadOnly(true);
    m_command->setFont(mono);
    m_command->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_command->setAccessibleName(tr("Hardened docker run command"));
    m_compose = new QPlainTextEdit(this);
    m_compose->setReadOnly(true);
    m_compose->setFont(mono);
    m_compose->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_compose->setAccessibleName(tr("Hardened compose service"));
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_command, tr("docker run"));
    m_tabs->addTab(m_compose, tr("compose"));
    m_tabs->setAccessibleName(tr("Hardened command formats"));

    m_copy = new QPushButton(QIcon(QStringLiteral(":/drydock/icons/copy.svg")), tr("&Copy"), this);
    m_copy->setAccessibleName(tr("Copy the hardened command"));
    m_copy->setToolTip(tr("Copy the shown command or compose service to the clipboard"));
    m_copied = new QLabel(this);
    auto *heading = new QLabel(tr("<b>Hardened version</b>"), this);
    auto *commandRow = new QHBoxLayout;
    commandRow->addWidget(heading, 1);
    commandRow->addWidget(m_copied);
    commandRow->addWidget(m_copy);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_posture, 3);
    layout->addLayout(commandRow);
    layout->addWidget(m_tabs, 2);

    connect(m_copy, &QPushButton::clicked, this, &PostureCard::copyCurrent);
    clearContainer();
}

void PostureCard::clearContainer()
{
    ++m_generation;
    m_id.clear();
    m_container.reset();
    m_hardened.reset();
    m_error.clear();
    m_loading = false;
    setProperty("busy", false);
    render();
}

void PostureCard::showContainer(const QString &id)
{
    const auto client = m_connection->client();
    if (id.isEmpty() || !client) {
        clearContainer();
        return;
    }
    const bool same = id == m_id && m_container;
    m_id = id;
    m_loading = true;
    setProperty("busy", true);
    const int generation = ++m_generation;
    if (!same) {
        m_container.reset();
        m_hardened.reset();
        render();
    }
    runJob<Loaded>(
        this,
        [client, id](const JobContext &context) -> Result<Loaded> {
            auto container = client->inspectContainer(id, context.cancel());
            if (!container) {
                return container.error();
            }
            Loaded loaded;
            loaded.container = std::move(*container);
            // The image's defaults keep the command short; without them the
            // command simply carries every value explicitly.
            const QString image = loaded.container.imageId.isEmpty() ? loaded.container.config.image
                                                                     : loaded.container.imageId;
            if (auto inspected = client->inspectImage(image, context.cancel())) {
                bench::ImageDefaults defaults;
                defaults.env = inspected->config.env;
                defaults.cmd = inspected->config.cmd;
                defaults.entrypoint = inspected->config.entrypoint;
                defaults.labels = inspected->config.labels;
                loaded.image = defaults;
            }
            return loaded;
        },
        [this, generation](const Result<Loaded> &outcome) {
            if (generation != m_generation) {
                return;
            }
            m_loading = false;
            setProperty("busy", false);
            if (!outcome) {
                m_error = outcome.error().text();
                m_container.reset();
                m_hardened.reset();
            } else {
                m_error.clear();
                m_container = outcome->container;
                m_hardened = bench::hardenContainer(outcome->container, outcome->image);
            }
            render();
            Q_EMIT loaded();
        });
}

void PostureCard::setLatestRun(std::shared_ptr<const bench::Run> run)
{
    m_run = std::move(run);
    // Laying out the card's rich text costs the GUI thread several
    // milliseconds; a run that finishes while the card is out of sight is
    // drawn when the card is next shown.
    if (isVisible()) {
        render();
    } else {
        m_stale = true;
    }
}

void PostureCard::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        render();
    }
}

QString PostureCard::runCommand() const
{
    return m_hardened ? bench::dockerRunCommand(m_hardened->spec) : QString();
}

QString PostureCard::composeText() const
{
    return m_hardened ? bench::composeSnippet(m_hardened->spec) : QString();
}

void PostureCard::render()
{
    m_stale = false;
    m_copied->clear();
    if (!m_error.isEmpty()) {
        m_title->setText(tr("<b>Could not read the container</b>"));
        m_posture->setHtml(QStringLiteral("<p>%1</p>").arg(m_error.toHtmlEscaped()));
        m_command->clear();
        m_compose->clear();
        m_copy->setEnabled(false);
        return;
    }
    if (!m_container) {
        m_title->setText(m_id.isEmpty() ? tr("<b>Security posture</b>")
                                        : tr("<b>Security posture</b> — loading…"));
        m_posture->setHtml(
            QStringLiteral("<p><i>%1</i></p>")
                .arg(tr("Select a container to see how it is confined, what the latest "
                        "benchmark found on it, and a hardened command that fixes it.")
                         .toHtmlEscaped()));
        m_command->clear();
        m_compose->clear();
        m_copy->setEnabled(false);
        return;
    }
    const ContainerInspect &c = *m_container;
    m_title->setText(tr("<b>%1</b> · %2 · %3")
                         .arg(c.name.toHtmlEscaped(), c.config.image.toHtmlEscaped(),
                              c.state.status.toHtmlEscaped()));
    const QString good = verdictColor(bench::Verdict::Pass).name();
    const QString bad = verdictColor(bench::Verdict::Warn).name();
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    for (const PostureRow &row : postureRows(c)) {
        html += QStringLiteral("<tr><td><span style=\"color:%1\">●</span></td><td>%2</td>"
                               "<td>%3</td></tr>")
                    .arg(row.ok ? good : bad, row.label.toHtmlEscaped(),
                         row.ok ? row.value.toHtmlEscaped()
                                : QStringLiteral("<b>%1</b>").arg(row.value.toHtmlEscaped()));
    }
    html += QStringLiteral("</table>");

    html += QStringLiteral("<h3>%1</h3>").arg(tr("Findings of the latest run").toHtmlEscaped());
    if (!m_run) {
        html +=
            QStringLiteral("<p><i>%1</i></p>")
                .arg(tr("No benchmark run yet: run one in the Benchmark view.").toHtmlEscaped());
    } else {
        const auto about = findingsAbout(*m_run, c);
        if (about.isEmpty()) {
            html += QStringLiteral("<p>%1</p>")
                        .arg(tr("The latest run found nothing on this container (or did not "
                                "audit it).")
                                 .toHtmlEscaped());
        } else {
            html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
            for (const auto &[finding, evidence] : about) {
                const bench::CheckInfo *info =
                    m_catalogue ? m_catalogue->check(finding.checkId) : nullptr;
                html += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td><td>%3<br>"
                                       "<small><code>%4</code></small></td></tr>")
                            .arg(verdictBadgeHtml(finding.verdict), finding.checkId.toHtmlEscaped(),
                                 (info ? info->title : finding.summary).toHtmlEscaped(),
                                 evidence.observed.toHtmlEscaped());
            }
            html += QStringLiteral("</table>");
        }
    }
    if (m_hardened) {
        html += QStringLiteral("<h3>%1</h3><table cellspacing=\"0\" cellpadding=\"2\">")
                    .arg(tr("What the hardened version changes").toHtmlEscaped());
        for (const bench::HardeningChange &change : m_hardened->changes) {
            html += QStringLiteral("<tr><td><b>%1</b></td><td><code>%2</code></td>"
                                   "<td><small>%3</small></td></tr>")
                        .arg(change.checkId.toHtmlEscaped(), change.option.toHtmlEscaped(),
                             change.offended
                                 ? tr("was: %1").arg(change.before).toHtmlEscaped()
                                 : tr("recommended (was: %1)").arg(change.before).toHtmlEscaped());
        }
        html += QStringLiteral("</table>");
        if (!m_hardened->notes.isEmpty()) {
            html += QStringLiteral("<h3>%1</h3><ul>").arg(tr("Before you use it").toHtmlEscaped());
            for (const QString &note : m_hardened->notes) {
                html += QStringLiteral("<li>%1</li>").arg(note.toHtmlEscaped());
            }
            html += QStringLiteral("</ul>");
        }
        m_command->setPlainText(runCommand());
        m_compose->setPlainText(composeText());
        m_copy->setEnabled(true);
    }
    m_posture->setHtml(html);
}

void PostureCard::copyCurrent()
{
    const QString text = m_tabs->currentIndex() == 0 ? runCommand() : composeText();
    if (text.isEmpty()) {
        return;
    }
    QApplication::clipboard()->setText(text);
    m_copied->setText(tr("Copied."));
    QTimer::singleShot(3000, m_copied, &QLabel::clear);
}

} // namespace drydock::ui
