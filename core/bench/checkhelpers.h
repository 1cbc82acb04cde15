// SPDX-License-Identifier: GPL-3.0-or-later
// Shared pieces of the section 4-7 checks: judging every container by one
// rule, spelling-tolerant readers of engine settings, host path matching.
#pragma once

#include "run.h"
#include "snapshot.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>

namespace drydock::bench {

// Keys of Snapshot::collectionErrors the collector writes and the checks read.
inline constexpr const char *kSourceVersion = "version";
inline constexpr const char *kSourceInfo = "info";
inline constexpr const char *kSourceContainers = "containers";
inline constexpr const char *kSourceImages = "images";
inline constexpr const char *kSourceNetworks = "networks";
inline constexpr const char *kSourceSwarm = "swarm";
// Per-item failures: "container:<name>", "image:<id>".
inline constexpr const char *kContainerPrefix = "container:";
inline constexpr const char *kImagePrefix = "image:";

enum class ContainerScope {
    All,     // configuration: applies when a stopped container starts again
    Running, // runtime state: only a running container has it
};

// What one rule says about one container.
struct Judgement
{
    Judgement(bool offends_, QString observed_, QString expected_ = {}, QString problem_ = {})
        : offends(offends_), observed(std::move(observed_)), expected(std::move(expected_)),
          problem(std::move(problem_))
    {}

    bool offends = false;
    QString observed;
    QString expected; // overrides the rule's when set
    QString problem;  // set when this container could not be judged, and why
};

struct ContainerRule
{
    const char *checkId = "";
    ContainerScope scope = ContainerScope::All;
    Verdict offenceVerdict = Verdict::Warn;
    QString offencePhrase; // "run privileged": "2 of 5 containers run privileged"
    QString expected;      // the value the check wants, for every evidence item
};

using ContainerJudge =
    std::function<Judgement(const docker::ContainerInspect &container, const Snapshot &snapshot)>;

// Every container in scope judged by `judge`: offence verdict with the
// offending containers as evidence, else pass with the examined ones. No
// container gives not applicable; an unreadable container list or document
// gives error unless an offence was found anyway (then it is named in the
// summary).
Finding judgeContainers(const Snapshot &snapshot, const ContainerRule &rule,
                        const ContainerJudge &judge);

Evidence containerEvidence(const docker::ContainerInspect &container, const QString &observed,
                           const QString &expected);
QString containerStateNote(const docker::ContainerInspect &container); // "" or " (exited)"

// Errors the collector recorded for keys starting with `prefix`.
QStringList collectionErrorsWithPrefix(const Snapshot &snapshot, const char *prefix);

// A finding of verdict Error carrying `cause`.
Finding errorFinding(const char *checkId, const QString &cause);
Finding notApplicable(const char *checkId, const QString &reason);
// A manual check: a note with what a person should look at.
Finding manualFinding(const char *checkId, const QString &summary);

// "CAP_SYS_ADMIN", "sys_admin", "cap_sys_admin" -> "SYS_ADMIN".
QString normaliseCapability(const QString &capability);
// The capabilities Docker grants a container by default (moby's default set).
const QStringList &defaultCapabilities();

// True for a host address that listens on every interface: "", "0.0.0.0",
// "::", "[::]", "0:0:0:0:0:0:0:0".
bool isAnyAddress(const QString &hostIp);

// The lowest host port of "8080", "8000-8010"; nullopt for "" or "0"
// (the engine picks a free, unprivileged port).
std::optional<int> lowestHostPort(const QString &hostPort);

// The bindings a container publishes: what is bound now when it runs,
// else what it will bind when started (PortBindings; PublishAllPorts
// publishes every exposed port on all interfaces).
QList<docker::PortBinding> publishedPorts(const docker::ContainerInspect &container);

// A host path made comparable: cleaned, and /var/run spelt /run (a symlink
// on every current distribution).
QString canonicalHostPath(const QString &path);
// True when `path` is `ancestor` or lies below it (both canonical).
bool pathWithin(const QString &path, const QString &ancestor);

// A security option in one of the engine's spellings: "key=value",
// "key:value" (before 1.12) or bare "key" (value "true"). Returns the value
// of the last occurrence of `key`, nullopt when absent.
std::optional<QString> securityOptValue(const QStringList &options, const QString &key);

// Go's strconv.ParseBool spellings; nullopt for anything else.
std::optional<bool> parseGoBool(const QString &text);

// The container `target` ("web", a full id or a 12+ character prefix)
// among the snapshot's containers and those read to resolve a join.
const docker::ContainerInspect *findContainer(const Snapshot &snapshot, const QString &target);

// The namespace mode after following "container:<name or id>" through the
// snapshot's containers (at most a few hops): "host" when the joined
// container shares the host's namespace. `field` picks the mode.
QString effectiveNamespaceMode(const Snapshot &snapshot, const docker::ContainerInspect &container,
                               QString (*field)(const docker::ContainerInspect &));

// One image's name for evidence: its tags joined, else its short id.
QString imageDisplayName(const docker::ImageInspect &image);

// Section 4 pieces (checks_images.cpp).

// Config.User names root: "", "root", "0", "root:grp", "0:0".
bool runsAsRoot(const QString &user);
// The docker CLI's reading of DOCKER_CONTENT_TRUST (nullopt: unset).
bool contentTrustEnabled(const std::optional<QString> &value);
// The Dockerfile instruction that made a history entry ("ADD", "COPY",
// "RUN", ...), from the classic builder's or BuildKit's CreatedBy; empty
// when it cannot be told (an imported layer).
QString historyInstruction(const QString &createdBy);
// A RUN that refreshes the package index without installing in it.
bool isLoneUpdateInstruction(const QString &createdBy);

// Section 5 pieces (checks_containers.cpp).

// The AppArmor profile a container runs under: its own, else the one the
// engine applies at start (unconfined when privileged, docker-default else).
QString effectiveAppArmorProfile(const docker::ContainerInspect &container);
// CapAdd entries beyond Docker's default set, normalised ("ALL" included).
QStringList addedCapabilities(const QStringList &capAdd);
// "/etc:/host/etc (ro)"
QString mountText(const docker::Mount &mount);
// A bind of /, of a sensitive folder itself, or read-write below one.
bool isSensitiveMount(const docker::Mount &mount);
// The sshd command lines in a /top table.
QStringList sshdProcesses(const docker::ProcessTable &table);
// no-new-privileges in a container's SecurityOpt: true, false, or nullopt
// when absent (bare "no-new-privileges" means true).
std::optional<bool> noNewPrivilegesOption(const QStringList &securityOpt);
// The engine socket's host paths, canonical: /run/docker.sock, the one this
// scan talks to, the one the host probe located.
QStringList dockerSocketPaths(const Snapshot &snapshot);
// A bind of one of `sockets`, of a folder above one, or of any docker.sock.
bool mountExposesSocket(const docker::Mount &mount, const QStringList &sockets);

} // namespace drydock::bench
