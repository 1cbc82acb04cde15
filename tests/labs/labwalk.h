// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the lab walk tests: an engine connection, a scope no other run
// shares, and walking a lab step by step.
#pragma once

#include "docker/engineclient.h"
#include "labs/actions.h"
#include "labs/catalog.h"
#include "labs/verifier.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

namespace labwalk {

using namespace drydock;
using namespace drydock::labs;

inline std::optional<docker::EngineClient> connectEngine(QString *why)
{
    const auto endpoint = docker::resolveEndpoint({}, docker::processEnvironment());
    if (!endpoint) {
        *why = endpoint.error().message;
        return std::nullopt;
    }
    docker::EngineClient engine(*endpoint);
    if (auto ping = engine.negotiate(); !ping) {
        *why = ping.error().message;
        return std::nullopt;
    }
    return engine;
}

// Names, images and labels of this run only: tests share the engine.
inline LabScope testScope(const Lab &lab)
{
    const QString run = QStringLiteral("dt%1%2")
                            .arg(QCoreApplication::applicationPid())
                            .arg(QRandomGenerator::global()->bounded(100000));
    LabScope scope = LabScope::forLab(lab);
    scope.namePrefix = run + QLatin1Char('-') + lab.id + QLatin1Char('-');
    scope.imageNamespace = run + QLatin1Char('-');
    scope.extraLabels.insert(QStringLiteral("org.drydock.test"), run);
    return scope;
}

inline Lab shippedLab(const QString &id)
{
    const auto lab =
        findLab(QStringLiteral(DRYDOCK_SOURCE_DIR "/labs/") + id + QStringLiteral(".json"));
    if (!lab) {
        qFatal("shipped lab %s does not load: %s", qPrintable(id), qPrintable(lab.error().message));
    }
    return *lab;
}

inline QString joined(const QStringList &lines)
{
    return lines.join(QStringLiteral(" | "));
}

// Walks every step: the check must fail before the step's actions and pass
// after them, except for the steps in `cannotPassHere`, whose check must
// still evaluate and say what is missing.
inline void walk(const Lab &lab, LabContext &ctx, const QStringList &cannotPassHere = {})
{
    for (const Step &step : lab.steps) {
        const QString where = step.id;
        const auto say = [&](const QString &text) {
            return (where + QStringLiteral(": ") + text).toUtf8();
        };
        if (step.verify) {
            const auto before = evaluatePredicate(*step.verify, ctx);
            QVERIFY2(before.ok(), say(before.ok() ? QString() : before.error().text()).constData());
            QVERIFY2(!before->passed,
                     say(QStringLiteral("passed before its actions: ") + joined(before->satisfied))
                         .constData());
            QVERIFY2(!before->missing.isEmpty(),
                     say(QStringLiteral("a failing check says nothing")).constData());
        }
        for (const Action &action : step.actions) {
            const ActionPreview preview = previewAction(action, lab, ctx.scope);
            QVERIFY2(!preview.summary.isEmpty(), say(QStringLiteral("no preview")).constData());
            const auto outcome = runAction(action, ctx);
            QVERIFY2(outcome.ok(),
                     say(outcome.ok() ? QString() : outcome.error().text()).constData());
            qInfo().noquote() << step.id << "->" << outcome->summary;
        }
        if (!step.verify) {
            continue;
        }
        const auto after = evaluatePredicate(*step.verify, ctx);
        QVERIFY2(after.ok(), say(after.ok() ? QString() : after.error().text()).constData());
        if (cannotPassHere.contains(step.id)) {
            QVERIFY2(!after->missing.isEmpty() || after->passed, say(QString()).constData());
            qInfo().noquote() << step.id
                              << "(cannot pass on this engine):" << joined(after->missing);
            continue;
        }
        QVERIFY2(after->passed,
                 say(QStringLiteral("still fails after its actions: ") + joined(after->missing))
                     .constData());
    }
}

// Removes whatever the scope owns, whatever state the walk ended in.
inline void cleanUp(const Lab &lab, LabContext &ctx)
{
    Action cleanup;
    cleanup.type = ActionType::Cleanup;
    cleanup.params = CleanupAction{true};
    const auto done = runAction(cleanup, ctx);
    if (!done) {
        qWarning().noquote() << "cleanup of" << lab.id << "failed:" << done.error().text();
    }
}

} // namespace labwalk
