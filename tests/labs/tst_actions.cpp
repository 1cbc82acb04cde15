// SPDX-License-Identifier: GPL-3.0-or-later
// What an action shows before it runs: the equivalent docker command line
// and the dangerous options it flags. Pure: no engine.
#include "labs/actions.h"
#include "labs/imagebuilder.h"
#include "labs/labloader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using namespace drydock::labs;

namespace {

// A one-step lab around one action, loaded through the validator so the
// rows below are written in the lab format itself.
Lab labWith(const QByteArray &action)
{
    const QByteArray text = "{\"formatVersion\": 1, \"id\": \"t\", \"title\": \"T\", \"version\": "
                            "\"1\", \"summary\": \"S\", \"steps\": [{\"id\": \"a\", \"title\": "
                            "\"A\", \"instructions\": \"Do.\", \"actions\": [" +
                            action + "]}]}";
    const LabLoad load = loadLabText(text, QStringLiteral("t.json"), QDir::tempPath());
    if (!load.ok()) {
        qFatal("row does not load: %s", qPrintable(load.diagnostics.first().text()));
    }
    return *load.lab;
}

} // namespace

class TestActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void commandLines_data();
    void commandLines();
    void dangers_data();
    void dangers();
    void linkToHostRootIsADanger();
    void dockerfile();
    void openViewNeedsNoConfirmation();
};

void TestActions::commandLines_data()
{
    QTest::addColumn<QByteArray>("action");
    QTest::addColumn<QString>("command");
    // Rule: a default run shows its name, the lab label, the image and command.
    QTest::newRow("default run")
        << QByteArray("{\"type\": \"runContainer\", \"name\": \"web\", \"image\": "
                      "\"drydock/base:busybox\", \"cmd\": [\"sleep\", \"60\"]}")
        << QStringLiteral("docker run --detach --name drydock-t-web --label org.drydock.lab=t "
                          "drydock/base:busybox sleep 60");
    // Rule: every hardening option appears as the CLI spells it.
    QTest::newRow("hardened run")
        << QByteArray("{\"type\": \"runContainer\", \"name\": \"web\", \"image\": "
                      "\"drydock/base:busybox\", \"user\": \"1000:1000\", \"capDrop\": [\"ALL\"], "
                      "\"noNewPrivileges\": true, \"readOnly\": true, \"memory\": \"64m\", "
                      "\"cpus\": 0.5, \"pidsLimit\": 64, \"restart\": \"on-failure:5\", "
                      "\"ports\": [{\"container\": \"8080\", \"hostIp\": \"127.0.0.1\"}]}")
        << QStringLiteral("docker run --detach --name drydock-t-web --label org.drydock.lab=t "
                          "--user 1000:1000 --publish 127.0.0.1::8080/tcp --cap-drop ALL "
                          "--security-opt no-new-privileges:true --read-only --memory 64m "
                          "--cpus 0.5 --pids-limit 64 --restart on-failure:5 "
                          "drydock/base:busybox");
    // Rule: words with shell characters are quoted so the line can be pasted.
    QTest::newRow("quoted words")
        << QByteArray("{\"type\": \"runContainer\", \"name\": \"web\", \"image\": "
                      "\"drydock/base:busybox\", \"cmd\": [\"sh\", \"-c\", \"echo 'hi' && id\"]}")
        << QStringLiteral("docker run --detach --name drydock-t-web --label org.drydock.lab=t "
                          "drydock/base:busybox sh -c 'echo '\\''hi'\\'' && id'");
    // Rule: stop and remove name the engine's container name.
    QTest::newRow("remove")
        << QByteArray("{\"type\": \"runContainer\", \"name\": \"web\", \"image\": "
                      "\"drydock/base:busybox\"}, {\"type\": \"removeContainer\", \"name\": "
                      "\"web\"}")
        << QStringLiteral("docker run --detach --name drydock-t-web --label org.drydock.lab=t "
                          "drydock/base:busybox");
    QTest::newRow("plain pull") << QByteArray(
                                       "{\"type\": \"pull\", \"image\": \"localhost:5000/a/b:1\", "
                                       "\"trust\": false}")
                                << QStringLiteral("docker pull localhost:5000/a/b:1");
    QTest::newRow("trusted pull")
        << QByteArray("{\"type\": \"pull\", \"image\": \"localhost:5000/a/b:1\", \"trust\": true}")
        << QStringLiteral("drydock trust pull --trust localhost:5000/a/b:1");
    QTest::newRow("bench") << QByteArray("{\"type\": \"runBench\", \"checks\": [\"4.1\", \"5\"]}")
                           << QStringLiteral(
                                  "drydock bench --checks 4.1,5 --label org.drydock.lab=t --save");
}

void TestActions::commandLines()
{
    QFETCH(QByteArray, action);
    QFETCH(QString, command);
    const Lab lab = labWith(action);
    const ActionPreview preview =
        previewAction(lab.steps.first().actions.first(), lab, LabScope::forLab(lab));
    QCOMPARE(preview.commands.last(), command);
}

void TestActions::dangers_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("severe");
    // Rule: the Docker socket is flagged, whichever path leads to it.
    QTest::newRow("socket") << QByteArray(", \"mounts\": [{\"type\": \"bind\", \"source\": "
                                          "\"/var/run/docker.sock\", \"target\": \"/s\"}]")
                            << QStringList{QStringLiteral("--mount source=/var/run/docker.sock")}
                            << true;
    QTest::newRow("socket folder")
        << QByteArray(", \"mounts\": [{\"type\": \"bind\", \"source\": "
                      "\"/run/\", \"target\": \"/r\", \"readOnly\": true}]")
        << QStringList{QStringLiteral("--mount source=/run/")} << true;
    // Rule: containerd's socket controls the host as the Docker socket does.
    QTest::newRow("containerd socket")
        << QByteArray(", \"mounts\": [{\"type\": \"bind\", \"source\": "
                      "\"/run/containerd/containerd.sock\", \"target\": \"/s\"}]")
        << QStringList{QStringLiteral("--mount source=/run/containerd/containerd.sock")} << true;
    // Rule: a folder holding the socket or Docker's data hands them over.
    QTest::newRow("var") << QByteArray(", \"mounts\": [{\"type\": \"bind\", \"source\": "
                                       "\"/var\", \"target\": \"/v\", \"readOnly\": true}]")
                         << QStringList{QStringLiteral("--mount source=/var")} << true;
    // Rule: a path inside a sensitive folder is as sensitive (/proc/1/root
    // is the host's /).
    QTest::newRow("inside proc")
        << QByteArray(", \"mounts\": [{\"type\": \"bind\", \"source\": "
                      "\"/proc/1/root\", \"target\": \"/h\", \"readOnly\": true}]")
        << QStringList{QStringLiteral("--mount source=/proc/1/root")} << true;
    // Rule: sensitive host folders are flagged even read-only.
    QTest::newRow("host etc") << QByteArray(", \"mounts\": [{\"type\": \"bind\", \"source\": "
                                            "\"/etc\", \"target\": \"/h\", \"readOnly\": true}]")
                              << QStringList{QStringLiteral("--mount source=/etc")} << true;
    // Rule: each host namespace is flagged.
    QTest::newRow("host namespaces")
        << QByteArray(", \"network\": \"host\", \"pidMode\": \"host\", \"ipcMode\": \"host\", "
                      "\"utsMode\": \"host\"")
        << QStringList{QStringLiteral("--network host"), QStringLiteral("--pid host"),
                       QStringLiteral("--ipc host"), QStringLiteral("--uts host")}
        << true;
    // Rule: added capabilities are flagged; dropped ones are not.
    QTest::newRow("cap add") << QByteArray(", \"capAdd\": [\"CAP_NET_ADMIN\", \"SYS_ADMIN\"], "
                                           "\"capDrop\": [\"ALL\"]")
                             << QStringList{QStringLiteral("--cap-add NET_ADMIN"),
                                            QStringLiteral("--cap-add SYS_ADMIN")}
                             << true;
    QTest::newRow("privileged") << QByteArray(", \"privileged\": true")
                                << QStringList{QStringLiteral("--privileged")} << true;
    QTest::newRow("unconfined") << QByteArray(", \"securityOpt\": [\"seccomp=unconfined\"]")
                                << QStringList{QStringLiteral("--security-opt seccomp=unconfined")}
                                << true;
    // Rule: a port on every interface is a caution, not a danger.
    QTest::newRow("all interfaces") << QByteArray(", \"ports\": [{\"container\": \"80/tcp\"}]")
                                    << QStringList{QStringLiteral("--publish 80/tcp")} << false;
    // Rule: a hardened container has nothing to flag.
    QTest::newRow("hardened") << QByteArray(", \"readOnly\": true, \"capDrop\": [\"ALL\"], "
                                            "\"ports\": [{\"container\": \"80\", \"hostIp\": "
                                            "\"127.0.0.1\"}]")
                              << QStringList{} << false;
}

void TestActions::dangers()
{
    QFETCH(QByteArray, fields);
    QFETCH(QStringList, options);
    QFETCH(bool, severe);
    const Lab lab = labWith("{\"type\": \"runContainer\", \"name\": \"x\", \"image\": "
                            "\"drydock/base:busybox\"" +
                            fields + "}");
    const ActionPreview preview =
        previewAction(lab.steps.first().actions.first(), lab, LabScope::forLab(lab));
    QStringList flagged;
    for (const DangerFlag &d : preview.dangers) {
        flagged.append(d.option);
        QVERIFY(!d.why.isEmpty());
    }
    QCOMPARE(flagged, options);
    QCOMPARE(preview.hasSevereDanger(), severe);
}

void TestActions::linkToHostRootIsADanger()
{
    // A harmless-looking folder that is a link to / on this machine.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString link = dir.filePath(QStringLiteral("data"));
    QVERIFY(QFile::link(QStringLiteral("/"), link));
    const Lab lab = labWith(QStringLiteral("{\"type\": \"runContainer\", \"name\": \"x\", "
                                           "\"image\": \"drydock/base:busybox\", \"mounts\": "
                                           "[{\"type\": \"bind\", \"source\": \"%1\", "
                                           "\"target\": \"/h\", \"readOnly\": true}]}")
                                .arg(link)
                                .toUtf8());
    const ActionPreview preview =
        previewAction(lab.steps.first().actions.first(), lab, LabScope::forLab(lab));
    QVERIFY(preview.hasSevereDanger());
    QCOMPARE(preview.dangers.size(), 1);
    QVERIFY2(preview.dangers.first().why.contains(QStringLiteral("and with it /")),
             qPrintable(preview.dangers.first().why));
}

void TestActions::dockerfile()
{
    const Lab lab = labWith(
        "{\"type\": \"buildImage\", \"tag\": \"x/y:1\", \"instructions\": ["
        "{\"op\": \"recordedRun\", \"command\": \"apt-get update\"},"
        "{\"op\": \"add\", \"path\": \"/a/b.txt\", \"content\": \"hi\"},"
        "{\"op\": \"copy\", \"path\": \"/bin/helper\", \"content\": \"x\", \"mode\": \"4755\"},"
        "{\"op\": \"user\", \"user\": \"1000\"},"
        "{\"op\": \"healthcheck\", \"test\": [\"CMD\", \"true\"], \"interval\": \"5s\"}]}");
    const ActionPreview preview =
        previewAction(lab.steps.first().actions.first(), lab, LabScope::forLab(lab));
    QCOMPARE(preview.dockerfile,
             QStringLiteral("FROM drydock/base:busybox\n"
                            "RUN apt-get update    # recorded in the history only: Drydock never "
                            "runs a shell\n"
                            "ADD --chmod=0644 b.txt /a/b.txt\n"
                            "COPY --chmod=4755 helper /bin/helper\n"
                            "USER 1000\n"
                            "HEALTHCHECK --interval=5s CMD [\"true\"]\n"));
    // Rule: a setuid file in a recipe is a caution.
    QCOMPARE(preview.dangers.size(), 1);
    QVERIFY(!preview.dangers.first().severe);
    // Rule: the history text matches what the classic builder writes, which
    // the image checks parse.
    const auto &recipe = std::get<BuildImageAction>(lab.steps.first().actions.first().params);
    QVERIFY(
        historyTextFor(recipe.instructions.at(1)).startsWith(QLatin1String("#(nop) ADD file:")));
    QCOMPARE(historyTextFor(recipe.instructions.at(0)), QStringLiteral("apt-get update"));
}

void TestActions::openViewNeedsNoConfirmation()
{
    const Lab lab = labWith("{\"type\": \"openView\", \"view\": \"findings\"}");
    const ActionPreview preview =
        previewAction(lab.steps.first().actions.first(), lab, LabScope::forLab(lab));
    QVERIFY(!preview.changesEngine);
    QVERIFY(preview.commands.isEmpty());
}

QTEST_GUILESS_MAIN(TestActions)
#include "tst_actions.moc"
