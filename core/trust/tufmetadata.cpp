// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing and checking Notary's TUF documents; signing new ones.
#include "tufmetadata.h"

#include "canonicaljson.h"

#include <QRegularExpression>
#include <QSet>

namespace drydock::trust {

namespace {

QString str(const std::string &s)
{
    return QString::fromStdString(s);
}

Error malformed(const QString &file, const QString &why)
{
    return makeError(ErrorKind::Untrusted,
                     QStringLiteral("The %1 metadata is malformed: %2.").arg(file, why));
}

Result<QMap<QString, FileMeta>> parseFileMetaMap(const nlohmann::json &map, const QString &file,
                                                 const QString &field)
{
    if (!map.is_object()) {
        return malformed(file, QStringLiteral("\"%1\" is not an object").arg(field));
    }
    QMap<QString, FileMeta> out;
    for (const auto &item : map.items()) {
        const nlohmann::json &entry = item.value();
        const QString name = str(item.key());
        if (!entry.is_object() || !entry.contains("length") ||
            !entry["length"].is_number_integer() || !entry.contains("hashes") ||
            !entry["hashes"].is_object()) {
            return malformed(file,
                             QStringLiteral("the entry \"%1\" in \"%2\" lacks length or hashes")
                                 .arg(name, field));
        }
        FileMeta meta;
        meta.length = entry["length"].get<qint64>();
        for (const auto &hash : entry["hashes"].items()) {
            if (!hash.value().is_string()) {
                return malformed(file,
                                 QStringLiteral("a hash of \"%1\" is not a string").arg(name));
            }
            auto decoded = QByteArray::fromBase64Encoding(
                QByteArray::fromStdString(hash.value().get<std::string>()),
                QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded) {
                return malformed(file, QStringLiteral("a hash of \"%1\" is not base64").arg(name));
            }
            meta.hashes.insert(str(hash.key()), *decoded);
        }
        out.insert(name, meta);
    }
    return out;
}

Result<RoleKeys> parseRoleKeys(const nlohmann::json &role, const QString &file, const QString &name)
{
    if (!role.is_object() || !role.contains("keyids") || !role["keyids"].is_array() ||
        !role.contains("threshold") || !role["threshold"].is_number_integer()) {
        return malformed(file,
                         QStringLiteral("the role \"%1\" lacks keyids or threshold").arg(name));
    }
    RoleKeys out;
    for (const auto &id : role["keyids"]) {
        if (!id.is_string()) {
            return malformed(file, QStringLiteral("a key id of \"%1\" is not a string").arg(name));
        }
        out.keyIds << str(id.get<std::string>());
    }
    const qint64 threshold = role["threshold"].get<qint64>();
    if (threshold < 1 || threshold > 1000) {
        return malformed(
            file, QStringLiteral("the role \"%1\" has the threshold %2").arg(name).arg(threshold));
    }
    out.threshold = int(threshold);
    return out;
}

// Keys listed under ids: each id must be the key's own.
Result<KeyMap> parseKeyMap(const nlohmann::json &keys, const QString &file)
{
    if (!keys.is_object()) {
        return malformed(file, QStringLiteral("\"keys\" is not an object"));
    }
    KeyMap out;
    for (const auto &item : keys.items()) {
        const QString listedId = str(item.key());
        auto key = parsePublicKey(item.value(), listedId.left(12) + QStringLiteral(" in the ") +
                                                    file + QStringLiteral(" metadata"));
        if (!key) {
            return key.error();
        }
        const QString actualId = key->id();
        if (actualId != listedId) {
            return makeError(
                ErrorKind::Untrusted,
                QStringLiteral("The %1 metadata lists a key under the id %2, but that key's "
                               "id is %3: a key id that does not match its key is refused.")
                    .arg(file, listedId.left(16), actualId.left(16)));
        }
        out.insert(listedId, *key);
    }
    return out;
}

} // namespace

QString tufTypeName(const QString &roleName)
{
    if (roleName == QLatin1String(role::Root)) {
        return QStringLiteral("Root");
    }
    if (roleName == QLatin1String(role::Timestamp)) {
        return QStringLiteral("Timestamp");
    }
    if (roleName == QLatin1String(role::Snapshot)) {
        return QStringLiteral("Snapshot");
    }
    return QStringLiteral("Targets");
}

Result<QDateTime> parseTufTime(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(Z|"
                       "[+-]\\d{2}:\\d{2})$"));
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch()) {
        return makeError(ErrorKind::Untrusted,
                         QStringLiteral("\"%1\" is not an RFC 3339 time.").arg(text));
    }
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const QString fraction = QString(m.captured(7) + QStringLiteral("000")).left(3);
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(),
                     fraction.toInt());
    if (!date.isValid() || !time.isValid()) {
        return makeError(ErrorKind::Untrusted,
                         QStringLiteral("\"%1\" is not a valid time.").arg(text));
    }
    QDateTime out(date, time, Qt::UTC);
    const QString zone = m.captured(8);
    if (zone != QLatin1String("Z")) {
        const int sign = zone.startsWith(QLatin1Char('-')) ? -1 : 1;
        const int offset = sign * (zone.mid(1, 2).toInt() * 3600 + zone.mid(4, 2).toInt() * 60);
        out = out.addSecs(-offset);
    }
    return out;
}

QString formatTufTime(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

Result<SignedDocument> parseSignedDocument(const QByteArray &raw, const QString &roleName)
{
    auto parsed = parseJson(raw, QStringLiteral("The %1 metadata").arg(roleName));
    if (!parsed) {
        return makeError(ErrorKind::Untrusted, parsed.error().message);
    }
    const nlohmann::json &doc = *parsed;
    if (!doc.is_object() || !doc.contains("signed") || !doc["signed"].is_object() ||
        !doc.contains("signatures") || !doc["signatures"].is_array()) {
        return malformed(roleName, QStringLiteral("it lacks \"signed\" or \"signatures\""));
    }
    SignedDocument out;
    out.role = roleName;
    out.raw = raw;
    out.body = doc["signed"];
    auto canonical = canonicalJson(out.body);
    if (!canonical) {
        return makeError(ErrorKind::Untrusted, canonical.error().message);
    }
    out.canonical = *canonical;
    for (const auto &sig : doc["signatures"]) {
        if (!sig.is_object() || !sig.contains("keyid") || !sig["keyid"].is_string() ||
            !sig.contains("method") || !sig["method"].is_string() || !sig.contains("sig") ||
            !sig["sig"].is_string()) {
            return malformed(roleName, QStringLiteral("a signature lacks keyid, method or sig"));
        }
        auto value =
            QByteArray::fromBase64Encoding(QByteArray::fromStdString(sig["sig"].get<std::string>()),
                                           QByteArray::AbortOnBase64DecodingErrors);
        if (!value) {
            return malformed(roleName, QStringLiteral("a signature is not base64"));
        }
        out.signatures.append({str(sig["keyid"].get<std::string>()),
                               str(sig["method"].get<std::string>()).toLower(), *value});
    }
    const nlohmann::json &body = out.body;
    if (!body.contains("_type") || !body["_type"].is_string() || !body.contains("version") ||
        !body["version"].is_number_integer() || !body.contains("expires") ||
        !body["expires"].is_string()) {
        return malformed(roleName, QStringLiteral("it lacks _type, version or expires"));
    }
    out.type = str(body["_type"].get<std::string>());
    out.version = body["version"].get<qint64>();
    if (out.version < 1) {
        return malformed(roleName, QStringLiteral("its version is %1").arg(out.version));
    }
    auto expires = parseTufTime(str(body["expires"].get<std::string>()));
    if (!expires) {
        return malformed(roleName, expires.error().message);
    }
    out.expires = *expires;
    const QString expected = tufTypeName(roleName);
    if (out.type.compare(expected, Qt::CaseInsensitive) != 0) {
        return makeError(ErrorKind::Untrusted,
                         QStringLiteral("The %1 metadata says it is of type \"%2\"; a %1 document "
                                        "must be \"%3\".")
                             .arg(roleName, out.type, expected));
    }
    return out;
}

Result<RootInfo> parseRoot(const SignedDocument &doc)
{
    const QString file = doc.role;
    if (!doc.body.contains("keys") || !doc.body.contains("roles") ||
        !doc.body["roles"].is_object()) {
        return malformed(file, QStringLiteral("it lacks keys or roles"));
    }
    RootInfo out;
    auto keys = parseKeyMap(doc.body["keys"], file);
    if (!keys) {
        return keys.error();
    }
    out.keys = *keys;
    for (const char *name : {role::Root, role::Targets, role::Snapshot, role::Timestamp}) {
        const QString roleName = QString::fromLatin1(name);
        if (!doc.body["roles"].contains(name)) {
            return malformed(
                file, QStringLiteral("it does not name the keys of the %1 role").arg(roleName));
        }
        auto roleKeys = parseRoleKeys(doc.body["roles"][name], file, roleName);
        if (!roleKeys) {
            return roleKeys.error();
        }
        for (const QString &id : roleKeys->keyIds) {
            if (!out.keys.contains(id)) {
                return malformed(
                    file, QStringLiteral("the %1 role names the key %2, which it does not hold")
                              .arg(roleName, id.left(12)));
            }
        }
        out.roles.insert(roleName, *roleKeys);
    }
    return out;
}

Result<QMap<QString, FileMeta>> parseMeta(const SignedDocument &doc)
{
    if (!doc.body.contains("meta")) {
        return malformed(doc.role, QStringLiteral("it lacks \"meta\""));
    }
    return parseFileMetaMap(doc.body["meta"], doc.role, QStringLiteral("meta"));
}

Result<TargetsInfo> parseTargets(const SignedDocument &doc)
{
    TargetsInfo out;
    if (!doc.body.contains("targets")) {
        return malformed(doc.role, QStringLiteral("it lacks \"targets\""));
    }
    auto targets = parseFileMetaMap(doc.body["targets"], doc.role, QStringLiteral("targets"));
    if (!targets) {
        return targets.error();
    }
    out.targets = *targets;
    if (!doc.body.contains("delegations") || doc.body["delegations"].is_null()) {
        return out;
    }
    const nlohmann::json &delegations = doc.body["delegations"];
    if (!delegations.is_object()) {
        return malformed(doc.role, QStringLiteral("\"delegations\" is not an object"));
    }
    if (delegations.contains("keys")) {
        auto keys = parseKeyMap(delegations["keys"], doc.role);
        if (!keys) {
            return keys.error();
        }
        out.delegationKeys = *keys;
    }
    if (delegations.contains("roles") && !delegations["roles"].is_null()) {
        if (!delegations["roles"].is_array()) {
            return malformed(doc.role, QStringLiteral("\"delegations.roles\" is not a list"));
        }
        for (const auto &entry : delegations["roles"]) {
            if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
                return malformed(doc.role, QStringLiteral("a delegation has no name"));
            }
            Delegation delegation;
            delegation.name = str(entry["name"].get<std::string>());
            auto keys = parseRoleKeys(entry, doc.role, delegation.name);
            if (!keys) {
                return keys.error();
            }
            delegation.keyIds = keys->keyIds;
            delegation.threshold = keys->threshold;
            if (entry.contains("paths") && entry["paths"].is_array()) {
                for (const auto &path : entry["paths"]) {
                    if (path.is_string()) {
                        delegation.paths << str(path.get<std::string>());
                    }
                }
            }
            out.delegations.append(delegation);
        }
    }
    return out;
}

Result<QStringList> checkSignatures(const SignedDocument &doc, const KeyMap &keys,
                                    const RoleKeys &roleKeys, const QString &roleName)
{
    QSet<QString> valid;
    QStringList problems;
    for (const Signature &sig : doc.signatures) {
        if (!roleKeys.keyIds.contains(sig.keyId) || !keys.contains(sig.keyId)) {
            problems << QStringLiteral("key %1 is not a %2 key").arg(sig.keyId.left(12), roleName);
            continue;
        }
        auto checked = verifySignature(keys.value(sig.keyId), sig.method, sig.value, doc.canonical);
        if (!checked) {
            problems << checked.error().message;
            continue;
        }
        valid.insert(sig.keyId);
    }
    if (valid.size() < roleKeys.threshold) {
        QString why = doc.signatures.isEmpty() ? QStringLiteral("it carries no signature")
                                               : problems.join(QLatin1String("; "));
        return makeError(
            ErrorKind::Untrusted,
            QStringLiteral("The %1 metadata has %2 valid signature(s) from the %3 role's "
                           "keys and needs %4 (%5).")
                .arg(doc.role)
                .arg(valid.size())
                .arg(roleName)
                .arg(roleKeys.threshold)
                .arg(why));
    }
    QStringList out(valid.begin(), valid.end());
    out.sort();
    return out;
}

Result<void> checkFileMeta(const QByteArray &raw, const FileMeta &expected, const QString &file,
                           const QString &recordedBy)
{
    if (expected.length >= 0 && raw.size() != expected.length) {
        return makeError(
            ErrorKind::Untrusted,
            QStringLiteral("The %1 metadata is %2 bytes long, but %3 says it is %4: it was "
                           "altered or replaced.")
                .arg(file)
                .arg(raw.size())
                .arg(recordedBy)
                .arg(expected.length));
    }
    bool checkedOne = false;
    for (auto it = expected.hashes.cbegin(); it != expected.hashes.cend(); ++it) {
        QByteArray actual;
        if (it.key() == QLatin1String("sha256")) {
            actual = sha256(raw);
        } else if (it.key() == QLatin1String("sha512")) {
            actual = sha512(raw);
        } else {
            continue;
        }
        checkedOne = true;
        if (actual != it.value()) {
            return makeError(ErrorKind::Untrusted,
                             QStringLiteral("The %1 metadata does not have the %2 hash that %3 "
                                            "records: it was altered or replaced.")
                                 .arg(file, it.key(), recordedBy));
        }
    }
    if (!checkedOne) {
        return makeError(ErrorKind::Untrusted,
                         QStringLiteral("%1 records no sha256 or sha512 hash for the %2 metadata.")
                             .arg(recordedBy, file));
    }
    return {};
}

Result<QByteArray> signDocument(const nlohmann::json &body, const QList<SigningKey> &signers)
{
    auto canonical = canonicalJson(body);
    if (!canonical) {
        return canonical.error();
    }
    nlohmann::json signatures = nlohmann::json::array();
    for (const SigningKey &signer : signers) {
        const QString method = signer.key.defaultMethod();
        auto sig = signer.key.sign(method, *canonical);
        if (!sig) {
            return sig.error();
        }
        signatures.push_back({{"keyid", signer.publicKey.id().toStdString()},
                              {"method", method.toStdString()},
                              {"sig", sig->toBase64().toStdString()}});
    }
    auto sigs = canonicalJson(signatures);
    if (!sigs) {
        return sigs.error();
    }
    // "signed" first, as Notary's own client writes it: notary-server keeps
    // the uploaded bytes but hashes its Go re-serialisation (signed, then
    // signatures) into the snapshot it generates, so any other order makes
    // the snapshot disagree with the stored file.
    return QByteArray("{\"signed\":" + *canonical + ",\"signatures\":" + *sigs + "}");
}

nlohmann::json fileMetaJson(const QByteArray &raw)
{
    return {{"length", raw.size()},
            {"hashes",
             {{"sha256", sha256(raw).toBase64().toStdString()},
              {"sha512", sha512(raw).toBase64().toStdString()}}}};
}

} // namespace drydock::trust
