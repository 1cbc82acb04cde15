// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing two runs check by check and item by item.
#include "compare.h"

#include "catalogue.h"

#include <QHash>
#include <QSet>

namespace drydock::bench {

namespace {

bool isProblem(std::optional<Verdict> verdict)
{
    return verdict == Verdict::Warn;
}

// Verdicts after which a former warning counts as fixed. An error is not
// one of them: the check could not tell, so the warning may still be there.
bool isResolved(std::optional<Verdict> verdict)
{
    return verdict == Verdict::Pass || verdict == Verdict::Info || verdict == Verdict::Note ||
           verdict == Verdict::NotApplicable;
}

Change checkChange(std::optional<Verdict> before, std::optional<Verdict> after)
{
    if (isProblem(before) && isResolved(after)) {
        return Change::Fixed;
    }
    if (isProblem(after) && !isProblem(before)) {
        return Change::New;
    }
    if (before.has_value() && before == after) {
        return Change::Unchanged;
    }
    return Change::Changed;
}

QList<ItemChange> itemChanges(const Finding *before, const Finding *after, Change overall)
{
    const bool beforeWarned = before != nullptr && before->verdict == Verdict::Warn;
    const bool afterWarned = after != nullptr && after->verdict == Verdict::Warn;
    QList<ItemChange> result;
    if (!beforeWarned && !afterWarned) {
        return result;
    }
    QHash<QString, Evidence> earlier;
    if (beforeWarned) {
        for (const Evidence &evidence : before->evidence) {
            earlier.insert(evidence.key(), evidence);
        }
    }
    QSet<QString> seen;
    if (afterWarned) {
        for (const Evidence &evidence : after->evidence) {
            const QString key = evidence.key();
            if (seen.contains(key)) {
                continue;
            }
            seen.insert(key);
            ItemChange item;
            item.key = key;
            item.after = evidence;
            if (earlier.contains(key)) {
                item.before = earlier.value(key);
                item.change = Change::Unchanged;
            } else {
                item.change = Change::New;
            }
            result.append(item);
        }
    }
    if (beforeWarned) {
        for (const Evidence &evidence : before->evidence) {
            const QString key = evidence.key();
            if (seen.contains(key)) {
                continue;
            }
            seen.insert(key);
            ItemChange item;
            item.key = key;
            item.before = evidence;
            // An item that is gone is fixed, unless the whole check could
            // not be evaluated this time.
            const bool stillWarning = afterWarned;
            item.change =
                stillWarning || overall == Change::Fixed ? Change::Fixed : Change::Changed;
            result.append(item);
        }
    }
    return result;
}

QString describeScope(const Run &run)
{
    QStringList parts;
    if (!run.containerPattern.isEmpty()) {
        parts.append(QStringLiteral("names matching %1").arg(run.containerPattern));
    }
    if (!run.containerLabels.isEmpty()) {
        parts.append(
            QStringLiteral("label %1").arg(run.containerLabels.join(QStringLiteral(", "))));
    }
    return parts.isEmpty() ? QStringLiteral("all containers") : parts.join(QStringLiteral(" and "));
}

QString scopeWarning(const Run &before, const Run &after)
{
    QStringList beforeLabels = before.containerLabels;
    QStringList afterLabels = after.containerLabels;
    beforeLabels.sort();
    afterLabels.sort();
    if (before.containerPattern == after.containerPattern && beforeLabels == afterLabels) {
        return {};
    }
    return QStringLiteral("The runs audited different containers (before: %1; after: %2), so "
                          "container items may be new or gone only for that reason.")
        .arg(describeScope(before), describeScope(after));
}

} // namespace

QString changeName(Change change)
{
    switch (change) {
    case Change::Fixed:
        return QStringLiteral("fixed");
    case Change::New:
        return QStringLiteral("new");
    case Change::Unchanged:
        return QStringLiteral("unchanged");
    case Change::Changed:
        return QStringLiteral("changed");
    }
    return QStringLiteral("changed");
}

QString Comparison::notInBothText(int shown) const
{
    const QStringList ids = notInBoth();
    QString text = ids.mid(0, shown).join(QStringLiteral(", "));
    if (ids.size() > shown) {
        text += QStringLiteral(" and %1 more").arg(ids.size() - shown);
    }
    return text;
}

const CheckChange *Comparison::check(const QString &checkId) const
{
    for (const CheckChange &candidate : checks) {
        if (candidate.checkId == checkId) {
            return &candidate;
        }
    }
    return nullptr;
}

int Comparison::count(Change change) const
{
    int result = 0;
    for (const CheckChange &candidate : checks) {
        result += candidate.change == change ? 1 : 0;
    }
    return result;
}

int Comparison::itemCount(Change change) const
{
    int result = 0;
    for (const CheckChange &candidate : checks) {
        for (const ItemChange &item : candidate.items) {
            result += item.change == change ? 1 : 0;
        }
    }
    return result;
}

Comparison compareRuns(const Run &before, const Run &after)
{
    Comparison comparison;
    comparison.beforeRunId = before.id;
    comparison.afterRunId = after.id;
    comparison.referenceDelta = after.score.reference - before.score.reference;
    comparison.percentDelta = after.score.percent() - before.score.percent();
    comparison.scopeWarning = scopeWarning(before, after);

    QSet<QString> done;
    QList<Finding> commonBefore;
    QList<Finding> commonAfter;
    auto add = [&](const QString &checkId) {
        if (done.contains(checkId)) {
            return;
        }
        done.insert(checkId);
        const Finding *earlier = before.finding(checkId);
        const Finding *later = after.finding(checkId);
        if (earlier == nullptr) {
            comparison.onlyAfter.append(checkId);
            return;
        }
        if (later == nullptr) {
            comparison.onlyBefore.append(checkId);
            return;
        }
        commonBefore.append(*earlier);
        commonAfter.append(*later);
        CheckChange change;
        change.checkId = checkId;
        if (earlier != nullptr) {
            change.before = earlier->verdict;
        }
        if (later != nullptr) {
            change.after = later->verdict;
        }
        change.change = checkChange(change.before, change.after);
        change.items = itemChanges(earlier, later, change.change);
        comparison.checks.append(change);
    };
    for (const Finding &finding : after.findings) {
        add(finding.checkId);
    }
    for (const Finding &finding : before.findings) {
        add(finding.checkId);
    }
    // The runs' own scores count checks the other run has no verdict for:
    // a narrow run against a full one would show a score change made only
    // of the selection. Scored by the catalogue, as the runner scores.
    const Result<Catalogue> &catalogue = builtinCatalogue();
    if (comparison.notInBothCount() > 0 && catalogue) {
        const Score earlier = catalogue->score(commonBefore);
        const Score later = catalogue->score(commonAfter);
        comparison.referenceDelta = later.reference - earlier.reference;
        comparison.percentDelta = later.percent() - earlier.percent();
        comparison.deltaOverCommon = true;
    }
    return comparison;
}

} // namespace drydock::bench
