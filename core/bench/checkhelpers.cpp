// SPDX-License-Identifier: GPL-3.0-or-later
// Shared pieces of the section 4-7 checks.
#include "checkhelpers.h"

#include <QDir>

namespace drydock::bench {

using docker::ContainerInspect;

namespace {

bool inScope(const ContainerInspect &container, ContainerScope scope)
{
    return scope == ContainerScope::All || container.state.running;
}

QString countPhrase(qsizetype count, const char *singular, const char *plural)
{
    return QString::number(count) + QLatin1Char(' ') +
           QLatin1String(count == 1 ? singular : plural);
}

} // namespace

QString containerStateNote(const ContainerInspect &container)
{
    if (container.state.running || container.state.status.isEmpty()) {
        return {};
    }
    return QStringLiteral(" (") + container.state.status + QLatin1Char(')');
}

Evidence containerEvidence(const ContainerInspect &container, const QString &observed,
                           const QString &expected)
{
    Evidence evidence;
    evidence.kind = QStringLiteral("container");
    evidence.item = container.name.isEmpty() ? container.shortId() : container.name;
    evidence.itemId = container.id;
    evidence.image = container.config.image;
    evidence.observed = observed + containerStateNote(container);
    evidence.expected = expected;
    return evidence;
}

QStringList collectionErrorsWithPrefix(const Snapshot &snapshot, const char *prefix)
{
    QStringList messages;
    const QLatin1String key(prefix);
    for (auto it = snapshot.collectionErrors.cbegin(); it != snapshot.collectionErrors.cend();
         ++it) {
        if (it.key().startsWith(key)) {
            messages.append(it.key().mid(key.size()) + QStringLiteral(": ") + it.value());
        }
    }
    return messages;
}

Finding errorFinding(const char *checkId, const QString &cause)
{
    Finding finding;
    finding.checkId = QLatin1String(checkId);
    finding.verdict = Verdict::Error;
    finding.summary = QStringLiteral("could not be evaluated");
    finding.reason = cause;
    return finding;
}

Finding notApplicable(const char *checkId, const QString &reason)
{
    Finding finding;
    finding.checkId = QLatin1String(checkId);
    finding.verdict = Verdict::NotApplicable;
    finding.summary = QStringLiteral("not applicable");
    finding.reason = reason;
    return finding;
}

Finding manualFinding(const char *checkId, const QString &summary)
{
    Finding finding;
    finding.checkId = QLatin1String(checkId);
    finding.verdict = Verdict::Note;
    finding.summary = summary;
    return finding;
}

Finding judgeContainers(const Snapshot &snapshot, const ContainerRule &rule,
                        const ContainerJudge &judge)
{
    Finding finding;
    finding.checkId = QLatin1String(rule.checkId);
    const QString listError = snapshot.collectionErrors.value(QLatin1String(kSourceContainers));
    const QStringList unread = collectionErrorsWithPrefix(snapshot, kContainerPrefix);

    qsizetype examined = 0;
    qsizetype skipped = 0;
    QList<Evidence> offending;
    QList<Evidence> clean;
    QStringList unjudged;
    for (const ContainerInspect &container : snapshot.containers) {
        if (!inScope(container, rule.scope)) {
            ++skipped;
            continue;
        }
        const Judgement judgement = judge(container, snapshot);
        if (!judgement.problem.isEmpty()) {
            unjudged.append(containerEvidence(container, judgement.problem, QString()).item +
                            QStringLiteral(": ") + judgement.problem);
            continue;
        }
        ++examined;
        const QString expected = judgement.expected.isEmpty() ? rule.expected : judgement.expected;
        Evidence evidence = containerEvidence(container, judgement.observed, expected);
        (judgement.offends ? offending : clean).append(evidence);
    }

    QString unreadNote;
    if (!listError.isEmpty()) {
        unreadNote = QStringLiteral("the container list could not be read: ") + listError;
    } else if (!unread.isEmpty()) {
        unreadNote = countPhrase(unread.size(), "container", "containers") +
                     QStringLiteral(" could not be examined: ") + unread.join(QStringLiteral("; "));
    }
    if (!unjudged.isEmpty()) {
        const QString note = countPhrase(unjudged.size(), "container", "containers") +
                             QStringLiteral(" could not be judged: ") +
                             unjudged.join(QStringLiteral("; "));
        unreadNote = unreadNote.isEmpty() ? note : unreadNote + QStringLiteral("; ") + note;
    }

    const QString scopeWord =
        rule.scope == ContainerScope::Running ? QStringLiteral(" running") : QString();
    if (!offending.isEmpty()) {
        finding.verdict = rule.offenceVerdict;
        finding.summary = QString::number(offending.size()) + QStringLiteral(" of ") +
                          QString::number(examined) + scopeWord +
                          QLatin1String(examined == 1 ? " container " : " containers ") +
                          rule.offencePhrase;
        finding.evidence = offending;
        if (!unreadNote.isEmpty()) {
            finding.reason = unreadNote;
        }
        return finding;
    }
    if (!unreadNote.isEmpty()) {
        Finding error = errorFinding(rule.checkId, unreadNote);
        error.evidence = clean;
        return error;
    }
    if (examined == 0) {
        if (skipped > 0) {
            return notApplicable(
                rule.checkId, QStringLiteral("no container is running (") +
                                  countPhrase(skipped, "stopped container", "stopped containers") +
                                  QStringLiteral(" not examined)"));
        }
        return notApplicable(rule.checkId, QStringLiteral("there are no containers to examine"));
    }
    finding.verdict = Verdict::Pass;
    // "publish ports: review that each one is needed" reads, when none
    // does, as "0 of 3 containers publish ports".
    finding.summary = QStringLiteral("0 of ") + QString::number(examined) + scopeWord +
                      QLatin1String(examined == 1 ? " container " : " containers ") +
                      rule.offencePhrase.section(QLatin1Char(':'), 0, 0);
    if (skipped > 0) {
        finding.summary += QStringLiteral("; ") +
                           countPhrase(skipped, "stopped container", "stopped containers") +
                           QStringLiteral(" not examined");
    }
    finding.evidence = clean;
    return finding;
}

QString normaliseCapability(const QString &capability)
{
    QString name = capability.trimmed().toUpper();
    if (name.startsWith(QLatin1String("CAP_"))) {
        name.remove(0, 4);
    }
    return name;
}

const QStringList &defaultCapabilities()
{
    static const QStringList caps = {
        QStringLiteral("CHOWN"),
        QStringLiteral("DAC_OVERRIDE"),
        QStringLiteral("FSETID"),
        QStringLiteral("FOWNER"),
        QStringLiteral("MKNOD"),
        QStringLiteral("NET_RAW"),
        QStringLiteral("SETGID"),
        QStringLiteral("SETUID"),
        QStringLiteral("SETFCAP"),
        QStringLiteral("SETPCAP"),
        QStringLiteral("NET_BIND_SERVICE"),
        QStringLiteral("SYS_CHROOT"),
        QStringLiteral("KILL"),
        QStringLiteral("AUDIT_WRITE"),
    };
    return caps;
}

bool isAnyAddress(const QString &hostIp)
{
    QString ip = hostIp.trimmed();
    if (ip.startsWith(QLatin1Char('[')) && ip.endsWith(QLatin1Char(']'))) {
        ip = ip.mid(1, ip.size() - 2);
    }
    if (ip.isEmpty() || ip == QLatin1String("0.0.0.0")) {
        return true;
    }
    if (!ip.contains(QLatin1Char(':'))) {
        return false;
    }
    // IPv6 unspecified in any spelling: only zeros and colons.
    for (const QChar c : ip) {
        if (c != QLatin1Char('0') && c != QLatin1Char(':')) {
            return false;
        }
    }
    return true;
}

std::optional<int> lowestHostPort(const QString &hostPort)
{
    const QString low = hostPort.section(QLatin1Char('-'), 0, 0).trimmed();
    bool ok = false;
    const int port = low.toInt(&ok);
    if (!ok || port <= 0) {
        return std::nullopt;
    }
    return port;
}

QList<docker::PortBinding> publishedPorts(const ContainerInspect &container)
{
    if (container.state.running) {
        return container.ports;
    }
    QList<docker::PortBinding> ports = container.hostConfig.portBindings;
    if (container.hostConfig.publishAllPorts) {
        for (const QString &exposed : container.config.exposedPorts) {
            const bool bound = std::any_of(ports.cbegin(), ports.cend(), [&](const auto &p) {
                return p.containerPort == exposed;
            });
            if (!bound) {
                ports.append({exposed, QString(), QString()});
            }
        }
    }
    return ports;
}

QString canonicalHostPath(const QString &path)
{
    if (path.isEmpty()) {
        return {};
    }
    QString clean = QDir::cleanPath(path);
    if (clean == QLatin1String("/var/run")) {
        return QStringLiteral("/run");
    }
    if (clean.startsWith(QLatin1String("/var/run/"))) {
        clean.remove(0, 4);
    }
    return clean;
}

bool pathWithin(const QString &path, const QString &ancestor)
{
    if (path == ancestor || ancestor == QLatin1String("/")) {
        return true;
    }
    return path.startsWith(ancestor) && path.at(ancestor.size()) == QLatin1Char('/');
}

std::optional<QString> securityOptValue(const QStringList &options, const QString &key)
{
    std::optional<QString> value;
    for (const QString &option : options) {
        const QString trimmed = option.trimmed();
        if (trimmed == key) {
            value = QStringLiteral("true");
            continue;
        }
        if (trimmed.size() > key.size() && trimmed.startsWith(key) &&
            (trimmed.at(key.size()) == QLatin1Char('=') ||
             trimmed.at(key.size()) == QLatin1Char(':'))) {
            value = trimmed.mid(key.size() + 1);
        }
    }
    return value;
}

std::optional<bool> parseGoBool(const QString &text)
{
    static const QStringList yes = {QStringLiteral("1"),    QStringLiteral("t"),
                                    QStringLiteral("T"),    QStringLiteral("TRUE"),
                                    QStringLiteral("true"), QStringLiteral("True")};
    static const QStringList no = {QStringLiteral("0"),     QStringLiteral("f"),
                                   QStringLiteral("F"),     QStringLiteral("FALSE"),
                                   QStringLiteral("false"), QStringLiteral("False")};
    if (yes.contains(text)) {
        return true;
    }
    if (no.contains(text)) {
        return false;
    }
    return std::nullopt;
}

const ContainerInspect *findContainer(const Snapshot &snapshot, const QString &target)
{
    for (const QList<ContainerInspect> *list : {&snapshot.containers, &snapshot.joinedContainers}) {
        for (const ContainerInspect &candidate : *list) {
            if (candidate.name == target || candidate.id == target ||
                (target.size() >= 12 && candidate.id.startsWith(target))) {
                return &candidate;
            }
        }
    }
    return nullptr;
}

QString effectiveNamespaceMode(const Snapshot &snapshot, const ContainerInspect &container,
                               QString (*field)(const ContainerInspect &))
{
    const QString own = field(container);
    QString mode = own;
    // A chain of "container:" joins ends at its first container that has a
    // mode of its own; a loop or a container outside the snapshot ends the
    // walk with the mode as written.
    for (int hop = 0; hop < 8 && mode.startsWith(QLatin1String("container:")); ++hop) {
        const QString target = mode.mid(10);
        const ContainerInspect *joined = findContainer(snapshot, target);
        if (joined == nullptr) {
            break;
        }
        mode = field(*joined);
    }
    return mode == QLatin1String("host") ? mode : own;
}

QString imageDisplayName(const docker::ImageInspect &image)
{
    QStringList tags = image.repoTags;
    tags.removeAll(QStringLiteral("<none>:<none>"));
    if (!tags.isEmpty()) {
        return tags.join(QStringLiteral(", "));
    }
    QString id = image.id;
    if (id.startsWith(QLatin1String("sha256:"))) {
        id.remove(0, 7);
    }
    // An image pulled by digest, or whose tag moved on, is still known by
    // its repository: "registry/app@sha256:1b46a7c5b0e1 (untagged)".
    QStringList repositories;
    for (const QString &digest : image.repoDigests) {
        const qsizetype at = digest.indexOf(QLatin1Char('@'));
        if (at > 0) {
            repositories.append(digest.left(at) + QStringLiteral("@") +
                                digest.mid(at + 1).left(19)); // "sha256:" + 12 hex
        }
    }
    repositories.removeDuplicates();
    if (!repositories.isEmpty()) {
        return repositories.join(QStringLiteral(", ")) + QStringLiteral(" (untagged)");
    }
    return id.left(12);
}

} // namespace drydock::bench
