// SPDX-License-Identifier: GPL-3.0-or-later
// The trust store: one JSON file per repository, written atomically.
#include "truststore.h"

#include "canonicaljson.h"
#include "util/atomicfile.h"
#include "util/datadir.h"

#include <QDir>
#include <QFile>
#include <QUrl>

#include <mutex>
#include <nlohmann/json.hpp>

namespace drydock::trust {

namespace {

constexpr int kFormatVersion = 1;

// Saves from several threads (the window's jobs) must not interleave their
// read-modify-write of one repository's file.
std::mutex &storeMutex()
{
    static std::mutex mutex;
    return mutex;
}

std::string b64(const QByteArray &data)
{
    return data.toBase64().toStdString();
}

QByteArray unb64(const nlohmann::json &value)
{
    return value.is_string()
               ? QByteArray::fromBase64(QByteArray::fromStdString(value.get<std::string>()))
               : QByteArray();
}

} // namespace

TrustStore::TrustStore(QString folder) : m_folder(std::move(folder))
{
    if (m_folder.isEmpty()) {
        m_folder = dataPath(QStringLiteral("trust"));
    }
}

QString TrustStore::fileFor(const QString &gun) const
{
    // Percent-encoding keeps "/" and ":" of a GUN out of the path.
    const QString name = QString::fromLatin1(QUrl::toPercentEncoding(gun, {}, "/:"));
    return m_folder + QStringLiteral("/repos/") + name + QStringLiteral(".json");
}

Result<std::optional<RepoTrust>> TrustStore::load(const QString &gun) const
{
    std::lock_guard lock(storeMutex());
    const QString path = fileFor(gun);
    if (!QFile::exists(path)) {
        return std::optional<RepoTrust>();
    }
    auto bytes = readFileLimited(path, 64 * 1024 * 1024);
    if (!bytes) {
        return bytes.error();
    }
    auto parsed = parseJson(*bytes, path);
    // A pin is written only after a verification, so it always holds the
    // pinned root; one without it is damaged, and trusting afresh instead
    // would undo the pin (fail closed).
    const auto holdsPin = [](const nlohmann::json &doc) {
        return doc.is_object() && doc.contains("root") && doc["root"].is_string() &&
               !doc["root"].get<std::string>().empty() &&
               doc.value("versions", nlohmann::json::object()).is_object() &&
               doc.value("files", nlohmann::json::object()).is_object();
    };
    if (!parsed || !holdsPin(*parsed)) {
        return makeError(
            ErrorKind::Io, QStringLiteral("The trust store file %1 is damaged.").arg(path),
            QStringLiteral("Reset this repository's trust with --reset-trust %1.").arg(gun));
    }
    const nlohmann::json &doc = *parsed;
    RepoTrust out;
    out.gun = gun;
    try {
        out.root = unb64(doc.value("root", nlohmann::json()));
        const nlohmann::json versions = doc.value("versions", nlohmann::json::object());
        const nlohmann::json files = doc.value("files", nlohmann::json::object());
        for (const auto &item : versions.items()) {
            out.versions.insert(QString::fromStdString(item.key()), item.value().get<qint64>());
        }
        for (const auto &item : files.items()) {
            out.files.insert(QString::fromStdString(item.key()), unb64(item.value()));
        }
        out.verifiedAt = QDateTime::fromString(
            QString::fromStdString(doc.value("verifiedAt", std::string())), Qt::ISODate);
        out.server = QString::fromStdString(doc.value("server", std::string()));
    } catch (const nlohmann::json::exception &) {
        return makeError(
            ErrorKind::Io, QStringLiteral("The trust store file %1 is damaged.").arg(path),
            QStringLiteral("Reset this repository's trust with --reset-trust %1.").arg(gun));
    }
    return std::optional<RepoTrust>(out);
}

Result<void> TrustStore::save(const RepoTrust &trust) const
{
    nlohmann::json doc;
    doc["format"] = kFormatVersion;
    doc["gun"] = trust.gun.toStdString();
    doc["root"] = b64(trust.root);
    doc["versions"] = nlohmann::json::object();
    for (auto it = trust.versions.cbegin(); it != trust.versions.cend(); ++it) {
        doc["versions"][it.key().toStdString()] = it.value();
    }
    doc["files"] = nlohmann::json::object();
    for (auto it = trust.files.cbegin(); it != trust.files.cend(); ++it) {
        doc["files"][it.key().toStdString()] = b64(it.value());
    }
    doc["verifiedAt"] = trust.verifiedAt.toUTC().toString(Qt::ISODate).toStdString();
    doc["server"] = trust.server.toStdString();
    std::lock_guard lock(storeMutex());
    return writeFileAtomically(fileFor(trust.gun), QByteArray::fromStdString(doc.dump(1)));
}

Result<bool> TrustStore::reset(const QString &gun) const
{
    std::lock_guard lock(storeMutex());
    const QString path = fileFor(gun);
    if (!QFile::exists(path)) {
        return false;
    }
    if (!QFile::remove(path)) {
        return makeError(ErrorKind::Io, QStringLiteral("Cannot remove %1.").arg(path));
    }
    return true;
}

QStringList TrustStore::repositories() const
{
    QStringList out;
    const QDir dir(m_folder + QStringLiteral("/repos"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        out << QUrl::fromPercentEncoding(name.chopped(5).toLatin1());
    }
    return out;
}

} // namespace drydock::trust
