// SPDX-License-Identifier: GPL-3.0-or-later
// The posture card against the real engine: a deliberately weak container
// shows its problems; the hardened spec the card renders as its command is
// created and started, and the benchmark then passes every check the card
// claims to fix. The same spec through the docker CLI does the same.
#include "uitesthelpers.h"

#include "ui/posturecard.h"

#include "bench/catalogue.h"
#include "bench/runner.h"
#include "util/process.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTextBrowser>

using namespace drydock;
using namespace drydock::bench;
using namespace drydock::ui;

namespace {

// The verdict of each check when only the container named `name` is audited.
QMap<QString, Verdict> verdictsFor(docker::EngineClient &client, const QString &name, QString *why)
{
    RunOptions options;
    options.containers.namePattern =
        QLatin1Char('^') + QRegularExpression::escape(name) + QLatin1Char('$');
    options.checks.include = {QStringLiteral("4.1"), QStringLiteral("5")};
    auto run = runBenchmark(client, options);
    QMap<QString, Verdict> verdicts;
    if (!run) {
        *why = run.error().text();
        return verdicts;
    }
    for (const Finding &finding : run->findings) {
        verdicts.insert(finding.checkId, finding.verdict);
    }
    return verdicts;
}

bool waitRunningWithHealth(docker::EngineClient &client, const QString &id)
{
    // 5.27 reads the health status, which the engine sets once it starts.
    return QTest::qWaitFor(
        [&] {
            const auto c = client.inspectContainer(id);
            return c && c->state.running && !c->state.healthStatus.isEmpty();
        },
        20000);
}

} // namespace

class TestPostureCard : public QObject
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
        m_containers.removeAll();
        // Weak on purpose: root, no limits, writable root, unbounded restarts,
        // an extra capability, unconfined seccomp, the engine's socket,
        // host pid/ipc/uts namespaces, a privileged port on every interface.
        docker::ContainerSpec weak = m_containers.spec(QStringLiteral("weak"));
        weak.restartPolicy = QStringLiteral("always");
        weak.capAdd = {QStringLiteral("NET_ADMIN")};
        weak.securityOpt = {QStringLiteral("seccomp=unconfined")};
        docker::Mount socket;
        socket.type = QStringLiteral("bind");
        socket.source = QStringLiteral("/var/run/docker.sock");
        socket.destination = QStringLiteral("/var/run/docker.sock");
        socket.rw = false;
        weak.mounts = {socket};
        weak.pidMode = QStringLiteral("host");
        weak.ipcMode = QStringLiteral("host");
        weak.utsMode = QStringLiteral("host");
        // A privileged port nobody else on this machine is likely to use.
        const int port = 600 + int(QCoreApplication::applicationPid() % 300);
        weak.ports = {{QStringLiteral("80/tcp"), QString(), QString::number(port)}};
        m_weakId = m_containers.start(weak, &why);
        QVERIFY2(!m_weakId.isEmpty(), qPrintable(why));

        m_connection = new EngineConnection(this);
        m_connection->connectTo({});
        QVERIFY(uitest::waitConnected(m_connection));
        m_card = new PostureCard(m_connection);
        m_card->resize(600, 800);
        m_card->show();
    }

    void cleanupTestCase()
    {
        delete m_card;
        m_containers.removeAll();
    }

    void cardShowsThePosture()
    {
        QSignalSpy loaded(m_card, &PostureCard::loaded);
        m_card->showContainer(m_weakId);
        QVERIFY(m_card->isBusy());
        QVERIFY(loaded.wait(30000));
        QVERIFY(m_card->container());
        const QString text = m_card->postureView()->toPlainText();
        for (const char *expected :
             {"Privileged", "NET_ADMIN", "unconfined", "root (by default)", "Docker socket",
              "pid, ipc, uts", "unlimited", "Restart policy", "always"}) {
            QVERIFY2(text.contains(QLatin1String(expected)), expected);
        }
        // The socket leads the mounts.
        const QList<PostureRow> rows = postureRows(*m_card->container());
        const auto firstMount = std::find_if(rows.cbegin(), rows.cend(), [](const PostureRow &r) {
            return r.label.startsWith(QStringLiteral("Mount"));
        });
        QVERIFY(firstMount != rows.cend());
        QVERIFY(firstMount->label.contains(QStringLiteral("Docker socket")));
        QVERIFY(!firstMount->ok);
    }

    void cardShowsTheLatestRunsFindings()
    {
        RunOptions options;
        options.containers.namePattern =
            QLatin1Char('^') + m_containers.name(QStringLiteral("weak"));
        auto run = runBenchmark(m_containers.client(), options);
        QVERIFY(run.ok());
        m_card->setLatestRun(std::make_shared<const Run>(*run));
        const auto about = findingsAbout(*run, *m_card->container());
        QVERIFY(about.size() >= 10);
        const QString text = m_card->postureView()->toPlainText();
        QVERIFY(text.contains(builtinCatalogue()->check(QStringLiteral("5.32"))->title));
        QVERIFY(text.contains(builtinCatalogue()->check(QStringLiteral("5.11"))->title));
    }

    void copyPutsTheCommandOnTheClipboard()
    {
        QVERIFY(!m_card->runCommand().isEmpty());
        QVERIFY(m_card->runCommand().startsWith(QStringLiteral("docker run ")));
        m_card->commandTabs()->setCurrentIndex(0);
        m_card->copyButton()->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), m_card->runCommand());
        m_card->commandTabs()->setCurrentIndex(1);
        m_card->copyButton()->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), m_card->composeText());
        QVERIFY(m_card->composeText().contains(QStringLiteral("read_only: true")));
    }

    // The heart of the card: what it generates, started on the engine,
    // passes every check it names.
    void hardenedSpecPassesTheChecksItFixes()
    {
        QVERIFY(m_card->hardened());
        const HardenedContainer hardened = *m_card->hardened();
        const QStringList fixed = hardened.fixedCheckIds();
        // It claims (at least) these for this container.
        for (const char *id : {"4.1", "5.4", "5.11", "5.12", "5.13", "5.14", "5.8", "5.15", "5.16",
                               "5.17", "5.21", "5.22", "5.26", "5.27", "5.29", "5.32"}) {
            QVERIFY2(fixed.contains(QLatin1String(id)), id);
        }
        QString why;
        const QMap<QString, Verdict> before =
            verdictsFor(m_containers.client(), m_containers.name(QStringLiteral("weak")), &why);
        QVERIFY2(!before.isEmpty(), qPrintable(why));
        // A check the engine makes not applicable (5.3 without SELinux) is
        // fixed in the spec all the same, but the bench cannot show it.
        QStringList judged;
        for (const QString &id : fixed) {
            if (before.value(id) == Verdict::NotApplicable) {
                continue;
            }
            QVERIFY2(before.value(id) == Verdict::Warn || before.value(id) == Verdict::Info,
                     qPrintable(id + QStringLiteral(" did not offend before: ") +
                                verdictName(before.value(id))));
            judged << id;
        }
        QVERIFY(judged.size() >= 16);
        m_judged = judged;

        // The card's spec carries the weak container's labels, so it is ours.
        QCOMPARE(hardened.spec.labels.value(m_containers.labelKey()), m_containers.labelValue());
        QVERIFY(hardened.spec.name.startsWith(m_containers.prefix()));
        const QString id = m_containers.start(hardened.spec, &why);
        QVERIFY2(!id.isEmpty(), qPrintable(why));
        QVERIFY(waitRunningWithHealth(m_containers.client(), id));
        const QMap<QString, Verdict> after =
            verdictsFor(m_containers.client(), hardened.spec.name, &why);
        QVERIFY2(!after.isEmpty(), qPrintable(why));
        for (const QString &check : std::as_const(m_judged)) {
            QVERIFY2(after.value(check) == Verdict::Pass,
                     qPrintable(check + QStringLiteral(" is ") + verdictName(after.value(check))));
        }
        // The hardened container keeps running (the command is usable), and
        // its health check works in the image.
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto c = m_containers.client().inspectContainer(id);
                return c && c->state.running && c->state.healthStatus == QLatin1String("healthy");
            },
            60000));
        // Its ports are free again for the CLI's copy.
        QVERIFY(m_containers.client().removeContainer(id, true).ok());
    }

    // The text the user copies, run by the docker CLI, gives a container
    // that passes the same checks.
    void commandTextRunsWithTheDockerCli()
    {
        const QString docker = findProgram(QStringLiteral("docker"));
        if (docker.isEmpty()) {
            QSKIP("no docker CLI on PATH");
        }
        docker::ContainerSpec spec = m_card->hardened()->spec;
        spec.name = m_containers.name(QStringLiteral("cli"));
        ProcessSpec process;
        process.program = docker;
        process.arguments = dockerRunArguments(spec);
        process.timeoutMs = 60000;
        const auto output = runProcess(process);
        QVERIFY(output.ok());
        QVERIFY2(output->exitCode == 0, output->err.constData());
        const QString id = QString::fromUtf8(output->out).trimmed();
        QVERIFY(waitRunningWithHealth(m_containers.client(), id));
        QString why;
        const QMap<QString, Verdict> after = verdictsFor(m_containers.client(), spec.name, &why);
        QVERIFY2(!after.isEmpty(), qPrintable(why));
        for (const QString &check : std::as_const(m_judged)) {
            QVERIFY2(after.value(check) == Verdict::Pass,
                     qPrintable(check + QStringLiteral(" is ") + verdictName(after.value(check))));
        }
    }

private:
    uitest::TestContainers m_containers{QStringLiteral("uicard")};
    EngineConnection *m_connection = nullptr;
    PostureCard *m_card = nullptr;
    QString m_weakId;
    QStringList m_judged; // the claimed fixes the bench can judge on this engine
};

QTEST_MAIN(TestPostureCard)
#include "tst_posturecard.moc"
