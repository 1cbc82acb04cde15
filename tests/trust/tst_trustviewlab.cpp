// SPDX-License-Identifier: GPL-3.0-or-later
// The Trust view against the real lab environment (docker-registry and
// notary-server on free loopback ports, in a data folder of the test's
// own) and the real engine: Inspect and Pull with trust on and off, the
// screenshot's live inspection, and stopping and starting the lab from
// the view.
#include "tests/support/loopbackports.h"
#include "trust/labenv.h"
#include "ui/engineconnection.h"
#include "ui/trustview.h"
#include "util/process.h"

#include <QLabel>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace drydock;
using namespace drydock::trust;
using namespace drydock::testing;

namespace {

bool allAnswering(const LabEnvStatus &status)
{
    return std::all_of(status.services.cbegin(), status.services.cend(),
                       [](const ServiceStatus &s) { return s.running && s.answering; });
}

} // namespace

class TestTrustViewLab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void inspectSigned();
    void pulls_data();
    void pulls();
    void runs();
    void screenshotInspectsTheLab();
    void stopAndStartFromTheView();

private:
    void waitIdle();
    void removeLocal(const QString &name);

    // The view finds the lab through the data folder: a fresh one, so no
    // root pinned by an earlier run meets the newly signed repository.
    QTemporaryDir m_data;
    std::optional<docker::EngineClient> m_engine;
    std::optional<LabEnvironment> m_lab;
    LabEnvSettings m_settings;
    ui::EngineConnection *m_connection = nullptr;
    ui::TrustView *m_view = nullptr;
    bool m_up = false;
};

void TestTrustViewLab::initTestCase()
{
    for (const char *program : {"docker-registry", "notary-server"}) {
        if (findProgram(QString::fromLatin1(program)).isEmpty()) {
            QSKIP(qPrintable(
                QStringLiteral("%1 is not installed (apt install docker-registry notary).")
                    .arg(QString::fromLatin1(program))));
        }
    }
    QVERIFY(m_data.isValid());
    qputenv("DRYDOCK_DATA_DIR", QFile::encodeName(m_data.path()));
    auto endpoint = docker::resolveEndpoint({}, docker::processEnvironment());
    QVERIFY2(endpoint.ok(), endpoint.ok() ? "" : qPrintable(endpoint.error().message));
    m_engine.emplace(*endpoint);
    auto ping = m_engine->negotiate();
    QVERIFY2(ping.ok(), ping.ok() ? "" : qPrintable(ping.error().message));

    // The default state folder (under this test's data folder) on free ports.
    LabEnvOptions options;
    options.registryPort = freeLoopbackPort();
    options.notaryPort = freeLoopbackPort();
    m_lab.emplace(options);
    auto settings = m_lab->up(*m_engine);
    QVERIFY2(settings.ok(), settings.ok() ? "" : qPrintable(settings.error().text()));
    m_settings = *settings;
    m_up = true;

    m_connection = new ui::EngineConnection(this);
    m_connection->connectTo({});
    QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), ui::EngineConnection::State::Connected, 15000);
    m_view = new ui::TrustView(m_connection);
    m_view->resize(1100, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TestTrustViewLab::cleanupTestCase()
{
    delete m_view;
    if (!m_lab) {
        return;
    }
    if (!m_up) {
        // up failed half way: stop what it started (by its pid files).
        (void)m_lab->down();
        return;
    }
    for (const QString &name : m_settings.signedImages + m_settings.unsignedImages) {
        removeLocal(name);
    }
    // Whatever the view started, the pid files name: stopped by them.
    auto lines = m_lab->down();
    QVERIFY(lines);
    for (const ServiceStatus &service : m_lab->status().services) {
        QVERIFY2(!service.running, qPrintable(service.name));
    }
}

void TestTrustViewLab::waitIdle()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_view->isBusy(), 60000);
}

void TestTrustViewLab::removeLocal(const QString &name)
{
    if (m_engine->inspectImage(name)) {
        (void)m_engine->removeImage(name, true);
    }
}

void TestTrustViewLab::inspectSigned()
{
    m_view->setImage(m_settings.signedImages.value(0));
    m_view->inspect();
    QVERIFY(m_view->isBusy());
    waitIdle();
    // root -> timestamp -> snapshot -> targets -> digest, each good, with
    // its key and expiry.
    const QStringList roles{QStringLiteral("root"), QStringLiteral("timestamp"),
                            QStringLiteral("snapshot"), QStringLiteral("targets"),
                            QStringLiteral("digest")};
    QTreeWidget *trace = m_view->traceTree();
    QCOMPARE(trace->topLevelItemCount(), roles.size());
    for (int i = 0; i < roles.size(); ++i) {
        const QTreeWidgetItem *item = trace->topLevelItem(i);
        QCOMPARE(item->text(0), roles.at(i));
        QCOMPARE(item->text(1), QStringLiteral("good"));
        QVERIFY2(!item->text(3).isEmpty(), qPrintable(roles.at(i))); // expires
        QVERIFY2(!item->text(4).isEmpty(), qPrintable(roles.at(i))); // key
    }
    QVERIFY2(m_view->outcomeLabel()->text().contains(QLatin1String("is signed: it resolves to "
                                                                   "sha256:")),
             qPrintable(m_view->outcomeLabel()->text()));
}

void TestTrustViewLab::pulls_data()
{
    QTest::addColumn<QString>("image"); // "signed", "unsigned" or "unsigned tag"
    QTest::addColumn<bool>("trust");
    QTest::addColumn<bool>("pulled");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("detail");
    // Trust on, signed: pulled by digest, then tagged.
    QTest::newRow("signed, trust on")
        << QStringLiteral("signed") << true << true
        << QStringLiteral("by its signed digest and tagged it") << QStringLiteral("Signed in");
    // Trust on, unsigned repository: refused, nothing pulled, the reason
    // and the server named.
    QTest::newRow("unsigned, trust on")
        << QStringLiteral("unsigned") << true << false << QStringLiteral("has no signatures at all")
        << QStringLiteral("Nothing was pulled");
    // Trust on, unsigned tag in the signed repository: refused.
    QTest::newRow("unsigned tag, trust on") << QStringLiteral("unsigned tag") << true << false
                                            << QStringLiteral("the tag unsigned is not signed")
                                            << QStringLiteral("No valid trust data for unsigned");
    // Trust off: the unsigned image is taken as it is.
    QTest::newRow("unsigned, trust off") << QStringLiteral("unsigned") << false << true
                                         << QStringLiteral("without checking any signature")
                                         << QStringLiteral("Content trust was off");
}

void TestTrustViewLab::pulls()
{
    QFETCH(QString, image);
    QFETCH(bool, trust);
    QFETCH(bool, pulled);
    QFETCH(QString, outcome);
    QFETCH(QString, detail);
    const QString name = image == QLatin1String("signed")     ? m_settings.signedImages.value(0)
                         : image == QLatin1String("unsigned") ? m_settings.unsignedImages.value(0)
                                                              : m_settings.unsignedImages.value(1);
    removeLocal(name);
    m_view->setImage(name);
    m_view->setTrustEnabled(trust);
    m_view->pull();
    QVERIFY(m_view->isBusy());
    waitIdle();
    QVERIFY2(m_view->outcomeLabel()->text().contains(outcome),
             qPrintable(m_view->outcomeLabel()->text()));
    QVERIFY2(m_view->outcomeDetailLabel()->text().contains(detail),
             qPrintable(m_view->outcomeDetailLabel()->text()));
    QCOMPARE(m_engine->inspectImage(name).ok(), pulled);
    if (trust) {
        // The resolution is shown, ending good when pulled and bad when not.
        QTreeWidget *trace = m_view->traceTree();
        QVERIFY(trace->topLevelItemCount() > 0);
        QCOMPARE(trace->topLevelItem(trace->topLevelItemCount() - 1)->text(1),
                 pulled ? QStringLiteral("good") : QStringLiteral("BAD"));
    }
}

void TestTrustViewLab::runs()
{
    // Trust on, unsigned: refused, no container.
    m_view->setImage(m_settings.unsignedImages.value(0));
    m_view->setTrustEnabled(true);
    m_view->run();
    waitIdle();
    QVERIFY2(m_view->outcomeLabel()->text().startsWith(QLatin1String("Refused to run")),
             qPrintable(m_view->outcomeLabel()->text()));
    QVERIFY2(m_view->outcomeDetailLabel()->text().contains(QLatin1String("No container was "
                                                                         "created")),
             qPrintable(m_view->outcomeDetailLabel()->text()));

    // Trust on, signed: started from the signed digest.
    m_view->setImage(m_settings.signedImages.value(0));
    m_view->run();
    waitIdle();
    const QString words = m_view->outcomeLabel()->text();
    const QRegularExpression started(
        QStringLiteral("^Started container ([0-9a-f]{12}) from the signed digest (\\S+)\\.$"));
    const QRegularExpressionMatch match = started.match(words);
    QVERIFY2(match.hasMatch(), qPrintable(words));
    const QString container = match.captured(1);
    auto removed = m_engine->removeContainer(container, true);
    QVERIFY2(removed.ok(), removed.ok() ? "" : qPrintable(removed.error().message));
    QVERIFY2(match.captured(2).contains(QLatin1String("@sha256:")), qPrintable(words));
}

void TestTrustViewLab::screenshotInspectsTheLab()
{
    // What `drydock --screenshot` asks of the view: with the lab up, the
    // signed image is inspected with trust on.
    m_view->setImage(QString());
    m_view->setTrustEnabled(false);
    m_view->traceTree()->clear();
    m_view->prepareScreenshot();
    QVERIFY(m_view->isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(m_view->traceTree()->topLevelItemCount(), 5, 60000);
    waitIdle();
    QVERIFY(m_view->property("busy").isValid());
    QVERIFY2(m_view->outcomeLabel()->text().startsWith(m_settings.signedImages.value(0) +
                                                       QStringLiteral(" is signed")),
             qPrintable(m_view->outcomeLabel()->text()));
    // The refused pull's page: the unsigned image, refused.
    m_view->showPage(QStringLiteral("refused"));
    QVERIFY(m_view->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(
        m_view->outcomeLabel()->text().startsWith(QLatin1String("Refused to pull")), 60000);
    waitIdle();
}

void TestTrustViewLab::stopAndStartFromTheView()
{
    m_view->stopLabEnvironment();
    QVERIFY(m_view->isBusy());
    waitIdle();
    QVERIFY2(m_view->outcomeLabel()->text().contains(QLatin1String("stopped")),
             qPrintable(m_view->outcomeLabel()->text()));
    for (const ServiceStatus &service : m_lab->status().services) {
        QVERIFY2(!service.running, qPrintable(service.name));
    }
    QTRY_VERIFY(m_view->labStatusLabel()->text().contains(QLatin1String("stopped")));

    // Start again from the view: on the ports it had, signed anew.
    m_view->startLabEnvironment();
    QVERIFY(m_view->isBusy());
    waitIdle();
    QVERIFY2(m_view->outcomeLabel()->text().contains(QLatin1String("is up")),
             qPrintable(m_view->outcomeLabel()->text() + QLatin1Char(' ') +
                        m_view->outcomeDetailLabel()->text()));
    QVERIFY(allAnswering(m_lab->status()));
    QTRY_VERIFY(m_view->labStatusLabel()->text().contains(QLatin1String("answering")));
    // The fresh signature verifies (the pinned root was reset by up).
    m_view->setImage(m_settings.signedImages.value(0));
    m_view->inspect();
    waitIdle();
    QVERIFY2(m_view->outcomeLabel()->text().contains(QLatin1String("is signed")),
             qPrintable(m_view->outcomeLabel()->text() + QLatin1Char(' ') +
                        m_view->outcomeDetailLabel()->text()));
}

QTEST_MAIN(TestTrustViewLab)
#include "tst_trustviewlab.moc"
