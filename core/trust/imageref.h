// SPDX-License-Identifier: GPL-3.0-or-later
// Image references as the docker CLI reads them: registry, repository, tag
// or digest, and the GUN that names the repository's trust data.
#pragma once

#include "util/result.h"

#include <QString>

namespace drydock::trust {

struct ImageRef
{
    QString registry;   // "docker.io", "localhost:5000"
    QString repository; // "library/alpine", "drydock/signed"
    QString tag;        // "latest" when neither tag nor digest was given
    QString digest;     // "sha256:<hex>" when given

    // The GUN: registry and repository, e.g. "docker.io/library/alpine".
    QString gun() const;
    // The name the engine uses: "alpine", "user/app", "localhost:5000/x/y".
    QString name() const;
    // name:tag or name@digest.
    QString display() const;
    bool isDockerHub() const;
    // localhost, 127.0.0.0/8 or ::1: the engine reaches these without TLS.
    bool isLoopback() const;
    QString host() const; // registry without the port
};

// Parses "[registry/]path[:tag][@sha256:hex]"; a bad name is BadInput.
Result<ImageRef> parseImageRef(const QString &text);

} // namespace drydock::trust
