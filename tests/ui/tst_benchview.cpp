// SPDX-License-Identifier: GPL-3.0-or-later
// The Benchmark view against the real engine: a run fills the table and
// charts, the filters and search narrow it, the detail pane explains a
// finding, two runs compare, a docker-bench-security log imports, and the
// view says what to do when the engine is down or goes away mid-run.
#include "uitesthelpers.h"

#include "ui/benchcharts.h"
#include "ui/benchview.h"
#include "ui/comparisonmodel.h"
#include "ui/findingdetail.h"
#include "ui/findingmodel.h"
#include "ui/historyview.h"
#include "ui/runpanel.h"

#include "bench/catalogue.h"
#include "bench/hardening.h"
#include "util/datadir.h"

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>

using namespace drydock;
using namespace drydock::bench;
using namespace drydock::ui;

namespace {

// A stand-in for the engine's socket that forwards to the real one, and
// can be told to die at the first container inspect (the engine lost in
// the middle of a run) and to come back.
class DyingProxy : public QObject
{
public:
    explicit DyingProxy(QString upstream) : m_upstream(std::move(upstream))
    {
        QObject::connect(&m_server, &QLocalServer::newConnection, this, [this] { accept(); });
    }

    bool listen(const QString &path)
    {
        m_path = path;
        QLocalServer::removeServer(path);
        return m_server.listen(path);
    }
    void dieAtNextInspect() { m_armed = true; }
    bool died() const { return m_died; }
    bool revive()
    {
        m_armed = false;
        return listen(m_path);
    }

private:
    void accept()
    {
        while (QLocalSocket *client = m_server.nextPendingConnection()) {
            auto *upstream = new QLocalSocket(client);
            upstream->connectToServer(m_upstream);
            if (!upstream->waitForConnected(2000)) {
                client->abort();
                client->deleteLater();
                continue;
            }
            const auto forward = [this, client, upstream] {
                const QByteArray data = client->readAll();
                const bool inspect = data.startsWith("GET /v") && data.contains("/containers/") &&
                                     !data.contains("/containers/json") && data.contains("/json ");
                if (m_armed && inspect) {
                    die();
                    return;
                }
                upstream->write(data);
            };
            QObject::connect(client, &QLocalSocket::readyRead, client, forward);
            QObject::connect(upstream, &QLocalSocket::readyRead, client,
                             [client, upstream] { client->write(upstream->readAll()); });
            QObject::connect(upstream, &QLocalSocket::disconnected, client,
                             [client] { client->disconnectFromServer(); });
            QObject::connect(client, &QLocalSocket::disconnected, client,
                             [client] { client->deleteLater(); });
            m_clients.append(client);
            // A request that arrived while the upstream connected was read
            // into the socket's buffer already; readyRead will not repeat.
            if (client->bytesAvailable() > 0) {
                forward();
            }
        }
    }

    void die()
    {
        m_armed = false;
        m_died = true;
        m_server.close();
        for (const QPointer<QLocalSocket> &client : std::as_const(m_clients)) {
            if (client) {
                client->abort();
            }
        }
        m_clients.clear();
    }

    QString m_upstream;
    QString m_path;
    QLocalServer m_server;
    QList<QPointer<QLocalSocket>> m_clients;
    bool m_armed = false;
    bool m_died = false;
};

// Types a shortcut as a user would: into the focused widget of the active
// window, so that it goes through the shortcut map.
bool typeShortcut(QWidget *window, Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window)) {
        return false;
    }
    QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : window;
    QTest::keyClick(target, key, modifiers);
    return true;
}

int rowOfCheck(const BenchView &view, const QString &checkId)
{
    const FindingFilterModel *filter = view.filterModel();
    for (int row = 0; row < filter->rowCount(); ++row) {
        if (filter->index(row, 0).data(FindingModel::CheckIdRole).toString() == checkId) {
            return row;
        }
    }
    return -1;
}

} // namespace

class TestBenchView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(builtinCatalogue().ok());
        QString why;
        if (!m_containers.connect(&why)) {
            QFAIL(qPrintable(QStringLiteral("no engine: ") + why));
        }
        // This test's own data folder: start without saved runs.
        QDir(dataPath(QStringLiteral("runs"))).removeRecursively();
        m_containers.removeAll();
        m_weakId = m_containers.start(m_containers.spec(QStringLiteral("weak")), &why);
        QVERIFY2(!m_weakId.isEmpty(), qPrintable(why));
        docker::ContainerSpec tidy = m_containers.spec(QStringLiteral("tidy"));
        tidy.memory = 64 * 1024 * 1024;
        tidy.pidsLimit = 50;
        tidy.readonlyRootfs = true;
        tidy.user = QStringLiteral("65534");
        QVERIFY2(!m_containers.start(tidy, &why).isEmpty(), qPrintable(why));

        m_connection = new EngineConnection(this);
        m_connection->connectTo({});
        QVERIFY(uitest::waitConnected(m_connection));
        m_view = new BenchView(m_connection);
        m_view->resize(1280, 800);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view));
        // Only this test's containers are audited.
        m_view->runPanel()->containerPattern()->setText(QLatin1Char('^') + m_containers.prefix());
    }

    void cleanupTestCase()
    {
        delete m_view;
        m_containers.removeAll();
    }

    void runFillsTableAndCharts()
    {
        QSignalSpy finished(m_view, &BenchView::runFinished);
        QSignalSpy started(m_view, &BenchView::jobProgress);
        m_view->findingsTable()->setFocus();
        QVERIFY(m_view->runPanel()->runButton()->isEnabled());
        QVERIFY(typeShortcut(m_view, Qt::Key_R, Qt::ControlModifier)); // Ctrl+R runs
        QVERIFY2(m_view->isRunning(), qPrintable(m_view->problemText()));
        QCOMPARE(started.size(), 1);
        QVERIFY(m_view->property("busy").toBool());
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY2(m_view->problemText().isEmpty(), qPrintable(m_view->problemText()));

        const int total = int(builtinCatalogue()->checks().size());
        QCOMPARE(m_view->findingModel()->rowCount(), total);
        QCOMPARE(m_view->filterModel()->rowCount(), total);
        // The charts are drawn just after the table.
        const auto donutTotal = [this] {
            int sum = 0;
            for (const int count : m_view->donut()->shownCounts()) {
                sum += count;
            }
            return sum;
        };
        QTRY_COMPARE(donutTotal(), total);
        const auto donut = m_view->donut()->shownCounts();
        QVERIFY(donut.value(Verdict::Warn) > 0); // the weak container has no limits
        const auto bars = m_view->sectionBars()->shownCounts();
        QCOMPARE(bars.size(), builtinCatalogue()->sections().size());
        int barTotal = 0;
        for (const auto &section : bars) {
            for (const int count : section) {
                barTotal += count;
            }
        }
        QCOMPARE(barTotal, total);
        QVERIFY(m_view->verdictChip(Verdict::Warn)
                    ->text()
                    .contains(QString::number(donut.value(Verdict::Warn))));
        // Saved on the way.
        QTRY_COMPARE(m_view->history()->runModel()->rowCount(), 1);
    }

    void filtersAndSearchNarrow()
    {
        QVERIFY(m_view->currentRun());
        const int total = m_view->filterModel()->rowCount();
        QToolButton *warn = m_view->verdictChip(Verdict::Warn);
        warn->click();
        const int warnings = m_view->filterModel()->rowCount();
        QVERIFY(warnings > 0 && warnings < total);
        for (int row = 0; row < warnings; ++row) {
            QCOMPARE(m_view->filterModel()->index(row, 0).data(FindingModel::VerdictRole).toInt(),
                     int(Verdict::Warn));
        }
        // Section 5 only, still warnings only.
        QComboBox *section = m_view->sectionFilter();
        section->setCurrentIndex(section->findData(QStringLiteral("5")));
        const int section5 = m_view->filterModel()->rowCount();
        QVERIFY(section5 > 0 && section5 <= warnings);
        for (int row = 0; row < section5; ++row) {
            QCOMPARE(m_view->filterModel()->index(row, 0).data(FindingModel::SectionRole),
                     QVariant(QStringLiteral("5")));
        }
        // Ctrl+F goes to the search field; the weak container's name finds
        // the warnings about it.
        m_view->findingsTable()->setFocus();
        QVERIFY(typeShortcut(m_view, Qt::Key_F, Qt::ControlModifier));
        QCOMPARE(QApplication::focusWidget(), m_view->searchField());
        m_view->searchField()->setText(m_containers.name(QStringLiteral("weak")));
        const int aboutWeak = m_view->filterModel()->rowCount();
        QVERIFY(aboutWeak > 0 && aboutWeak <= section5);
        QVERIFY(rowOfCheck(*m_view, QStringLiteral("5.11")) >= 0);
        m_view->searchField()->setText(QStringLiteral("no-such-thing-anywhere"));
        QCOMPARE(m_view->filterModel()->rowCount(), 0);
        // Clearing every filter shows everything again.
        m_view->searchField()->clear();
        section->setCurrentIndex(0);
        warn->click();
        QCOMPARE(m_view->filterModel()->rowCount(), total);
    }

    void detailShowsEvidenceAndRemediation()
    {
        const int row = rowOfCheck(*m_view, QStringLiteral("5.11"));
        QVERIFY(row >= 0);
        QTableView *table = m_view->findingsTable();
        table->setCurrentIndex(m_view->filterModel()->index(row, 0));
        const QString text = m_view->detail()->toPlainText();
        const CheckInfo *info = builtinCatalogue()->check(QStringLiteral("5.11"));
        QVERIFY(text.contains(info->title));
        QVERIFY(text.contains(QStringLiteral("WARN")));
        QVERIFY(text.contains(m_containers.name(QStringLiteral("weak"))));
        QVERIFY(text.contains(QStringLiteral("Memory=0")));       // observed
        QVERIFY(text.contains(QStringLiteral("a memory limit"))); // expected
        QVERIFY(text.contains(info->remediation.left(40)));
        // The tidy container has a limit: it is not among the offenders.
        QVERIFY(!text.contains(m_containers.name(QStringLiteral("tidy"))));

        // Keyboard: Down moves to the next finding and the pane follows.
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Down);
        QCOMPARE(table->currentIndex().row(), row + 1);
        QVERIFY(m_view->detail()->toPlainText() != text);
    }

    void escapeCancelsARun()
    {
        const int saved = m_view->history()->runModel()->rowCount();
        const auto shown = m_view->currentRun();
        QSignalSpy finished(m_view, &BenchView::runFinished);
        m_view->startRun();
        QVERIFY(m_view->isRunning());
        QVERIFY(m_view->runPanel()->cancelButton()->isEnabled());
        QVERIFY(typeShortcut(m_view, Qt::Key_Escape, Qt::NoModifier));
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY2(m_view->problemText().contains(QStringLiteral("cancelled")),
                 qPrintable(m_view->problemText()));
        // Nothing saved, and the previous run stays on screen.
        QCOMPARE(m_view->currentRun(), shown);
        QTest::qWait(200);
        QCOMPARE(m_view->history()->runModel()->rowCount(), saved);
        QVERIFY(!m_view->runPanel()->cancelButton()->isEnabled());
    }

    void twoRunsCompare()
    {
        // Fix the weak container as its posture card would: replace it with
        // its hardened copy, then run again.
        auto weak = m_containers.client().inspectContainer(m_weakId);
        QVERIFY(weak.ok());
        HardeningOptions options;
        options.extraLabels.insert(m_containers.labelKey(), m_containers.labelValue());
        const HardenedContainer hardened = hardenContainer(*weak, std::nullopt, options);
        QVERIFY(m_containers.client().removeContainer(m_weakId, true).ok());
        QString why;
        QVERIFY2(!m_containers.start(hardened.spec, &why).isEmpty(), qPrintable(why));

        QSignalSpy finished(m_view, &BenchView::runFinished);
        m_view->startRun();
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), true);

        HistoryView *history = m_view->history();
        QTRY_COMPARE(history->runModel()->rowCount(), 2);
        QSignalSpy compared(history, &HistoryView::compared);
        history->runTable()->selectAll(); // the two runs
        QVERIFY(compared.wait(30000));
        const Comparison &comparison = history->comparisonModel()->comparison();
        QCOMPARE(comparison.checks.size(), builtinCatalogue()->checks().size());
        // Memory limit, read-only root and pids limit were fixed by the hardened
        // copy; nothing got worse.
        for (const char *id : {"5.11", "5.13", "5.29"}) {
            const CheckChange *change = comparison.check(QLatin1String(id));
            QVERIFY2(change && change->change == Change::Fixed, id);
        }
        QCOMPARE(comparison.count(Change::New), 0);
        QVERIFY(comparison.itemCount(Change::Fixed) >= 3);
        QVERIFY(comparison.percentDelta > 0);
        QVERIFY(history->deltaChart()->chart()->title().contains(QStringLiteral("→")));
        // The item list names the fixed container.
        const CheckChange *memory = comparison.check(QStringLiteral("5.11"));
        QVERIFY(std::any_of(memory->items.cbegin(), memory->items.cend(), [&](const ItemChange &i) {
            return i.change == Change::Fixed &&
                   i.key.contains(m_containers.name(QStringLiteral("weak")));
        }));
        // Changes sort first in the table.
        const QAbstractItemModel *shown = history->comparisonTable()->model();
        QCOMPARE(shown->index(0, ComparisonModel::ChangeColumn).data().toString(),
                 QStringLiteral("Fixed"));
    }

    void importDockerBenchLog()
    {
        HistoryView *history = m_view->history();
        const int before = history->runModel()->rowCount();
        QSignalSpy imported(history, &HistoryView::imported);
        QSignalSpy compared(history, &HistoryView::compared);
        history->importLog(QStringLiteral(DRYDOCK_TEST_DATA "/dbs-section5.json"));
        QVERIFY(imported.wait(30000));
        QTRY_COMPARE(history->runModel()->rowCount(), before + 1);
        const QString id = imported.first().first().toString();
        const int row = history->runModel()->rowOf(id);
        QVERIFY(row >= 0);
        QVERIFY(history->runModel()->runs().at(row).producer.startsWith(
            QStringLiteral("docker-bench-security")));
        // It is compared with the newest Drydock run straight away.
        QTRY_VERIFY_WITH_TIMEOUT(!compared.isEmpty(), 30000);
        const Comparison &comparison = history->comparisonModel()->comparison();
        QVERIFY(comparison.beforeRunId == id || comparison.afterRunId == id);
        QVERIFY(history->problemText().isEmpty());
    }

    void importOfABrokenLogShowsWhy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"tests\": 5");
        file.close();
        HistoryView *history = m_view->history();
        QTRY_VERIFY(!history->isBusy());
        history->importLog(path);
        QTRY_VERIFY(!history->problemText().isEmpty());
        QVERIFY(history->problemText().contains(QStringLiteral("broken.json")));
    }

    void engineDownShowsTheFix()
    {
        QTemporaryDir dir;
        EngineConnection connection;
        docker::EndpointRequest request;
        request.host = QStringLiteral("unix://") + dir.filePath(QStringLiteral("missing.sock"));
        connection.connectTo(request);
        QTRY_COMPARE(connection.state(), EngineConnection::State::Down);
        BenchView view(&connection);
        view.show();
        QVERIFY(!view.runPanel()->runButton()->isEnabled());
        view.startRun();
        QVERIFY(!view.isRunning());
        const QString problem = view.problemText();
        QVERIFY2(problem.contains(QStringLiteral("not connected")), qPrintable(problem));
        QVERIFY2(problem.contains(QStringLiteral("Fix:")), qPrintable(problem));
    }

    void engineLostMidRunThenBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("engine.sock"));
        DyingProxy proxy(QStringLiteral("/var/run/docker.sock"));
        QVERIFY(proxy.listen(path));
        EngineConnection connection;
        connection.setWatchInterval(300);
        docker::EndpointRequest request;
        request.host = QStringLiteral("unix://") + path;
        connection.connectTo(request);
        QVERIFY(uitest::waitConnected(&connection));
        BenchView view(&connection);
        view.show();
        view.runPanel()->containerPattern()->setText(QLatin1Char('^') + m_containers.prefix());
        QTRY_VERIFY(!view.property("busy").toBool());

        proxy.dieAtNextInspect();
        QSignalSpy finished(&view, &BenchView::runFinished);
        view.startRun();
        QVERIFY(finished.wait(120000));
        QVERIFY2(proxy.died(), qPrintable(view.problemText()));
        // Either a partial run or a failed one: the view says so, with a fix.
        const QString problem = view.problemText();
        QVERIFY2(problem.contains(QStringLiteral("Fix:")), qPrintable(problem));
        if (finished.first().first().toBool()) {
            QVERIFY(view.currentRun()->partial);
            QVERIFY(problem.contains(QStringLiteral("partial")));
        }
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), EngineConnection::State::Down, 15000);

        // The engine comes back: the window reconnects by itself and runs again.
        QVERIFY(proxy.revive());
        QVERIFY(uitest::waitConnected(&connection, 20000));
        QTRY_VERIFY(view.runPanel()->runButton()->isEnabled());
        finished.clear();
        view.startRun();
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(!view.currentRun()->partial);
        QVERIFY(view.problemText().isEmpty());
    }

private:
    uitest::TestContainers m_containers{QStringLiteral("uibench")};
    EngineConnection *m_connection = nullptr;
    BenchView *m_view = nullptr;
    QString m_weakId;
};

QTEST_MAIN(TestBenchView)
#include "tst_benchview.moc"
