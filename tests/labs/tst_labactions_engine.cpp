// SPDX-License-Identifier: GPL-3.0-or-later
// Every engine action against the real engine, and the guards: a lab never
// touches a container or image that is not its own.
#include "labs/baseimage.h"
#include "labs/labloader.h"
#include "labwalk.h"

#include <QDir>

using namespace labwalk;

namespace {

Lab actionLab()
{
    const QByteArray text = R"({
  "formatVersion": 1, "id": "actions-test", "title": "T", "version": "1", "summary": "S",
  "steps": [
    {"id": "run", "title": "Run", "instructions": "Run.", "actions": [
      {"type": "runContainer", "name": "box", "image": "drydock/base:busybox",
       "cmd": ["httpd", "-f", "-p", "8080", "-h", "/var/www"],
       "env": ["A=b"], "user": "1000:1000", "workdir": "/tmp",
       "ports": [{"container": "8080/tcp", "hostIp": "127.0.0.1"}],
       "mounts": [{"type": "tmpfs", "target": "/scratch"}, {"type": "volume", "target": "/data"}],
       "capDrop": ["ALL"], "capAdd": ["NET_BIND_SERVICE"], "noNewPrivileges": true, "readOnly": true,
       "memory": "32m", "cpus": 0.25, "cpuShares": 256, "pidsLimit": 32,
       "ipcMode": "private", "restart": "on-failure:3",
       "healthcheck": {"test": ["CMD", "true"], "interval": "5s", "startPeriod": "1s", "retries": 2},
       "labels": {"course": "lab"}},
      {"type": "stopContainer", "name": "box"},
      {"type": "removeContainer", "name": "box"},
      {"type": "buildImage", "tag": "actions/img:1", "instructions": [
        {"op": "add", "path": "/srv/a.txt", "content": "a"},
        {"op": "copy", "path": "/srv/suid", "content": "x", "mode": "4755"},
        {"op": "recordedRun", "command": "apt-get update"},
        {"op": "user", "user": "app"},
        {"op": "env", "values": ["MODE=lab"]},
        {"op": "healthcheck", "test": ["CMD", "true"], "interval": "7s"},
        {"op": "cmd", "args": ["sleep", "30"]}]},
      {"type": "buildImage", "tag": "actions/img:2", "from": "actions/img:1", "instructions": [
        {"op": "copy", "path": "/srv/suid", "content": "x", "mode": "0755"}]},
      {"type": "runBench", "checks": ["5.13"]},
      {"type": "openView", "view": "findings"},
      {"type": "pull", "image": "localhost:1/nothing/here:1", "trust": false},
      {"type": "cleanup"}
    ]}
  ]
})";
    const LabLoad load = loadLabText(text, QStringLiteral("actions.json"), QDir::tempPath());
    if (!load.ok()) {
        qFatal("%s", qPrintable(load.diagnostics.first().text()));
    }
    return *load.lab;
}

} // namespace

class TestLabActionsEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void baseImage();
    void runContainerAppliesTheSpec();
    void stopAndRemove();
    void foreignContainersAreLeftAlone();
    void buildImage();
    void foreignImageNamesAreLeftAlone();
    void runBenchSavesARun();
    void openView();
    void pullFailureIsAnError();
    void cleanupRemovesOnlyTheLabs();

private:
    const Action &action(int i) const { return m_lab.steps.first().actions.at(i); }
    std::optional<docker::EngineClient> m_engine;
    QTemporaryDir m_dir;
    Lab m_lab = actionLab();
    std::unique_ptr<LabContext> m_ctx;
    QString m_foreign; // a container with a lab-like name but no lab label
};

void TestLabActionsEngine::initTestCase()
{
    QString why;
    m_engine = connectEngine(&why);
    QVERIFY2(m_engine.has_value(), qPrintable(QStringLiteral("the engine is needed: ") + why));
    m_ctx.reset(new LabContext{m_lab,
                               testScope(m_lab),
                               *m_engine,
                               m_dir.filePath(QStringLiteral("runs")),
                               m_dir.filePath(QStringLiteral("trust")),
                               m_dir.filePath(QStringLiteral("labenv")),
                               {},
                               {}});
}

void TestLabActionsEngine::cleanupTestCase()
{
    if (m_ctx) {
        cleanUp(m_lab, *m_ctx);
    }
    if (!m_foreign.isEmpty()) {
        if (auto removed = m_engine->removeContainer(m_foreign, true); !removed) {
            qWarning().noquote() << removed.error().text();
        }
    }
}

void TestLabActionsEngine::baseImage()
{
    QVERIFY(isStaticElf(QByteArray("\x7F"
                                   "ELF"))
                .ok() == false);
    const auto ensured = ensureBaseImage(*m_engine);
    QVERIFY2(ensured.ok(), qPrintable(ensured.ok() ? QString() : ensured.error().text()));
    const auto image = m_engine->inspectImage(QLatin1String(kBaseImage));
    QVERIFY(image.ok());
    QCOMPARE(image->config.cmd, QStringList{QStringLiteral("/bin/sh")});
    // A second call finds it and builds nothing.
    QCOMPARE(*ensureBaseImage(*m_engine), false);
}

void TestLabActionsEngine::runContainerAppliesTheSpec()
{
    const auto outcome = runAction(action(0), *m_ctx);
    QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().text()));
    const auto c = m_engine->inspectContainer(m_ctx->scope.containerName(QStringLiteral("box")));
    QVERIFY(c.ok());
    QVERIFY(c->state.running);
    QCOMPARE(c->config.user, QStringLiteral("1000:1000"));
    QCOMPARE(c->config.labels.value(QStringLiteral("org.drydock.lab")), m_lab.id);
    QCOMPARE(c->config.labels.value(QStringLiteral("course")), QStringLiteral("lab"));
    QVERIFY(c->config.env.contains(QStringLiteral("A=b")));
    QCOMPARE(QString::fromStdString(c->raw["Config"]["WorkingDir"].get<std::string>()),
             QStringLiteral("/tmp"));
    QVERIFY(c->hostConfig.readonlyRootfs);
    QCOMPARE(c->hostConfig.memory, 32LL * 1024 * 1024);
    QCOMPARE(c->hostConfig.nanoCpus, 250000000LL);
    QCOMPARE(c->hostConfig.cpuShares, 256LL);
    QCOMPARE(c->hostConfig.pidsLimit, std::optional<qint64>(32));
    QCOMPARE(c->hostConfig.capDrop, QStringList{QStringLiteral("ALL")});
    QCOMPARE(c->hostConfig.capAdd, QStringList{QStringLiteral("NET_BIND_SERVICE")});
    QVERIFY(c->hostConfig.securityOpt.contains(QStringLiteral("no-new-privileges:true")));
    QCOMPARE(c->hostConfig.restartPolicy, QStringLiteral("on-failure"));
    QCOMPARE(c->hostConfig.restartMaxRetries, 3);
    QCOMPARE(c->hostConfig.ipcMode, QStringLiteral("private"));
    QCOMPARE(c->config.healthcheck.test,
             (QStringList{QStringLiteral("CMD"), QStringLiteral("true")}));
    QCOMPARE(c->raw["Config"]["Healthcheck"]["StartPeriod"].get<qint64>(), 1000000000LL);
    QCOMPARE(c->hostConfig.portBindings.first().hostIp, QStringLiteral("127.0.0.1"));
    QCOMPARE(c->mounts.size(), 2);
    // Running it again replaces the container rather than failing.
    const QString firstId = c->id;
    QVERIFY(runAction(action(0), *m_ctx).ok());
    const auto again =
        m_engine->inspectContainer(m_ctx->scope.containerName(QStringLiteral("box")));
    QVERIFY(again.ok());
    QVERIFY(again->id != firstId);
}

void TestLabActionsEngine::stopAndRemove()
{
    const QString name = m_ctx->scope.containerName(QStringLiteral("box"));
    QVERIFY(runAction(action(1), *m_ctx).ok());
    QVERIFY(!m_engine->inspectContainer(name)->state.running);
    QVERIFY(runAction(action(2), *m_ctx).ok());
    const auto gone = m_engine->inspectContainer(name);
    QVERIFY(!gone.ok());
    QCOMPARE(gone.error().httpStatus, 404);
    // Nothing to remove is not an error.
    const auto none = runAction(action(2), *m_ctx);
    QVERIFY(none.ok());
    QVERIFY(none->summary.contains(QStringLiteral("nothing to do")));
}

void TestLabActionsEngine::foreignContainersAreLeftAlone()
{
    // A container that carries the lab's engine name but not its labels.
    docker::ContainerSpec spec;
    spec.image = QLatin1String(kBaseImage);
    spec.name = m_ctx->scope.containerName(QStringLiteral("box"));
    spec.cmd = {QStringLiteral("sleep"), QStringLiteral("60")};
    spec.labels.insert(QStringLiteral("org.drydock.test.foreign"), QStringLiteral("1"));
    const auto id = m_engine->createContainer(spec);
    QVERIFY(id.ok());
    m_foreign = *id;
    for (int i : {0, 1, 2}) {
        const auto refused = runAction(action(i), *m_ctx);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::Refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("does not belong to this lab")));
    }
    QVERIFY(m_engine->inspectContainer(m_foreign).ok());
    QVERIFY(m_engine->removeContainer(m_foreign, true).ok());
    m_foreign.clear();
}

void TestLabActionsEngine::buildImage()
{
    const auto built = runAction(action(3), *m_ctx);
    QVERIFY2(built.ok(), qPrintable(built.ok() ? QString() : built.error().text()));
    const QString ref = m_ctx->scope.imageRef(m_lab, QStringLiteral("actions/img:1"));
    const auto image = m_engine->inspectImage(ref);
    QVERIFY(image.ok());
    QCOMPARE(image->config.user, QStringLiteral("app"));
    QVERIFY(image->config.env.contains(QStringLiteral("MODE=lab")));
    QCOMPARE(image->config.cmd, (QStringList{QStringLiteral("sleep"), QStringLiteral("30")}));
    QCOMPARE(image->config.healthcheck.intervalNs, 7000000000LL);
    QCOMPARE(image->config.labels.value(QStringLiteral("org.drydock.lab")), m_lab.id);
    const auto history = m_engine->imageHistory(ref);
    QVERIFY(history.ok());
    QStringList createdBy;
    for (const docker::HistoryEntry &e : *history) {
        createdBy.append(e.createdBy);
    }
    const QString all = createdBy.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("/bin/sh -c #(nop) ADD file:")), qPrintable(all));
    QVERIFY(all.contains(QStringLiteral("/bin/sh -c apt-get update")));
    QVERIFY(all.contains(QStringLiteral("USER app")));
    const auto setuid = setuidFilesOf(*m_engine, ref);
    QVERIFY2(setuid.ok(), qPrintable(setuid.ok() ? QString() : setuid.error().text()));
    QCOMPARE(*setuid, QStringList{QStringLiteral("/srv/suid")});
    // A later layer that re-adds the file without the bit clears it.
    QVERIFY(runAction(action(4), *m_ctx).ok());
    const QString second = m_ctx->scope.imageRef(m_lab, QStringLiteral("actions/img:2"));
    const auto cleared = setuidFilesOf(*m_engine, second);
    QVERIFY2(cleared.ok(), qPrintable(cleared.ok() ? QString() : cleared.error().text()));
    QCOMPARE(*cleared, QStringList{});
    // No helper container is left behind.
    docker::ContainerListOptions options;
    options.labelFilter = QStringLiteral("org.drydock.lab=") + m_lab.id;
    QCOMPARE(m_engine->containers(options)->size(), 0);
    // Building the same tag again replaces the old image (img:2 has no
    // child image, so the old one can go at once).
    const QString oldId = m_engine->inspectImage(second)->id;
    QVERIFY(runAction(action(4), *m_ctx).ok());
    const auto rebuilt = m_engine->inspectImage(second);
    QVERIFY(rebuilt.ok());
    QVERIFY(rebuilt->id != oldId);
    const auto old = m_engine->inspectImage(oldId);
    QVERIFY(!old.ok());
    QCOMPARE(old.error().httpStatus, 404);
}

void TestLabActionsEngine::foreignImageNamesAreLeftAlone()
{
    // The name the lab builds under, held by an image the lab did not
    // build (here the shared base image): the build is refused and neither
    // the name nor the image is touched.
    const QString ref = m_ctx->scope.imageRef(m_lab, QStringLiteral("actions/img:2"));
    const qsizetype colon = ref.lastIndexOf(QLatin1Char(':'));
    QVERIFY(m_engine->removeImage(ref).ok());
    QVERIFY(
        m_engine->tagImage(QLatin1String(kBaseImage), ref.left(colon), ref.mid(colon + 1)).ok());
    const QString baseId = m_engine->inspectImage(QLatin1String(kBaseImage))->id;
    const auto refused = runAction(action(4), *m_ctx);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QStringLiteral("this lab did not build")),
             qPrintable(refused.error().text()));
    QCOMPARE(m_engine->inspectImage(ref)->id, baseId);
    QCOMPARE(m_engine->inspectImage(QLatin1String(kBaseImage))->id, baseId);
    // Untagged again, the lab builds under its name as before.
    QVERIFY(m_engine->removeImage(ref).ok());
    QVERIFY(m_engine->inspectImage(QLatin1String(kBaseImage)).ok());
    const auto built = runAction(action(4), *m_ctx);
    QVERIFY2(built.ok(), qPrintable(built.ok() ? QString() : built.error().text()));
}

void TestLabActionsEngine::runBenchSavesARun()
{
    QVERIFY(runAction(action(0), *m_ctx).ok());
    const auto outcome = runAction(action(5), *m_ctx);
    QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().text()));
    QVERIFY(!outcome->runId.isEmpty());
    QVERIFY(QFile::exists(
        m_dir.filePath(QStringLiteral("runs/") + outcome->runId + QStringLiteral(".json"))));
    Predicate check;
    check.type = PredicateType::BenchCheck;
    check.check = QStringLiteral("5.13");
    check.verdict = QStringLiteral("pass");
    check.container = QStringLiteral("box");
    const auto evaluation = evaluatePredicate(check, *m_ctx);
    QVERIFY(evaluation.ok());
    QVERIFY2(evaluation->passed, qPrintable(joined(evaluation->missing)));
}

void TestLabActionsEngine::openView()
{
    const auto outcome = runAction(action(6), *m_ctx);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome->view, QStringLiteral("findings"));
}

void TestLabActionsEngine::pullFailureIsAnError()
{
    const auto outcome = runAction(action(7), *m_ctx);
    QVERIFY(!outcome.ok());
    QVERIFY(!outcome.error().message.isEmpty());
}

void TestLabActionsEngine::cleanupRemovesOnlyTheLabs()
{
    docker::ContainerSpec other;
    other.image = QLatin1String(kBaseImage);
    other.name = m_ctx->scope.namePrefix + QStringLiteral("bystander");
    other.cmd = {QStringLiteral("sleep"), QStringLiteral("60")};
    other.labels.insert(QStringLiteral("org.drydock.lab"), m_lab.id); // same lab, other run
    const auto otherId = m_engine->createContainer(other);
    QVERIFY(otherId.ok());
    const auto outcome = runAction(action(8), *m_ctx);
    QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().text()));
    QVERIFY2(outcome->details.isEmpty(), qPrintable(joined(outcome->details)));
    const auto box = m_engine->inspectContainer(m_ctx->scope.containerName(QStringLiteral("box")));
    QVERIFY(!box.ok());
    QCOMPARE(box.error().httpStatus, 404);
    const auto image =
        m_engine->inspectImage(m_ctx->scope.imageRef(m_lab, QStringLiteral("actions/img:1")));
    QVERIFY(!image.ok());
    QCOMPARE(image.error().httpStatus, 404);
    // The container without this run's extra label survives.
    QVERIFY(m_engine->inspectContainer(*otherId).ok());
    QVERIFY(m_engine->removeContainer(*otherId, true).ok());
    // The base image is never removed by a lab.
    QVERIFY(m_engine->inspectImage(QLatin1String(kBaseImage)).ok());
}

QTEST_GUILESS_MAIN(TestLabActionsEngine)
#include "tst_labactions_engine.moc"
