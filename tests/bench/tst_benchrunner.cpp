// SPDX-License-Identifier: GPL-3.0-or-later
// The runner and the collector: check and container selection, a check that
// throws, scoring, malformed documents, and a scripted engine on a unix
// socket that removes a container mid-scan, answers garbage, or goes away.
#include "bench/catalogue.h"
#include "bench/checkhelpers.h"
#include "bench/collector.h"
#include "bench/runner.h"

#include "docker/endpoint.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cstring>
#include <stdexcept>
#include <thread>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace drydock;
using namespace drydock::bench;
using nlohmann::json;

namespace {

// A minimal engine: one connection at a time, one request per connection.
class ScriptedEngine
{
public:
    explicit ScriptedEngine(QString socketPath) : m_path(std::move(socketPath))
    {
        m_listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray path = QFile::encodeName(m_path);
        std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
        if (::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
            ::listen(m_listener, 64) != 0) {
            qFatal("cannot listen on the test socket");
        }
        m_thread = std::thread([this] { serve(); });
    }
    ~ScriptedEngine()
    {
        stop();
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }

    // Stop answering: the socket goes away as when dockerd stops.
    void stop()
    {
        if (m_stopped.exchange(true)) {
            return;
        }
        ::shutdown(m_listener, SHUT_RDWR);
        ::close(m_listener);
        ::unlink(QFile::encodeName(m_path).constData());
    }

    int containers = 3;
    int vanishAfterInspects = -1; // stop after this many container inspects
    std::atomic<int> inspects{0};

private:
    void serve()
    {
        while (!m_stopped) {
            const int connection = ::accept(m_listener, nullptr, nullptr);
            if (connection < 0) {
                return;
            }
            QByteArray request;
            char buffer[4096];
            while (!request.contains("\r\n\r\n")) {
                const ssize_t n = ::read(connection, buffer, sizeof buffer);
                if (n <= 0) {
                    break;
                }
                request.append(buffer, qsizetype(n));
            }
            const QByteArray path = request.split(' ').value(1);
            const bool vanish = answer(connection, path);
            ::close(connection);
            if (vanish) {
                stop();
                return;
            }
        }
    }

    static void send(int connection, int status, const QByteArray &body)
    {
        const QByteArray head = "HTTP/1.1 " + QByteArray::number(status) +
                                " X\r\nContent-Type: application/json\r\nApi-Version: 1.41\r\n"
                                "Content-Length: " +
                                QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
        const QByteArray all = head + body;
        qsizetype sent = 0;
        while (sent < all.size()) {
            const ssize_t n =
                ::write(connection, all.constData() + sent, size_t(all.size() - sent));
            if (n <= 0) {
                return;
            }
            sent += n;
        }
    }

    static json inspectDocument(const std::string &id)
    {
        return {{"Id", id},
                {"Name", "/" + id},
                {"Image", "sha256:img"},
                {"State", {{"Status", "exited"}, {"Running", false}}},
                {"Config", {{"User", ""}, {"Image", "scripted:1"}}},
                {"HostConfig", {{"Privileged", false}, {"Memory", 0}}},
                {"Mounts", json::array()}};
    }

    // Returns true when the engine should go away after this answer.
    bool answer(int connection, const QByteArray &path)
    {
        if (path == "/_ping") {
            send(connection, 200, "OK");
            return false;
        }
        if (path.endsWith("/version")) {
            send(connection, 200, R"({"Version":"20.10.24","ApiVersion":"1.41"})");
            return false;
        }
        if (path.endsWith("/info")) {
            send(
                connection, 200,
                R"({"ID":"SCRIPTED","Name":"scripted","SecurityOptions":["name=seccomp,profile=default"],"Containers":3,"ContainersRunning":0,"Swarm":{"LocalNodeState":"inactive"}})");
            return false;
        }
        if (path.contains("/containers/json")) {
            json list = json::array();
            for (int i = 0; i < containers; ++i) {
                const std::string id = "c" + std::to_string(i);
                list.push_back({{"Id", id},
                                {"Names", {"/" + id}},
                                {"ImageID", "sha256:img"},
                                {"State", "exited"},
                                {"Labels", {{"team", i == 0 ? "a" : "b"}}}});
            }
            list.push_back({{"Id", "gone"}, {"Names", {"/gone"}}, {"State", "exited"}});
            list.push_back({{"Id", "bad"}, {"Names", {"/bad"}}, {"State", "exited"}});
            send(connection, 200, QByteArray::fromStdString(list.dump()));
            return false;
        }
        if (path.contains("/containers/")) {
            const int seen = ++inspects;
            const QByteArray id = path.split('/').value(3);
            if (id == "gone") {
                send(connection, 404, R"({"message":"No such container: gone"})");
            } else if (id == "bad") {
                json doc = inspectDocument("bad");
                doc["HostConfig"]["Privileged"] = "yes";
                doc["HostConfig"]["CapAdd"] = "SYS_ADMIN";
                send(connection, 200, QByteArray::fromStdString(doc.dump()));
            } else {
                send(connection, 200,
                     QByteArray::fromStdString(inspectDocument(id.toStdString()).dump()));
            }
            return vanishAfterInspects >= 0 && seen >= vanishAfterInspects;
        }
        if (path.contains("/images/json")) {
            send(connection, 200, "[]");
            return false;
        }
        if (path.contains("/networks")) {
            send(connection, 200, "[]");
            return false;
        }
        send(connection, 404, R"({"message":"page not found"})");
        return false;
    }

    QString m_path;
    int m_listener = -1;
    std::thread m_thread;
    std::atomic<bool> m_stopped{false};
};

docker::EngineClient clientFor(const QString &socket)
{
    auto endpoint = docker::endpointFromHost(QStringLiteral("unix://") + socket, {}, false);
    return docker::EngineClient(endpoint.value());
}

Finding throwingCheck(const Snapshot &)
{
    throw std::runtime_error("nlohmann says: type must be string");
}

} // namespace

class BenchRunnerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idMatches_data();
    void idMatches();
    void selection();
    void badSelection();
    void collectorNeeds();
    void throwingCheckIsAnError();
    void checkWithoutLogicIsAnError();
    void everyCatalogueCheckHasLogic();
    void scoreAndRunFields();
    void hostReadabilityOnlyWhenChecked_data();
    void hostReadabilityOnlyWhenChecked();
    void malformedDocuments_data();
    void malformedDocuments();
    void containerSelection();
    void scriptedEngine();
    void engineVanishesMidRun();
    void unreachableEngineFails();
    void cancelledMidRun();
    void containerProcessesFromProc();
    void hiddenProcesses_data();
    void hiddenProcesses();
};

void BenchRunnerTest::idMatches_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("matches");
    QTest::newRow("exact id") << "5.10"
                              << "5.10" << true;
    // A section prefix matches by whole components: 5.1 is not 5.10.
    QTest::newRow("5.1 is not 5.10") << "5.1"
                                     << "5.10" << false;
    QTest::newRow("section 5") << "5"
                               << "5.10" << true;
    QTest::newRow("section 5 is not 50.1") << "5"
                                           << "50.1" << false;
    QTest::newRow("subsection 2.1 holds 2.1.3") << "2.1"
                                                << "2.1.3" << true;
    QTest::newRow("subsection 2.1 is not 2.10") << "2.1"
                                                << "2.10" << false;
    QTest::newRow("spaces around") << " 4 "
                                   << "4.6" << true;
}

void BenchRunnerTest::idMatches()
{
    QFETCH(QString, pattern);
    QFETCH(QString, id);
    QFETCH(bool, matches);
    QCOMPARE(checkIdMatches(pattern, id), matches);
}

void BenchRunnerTest::selection()
{
    const Catalogue &catalogue = builtinCatalogue().value();
    const QStringList all = selectChecks({}, catalogue).value();
    QCOMPARE(all.size(), 117);
    QCOMPARE(all, catalogue.ids());
    CheckSelection some;
    some.include = {QStringLiteral("5"), QStringLiteral("4.6")};
    some.exclude = {QStringLiteral("5.1"), QStringLiteral("5.2")};
    const QStringList picked = selectChecks(some, catalogue).value();
    QCOMPARE(picked.first(), QStringLiteral("4.6"));
    QVERIFY(picked.contains(QStringLiteral("5.10")));
    QVERIFY(!picked.contains(QStringLiteral("5.1")));
    QCOMPARE(picked.size(), 1 + 32 - 2);
}

void BenchRunnerTest::badSelection()
{
    // A typo must not silently select nothing.
    const Catalogue &catalogue = builtinCatalogue().value();
    CheckSelection typo;
    typo.include = {QStringLiteral("5.99")};
    const auto result = selectChecks(typo, catalogue);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::BadInput);
    QVERIFY(result.error().message.contains(QLatin1String("5.99")));
    CheckSelection badExclude;
    badExclude.exclude = {QStringLiteral("8")};
    QVERIFY(!selectChecks(badExclude, catalogue));
}

void BenchRunnerTest::collectorNeeds()
{
    // Only what the selected checks read is fetched.
    const CollectorOptions containersOnly = collectorOptionsFor({QStringLiteral("5.10")});
    QVERIFY(containersOnly.wantContainers);
    QVERIFY(!containersOnly.wantImages);
    QVERIFY(!containersOnly.wantProcesses);
    QVERIFY(!containersOnly.wantHost);
    QVERIFY(!containersOnly.wantSwarm);
    const CollectorOptions sshd = collectorOptionsFor({QStringLiteral("5.7")});
    QVERIFY(sshd.wantProcesses);
    const CollectorOptions trust = collectorOptionsFor({QStringLiteral("4.5")});
    QVERIFY(!trust.wantImages);
    const CollectorOptions sprawl = collectorOptionsFor({QStringLiteral("6.1")});
    QVERIFY(sprawl.wantImages);
    const CollectorOptions host = collectorOptionsFor({QStringLiteral("2.1")});
    QVERIFY(host.wantHost);
    // Rule: a check run alone collects everything it reads; 2.2 judges the
    // bridge's applied icc option, 7.2 reads dockerd's network namespace.
    QVERIFY(collectorOptionsFor({QStringLiteral("2.2")}).wantNetworks);
    QVERIFY(collectorOptionsFor({QStringLiteral("7.2")}).wantHost);
}

void BenchRunnerTest::throwingCheckIsAnError()
{
    const CheckLogic logic{"5.99", throwingCheck};
    const Finding finding = evaluateCheck(logic, Snapshot());
    QCOMPARE(finding.verdict, Verdict::Error);
    QCOMPARE(finding.checkId, QStringLiteral("5.99"));
    QVERIFY(finding.reason.contains(QLatin1String("type must be string")));
}

void BenchRunnerTest::checkWithoutLogicIsAnError()
{
    const QList<Finding> findings = evaluateChecks({QStringLiteral("9.9")}, Snapshot());
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().verdict, Verdict::Error);
}

void BenchRunnerTest::everyCatalogueCheckHasLogic()
{
    // Sections 4-7 are this library's; 1-3 come from the host checks.
    QStringList logicIds;
    for (const CheckLogic &logic : allChecks()) {
        logicIds.append(QLatin1String(logic.id));
    }
    const QStringList ids = builtinCatalogue().value().ids();
    for (const QString &id : ids) {
        QVERIFY2(logicIds.contains(id), qPrintable(id));
    }
    QCOMPARE(logicIds, ids);
}

void BenchRunnerTest::scoreAndRunFields()
{
    // +1 per scored pass, -1 per scored warn; counted checks do not move it.
    Collection collection;
    collection.snapshot.info =
        docker::parseInfo(
            json::parse(R"({"ID":"E1","Name":"h","Swarm":{"LocalNodeState":"inactive"},
            "SecurityOptions":["name=seccomp,profile=default"]})"))
            .value();
    collection.snapshot.apiVersion = QStringLiteral("1.41");
    collection.partial = true;
    collection.partialReason = QStringLiteral("cancelled");
    const Catalogue &catalogue = builtinCatalogue().value();
    const QStringList ids = {QStringLiteral("4.5"), QStringLiteral("5.1"), QStringLiteral("6.2"),
                             QStringLiteral("7.1")};
    docker::Endpoint endpoint;
    endpoint.host = QStringLiteral("unix:///var/run/docker.sock");
    const QDateTime started = QDateTime::currentDateTimeUtc();
    const Run run = makeRun(collection, ids, catalogue, endpoint, started);
    // 4.5 warns (no DOCKER_CONTENT_TRUST), 5.1 passes, 6.2 is counted, 7.1 n/a.
    QCOMPARE(run.finding(QStringLiteral("4.5"))->verdict, Verdict::Warn);
    QCOMPARE(run.finding(QStringLiteral("5.1"))->verdict, Verdict::Pass);
    QCOMPARE(run.score.reference, 0);
    QCOMPARE(run.score.scoredApplicable, 2);
    QCOMPARE(run.score.percent(), 50.0);
    QVERIFY(isValidRunId(run.id));
    QVERIFY(run.id.endsWith(QLatin1Char('Z'), Qt::CaseInsensitive) ||
            run.id.contains(QLatin1Char('-')));
    QCOMPARE(run.engine.engineId, QStringLiteral("E1"));
    QCOMPARE(run.engine.apiVersion, QStringLiteral("1.41"));
    QCOMPARE(run.catalogueVersion, catalogue.label());
    QCOMPARE(run.selection, ids);
    QVERIFY(run.partial);
    QCOMPARE(run.partialReason, QStringLiteral("cancelled"));
}

void BenchRunnerTest::hostReadabilityOnlyWhenChecked_data()
{
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<bool>("engineLocal");
    QTest::addColumn<bool>("hostChecked");
    // Rule: a run that selected no host check did not try the host's files:
    // it says "not checked", not "unreadable" (bench --checks 5.10).
    QTest::newRow("5.10 only, local engine")
        << QStringList{QStringLiteral("5.10")} << true << false;
    // A host check was selected: readability was tried (here: no host facts).
    QTest::newRow("1.1.1, local engine") << QStringList{QStringLiteral("1.1.1")} << true << true;
    // A remote engine's files are unreadable whatever was selected.
    QTest::newRow("5.10 only, remote engine")
        << QStringList{QStringLiteral("5.10")} << false << true;
}

void BenchRunnerTest::hostReadabilityOnlyWhenChecked()
{
    QFETCH(QStringList, ids);
    QFETCH(bool, engineLocal);
    QFETCH(bool, hostChecked);
    Collection collection;
    collection.snapshot.engineIsLocal = engineLocal;
    docker::Endpoint endpoint;
    endpoint.host = QStringLiteral("unix:///var/run/docker.sock");
    const Run run = makeRun(collection, ids, builtinCatalogue().value(), endpoint,
                            QDateTime::currentDateTimeUtc());
    QCOMPARE(run.engine.hostChecked, hostChecked);
    QVERIFY(!run.engine.local); // no host facts were collected
}

void BenchRunnerTest::malformedDocuments_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("named");
    // A field of the wrong type would read as its default (not privileged,
    // no capability); it is refused, naming the field.
    QTest::newRow("Privileged as a string")
        << QByteArray(R"({"HostConfig":{"Privileged":"yes"}})") << "HostConfig.Privileged";
    QTest::newRow("CapAdd as a string")
        << QByteArray(R"({"HostConfig":{"CapAdd":"SYS_ADMIN"}})") << "HostConfig.CapAdd";
    QTest::newRow("PidsLimit as a string")
        << QByteArray(R"({"HostConfig":{"PidsLimit":"100"}})") << "HostConfig.PidsLimit";
    QTest::newRow("HostConfig missing") << QByteArray(R"({"HostConfig":null})") << "HostConfig";
    QTest::newRow("Mounts not objects") << QByteArray(R"({"Mounts":["/etc:/etc"]})") << "Mounts";
    QTest::newRow("mount RW as a string")
        << QByteArray(R"({"Mounts":[{"Source":"/etc","Destination":"/e","RW":"true"}]})")
        << "Mounts[].RW";
    QTest::newRow("port HostIp as a number")
        << QByteArray(R"({"NetworkSettings":{"Ports":{"80/tcp":[{"HostIp":0,"HostPort":"80"}]}}})")
        << "HostIp";
    QTest::newRow("SecurityOpt with a number")
        << QByteArray(R"({"HostConfig":{"SecurityOpt":["no-new-privileges",1]}})")
        << "HostConfig.SecurityOpt";
    QTest::newRow("Health as a string")
        << QByteArray(R"({"State":{"Health":"healthy"}})") << "State.Health";
}

void BenchRunnerTest::malformedDocuments()
{
    QFETCH(QByteArray, patch);
    QFETCH(QString, named);
    QFile file(QStringLiteral(DRYDOCK_TEST_DATA "/engine-inspect-running.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    json doc = json::parse(text.begin(), text.end());
    QVERIFY(readContainerDocument(doc).ok());
    doc.merge_patch(json::parse(patch.constData()));
    const auto result = readContainerDocument(doc);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::Protocol);
    QVERIFY2(result.error().message.contains(named), qPrintable(result.error().message));
}

void BenchRunnerTest::containerSelection()
{
    docker::ContainerSummary c;
    c.id = QStringLiteral("abc");
    c.names = {QStringLiteral("web-1")};
    c.labels = {{QStringLiteral("team"), QStringLiteral("blue")}, {QStringLiteral("tier"), {}}};
    ContainerSelection s;
    QVERIFY(selectionMatches(s, c));
    s.namePattern = QStringLiteral("^web-");
    QVERIFY(selectionMatches(s, c));
    s.namePattern = QStringLiteral("db|cache");
    QVERIFY(!selectionMatches(s, c));
    s.namePattern.clear();
    s.labels = {QStringLiteral("team=blue"), QStringLiteral("tier")};
    QVERIFY(selectionMatches(s, c));
    s.labels = {QStringLiteral("team=red")};
    QVERIFY(!selectionMatches(s, c));
    s.labels = {QStringLiteral("team=")}; // key with an empty value
    QVERIFY(!selectionMatches(s, c));
    ContainerSelection bad;
    bad.namePattern = QStringLiteral("web[");
    QCOMPARE(validateSelection(bad).error().kind, ErrorKind::BadInput);
}

void BenchRunnerTest::scriptedEngine()
{
    // A container removed between list and inspect is left out with a note;
    // a malformed document is reported and its container makes the checks
    // that would have judged it an error, never a pass.
    QTemporaryDir dir;
    const QString socket = dir.filePath(QStringLiteral("engine.sock"));
    ScriptedEngine engine(socket);
    auto client = clientFor(socket);
    RunOptions options;
    options.checks.include = {QStringLiteral("5.5"), QStringLiteral("5.11"), QStringLiteral("6.2")};
    QStringList phases;
    auto run = runBenchmark(client, options, {}, [&](const CollectProgress &p) {
        if (!phases.contains(p.phase)) {
            phases.append(p.phase);
        }
    });
    QVERIFY2(run.ok(), run.ok() ? "" : qPrintable(run.error().text()));
    QVERIFY(!run->partial);
    QVERIFY(phases.contains(QStringLiteral("engine")));
    QVERIFY(phases.contains(QStringLiteral("containers")));
    QCOMPARE(engine.inspects.load(), 5); // each container inspected once
    const Finding *privileged = run->finding(QStringLiteral("5.5"));
    QCOMPARE(privileged->verdict, Verdict::Error);
    QVERIFY(privileged->reason.contains(QLatin1String("bad")));
    QVERIFY(privileged->reason.contains(QLatin1String("HostConfig.Privileged")));
    const Finding *memory = run->finding(QStringLiteral("5.11"));
    QCOMPARE(memory->verdict, Verdict::Warn); // offences still reported
    QCOMPARE(memory->evidence.size(), 3);
    QCOMPARE(run->engine.engineId, QStringLiteral("SCRIPTED"));

    // Selection by label: only c0 is inspected.
    engine.inspects = 0;
    options.containers.labels = {QStringLiteral("team=a")};
    auto selected = runBenchmark(client, options);
    QVERIFY(selected.ok());
    QCOMPARE(engine.inspects.load(), 1);
    QCOMPARE(selected->finding(QStringLiteral("5.11"))->evidence.size(), 1);
    QCOMPARE(selected->finding(QStringLiteral("5.5"))->verdict, Verdict::Pass);
}

void BenchRunnerTest::engineVanishesMidRun()
{
    QTemporaryDir dir;
    const QString socket = dir.filePath(QStringLiteral("engine.sock"));
    ScriptedEngine engine(socket);
    engine.containers = 40;
    engine.vanishAfterInspects = 5;
    auto client = clientFor(socket);
    RunOptions options;
    options.checks.include = {QStringLiteral("5")};
    options.concurrency = 2;
    auto run = runBenchmark(client, options);
    QVERIFY(run.ok());
    QVERIFY(run->partial);
    QVERIFY2(run->partialReason.contains(QLatin1String("stopped answering")),
             qPrintable(run->partialReason));
    const Finding *memory = run->finding(QStringLiteral("5.11"));
    QVERIFY(memory->verdict == Verdict::Warn || memory->verdict == Verdict::Error);
    QVERIFY(!memory->reason.isEmpty());
    QCOMPARE(run->findings.size(), 32);
}

void BenchRunnerTest::unreachableEngineFails()
{
    QTemporaryDir dir;
    auto client = clientFor(dir.filePath(QStringLiteral("nothing.sock")));
    auto run = runBenchmark(client, RunOptions());
    QVERIFY(!run);
    QCOMPARE(run.error().kind, ErrorKind::Unreachable);
}

void BenchRunnerTest::cancelledMidRun()
{
    // Cancelling while containers are read leaves a partial run whose
    // unread containers make the container checks errors, not passes.
    QTemporaryDir dir;
    const QString socket = dir.filePath(QStringLiteral("engine.sock"));
    ScriptedEngine engine(socket);
    engine.containers = 30;
    auto client = clientFor(socket);
    RunOptions options;
    options.checks.include = {QStringLiteral("5.5")};
    options.concurrency = 1;
    CancelToken cancel;
    auto run = runBenchmark(client, options, cancel, [&](const CollectProgress &p) {
        if (p.phase == QLatin1String("containers") && p.done == 3) {
            cancel.cancel();
        }
    });
    QVERIFY(run.ok());
    QVERIFY(run->partial);
    QCOMPARE(run->partialReason, QStringLiteral("the scan was cancelled"));
    QCOMPARE(run->finding(QStringLiteral("5.5"))->verdict, Verdict::Error);
    QVERIFY(engine.inspects.load() < 30);
}

void BenchRunnerTest::containerProcessesFromProc()
{
    // A fake /proc: processes are matched to containers by the id in their
    // cgroup, in the cgroup v1, v2 and custom-parent spellings; the shim and
    // host processes are not in a container's cgroup.
    QTemporaryDir proc;
    const QString a = QString(64, QLatin1Char('a'));
    const QString b = QString(64, QLatin1Char('b'));
    auto add = [&](int pid, const QString &cgroup, const QByteArray &cmdline,
                   const QByteArray &comm) {
        const QString dir = proc.filePath(QString::number(pid));
        QVERIFY(QDir().mkpath(dir));
        QFile c(dir + QStringLiteral("/cgroup"));
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(cgroup.toLatin1());
        QFile l(dir + QStringLiteral("/cmdline"));
        QVERIFY(l.open(QIODevice::WriteOnly));
        l.write(cmdline);
        QFile n(dir + QStringLiteral("/comm"));
        QVERIFY(n.open(QIODevice::WriteOnly));
        n.write(comm);
    };
    add(100,
        QStringLiteral("12:pids:/docker/") + a + QStringLiteral("\n1:name=systemd:/docker/") + a,
        QByteArray("/usr/sbin/sshd\0-D\0", 19), "sshd\n");
    add(101, QStringLiteral("0::/system.slice/docker-") + b + QStringLiteral(".scope\n"),
        QByteArray("sleep\0"
                   "3600\0",
                   11),
        "sleep\n");
    add(102, QStringLiteral("0::/custom/") + b + QStringLiteral("\n"), QByteArray(), "kworker\n");
    add(103, QStringLiteral("0::/system.slice/containerd.service\n"),
        QByteArray("containerd-shim-runc-v2\0", 24), "containerd-shim\n");
    QVERIFY(QDir().mkpath(proc.filePath(QStringLiteral("self"))));

    const auto found = readContainerProcesses(proc.path(), {a, b});
    QCOMPARE(found.size(), 2);
    QCOMPARE(found.value(a).pids, QList<qint64>{100});
    QCOMPARE(sshdProcesses(found.value(a).table), QStringList{QStringLiteral("/usr/sbin/sshd -D")});
    QCOMPARE(found.value(b).pids.size(), 2);
    QStringList commands;
    for (const QStringList &row : found.value(b).table.processes) {
        commands.append(row.value(1));
    }
    commands.sort();
    QCOMPARE(commands, QStringList({QStringLiteral("[kworker]"), QStringLiteral("sleep 3600")}));
    QVERIFY(readContainerProcesses(proc.path(), {}).isEmpty());
}

void BenchRunnerTest::hiddenProcesses_data()
{
    QTest::addColumn<QByteArray>("mountinfo");
    QTest::addColumn<bool>("hides");
    // Rule: a plain /proc shows every process; the scan is trusted.
    QTest::newRow("plain proc") << QByteArray("22 27 0:21 / /proc rw,relatime - proc proc rw\n")
                                << false;
    // Rule: hidepid in its numeric and named spellings hides other users'
    // processes, so a non-root scan falls back to the engine's /top.
    QTest::newRow("hidepid=2") << QByteArray("22 27 0:21 / /proc rw,nosuid - proc proc "
                                             "rw,hidepid=2\n")
                               << true;
    QTest::newRow("hidepid=invisible")
        << QByteArray("22 27 0:21 / /proc rw shared:5 - proc proc rw,hidepid=invisible,gid=4\n")
        << true;
    QTest::newRow("hidepid=0 hides nothing")
        << QByteArray("22 27 0:21 / /proc rw - proc proc rw,hidepid=0\n") << false;
    // Rule: only the proc mounted at /proc counts, not another one elsewhere.
    QTest::newRow("hidepid on another mount point")
        << QByteArray("22 27 0:21 / /proc rw - proc proc rw\n"
                      "90 27 0:50 / /srv/proc rw - proc proc rw,hidepid=2\n")
        << false;
}

void BenchRunnerTest::hiddenProcesses()
{
    QFETCH(QByteArray, mountinfo);
    QFETCH(bool, hides);
    QCOMPARE(procHidesProcesses(mountinfo), hides);
}

QTEST_GUILESS_MAIN(BenchRunnerTest)
#include "tst_benchrunner.moc"
