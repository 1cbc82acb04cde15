// SPDX-License-Identifier: GPL-3.0-or-later
// Section 4 of the CIS Docker Benchmark: container images and build files.
#include "check.h"
#include "checkhelpers.h"
#include "docker/contenttrust.h"

#include <QRegularExpression>

namespace drydock::bench {

using docker::ContainerInspect;
using docker::HistoryEntry;

namespace {

Evidence imageEvidence(const ImageFacts &image, const QString &observed, const QString &expected)
{
    Evidence evidence;
    evidence.kind = QStringLiteral("image");
    evidence.item = imageDisplayName(image.inspect);
    evidence.itemId = image.inspect.id;
    evidence.observed = observed;
    evidence.expected = expected;
    return evidence;
}

// Images whose inspect failed, plus the list itself.
QString imageReadProblems(const Snapshot &snapshot)
{
    const QString listError = snapshot.collectionErrors.value(QLatin1String(kSourceImages));
    if (!listError.isEmpty()) {
        return QStringLiteral("the image list could not be read: ") + listError;
    }
    const QStringList unread = collectionErrorsWithPrefix(snapshot, kImagePrefix);
    if (!unread.isEmpty()) {
        return QString::number(unread.size()) + QStringLiteral(" image(s) could not be read: ") +
               unread.join(QStringLiteral("; "));
    }
    return {};
}

struct ImageJudgement
{
    bool offends = false;
    QString observed;
};

// Every image judged once (several tags are one image), like judgeContainers.
Finding judgeImages(const Snapshot &snapshot, const char *checkId, Verdict offenceVerdict,
                    const QString &phrase, const QString &expected, bool needsHistory,
                    const std::function<ImageJudgement(const ImageFacts &)> &judge)
{
    Finding finding;
    finding.checkId = QLatin1String(checkId);
    QString problems = imageReadProblems(snapshot);
    QStringList historyProblems;
    QList<Evidence> offending;
    QList<Evidence> clean;
    qsizetype examined = 0;
    for (const ImageFacts &image : snapshot.images) {
        if (needsHistory && !image.historyError.isEmpty()) {
            historyProblems.append(imageDisplayName(image.inspect) + QStringLiteral(": ") +
                                   image.historyError);
            continue;
        }
        ++examined;
        const ImageJudgement judgement = judge(image);
        (judgement.offends ? offending : clean)
            .append(imageEvidence(image, judgement.observed, expected));
    }
    if (!historyProblems.isEmpty()) {
        const QString note = QStringLiteral("the history of ") +
                             QString::number(historyProblems.size()) +
                             QStringLiteral(" image(s) could not be read: ") +
                             historyProblems.join(QStringLiteral("; "));
        problems = problems.isEmpty() ? note : problems + QStringLiteral("; ") + note;
    }
    if (!offending.isEmpty()) {
        finding.verdict = offenceVerdict;
        finding.summary = QString::number(offending.size()) + QStringLiteral(" of ") +
                          QString::number(examined) + QStringLiteral(" images ") + phrase;
        finding.evidence = offending;
        finding.reason = problems;
        return finding;
    }
    if (!problems.isEmpty()) {
        Finding error = errorFinding(checkId, problems);
        error.evidence = clean;
        return error;
    }
    if (examined == 0) {
        return notApplicable(checkId, QStringLiteral("the engine holds no images"));
    }
    finding.verdict = Verdict::Pass;
    finding.summary =
        QStringLiteral("0 of ") + QString::number(examined) + QStringLiteral(" images ") + phrase;
    finding.evidence = clean;
    return finding;
}

// 4.1: the user a container runs as. The container's Config.User is the
// image's USER unless `docker run --user` overrode it, so it is what runs.
Finding check_4_1(const Snapshot &snapshot)
{
    ContainerRule rule;
    rule.checkId = "4.1";
    rule.offencePhrase = QStringLiteral("run as root");
    rule.expected = QStringLiteral("a non-root user (USER in the image or --user)");
    return judgeContainers(snapshot, rule, [](const ContainerInspect &c, const Snapshot &) {
        const QString user = c.config.user.trimmed();
        return Judgement{runsAsRoot(user),
                         user.isEmpty() ? QStringLiteral("User= (root by default)")
                                        : QStringLiteral("User=") + user,
                         {}};
    });
}

Finding check_4_2(const Snapshot &)
{
    return manualFinding("4.2", QStringLiteral("Review that each image comes from a trusted base "
                                               "image and registry"));
}

Finding check_4_3(const Snapshot &)
{
    return manualFinding("4.3", QStringLiteral("Review the packages installed in each image"));
}

Finding check_4_4(const Snapshot &)
{
    return manualFinding("4.4", QStringLiteral("Scan images for vulnerabilities and rebuild them "
                                               "with security patches"));
}

// 4.5: content trust is a property of the client's environment (the docker
// CLI reads DOCKER_CONTENT_TRUST), so it is judged on the scanner's side.
Finding check_4_5(const Snapshot &snapshot)
{
    Finding finding;
    finding.checkId = QStringLiteral("4.5");
    const QString name = QStringLiteral("DOCKER_CONTENT_TRUST");
    const bool set = snapshot.clientEnvironment.contains(name);
    const QString value = snapshot.clientEnvironment.value(name);
    Evidence evidence;
    evidence.kind = QStringLiteral("setting");
    evidence.item = name;
    evidence.observed = set ? value : QStringLiteral("(unset)");
    evidence.expected = QStringLiteral("1");
    finding.evidence.append(evidence);
    if (contentTrustEnabled(set ? std::optional<QString>(value) : std::nullopt)) {
        finding.verdict = Verdict::Pass;
        finding.summary = QStringLiteral("content trust is enabled in this environment");
    } else {
        finding.verdict = Verdict::Warn;
        finding.summary = QStringLiteral("content trust is disabled in this environment");
    }
    return finding;
}

// 4.6: HEALTHCHECK in the image's configuration; ["NONE"] disables one a
// base image set.
Finding check_4_6(const Snapshot &snapshot)
{
    return judgeImages(
        snapshot, "4.6", Verdict::Warn, QStringLiteral("have no HEALTHCHECK"),
        QStringLiteral("a HEALTHCHECK instruction"), false, [](const ImageFacts &image) {
            const auto &health = image.inspect.config.healthcheck;
            if (health.present()) {
                return ImageJudgement{false, QStringLiteral("Healthcheck=") +
                                                 health.test.join(QLatin1Char(' '))};
            }
            return ImageJudgement{true, health.test.isEmpty() ? QStringLiteral("no HEALTHCHECK")
                                                              : QStringLiteral("HEALTHCHECK NONE")};
        });
}

// 4.7: a layer that refreshes the package index without installing in the
// same layer caches a stale index into later builds.
Finding check_4_7(const Snapshot &snapshot)
{
    return judgeImages(snapshot, "4.7", Verdict::Info,
                       QStringLiteral("run a package index update alone in a layer"),
                       QStringLiteral("update and install in the same RUN instruction"), true,
                       [](const ImageFacts &image) {
                           QStringList found;
                           for (const HistoryEntry &entry : image.history) {
                               if (isLoneUpdateInstruction(entry.createdBy)) {
                                   found.append(entry.createdBy.simplified().left(200));
                               }
                           }
                           return ImageJudgement{!found.isEmpty(),
                                                 found.isEmpty()
                                                     ? QStringLiteral("no lone update instruction")
                                                     : found.join(QStringLiteral(" | "))};
                       });
}

Finding check_4_8(const Snapshot &)
{
    return manualFinding("4.8", QStringLiteral("Review the setuid and setgid files in each image "
                                               "(find / -perm /6000 -type f)"));
}

// 4.9: ADD instructions in any layer, base image layers included (the
// benchmark makes no exception for them; the evidence says which layer).
Finding check_4_9(const Snapshot &snapshot)
{
    return judgeImages(snapshot, "4.9", Verdict::Info, QStringLiteral("use ADD instructions"),
                       QStringLiteral("COPY instead of ADD"), true, [](const ImageFacts &image) {
                           QStringList found;
                           for (const HistoryEntry &entry : image.history) {
                               if (historyInstruction(entry.createdBy) == QLatin1String("ADD")) {
                                   found.append(entry.createdBy.simplified().left(200));
                               }
                           }
                           return ImageJudgement{!found.isEmpty(),
                                                 found.isEmpty()
                                                     ? QStringLiteral("no ADD")
                                                     : found.join(QStringLiteral(" | "))};
                       });
}

Finding check_4_10(const Snapshot &)
{
    return manualFinding("4.10", QStringLiteral("Review Dockerfiles and image layers for stored "
                                                "secrets"));
}

Finding check_4_11(const Snapshot &)
{
    return manualFinding("4.11", QStringLiteral("Review that packages are verified (GPG, "
                                                "checksums) when images are built"));
}

Finding check_4_12(const Snapshot &)
{
    return manualFinding("4.12", QStringLiteral("Review that signed artifacts are validated "
                                                "before use"));
}

} // namespace

bool runsAsRoot(const QString &user)
{
    const QString name = user.section(QLatin1Char(':'), 0, 0).trimmed();
    // The runtime reads a numeric user as a number: "00" is uid 0 as well.
    bool numeric = false;
    const qulonglong uid = name.toULongLong(&numeric, 10);
    return name.isEmpty() || name == QLatin1String("root") || (numeric && uid == 0);
}

bool contentTrustEnabled(const std::optional<QString> &value)
{
    // The same rule `drydock trust` follows, so the two never disagree.
    return value && docker::contentTrustOn(*value);
}

QString historyInstruction(const QString &createdBy)
{
    QString text = createdBy.trimmed();
    if (text.isEmpty()) {
        return {};
    }
    // The classic builder: "/bin/sh -c #(nop) COPY ..." for metadata and
    // file instructions, "/bin/sh -c apt-get ..." (or "|1 ARG=x /bin/sh -c")
    // for RUN. BuildKit writes "COPY . /app # buildkit", "RUN /bin/sh -c ...".
    static const QRegularExpression shell(
        QStringLiteral(
            R"(^(?:\|\d+\s+(?:\S+=\S*\s+)*)?(?:/bin/sh|/bin/bash|cmd /S /C|sh)\s+-c\s+(.*)$)"),
        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = shell.match(text);
    if (match.hasMatch()) {
        const QString rest = match.captured(1).trimmed();
        if (rest.startsWith(QLatin1String("#(nop)"))) {
            return rest.mid(6).trimmed().section(QLatin1Char(' '), 0, 0).toUpper();
        }
        return QStringLiteral("RUN");
    }
    const QString first = text.section(QLatin1Char(' '), 0, 0).toUpper();
    static const QStringList known = {
        QStringLiteral("ADD"),        QStringLiteral("ARG"),         QStringLiteral("CMD"),
        QStringLiteral("COPY"),       QStringLiteral("ENTRYPOINT"),  QStringLiteral("ENV"),
        QStringLiteral("EXPOSE"),     QStringLiteral("HEALTHCHECK"), QStringLiteral("LABEL"),
        QStringLiteral("MAINTAINER"), QStringLiteral("ONBUILD"),     QStringLiteral("RUN"),
        QStringLiteral("SHELL"),      QStringLiteral("STOPSIGNAL"),  QStringLiteral("USER"),
        QStringLiteral("VOLUME"),     QStringLiteral("WORKDIR"),
    };
    return known.contains(first) ? first : QString();
}

bool isLoneUpdateInstruction(const QString &createdBy)
{
    if (historyInstruction(createdBy) != QLatin1String("RUN")) {
        return false;
    }
    // Index refreshes per package manager, options allowed before the verb.
    static const QRegularExpression update(
        QStringLiteral(R"(\b(?:(?:apt-get|apt|apk)\s+(?:-\S+\s+)*update)"
                       R"(|(?:yum|dnf|microdnf)\s+(?:-\S+\s+)*(?:makecache|check-update))"
                       R"(|zypper\s+(?:-\S+\s+)*(?:refresh|ref))\b)"));
    static const QRegularExpression install(QStringLiteral(
        R"(\b(?:(?:apt-get|apt)\s+(?:-\S+\s+)*(?:install|upgrade|dist-upgrade|full-upgrade))"
        R"(|(?:yum|dnf|microdnf)\s+(?:-\S+\s+)*(?:install|update|upgrade))"
        R"(|apk\s+(?:-\S+\s+)*(?:add|upgrade))"
        R"(|zypper\s+(?:-\S+\s+)*(?:install|in|update|up))\b)"));
    return update.match(createdBy).hasMatch() && !install.match(createdBy).hasMatch();
}

const QList<CheckLogic> &imageChecks()
{
    static const QList<CheckLogic> checks = {
        {"4.1", check_4_1}, {"4.2", check_4_2},   {"4.3", check_4_3},   {"4.4", check_4_4},
        {"4.5", check_4_5}, {"4.6", check_4_6},   {"4.7", check_4_7},   {"4.8", check_4_8},
        {"4.9", check_4_9}, {"4.10", check_4_10}, {"4.11", check_4_11}, {"4.12", check_4_12},
    };
    return checks;
}

} // namespace drydock::bench
