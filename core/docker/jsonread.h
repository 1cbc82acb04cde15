// SPDX-License-Identifier: GPL-3.0-or-later
// Tolerant readers for engine documents: a missing or null field, or one of
// another type, reads as the default. Used only by the model parsers, which
// check the documents' overall shape themselves.
#pragma once

#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace drydock::docker {

const nlohmann::json &member(const nlohmann::json &object, const char *key);
const nlohmann::json &array(const nlohmann::json &object, const char *key);
bool has(const nlohmann::json &object, const char *key); // present and not null
QString str(const nlohmann::json &object, const char *key);
qint64 integer(const nlohmann::json &object, const char *key, qint64 fallback = 0);
bool boolean(const nlohmann::json &object, const char *key, bool fallback = false);
QStringList strList(const nlohmann::json &object, const char *key); // a string reads as one item
QMap<QString, QString> strMap(const nlohmann::json &object, const char *key);
QStringList keys(const nlohmann::json &object, const char *key);
QDateTime timestamp(const nlohmann::json &object, const char *key); // RFC 3339
QDateTime epoch(const nlohmann::json &object, const char *key);     // seconds

} // namespace drydock::docker
