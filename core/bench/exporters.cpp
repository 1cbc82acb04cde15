// SPDX-License-Identifier: GPL-3.0-or-later
// The six export formats of a run.
#include "exporters.h"

#include "catalogue.h"
#include "compare.h"
#include "runjson.h"
#include "util/printable.h"

#include <QHash>
#include <QRegularExpression>
#include <QXmlStreamWriter>

#include <nlohmann/json.hpp>

using ordered_json = nlohmann::ordered_json;

namespace drydock::bench {

namespace {

std::string utf8(const QString &text)
{
    return text.toStdString();
}

// Values in evidence come from the engine and from containers (commands,
// labels, paths); they must not be able to move a terminal's cursor or
// break an XML document: printable() (util/printable.h) for one-line text,
// this for XML text and CSV fields, which keep their line breaks and tabs
// and must not hold the two non-characters XML refuses.
QString withoutControls(const QString &text)
{
    QString result = text;
    for (QChar &c : result) {
        const char16_t code = c.unicode();
        if (code == u'\n' || code == u'\t' || code == u'\r') {
            continue;
        }
        if (isUnprintable(code) || code == 0xfffe || code == 0xffff) {
            c = QChar(0xfffd);
        }
    }
    return result;
}

QString shortId(const QString &id)
{
    QString bare = id;
    if (bare.startsWith(QLatin1String("sha256:"))) {
        bare = bare.mid(7);
    }
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{13,}$"));
    return hex.match(bare).hasMatch() ? bare.left(12) : bare;
}

QString describeEvidence(const Evidence &evidence)
{
    QString text =
        evidence.kind.isEmpty() ? evidence.item : evidence.kind + QLatin1Char(' ') + evidence.item;
    QStringList extra;
    if (!evidence.itemId.isEmpty() && shortId(evidence.itemId) != evidence.item) {
        extra.append(shortId(evidence.itemId));
    }
    if (!evidence.image.isEmpty()) {
        extra.append(QStringLiteral("image ") + evidence.image);
    }
    if (!extra.isEmpty()) {
        text += QStringLiteral(" (") + extra.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    if (!evidence.observed.isEmpty()) {
        text += QStringLiteral(": observed ") + evidence.observed;
    }
    if (!evidence.expected.isEmpty()) {
        text += (evidence.observed.isEmpty() ? QStringLiteral(": expected ")
                                             : QStringLiteral(", expected ")) +
                evidence.expected;
    }
    return printable(text.trimmed());
}

QString titleOf(const Catalogue &catalogue, const QString &checkId)
{
    const CheckInfo *info = catalogue.check(checkId);
    return info != nullptr ? info->title : QStringLiteral("Check %1").arg(checkId);
}

bool isScored(const Catalogue &catalogue, const QString &checkId)
{
    const CheckInfo *info = catalogue.check(checkId);
    return info != nullptr && info->scored;
}

QString sectionTitle(const Catalogue &catalogue, const QString &sectionId)
{
    const SectionInfo *section = catalogue.section(sectionId);
    return section != nullptr ? section->title : QStringLiteral("Section %1").arg(sectionId);
}

// The findings grouped by section, sections in order of first appearance.
QList<QPair<QString, QList<const Finding *>>> bySection(const Run &run)
{
    QList<QPair<QString, QList<const Finding *>>> groups;
    QHash<QString, int> index;
    for (const Finding &finding : run.findings) {
        const QString section = sectionOfCheckId(finding.checkId);
        if (!index.contains(section)) {
            index.insert(section, int(groups.size()));
            groups.append({section, {}});
        }
        groups[index.value(section)].second.append(&finding);
    }
    return groups;
}

// What a finding says in one line: its summary, or for a verdict without
// one, the reason or the title.
QString findingMessage(const Finding &finding, const Catalogue &catalogue)
{
    if (finding.verdict == Verdict::NotApplicable || finding.verdict == Verdict::Error) {
        const QString prefix = finding.verdict == Verdict::Error
                                   ? QStringLiteral("Error: ")
                                   : QStringLiteral("Not applicable: ");
        if (!finding.reason.isEmpty()) {
            return printable(prefix + finding.reason);
        }
    }
    if (!finding.summary.isEmpty()) {
        return printable(finding.summary);
    }
    return printable(titleOf(catalogue, finding.checkId));
}

// ---- text -------------------------------------------------------------------

QString colourFor(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return QStringLiteral("\x1b[32m");
    case Verdict::Warn:
        return QStringLiteral("\x1b[31m");
    case Verdict::Info:
        return QStringLiteral("\x1b[34m");
    case Verdict::Note:
        return QStringLiteral("\x1b[33m");
    case Verdict::NotApplicable:
        return QStringLiteral("\x1b[90m");
    case Verdict::Error:
        return QStringLiteral("\x1b[1;35m");
    }
    return {};
}

const QLatin1String kReset("\x1b[0m");
const QLatin1String kIndent("       ");

// ---- sarif ------------------------------------------------------------------

QString ruleId(const QString &checkId)
{
    return QStringLiteral("CIS-DOCKER-") + checkId;
}

// "Ensure that the host's network namespace is not shared" ->
// "HostsNetworkNamespaceIsNotShared": SARIF wants an identifier-like name.
QString ruleName(const QString &title)
{
    static const QRegularExpression ensure(QStringLiteral("^(Ensure|Enable|Run)( that)?( the)? "),
                                           QRegularExpression::CaseInsensitiveOption);
    QString rest = title;
    rest.remove(ensure);
    QString name;
    const QStringList words =
        rest.split(QRegularExpression(QStringLiteral("[^A-Za-z0-9]+")), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        name += word.left(1).toUpper() + word.mid(1);
    }
    return name.left(80);
}

QString helpMarkdown(const CheckInfo &info)
{
    QString text = QStringLiteral("**Remediation.** ") + info.remediation +
                   QStringLiteral("\n\n**Impact.** ") + info.impact +
                   QStringLiteral("\n\n**Why.** ") + info.rationale +
                   QStringLiteral("\n\n**References**\n");
    for (const QString &reference : info.references) {
        text += QStringLiteral("\n- ") + reference;
    }
    return text;
}

QString helpUri(const CheckInfo &info)
{
    for (const QString &reference : info.references) {
        if (reference.startsWith(QLatin1String("https://"))) {
            return reference;
        }
    }
    return {};
}

ordered_json sarifRule(const QString &checkId, const CheckInfo *info, const Catalogue &catalogue)
{
    ordered_json rule;
    rule["id"] = utf8(ruleId(checkId));
    const QString title = info != nullptr ? info->title : QStringLiteral("Check %1").arg(checkId);
    rule["name"] = utf8(ruleName(title));
    rule["shortDescription"] = {{"text", utf8(title)}};
    ordered_json properties;
    properties["cis-id"] = utf8(checkId);
    properties["section"] = utf8(sectionOfCheckId(checkId));
    properties["section-title"] = utf8(sectionTitle(catalogue, sectionOfCheckId(checkId)));
    if (info == nullptr) {
        rule["properties"] = properties;
        return rule;
    }
    rule["fullDescription"] = {{"text", utf8(info->description)}};
    rule["help"] = {{"text", utf8(info->remediation)}, {"markdown", utf8(helpMarkdown(*info))}};
    const QString uri = helpUri(*info);
    if (!uri.isEmpty()) {
        rule["helpUri"] = utf8(uri);
    }
    rule["defaultConfiguration"] = {{"level", info->scored ? "warning" : "note"}};
    if (!info->subsection.isEmpty()) {
        properties["subsection"] = utf8(info->subsection);
    }
    properties["benchmark"] =
        utf8(catalogue.name() + QLatin1Char(' ') + catalogue.benchmarkVersion());
    properties["scored"] = info->scored;
    properties["severity"] = utf8(severityName(info->severity));
    properties["security-severity"] = utf8(info->securitySeverity());
    properties["tags"] = {"security", "docker", "cis",
                          utf8(QStringLiteral("cis-docker-section-") + info->section)};
    rule["properties"] = properties;
    return rule;
}

// SARIF's kind for each verdict. Only "fail" results carry a level other
// than "none" (SARIF 2.1.0, 3.27.9).
const char *sarifKind(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return "pass";
    case Verdict::Warn:
        return "fail";
    case Verdict::Info:
        return "review";
    case Verdict::Note:
        return "informational";
    case Verdict::NotApplicable:
        return "notApplicable";
    case Verdict::Error:
        return "review";
    }
    return "review";
}

ordered_json evidenceProperties(const Evidence &evidence)
{
    ordered_json out;
    out["kind"] = utf8(evidence.kind);
    out["item"] = utf8(evidence.item);
    if (!evidence.itemId.isEmpty()) {
        out["itemId"] = utf8(evidence.itemId);
    }
    if (!evidence.image.isEmpty()) {
        out["image"] = utf8(evidence.image);
    }
    out["observed"] = utf8(evidence.observed);
    out["expected"] = utf8(evidence.expected);
    return out;
}

ordered_json evidenceLocation(const Evidence &evidence)
{
    ordered_json location;
    ordered_json logical;
    logical["name"] = utf8(evidence.item);
    logical["fullyQualifiedName"] =
        utf8((evidence.kind.isEmpty() ? QStringLiteral("item") : evidence.kind) + QLatin1Char('/') +
             evidence.item);
    logical["kind"] = "resource";
    location["logicalLocations"] = ordered_json::array({logical});
    if (evidence.kind == QLatin1String("file") && evidence.item.startsWith(QLatin1Char('/'))) {
        location["physicalLocation"] = {
            {"artifactLocation", {{"uri", utf8(QStringLiteral("file://") + evidence.item)}}}};
    }
    return location;
}

const char *baselineForCheck(Change change)
{
    switch (change) {
    case Change::New:
        return "new";
    case Change::Unchanged:
        return "unchanged";
    case Change::Fixed:
    case Change::Changed:
        return "updated";
    }
    return "updated";
}

// ---- csv --------------------------------------------------------------------

bool looksNumeric(const QString &value)
{
    bool ok = false;
    value.toDouble(&ok);
    return ok;
}

} // namespace

QString exportFormatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Text:
        return QStringLiteral("text");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::DbsJson:
        return QStringLiteral("dbs-json");
    case ExportFormat::Sarif:
        return QStringLiteral("sarif");
    case ExportFormat::Junit:
        return QStringLiteral("junit");
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    }
    return QStringLiteral("text");
}

QStringList exportFormatNames()
{
    QStringList names;
    for (const ExportFormat format :
         {ExportFormat::Text, ExportFormat::Json, ExportFormat::DbsJson, ExportFormat::Sarif,
          ExportFormat::Junit, ExportFormat::Csv}) {
        names.append(exportFormatName(format));
    }
    return names;
}

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    for (const ExportFormat format :
         {ExportFormat::Text, ExportFormat::Json, ExportFormat::DbsJson, ExportFormat::Sarif,
          ExportFormat::Junit, ExportFormat::Csv}) {
        if (exportFormatName(format) == name) {
            return format;
        }
    }
    return std::nullopt;
}

QString exportFileSuffix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Text:
        return QStringLiteral("txt");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::DbsJson:
        return QStringLiteral("dbs.json");
    case ExportFormat::Sarif:
        return QStringLiteral("sarif");
    case ExportFormat::Junit:
        return QStringLiteral("junit.xml");
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    }
    return QStringLiteral("txt");
}

QByteArray exportRun(ExportFormat format, const Run &run, const Catalogue &catalogue,
                     const ExportOptions &options)
{
    switch (format) {
    case ExportFormat::Text:
        return exportText(run, catalogue, options);
    case ExportFormat::Json:
        return exportJson(run, catalogue, options);
    case ExportFormat::DbsJson:
        return exportDbsJson(run, catalogue, options);
    case ExportFormat::Sarif:
        return exportSarif(run, catalogue, options);
    case ExportFormat::Junit:
        return exportJunit(run, catalogue, options);
    case ExportFormat::Csv:
        return exportCsv(run, catalogue, options);
    }
    return {};
}

QByteArray exportText(const Run &run, const Catalogue &catalogue, const ExportOptions &options)
{
    QString out;
    auto label = [&](Verdict verdict) {
        const QString text = QLatin1Char('[') + verdictLabel(verdict) + QLatin1Char(']');
        return options.colour ? colourFor(verdict) + text + kReset : text;
    };
    auto bold = [&](const QString &text) {
        return options.colour ? QStringLiteral("\x1b[1m") + text + kReset : text;
    };

    out += bold(QStringLiteral("Drydock bench: ") + run.catalogueVersion) + QLatin1Char('\n');
    const EngineIdentity &engine = run.engine;
    out += QStringLiteral("Engine: %1").arg(printable(engine.endpoint));
    if (!engine.serverVersion.isEmpty()) {
        out += QStringLiteral(" (%1, API %2)")
                   .arg(printable(engine.serverVersion), printable(engine.apiVersion));
    }
    if (!engine.hostName.isEmpty()) {
        out += QStringLiteral(" on host ") + printable(engine.hostName);
    }
    out += QLatin1Char('\n');
    out += QStringLiteral("Run: %1, started %2 by %3\n")
               .arg(run.id, runTimeText(run.startedAt), printable(run.producer));
    if (run.partial) {
        out += label(Verdict::Error) + QStringLiteral(" Partial run: ") +
               printable(run.partialReason) + QLatin1Char('\n');
    }

    QString currentSection;
    QString currentSubsection;
    QHash<Verdict, int> counts;
    for (const Finding &finding : run.findings) {
        ++counts[finding.verdict];
        const QString section = sectionOfCheckId(finding.checkId);
        if (section != currentSection) {
            currentSection = section;
            currentSubsection.clear();
            out += QLatin1Char('\n') +
                   bold(section + QStringLiteral(" - ") + sectionTitle(catalogue, section)) +
                   QLatin1Char('\n');
        }
        const CheckInfo *info = catalogue.check(finding.checkId);
        if (info != nullptr && !info->subsection.isEmpty() &&
            info->subsection != currentSubsection) {
            currentSubsection = info->subsection;
            for (const SubsectionInfo &sub : catalogue.section(section)->subsections) {
                if (sub.id == currentSubsection) {
                    out += bold(sub.id + QStringLiteral(" - ") + sub.title) + QLatin1Char('\n');
                }
            }
        }
        out += label(finding.verdict) + QLatin1Char(' ') + finding.checkId + QStringLiteral(" - ") +
               titleOf(catalogue, finding.checkId) + QLatin1Char('\n');
        const QString message = findingMessage(finding, catalogue);
        if (message != titleOf(catalogue, finding.checkId)) {
            out += kIndent + message + QLatin1Char('\n');
        }
        // A pass lists what it examined; only the other verdicts show items.
        if (finding.verdict != Verdict::Pass) {
            for (const Evidence &evidence : finding.evidence) {
                out +=
                    kIndent + QStringLiteral("* ") + describeEvidence(evidence) + QLatin1Char('\n');
            }
        }
        const bool needsRemedy = finding.verdict == Verdict::Warn ||
                                 finding.verdict == Verdict::Info ||
                                 finding.verdict == Verdict::Note;
        if (options.remediation && needsRemedy && info != nullptr) {
            out +=
                kIndent + QStringLiteral("Remediation: ") + info->remediation + QLatin1Char('\n');
        }
    }

    out += QLatin1Char('\n');
    out += bold(QStringLiteral("Score: %1")).arg(run.score.reference);
    out += QStringLiteral(" (%1 of %2 applicable scored checks passed, %3%)\n")
               .arg(run.score.scoredPassed)
               .arg(run.score.scoredApplicable)
               .arg(run.score.percent(), 0, 'f', 1);
    QStringList tally;
    for (const Verdict verdict : {Verdict::Pass, Verdict::Warn, Verdict::Info, Verdict::Note,
                                  Verdict::NotApplicable, Verdict::Error}) {
        tally.append(QStringLiteral("%1 %2").arg(counts.value(verdict)).arg(verdictName(verdict)));
    }
    out += QStringLiteral("Checks: %1 (%2)\n")
               .arg(run.findings.size())
               .arg(tally.join(QStringLiteral(", ")));
    if (options.comparison != nullptr) {
        const Comparison &comparison = *options.comparison;
        out += QStringLiteral("Compared with %1: %2 fixed, %3 new, %4 unchanged, %5 changed; "
                              "score %6%7\n")
                   .arg(comparison.beforeRunId)
                   .arg(comparison.count(Change::Fixed))
                   .arg(comparison.count(Change::New))
                   .arg(comparison.count(Change::Unchanged))
                   .arg(comparison.count(Change::Changed))
                   .arg(comparison.referenceDelta >= 0 ? QStringLiteral("+") : QString())
                   .arg(comparison.referenceDelta);
    }
    return out.toUtf8();
}

QByteArray exportJson(const Run &run, const Catalogue &catalogue, const ExportOptions &options)
{
    RunJsonOptions jsonOptions;
    jsonOptions.catalogue = &catalogue;
    jsonOptions.comparison = options.comparison;
    return runToJson(run, jsonOptions);
}

QByteArray exportDbsJson(const Run &run, const Catalogue &catalogue, const ExportOptions &options)
{
    ordered_json doc;
    // The log names the benchmark version its checks follow; tools that read
    // it key on that, not on who wrote the file.
    doc["dockerbenchsecurity"] = utf8(catalogue.benchmarkVersion());
    doc["start"] = run.startedAt.isValid() ? run.startedAt.toSecsSinceEpoch() : 0;
    ordered_json tests = ordered_json::array();
    for (const auto &[section, findings] : bySection(run)) {
        ordered_json test;
        test["id"] = utf8(section);
        test["desc"] = utf8(sectionTitle(catalogue, section));
        ordered_json results = ordered_json::array();
        for (const Finding *finding : findings) {
            const CheckInfo *info = catalogue.check(finding->checkId);
            ordered_json result;
            result["id"] = utf8(finding->checkId);
            // The reference marks the checks it scores "(Automated)" and the
            // ones it only counts "(Manual)".
            result["desc"] = utf8(titleOf(catalogue, finding->checkId) +
                                  (info != nullptr && info->scored ? QStringLiteral(" (Automated)")
                                                                   : QStringLiteral(" (Manual)")));
            const bool noWord =
                finding->verdict == Verdict::NotApplicable || finding->verdict == Verdict::Error;
            result["result"] = noWord ? "INFO" : utf8(verdictLabel(finding->verdict));
            const QString details = findingMessage(*finding, catalogue);
            if (!details.isEmpty() && (noWord || details != titleOf(catalogue, finding->checkId))) {
                result["details"] = utf8(details);
            }
            if (finding->verdict != Verdict::Pass && !finding->evidence.isEmpty()) {
                ordered_json items = ordered_json::array();
                for (const Evidence &evidence : finding->evidence) {
                    items.push_back(
                        utf8(evidence.item.isEmpty() ? evidence.observed : evidence.item));
                }
                result["items"] = items;
            }
            if (options.remediation && finding->verdict != Verdict::Pass && info != nullptr) {
                result["remediation"] = utf8(info->remediation);
                result["remediation-impact"] = utf8(info->impact);
            }
            results.push_back(result);
        }
        test["results"] = results;
        tests.push_back(test);
    }
    doc["tests"] = tests;
    doc["checks"] = run.findings.size();
    doc["score"] = run.score.reference;
    const QDateTime end = run.finishedAt.isValid() ? run.finishedAt : run.startedAt;
    doc["end"] = end.isValid() ? end.toSecsSinceEpoch() : 0;
    return QByteArray::fromStdString(doc.dump(2)) + '\n';
}

QByteArray exportSarif(const Run &run, const Catalogue &catalogue, const ExportOptions &options)
{
    ordered_json rules = ordered_json::array();
    QHash<QString, int> ruleIndex;
    for (const CheckInfo &info : catalogue.checks()) {
        ruleIndex.insert(info.id, int(rules.size()));
        rules.push_back(sarifRule(info.id, &info, catalogue));
    }
    for (const Finding &finding : run.findings) {
        if (!ruleIndex.contains(finding.checkId)) {
            ruleIndex.insert(finding.checkId, int(rules.size()));
            rules.push_back(sarifRule(finding.checkId, nullptr, catalogue));
        }
    }

    ordered_json results = ordered_json::array();
    ordered_json notifications = ordered_json::array();
    const Comparison *comparison = options.comparison;
    auto baseResult = [&](const Finding &finding, const QString &message) {
        ordered_json result;
        result["ruleId"] = utf8(ruleId(finding.checkId));
        result["ruleIndex"] = ruleIndex.value(finding.checkId);
        result["kind"] = sarifKind(finding.verdict);
        result["level"] = finding.verdict == Verdict::Warn ? "warning" : "none";
        result["message"] = {{"text", utf8(message)}};
        return result;
    };

    for (const Finding &finding : run.findings) {
        const CheckChange *change =
            comparison != nullptr ? comparison->check(finding.checkId) : nullptr;
        if (finding.verdict == Verdict::Error) {
            ordered_json notification;
            notification["level"] = "error";
            notification["message"] = {{"text", utf8(findingMessage(finding, catalogue))}};
            notification["associatedRule"] = {{"id", utf8(ruleId(finding.checkId))},
                                              {"index", ruleIndex.value(finding.checkId)}};
            notifications.push_back(notification);
        }
        if (options.failingOnly && finding.verdict != Verdict::Warn) {
            continue;
        }
        const QString title = titleOf(catalogue, finding.checkId);
        if (finding.verdict == Verdict::Warn && !finding.evidence.isEmpty()) {
            for (const Evidence &evidence : finding.evidence) {
                ordered_json result =
                    baseResult(finding, title + QStringLiteral(": ") + describeEvidence(evidence));
                result["locations"] = ordered_json::array({evidenceLocation(evidence)});
                result["partialFingerprints"] = {
                    {"drydockItem/v1", utf8(finding.checkId + QLatin1Char('|') + evidence.key())}};
                if (comparison != nullptr) {
                    const ItemChange *item = nullptr;
                    if (change != nullptr) {
                        for (const ItemChange &candidate : change->items) {
                            if (candidate.key == evidence.key()) {
                                item = &candidate;
                            }
                        }
                    }
                    result["baselineState"] =
                        item != nullptr && item->change == Change::Unchanged ? "unchanged" : "new";
                }
                result["properties"] = {{"verdict", "warn"},
                                        {"cis-id", utf8(finding.checkId)},
                                        {"evidence", evidenceProperties(evidence)}};
                results.push_back(result);
            }
        } else {
            ordered_json result = baseResult(finding, findingMessage(finding, catalogue));
            result["partialFingerprints"] = {{"drydockItem/v1", utf8(finding.checkId)}};
            if (comparison != nullptr) {
                result["baselineState"] =
                    change != nullptr ? baselineForCheck(change->change) : "new";
            }
            ordered_json properties;
            properties["verdict"] = utf8(verdictName(finding.verdict));
            properties["cis-id"] = utf8(finding.checkId);
            if (!finding.reason.isEmpty()) {
                properties["reason"] = utf8(finding.reason);
            }
            if (!finding.evidence.isEmpty()) {
                ordered_json examined = ordered_json::array();
                for (const Evidence &evidence : finding.evidence) {
                    examined.push_back(evidenceProperties(evidence));
                }
                properties["evidence"] = examined;
            }
            result["properties"] = properties;
            results.push_back(result);
        }
        // Items that warned in the earlier run and are gone now.
        if (change != nullptr && !options.failingOnly) {
            for (const ItemChange &item : change->items) {
                if (item.change != Change::Fixed || !item.before) {
                    continue;
                }
                ordered_json result;
                result["ruleId"] = utf8(ruleId(finding.checkId));
                result["ruleIndex"] = ruleIndex.value(finding.checkId);
                result["kind"] = "pass";
                result["level"] = "none";
                result["message"] = {
                    {"text",
                     utf8(QStringLiteral("Fixed since run %1: ").arg(comparison->beforeRunId) +
                          describeEvidence(*item.before))}};
                result["locations"] = ordered_json::array({evidenceLocation(*item.before)});
                result["partialFingerprints"] = {
                    {"drydockItem/v1", utf8(finding.checkId + QLatin1Char('|') + item.key)}};
                result["baselineState"] = "absent";
                results.push_back(result);
            }
        }
    }

    ordered_json invocation;
    invocation["executionSuccessful"] = !run.partial;
    if (run.startedAt.isValid()) {
        invocation["startTimeUtc"] = utf8(runTimeText(run.startedAt));
    }
    if (run.finishedAt.isValid()) {
        invocation["endTimeUtc"] = utf8(runTimeText(run.finishedAt));
    }
    if (run.partial) {
        ordered_json notification;
        notification["level"] = "error";
        notification["message"] = {
            {"text", utf8(QStringLiteral("The run is partial: ") + run.partialReason)}};
        notifications.push_back(notification);
    }
    if (!notifications.empty()) {
        invocation["toolExecutionNotifications"] = notifications;
    }

    ordered_json driver;
    driver["name"] = "Drydock";
    driver["version"] = DRYDOCK_VERSION;
    driver["semanticVersion"] = DRYDOCK_VERSION;
    driver["rules"] = rules;

    ordered_json sarifRun;
    sarifRun["tool"] = {{"driver", driver}};
    sarifRun["automationDetails"] = {{"id", utf8(QStringLiteral("drydock-bench/") + run.id)}};
    sarifRun["invocations"] = ordered_json::array({invocation});
    sarifRun["results"] = results;
    ordered_json properties;
    properties["runId"] = utf8(run.id);
    properties["producer"] = utf8(run.producer);
    properties["catalogue"] = utf8(run.catalogueVersion);
    properties["engine"] = {{"endpoint", utf8(run.engine.endpoint)},
                            {"hostName", utf8(run.engine.hostName)},
                            {"serverVersion", utf8(run.engine.serverVersion)},
                            {"apiVersion", utf8(run.engine.apiVersion)}};
    properties["score"] = {{"reference", run.score.reference},
                           {"scoredPassed", run.score.scoredPassed},
                           {"scoredApplicable", run.score.scoredApplicable},
                           {"percent", run.score.percent()}};
    if (comparison != nullptr) {
        properties["baselineRunId"] = utf8(comparison->beforeRunId);
    }
    sarifRun["properties"] = properties;

    ordered_json doc;
    doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    doc["version"] = "2.1.0";
    doc["runs"] = ordered_json::array({sarifRun});
    return QByteArray::fromStdString(doc.dump(2)) + '\n';
}

QByteArray exportJunit(const Run &run, const Catalogue &catalogue, const ExportOptions &options)
{
    struct Counts
    {
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
    };
    auto countOf = [](const QList<const Finding *> &findings) {
        Counts counts;
        for (const Finding *finding : findings) {
            ++counts.tests;
            counts.failures += finding->verdict == Verdict::Warn ? 1 : 0;
            counts.errors += finding->verdict == Verdict::Error ? 1 : 0;
            counts.skipped +=
                (finding->verdict == Verdict::Info || finding->verdict == Verdict::Note ||
                 finding->verdict == Verdict::NotApplicable)
                    ? 1
                    : 0;
        }
        return counts;
    };
    QList<const Finding *> all;
    for (const Finding &finding : run.findings) {
        all.append(&finding);
    }
    const Counts total = countOf(all);
    const double seconds = run.startedAt.isValid() && run.finishedAt.isValid()
                               ? run.startedAt.msecsTo(run.finishedAt) / 1000.0
                               : 0.0;
    const QString timestamp =
        run.startedAt.isValid() ? run.startedAt.toUTC().toString(Qt::ISODate) : QString();

    QByteArray buffer;
    QXmlStreamWriter xml(&buffer);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("Drydock ") + catalogue.name() +
                                                   QLatin1Char(' ') + catalogue.benchmarkVersion());
    xml.writeAttribute(QStringLiteral("tests"), QString::number(total.tests));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(total.failures));
    xml.writeAttribute(QStringLiteral("errors"), QString::number(total.errors));
    xml.writeAttribute(QStringLiteral("skipped"), QString::number(total.skipped));
    xml.writeAttribute(QStringLiteral("time"), QString::number(seconds, 'f', 3));
    if (!timestamp.isEmpty()) {
        xml.writeAttribute(QStringLiteral("timestamp"), timestamp);
    }
    for (const auto &[section, findings] : bySection(run)) {
        const Counts counts = countOf(findings);
        const SectionInfo *info = catalogue.section(section);
        xml.writeStartElement(QStringLiteral("testsuite"));
        xml.writeAttribute(QStringLiteral("name"),
                           section + QLatin1Char(' ') + sectionTitle(catalogue, section));
        xml.writeAttribute(QStringLiteral("id"), section);
        xml.writeAttribute(QStringLiteral("tests"), QString::number(counts.tests));
        xml.writeAttribute(QStringLiteral("failures"), QString::number(counts.failures));
        xml.writeAttribute(QStringLiteral("errors"), QString::number(counts.errors));
        xml.writeAttribute(QStringLiteral("skipped"), QString::number(counts.skipped));
        xml.writeAttribute(QStringLiteral("time"), QStringLiteral("0"));
        if (!timestamp.isEmpty()) {
            xml.writeAttribute(QStringLiteral("timestamp"), timestamp);
        }
        if (!run.engine.hostName.isEmpty()) {
            xml.writeAttribute(QStringLiteral("hostname"), withoutControls(run.engine.hostName));
        }
        const QString className =
            QStringLiteral("cis.") +
            (info != nullptr ? info->key : QStringLiteral("section") + section);
        for (const Finding *finding : findings) {
            const CheckInfo *check = catalogue.check(finding->checkId);
            xml.writeStartElement(QStringLiteral("testcase"));
            xml.writeAttribute(QStringLiteral("classname"), className);
            xml.writeAttribute(QStringLiteral("name"), finding->checkId + QLatin1Char(' ') +
                                                           titleOf(catalogue, finding->checkId));
            xml.writeAttribute(QStringLiteral("time"), QStringLiteral("0"));
            const QString message = findingMessage(*finding, catalogue);
            QString body;
            for (const Evidence &evidence : finding->evidence) {
                body += QStringLiteral("* ") + describeEvidence(evidence) + QLatin1Char('\n');
            }
            switch (finding->verdict) {
            case Verdict::Warn:
                xml.writeStartElement(QStringLiteral("failure"));
                xml.writeAttribute(QStringLiteral("message"), message);
                xml.writeAttribute(QStringLiteral("type"), QStringLiteral("WARN"));
                if (options.remediation && check != nullptr) {
                    body +=
                        QStringLiteral("Remediation: ") + check->remediation + QLatin1Char('\n');
                }
                if (!body.isEmpty()) {
                    xml.writeCharacters(withoutControls(body));
                }
                xml.writeEndElement();
                break;
            case Verdict::Error:
                xml.writeStartElement(QStringLiteral("error"));
                xml.writeAttribute(QStringLiteral("message"), message);
                xml.writeAttribute(QStringLiteral("type"), QStringLiteral("ERROR"));
                xml.writeEndElement();
                break;
            case Verdict::Info:
            case Verdict::Note:
            case Verdict::NotApplicable:
                xml.writeStartElement(QStringLiteral("skipped"));
                xml.writeAttribute(QStringLiteral("message"),
                                   verdictLabel(finding->verdict) + QStringLiteral(": ") + message);
                xml.writeEndElement();
                if (!body.isEmpty()) {
                    xml.writeTextElement(QStringLiteral("system-out"), withoutControls(body));
                }
                break;
            case Verdict::Pass:
                break;
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return buffer;
}

QString csvField(const QString &value)
{
    QString text = withoutControls(value);
    // Spreadsheets run a cell that starts with one of these as a formula;
    // container labels and commands can hold anything.
    if (!text.isEmpty()) {
        const QChar first = text.at(0);
        const bool formula =
            first == QLatin1Char('=') || first == QLatin1Char('@') || first == QLatin1Char('\t') ||
            first == QLatin1Char('\r') ||
            ((first == QLatin1Char('+') || first == QLatin1Char('-')) && !looksNumeric(text));
        if (formula) {
            text.prepend(QLatin1Char('\''));
        }
    }
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
                       text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'));
    if (!quote) {
        return text;
    }
    text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QByteArray exportCsv(const Run &run, const Catalogue &catalogue, const ExportOptions &)
{
    static const QStringList header = {
        QStringLiteral("run_id"),   QStringLiteral("check_id"), QStringLiteral("section"),
        QStringLiteral("title"),    QStringLiteral("scored"),   QStringLiteral("verdict"),
        QStringLiteral("summary"),  QStringLiteral("reason"),   QStringLiteral("item_kind"),
        QStringLiteral("item"),     QStringLiteral("item_id"),  QStringLiteral("image"),
        QStringLiteral("observed"), QStringLiteral("expected"), QStringLiteral("remediation"),
    };
    const QLatin1String lineEnd("\r\n"); // RFC 4180 ends records with CRLF
    QString out = header.join(QLatin1Char(',')) + lineEnd;
    for (const Finding &finding : run.findings) {
        const CheckInfo *info = catalogue.check(finding.checkId);
        const QStringList common = {
            run.id,
            finding.checkId,
            sectionOfCheckId(finding.checkId),
            titleOf(catalogue, finding.checkId),
            isScored(catalogue, finding.checkId) ? QStringLiteral("true") : QStringLiteral("false"),
            verdictName(finding.verdict),
            finding.summary,
            finding.reason,
        };
        const QString remediation = info != nullptr ? info->remediation : QString();
        QList<Evidence> items = finding.evidence;
        if (items.isEmpty()) {
            items.append(Evidence{});
        }
        for (const Evidence &evidence : items) {
            QStringList row = common;
            row << evidence.kind << evidence.item << evidence.itemId << evidence.image
                << evidence.observed << evidence.expected << remediation;
            QStringList fields;
            for (const QString &value : row) {
                fields.append(csvField(value));
            }
            out += fields.join(QLatin1Char(',')) + lineEnd;
        }
    }
    return out.toUtf8();
}

} // namespace drydock::bench
