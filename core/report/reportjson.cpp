// SPDX-License-Identifier: GPL-3.0-or-later
// Serialises the report model to JSON.
#include "reportjson.h"

#include "bench/catalogue.h"
#include "bench/compare.h"
#include "evidence.h"

#include <QTimeZone>

#include <nlohmann/json.hpp>

namespace drydock::report {

using nlohmann::json;

namespace {

std::string str(const QString &text)
{
    return text.toStdString();
}

json timeJson(const QDateTime &at)
{
    if (!at.isValid()) {
        return nullptr;
    }
    return str(at.toTimeZone(QTimeZone::utc()).toString(Qt::ISODate));
}

json strings(const QStringList &list)
{
    json array = json::array();
    for (const QString &item : list) {
        array.push_back(str(item));
    }
    return array;
}

json runJson(const bench::Run &run)
{
    const auto &catalogue = bench::builtinCatalogue();
    json findings = json::array();
    for (const bench::Finding &finding : run.findings) {
        json evidence = json::array();
        for (const bench::Evidence &e : finding.evidence) {
            evidence.push_back({{"kind", str(e.kind)},
                                {"item", str(e.item)},
                                {"itemId", str(e.itemId)},
                                {"image", str(e.image)},
                                {"observed", str(e.observed)},
                                {"expected", str(e.expected)}});
        }
        const bench::CheckInfo *info = catalogue.ok() ? catalogue->check(finding.checkId) : nullptr;
        findings.push_back({{"checkId", str(finding.checkId)},
                            {"title", info ? str(info->title) : std::string()},
                            {"section", str(bench::sectionOfCheckId(finding.checkId))},
                            {"scored", info ? info->scored : false},
                            {"verdict", str(bench::verdictName(finding.verdict))},
                            {"summary", str(finding.summary)},
                            {"reason", str(finding.reason)},
                            {"remediation", info ? str(info->remediation) : std::string()},
                            {"evidence", evidence}});
    }
    const VerdictCounts counts = countVerdicts(run);
    const bench::EngineIdentity &engine = run.engine;
    return {
        {"id", str(run.id)},
        {"startedAt", timeJson(run.startedAt)},
        {"finishedAt", timeJson(run.finishedAt)},
        {"catalogueVersion", str(run.catalogueVersion)},
        {"producer", str(run.producer)},
        {"partial", run.partial},
        {"partialReason", str(run.partialReason)},
        {"engine",
         {{"endpoint", str(engine.endpoint)},
          {"endpointSource", str(engine.endpointSource)},
          {"engineId", str(engine.engineId)},
          {"hostName", str(engine.hostName)},
          {"serverVersion", str(engine.serverVersion)},
          {"apiVersion", str(engine.apiVersion)},
          {"operatingSystem", str(engine.operatingSystem)},
          {"kernelVersion", str(engine.kernelVersion)},
          {"rootless", engine.rootless},
          {"podman", engine.podman},
          {"local", engine.local},
          {"hostChecked", engine.hostChecked}}},
        {"score",
         {{"reference", run.score.reference},
          {"scoredPassed", run.score.scoredPassed},
          {"scoredApplicable", run.score.scoredApplicable},
          {"percent", run.score.percent()}}},
        {"counts",
         {{"pass", counts.pass},
          {"warn", counts.warn},
          {"info", counts.info},
          {"note", counts.note},
          {"not_applicable", counts.notApplicable},
          {"error", counts.error}}},
        {"findings", findings},
    };
}

json changes(const bench::Comparison &cmp)
{
    json array = json::array();
    for (const bench::CheckChange &change : cmp.checks) {
        array.push_back({{"checkId", str(change.checkId)},
                         {"change", str(bench::changeName(change.change))},
                         {"before", change.before ? json(str(bench::verdictName(*change.before)))
                                                  : json(nullptr)},
                         {"after", change.after ? json(str(bench::verdictName(*change.after)))
                                                : json(nullptr)}});
    }
    return array;
}

json notInBoth(const bench::Comparison &cmp)
{
    json array = json::array();
    for (const QString &id : cmp.notInBoth()) {
        array.push_back(str(id));
    }
    return array;
}

} // namespace

QByteArray reportJson(const ReportData &data)
{
    json runs = json::array();
    for (const bench::Run &run : data.runs) {
        runs.push_back(runJson(run));
    }
    json document = {
        {"format", "drydock-report"},
        {"version", 1},
        {"title", str(reportTitle(data))},
        {"student",
         {{"name", str(data.meta.studentName)},
          {"id", str(data.meta.studentId)},
          {"course", str(data.meta.course)},
          {"instructor", str(data.meta.instructor)}}},
        {"generatedAt", timeJson(data.meta.generatedAt)},
        {"drydockVersion", str(data.meta.drydockVersion)},
        {"evidenceSha256", str(evidenceDigest(data.inputs))},
        {"runs", runs},
    };
    json inputs = json::array();
    for (const EvidenceInput &input : data.inputs) {
        inputs.push_back({{"kind", str(input.kind)},
                          {"name", str(input.name)},
                          {"source", str(input.source)},
                          {"sha256", str(sha256Hex(input.canonical))}});
    }
    document["inputs"] = inputs;
    if (data.previous() && data.current()) {
        const bench::Comparison cmp = bench::compareRuns(*data.previous(), *data.current());
        document["comparison"] = {{"before", str(data.previous()->id)},
                                  {"after", str(data.current()->id)},
                                  {"fixed", cmp.count(bench::Change::Fixed)},
                                  {"new", cmp.count(bench::Change::New)},
                                  {"unchanged", cmp.count(bench::Change::Unchanged)},
                                  {"changed", cmp.count(bench::Change::Changed)},
                                  {"scoreDelta", cmp.referenceDelta},
                                  {"percentDelta", cmp.percentDelta},
                                  {"deltaOverCommonChecks", cmp.deltaOverCommon},
                                  {"notInBoth", notInBoth(cmp)},
                                  {"warning", str(cmp.scopeWarning)},
                                  {"checks", changes(cmp)}};
    }
    if (data.lab) {
        json steps = json::array();
        for (const StepReport &step : data.lab->steps) {
            json answers = json::array();
            for (const StepAnswer &answer : step.answers) {
                answers.push_back({{"questionId", str(answer.questionId)},
                                   {"question", str(answer.question)},
                                   {"answer", str(answer.answer)}});
            }
            steps.push_back(
                {{"id", str(step.id)},
                 {"title", str(step.title)},
                 {"status", str(step.status)},
                 {"optional", step.optional},
                 {"startedAt", timeJson(step.startedAt)},
                 {"completedAt", timeJson(step.completedAt)},
                 {"verification", str(step.verification)},
                 {"verifiable", step.verifiable},
                 {"check", step.checkPassed ? json{{"passed", *step.checkPassed},
                                                   {"checkedAt", timeJson(step.checkedAt)},
                                                   {"missing", strings(step.checkMissing)}}
                                            : json(nullptr)},
                 {"hintsRevealed", step.hintsRevealed},
                 {"hintCount", step.hintCount},
                 {"runIds", strings(step.runIds)},
                 {"answers", answers}});
        }
        document["lab"] = {{"id", str(data.lab->id)},
                           {"title", str(data.lab->title)},
                           {"version", str(data.lab->version)},
                           {"progressVersion", str(data.lab->progressVersion)},
                           {"user", str(data.lab->user)},
                           {"startedAt", timeJson(data.lab->startedAt)},
                           {"updatedAt", timeJson(data.lab->updatedAt)},
                           {"doneCount", data.lab->doneCount()},
                           {"requiredCount", data.lab->requiredCount()},
                           {"steps", steps}};
    }
    if (data.trustAvailable) {
        json trust = json::array();
        for (const TrustOutcome &outcome : data.trust) {
            trust.push_back({{"at", timeJson(outcome.at)},
                             {"action", str(outcome.action)},
                             {"image", str(outcome.image)},
                             {"digest", str(outcome.digest)},
                             {"signers", strings(outcome.signers)},
                             {"trustEnabled", outcome.trustEnabled},
                             {"refused", outcome.refused},
                             {"reason", str(outcome.reason)}});
        }
        document["trust"] = trust;
    }
    const std::string text = document.dump(2) + "\n";
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace drydock::report
