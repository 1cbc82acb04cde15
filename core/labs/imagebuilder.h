// SPDX-License-Identifier: GPL-3.0-or-later
// buildImage: a declarative image recipe built through the Engine API
// without running anything. Each instruction becomes one layer, committed
// from a container that is created but never started, so the history reads
// like a Dockerfile build's ("COPY file:... in /app/index.html").
#pragma once

#include "docker/engineclient.h"
#include "lab.h"
#include "util/cancel.h"
#include "util/result.h"

#include <QMap>
#include <QString>

#include <functional>

namespace drydock::labs {

struct BuildRequest
{
    BuildImageAction recipe;
    QString fromImage;             // as the engine knows it (kBaseImage or a built tag)
    QString targetImage;           // repo:tag as the engine will know it
    QMap<QString, QString> labels; // on every image and helper container
};

// The recipe as the Dockerfile it stands for, for the preview.
QString dockerfileFor(const BuildImageAction &recipe, const QString &fromImage);

// The history text a builder records for one instruction.
QString historyTextFor(const BuildInstruction &instruction);

// Builds the image and returns its id. Helper containers are removed
// whatever happens; intermediate images of a failed build are removed. A
// previous image of the same tag is removed once nothing uses it.
Result<QString> buildImage(docker::EngineClient &engine, const BuildRequest &request,
                           const CancelToken &cancel = {},
                           const std::function<void(const QString &)> &log = {});

} // namespace drydock::labs
