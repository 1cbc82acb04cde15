// SPDX-License-Identifier: GPL-3.0-or-later
// A small run with every verdict and awkward evidence, shared by the
// exporter, run-store and comparison tests.
#pragma once

#include "bench/run.h"

#include <QTimeZone>

namespace drydock::bench::testing {

inline Evidence container(const QString &name, const QString &observed, const QString &expected)
{
    Evidence evidence;
    evidence.kind = QStringLiteral("container");
    evidence.item = name;
    evidence.itemId =
        QStringLiteral("3f2a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8");
    evidence.image = QStringLiteral("busybox:latest");
    evidence.observed = observed;
    evidence.expected = expected;
    return evidence;
}

inline Finding finding(const QString &id, Verdict verdict, const QString &summary = {},
                       const QList<Evidence> &evidence = {}, const QString &reason = {})
{
    Finding result;
    result.checkId = id;
    result.verdict = verdict;
    result.summary = summary;
    result.reason = reason;
    result.evidence = evidence;
    return result;
}

inline Run sampleRun()
{
    Run run;
    run.id = QStringLiteral("20261204T153011Z-1a2b3c");
    run.startedAt = QDateTime(QDate(2026, 12, 4), QTime(15, 30, 11, 250), QTimeZone::utc());
    run.finishedAt = run.startedAt.addMSecs(420);
    run.catalogueVersion = QStringLiteral("CIS Docker Benchmark 1.6.0 / drydock 1");
    run.producer = QStringLiteral("drydock 0.1.0");
    run.engine.endpoint = QStringLiteral("unix:///var/run/docker.sock");
    run.engine.endpointSource = QStringLiteral("default");
    run.engine.engineId = QStringLiteral("ABCD:EFGH");
    run.engine.hostName = QStringLiteral("lab-host");
    run.engine.serverVersion = QStringLiteral("20.10.24+dfsg1");
    run.engine.apiVersion = QStringLiteral("1.41");
    run.engine.operatingSystem = QStringLiteral("Debian GNU/Linux 12 (bookworm)");
    run.engine.kernelVersion = QStringLiteral("6.1.0-18-amd64");

    Evidence file;
    file.kind = QStringLiteral("file");
    file.item = QStringLiteral("/etc/docker/daemon.json");
    file.observed = QStringLiteral("0622 root:root");
    file.expected = QStringLiteral("0644 or stricter");

    Evidence setting;
    setting.kind = QStringLiteral("setting");
    setting.item = QStringLiteral("icc");
    setting.observed = QStringLiteral("true");
    setting.expected = QStringLiteral("false");

    run.findings = {
        finding(QStringLiteral("1.1.1"), Verdict::Pass,
                QStringLiteral("/var/lib/docker is on its own filesystem")),
        finding(QStringLiteral("1.1.3"), Verdict::Error, {}, {},
                QStringLiteral("auditctl -l: permission denied")),
        finding(QStringLiteral("2.2"), Verdict::Warn,
                QStringLiteral("Inter-container traffic is allowed"), {setting}),
        finding(QStringLiteral("3.18"), Verdict::Warn,
                QStringLiteral("daemon.json is writable by others"), {file}),
        finding(QStringLiteral("4.2"), Verdict::Note, QStringLiteral("Review the images in use")),
        // Names with spaces, commas, quotes and a line break: the exporters
        // must keep each item whole and quote it where the format needs it.
        finding(QStringLiteral("5.10"), Verdict::Warn,
                QStringLiteral("2 containers share the host's network namespace"),
                {container(QStringLiteral("web"), QStringLiteral("host"),
                           QStringLiteral("bridge or user network")),
                 container(QStringLiteral("db, \"main\""), QStringLiteral("host\nmode"),
                           QStringLiteral("bridge or user network"))}),
        finding(QStringLiteral("5.9"), Verdict::Info, QStringLiteral("Published ports"),
                {container(QStringLiteral("web"), QStringLiteral("0.0.0.0:8080->80/tcp"), {})}),
        // A value a container controls, with a terminal escape in it.
        finding(QStringLiteral("5.27"), Verdict::Warn, QStringLiteral("No health check"),
                {container(QStringLiteral("evil"), QStringLiteral("=cmd\x1b[2J"),
                           QStringLiteral("a health check"))}),
        finding(QStringLiteral("7.1"), Verdict::NotApplicable, {}, {},
                QStringLiteral("swarm mode is inactive")),
    };
    run.selection = {};
    for (const Finding &item : run.findings) {
        run.selection.append(item.checkId);
    }
    // 1.1.1 passes; 2.2, 3.18, 5.10 and 5.27 warn; all five are scored.
    run.score.reference = 1 - 4;
    run.score.scoredPassed = 1;
    run.score.scoredApplicable = 5;
    return run;
}

} // namespace drydock::bench::testing
