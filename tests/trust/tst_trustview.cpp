// SPDX-License-Identifier: GPL-3.0-or-later
// The Trust view offscreen: an inspection runs off the GUI thread against
// the test's own HTTPS Notary stand-in, and the window shows every step
// and the outcome in words, for a signed tag and for an unsigned one.
#include "repofixture.h"
#include "tlsfileserver.h"
#include "ui/engineconnection.h"
#include "ui/trustview.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace drydock;
using namespace drydock::trust;
using namespace drydock::trust::test;

class TestTrustView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void inspect_data();
    void inspect();
    void buttonsFollowTheImageField();
    void pullNeedsEngine();

private:
    // The view pins roots in the data folder: a fresh one per run, so a
    // repository re-made with new keys is not refused as a changed root.
    QTemporaryDir m_data;
    TlsFileServer m_server;
    RepoFixture m_repo;
};

void TestTrustView::initTestCase()
{
    QVERIFY(m_data.isValid());
    qputenv("DRYDOCK_DATA_DIR", QFile::encodeName(m_data.path()));
    const QString error = m_server.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_repo = RepoFixture::create();
    m_repo.build();
    const QMap<QString, QByteArray> files = m_repo.files();
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        m_server.serve(QStringLiteral("/v2/%1/_trust/tuf/%2").arg(m_repo.gun, it.key()),
                       it.value());
    }
}

void TestTrustView::inspect_data()
{
    QTest::addColumn<QString>("tag");
    QTest::addColumn<int>("steps");
    QTest::addColumn<bool>("lastGood");
    QTest::addColumn<QString>("outcome");
    // A signed tag: root, timestamp, snapshot, targets, digest, all good.
    QTest::newRow("signed tag") << QStringLiteral("1") << 5 << true << QStringLiteral("is signed");
    // An unsigned tag: the chain verifies, the digest step is marked bad.
    QTest::newRow("unsigned tag") << QStringLiteral("unsigned") << 5 << false
                                  << QStringLiteral("cannot be trusted");
}

void TestTrustView::inspect()
{
    QFETCH(QString, tag);
    QFETCH(int, steps);
    QFETCH(bool, lastGood);
    QFETCH(QString, outcome);
    ui::EngineConnection connection;
    ui::TrustView view(&connection);
    view.findChild<QLineEdit *>(QStringLiteral("trustServer"))->setText(m_server.url());
    view.findChild<QLineEdit *>(QStringLiteral("trustCaFile"))->setText(m_server.caFile());
    view.setImage(m_repo.gun + QLatin1Char(':') + tag);
    view.inspect();
    QVERIFY(view.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 20000);
    QCOMPARE(view.traceTree()->topLevelItemCount(), steps);
    QCOMPARE(view.traceTree()->topLevelItem(0)->text(0), QStringLiteral("root"));
    const QTreeWidgetItem *last = view.traceTree()->topLevelItem(steps - 1);
    QCOMPARE(last->text(0), QStringLiteral("digest"));
    QCOMPARE(last->text(1) == QLatin1String("good"), lastGood);
    QVERIFY2(view.outcomeLabel()->text().contains(outcome),
             qPrintable(view.outcomeLabel()->text()));
}

void TestTrustView::buttonsFollowTheImageField()
{
    ui::EngineConnection connection;
    ui::TrustView view(&connection);
    auto *inspectButton = view.findChild<QPushButton *>(QStringLiteral("trustInspect"));
    QVERIFY(inspectButton);
    // Nothing to act on without an image; typing one enables the actions.
    QVERIFY(!inspectButton->isEnabled());
    view.findChild<QLineEdit *>(QStringLiteral("trustImage"))->setText(QStringLiteral("alpine"));
    QVERIFY(inspectButton->isEnabled());
}

void TestTrustView::pullNeedsEngine()
{
    // No engine connected: the view says so instead of starting a job.
    ui::EngineConnection connection;
    ui::TrustView view(&connection);
    view.setImage(m_repo.gun + QStringLiteral(":1"));
    view.pull();
    QVERIFY(!view.isBusy());
    QVERIFY(view.outcomeLabel()->text().contains(QLatin1String("Not connected")));
}

QTEST_MAIN(TestTrustView)
#include "tst_trustview.moc"
