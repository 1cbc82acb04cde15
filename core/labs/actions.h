// SPDX-License-Identifier: GPL-3.0-or-later
// The lab actions: what each will do, shown before it runs (the equivalent
// docker command lines and the dangerous options flagged), and running it
// against the engine. Only this fixed vocabulary ever runs; never a shell.
#pragma once

#include "docker/engineclient.h"
#include "lab.h"
#include "labcontext.h"
#include "util/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace drydock::labs {

struct DangerFlag
{
    QString option;     // as the docker CLI spells it: "--network host"
    QString why;        // what it gives the container, in words
    bool severe = true; // false: a caution (a port on every interface)
};

struct ActionPreview
{
    QString title;        // the button text
    QString summary;      // one sentence: what will happen
    QStringList commands; // the equivalent command lines, in order
    QString dockerfile;   // buildImage: the Dockerfile the recipe stands for
    QList<DangerFlag> dangers;
    QStringList notes;         // replaces an existing container, needs the lab environment...
    bool changesEngine = true; // false for openView: nothing to confirm

    bool hasSevereDanger() const;
};

ActionPreview previewAction(const Action &action, const Lab &lab, const LabScope &scope);

// A lab container as the engine will get it: the engine client's spec plus
// the two settings it does not carry.
struct LabContainerSpec
{
    docker::ContainerSpec spec;
    QString workdir;
    qint64 healthStartPeriodNs = 0;
};

// Names and images mapped through the scope, the lab's labels added.
LabContainerSpec engineSpec(const ContainerParams &params, const Lab &lab, const LabScope &scope);
// `docker run` arguments (after "docker"), and words joined into one line a
// POSIX shell would read back unchanged.
QStringList dockerRunArguments(const LabContainerSpec &container);
QString shellCommand(const QStringList &words);
// The dangerous options of a container spec.
QList<DangerFlag> dangersOf(const docker::ContainerSpec &spec);

struct ActionOutcome
{
    QString summary;      // what happened, one sentence
    QStringList details;  // more lines (ids, digests, counts)
    bool refused = false; // a trusted pull or run was refused: the lesson, not a failure
    QString runId;        // runBench: the saved run
    QString containerId;  // runContainer, trustedRun
    QString imageId;      // buildImage
    QString view;         // openView: the view the window should show
};

// Runs one action. Refuses to touch containers and images that do not
// carry the lab's labels.
Result<ActionOutcome> runAction(const Action &action, LabContext &context);

} // namespace drydock::labs
