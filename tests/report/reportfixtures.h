// SPDX-License-Identifier: GPL-3.0-or-later
// Synthetic benchmark runs for the report tests and the render benchmark:
// every catalogue check, container checks with evidence from N containers.
#pragma once

#include "bench/catalogue.h"
#include "bench/run.h"
#include "labs/progress.h"

#include <QDateTime>
#include <QString>

namespace drydock::report::fixtures {

struct RunShape
{
    QString id;
    QDateTime startedAt;
    int containers = 3;
    // Of the checks that can fail, every `failEvery`-th one warns; the
    // "after" run of a comparison uses a larger step so fewer fail.
    int failEvery = 2;
};

inline bench::Run makeRun(const RunShape &shape)
{
    using bench::Verdict;
    bench::Run run;
    run.id = shape.id;
    run.startedAt = shape.startedAt;
    run.finishedAt = shape.startedAt.addSecs(42);
    run.producer = QStringLiteral("drydock 0.1.0");
    run.engine.endpoint = QStringLiteral("unix:///var/run/docker.sock");
    run.engine.endpointSource = QStringLiteral("default");
    run.engine.engineId = QStringLiteral("ABCD:EFGH");
    run.engine.hostName = QStringLiteral("lab-host");
    run.engine.serverVersion = QStringLiteral("20.10.24");
    run.engine.apiVersion = QStringLiteral("1.41");
    run.engine.operatingSystem = QStringLiteral("Debian GNU/Linux 12 (bookworm)");
    run.engine.kernelVersion = QStringLiteral("6.1.0-13-amd64");
    const auto &catalogue = bench::builtinCatalogue();
    if (!catalogue.ok()) {
        return run;
    }
    run.catalogueVersion = catalogue->label();
    int index = 0;
    for (const bench::CheckInfo &check : catalogue->checks()) {
        run.selection << check.id;
        bench::Finding finding;
        finding.checkId = check.id;
        const bool containerCheck = check.section == QLatin1String("5");
        if (!check.scored) {
            finding.verdict = index % 3 == 0 ? Verdict::Note : Verdict::Info;
            finding.summary = QStringLiteral("Review by hand.");
        } else if (check.section == QLatin1String("7")) {
            finding.verdict = Verdict::NotApplicable;
            finding.reason = QStringLiteral("Swarm mode is not active.");
        } else if (index % shape.failEvery == 0) {
            finding.verdict = Verdict::Warn;
            finding.summary = QStringLiteral("%1 items do not follow the recommendation.")
                                  .arg(containerCheck ? shape.containers : 1);
            const int items = containerCheck ? shape.containers : 1;
            for (int c = 0; c < items; ++c) {
                bench::Evidence evidence;
                evidence.kind =
                    containerCheck ? QStringLiteral("container") : QStringLiteral("setting");
                evidence.item = containerCheck
                                    ? QStringLiteral("web-%1").arg(c, 3, 10, QLatin1Char('0'))
                                    : QStringLiteral("daemon.%1").arg(check.id);
                evidence.itemId =
                    QStringLiteral("%1").arg(c + 1000 * index, 12, 16, QLatin1Char('0'));
                evidence.image =
                    containerCheck ? QStringLiteral("drydock/base:busybox") : QString();
                evidence.observed = QStringLiteral("HostConfig.Privileged=true");
                evidence.expected = QStringLiteral("false");
                finding.evidence.append(evidence);
            }
        } else {
            finding.verdict = Verdict::Pass;
        }
        run.findings.append(finding);
        ++index;
    }
    run.score = catalogue->score(run.findings);
    return run;
}

// The shipped lab the lab-progress fixture is for, and what the fixture's
// answers and checks say, for tests to look for.
inline const QString kLabId = QStringLiteral("docker-bench-hardening");
// Accented Latin and CJK: text extraction gives these back as typed.
inline const QString kAnswerSearchable =
    QStringLiteral("Élise dit: le conteneur tourne en root — 容器以根用户运行");
// Arabic is shaped when painted; only the HTML and JSON are compared.
inline const QString kAnswerArabic = QStringLiteral("الحاوية تعمل بصلاحيات الجذر");
inline const QString kMissingText = QStringLiteral("container \"web\" still runs as root");

// Progress through the shipped Docker Bench lab: two steps done and
// verified, one answered but not verified, one verified and failing, the
// rest not started.
inline labs::LabProgress makeProgress(const QDateTime &start, const QString &runId)
{
    labs::LabProgress progress;
    progress.labId = kLabId;
    progress.labVersion = QStringLiteral("1.0.0");
    progress.user = labs::ProgressStore::currentUser();
    progress.currentStep = QStringLiteral("harden");
    progress.startedAt = start;
    progress.updatedAt = start.addSecs(1800);

    labs::StepProgress first;
    first.status = labs::StepStatus::Done;
    first.startedAt = start;
    first.completedAt = start.addSecs(300);
    first.lastCheckedAt = start.addSecs(300);
    first.lastCheckPassed = true;
    first.answers.insert(QStringLiteral("defaults"),
                         kAnswerSearchable + QLatin1Char('\n') + kAnswerArabic);
    progress.steps.insert(QStringLiteral("run-default"), first);

    labs::StepProgress bench;
    bench.status = labs::StepStatus::Done;
    bench.startedAt = start.addSecs(300);
    bench.completedAt = start.addSecs(600);
    bench.lastCheckedAt = start.addSecs(600);
    bench.lastCheckPassed = true;
    bench.runIds << runId;
    progress.steps.insert(QStringLiteral("run-bench"), bench);

    labs::StepProgress read;
    read.status = labs::StepStatus::Done;
    read.startedAt = start.addSecs(600);
    read.completedAt = start.addSecs(900);
    read.hintsRevealed = 1;
    read.answers.insert(QStringLiteral("worst"), QStringLiteral("5.4 — privileged containers"));
    progress.steps.insert(QStringLiteral("read-findings"), read);

    labs::StepProgress harden;
    harden.status = labs::StepStatus::InProgress;
    harden.startedAt = start.addSecs(900);
    harden.lastCheckedAt = start.addSecs(1800);
    harden.lastCheckPassed = false;
    harden.lastCheckMissing << kMissingText;
    progress.steps.insert(QStringLiteral("harden"), harden);
    return progress;
}

} // namespace drydock::report::fixtures
