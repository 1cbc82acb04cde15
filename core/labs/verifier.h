// SPDX-License-Identifier: GPL-3.0-or-later
// Evaluating a step's verification against the engine, the saved benchmark
// runs and the trust history, and saying in words what is still missing.
#pragma once

#include "lab.h"
#include "labcontext.h"
#include "util/result.h"

#include <QString>
#include <QStringList>

namespace drydock::labs {

struct Evaluation
{
    bool passed = false;
    QStringList missing;   // what must still become true; empty when passed
    QStringList satisfied; // what holds already
};

// What the predicate asks for, in one sentence ("container web is running").
QString describePredicate(const Predicate &predicate, const Lab &lab, const LabScope &scope);

// An error only when something could not be asked (the engine is down);
// missing objects and runs are a failed evaluation that says so.
Result<Evaluation> evaluatePredicate(const Predicate &predicate, LabContext &context);

// The setuid and setgid files of an image, read from its layers
// (GET /images/{name}/get); whiteouts of later layers are honoured.
Result<QStringList> setuidFilesOf(docker::EngineClient &engine, const QString &image,
                                  const CancelToken &cancel = {});
// The same over an already exported image archive (`docker save` format).
Result<QStringList> setuidFilesInArchive(const QByteArray &archive);

} // namespace drydock::labs
