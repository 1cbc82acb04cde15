// SPDX-License-Identifier: GPL-3.0-or-later
#include "trustview.h"

#include "engineconnection.h"
#include "progress.h"
#include "trust/labenv.h"
#include "util/job.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <mutex>

namespace drydock::ui {

namespace {

enum Column { StepColumn, ResultColumn, VersionColumn, ExpiresColumn, KeyColumn, SummaryColumn };

// Pull progress arrives per layer and byte; the view needs a line when a
// layer changes state, not every byte count.
struct ProgressFilter
{
    std::mutex mutex;
    QMap<QString, QString> last;
};

// QTreeView measures rows without telling the delegate the column's width,
// so wrapped text would be cut off at one line: this delegate supplies it.
class WrappingDelegate : public QStyledItemDelegate
{
public:
    explicit WrappingDelegate(QTreeView *view) : QStyledItemDelegate(view), m_view(view) {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem wrapped(option);
        // The style wraps only within a valid rectangle: the height is not
        // read, but must not be empty.
        wrapped.rect = QRect(0, 0, m_view->columnWidth(index.column()), 1);
        wrapped.features |= QStyleOptionViewItem::WrapText;
        return QStyledItemDelegate::sizeHint(wrapped, index);
    }

private:
    QTreeView *m_view = nullptr;
};

QString shortKeys(const QStringList &ids)
{
    QStringList out;
    for (const QString &id : ids) {
        out << id.left(12);
    }
    return out.join(QLatin1String(", "));
}

// The outcome of a refused inspect, pull or run in a few words: what was
// asked and what was missing. The full reason and the way out go below it.
QString refusalHeadline(const QString &verb, const trust::TrustReport &report)
{
    const Error &failure = *report.failure;
    const QString image = report.ref.display();
    QString why;
    const trust::TrustStep *bad = nullptr;
    for (const trust::TrustStep &step : report.trace.steps) {
        if (!step.good) {
            bad = &step;
        }
    }
    if (failure.kind == ErrorKind::Unreachable || failure.kind == ErrorKind::Timeout) {
        why = TrustView::tr("the Notary server could not be reached");
    } else if (failure.kind != ErrorKind::Untrusted) {
        why = TrustView::tr("the Notary server's answer could not be used");
    } else if (bad && bad->role == QLatin1String("digest")) {
        why = TrustView::tr("the tag %1 is not signed").arg(report.ref.tag);
    } else if (bad && bad->role == QLatin1String("server")) {
        why = TrustView::tr("there is no Notary server to ask");
    } else if (failure.message.startsWith(QLatin1String("Remote trust data does not exist"))) {
        why = TrustView::tr("the repository %1 has no signatures at all").arg(report.ref.gun());
    } else {
        why = TrustView::tr("its trust data failed the %1 check")
                  .arg(bad ? bad->role : TrustView::tr("verification"));
    }
    if (verb == QLatin1String("pull")) {
        return TrustView::tr("Refused to pull %1: %2.").arg(image, why);
    }
    if (verb == QLatin1String("run")) {
        return TrustView::tr("Refused to run %1: %2.").arg(image, why);
    }
    return TrustView::tr("%1 cannot be trusted: %2.").arg(image, why);
}

// The reason in full, where Drydock looked, and the way out.
QString refusalDetail(const trust::TrustReport &report, const QString &hint)
{
    QStringList lines{report.failure->message};
    if (!report.server.server.url.isEmpty()) {
        lines << TrustView::tr("Notary server: %1 (%2).")
                     .arg(report.server.server.url, report.server.why);
    }
    if (!hint.isEmpty()) {
        lines << hint;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

TrustView::TrustView(EngineConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection)
{
    m_image = new QLineEdit(this);
    m_image->setPlaceholderText(tr("Image, e.g. localhost:5000/drydock/signed:1"));
    m_image->setAccessibleName(tr("Image"));
    m_image->setObjectName(QStringLiteral("trustImage"));
    m_image->setClearButtonEnabled(true);
    m_trust = new QCheckBox(tr("Content trust"), this);
    m_trust->setToolTip(
        tr("On: resolve the tag to its signed digest through Notary and pull or run only "
           "that digest. Off: take whatever the registry has under the tag."));
    m_trust->setChecked(trust::contentTrustRequested(trust::trustEnvironment()));
    m_inspect = new QPushButton(tr("Inspect"), this);
    m_inspect->setObjectName(QStringLiteral("trustInspect"));
    m_pull = new QPushButton(tr("Pull"), this);
    m_run = new QPushButton(tr("Run"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_image, 1);
    actions->addWidget(m_trust);
    actions->addWidget(m_inspect);
    actions->addWidget(m_pull);
    actions->addWidget(m_run);
    actions->addWidget(m_cancel);

    auto *advanced = new QGroupBox(tr("Notary server"), this);
    m_server = new QLineEdit(advanced);
    m_server->setPlaceholderText(
        tr("Default: DOCKER_CONTENT_TRUST_SERVER, the lab environment, else the registry's host"));
    m_server->setObjectName(QStringLiteral("trustServer"));
    m_caFile = new QLineEdit(advanced);
    m_caFile->setObjectName(QStringLiteral("trustCaFile"));
    m_caFile->setPlaceholderText(tr("Default: the lab environment's CA, else the system's"));
    m_allowOffline = new QCheckBox(tr("Allow offline use of saved trust data when the server is "
                                      "unreachable"),
                                   advanced);
    m_resetTrust = new QPushButton(tr("Forget pinned trust for this repository"), advanced);
    auto *form = new QFormLayout(advanced);
    form->addRow(tr("Server (https):"), m_server);
    form->addRow(tr("CA file:"), m_caFile);
    form->addRow(QString(), m_allowOffline);
    form->addRow(QString(), m_resetTrust);

    auto *lab = new QGroupBox(tr("Lab environment (local registry and Notary)"), this);
    m_labStatus = new QLabel(tr("Not checked yet."), lab);
    m_labStatus->setWordWrap(true);
    m_labStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_labUp = new QPushButton(tr("Start"), lab);
    m_labDown = new QPushButton(tr("Stop"), lab);
    auto *labRow = new QHBoxLayout(lab);
    labRow->addWidget(m_labStatus, 1);
    labRow->addWidget(m_labUp);
    labRow->addWidget(m_labDown);

    m_trace = new QTreeWidget(this);
    m_trace->setAccessibleName(tr("Trust resolution"));
    m_trace->setRootIsDecorated(false);
    m_trace->setAlternatingRowColors(true);
    m_trace->setWordWrap(true);
    m_trace->setItemDelegateForColumn(SummaryColumn, new WrappingDelegate(m_trace));
    m_trace->setHeaderLabels({tr("Step"), tr("Result"), tr("Version"), tr("Expires"), tr("Key"),
                              tr("What was checked")});
    m_trace->header()->setStretchLastSection(true);
    // Wrapped summaries need their rows measured again when the window
    // (and with it the last column) changes width.
    connect(m_trace->header(), &QHeaderView::sectionResized, m_trace, &QTreeWidget::doItemsLayout,
            Qt::QueuedConnection);

    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    m_progressText = new QLabel(this);
    m_progressText->setVisible(false);
    m_outcome = new QLabel(this);
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_outcome->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_outcome->setFont(big);
    m_outcomeDetail = new QLabel(this);
    m_outcomeDetail->setWordWrap(true);
    m_outcomeDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(actions);
    layout->addWidget(m_outcome);
    layout->addWidget(m_outcomeDetail);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressText);
    layout->addWidget(m_trace, 1);
    layout->addWidget(advanced);
    layout->addWidget(lab);

    connect(m_inspect, &QPushButton::clicked, this, &TrustView::inspect);
    connect(m_pull, &QPushButton::clicked, this, &TrustView::pull);
    connect(m_run, &QPushButton::clicked, this, &TrustView::run);
    connect(m_image, &QLineEdit::returnPressed, this, &TrustView::inspect);
    connect(m_image, &QLineEdit::textChanged, this, &TrustView::updateButtons);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job) {
            m_job->cancel();
        }
    });
    connect(m_labUp, &QPushButton::clicked, this, &TrustView::startLabEnvironment);
    connect(m_labDown, &QPushButton::clicked, this, &TrustView::stopLabEnvironment);
    connect(m_resetTrust, &QPushButton::clicked, this, [this] {
        const QString image = currentImage();
        const trust::TrustOptions opts = options();
        auto *job = runJob<bool>(
            this, [image, opts](const JobContext &) { return trust::resetTrust(image, opts); },
            [this, image](const Result<bool> &reset) {
                finishJob();
                if (!reset) {
                    showOutcome(false, reset.error().message, reset.error().hint);
                } else {
                    showOutcome(true,
                                *reset ? tr("Forgot the pinned trust of %1.").arg(image)
                                       : tr("Drydock had no pinned trust for %1.").arg(image),
                                tr("The next inspection pins its root anew."));
                }
            });
        startJob(job, tr("Forgetting pinned trust…"));
    });
    updateButtons();
    refreshLabStatus();
}

void TrustView::setImage(const QString &image)
{
    m_image->setText(image);
}

void TrustView::setTrustEnabled(bool on)
{
    m_trust->setChecked(on);
}

QString TrustView::currentImage() const
{
    return m_image->text().trimmed();
}

trust::TrustOptions TrustView::options() const
{
    trust::TrustOptions out;
    out.trustServer = m_server->text().trimmed();
    out.caFile = m_caFile->text().trimmed();
    out.allowOffline = m_allowOffline->isChecked();
    out.env = trust::trustEnvironment();
    return out;
}

void TrustView::updateButtons()
{
    const bool idle = !isBusy();
    const bool hasImage = !currentImage().isEmpty();
    for (QPushButton *button : {m_inspect, m_pull, m_run, m_resetTrust}) {
        button->setEnabled(idle && hasImage);
    }
    m_labUp->setEnabled(idle);
    m_labDown->setEnabled(idle);
    m_cancel->setEnabled(!idle);
}

void TrustView::startJob(Job *job, const QString &what)
{
    m_job = job;
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_progressText->setText(what);
    m_progressText->setVisible(true);
    connect(job, &Job::progress, this, [this](double fraction, const QString &text) {
        setProgressFraction(m_progress, fraction);
        m_progressText->setText(text);
    });
    connect(m_image, &QLineEdit::textChanged, this, &TrustView::updateButtons,
            Qt::UniqueConnection);
    updateButtons();
}

void TrustView::finishJob()
{
    m_job = nullptr;
    m_progress->setVisible(false);
    m_progressText->setVisible(false);
    updateButtons();
}

void TrustView::showOutcome(bool good, const QString &words, const QString &detail)
{
    m_outcome->setText(words);
    m_outcome->setStyleSheet(good ? QStringLiteral("color: #1a7f37;")
                                  : QStringLiteral("color: #b42318;"));
    m_outcomeDetail->setText(detail);
    m_outcomeDetail->setVisible(!detail.isEmpty());
}

void TrustView::showReport(const trust::TrustReport &report)
{
    m_trace->clear();
    const QIcon goodIcon = style()->standardIcon(QStyle::SP_DialogApplyButton);
    const QIcon badIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    for (const trust::TrustStep &step : report.trace.steps) {
        auto *item = new QTreeWidgetItem(m_trace);
        item->setText(StepColumn, step.role);
        item->setIcon(ResultColumn, step.good ? goodIcon : badIcon);
        item->setText(ResultColumn, step.good ? tr("good") : tr("BAD"));
        item->setText(VersionColumn, step.version > 0 ? QString::number(step.version) : QString());
        item->setText(ExpiresColumn,
                      step.expires.isValid()
                          ? QLocale().toString(step.expires.toLocalTime(), QLocale::ShortFormat)
                          : QString());
        QStringList keys;
        for (const QString &id : step.keyIds) {
            keys << id.left(12);
        }
        item->setText(KeyColumn, keys.join(QLatin1String(", ")));
        item->setToolTip(KeyColumn, step.keyIds.join(QLatin1Char('\n')));
        item->setText(SummaryColumn, step.summary);
        item->setToolTip(SummaryColumn, step.source.isEmpty()
                                            ? step.summary
                                            : step.summary + QLatin1Char('\n') + step.source);
    }
    for (int column = StepColumn; column < SummaryColumn; ++column) {
        m_trace->resizeColumnToContents(column);
    }
    // Row heights were measured before the columns took their widths:
    // measure again so long summaries wrap instead of being cut off.
    m_trace->doItemsLayout();
}

void TrustView::inspect()
{
    const QString image = currentImage();
    if (image.isEmpty() || isBusy()) {
        return;
    }
    const trust::TrustOptions opts = options();
    auto *job = runJob<trust::TrustReport>(
        this,
        [image, opts](const JobContext &context) -> Result<trust::TrustReport> {
            auto report = trust::inspectTrust(image, opts, context.cancel());
            if (report) {
                trust::recordInspection(*report, opts);
            }
            return report;
        },
        [this](const Result<trust::TrustReport> &report) {
            finishJob();
            if (!report) {
                m_trace->clear();
                showOutcome(false, report.error().message, report.error().hint);
                return;
            }
            showReport(*report);
            Q_EMIT outcomeRecorded();
            if (report->trusted()) {
                showOutcome(
                    true,
                    tr("%1 is signed: it resolves to %2.")
                        .arg(report->ref.display(), report->target->digest),
                    tr("Signed in %1 by key %2. Every step below checked out.")
                        .arg(report->target->role, shortKeys(report->target->signerKeyIds)));
            } else {
                QString hint = report->failure->hint;
                if (hint.isEmpty() && report->failure->kind == ErrorKind::Untrusted) {
                    hint = tr("With content trust on, Drydock refuses to pull or run it; with "
                              "trust off it is taken without any signature check.");
                }
                showOutcome(false, refusalHeadline(QStringLiteral("inspect"), *report),
                            refusalDetail(*report, hint));
            }
        });
    startJob(job, tr("Resolving %1 through Notary…").arg(image));
}

void TrustView::pull()
{
    const QString image = currentImage();
    const auto client = m_connection ? m_connection->client() : nullptr;
    if (image.isEmpty() || isBusy()) {
        return;
    }
    if (!client) {
        showOutcome(false, tr("Not connected to the engine."),
                    tr("Pulling needs a running Docker engine."));
        return;
    }
    const bool trustOn = m_trust->isChecked();
    const trust::TrustOptions opts = options();
    auto *job = runJob<Outcome>(
        this,
        [client, image, trustOn, opts](const JobContext &context) -> Result<Outcome> {
            auto filter = std::make_shared<ProgressFilter>();
            const auto progress = [context, filter](const docker::PullProgress &line) {
                {
                    std::lock_guard lock(filter->mutex);
                    if (filter->last.value(line.id) == line.status && line.total <= 0) {
                        return;
                    }
                    filter->last.insert(line.id, line.status);
                }
                const double fraction =
                    line.total > 0 ? double(line.current) / double(line.total) : -1;
                context.progress(fraction, line.id.isEmpty()
                                               ? line.status
                                               : line.id + QStringLiteral(": ") + line.status);
            };
            docker::EngineClient engine = *client;
            Outcome outcome;
            auto pulled = trust::pullImage(engine, image, trustOn, opts, progress, context.cancel(),
                                           &outcome.report);
            if (!pulled) {
                if (outcome.report.failure) {
                    outcome.words = refusalHeadline(QStringLiteral("pull"), outcome.report);
                    outcome.detail = refusalDetail(outcome.report, pulled.error().hint);
                } else {
                    outcome.words = pulled.error().message;
                    outcome.detail = pulled.error().hint;
                }
                return outcome;
            }
            outcome.succeeded = true;
            if (pulled->trusted) {
                outcome.words = QObject::tr("Pulled %1 by its signed digest and tagged it %2.")
                                    .arg(pulled->reference, pulled->taggedAs);
                outcome.detail =
                    TrustView::tr("Signed in %1 by key %2; every step below checked out.")
                        .arg(outcome.report.target->role,
                             shortKeys(outcome.report.target->signerKeyIds));
            } else {
                outcome.words =
                    QObject::tr("Pulled %1 without checking any signature.").arg(pulled->reference);
                outcome.detail =
                    QObject::tr(
                        "Content trust was off: the registry's current %1 was taken as it is.")
                        .arg(image);
            }
            return outcome;
        },
        [this](const Result<Outcome> &outcome) {
            finishJob();
            if (!outcome) {
                showOutcome(false, outcome.error().message, outcome.error().hint);
                return;
            }
            showReport(outcome->report);
            showOutcome(outcome->succeeded, outcome->words, outcome->detail);
            Q_EMIT outcomeRecorded();
        });
    startJob(job, trustOn ? tr("Trusted pull of %1…").arg(image)
                          : tr("Pull of %1 (no trust)…").arg(image));
}

void TrustView::run()
{
    const QString image = currentImage();
    const auto client = m_connection ? m_connection->client() : nullptr;
    if (image.isEmpty() || isBusy()) {
        return;
    }
    if (!client) {
        showOutcome(false, tr("Not connected to the engine."),
                    tr("Running needs a running Docker engine."));
        return;
    }
    const bool trustOn = m_trust->isChecked();
    const trust::TrustOptions opts = options();
    auto *job = runJob<Outcome>(
        this,
        [client, image, trustOn, opts](const JobContext &context) -> Result<Outcome> {
            docker::EngineClient engine = *client;
            Outcome outcome;
            const auto progress = [context](const docker::PullProgress &line) {
                context.progress(-1, line.id.isEmpty()
                                         ? line.status
                                         : line.id + QStringLiteral(": ") + line.status);
            };
            auto started = trust::runImage(engine, image, trustOn, trust::RunRequest{}, opts,
                                           progress, context.cancel(), &outcome.report);
            if (!started) {
                if (outcome.report.failure) {
                    outcome.words = refusalHeadline(QStringLiteral("run"), outcome.report);
                    outcome.detail = refusalDetail(outcome.report, started.error().hint);
                } else {
                    outcome.words = started.error().message;
                    outcome.detail = started.error().hint;
                }
                return outcome;
            }
            outcome.succeeded = true;
            outcome.words =
                started->trusted
                    ? QObject::tr("Started container %1 from the signed digest %2.")
                          .arg(started->containerId.left(12), started->image)
                    : QObject::tr("Started container %1 from %2 without checking any signature.")
                          .arg(started->containerId.left(12), started->image);
            outcome.detail =
                QObject::tr("Command: %1").arg(started->command.join(QLatin1Char(' ')));
            return outcome;
        },
        [this](const Result<Outcome> &outcome) {
            finishJob();
            if (!outcome) {
                showOutcome(false, outcome.error().message, outcome.error().hint);
                return;
            }
            showReport(outcome->report);
            showOutcome(outcome->succeeded, outcome->words, outcome->detail);
            Q_EMIT outcomeRecorded();
        });
    startJob(job, trustOn ? tr("Trusted run of %1…").arg(image)
                          : tr("Run of %1 (no trust)…").arg(image));
}

void TrustView::startLabEnvironment()
{
    const auto client = m_connection ? m_connection->client() : nullptr;
    if (isBusy()) {
        return;
    }
    if (!client) {
        showOutcome(false, tr("Not connected to the engine."),
                    tr("The lab environment builds and pushes its images through the engine."));
        return;
    }
    auto *job = runJob<trust::LabEnvSettings>(
        this,
        [client](const JobContext &context) -> Result<trust::LabEnvSettings> {
            docker::EngineClient engine = *client;
            trust::LabEnvOptions labOptions;
            labOptions.log = [context](const QString &line) { context.progress(-1, line); };
            // Started before on other ports (drydock labenv up --registry-port
            // ...): start it again where clients already look for it.
            if (auto saved = trust::readLabEnvSettings(trust::defaultLabEnvState());
                saved && *saved) {
                labOptions.registryPort = QUrl(QStringLiteral("http://") + (*saved)->registry)
                                              .port(labOptions.registryPort);
                labOptions.notaryPort = QUrl((*saved)->notaryUrl).port(labOptions.notaryPort);
            }
            trust::LabEnvironment env(labOptions);
            return env.up(engine, context.cancel());
        },
        [this](const Result<trust::LabEnvSettings> &settings) {
            finishJob();
            if (!settings) {
                showOutcome(false, settings.error().message, settings.error().hint);
            } else {
                if (currentImage().isEmpty()) {
                    setImage(settings->signedImages.value(0));
                }
                showOutcome(true, tr("The lab environment is up."),
                            tr("Signed: %1. Unsigned: %2. Notary %3, CA %4.")
                                .arg(settings->signedImages.join(QLatin1String(", ")),
                                     settings->unsignedImages.join(QLatin1String(", ")),
                                     settings->notaryUrl, settings->caFile));
            }
            refreshLabStatus();
        });
    startJob(job, tr("Starting the lab environment…"));
}

void TrustView::stopLabEnvironment()
{
    if (isBusy()) {
        return;
    }
    auto *job = runJob<QStringList>(
        this,
        [](const JobContext &) {
            trust::LabEnvironment env(trust::LabEnvOptions{});
            return env.down();
        },
        [this](const Result<QStringList> &lines) {
            finishJob();
            if (!lines) {
                showOutcome(false, lines.error().message, lines.error().hint);
            } else {
                showOutcome(true, tr("The lab environment is stopped."),
                            lines->join(QLatin1Char('\n')));
            }
            refreshLabStatus();
        });
    startJob(job, tr("Stopping the lab environment…"));
}

void TrustView::refreshLabStatus()
{
    runJob<trust::LabEnvStatus>(
        this,
        [](const JobContext &) -> Result<trust::LabEnvStatus> {
            trust::LabEnvironment env(trust::LabEnvOptions{});
            return env.status();
        },
        [this](const Result<trust::LabEnvStatus> &status) {
            if (!status) {
                return;
            }
            QStringList parts;
            bool allUp = true;
            for (const trust::ServiceStatus &service : status->services) {
                allUp = allUp && service.running && service.answering;
                parts << (service.running && service.answering
                              ? tr("%1 answering on %2").arg(service.name, service.url)
                          : service.running ? tr("%1 running but not answering").arg(service.name)
                                            : tr("%1 stopped").arg(service.name));
            }
            m_labStatus->setText(parts.join(QLatin1String("; ")) + QLatin1Char('.'));
            m_labUp->setText(allUp ? tr("Re-check") : tr("Start"));
            Q_EMIT labStatusRefreshed(allUp);
        });
}

void TrustView::whenLabUp(const std::function<void(const trust::LabEnvSettings &)> &action)
{
    if (isBusy()) {
        return;
    }
    auto *job = runJob<trust::LabEnvStatus>(
        this,
        [](const JobContext &) -> Result<trust::LabEnvStatus> {
            trust::LabEnvironment env(trust::LabEnvOptions{});
            return env.status();
        },
        [this, action](const Result<trust::LabEnvStatus> &status) {
            finishJob();
            refreshLabStatus();
            const bool allUp =
                status && status->settings &&
                std::all_of(status->services.cbegin(), status->services.cend(),
                            [](const trust::ServiceStatus &s) { return s.running && s.answering; });
            if (allUp) {
                action(*status->settings);
            }
        });
    startJob(job, tr("Checking the lab environment…"));
}

void TrustView::prepareScreenshot()
{
    whenLabUp([this](const trust::LabEnvSettings &settings) {
        setImage(settings.signedImages.value(0));
        setTrustEnabled(true);
        inspect();
    });
}

void TrustView::showPage(const QString &page)
{
    if (page != QLatin1String("refused")) {
        return;
    }
    whenLabUp([this](const trust::LabEnvSettings &settings) {
        setImage(settings.unsignedImages.value(0));
        setTrustEnabled(true);
        pull();
    });
}

} // namespace drydock::ui
