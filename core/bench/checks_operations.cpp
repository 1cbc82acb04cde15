// SPDX-License-Identifier: GPL-3.0-or-later
// Section 6 of the CIS Docker Benchmark: security operations (sprawl).
#include "check.h"
#include "checkhelpers.h"

#include <QSet>

namespace drydock::bench {

namespace {

// 6.1: images are counted as images (one per id, whatever its tags), and
// "in use" means used by any container on the engine, selected or not.
Finding check_6_1(const Snapshot &snapshot)
{
    const QString imageError = snapshot.collectionErrors.value(QLatin1String(kSourceImages));
    if (!imageError.isEmpty()) {
        return errorFinding("6.1",
                            QStringLiteral("the image list could not be read: ") + imageError);
    }
    const QString listError = snapshot.collectionErrors.value(QLatin1String(kSourceContainers));
    if (!listError.isEmpty()) {
        return errorFinding("6.1",
                            QStringLiteral("the container list could not be read: ") + listError);
    }
    QSet<QString> used;
    for (const docker::ContainerSummary &container : snapshot.allContainers) {
        used.insert(container.imageId);
    }
    Finding finding;
    finding.checkId = QStringLiteral("6.1");
    qsizetype inUse = 0;
    for (const ImageFacts &image : snapshot.images) {
        if (used.contains(image.inspect.id)) {
            ++inUse;
            continue;
        }
        Evidence evidence;
        evidence.kind = QStringLiteral("image");
        evidence.item = imageDisplayName(image.inspect);
        evidence.itemId = image.inspect.id;
        evidence.observed = QStringLiteral("not used by any container");
        evidence.expected = QStringLiteral("removed when no longer needed");
        finding.evidence.append(evidence);
    }
    const QStringList unread = collectionErrorsWithPrefix(snapshot, kImagePrefix);
    const qsizetype total = snapshot.images.size() + unread.size();
    finding.summary = QString::number(total) + QStringLiteral(" images, ") +
                      QString::number(inUse) + QStringLiteral(" in use, ") +
                      QString::number(finding.evidence.size()) + QStringLiteral(" unused");
    if (!unread.isEmpty()) {
        finding.reason = QString::number(unread.size()) +
                         QStringLiteral(" image(s) could not be inspected: ") +
                         unread.join(QStringLiteral("; "));
    }
    finding.verdict = finding.evidence.isEmpty() ? Verdict::Pass : Verdict::Info;
    return finding;
}

// 6.2: the engine's own counts (every container, not only the selected).
Finding check_6_2(const Snapshot &snapshot)
{
    const QString infoError = snapshot.collectionErrors.value(QLatin1String(kSourceInfo));
    if (!infoError.isEmpty()) {
        return errorFinding("6.2", QStringLiteral("GET /info failed: ") + infoError);
    }
    Finding finding;
    finding.checkId = QStringLiteral("6.2");
    const int total = snapshot.info.containers;
    const int running = snapshot.info.containersRunning;
    const int stopped = std::max(0, total - running);
    for (const docker::ContainerSummary &container : snapshot.allContainers) {
        if (container.state == QLatin1String("running")) {
            continue;
        }
        Evidence evidence;
        evidence.kind = QStringLiteral("container");
        evidence.item = container.name();
        evidence.itemId = container.id;
        evidence.image = container.image;
        evidence.observed = container.state.isEmpty() ? container.status : container.state;
        evidence.expected = QStringLiteral("removed when no longer needed");
        finding.evidence.append(evidence);
    }
    finding.summary = QString::number(total) + QStringLiteral(" containers, ") +
                      QString::number(running) + QStringLiteral(" running, ") +
                      QString::number(stopped) + QStringLiteral(" not running");
    finding.verdict = stopped > 0 ? Verdict::Info : Verdict::Pass;
    return finding;
}

} // namespace

const QList<CheckLogic> &operationsChecks()
{
    static const QList<CheckLogic> checks = {
        {"6.1", check_6_1},
        {"6.2", check_6_2},
    };
    return checks;
}

} // namespace drydock::bench
