// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and appending the trust history file.
#include "trusthistory.h"

#include "canonicaljson.h"
#include "util/atomicfile.h"
#include "util/datadir.h"

#include <QFile>

#include <mutex>
#include <nlohmann/json.hpp>

namespace drydock::trust {

namespace {

constexpr int kKeepEntries = 1000;

std::mutex &historyMutex()
{
    static std::mutex mutex;
    return mutex;
}

nlohmann::json toJson(const TrustHistoryEntry &e)
{
    nlohmann::json signers = nlohmann::json::array();
    for (const QString &signer : e.signers) {
        signers.push_back(signer.toStdString());
    }
    return {{"time", e.time.toUTC().toString(Qt::ISODateWithMs).toStdString()},
            {"action", e.action.toStdString()},
            {"image", e.image.toStdString()},
            {"gun", e.gun.toStdString()},
            {"tag", e.tag.toStdString()},
            {"trust", e.trustEnabled},
            {"refused", e.refused},
            {"reason", e.reason.toStdString()},
            {"digest", e.digest.toStdString()},
            {"signers", signers},
            {"server", e.server.toStdString()},
            {"container", e.container.toStdString()}};
}

QString text(const nlohmann::json &doc, const char *key)
{
    const auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                              : QString();
}

bool flag(const nlohmann::json &doc, const char *key)
{
    const auto it = doc.find(key);
    return it != doc.end() && it->is_boolean() && it->get<bool>();
}

TrustHistoryEntry fromJson(const nlohmann::json &doc)
{
    TrustHistoryEntry e;
    e.time = QDateTime::fromString(text(doc, "time"), Qt::ISODateWithMs);
    e.action = text(doc, "action");
    e.image = text(doc, "image");
    e.gun = text(doc, "gun");
    e.tag = text(doc, "tag");
    e.trustEnabled = flag(doc, "trust");
    e.refused = flag(doc, "refused");
    e.reason = text(doc, "reason");
    e.digest = text(doc, "digest");
    e.server = text(doc, "server");
    e.container = text(doc, "container");
    const auto signers = doc.find("signers");
    if (signers != doc.end() && signers->is_array()) {
        for (const auto &signer : *signers) {
            if (signer.is_string()) {
                e.signers << QString::fromStdString(signer.get<std::string>());
            }
        }
    }
    return e;
}

Result<nlohmann::json> readEntries(const QString &path)
{
    if (!QFile::exists(path)) {
        return nlohmann::json::array();
    }
    auto bytes = readFileLimited(path, 32 * 1024 * 1024);
    if (!bytes) {
        return bytes.error();
    }
    auto doc = parseJson(*bytes, path);
    if (!doc || !doc->is_object() || !doc->contains("entries") || !(*doc)["entries"].is_array()) {
        return makeError(ErrorKind::Io,
                         QStringLiteral("The trust history %1 is damaged.").arg(path),
                         QStringLiteral("Move it aside; Drydock starts a new one."));
    }
    return (*doc)["entries"];
}

} // namespace

QString trustHistoryPath(const QString &folder)
{
    return (folder.isEmpty() ? dataPath(QStringLiteral("trust")) : folder) +
           QStringLiteral("/history.json");
}

Result<void> appendTrustHistory(const TrustHistoryEntry &entry, const QString &folder)
{
    const QString path = trustHistoryPath(folder);
    std::lock_guard lock(historyMutex());
    return updateFileLocked(path, [&]() -> Result<void> {
        auto entries = readEntries(path);
        if (!entries) {
            return entries.error();
        }
        entries->push_back(toJson(entry));
        while (entries->size() > kKeepEntries) {
            entries->erase(entries->begin());
        }
        const nlohmann::json doc = {{"format", 1}, {"entries", *entries}};
        return writeFileAtomically(path, QByteArray::fromStdString(doc.dump(1)));
    });
}

Result<QList<TrustHistoryEntry>> loadTrustHistory(const QString &folder)
{
    const QString path = trustHistoryPath(folder);
    std::lock_guard lock(historyMutex());
    auto entries = readEntries(path);
    if (!entries) {
        return entries.error();
    }
    QList<TrustHistoryEntry> out;
    for (const auto &item : *entries) {
        if (item.is_object()) {
            out.append(fromJson(item));
        }
    }
    return out;
}

} // namespace drydock::trust
