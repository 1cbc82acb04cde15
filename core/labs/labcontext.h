// SPDX-License-Identifier: GPL-3.0-or-later
// What a lab's actions and verifications work with: the lab, how its
// objects are named and labelled on the engine (LabScope), the engine
// client, and where the benchmark runs and trust records are kept.
#pragma once

#include "docker/engineclient.h"
#include "lab.h"
#include "util/cancel.h"

#include <QMap>
#include <QString>

#include <functional>

namespace drydock::labs {

// How a lab's own names map onto the engine. Container "web" of lab
// "image-hygiene" is the engine's "drydock-image-hygiene-web"; images the
// lab builds keep their names unless a namespace is set (tests set one so
// that runs in parallel never meet).
struct LabScope
{
    QString labId;
    QString namePrefix;                 // "drydock-<lab id>-"
    QString imageNamespace;             // "" normally; put in front of images the lab builds
    QMap<QString, QString> extraLabels; // added to everything; cleanup requires them too

    static LabScope forLab(const Lab &lab);

    QString containerName(const QString &labName) const;
    // An image reference as the engine knows it: namespaced when the lab
    // builds it, the base image and pulled images as they are.
    QString imageRef(const Lab &lab, const QString &reference) const;
    // org.drydock.lab=<id> plus the extra labels.
    QMap<QString, QString> labels() const;
    // The labels as "key=value" list (for the benchmark's selection).
    QStringList labelSelectors() const;
    // True when `labels` carry every label of this scope.
    bool owns(const QMap<QString, QString> &labels) const;
};

struct LabContext
{
    const Lab &lab;
    LabScope scope;
    docker::EngineClient &engine;
    QString runsFolder;  // benchmark runs; empty = dataPath("runs")
    QString trustFolder; // trust store and history; empty = dataPath("trust")
    QString labenvState; // the lab environment; empty = dataPath("labenv")
    CancelToken cancel;
    std::function<void(const QString &)> log; // progress lines; may be empty

    void say(const QString &line) const
    {
        if (log) {
            log(line);
        }
    }
};

} // namespace drydock::labs
