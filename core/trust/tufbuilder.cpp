// SPDX-License-Identifier: GPL-3.0-or-later
// Building TUF document bodies in Notary's layout.
#include "tufbuilder.h"

namespace drydock::trust {

namespace {

nlohmann::json roleEntry(const QList<PublicKey> &keys, int threshold, nlohmann::json &keyMap)
{
    nlohmann::json ids = nlohmann::json::array();
    for (const PublicKey &key : keys) {
        ids.push_back(key.id().toStdString());
        keyMap[key.id().toStdString()] = key.toJson();
    }
    return {{"keyids", ids}, {"threshold", threshold}};
}

nlohmann::json common(const QString &roleName, qint64 version, const QDateTime &expires)
{
    return {{"_type", tufTypeName(roleName).toStdString()},
            {"version", version},
            {"expires", formatTufTime(expires).toStdString()}};
}

} // namespace

nlohmann::json rootBody(const RootSpec &spec)
{
    nlohmann::json body = common(QString::fromLatin1(role::Root), spec.version, spec.expires);
    nlohmann::json keys = nlohmann::json::object();
    nlohmann::json roles = nlohmann::json::object();
    roles["root"] = roleEntry(spec.rootKeys, spec.rootThreshold, keys);
    roles["targets"] = roleEntry(spec.targetsKeys, 1, keys);
    roles["snapshot"] = roleEntry(spec.snapshotKeys, 1, keys);
    roles["timestamp"] = roleEntry(spec.timestampKeys, 1, keys);
    body["keys"] = keys;
    body["roles"] = roles;
    body["consistent_snapshot"] = false;
    return body;
}

nlohmann::json targetsBody(qint64 version, const QDateTime &expires,
                           const QMap<QString, TargetSpec> &targets,
                           const QList<DelegationSpec> &delegations)
{
    nlohmann::json body = common(QString::fromLatin1(role::Targets), version, expires);
    nlohmann::json entries = nlohmann::json::object();
    for (auto it = targets.cbegin(); it != targets.cend(); ++it) {
        const QString hex = it.value().digest.section(QLatin1Char(':'), 1);
        const QByteArray raw = QByteArray::fromHex(hex.toLatin1());
        entries[it.key().toStdString()] = {{"hashes", {{"sha256", raw.toBase64().toStdString()}}},
                                           {"length", it.value().length}};
    }
    body["targets"] = entries;
    nlohmann::json keys = nlohmann::json::object();
    nlohmann::json roles = nlohmann::json::array();
    for (const DelegationSpec &delegation : delegations) {
        nlohmann::json entry = roleEntry(delegation.keys, delegation.threshold, keys);
        entry["name"] = delegation.name.toStdString();
        nlohmann::json paths = nlohmann::json::array();
        for (const QString &path : delegation.paths) {
            paths.push_back(path.toStdString());
        }
        entry["paths"] = paths;
        roles.push_back(entry);
    }
    body["delegations"] = {{"keys", keys}, {"roles", roles}};
    return body;
}

nlohmann::json snapshotBody(qint64 version, const QDateTime &expires,
                            const QMap<QString, QByteArray> &documents)
{
    nlohmann::json body = common(QString::fromLatin1(role::Snapshot), version, expires);
    nlohmann::json meta = nlohmann::json::object();
    for (auto it = documents.cbegin(); it != documents.cend(); ++it) {
        meta[it.key().toStdString()] = fileMetaJson(it.value());
    }
    body["meta"] = meta;
    return body;
}

nlohmann::json timestampBody(qint64 version, const QDateTime &expires, const QByteArray &snapshot)
{
    nlohmann::json body = common(QString::fromLatin1(role::Timestamp), version, expires);
    body["meta"] = {{"snapshot", fileMetaJson(snapshot)}};
    return body;
}

} // namespace drydock::trust
