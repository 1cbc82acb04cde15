// SPDX-License-Identifier: GPL-3.0-or-later
// A lab as loaded from its file: steps, the declarative actions they offer,
// and the predicates that verify them. Built only by the loader
// (labloader.h), which has checked every field.
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <variant>

namespace drydock::labs {

// The label every object a lab creates carries: org.drydock.lab=<lab id>.
inline constexpr const char *kLabLabel = "org.drydock.lab";
// Drydock's offline base image, built from this machine's static busybox.
inline constexpr const char *kBaseImage = "drydock/base:busybox";

struct PortSpec
{
    QString container; // "8080/tcp"
    QString hostIp;    // "" = every interface
    QString hostPort;  // "" = the engine picks one
};

struct MountSpec
{
    QString type; // bind, volume, tmpfs
    QString source;
    QString target;
    bool readOnly = false;
};

struct HealthcheckSpec
{
    QStringList test; // ["CMD", ...] or ["CMD-SHELL", "..."] or ["NONE"]
    qint64 intervalNs = 0;
    qint64 timeoutNs = 0;
    qint64 startPeriodNs = 0;
    int retries = 0;
};

// The container part of runContainer and trustedRun.
struct ContainerParams
{
    QString name; // as the lab names it; the engine sees LabScope::containerName(name)
    QString image;
    QStringList cmd;
    QStringList entrypoint;
    QStringList env;
    QString user;
    QString workdir;
    QList<PortSpec> ports;
    QList<MountSpec> mounts;
    QStringList capAdd;
    QStringList capDrop;
    QStringList securityOpt;
    bool readOnly = false;
    bool privileged = false;
    bool noNewPrivileges = false;
    qint64 memory = 0; // bytes
    qint64 nanoCpus = 0;
    qint64 cpuShares = 0;
    std::optional<qint64> pidsLimit;
    QString network;
    QString pidMode;
    QString ipcMode;
    QString utsMode;
    QString restartPolicy; // "", no, always, unless-stopped, on-failure
    int restartMaxRetries = 0;
    std::optional<HealthcheckSpec> healthcheck;
    QMap<QString, QString> labels;
    bool replace = true; // remove a lab container of the same name first
};

struct RunContainerAction
{
    ContainerParams container;
};

struct ContainerRefAction
{
    QString name; // stopContainer, removeContainer
};

struct CleanupAction
{
    bool images = true; // also remove the images the lab built
};

struct RunBenchAction
{
    QStringList checks;  // ids or sections ("5", "5.10"); empty = all
    QStringList exclude; // same syntax
    bool labContainersOnly = true;
};

struct PullAction
{
    QString image;
    bool trust = false;
};

struct TrustedRunAction
{
    ContainerParams container;
};

struct LabenvAction
{
    bool up = true;
};

struct OpenViewAction
{
    QString view; // one of knownViews()
};

// One instruction of a declarative image recipe (buildImage).
struct BuildInstruction
{
    enum class Kind {
        Copy,
        Add,
        RecordedRun,
        User,
        Healthcheck,
        Cmd,
        Entrypoint,
        Env,
        Workdir,
        Label,
        Expose
    };
    Kind kind = Kind::Copy;
    // Copy / Add: one file written into the image.
    QString path;
    QByteArray content; // given inline in the lab file
    QString sourceFile; // or a file in the lab's folder (absolute, checked by the loader)
    int mode = 0644;
    int uid = 0;
    int gid = 0;
    // RecordedRun: the text recorded in the history; User / Workdir / Expose.
    QString text;
    QStringList list; // Cmd, Entrypoint, Env ("K=V")
    QMap<QString, QString> labels;
    HealthcheckSpec healthcheck;
};

struct BuildImageAction
{
    QString tag;  // as the lab names it (a local name, no registry)
    QString from; // empty = the base image; else an image this lab builds
    QList<BuildInstruction> instructions;
};

enum class ActionType {
    RunContainer,
    StopContainer,
    RemoveContainer,
    Cleanup,
    RunBench,
    Pull,
    TrustedRun,
    LabenvUp,
    LabenvDown,
    OpenView,
    BuildImage,
};

struct Action
{
    ActionType type = ActionType::OpenView;
    QString label;    // the button text; a default comes from the type
    QString location; // JSON pointer of the action in the lab file
    std::variant<RunContainerAction, ContainerRefAction, CleanupAction, RunBenchAction, PullAction,
                 TrustedRunAction, LabenvAction, OpenViewAction, BuildImageAction>
        params;
};

enum class PredicateType {
    ContainerExists,
    ContainerRunning,
    InspectEquals,
    InspectContains,
    BenchCheck,
    BenchScoreImproved,
    TrustPullRefused,
    TrustPullSucceeded,
    ImageExists,
    ImageHasUser,
    ImageHasHealthcheck,
    ImageHistoryContains,
    ImageHasSetuidFiles,
    LabenvRunning,
    AllOf,
    AnyOf,
    Not,
};

struct Predicate
{
    PredicateType type = PredicateType::AllOf;
    QString container;           // container predicates, inspect* on a container
    QString image;               // image predicates, inspect* on an image, trust*
    QString jsonPointer;         // inspect*: a JSON pointer into the inspect document
    nlohmann::json value;        // inspect*: the expected value
    QString check;               // benchCheck: "5.10"
    QString verdict;             // benchCheck: "pass", "warn", ...
    QString text;                // imageHistoryContains
    QString user;                // imageHasUser: empty = any user but root
    int by = 1;                  // benchScoreImproved
    std::optional<bool> trusted; // trustPullSucceeded: a trusted pull, a plain one, or either
    QString trustAction;         // trust*: "pull", "run", or empty for either
    QList<Predicate> children;   // allOf, anyOf, not (one child)
    QString description;         // optional: the author's words for what must hold
    QString location;            // JSON pointer of the predicate in the lab file
};

struct Question
{
    QString id;
    QString text;
};

struct Step
{
    QString id;
    QString title;
    QString instructions; // Markdown
    QList<Action> actions;
    std::optional<Predicate> verify; // none: the learner marks the step done
    QStringList hints;
    QString solution; // Markdown
    QList<Question> questions;
    QStringList needs;
    bool optional = false;  // the lab counts as complete without it
    bool autoCheck = false; // re-check when the engine reports a change
};

struct Prerequisites
{
    QStringList engineFeatures; // knownEngineFeatures()
    QStringList images;
    bool labenv = false;
};

struct Lab
{
    int formatVersion = 1;
    QString id;
    QString title;
    QString version;
    QString summary;
    QStringList objectives;
    int estimatedMinutes = 0;
    Prerequisites prerequisites;
    QList<Step> steps;

    QString filePath;        // absolute
    QString folder;          // absolute; assets must stay inside it
    QStringList builtImages; // tags of every buildImage action, as the lab names them

    const Step *step(const QString &stepId) const;
    int stepIndex(const QString &stepId) const; // -1 when absent
};

// The fixed vocabularies, by the names a lab file uses.
QString actionTypeName(ActionType type);
std::optional<ActionType> actionTypeFromName(const QString &name);
QStringList actionTypeNames();
QString predicateTypeName(PredicateType type);
std::optional<PredicateType> predicateTypeFromName(const QString &name);
QStringList predicateTypeNames();
QStringList knownViews();          // openView targets
QStringList knownEngineFeatures(); // prerequisites.engineFeatures
QStringList knownVerdicts();       // benchCheck verdicts

} // namespace drydock::labs
