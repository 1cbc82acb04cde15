// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonread.h"

namespace drydock::docker {

using nlohmann::json;

namespace {
const json &nullJson()
{
    static const json value;
    return value;
}
const json &emptyArray()
{
    static const json value = json::array();
    return value;
}
} // namespace

const json &member(const json &object, const char *key)
{
    if (!object.is_object()) {
        return nullJson();
    }
    const auto it = object.find(key);
    return it == object.end() ? nullJson() : *it;
}

const json &array(const json &object, const char *key)
{
    const json &value = member(object, key);
    return value.is_array() ? value : emptyArray();
}

bool has(const json &object, const char *key)
{
    return !member(object, key).is_null();
}

QString str(const json &object, const char *key)
{
    const json &value = member(object, key);
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

qint64 integer(const json &object, const char *key, qint64 fallback)
{
    const json &value = member(object, key);
    if (value.is_number_integer()) {
        return value.get<qint64>();
    }
    if (value.is_number_float()) {
        return qint64(value.get<double>());
    }
    return fallback;
}

bool boolean(const json &object, const char *key, bool fallback)
{
    const json &value = member(object, key);
    return value.is_boolean() ? value.get<bool>() : fallback;
}

QStringList strList(const json &object, const char *key)
{
    const json &value = member(object, key);
    QStringList list;
    if (value.is_string()) {
        list.append(QString::fromStdString(value.get<std::string>()));
    } else if (value.is_array()) {
        for (const json &item : value) {
            if (item.is_string()) {
                list.append(QString::fromStdString(item.get<std::string>()));
            }
        }
    }
    return list;
}

QMap<QString, QString> strMap(const json &object, const char *key)
{
    QMap<QString, QString> map;
    const json &value = member(object, key);
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            map.insert(QString::fromStdString(it.key()),
                       it.value().is_string()
                           ? QString::fromStdString(it.value().get<std::string>())
                           : QString::fromStdString(it.value().dump()));
        }
    }
    return map;
}

QStringList keys(const json &object, const char *key)
{
    QStringList list;
    const json &value = member(object, key);
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            list.append(QString::fromStdString(it.key()));
        }
    }
    return list;
}

QDateTime timestamp(const json &object, const char *key)
{
    const QString text = str(object, key);
    if (text.isEmpty() || text.startsWith(QLatin1String("0001-01-01"))) {
        return {};
    }
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

QDateTime epoch(const json &object, const char *key)
{
    const qint64 seconds = integer(object, key, -1);
    return seconds < 0 ? QDateTime() : QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

} // namespace drydock::docker
