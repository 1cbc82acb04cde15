// SPDX-License-Identifier: GPL-3.0-or-later
// What the host probe (hostprobe.cpp) reads off this machine for sections
// 1-3: processes, daemon configuration, files and their modes, audit rules,
// mounts. Every fact that could not be read carries the reason instead.
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <utility>

namespace drydock::bench {

enum class FileType {
    Missing, // stat said ENOENT (or ENOTDIR)
    Regular,
    Directory,
    Socket,
    Other,
};

// stat() of one host path, following symlinks. `error` is set when the path
// could not be examined for another reason than not existing (EACCES...).
struct FileFacts
{
    QString path;     // as the checks name it ("/etc/docker/daemon.json")
    QString realPath; // after symlinks, when it differs from path
    FileType type = FileType::Missing;
    QString error;
    unsigned uid = 0;
    unsigned gid = 0;
    QString owner;     // name from the host's /etc/passwd, else the number
    QString group;     // name from the host's /etc/group, else the number
    unsigned mode = 0; // permission bits only (07777)
    quint64 device = 0;

    bool examined() const { return error.isEmpty(); }
    bool exists() const { return examined() && type != FileType::Missing; }
};

// One process seen in /proc.
struct ProcessFacts
{
    qint64 pid = 0;
    qint64 ppid = 0;
    unsigned uid = 0;                   // real uid
    QString exe;                        // /proc/<pid>/exe target, else resolved from argv[0]
    QString exeSource;                  // "/proc/<pid>/exe" or why it came from argv[0]
    QStringList arguments;              // argv, argv[0] included
    QMap<QString, QString> environment; // empty when environError is set
    QString environError;
};

// One effective daemon setting, in daemon.json's key space.
struct DaemonSetting
{
    nlohmann::json value; // bool, string, array of strings or object
    QString source;       // "flag --icc=false" or the config file's path

    bool operator==(const DaemonSetting &) const = default;
};

// dockerd's flags merged with its configuration file.
struct DaemonConfig
{
    QString configFile; // --config-file, else /etc/docker/daemon.json
    bool configFileExists = false;
    QString configError;      // unreadable or bad JSON: names the file; empty when fine
    QStringList flagProblems; // malformed or positional arguments, as dockerd would see them
    QStringList conflicts;    // keys set both as a flag and in the file (dockerd refuses those)
    QMap<QString, DaemonSetting> settings;

    bool has(const QString &key) const { return settings.contains(key); }
    const DaemonSetting *setting(const QString &key) const;
    // Boolean value: a JSON bool, or a string Go's strconv.ParseBool accepts.
    std::optional<bool> boolValue(const QString &key) const;
    QString stringValue(const QString &key) const;   // empty when unset or not a string
    QStringList listValue(const QString &key) const; // array (or one string) as strings
};

// One audit watch: `-w PATH`, `-F path=PATH` or `-F dir=PATH`.
struct AuditRule
{
    QString path;
    bool coversChildren = false; // -w and dir= watch a tree; path= one file
    QString text;                // the rule as written
    QString source;              // "auditctl -l" or the rules file
};

struct AuditFacts
{
    QString source; // "auditctl -l", or the rule files read, comma separated
    QList<AuditRule> rules;
    QString error;               // no source could be read: why (permission denied...)
    QStringList notes;           // e.g. why auditctl was not used
    bool auditInstalled = false; // auditctl or /etc/audit exists
};

// 1.1.1: DockerRootDir against its parent, by device numbers.
struct PartitionFacts
{
    QString path;       // DockerRootDir
    QString pathSource; // "GET /info DockerRootDir", "data-root setting", "default"
    FileFacts dir;
    FileFacts parent;
    QString mountPoint; // from mountinfo: the mount holding `path`
    QString fsType;
    QString mountSource;
    QString mountError; // mountinfo unreadable
};

struct GroupFacts
{
    QString name; // "docker", or dockerd's --group
    bool exists = false;
    unsigned gid = 0;
    QStringList members;        // from /etc/group
    QStringList primaryMembers; // users whose primary group it is (/etc/passwd)
    QString error;              // /etc/group unreadable
};

// A sensitive path with the role it plays, and how the probe found it.
struct LocatedPath
{
    LocatedPath() = default;
    LocatedPath(QString path_, QString source_, QString error_ = {})
        : path(std::move(path_)), source(std::move(source_)), error(std::move(error_))
    {}

    QString path;   // empty when it could not be located at all
    QString source; // "/proc/123/exe", "--containerd flag", "found in /lib/systemd/system"...
    QString error;  // set when the file naming it could not be read: the path is unknown
};

struct HostFacts
{
    QString rootPrefix; // "" on the real host

    std::optional<ProcessFacts> dockerd;
    QString dockerdProblem; // not found / several found: why and which was taken
    std::optional<ProcessFacts> containerd;
    QString containerdProblem;
    bool containerdManagedByDockerd = false; // child of dockerd, config generated by it
    QList<qint64> dockerProxyPids;           // running docker-proxy processes

    DaemonConfig daemon;
    bool daemonKnown = false; // dockerd's arguments were read

    // Roles: "dockerd", "containerd", "containerd-shim", "containerd-shim-runc-v1",
    // "containerd-shim-runc-v2", "runc", "docker.service", "docker.socket",
    // "containerd.service", "docker-socket", "containerd-socket", "containerd-config",
    // "containerd-state", "daemon.json", "/etc/docker", "/etc/default/docker",
    // "/etc/sysconfig/docker", "tlscacert", "tlscert", "tlskey".
    QMap<QString, LocatedPath> located;
    QMap<QString, QStringList> unitDropIns; // unit name -> its *.d/*.conf files
    QStringList dockerSockets; // every unix socket dockerd listens on; the first is located
    QStringList tcpHosts;      // tcp:// entries dockerd listens on

    QStringList registryCertFiles; // every regular file under /etc/docker/certs.d
    QString registryCertError;     // certs.d unreadable

    QMap<QString, FileFacts> files; // every path stat'ed, by path

    AuditFacts audit;
    PartitionFacts dataRoot;
    GroupFacts dockerGroup;

    // The facts for `path`, or a FileFacts whose error says it was not probed.
    FileFacts file(const QString &path) const;
    LocatedPath locate(const QString &role) const { return located.value(role); }
};

} // namespace drydock::bench
