// SPDX-License-Identifier: GPL-3.0-or-later
// The lab model's vocabularies and look-ups.
#include "lab.h"

#include <array>
#include <utility>

namespace drydock::labs {

namespace {

constexpr std::array<std::pair<ActionType, const char *>, 11> kActionNames{{
    {ActionType::RunContainer, "runContainer"},
    {ActionType::StopContainer, "stopContainer"},
    {ActionType::RemoveContainer, "removeContainer"},
    {ActionType::Cleanup, "cleanup"},
    {ActionType::RunBench, "runBench"},
    {ActionType::Pull, "pull"},
    {ActionType::TrustedRun, "trustedRun"},
    {ActionType::LabenvUp, "labenvUp"},
    {ActionType::LabenvDown, "labenvDown"},
    {ActionType::OpenView, "openView"},
    {ActionType::BuildImage, "buildImage"},
}};

constexpr std::array<std::pair<PredicateType, const char *>, 17> kPredicateNames{{
    {PredicateType::ContainerExists, "containerExists"},
    {PredicateType::ContainerRunning, "containerRunning"},
    {PredicateType::InspectEquals, "inspectEquals"},
    {PredicateType::InspectContains, "inspectContains"},
    {PredicateType::BenchCheck, "benchCheck"},
    {PredicateType::BenchScoreImproved, "benchScoreImproved"},
    {PredicateType::TrustPullRefused, "trustPullRefused"},
    {PredicateType::TrustPullSucceeded, "trustPullSucceeded"},
    {PredicateType::ImageExists, "imageExists"},
    {PredicateType::ImageHasUser, "imageHasUser"},
    {PredicateType::ImageHasHealthcheck, "imageHasHealthcheck"},
    {PredicateType::ImageHistoryContains, "imageHistoryContains"},
    {PredicateType::ImageHasSetuidFiles, "imageHasSetuidFiles"},
    {PredicateType::LabenvRunning, "labenvRunning"},
    {PredicateType::AllOf, "allOf"},
    {PredicateType::AnyOf, "anyOf"},
    {PredicateType::Not, "not"},
}};

} // namespace

const Step *Lab::step(const QString &stepId) const
{
    const int i = stepIndex(stepId);
    return i < 0 ? nullptr : &steps.at(i);
}

int Lab::stepIndex(const QString &stepId) const
{
    for (int i = 0; i < steps.size(); ++i) {
        if (steps.at(i).id == stepId) {
            return i;
        }
    }
    return -1;
}

QString actionTypeName(ActionType type)
{
    for (const auto &[t, name] : kActionNames) {
        if (t == type) {
            return QLatin1String(name);
        }
    }
    return {};
}

std::optional<ActionType> actionTypeFromName(const QString &name)
{
    for (const auto &[t, n] : kActionNames) {
        if (name == QLatin1String(n)) {
            return t;
        }
    }
    return std::nullopt;
}

QStringList actionTypeNames()
{
    QStringList names;
    for (const auto &entry : kActionNames) {
        names.append(QLatin1String(entry.second));
    }
    return names;
}

QString predicateTypeName(PredicateType type)
{
    for (const auto &[t, name] : kPredicateNames) {
        if (t == type) {
            return QLatin1String(name);
        }
    }
    return {};
}

std::optional<PredicateType> predicateTypeFromName(const QString &name)
{
    for (const auto &[t, n] : kPredicateNames) {
        if (name == QLatin1String(n)) {
            return t;
        }
    }
    return std::nullopt;
}

QStringList predicateTypeNames()
{
    QStringList names;
    for (const auto &entry : kPredicateNames) {
        names.append(QLatin1String(entry.second));
    }
    return names;
}

QStringList knownViews()
{
    return {QStringLiteral("bench"),      QStringLiteral("findings"), QStringLiteral("compare"),
            QStringLiteral("containers"), QStringLiteral("images"),   QStringLiteral("trust"),
            QStringLiteral("report"),     QStringLiteral("labs")};
}

QStringList knownEngineFeatures()
{
    return {QStringLiteral("localEngine"), QStringLiteral("linuxContainers"),
            QStringLiteral("rootful")};
}

QStringList knownVerdicts()
{
    return {QStringLiteral("pass"), QStringLiteral("warn"),           QStringLiteral("info"),
            QStringLiteral("note"), QStringLiteral("not_applicable"), QStringLiteral("error")};
}

} // namespace drydock::labs
