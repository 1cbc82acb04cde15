// SPDX-License-Identifier: GPL-3.0-or-later
// TUF metadata as Notary serves it: parsing the signed documents, checking
// signatures against a role's keys and threshold, and signing new ones.
#pragma once

#include "tufcrypto.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace drydock::trust {

namespace role {
inline constexpr const char *Root = "root";
inline constexpr const char *Timestamp = "timestamp";
inline constexpr const char *Snapshot = "snapshot";
inline constexpr const char *Targets = "targets";
inline constexpr const char *Releases = "targets/releases";
} // namespace role

struct Signature
{
    QString keyId;
    QString method;
    QByteArray value;
};

// One fetched document: {"signed": {...}, "signatures": [...]}.
struct SignedDocument
{
    QString role;         // the role it was fetched as
    QByteArray raw;       // the bytes as served: hashes and lengths cover these
    QByteArray canonical; // canonical JSON of "signed": signatures cover these
    nlohmann::json body;  // the "signed" object
    QList<Signature> signatures;
    QString type; // "_type"
    qint64 version = 0;
    QDateTime expires;
};

// Parses the envelope and the fields every role shares, and checks that
// `_type` suits `roleName` (delegations are of type Targets).
Result<SignedDocument> parseSignedDocument(const QByteArray &raw, const QString &roleName);

// RFC 3339 in UTC with optional fractional seconds, as Go writes it.
Result<QDateTime> parseTufTime(const QString &text);
QString formatTufTime(const QDateTime &time);

using KeyMap = QMap<QString, PublicKey>; // key id -> key

struct RoleKeys
{
    QStringList keyIds;
    int threshold = 1;
};

struct RootInfo
{
    KeyMap keys;
    QMap<QString, RoleKeys> roles; // root, targets, snapshot, timestamp
};

// Also refuses a key listed under an id that is not its own.
Result<RootInfo> parseRoot(const SignedDocument &doc);

struct FileMeta
{
    qint64 length = -1;
    QMap<QString, QByteArray> hashes; // "sha256"/"sha512" -> raw digest
};

// timestamp and snapshot: "meta" {file: {length, hashes}}.
Result<QMap<QString, FileMeta>> parseMeta(const SignedDocument &doc);

struct Delegation
{
    QString name;
    QStringList keyIds;
    int threshold = 1;
    QStringList paths; // target-name prefixes it may sign; "" means all
};

struct TargetsInfo
{
    QMap<QString, FileMeta> targets; // tag -> manifest length and digest
    KeyMap delegationKeys;
    QList<Delegation> delegations;
};

Result<TargetsInfo> parseTargets(const SignedDocument &doc);

// Counts valid signatures by the role's keys; refuses below the threshold.
// Returns the key ids whose signatures verified.
Result<QStringList> checkSignatures(const SignedDocument &doc, const KeyMap &keys,
                                    const RoleKeys &roleKeys, const QString &roleName);

// Checks raw bytes against the length and hashes another role recorded.
Result<void> checkFileMeta(const QByteArray &raw, const FileMeta &expected, const QString &file,
                           const QString &recordedBy);

// For publishing: a private key and the public form whose id the
// signature names (for a root key, its certificate).
struct SigningKey
{
    PrivateKey key;
    PublicKey publicKey;
};

// {"signed": body, "signatures": [...]} with one signature per key.
Result<QByteArray> signDocument(const nlohmann::json &body, const QList<SigningKey> &signers);

// {"length", "hashes": {"sha256", "sha512"}} of `raw`.
nlohmann::json fileMetaJson(const QByteArray &raw);

// "Root", "Timestamp"... as Notary writes `_type`.
QString tufTypeName(const QString &roleName);

} // namespace drydock::trust
