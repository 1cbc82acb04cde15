// SPDX-License-Identifier: GPL-3.0-or-later
// Drydock's base image for labs (kBaseImage): this machine's statically
// linked busybox in an otherwise empty root, imported through the Engine
// API. Nothing is pulled: the labs work offline.
#pragma once

#include "docker/engineclient.h"
#include "util/cancel.h"
#include "util/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace drydock::labs {

// Where a static busybox is looked for, in order.
QStringList busyboxCandidates();
// The first candidate that is a statically linked ELF executable; a
// dynamically linked one would not run in an empty root.
Result<QString> findStaticBusybox(const QStringList &candidates = busyboxCandidates());
// True when the ELF file has no program interpreter (PT_INTERP).
Result<bool> isStaticElf(const QByteArray &elf);

// The base root filesystem as a tar: busybox, its applet links, /etc/passwd
// and /etc/group with root, app (1000) and nobody, /tmp, /home/app, /app.
QByteArray baseRootfsTar(const QByteArray &busybox);

// Imports a root filesystem tar as repo:tag with Dockerfile-style changes
// ("CMD [...]", "LABEL k=v"); returns the image id.
Result<QString> importWithChanges(docker::EngineClient &client, const QByteArray &tar,
                                  const QString &repo, const QString &tag,
                                  const QStringList &changes, const CancelToken &cancel = {});

// Builds kBaseImage unless the engine has it already. Returns true when it
// had to build it.
Result<bool> ensureBaseImage(docker::EngineClient &client, const CancelToken &cancel = {});

} // namespace drydock::labs
