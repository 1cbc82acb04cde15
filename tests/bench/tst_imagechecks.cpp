// SPDX-License-Identifier: GPL-3.0-or-later
// Sections 4 (images), 6 (operations) and 7 (swarm) over constructed and
// recorded documents, each row naming the rule it pins.
#include "bench/check.h"
#include "bench/checkhelpers.h"
#include "bench/collector.h"
#include "bench/runner.h"

#include <QFile>
#include <QTest>

using namespace drydock;
using namespace drydock::bench;
using nlohmann::json;

namespace {

json readJson(const QString &name)
{
    QFile file(QStringLiteral(DRYDOCK_TEST_DATA "/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture");
    }
    const QByteArray data = file.readAll();
    return json::parse(data.begin(), data.end());
}

Finding evaluate(const QString &checkId, const Snapshot &snapshot)
{
    for (const CheckLogic &logic : allChecks()) {
        if (checkId == QLatin1String(logic.id)) {
            return evaluateCheck(logic, snapshot);
        }
    }
    qFatal("unknown check");
}

// The image built from tests/bench/data (ADD, COPY, RUN echo apt-get
// update, HEALTHCHECK, USER 1000) as the engine reported it, tagged twice.
ImageFacts builtImage()
{
    ImageFacts image;
    json doc = readJson(QStringLiteral("engine-image-built.json"));
    image.inspect = readImageDocument(doc).value();
    image.history =
        docker::parseHistory(readJson(QStringLiteral("engine-history-built.json"))).value();
    return image;
}

ImageFacts plainImage(const char *id, const QStringList &tags, const char *config = "{}")
{
    json doc = {{"Id", id}, {"RepoTags", json::array()}, {"Config", json::parse(config)}};
    for (const QString &tag : tags) {
        doc["RepoTags"].push_back(tag.toStdString());
    }
    ImageFacts image;
    image.inspect = readImageDocument(doc).value();
    return image;
}

docker::HistoryEntry layer(const char *createdBy)
{
    docker::HistoryEntry entry;
    entry.createdBy = QLatin1String(createdBy);
    return entry;
}

Snapshot withInfo(const char *patch = "{}")
{
    json info = json::parse(R"({"ID":"E","SecurityOptions":["name=seccomp,profile=default"],
        "Containers":3,"ContainersRunning":1,"Swarm":{"LocalNodeState":"inactive"}})");
    info.merge_patch(json::parse(patch));
    Snapshot snapshot;
    snapshot.info = docker::parseInfo(info).value();
    return snapshot;
}

} // namespace

class ImageChecksTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void historyInstruction_data();
    void historyInstruction();
    void loneUpdate_data();
    void loneUpdate();
    void contentTrust_data();
    void contentTrust();
    void healthcheckPerImage();
    void addAndUpdateFromRecordedHistory();
    void unreadableHistoryIsAnError();
    void manualChecksAreNotes();
    void imageSprawlCountsImagesNotTags();
    void imageSprawlUsesEveryContainer();
    void untaggedImageNamedByRepository();
    void containerSprawl();
    void swarmInactiveIsNotApplicable();
    void swarmWorkerNeedsAManager();
    void swarmManagerChecks_data();
    void swarmManagerChecks();
    void swarmManualChecks_data();
    void swarmManualChecks();
    void swarmListenersFromProcNet();
};

void ImageChecksTest::historyInstruction_data()
{
    QTest::addColumn<QString>("createdBy");
    QTest::addColumn<QString>("instruction");
    // The classic builder marks metadata and file instructions "#(nop)".
    QTest::newRow("classic ADD") << "/bin/sh -c #(nop) ADD file:63e4 in /f1 "
                                 << "ADD";
    QTest::newRow("classic COPY") << "/bin/sh -c #(nop) COPY file:63e4 in /f2 "
                                  << "COPY";
    QTest::newRow("classic two spaces") << "/bin/sh -c #(nop)  USER 1000"
                                        << "USER";
    // A classic RUN is the shell command alone, also with build args.
    QTest::newRow("classic RUN") << "/bin/sh -c echo ADD this"
                                 << "RUN";
    QTest::newRow("classic RUN with args") << "|1 V=1 /bin/sh -c apt-get update"
                                           << "RUN";
    // BuildKit writes the instruction itself.
    QTest::newRow("buildkit ADD") << "ADD https://example.org/x.tgz /x # buildkit"
                                  << "ADD";
    QTest::newRow("buildkit COPY") << "COPY . /app # buildkit"
                                   << "COPY";
    QTest::newRow("buildkit RUN") << "RUN /bin/sh -c apk add curl # buildkit"
                                  << "RUN";
    // An imported layer says nothing.
    QTest::newRow("imported") << ""
                              << "";
}

void ImageChecksTest::historyInstruction()
{
    QFETCH(QString, createdBy);
    QFETCH(QString, instruction);
    QCOMPARE(drydock::bench::historyInstruction(createdBy), instruction);
}

void ImageChecksTest::loneUpdate_data()
{
    QTest::addColumn<QString>("createdBy");
    QTest::addColumn<bool>("lone");
    QTest::newRow("apt-get update alone") << "/bin/sh -c apt-get update" << true;
    QTest::newRow("apt-get -q update alone") << "/bin/sh -c apt-get -q update" << true;
    QTest::newRow("apk update alone") << "RUN /bin/sh -c apk update # buildkit" << true;
    QTest::newRow("dnf makecache alone") << "/bin/sh -c dnf makecache" << true;
    // Refresh and install in one layer is the recommended form.
    QTest::newRow("update && install")
        << "/bin/sh -c apt-get update && apt-get install -y curl" << false;
    QTest::newRow("apk update && add") << "/bin/sh -c apk update && apk add curl" << false;
    // yum update upgrades packages; it is not an index refresh.
    QTest::newRow("yum update upgrades") << "/bin/sh -c yum update -y" << false;
    // Not a RUN: the text only mentions update.
    QTest::newRow("label mentioning update")
        << "/bin/sh -c #(nop)  LABEL a=apt-get update" << false;
}

void ImageChecksTest::loneUpdate()
{
    QFETCH(QString, createdBy);
    QFETCH(bool, lone);
    QCOMPARE(isLoneUpdateInstruction(createdBy), lone);
}

void ImageChecksTest::contentTrust_data()
{
    QTest::addColumn<bool>("set");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("enabled");
    // The docker CLI: unset or empty is off; Go's false spellings are off;
    // anything else is on, even a value ParseBool rejects.
    QTest::newRow("unset") << false << "" << false;
    QTest::newRow("empty") << true << "" << false;
    QTest::newRow("1") << true << "1" << true;
    QTest::newRow("true") << true << "true" << true;
    QTest::newRow("0") << true << "0" << false;
    QTest::newRow("FALSE") << true << "FALSE" << false;
    QTest::newRow("yes is on") << true << "yes" << true;
    QTest::newRow("f is off") << true << "f" << false;
    QTest::newRow("garbage is on") << true << "garbage" << true;
    // Nothing is trimmed: ParseBool rejects " 0", so it is on.
    QTest::newRow("spaced 0 is on") << true << " 0" << true;
}

void ImageChecksTest::contentTrust()
{
    QFETCH(bool, set);
    QFETCH(QString, value);
    QFETCH(bool, enabled);
    Snapshot snapshot = withInfo();
    if (set) {
        snapshot.clientEnvironment.insert(QStringLiteral("DOCKER_CONTENT_TRUST"), value);
    }
    const Finding finding = evaluate(QStringLiteral("4.5"), snapshot);
    QCOMPARE(finding.verdict, enabled ? Verdict::Pass : Verdict::Warn);
    QCOMPARE(finding.evidence.first().item, QStringLiteral("DOCKER_CONTENT_TRUST"));
}

void ImageChecksTest::healthcheckPerImage()
{
    // 4.6: one finding item per image, whatever its number of tags;
    // HEALTHCHECK NONE disables a base image's check.
    Snapshot snapshot = withInfo();
    snapshot.images.append(builtImage());
    snapshot.images.append(
        plainImage("sha256:1111", {QStringLiteral("a:1"), QStringLiteral("a:latest")}));
    snapshot.images.append(
        plainImage("sha256:2222", {QStringLiteral("b:1")}, R"({"Healthcheck":{"Test":["NONE"]}})"));
    const Finding finding = evaluate(QStringLiteral("4.6"), snapshot);
    QCOMPARE(finding.verdict, Verdict::Warn);
    QCOMPARE(finding.evidence.size(), 2);
    QCOMPARE(finding.evidence.at(0).item, QStringLiteral("a:1, a:latest"));
    QCOMPARE(finding.evidence.at(1).observed, QStringLiteral("HEALTHCHECK NONE"));
    QVERIFY(finding.summary.startsWith(QLatin1String("2 of 3 images")));
}

void ImageChecksTest::addAndUpdateFromRecordedHistory()
{
    // The recorded image: ADD f.txt (flagged), COPY (fine), and a RUN that
    // only echoes "apt-get update" (flagged by the update rule: it is a RUN
    // that refreshes nothing but reads as one; the rule is textual, as the
    // benchmark's audit is).
    Snapshot snapshot = withInfo();
    snapshot.images.append(builtImage());
    const Finding add = evaluate(QStringLiteral("4.9"), snapshot);
    QCOMPARE(add.verdict, Verdict::Info);
    QCOMPARE(add.evidence.size(), 1);
    QVERIFY(add.evidence.first().observed.contains(QLatin1String("ADD file:")));
    QVERIFY(!add.evidence.first().observed.contains(QLatin1String("COPY")));
    const Finding update = evaluate(QStringLiteral("4.7"), snapshot);
    QCOMPARE(update.verdict, Verdict::Info);
    QVERIFY(update.evidence.first().observed.contains(QLatin1String("apt-get update")));

    ImageFacts copyOnly = plainImage("sha256:3333", {QStringLiteral("c:1")});
    copyOnly.history = {layer("COPY . /app # buildkit"),
                        layer("/bin/sh -c apt-get update && apt-get install -y x")};
    Snapshot clean = withInfo();
    clean.images.append(copyOnly);
    QCOMPARE(evaluate(QStringLiteral("4.9"), clean).verdict, Verdict::Pass);
    QCOMPARE(evaluate(QStringLiteral("4.7"), clean).verdict, Verdict::Pass);
}

void ImageChecksTest::unreadableHistoryIsAnError()
{
    Snapshot snapshot = withInfo();
    ImageFacts image = plainImage("sha256:4444", {QStringLiteral("d:1")});
    image.historyError = QStringLiteral("HTTP 500");
    snapshot.images.append(image);
    const Finding finding = evaluate(QStringLiteral("4.9"), snapshot);
    QCOMPARE(finding.verdict, Verdict::Error);
    QVERIFY(finding.reason.contains(QLatin1String("d:1")));
    // 4.6 needs no history: it still judges.
    QCOMPARE(evaluate(QStringLiteral("4.6"), snapshot).verdict, Verdict::Warn);
}

void ImageChecksTest::manualChecksAreNotes()
{
    const Snapshot snapshot = withInfo();
    for (const char *id :
         {"4.2", "4.3", "4.4", "4.8", "4.10", "4.11", "4.12", "5.23", "5.24", "5.28"}) {
        const Finding finding = evaluate(QLatin1String(id), snapshot);
        QCOMPARE(finding.verdict, Verdict::Note);
        QVERIFY(!finding.summary.isEmpty());
    }
}

void ImageChecksTest::imageSprawlCountsImagesNotTags()
{
    // 6.1: the reference script counted containers as images; here an image
    // is one id however many tags it has, and in use means a container of
    // the engine runs it.
    Snapshot snapshot = withInfo();
    snapshot.images.append(plainImage(
        "sha256:1111", {QStringLiteral("a:1"), QStringLiteral("a:2"), QStringLiteral("a:3")}));
    snapshot.images.append(plainImage("sha256:2222", {QStringLiteral("b:1")}));
    docker::ContainerSummary c;
    c.id = QStringLiteral("c1");
    c.imageId = QStringLiteral("sha256:1111");
    snapshot.allContainers = {c, c, c};
    const Finding finding = evaluate(QStringLiteral("6.1"), snapshot);
    QCOMPARE(finding.verdict, Verdict::Info);
    QCOMPARE(finding.summary, QStringLiteral("2 images, 1 in use, 1 unused"));
    QCOMPARE(finding.evidence.size(), 1);
    QCOMPARE(finding.evidence.first().item, QStringLiteral("b:1"));
}

void ImageChecksTest::imageSprawlUsesEveryContainer()
{
    // The container selection does not change which images are in use.
    Snapshot snapshot = withInfo();
    snapshot.images.append(plainImage("sha256:1111", {QStringLiteral("a:1")}));
    docker::ContainerSummary c;
    c.imageId = QStringLiteral("sha256:1111");
    snapshot.allContainers = {c};
    QCOMPARE(snapshot.containers.size(), 0);
    QCOMPARE(evaluate(QStringLiteral("6.1"), snapshot).verdict, Verdict::Pass);
    snapshot.collectionErrors.insert(QStringLiteral("images"), QStringLiteral("HTTP 500"));
    QCOMPARE(evaluate(QStringLiteral("6.1"), snapshot).verdict, Verdict::Error);
}

void ImageChecksTest::untaggedImageNamedByRepository()
{
    // Rule: an image without tags (pulled by digest, or its tag moved on)
    // is named by its repository and digest, not by a bare id.
    Snapshot snapshot = withInfo();
    ImageFacts image = plainImage("sha256:83b0d8115d4a0000", {});
    image.inspect.repoDigests = {
        QStringLiteral("localhost:5000/lab/app@sha256:1b46a7c5b0e16667f81852153e6d5174749c8a8d")};
    snapshot.images.append(image);
    snapshot.images.append(plainImage("sha256:99990000aaaabbbb", {}));
    const Finding finding = evaluate(QStringLiteral("6.1"), snapshot);
    QCOMPARE(finding.evidence.size(), 2);
    QCOMPARE(finding.evidence.at(0).item,
             QStringLiteral("localhost:5000/lab/app@sha256:1b46a7c5b0e1 (untagged)"));
    QCOMPARE(finding.evidence.at(1).item, QStringLiteral("99990000aaaa"));
}

void ImageChecksTest::containerSprawl()
{
    Snapshot snapshot = withInfo();
    docker::ContainerSummary running;
    running.names = {QStringLiteral("up")};
    running.state = QStringLiteral("running");
    docker::ContainerSummary exited = running;
    exited.names = {QStringLiteral("down")};
    exited.state = QStringLiteral("exited");
    snapshot.allContainers = {running, exited, exited};
    const Finding finding = evaluate(QStringLiteral("6.2"), snapshot);
    QCOMPARE(finding.verdict, Verdict::Info);
    QCOMPARE(finding.summary, QStringLiteral("3 containers, 1 running, 2 not running"));
    QCOMPARE(finding.evidence.size(), 2);
}

void ImageChecksTest::swarmInactiveIsNotApplicable()
{
    const Snapshot snapshot = withInfo();
    for (const CheckLogic &logic : swarmChecks()) {
        const Finding finding = evaluateCheck(logic, snapshot);
        QCOMPARE(finding.verdict, Verdict::NotApplicable);
        QVERIFY(finding.reason.contains(QLatin1String("inactive")));
    }
}

void ImageChecksTest::swarmWorkerNeedsAManager()
{
    const Snapshot snapshot =
        withInfo(R"({"Swarm":{"LocalNodeState":"active","ControlAvailable":false}})");
    QCOMPARE(evaluate(QStringLiteral("7.5"), snapshot).verdict, Verdict::NotApplicable);
    QVERIFY(evaluate(QStringLiteral("7.5"), snapshot).reason.contains(QLatin1String("worker")));
}

void ImageChecksTest::swarmManagerChecks_data()
{
    QTest::addColumn<QString>("check");
    QTest::addColumn<QByteArray>("swarm");
    QTest::addColumn<int>("managers");
    QTest::addColumn<int>("verdict");
    const QByteArray plain = R"({"ID":"s","Spec":{"EncryptionConfig":{"AutoLockManagers":false},
        "CAConfig":{"NodeCertExpiry":7776000000000000}}})";
    const QByteArray locked = R"({"ID":"s","Spec":{"EncryptionConfig":{"AutoLockManagers":true}}})";
    // 7.1: an odd number of managers, at most seven.
    QTest::newRow("7.1 one manager") << "7.1" << plain << 1 << int(Verdict::Pass);
    QTest::newRow("7.1 two managers") << "7.1" << plain << 2 << int(Verdict::Warn);
    QTest::newRow("7.1 nine managers") << "7.1" << plain << 9 << int(Verdict::Warn);
    // 7.5: auto-lock.
    QTest::newRow("7.5 not locked") << "7.5" << plain << 1 << int(Verdict::Warn);
    QTest::newRow("7.5 auto-lock") << "7.5" << locked << 1 << int(Verdict::Pass);
    // 7.3: overlay networks without the encrypted option, ingress included.
    QTest::newRow("7.3 ingress unencrypted") << "7.3" << plain << 1 << int(Verdict::Warn);
    // 7.7: a note carrying the expiry.
    QTest::newRow("7.7 expiry noted") << "7.7" << plain << 1 << int(Verdict::Note);
    // 7.4: no secret at all is worth a look.
    QTest::newRow("7.4 no secrets") << "7.4" << plain << 1 << int(Verdict::Info);
}

void ImageChecksTest::swarmManagerChecks()
{
    QFETCH(QString, check);
    QFETCH(QByteArray, swarm);
    QFETCH(int, managers);
    QFETCH(int, verdict);
    Snapshot snapshot =
        withInfo(R"({"Swarm":{"LocalNodeState":"active","ControlAvailable":true,"Managers":1}})");
    snapshot.swarm = docker::parseSwarmSpec(json::parse(swarm.constData())).value();
    for (int i = 0; i < managers; ++i) {
        docker::SwarmNode node;
        node.role = QStringLiteral("manager");
        snapshot.swarmNodes.append(node);
    }
    snapshot.swarmSecretCount = 0;
    docker::NetworkInfo ingress;
    ingress.name = QStringLiteral("ingress");
    ingress.driver = QStringLiteral("overlay");
    docker::NetworkInfo secure = ingress;
    secure.name = QStringLiteral("secure");
    secure.options.insert(QStringLiteral("encrypted"), QString());
    snapshot.networks = {ingress, secure};
    const Finding finding = evaluate(check, snapshot);
    QCOMPARE(int(finding.verdict), verdict);
    QVERIFY(!finding.evidence.isEmpty());
    if (check == QLatin1String("7.3")) {
        QCOMPARE(finding.evidence.size(), 1);
        QCOMPARE(finding.evidence.first().item, QStringLiteral("ingress"));
    }
}

void ImageChecksTest::swarmManualChecks_data()
{
    QTest::addColumn<QString>("check");
    QTest::addColumn<QByteArray>("info");         // merged over withInfo()'s document
    QTest::addColumn<QByteArray>("swarm");        // GET /swarm; empty: not collected
    QTest::addColumn<QString>("collectionError"); // of GET /info, or of the swarm documents
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("mentions"); // in summary, reason or evidence
    const QByteArray manager =
        R"({"Swarm":{"LocalNodeState":"active","ControlAvailable":true,"Managers":1}})";
    const QByteArray worker = R"({"Swarm":{"LocalNodeState":"active","ControlAvailable":false}})";
    const QByteArray spec = R"({"ID":"s","Spec":{"CAConfig":{"NodeCertExpiry":7776000000000000}}})";
    const auto row = [](const char *name, const char *check, const QByteArray &info,
                        const QByteArray &swarm, const char *error, Verdict verdict,
                        const char *mentions) {
        QTest::newRow(name) << QString::fromLatin1(check) << info << swarm
                            << QString::fromLatin1(error) << int(verdict)
                            << QString::fromLatin1(mentions);
    };

    // 7.6: rotating the unlock key is reviewed by hand on any swarm node.
    row("7.6 active manager gets the review note", "7.6", manager, spec, "", Verdict::Note,
        "docker swarm unlock-key --rotate");
    // Rule: 7.6 needs swarm mode only, not the manager's documents.
    row("7.6 worker gets the note too", "7.6", worker, QByteArray(), "", Verdict::Note,
        "unlock-key --rotate");
    row("7.6 swarm inactive", "7.6", "{}", QByteArray(), "", Verdict::NotApplicable,
        "swarm mode is inactive (LocalNodeState: inactive)");
    // Rule: without /info the swarm state is unknown: an error, not n/a.
    row("7.6 info unreadable", "7.6", manager, spec, "info: boom", Verdict::Error,
        "GET /info failed: boom");

    // 7.8: CA rotation is reviewed by hand; the note carries the rotation state.
    row("7.8 manager, no rotation in progress", "7.8", manager, spec, "", Verdict::Note,
        "RootRotationInProgress | no rotation in progress | rotated per the site's policy");
    row("7.8 note names the command", "7.8", manager, spec, "", Verdict::Note,
        "docker swarm ca --rotate");
    // Rule: GET /swarm's RootRotationInProgress is reported, not assumed false.
    row("7.8 rotation in progress is reported", "7.8", manager,
        R"({"ID":"s","RootRotationInProgress":true,"Spec":{}})", "", Verdict::Note,
        "RootRotationInProgress | in progress (RootRotationInProgress: true)");
    // Rule: the swarm's CA settings are read on a manager only.
    row("7.8 worker", "7.8", worker, QByteArray(), "", Verdict::NotApplicable,
        "this node is a swarm worker");
    row("7.8 swarm documents unreadable", "7.8", manager, QByteArray(), "swarm: denied",
        Verdict::Error, "the swarm documents could not be read: denied");
    row("7.8 swarm document not collected", "7.8", manager, QByteArray(), "", Verdict::Error,
        "the swarm document was not collected");
    row("7.8 swarm inactive", "7.8", "{}", QByteArray(), "", Verdict::NotApplicable,
        "swarm mode is inactive");
}

void ImageChecksTest::swarmManualChecks()
{
    QFETCH(QString, check);
    QFETCH(QByteArray, info);
    QFETCH(QByteArray, swarm);
    QFETCH(QString, collectionError);
    QFETCH(int, verdict);
    QFETCH(QString, mentions);
    Snapshot snapshot = withInfo(info.constData());
    if (!swarm.isEmpty()) {
        snapshot.swarm = docker::parseSwarmSpec(json::parse(swarm.constData())).value();
    }
    if (collectionError.startsWith(QLatin1String("info: "))) {
        snapshot.collectionErrors.insert(QLatin1String(kSourceInfo), collectionError.mid(6));
    } else if (collectionError.startsWith(QLatin1String("swarm: "))) {
        snapshot.swarmError = collectionError.mid(7);
    }
    const Finding finding = evaluate(check, snapshot);
    QStringList parts = {finding.summary, finding.reason};
    for (const Evidence &e : finding.evidence) {
        parts.append(e.item + QStringLiteral(" | ") + e.observed + QStringLiteral(" | ") +
                     e.expected);
    }
    const QString text = parts.join(QLatin1Char('\n'));
    QCOMPARE(finding.checkId, check);
    QVERIFY2(int(finding.verdict) == verdict, qPrintable(text));
    QVERIFY2(text.contains(mentions), qPrintable(text));
    if (finding.verdict == Verdict::NotApplicable || finding.verdict == Verdict::Error) {
        QVERIFY(!finding.reason.isEmpty());
    }
}

void ImageChecksTest::swarmListenersFromProcNet()
{
    // /proc/net/tcp: 0.0.0.0:2377 and 127.0.0.1:7946 listening (0A), a
    // connection on 2377 that is not listening (01).
    const QByteArray tcp =
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid\n"
        "   0: 00000000:0949 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0\n"
        "   1: 0100007F:1F0A 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0\n"
        "   2: 0100007F:0949 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000 0\n";
    const QByteArray tcp6 =
        "  sl  local_address                         remote_address                        st\n"
        "   0: 00000000000000000000000000000000:1F0A 00000000000000000000000000000000:0000 0A\n";
    QCOMPARE(listeningSockets(tcp, false, {2377, 7946}),
             QStringList({QStringLiteral("0.0.0.0:2377"), QStringLiteral("127.0.0.1:7946")}));
    QCOMPARE(listeningSockets(tcp6, true, {2377, 7946}), QStringList{QStringLiteral("[::]:7946")});

    Snapshot snapshot = withInfo(R"({"Swarm":{"LocalNodeState":"active"}})");
    snapshot.swarmListeners = QStringList{QStringLiteral("127.0.0.1:2377")};
    QCOMPARE(evaluate(QStringLiteral("7.2"), snapshot).verdict, Verdict::Pass);
    snapshot.swarmListeners = QStringList{QStringLiteral("[::]:7946")};
    QCOMPARE(evaluate(QStringLiteral("7.2"), snapshot).verdict, Verdict::Warn);
    snapshot.swarmListeners.reset();
    snapshot.engineIsLocal = false;
    QCOMPARE(evaluate(QStringLiteral("7.2"), snapshot).verdict, Verdict::NotApplicable);
}

QTEST_GUILESS_MAIN(ImageChecksTest)
#include "tst_imagechecks.moc"
