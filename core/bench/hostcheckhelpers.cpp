// SPDX-License-Identifier: GPL-3.0-or-later
// Shared pieces of the section 1-3 checks.
#include "hostcheckhelpers.h"

#include "checkhelpers.h"

#include <QSet>

#include <sys/sysmacros.h>

namespace drydock::bench {

namespace {

QString parentFolder(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

QString plural(qsizetype count, const char *singular, const char *pluralForm)
{
    return QString::number(count) + QLatin1Char(' ') +
           QLatin1String(count == 1 ? singular : pluralForm);
}

struct FileJudgement
{
    QList<Evidence> offending;
    QList<Evidence> clean;
    QList<Evidence> missing;
    QStringList errors;
};

void judgeOne(const FileRule &rule, const FileFacts &file, const QList<unsigned> &trusted,
              FileJudgement &out)
{
    const QString item =
        file.realPath.isEmpty() ? file.path : file.path + QStringLiteral(" -> ") + file.realPath;
    if (rule.aspect == FileAspect::Ownership) {
        const bool ok = trusted.contains(file.uid) && rule.groupIds.contains(file.gid);
        (ok ? out.clean : out.offending)
            .append(fileEvidence(item, ownerText(file), rule.expectedOwner));
    } else {
        const unsigned excess = excessBits(file.mode, rule.allowedMode);
        QString observed = modeText(file.mode);
        if (excess != 0) {
            observed += QStringLiteral(" (bits %1 beyond %2)")
                            .arg(modeText(excess), modeText(rule.allowedMode));
        }
        (excess == 0 ? out.clean : out.offending)
            .append(fileEvidence(item, observed,
                                 modeText(rule.allowedMode) + QStringLiteral(" or stricter")));
    }
}

// A folder above a sensitive file: whoever owns it, or may write it, can
// replace the file whatever the file's own mode says.
void judgeParents(const HostFacts &host, const FileRule &rule, const FileFacts &file,
                  const QList<unsigned> &trusted, QSet<QString> &seen, FileJudgement &out)
{
    QString folder = parentFolder(file.realPath.isEmpty() ? file.path : file.realPath);
    while (true) {
        if (!seen.contains(folder) && host.files.contains(folder)) {
            seen.insert(folder);
            const FileFacts facts = host.files.value(folder);
            const QString item = QStringLiteral("%1 (folder above %2)").arg(folder, file.path);
            if (!facts.examined()) {
                out.errors.append(facts.error);
            } else if (facts.type == FileType::Directory) {
                if (rule.aspect == FileAspect::Ownership && !trusted.contains(facts.uid)) {
                    out.offending.append(
                        fileEvidence(item, ownerText(facts), QStringLiteral("owned by root")));
                }
                const bool sticky = (facts.mode & 01000) != 0;
                const bool othersWrite = (facts.mode & 0002) != 0;
                const bool groupWrite = (facts.mode & 0020) != 0 && facts.gid != 0;
                if (rule.aspect == FileAspect::Permissions && !sticky &&
                    (othersWrite || groupWrite)) {
                    out.offending.append(fileEvidence(
                        item, modeText(facts.mode) + QLatin1Char(' ') + ownerText(facts),
                        QStringLiteral("not writable by group or others")));
                }
            }
        }
        if (folder == QLatin1String("/")) {
            break;
        }
        folder = parentFolder(folder);
    }
}

} // namespace

QString modeText(unsigned mode)
{
    return QStringLiteral("0%1").arg(mode & 07777, 3, 8, QLatin1Char('0'));
}

unsigned excessBits(unsigned mode, unsigned allowed)
{
    return mode & 07777 & ~allowed;
}

QString ownerText(const FileFacts &file)
{
    return QStringLiteral("%1:%2 (%3:%4)").arg(file.owner, file.group).arg(file.uid).arg(file.gid);
}

QString deviceText(quint64 device)
{
    return QStringLiteral("%1:%2").arg(major(device)).arg(minor(device));
}

std::optional<Finding> hostUnavailable(const char *checkId, const Snapshot &snapshot)
{
    if (snapshot.host) {
        return std::nullopt;
    }
    QString reason = snapshot.hostUnavailableReason;
    if (reason.isEmpty()) {
        reason = QStringLiteral("the engine does not run on this machine, so its host files "
                                "and processes cannot be read");
    }
    return notApplicable(checkId, reason);
}

QString settingsProblem(const HostFacts &host)
{
    if (!host.daemonKnown) {
        return host.dockerdProblem.isEmpty()
                   ? QStringLiteral("dockerd's arguments could not be read.")
                   : host.dockerdProblem;
    }
    return host.daemon.configError;
}

std::optional<Finding> settingsUnavailable(const char *checkId, const Snapshot &snapshot)
{
    if (std::optional<Finding> na = hostUnavailable(checkId, snapshot)) {
        return na;
    }
    const QString problem = settingsProblem(*snapshot.host);
    if (!problem.isEmpty()) {
        return errorFinding(checkId, problem);
    }
    return std::nullopt;
}

QString settingValueText(const DaemonSetting &setting)
{
    const QString value = setting.value.is_string()
                              ? QString::fromStdString(setting.value.get<std::string>())
                              : QString::fromStdString(setting.value.dump());
    return QStringLiteral("%1 (%2)").arg(value, setting.source);
}

Evidence settingEvidence(const DaemonConfig &config, const QString &key, const QString &defaultText,
                         const QString &expected)
{
    Evidence evidence;
    evidence.kind = QStringLiteral("setting");
    evidence.item = key;
    const DaemonSetting *setting = config.setting(key);
    evidence.observed = setting != nullptr ? settingValueText(*setting)
                                           : QStringLiteral("unset (default: %1)").arg(defaultText);
    evidence.expected = expected;
    return evidence;
}

Evidence fileEvidence(const QString &path, const QString &observed, const QString &expected)
{
    Evidence evidence;
    evidence.kind = QStringLiteral("file");
    evidence.item = path;
    evidence.observed = observed;
    evidence.expected = expected;
    return evidence;
}

QList<unsigned> trustedUids(const HostFacts &host)
{
    QList<unsigned> uids = {0};
    if (host.dockerd && host.dockerd->uid != 0) {
        uids.append(host.dockerd->uid); // rootless: the daemon's own user
    }
    return uids;
}

Finding judgeFiles(const Snapshot &snapshot, const FileRule &rule, const FileTargets &targets)
{
    if (std::optional<Finding> na = hostUnavailable(rule.checkId, snapshot)) {
        return *na;
    }
    if (!targets.error.isEmpty()) {
        return errorFinding(rule.checkId, targets.error);
    }
    if (targets.paths.isEmpty()) {
        return notApplicable(rule.checkId, targets.noneReason);
    }
    const HostFacts &host = *snapshot.host;
    const QList<unsigned> trusted = trustedUids(host);
    FileJudgement out;
    QSet<QString> seenParents;
    for (const QString &path : targets.paths) {
        const FileFacts file = host.file(path);
        if (!file.examined()) {
            out.errors.append(file.error);
            continue;
        }
        if (file.type == FileType::Missing) {
            out.missing.append(fileEvidence(path, QStringLiteral("does not exist"),
                                            QStringLiteral("nothing to check")));
            continue;
        }
        if (file.realPath == QLatin1String("/dev/null")) {
            out.missing.append(fileEvidence(path, QStringLiteral("masked (a link to /dev/null)"),
                                            QStringLiteral("nothing to check")));
            continue;
        }
        judgeOne(rule, file, trusted, out);
        judgeParents(host, rule, file, trusted, seenParents, out);
    }

    Finding finding;
    finding.checkId = QLatin1String(rule.checkId);
    const QString aspect = rule.aspect == FileAspect::Ownership ? QStringLiteral("ownership")
                                                                : QStringLiteral("permissions");
    if (!out.offending.isEmpty()) {
        finding.verdict = Verdict::Warn;
        finding.summary =
            QStringLiteral("%1: %2 with wrong %3")
                .arg(rule.what, plural(out.offending.size(), "path", "paths"), aspect);
        finding.evidence = out.offending;
        if (!out.errors.isEmpty()) {
            finding.reason =
                QStringLiteral("Also not examined: ") + out.errors.join(QLatin1Char(' '));
        }
        return finding;
    }
    if (!out.errors.isEmpty()) {
        Finding error = errorFinding(rule.checkId, out.errors.join(QLatin1Char(' ')));
        error.evidence = out.clean + out.missing;
        return error;
    }
    if (out.clean.isEmpty()) {
        Finding na = notApplicable(rule.checkId,
                                   QStringLiteral("%1 does not exist on this host").arg(rule.what));
        na.evidence = out.missing;
        return na;
    }
    finding.verdict = Verdict::Pass;
    finding.summary = QStringLiteral("%1: %2 correct").arg(rule.what, aspect);
    finding.evidence = out.clean + out.missing;
    return finding;
}

} // namespace drydock::bench
