// SPDX-License-Identifier: GPL-3.0-or-later
// Verdict names and the small helpers of the result model.
#include "run.h"

#include <QRandomGenerator>
#include <QTimeZone>

namespace drydock::bench {

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return QStringLiteral("pass");
    case Verdict::Warn:
        return QStringLiteral("warn");
    case Verdict::Info:
        return QStringLiteral("info");
    case Verdict::Note:
        return QStringLiteral("note");
    case Verdict::NotApplicable:
        return QStringLiteral("not_applicable");
    case Verdict::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("error");
}

QString verdictLabel(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return QStringLiteral("PASS");
    case Verdict::Warn:
        return QStringLiteral("WARN");
    case Verdict::Info:
        return QStringLiteral("INFO");
    case Verdict::Note:
        return QStringLiteral("NOTE");
    case Verdict::NotApplicable:
        return QStringLiteral("N/A");
    case Verdict::Error:
        return QStringLiteral("ERROR");
    }
    return QStringLiteral("ERROR");
}

std::optional<Verdict> verdictFromName(const QString &name)
{
    static const Verdict all[] = {Verdict::Pass, Verdict::Warn,          Verdict::Info,
                                  Verdict::Note, Verdict::NotApplicable, Verdict::Error};
    for (const Verdict verdict : all) {
        if (verdictName(verdict) == name) {
            return verdict;
        }
    }
    return std::nullopt;
}

const Finding *Run::finding(const QString &checkId) const
{
    for (const Finding &candidate : findings) {
        if (candidate.checkId == checkId) {
            return &candidate;
        }
    }
    return nullptr;
}

QString newRunId(const QDateTime &startedAt)
{
    const QString time =
        startedAt.toTimeZone(QTimeZone::utc()).toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    const quint32 random = QRandomGenerator::system()->bounded(0x1000000U);
    return time + QLatin1Char('-') + QStringLiteral("%1").arg(random, 6, 16, QLatin1Char('0'));
}

bool isValidRunId(const QString &id)
{
    if (id.isEmpty() || id.size() > 100 || id.startsWith(QLatin1Char('.'))) {
        return false;
    }
    for (const QChar c : id) {
        const bool allowed = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                             (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                             (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                             c == QLatin1Char('.') || c == QLatin1Char('_') ||
                             c == QLatin1Char('-');
        if (!allowed) {
            return false;
        }
    }
    return true;
}

} // namespace drydock::bench
