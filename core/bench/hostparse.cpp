// SPDX-License-Identifier: GPL-3.0-or-later
// The host probe's pure parsers: dockerd's flags, daemon.json, audit rules,
// containerd's config.toml, docker hosts. Declared in hostprobe.h.
#include "hostprobe.h"

#include "checkhelpers.h"

#include <QDir>
#include <QRegularExpression>

#include <array>
#include <string_view>

namespace drydock::bench {

namespace {

enum class FlagKind {
    Bool,
    String,
    List,    // repeatable, collected into an array
    Map,     // repeatable `name=value`, collected into an object
    Ulimit,  // repeatable `name=soft[:hard]`, daemon.json's default-ulimits shape
    Runtime, // repeatable `name=path`, daemon.json's runtimes shape
};

struct FlagSpec
{
    std::string_view name; // long form, without dashes
    std::string_view key;  // daemon.json key
    FlagKind kind;
    char shortName = 0;
};

// dockerd's flags (20.10 to 29), with the daemon.json key each one sets.
// Flags not listed are kept under their own name.
constexpr std::array kFlags = {
    FlagSpec{"debug", "debug", FlagKind::Bool, 'D'},
    FlagSpec{"icc", "icc", FlagKind::Bool},
    FlagSpec{"iptables", "iptables", FlagKind::Bool},
    FlagSpec{"ip6tables", "ip6tables", FlagKind::Bool},
    FlagSpec{"ip-forward", "ip-forward", FlagKind::Bool},
    FlagSpec{"ip-masq", "ip-masq", FlagKind::Bool},
    FlagSpec{"ipv6", "ipv6", FlagKind::Bool},
    FlagSpec{"tls", "tls", FlagKind::Bool},
    FlagSpec{"tlsverify", "tlsverify", FlagKind::Bool},
    FlagSpec{"live-restore", "live-restore", FlagKind::Bool},
    FlagSpec{"userland-proxy", "userland-proxy", FlagKind::Bool},
    FlagSpec{"experimental", "experimental", FlagKind::Bool},
    FlagSpec{"no-new-privileges", "no-new-privileges", FlagKind::Bool},
    FlagSpec{"selinux-enabled", "selinux-enabled", FlagKind::Bool},
    FlagSpec{"rootless", "rootless", FlagKind::Bool},
    FlagSpec{"raw-logs", "raw-logs", FlagKind::Bool},
    FlagSpec{"init", "init", FlagKind::Bool},
    FlagSpec{"validate", "validate", FlagKind::Bool},
    FlagSpec{"disable-legacy-registry", "disable-legacy-registry", FlagKind::Bool},
    FlagSpec{"version", "version", FlagKind::Bool, 'v'},
    FlagSpec{"help", "help", FlagKind::Bool, 'h'},
    FlagSpec{"config-file", "config-file", FlagKind::String},
    FlagSpec{"log-level", "log-level", FlagKind::String, 'l'},
    FlagSpec{"log-driver", "log-driver", FlagKind::String},
    FlagSpec{"group", "group", FlagKind::String, 'G'},
    FlagSpec{"bridge", "bridge", FlagKind::String, 'b'},
    FlagSpec{"data-root", "data-root", FlagKind::String},
    FlagSpec{"graph", "data-root", FlagKind::String, 'g'},
    FlagSpec{"pidfile", "pidfile", FlagKind::String, 'p'},
    FlagSpec{"storage-driver", "storage-driver", FlagKind::String, 's'},
    FlagSpec{"exec-root", "exec-root", FlagKind::String},
    FlagSpec{"containerd", "containerd", FlagKind::String},
    FlagSpec{"tlscacert", "tlscacert", FlagKind::String},
    FlagSpec{"tlscert", "tlscert", FlagKind::String},
    FlagSpec{"tlskey", "tlskey", FlagKind::String},
    FlagSpec{"userns-remap", "userns-remap", FlagKind::String},
    FlagSpec{"cgroup-parent", "cgroup-parent", FlagKind::String},
    FlagSpec{"seccomp-profile", "seccomp-profile", FlagKind::String},
    FlagSpec{"default-runtime", "default-runtime", FlagKind::String},
    FlagSpec{"host", "hosts", FlagKind::List, 'H'},
    FlagSpec{"insecure-registry", "insecure-registries", FlagKind::List},
    FlagSpec{"registry-mirror", "registry-mirrors", FlagKind::List},
    FlagSpec{"storage-opt", "storage-opts", FlagKind::List},
    FlagSpec{"authorization-plugin", "authorization-plugins", FlagKind::List},
    FlagSpec{"label", "labels", FlagKind::List},
    FlagSpec{"dns", "dns", FlagKind::List},
    FlagSpec{"dns-opt", "dns-opts", FlagKind::List},
    FlagSpec{"dns-search", "dns-search", FlagKind::List},
    FlagSpec{"exec-opt", "exec-opts", FlagKind::List},
    FlagSpec{"allow-nondistributable-artifacts", "allow-nondistributable-artifacts",
             FlagKind::List},
    FlagSpec{"node-generic-resource", "node-generic-resources", FlagKind::List},
    FlagSpec{"default-address-pool", "default-address-pools", FlagKind::List},
    FlagSpec{"log-opt", "log-opts", FlagKind::Map},
    FlagSpec{"cluster-store-opt", "cluster-store-opts", FlagKind::Map},
    FlagSpec{"default-ulimit", "default-ulimits", FlagKind::Ulimit},
    FlagSpec{"add-runtime", "runtimes", FlagKind::Runtime},
};

const FlagSpec *findLong(const QString &name)
{
    const QByteArray latin = name.toLatin1();
    const std::string_view wanted(latin.constData(), size_t(latin.size()));
    for (const FlagSpec &spec : kFlags) {
        if (spec.name == wanted) {
            return &spec;
        }
    }
    return nullptr;
}

const FlagSpec *findShort(QChar c)
{
    for (const FlagSpec &spec : kFlags) {
        if (spec.shortName != 0 && QLatin1Char(spec.shortName) == c) {
            return &spec;
        }
    }
    return nullptr;
}

QString keyOf(const FlagSpec &spec)
{
    return QString::fromLatin1(spec.key.data(), qsizetype(spec.key.size()));
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

class FlagCollector
{
public:
    explicit FlagCollector(DaemonConfig &config) : m_config(config) {}

    void add(const FlagSpec &spec, const QString &value, const QString &written)
    {
        const QString key = keyOf(spec);
        DaemonSetting &setting = m_config.settings[key];
        appendSource(setting, written);
        switch (spec.kind) {
        case FlagKind::Bool: {
            const std::optional<bool> parsed = parseGoBool(value);
            if (!parsed) {
                m_config.flagProblems.append(
                    QStringLiteral("%1: \"%2\" is not a boolean").arg(written, value));
                setting.value = utf8(value);
            } else {
                setting.value = *parsed;
            }
            break;
        }
        case FlagKind::String:
            setting.value = utf8(value);
            break;
        case FlagKind::List:
            if (!setting.value.is_array()) {
                setting.value = nlohmann::json::array();
            }
            setting.value.push_back(utf8(value));
            break;
        case FlagKind::Map:
        case FlagKind::Ulimit:
        case FlagKind::Runtime:
            addNamed(spec, setting, value, written);
            break;
        }
    }

    void addUnknown(const QString &name, const std::optional<QString> &value,
                    const QString &written)
    {
        m_config.flagProblems.append(QStringLiteral("%1: not a flag Drydock knows").arg(written));
        DaemonSetting &setting = m_config.settings[name];
        appendSource(setting, written);
        setting.value = value ? nlohmann::json(utf8(*value)) : nlohmann::json(true);
    }

private:
    static void appendSource(DaemonSetting &setting, const QString &written)
    {
        if (setting.source.isEmpty()) {
            setting.source = QStringLiteral("flag ") + written;
        } else {
            setting.source += QLatin1Char(' ') + written;
        }
    }

    void addNamed(const FlagSpec &spec, DaemonSetting &setting, const QString &value,
                  const QString &written)
    {
        const qsizetype eq = value.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            m_config.flagProblems.append(QStringLiteral("%1: expected name=value").arg(written));
            return;
        }
        if (!setting.value.is_object()) {
            setting.value = nlohmann::json::object();
        }
        const std::string name = utf8(value.left(eq));
        const QString rest = value.mid(eq + 1);
        if (spec.kind == FlagKind::Map) {
            setting.value[name] = utf8(rest);
        } else if (spec.kind == FlagKind::Runtime) {
            setting.value[name] = {{"path", utf8(rest)}};
        } else {
            // nofile=1024:2048, or one number for both limits.
            const QStringList limits = rest.split(QLatin1Char(':'));
            bool softOk = false;
            bool hardOk = true;
            const qint64 soft = limits.value(0).toLongLong(&softOk);
            const qint64 hard = limits.size() > 1 ? limits.value(1).toLongLong(&hardOk) : soft;
            if (!softOk || !hardOk || limits.size() > 2) {
                m_config.flagProblems.append(
                    QStringLiteral("%1: expected name=soft[:hard]").arg(written));
            }
            setting.value[name] = {{"Name", name}, {"Soft", soft}, {"Hard", hard}};
        }
    }

    DaemonConfig &m_config;
};

QString stripQuotes(const QString &value)
{
    if (value.size() >= 2 &&
        (value.front() == QLatin1Char('"') || value.front() == QLatin1Char('\'')) &&
        value.back() == value.front()) {
        return value.mid(1, value.size() - 2);
    }
    return value;
}

QString cleanPath(const QString &path)
{
    QString cleaned = QDir::cleanPath(path);
    if (cleaned.size() > 1 && cleaned.endsWith(QLatin1Char('/'))) {
        cleaned.chop(1);
    }
    return cleaned;
}

} // namespace

const DaemonSetting *DaemonConfig::setting(const QString &key) const
{
    const auto it = settings.constFind(key);
    return it == settings.constEnd() ? nullptr : &it.value();
}

std::optional<bool> DaemonConfig::boolValue(const QString &key) const
{
    const DaemonSetting *s = setting(key);
    if (s == nullptr) {
        return std::nullopt;
    }
    if (s->value.is_boolean()) {
        return s->value.get<bool>();
    }
    if (s->value.is_string()) {
        return parseGoBool(QString::fromStdString(s->value.get<std::string>()));
    }
    return std::nullopt;
}

QString DaemonConfig::stringValue(const QString &key) const
{
    const DaemonSetting *s = setting(key);
    if (s == nullptr || !s->value.is_string()) {
        return {};
    }
    return QString::fromStdString(s->value.get<std::string>());
}

QStringList DaemonConfig::listValue(const QString &key) const
{
    const DaemonSetting *s = setting(key);
    QStringList out;
    if (s == nullptr) {
        return out;
    }
    const auto text = [](const nlohmann::json &v) {
        return v.is_string() ? QString::fromStdString(v.get<std::string>())
                             : QString::fromStdString(v.dump());
    };
    if (s->value.is_array()) {
        for (const nlohmann::json &v : s->value) {
            out.append(text(v));
        }
    } else if (!s->value.is_null()) {
        out.append(text(s->value));
    }
    return out;
}

DaemonConfig parseDockerdArguments(const QStringList &arguments)
{
    DaemonConfig config;
    FlagCollector collect(config);
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--")) {
            for (qsizetype j = i + 1; j < arguments.size(); ++j) {
                config.flagProblems.append(
                    QStringLiteral("%1: dockerd takes no arguments").arg(arguments.at(j)));
            }
            break;
        }
        if (arg.startsWith(QLatin1String("--"))) {
            const qsizetype eq = arg.indexOf(QLatin1Char('='));
            const QString name = arg.mid(2, eq < 0 ? -1 : eq - 2);
            const FlagSpec *spec = findLong(name);
            std::optional<QString> value;
            if (eq >= 0) {
                value = arg.mid(eq + 1);
            }
            if (spec == nullptr) {
                collect.addUnknown(name, value, arg);
                continue;
            }
            if (spec->kind == FlagKind::Bool) {
                // pflag never takes a boolean's value from the next argument.
                collect.add(*spec, value.value_or(QStringLiteral("true")), arg);
                continue;
            }
            if (!value) {
                if (i + 1 >= arguments.size()) {
                    config.flagProblems.append(QStringLiteral("%1: needs a value").arg(arg));
                    continue;
                }
                value = arguments.at(++i);
                collect.add(*spec, *value, arg + QLatin1Char(' ') + *value);
                continue;
            }
            collect.add(*spec, *value, arg);
            continue;
        }
        if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            // Shorthands combine: -Dl info, -Dlinfo, -H=unix://..., -Hunix://...
            for (qsizetype c = 1; c < arg.size(); ++c) {
                const FlagSpec *spec = findShort(arg.at(c));
                if (spec == nullptr) {
                    config.flagProblems.append(
                        QStringLiteral("%1: unknown shorthand -%2").arg(arg, arg.at(c)));
                    break;
                }
                QString rest = arg.mid(c + 1);
                const bool hasEquals = rest.startsWith(QLatin1Char('='));
                if (hasEquals) {
                    rest = rest.mid(1);
                }
                if (spec->kind == FlagKind::Bool) {
                    if (hasEquals) {
                        collect.add(*spec, rest, arg);
                        break;
                    }
                    collect.add(*spec, QStringLiteral("true"), QLatin1Char('-') + arg.at(c));
                    continue;
                }
                if (!rest.isEmpty() || hasEquals) {
                    collect.add(*spec, rest, arg);
                } else if (i + 1 < arguments.size()) {
                    const QString value = arguments.at(++i);
                    collect.add(*spec, value,
                                QLatin1Char('-') + arg.at(c) + QLatin1Char(' ') + value);
                } else {
                    config.flagProblems.append(QStringLiteral("%1: needs a value").arg(arg));
                }
                break;
            }
            continue;
        }
        config.flagProblems.append(QStringLiteral("%1: dockerd takes no arguments").arg(arg));
    }
    return config;
}

void mergeDaemonJson(DaemonConfig &config, const QByteArray &text)
{
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text.constData(), text.constData() + text.size());
    } catch (const nlohmann::json::exception &e) {
        config.configError = QStringLiteral("%1 is not valid JSON (%2).")
                                 .arg(config.configFile, QString::fromUtf8(e.what()));
        return;
    }
    if (!doc.is_object()) {
        config.configError =
            QStringLiteral("%1 does not hold a JSON object.").arg(config.configFile);
        return;
    }
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        QString key = QString::fromStdString(it.key());
        if (key == QLatin1String("graph")) {
            key = QStringLiteral("data-root"); // the old name of the same setting
        }
        if (config.settings.contains(key)) {
            config.conflicts.append(key);
            continue;
        }
        config.settings.insert(key, DaemonSetting{it.value(), config.configFile});
    }
}

QList<AuditRule> parseAuditRules(const QString &text, const QString &source)
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    QList<AuditRule> rules;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        const QStringList tokens = line.split(space, Qt::SkipEmptyParts);
        const QString &option = tokens.first();
        // auditctl applies the lines in order: -D deletes every rule loaded
        // so far, -W and -d delete the watch or rule they repeat, so a
        // watch followed by its removal audits nothing.
        if (option == QLatin1String("-D")) {
            rules.clear();
            continue;
        }
        if ((option == QLatin1String("-w") || option == QLatin1String("-W")) && tokens.size() > 1) {
            const QString path = cleanPath(tokens.at(1));
            if (option == QLatin1String("-W")) {
                rules.removeIf(
                    [&](const AuditRule &r) { return r.coversChildren && r.path == path; });
            } else {
                rules.append(AuditRule{path, true, line, source});
            }
            continue;
        }
        const bool remove = option == QLatin1String("-d");
        if (option != QLatin1String("-a") && option != QLatin1String("-A") && !remove) {
            continue; // -b, -e, -f... add no watch
        }
        if (!remove && tokens.size() > 1 && tokens.at(1).contains(QLatin1String("never"))) {
            continue; // a rule that suppresses auditing audits nothing
        }
        for (qsizetype i = 0; i + 1 < tokens.size(); ++i) {
            if (tokens.at(i) != QLatin1String("-F")) {
                continue;
            }
            const QString field = tokens.at(i + 1);
            std::optional<AuditRule> rule;
            if (field.startsWith(QLatin1String("path="))) {
                rule = AuditRule{cleanPath(stripQuotes(field.mid(5))), false, line, source};
            } else if (field.startsWith(QLatin1String("dir="))) {
                rule = AuditRule{cleanPath(stripQuotes(field.mid(4))), true, line, source};
            }
            if (rule && remove) {
                rules.removeIf([&](const AuditRule &r) {
                    return r.path == rule->path && r.coversChildren == rule->coversChildren;
                });
            } else if (rule) {
                rules.append(*rule);
            }
        }
    }
    return rules;
}

const AuditRule *findAuditRule(const QList<AuditRule> &rules, const QString &path)
{
    if (path.isEmpty()) {
        return nullptr;
    }
    const QString wanted = cleanPath(path);
    for (const AuditRule &rule : rules) {
        if (rule.path == wanted) {
            return &rule;
        }
    }
    // A tree watch on a parent directory audits everything below it.
    for (const AuditRule &rule : rules) {
        if (!rule.coversChildren) {
            continue;
        }
        const QString prefix =
            rule.path.endsWith(QLatin1Char('/')) ? rule.path : rule.path + QLatin1Char('/');
        if (wanted.startsWith(prefix)) {
            return &rule;
        }
    }
    return nullptr;
}

ContainerdConfigValues parseContainerdConfig(const QString &toml)
{
    ContainerdConfigValues values;
    QString table;
    const QStringList lines = toml.split(QLatin1Char('\n'));
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        if (line.startsWith(QLatin1Char('['))) {
            table = line.mid(1, line.indexOf(QLatin1Char(']')) - 1).trimmed();
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            continue;
        }
        const QString key = line.left(eq).trimmed();
        QString value = line.mid(eq + 1).trimmed();
        const qsizetype hash = value.indexOf(QLatin1String(" #"));
        if (hash > 0) {
            value = value.left(hash).trimmed();
        }
        value = stripQuotes(value);
        if (table.isEmpty() && key == QLatin1String("state")) {
            values.state = value;
        } else if (table == QLatin1String("grpc") && key == QLatin1String("address")) {
            values.grpcAddress = value;
        }
    }
    return values;
}

QString unixSocketOfHost(const QString &host, const QString &socketUnitListen)
{
    if (host.startsWith(QLatin1String("unix://"))) {
        const QString path = host.mid(7);
        return path.isEmpty() ? QStringLiteral("/var/run/docker.sock") : path;
    }
    if (host.startsWith(QLatin1String("fd://"))) {
        return socketUnitListen; // systemd socket activation: docker.socket's ListenStream
    }
    return {}; // tcp://, ssh://, or a bare address, which dockerd reads as tcp
}

} // namespace drydock::bench
