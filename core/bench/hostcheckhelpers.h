// SPDX-License-Identifier: GPL-3.0-or-later
// Shared pieces of the section 1-3 checks: permission bits, file rules over
// HostFacts, daemon settings with their source.
#pragma once

#include "run.h"
#include "snapshot.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace drydock::bench {

// "0644".
QString modeText(unsigned mode);
// The permission bits `mode` has beyond `allowed`: 0622 against 0644 is 0022.
unsigned excessBits(unsigned mode, unsigned allowed);
// "root:root (0:0)".
QString ownerText(const FileFacts &file);
// "8:1" for a device number.
QString deviceText(quint64 device);

// Not applicable when the snapshot carries no host facts (the engine is not
// on this machine), with the collector's reason.
std::optional<Finding> hostUnavailable(const char *checkId, const Snapshot &snapshot);

// For checks that read dockerd's settings: not applicable without host
// facts, error when dockerd was not found or its configuration file could
// not be read; nullopt when the settings can be used.
std::optional<Finding> settingsUnavailable(const char *checkId, const Snapshot &snapshot);

// The reason settings can't be used, empty when they can (host present).
QString settingsProblem(const HostFacts &host);

// A setting as evidence: its value and where it came from, or "unset
// (default: ...)".
Evidence settingEvidence(const DaemonConfig &config, const QString &key, const QString &defaultText,
                         const QString &expected);
QString settingValueText(const DaemonSetting &setting);

Evidence fileEvidence(const QString &path, const QString &observed, const QString &expected);

// A file's role for sections 1 and 3: one located path, or several.
struct FileTargets
{
    QStringList paths;
    QString noneReason; // why there is nothing to examine (not applicable)
    QString error;      // why the targets could not be listed (error)
};

enum class FileAspect {
    Ownership,
    Permissions,
};

struct FileRule
{
    const char *checkId = "";
    FileAspect aspect = FileAspect::Ownership;
    QString what;             // "docker.service", "the Docker socket"
    unsigned allowedMode = 0; // Permissions: bits that may be set
    QList<unsigned> groupIds; // Ownership: acceptable gids (uid must be trusted)
    QString expectedOwner;    // "root:root"
};

// Judges each target file and the folders above it: warn on an offending
// file or parent folder, error when one could not be examined and nothing
// offends, not applicable when no target exists, else pass.
Finding judgeFiles(const Snapshot &snapshot, const FileRule &rule, const FileTargets &targets);

// The uids that may own the daemon's files: root, and a rootless daemon's user.
QList<unsigned> trustedUids(const HostFacts &host);

} // namespace drydock::bench
