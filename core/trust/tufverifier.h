// SPDX-License-Identifier: GPL-3.0-or-later
// The TUF client's verification: root (pinned, with the rotation walk) ->
// timestamp -> snapshot -> targets -> delegations -> tag, in that order,
// each step recorded for the window and `drydock trust inspect`.
#pragma once

#include "truststore.h"
#include "tufmetadata.h"
#include "util/cancel.h"
#include "util/result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace drydock::trust {

// The time verification runs at: injectable so tests can expire metadata.
using Clock = std::function<QDateTime()>;
QDateTime systemNow();

// Where metadata files come from: the Notary server, the saved copies
// (offline, when explicitly allowed), or a test's fixture.
class MetadataSource
{
public:
    virtual ~MetadataSource() = default;
    // `file`: "root.json", "3.root.json", "snapshot.<sha256hex>.json"...
    // A missing file is an error with httpStatus 404.
    virtual Result<QByteArray> fetch(const QString &file, qint64 maxBytes,
                                     const CancelToken &cancel) = 0;
    // Where `file` is fetched from, for messages ("https://.../root.json").
    virtual QString location(const QString &file) const = 0;
};

// One step of the resolution, as shown to the user.
struct TrustStep
{
    QString role; // root, timestamp, snapshot, targets, targets/releases, digest
    bool good = false;
    QString summary; // one sentence: what was checked, or what failed
    QStringList keyIds;
    QDateTime expires;
    qint64 version = 0;
    QString source;
};

struct TrustTrace
{
    QList<TrustStep> steps;
    bool offline = false; // verified from saved documents, by request

    bool good() const;
};

struct TargetEntry
{
    QString name;   // the tag
    QString digest; // "sha256:<hex>"
    qint64 length = 0;
    QString role; // targets or the delegation that signed it
    QStringList signerKeyIds;
};

struct KeyListing
{
    QString role;
    QString keyId;
    QString keyType;
    QString commonName;     // certificates only
    QDateTime certNotAfter; // certificates only
};

struct RoleStatus
{
    QString role;
    qint64 version = 0;
    QDateTime expires;
    QStringList signerKeyIds;
};

struct VerifiedRepository
{
    QString gun;
    QList<RoleStatus> roles;
    QList<KeyListing> keys;
    // Targets by the role that signed them, highest precedence first:
    // targets/releases, other delegations, then targets.
    QList<QPair<QString, QMap<QString, FileMeta>>> targetsByRole;
    QMap<QString, QStringList> signersByRole;

    QStringList tags() const;
};

// Verifies everything about `gun` that `source` serves, against `state`
// (pinned root and versions). On success `state` holds the new root,
// versions and files for the caller to save. Every step lands in `trace`.
Result<VerifiedRepository> verifyRepository(const QString &gun, MetadataSource &source,
                                            RepoTrust &state, const Clock &clock, TrustTrace &trace,
                                            const CancelToken &cancel = {});

// The signed digest of `tag`, from targets/releases first, then targets.
Result<TargetEntry> findTarget(const VerifiedRepository &repo, const QString &tag,
                               TrustTrace &trace);

// Reads a target's sha256 as the image manifest digest "sha256:<hex>".
Result<QString> manifestDigest(const FileMeta &meta, const QString &tag);

} // namespace drydock::trust
