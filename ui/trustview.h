// SPDX-License-Identifier: GPL-3.0-or-later
// The Trust view: an image, the content-trust toggle, Inspect / Pull / Run,
// the resolution step by step (root -> timestamp -> snapshot -> targets ->
// digest), pull progress, the outcome in words, and the lab environment's
// start and stop.
#pragma once

#include "trust/labenv.h"
#include "trust/trustservice.h"

#include <QPointer>
#include <QStringList>
#include <QVariantMap>
#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace drydock {
class Job;
}

namespace drydock::ui {

class EngineConnection;

class TrustView : public QWidget
{
    Q_OBJECT
    // For `drydock --screenshot`: it waits while busy, then calls
    // prepareScreenshot(), and showPage() for each extra page.
    Q_PROPERTY(bool busy READ isBusy)
    Q_PROPERTY(QStringList screenshotPages READ screenshotPages CONSTANT)
    Q_PROPERTY(QVariantMap screenshotFileNames READ screenshotFileNames CONSTANT)
public:
    explicit TrustView(EngineConnection *connection, QWidget *parent = nullptr);

    void setImage(const QString &image);
    void setTrustEnabled(bool on);
    bool isBusy() const { return !m_job.isNull(); }

    void inspect();
    void pull();
    void run();
    void startLabEnvironment();
    void stopLabEnvironment();
    void refreshLabStatus();

    // With the lab environment up: inspects its signed image, trust on.
    Q_INVOKABLE void prepareScreenshot();
    // "refused": a trusted pull of the lab's unsigned image; "" nothing.
    Q_INVOKABLE void showPage(const QString &page);
    QStringList screenshotPages() const { return {QStringLiteral("refused")}; }
    QVariantMap screenshotFileNames() const
    {
        return {{QStringLiteral("refused"), QStringLiteral("trust-refused")}};
    }

    QTreeWidget *traceTree() const { return m_trace; }
    QLabel *outcomeLabel() const { return m_outcome; }
    QLabel *outcomeDetailLabel() const { return m_outcomeDetail; }
    QLabel *labStatusLabel() const { return m_labStatus; }

Q_SIGNALS:
    // A trust outcome was recorded (the history file changed).
    void outcomeRecorded();
    // The lab environment's status was read (after refreshLabStatus()).
    void labStatusRefreshed(bool allUp);

private:
    // What a pull or run job hands back, refused or not, for display.
    struct Outcome
    {
        trust::TrustReport report;
        bool succeeded = false;
        QString words;  // the outcome in a sentence or two
        QString detail; // the error's hint, or the digest and signers
    };

    trust::TrustOptions options() const;
    QString currentImage() const;
    void startJob(Job *job, const QString &what);
    void finishJob();
    void showReport(const trust::TrustReport &report);
    void showOutcome(bool good, const QString &words, const QString &detail);
    void updateButtons();
    // After the lab status is known: the screenshot's action, if any.
    void whenLabUp(const std::function<void(const trust::LabEnvSettings &)> &action);

    EngineConnection *m_connection = nullptr;
    QLineEdit *m_image = nullptr;
    QCheckBox *m_trust = nullptr;
    QLineEdit *m_server = nullptr;
    QLineEdit *m_caFile = nullptr;
    QCheckBox *m_allowOffline = nullptr;
    QPushButton *m_inspect = nullptr;
    QPushButton *m_pull = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_resetTrust = nullptr;
    QPushButton *m_labUp = nullptr;
    QPushButton *m_labDown = nullptr;
    QLabel *m_labStatus = nullptr;
    QTreeWidget *m_trace = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressText = nullptr;
    QLabel *m_outcome = nullptr;
    QLabel *m_outcomeDetail = nullptr;
    QPointer<Job> m_job;
};

} // namespace drydock::ui
