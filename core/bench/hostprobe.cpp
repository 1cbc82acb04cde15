// SPDX-License-Identifier: GPL-3.0-or-later
// The host probe: /proc, dockerd's and containerd's configuration, systemd
// units, file modes, audit rules and mounts, read into HostFacts.
#include "hostprobe.h"

#include "util/logging.h"
#include "util/process.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cstdlib>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace drydock::bench {

namespace {

// systemd's system unit folders, in the order systemd looks (first wins).
const QStringList &unitFolders()
{
    static const QStringList folders = {
        QStringLiteral("/etc/systemd/system"), QStringLiteral("/run/systemd/system"),
        QStringLiteral("/usr/local/lib/systemd/system"), QStringLiteral("/usr/lib/systemd/system"),
        QStringLiteral("/lib/systemd/system")};
    return folders;
}

// Where a program is looked for when no running process names it.
const QStringList &standardBinFolders()
{
    static const QStringList folders = {
        QStringLiteral("/usr/local/sbin"), QStringLiteral("/usr/local/bin"),
        QStringLiteral("/usr/sbin"),       QStringLiteral("/usr/bin"),
        QStringLiteral("/sbin"),           QStringLiteral("/bin")};
    return folders;
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString parentOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    if (slash <= 0) {
        return QStringLiteral("/");
    }
    return path.left(slash);
}

QString baseName(const QString &path)
{
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

struct ReadOutcome
{
    bool exists = false;
    QByteArray data;
    QString error; // set when it exists but could not be read
};

struct UserDb
{
    QMap<unsigned, QString> users;
    QMap<unsigned, QString> groups;
    struct Group
    {
        unsigned gid = 0;
        QStringList members;
    };
    QMap<QString, Group> groupsByName;
    QMap<QString, unsigned> primaryGid; // user -> primary gid
    QString groupError;
};

class Probe
{
public:
    explicit Probe(const HostProbeOptions &options) : m_options(options)
    {
        m_facts.rootPrefix = options.rootPrefix;
    }

    HostFacts run()
    {
        loadUserDb();
        scanProcesses();
        readDaemonConfig();
        locateUnits();
        locateSockets();
        locateContainerd();
        locateBinaries();
        locateConfigFiles();
        listRegistryCerts();
        statEverything();
        readAuditRules();
        probePartition();
        readDockerGroup();
        return std::move(m_facts);
    }

private:
    QString onHost(const QString &path) const { return m_options.rootPrefix + path; }

    ReadOutcome readFile(const QString &path) const
    {
        ReadOutcome outcome;
        QFile file(onHost(path));
        if (!file.open(QIODevice::ReadOnly)) {
            const int error = errno;
            if (error == ENOENT || error == ENOTDIR) {
                return outcome;
            }
            outcome.exists = true;
            outcome.error = QStringLiteral("Cannot read %1: %2.").arg(path, errnoText(error));
            return outcome;
        }
        outcome.exists = true;
        outcome.data = file.readAll();
        return outcome;
    }

    FileFacts statPath(const QString &path) const
    {
        FileFacts facts;
        facts.path = path;
        struct stat st = {};
        const QByteArray native = QFile::encodeName(onHost(path));
        if (::stat(native.constData(), &st) != 0) {
            const int error = errno;
            if (error != ENOENT && error != ENOTDIR) {
                facts.error = QStringLiteral("Cannot examine %1: %2.").arg(path, errnoText(error));
            }
            return facts;
        }
        if (S_ISREG(st.st_mode)) {
            facts.type = FileType::Regular;
        } else if (S_ISDIR(st.st_mode)) {
            facts.type = FileType::Directory;
        } else if (S_ISSOCK(st.st_mode)) {
            facts.type = FileType::Socket;
        } else {
            facts.type = FileType::Other;
        }
        facts.uid = st.st_uid;
        facts.gid = st.st_gid;
        facts.mode = st.st_mode & 07777;
        facts.device = st.st_dev;
        facts.owner = m_users.users.value(facts.uid, QString::number(facts.uid));
        facts.group = m_users.groups.value(facts.gid, QString::number(facts.gid));
        const QString real = realPath(path);
        if (!real.isEmpty() && real != path) {
            facts.realPath = real;
        }
        return facts;
    }

    QString realPath(const QString &path) const
    {
        char *resolved = ::realpath(QFile::encodeName(onHost(path)).constData(), nullptr);
        if (resolved == nullptr) {
            return {};
        }
        QString real = QFile::decodeName(resolved);
        std::free(resolved);
        const QString &prefix = m_options.rootPrefix;
        if (!prefix.isEmpty()) {
            if (!real.startsWith(prefix + QLatin1Char('/'))) {
                return {};
            }
            real = real.mid(prefix.size());
        }
        return real;
    }

    bool isExecutableFile(const QString &path) const
    {
        struct stat st = {};
        const QByteArray native = QFile::encodeName(onHost(path));
        return ::stat(native.constData(), &st) == 0 && S_ISREG(st.st_mode) &&
               (st.st_mode & 0111) != 0;
    }

    void loadUserDb()
    {
        const ReadOutcome passwd = readFile(QStringLiteral("/etc/passwd"));
        for (const QByteArray &line : passwd.data.split('\n')) {
            const QList<QByteArray> fields = line.split(':');
            if (fields.size() < 4) {
                continue;
            }
            const QString name = QString::fromUtf8(fields.at(0));
            m_users.users.insert(fields.at(2).toUInt(), name);
            m_users.primaryGid.insert(name, fields.at(3).toUInt());
        }
        const ReadOutcome group = readFile(QStringLiteral("/etc/group"));
        if (!group.error.isEmpty()) {
            m_users.groupError = group.error;
        } else if (!group.exists) {
            m_users.groupError =
                QStringLiteral("%1 does not exist.").arg(QStringLiteral("/etc/group"));
        }
        for (const QByteArray &line : group.data.split('\n')) {
            const QList<QByteArray> fields = line.split(':');
            if (fields.size() < 4) {
                continue;
            }
            const QString name = QString::fromUtf8(fields.at(0));
            UserDb::Group entry;
            entry.gid = fields.at(2).toUInt();
            const QString members = QString::fromUtf8(fields.at(3)).trimmed();
            if (!members.isEmpty()) {
                entry.members = members.split(QLatin1Char(','), Qt::SkipEmptyParts);
            }
            m_users.groups.insert(entry.gid, name);
            m_users.groupsByName.insert(name, entry);
        }
    }

    ProcessFacts readProcess(qint64 pid) const
    {
        ProcessFacts process;
        process.pid = pid;
        const QString dir = QStringLiteral("/proc/%1/").arg(pid);
        const QByteArray cmdline = readFile(dir + QStringLiteral("cmdline")).data;
        for (const QByteArray &arg : cmdline.split('\0')) {
            process.arguments.append(QString::fromLocal8Bit(arg));
        }
        if (!process.arguments.isEmpty() && process.arguments.last().isEmpty()) {
            process.arguments.removeLast();
        }
        const QByteArray status = readFile(dir + QStringLiteral("status")).data;
        for (const QByteArray &line : status.split('\n')) {
            if (line.startsWith("PPid:")) {
                process.ppid = line.mid(5).trimmed().toLongLong();
            } else if (line.startsWith("Uid:")) {
                process.uid = line.mid(4).simplified().split(' ').value(0).toUInt();
            }
        }
        char target[4096];
        const QByteArray exeLink = QFile::encodeName(onHost(dir + QStringLiteral("exe")));
        const ssize_t length = ::readlink(exeLink.constData(), target, sizeof target - 1);
        if (length > 0) {
            QString exe = QFile::decodeName(QByteArray(target, length));
            // The binary was replaced (package upgrade) while dockerd kept running.
            if (exe.endsWith(QLatin1String(" (deleted)"))) {
                exe.chop(10);
            }
            process.exe = exe;
            process.exeSource = dir + QStringLiteral("exe");
        } else {
            const QString why = errnoText(errno);
            const QString argv0 = process.arguments.value(0);
            process.exe =
                argv0.startsWith(QLatin1Char('/')) ? argv0 : findOnPath(baseName(argv0), {});
            process.exeSource =
                QStringLiteral("argv[0] \"%1\" (%2exe unreadable: %3)").arg(argv0, dir, why);
        }
        const ReadOutcome environ = readFile(dir + QStringLiteral("environ"));
        if (!environ.error.isEmpty()) {
            process.environError = environ.error;
        }
        for (const QByteArray &entry : environ.data.split('\0')) {
            const qsizetype eq = entry.indexOf('=');
            if (eq > 0) {
                process.environment.insert(QString::fromLocal8Bit(entry.left(eq)),
                                           QString::fromLocal8Bit(entry.mid(eq + 1)));
            }
        }
        return process;
    }

    // The first executable `name` in `extraFolders`, then the usual folders.
    QString findOnPath(const QString &name, const QStringList &extraFolders) const
    {
        if (name.isEmpty()) {
            return {};
        }
        QStringList folders = extraFolders;
        folders.append(standardBinFolders());
        for (const QString &folder : std::as_const(folders)) {
            const QString candidate = folder + QLatin1Char('/') + name;
            if (!folder.isEmpty() && isExecutableFile(candidate)) {
                return candidate;
            }
        }
        return {};
    }

    void scanProcesses()
    {
        const QString procDir = onHost(QStringLiteral("/proc"));
        DIR *dir = ::opendir(QFile::encodeName(procDir).constData());
        if (dir == nullptr) {
            const QString why = errnoText(errno);
            m_facts.dockerdProblem = QStringLiteral("Cannot list /proc: %1.").arg(why);
            m_facts.containerdProblem = m_facts.dockerdProblem;
            return;
        }
        QList<ProcessFacts> dockerds;
        QList<ProcessFacts> containerds;
        while (dirent *entry = ::readdir(dir)) {
            bool numeric = false;
            const qint64 pid = QByteArray(entry->d_name).toLongLong(&numeric);
            if (!numeric) {
                continue;
            }
            const QString comm = QString::fromLocal8Bit(
                readFile(QStringLiteral("/proc/%1/comm").arg(pid)).data.trimmed());
            if (comm == QLatin1String("dockerd")) {
                dockerds.append(readProcess(pid));
            } else if (comm == QLatin1String("containerd")) {
                containerds.append(readProcess(pid));
            } else if (comm == QLatin1String("docker-proxy")) {
                m_facts.dockerProxyPids.append(pid);
            } else if (comm.startsWith(QLatin1String("containerd-shim"))) {
                const ProcessFacts shim = readProcess(pid);
                if (!shim.exe.isEmpty()) {
                    m_runningShims.insert(baseName(shim.exe), shim.exe);
                }
            }
        }
        ::closedir(dir);
        std::sort(dockerds.begin(), dockerds.end(),
                  [](const ProcessFacts &a, const ProcessFacts &b) { return a.pid < b.pid; });
        std::sort(containerds.begin(), containerds.end(),
                  [](const ProcessFacts &a, const ProcessFacts &b) { return a.pid < b.pid; });
        pickDockerd(dockerds);
        pickContainerd(containerds);
    }

    QStringList socketsOf(const ProcessFacts &process) const
    {
        const DaemonConfig flags = parseDockerdArguments(process.arguments.mid(1));
        QStringList sockets;
        for (const QString &host : flags.listValue(QStringLiteral("hosts"))) {
            const QString socket = unixSocketOfHost(host, QString());
            if (!socket.isEmpty()) {
                sockets.append(socket);
            }
        }
        if (sockets.isEmpty() && !flags.has(QStringLiteral("hosts"))) {
            sockets.append(defaultSocket(process));
        }
        return sockets;
    }

    static QString defaultSocket(const ProcessFacts &process)
    {
        const QString runtimeDir = process.environment.value(QStringLiteral("XDG_RUNTIME_DIR"));
        if (process.uid != 0 && !runtimeDir.isEmpty()) {
            return runtimeDir + QStringLiteral("/docker.sock"); // rootless
        }
        return QStringLiteral("/var/run/docker.sock");
    }

    // /var/run is a symlink to /run nearly everywhere; compare real paths.
    QString canonicalSocket(const QString &path) const
    {
        const QString real = realPath(path);
        return real.isEmpty() ? path : real;
    }

    void pickDockerd(const QList<ProcessFacts> &dockerds)
    {
        if (dockerds.isEmpty()) {
            m_facts.dockerdProblem =
                QStringLiteral("No dockerd process is visible in /proc (it runs elsewhere, in "
                               "another PID namespace, or /proc is mounted with hidepid).");
            return;
        }
        if (dockerds.size() == 1) {
            m_facts.dockerd = dockerds.first();
            return;
        }
        if (!m_options.engineSocket.isEmpty()) {
            const QString wanted = canonicalSocket(m_options.engineSocket);
            for (const ProcessFacts &process : dockerds) {
                for (const QString &socket : socketsOf(process)) {
                    if (canonicalSocket(socket) == wanted) {
                        m_facts.dockerd = process;
                        m_facts.dockerdProblem =
                            QStringLiteral("%1 dockerd processes run; took pid %2, which "
                                           "listens on %3.")
                                .arg(dockerds.size())
                                .arg(process.pid)
                                .arg(m_options.engineSocket);
                        return;
                    }
                }
            }
        }
        const auto root = std::find_if(dockerds.begin(), dockerds.end(),
                                       [](const ProcessFacts &p) { return p.uid == 0; });
        m_facts.dockerd = root != dockerds.end() ? *root : dockerds.first();
        m_facts.dockerdProblem =
            QStringLiteral("%1 dockerd processes run and none is known to serve this engine's "
                           "socket; took pid %2.")
                .arg(dockerds.size())
                .arg(m_facts.dockerd->pid);
    }

    static QString argumentValue(const QStringList &args, const QString &longName,
                                 const QString &shortName)
    {
        for (qsizetype i = 1; i < args.size(); ++i) {
            const QString &arg = args.at(i);
            for (const QString &name : {longName, shortName}) {
                if (arg == name && i + 1 < args.size()) {
                    return args.at(i + 1);
                }
                if (arg.startsWith(name + QLatin1Char('='))) {
                    return arg.mid(name.size() + 1);
                }
            }
        }
        return {};
    }

    void pickContainerd(const QList<ProcessFacts> &containerds)
    {
        if (containerds.isEmpty()) {
            m_facts.containerdProblem =
                QStringLiteral("No containerd process is visible in /proc.");
            return;
        }
        // The one dockerd started (its child), else the one dockerd points at
        // with --containerd, else the first.
        if (m_facts.dockerd) {
            for (const ProcessFacts &process : containerds) {
                if (process.ppid == m_facts.dockerd->pid) {
                    m_facts.containerd = process;
                    m_facts.containerdManagedByDockerd = true;
                    return;
                }
            }
            const QString wanted = argumentValue(m_facts.dockerd->arguments,
                                                 QStringLiteral("--containerd"), QString());
            for (const ProcessFacts &process : containerds) {
                if (!wanted.isEmpty() && containerdAddress(process).path == wanted) {
                    m_facts.containerd = process;
                    return;
                }
            }
        }
        m_facts.containerd = containerds.first();
        if (containerds.size() > 1) {
            m_facts.containerdProblem = QStringLiteral("%1 containerd processes run; took pid %2.")
                                            .arg(containerds.size())
                                            .arg(containerds.first().pid);
        }
    }

    LocatedPath containerdConfigOf(const ProcessFacts &process) const
    {
        const QString config =
            argumentValue(process.arguments, QStringLiteral("--config"), QStringLiteral("-c"));
        if (!config.isEmpty()) {
            return {config, QStringLiteral("containerd --config (pid %1)").arg(process.pid)};
        }
        return {QStringLiteral("/etc/containerd/config.toml"),
                QStringLiteral("containerd's default (pid %1 names no --config)").arg(process.pid)};
    }

    LocatedPath containerdAddress(const ProcessFacts &process) const
    {
        const QString address =
            argumentValue(process.arguments, QStringLiteral("--address"), QStringLiteral("-a"));
        if (!address.isEmpty()) {
            return {address, QStringLiteral("containerd --address (pid %1)").arg(process.pid)};
        }
        const LocatedPath config = containerdConfigOf(process);
        const ReadOutcome text = readFile(config.path);
        if (!text.error.isEmpty()) {
            return {QString(), config.source, text.error};
        }
        const ContainerdConfigValues values = parseContainerdConfig(QString::fromUtf8(text.data));
        if (!values.grpcAddress.isEmpty()) {
            return {
                values.grpcAddress,
                QStringLiteral("[grpc] address in %1 (pid %2)").arg(config.path).arg(process.pid)};
        }
        return {QStringLiteral("/run/containerd/containerd.sock"),
                QStringLiteral("containerd's default (pid %1)").arg(process.pid)};
    }

    void readDaemonConfig()
    {
        DaemonConfig &config = m_facts.daemon;
        if (!m_facts.dockerd) {
            config.configFile = QStringLiteral("/etc/docker/daemon.json");
            return;
        }
        const ProcessFacts &dockerd = *m_facts.dockerd;
        config = parseDockerdArguments(dockerd.arguments.mid(1));
        m_facts.daemonKnown = true;
        config.configFile = config.stringValue(QStringLiteral("config-file"));
        if (config.configFile.isEmpty()) {
            config.configFile = QStringLiteral("/etc/docker/daemon.json");
            if (dockerd.uid != 0) {
                // Rootless dockerd reads the user's own configuration folder.
                QString base = dockerd.environment.value(QStringLiteral("XDG_CONFIG_HOME"));
                if (base.isEmpty() && dockerd.environment.contains(QStringLiteral("HOME"))) {
                    base = dockerd.environment.value(QStringLiteral("HOME")) +
                           QStringLiteral("/.config");
                }
                if (!base.isEmpty()) {
                    config.configFile = base + QStringLiteral("/docker/daemon.json");
                }
            }
        }
        const ReadOutcome text = readFile(config.configFile);
        config.configFileExists = text.exists;
        if (!text.error.isEmpty()) {
            config.configError = text.error;
        } else if (text.exists) {
            mergeDaemonJson(config, text.data);
        }
    }

    void locateUnits()
    {
        for (const QString &unit :
             {QStringLiteral("docker.service"), QStringLiteral("docker.socket"),
              QStringLiteral("containerd.service")}) {
            QStringList dropIns;
            for (const QString &folder : unitFolders()) {
                const QString path = folder + QLatin1Char('/') + unit;
                if (!m_facts.located.contains(unit) && statPath(path).type != FileType::Missing) {
                    m_facts.located.insert(unit, {path, QStringLiteral("found in %1").arg(folder)});
                }
                const QDir dropInDir(onHost(path + QStringLiteral(".d")));
                const QStringList confs =
                    dropInDir.entryList({QStringLiteral("*.conf")}, QDir::Files, QDir::Name);
                for (const QString &conf : confs) {
                    dropIns.append(path + QStringLiteral(".d/") + conf);
                }
            }
            if (!dropIns.isEmpty()) {
                m_facts.unitDropIns.insert(unit, dropIns);
            }
        }
    }

    // docker.socket's ListenStream paths, drop-ins applied in order.
    QString socketUnitListen() const
    {
        QStringList files;
        const LocatedPath unit = m_facts.locate(QStringLiteral("docker.socket"));
        if (!unit.path.isEmpty()) {
            files.append(unit.path);
        }
        files.append(m_facts.unitDropIns.value(QStringLiteral("docker.socket")));
        QStringList listen;
        for (const QString &file : std::as_const(files)) {
            const QString text = QString::fromUtf8(readFile(file).data);
            for (const QString &raw : text.split(QLatin1Char('\n'))) {
                const QString line = raw.trimmed();
                if (!line.startsWith(QLatin1String("ListenStream"))) {
                    continue;
                }
                const QString value = line.mid(line.indexOf(QLatin1Char('=')) + 1).trimmed();
                if (value.isEmpty()) {
                    listen.clear(); // an empty assignment resets the list
                } else if (value.startsWith(QLatin1Char('/'))) {
                    listen.append(value);
                }
            }
        }
        return listen.value(0);
    }

    void locateSockets()
    {
        if (!m_facts.dockerd) {
            return;
        }
        const DaemonConfig &config = m_facts.daemon;
        const QStringList hosts = config.listValue(QStringLiteral("hosts"));
        const QString source = config.has(QStringLiteral("hosts"))
                                   ? config.setting(QStringLiteral("hosts"))->source
                                   : QString();
        for (const QString &host : hosts) {
            if (host.startsWith(QLatin1String("fd://"))) {
                const QString listen = socketUnitListen();
                if (!listen.isEmpty()) {
                    m_facts.dockerSockets.append(listen);
                    m_socketSources.insert(listen, QStringLiteral("%1 (socket activation: "
                                                                  "ListenStream of docker.socket)")
                                                       .arg(source));
                }
                continue;
            }
            const QString socket = unixSocketOfHost(host, QString());
            if (!socket.isEmpty()) {
                m_facts.dockerSockets.append(socket);
                m_socketSources.insert(socket, source);
            } else if (!host.startsWith(QLatin1String("ssh://"))) {
                m_facts.tcpHosts.append(
                    host.contains(QLatin1String("://")) ? host : QStringLiteral("tcp://") + host);
            }
        }
        if (hosts.isEmpty()) {
            const QString socket = defaultSocket(*m_facts.dockerd);
            m_facts.dockerSockets.append(socket);
            m_socketSources.insert(socket, QStringLiteral("dockerd's default (no hosts setting)"));
        }
        // The socket this engine client uses comes first.
        if (!m_options.engineSocket.isEmpty()) {
            const QString wanted = canonicalSocket(m_options.engineSocket);
            for (qsizetype i = 0; i < m_facts.dockerSockets.size(); ++i) {
                if (canonicalSocket(m_facts.dockerSockets.at(i)) == wanted) {
                    m_facts.dockerSockets.move(i, 0);
                    break;
                }
            }
        }
        if (!m_facts.dockerSockets.isEmpty()) {
            const QString first = m_facts.dockerSockets.first();
            m_facts.located.insert(QStringLiteral("docker-socket"),
                                   {first, m_socketSources.value(first)});
        }
    }

    void locateContainerd()
    {
        if (m_facts.containerd) {
            const ProcessFacts &process = *m_facts.containerd;
            m_facts.located.insert(QStringLiteral("containerd-socket"), containerdAddress(process));
            LocatedPath config = containerdConfigOf(process);
            if (m_facts.containerdManagedByDockerd) {
                config.source += QStringLiteral("; dockerd started this containerd and wrote "
                                                "its configuration");
            }
            m_facts.located.insert(QStringLiteral("containerd-config"), config);
            const ReadOutcome text = readFile(config.path);
            const ContainerdConfigValues values =
                parseContainerdConfig(QString::fromUtf8(text.data));
            if (!text.error.isEmpty()) {
                m_facts.located.insert(QStringLiteral("containerd-state"),
                                       {QString(), config.source, text.error});
                return;
            }
            m_facts.located.insert(
                QStringLiteral("containerd-state"),
                values.state.isEmpty()
                    ? LocatedPath{QStringLiteral("/run/containerd"), QStringLiteral("containerd's "
                                                                                    "default")}
                    : LocatedPath{values.state, QStringLiteral("state in %1").arg(config.path)});
            return;
        }
        const QString fromDockerd = m_facts.daemon.stringValue(QStringLiteral("containerd"));
        if (!fromDockerd.isEmpty()) {
            m_facts.located.insert(
                QStringLiteral("containerd-socket"),
                {fromDockerd, m_facts.daemon.setting(QStringLiteral("containerd"))->source});
        } else {
            m_facts.located.insert(
                QStringLiteral("containerd-socket"),
                {QStringLiteral("/run/containerd/containerd.sock"),
                 QStringLiteral("containerd's default (no containerd process visible)")});
        }
        m_facts.located.insert(QStringLiteral("containerd-config"),
                               {QStringLiteral("/etc/containerd/config.toml"),
                                QStringLiteral("containerd's default")});
        m_facts.located.insert(
            QStringLiteral("containerd-state"),
            {QStringLiteral("/run/containerd"), QStringLiteral("containerd's default")});
    }

    void locateBinaries()
    {
        QStringList searchFolders;
        if (m_facts.dockerd) {
            const ProcessFacts &dockerd = *m_facts.dockerd;
            m_facts.located.insert(QStringLiteral("dockerd"), {dockerd.exe, dockerd.exeSource});
            searchFolders.append(parentOf(dockerd.exe));
        } else {
            const QString found = findOnPath(QStringLiteral("dockerd"), {});
            m_facts.located.insert(QStringLiteral("dockerd"),
                                   {found, QStringLiteral("searched the usual bin folders "
                                                          "(no dockerd process)")});
        }
        if (m_facts.containerd) {
            const ProcessFacts &containerd = *m_facts.containerd;
            m_facts.located.insert(QStringLiteral("containerd"),
                                   {containerd.exe, containerd.exeSource});
            searchFolders.prepend(parentOf(containerd.exe));
        } else {
            const QString found = findOnPath(QStringLiteral("containerd"), searchFolders);
            m_facts.located.insert(QStringLiteral("containerd"),
                                   {found, QStringLiteral("searched beside dockerd and the usual "
                                                          "bin folders (no containerd process)")});
        }
        // containerd and dockerd look programs up on their own PATH.
        const ProcessFacts *daemon = m_facts.dockerd ? &*m_facts.dockerd : nullptr;
        if (daemon != nullptr) {
            const QString path = daemon->environment.value(QStringLiteral("PATH"));
            searchFolders.append(path.split(QLatin1Char(':'), Qt::SkipEmptyParts));
        }
        searchFolders.removeDuplicates();
        for (const QString &name :
             {QStringLiteral("containerd-shim"), QStringLiteral("containerd-shim-runc-v1"),
              QStringLiteral("containerd-shim-runc-v2")}) {
            if (m_runningShims.contains(name)) {
                m_facts.located.insert(name, {m_runningShims.value(name),
                                              QStringLiteral("a running %1 process").arg(name)});
                continue;
            }
            m_facts.located.insert(name, {findOnPath(name, searchFolders),
                                          QStringLiteral("searched beside containerd, dockerd and "
                                                         "on their PATH")});
        }
        // A runtime named runc in daemon.json's runtimes overrides the PATH lookup.
        const DaemonSetting *runtimes = m_facts.daemon.setting(QStringLiteral("runtimes"));
        if (runtimes != nullptr && runtimes->value.is_object() &&
            runtimes->value.contains("runc") && runtimes->value["runc"].is_object() &&
            runtimes->value["runc"].contains("path") &&
            runtimes->value["runc"]["path"].is_string()) {
            const QString path =
                QString::fromStdString(runtimes->value["runc"]["path"].get<std::string>());
            m_facts.located.insert(
                QStringLiteral("runc"),
                {path.startsWith(QLatin1Char('/')) ? path : findOnPath(path, searchFolders),
                 QStringLiteral("runtimes.runc.path in %1").arg(runtimes->source)});
        } else {
            m_facts.located.insert(QStringLiteral("runc"),
                                   {findOnPath(QStringLiteral("runc"), searchFolders),
                                    QStringLiteral("searched beside containerd, dockerd and on "
                                                   "their PATH")});
        }
    }

    void locateConfigFiles()
    {
        const DaemonConfig &config = m_facts.daemon;
        m_facts.located.insert(
            QStringLiteral("daemon.json"),
            {config.configFile, config.has(QStringLiteral("config-file"))
                                    ? config.setting(QStringLiteral("config-file"))->source
                                    : QStringLiteral("dockerd's default")});
        for (const QString &fixed :
             {QStringLiteral("/etc/docker"), QStringLiteral("/etc/default/docker"),
              QStringLiteral("/etc/sysconfig/docker")}) {
            m_facts.located.insert(fixed, {fixed, QStringLiteral("fixed path (CIS)")});
        }
        // TLS files: named in the settings, else dockerd's defaults when TLS is on.
        // --tlsverify defaults to DOCKER_TLS_VERIFY being set in dockerd's
        // environment (as 2.7 reads it), and implies --tls.
        const bool verifyFromEnv =
            m_facts.dockerd &&
            !m_facts.dockerd->environment.value(QStringLiteral("DOCKER_TLS_VERIFY")).isEmpty() &&
            !config.has(QStringLiteral("tlsverify"));
        const bool tlsOn = config.boolValue(QStringLiteral("tls")).value_or(false) ||
                           config.boolValue(QStringLiteral("tlsverify")).value_or(false) ||
                           verifyFromEnv;
        QString certDir;
        if (m_facts.dockerd) {
            certDir = m_facts.dockerd->environment.value(QStringLiteral("DOCKER_CERT_PATH"));
            if (certDir.isEmpty()) {
                const QString home = m_facts.dockerd->environment.value(QStringLiteral("HOME"),
                                                                        QStringLiteral("/root"));
                certDir = home + QStringLiteral("/.docker");
            }
        }
        const QList<std::pair<QString, QString>> tls = {
            {QStringLiteral("tlscacert"), QStringLiteral("ca.pem")},
            {QStringLiteral("tlscert"), QStringLiteral("cert.pem")},
            {QStringLiteral("tlskey"), QStringLiteral("key.pem")}};
        for (const auto &[key, file] : tls) {
            const QString named = config.stringValue(key);
            if (!named.isEmpty()) {
                m_facts.located.insert(key, {named, config.setting(key)->source});
            } else if (tlsOn && !certDir.isEmpty()) {
                m_facts.located.insert(key,
                                       {certDir + QLatin1Char('/') + file,
                                        QStringLiteral("dockerd's default in %1").arg(certDir)});
            }
        }
    }

    void listRegistryCerts()
    {
        const QString root = QStringLiteral("/etc/docker/certs.d");
        walk(root, 0);
        m_facts.registryCertFiles.sort();
    }

    void walk(const QString &folder, int depth)
    {
        if (depth > 8) {
            return; // certs.d is two levels deep; a loop of symlinks would not end
        }
        DIR *dir = ::opendir(QFile::encodeName(onHost(folder)).constData());
        if (dir == nullptr) {
            const int error = errno;
            if (error != ENOENT && error != ENOTDIR && m_facts.registryCertError.isEmpty()) {
                m_facts.registryCertError =
                    QStringLiteral("Cannot list %1: %2.").arg(folder, errnoText(error));
            }
            return;
        }
        QStringList subfolders;
        while (dirent *entry = ::readdir(dir)) {
            const QString name = QFile::decodeName(entry->d_name);
            if (name == QLatin1String(".") || name == QLatin1String("..")) {
                continue;
            }
            const QString path = folder + QLatin1Char('/') + name;
            const FileFacts facts = statPath(path);
            if (facts.type == FileType::Directory) {
                subfolders.append(path);
            } else if (facts.type == FileType::Regular || !facts.examined()) {
                m_facts.registryCertFiles.append(path);
            }
        }
        ::closedir(dir);
        for (const QString &sub : std::as_const(subfolders)) {
            walk(sub, depth + 1);
        }
    }

    void addFile(const QString &path)
    {
        if (path.isEmpty() || m_facts.files.contains(path)) {
            return;
        }
        m_facts.files.insert(path, statPath(path));
    }

    // The sensitive files of section 3, and every folder above them: a
    // root-owned 0644 file in a folder others can write is replaceable.
    void addWithParents(const QString &path)
    {
        addFile(path);
        if (!path.startsWith(QLatin1Char('/'))) {
            return;
        }
        const QString real = m_facts.files.value(path).realPath;
        for (const QString &start : {path, real}) {
            if (start.isEmpty()) {
                continue;
            }
            QString parent = parentOf(start);
            while (true) {
                addFile(parent);
                if (parent == QLatin1String("/")) {
                    break;
                }
                parent = parentOf(parent);
            }
        }
    }

    void statEverything()
    {
        for (auto it = m_facts.located.cbegin(); it != m_facts.located.cend(); ++it) {
            addWithParents(it.value().path);
        }
        for (const QStringList &dropIns : std::as_const(m_facts.unitDropIns)) {
            for (const QString &path : dropIns) {
                addWithParents(path);
            }
        }
        for (const QString &path : std::as_const(m_facts.dockerSockets)) {
            addWithParents(path);
        }
        for (const QString &path : std::as_const(m_facts.registryCertFiles)) {
            addWithParents(path);
        }
    }

    void readAuditRules()
    {
        AuditFacts &audit = m_facts.audit;
        if (m_options.useAuditctl && m_options.rootPrefix.isEmpty()) {
            const QString auditctl = findProgram(QStringLiteral("auditctl"));
            if (!auditctl.isEmpty()) {
                audit.auditInstalled = true;
                ProcessSpec spec;
                spec.program = auditctl;
                spec.arguments = {QStringLiteral("-l")};
                spec.timeoutMs = 5000;
                const Result<ProcessOutput> out = runProcess(spec);
                if (out.ok() && out->exitCode == 0) {
                    audit.source = QStringLiteral("auditctl -l");
                    audit.rules = parseAuditRules(QString::fromLocal8Bit(out->out), audit.source);
                    addResolvedRulePaths();
                    return;
                }
                audit.notes.append(
                    out.ok() ? QStringLiteral("auditctl -l failed (%1); read the rule files "
                                              "instead, which may differ from the loaded rules.")
                                   .arg(QString::fromLocal8Bit(out->err).trimmed())
                             : out.error().message);
            } else {
                audit.notes.append(QStringLiteral("auditctl is not installed."));
            }
        }
        QStringList sources;
        QStringList errors;
        const QString rulesFile = QStringLiteral("/etc/audit/audit.rules");
        const ReadOutcome main = readFile(rulesFile);
        if (!main.error.isEmpty()) {
            errors.append(main.error);
        } else if (main.exists) {
            sources.append(rulesFile);
            audit.rules.append(parseAuditRules(QString::fromUtf8(main.data), rulesFile));
        }
        const QString rulesDir = QStringLiteral("/etc/audit/rules.d");
        const FileFacts dirFacts = statPath(rulesDir);
        if (!dirFacts.examined()) {
            errors.append(dirFacts.error);
        } else if (dirFacts.type == FileType::Directory) {
            DIR *dir = ::opendir(QFile::encodeName(onHost(rulesDir)).constData());
            if (dir == nullptr) {
                errors.append(
                    QStringLiteral("Cannot list %1: %2.").arg(rulesDir, errnoText(errno)));
            } else {
                QStringList names;
                while (dirent *entry = ::readdir(dir)) {
                    const QString name = QFile::decodeName(entry->d_name);
                    if (name.endsWith(QLatin1String(".rules"))) {
                        names.append(name);
                    }
                }
                ::closedir(dir);
                names.sort(); // augenrules joins them in this order
                for (const QString &name : std::as_const(names)) {
                    const QString path = rulesDir + QLatin1Char('/') + name;
                    const ReadOutcome text = readFile(path);
                    if (!text.error.isEmpty()) {
                        errors.append(text.error);
                        continue;
                    }
                    sources.append(path);
                    // augenrules joins the files into one list, so a -D in
                    // a later file deletes the rules of the files before it.
                    const QString rulesText = QString::fromUtf8(text.data);
                    static const QRegularExpression deleteAll(QStringLiteral("^\\s*-D\\s*$"),
                                                              QRegularExpression::MultilineOption);
                    if (deleteAll.match(rulesText).hasMatch()) {
                        audit.rules.removeIf(
                            [&](const AuditRule &rule) { return rule.source != rulesFile; });
                    }
                    audit.rules.append(parseAuditRules(rulesText, path));
                }
            }
        }
        if (main.exists || dirFacts.type == FileType::Directory ||
            statPath(QStringLiteral("/etc/audit")).type == FileType::Directory) {
            audit.auditInstalled = true;
        }
        audit.source = sources.join(QStringLiteral(", "));
        addResolvedRulePaths();
        // A watch in a file we could not read may be the one a check wants.
        if (!errors.isEmpty()) {
            audit.error = errors.join(QLatin1Char(' '));
        }
    }

    // The kernel watches the file a rule's path leads to: on a merged-/usr
    // host "-w /lib/systemd/system/docker.service" audits the unit found at
    // /usr/lib/systemd/system/docker.service. Each rule whose path goes
    // through a symlink also stands for the resolved path.
    void addResolvedRulePaths()
    {
        QList<AuditRule> &rules = m_facts.audit.rules;
        const qsizetype count = rules.size();
        for (qsizetype i = 0; i < count; ++i) {
            const QString real = QFileInfo(onHost(rules.at(i).path)).canonicalFilePath();
            if (real.isEmpty() || !real.startsWith(m_options.rootPrefix)) {
                continue; // gone, or leads out of the probed root
            }
            QString resolved = real.mid(m_options.rootPrefix.size());
            if (resolved.isEmpty()) {
                resolved = QStringLiteral("/");
            }
            if (resolved != rules.at(i).path) {
                AuditRule twin = rules.at(i);
                twin.path = resolved;
                rules.append(twin);
            }
        }
    }

    void probePartition()
    {
        PartitionFacts &part = m_facts.dataRoot;
        if (!m_options.dockerRootDir.isEmpty()) {
            part.path = m_options.dockerRootDir;
            part.pathSource = QStringLiteral("GET /info DockerRootDir");
        } else if (m_facts.daemon.has(QStringLiteral("data-root"))) {
            part.path = m_facts.daemon.stringValue(QStringLiteral("data-root"));
            part.pathSource = m_facts.daemon.setting(QStringLiteral("data-root"))->source;
        } else {
            part.path = QStringLiteral("/var/lib/docker");
            part.pathSource = QStringLiteral("dockerd's default");
        }
        part.dir = statPath(part.path);
        const QString real = part.dir.realPath.isEmpty() ? part.path : part.dir.realPath;
        part.parent = statPath(parentOf(real));
        m_facts.located.insert(QStringLiteral("docker-root"), {part.path, part.pathSource});
        m_facts.files.insert(part.path, part.dir);

        // The mount table as dockerd sees it, else as we do.
        ReadOutcome table;
        if (m_facts.dockerd) {
            table = readFile(QStringLiteral("/proc/%1/mountinfo").arg(m_facts.dockerd->pid));
        }
        if (!table.exists || !table.error.isEmpty()) {
            table = readFile(QStringLiteral("/proc/self/mountinfo"));
        }
        if (!table.error.isEmpty() || !table.exists) {
            part.mountError = table.error.isEmpty()
                                  ? QStringLiteral("/proc/self/mountinfo does not exist.")
                                  : table.error;
            return;
        }
        // mountinfo: id parent major:minor root mountpoint opts [tags] - fstype source superopts
        qsizetype best = -1;
        for (const QByteArray &line : table.data.split('\n')) {
            const QList<QByteArray> fields = line.split(' ');
            const qsizetype dash = fields.indexOf("-");
            if (fields.size() < 5 || dash < 0 || dash + 2 >= fields.size()) {
                continue;
            }
            QString mountPoint = QString::fromLocal8Bit(fields.at(4));
            mountPoint.replace(QStringLiteral("\\040"), QStringLiteral(" "));
            const bool covers = mountPoint == QLatin1String("/") || real == mountPoint ||
                                real.startsWith(mountPoint + QLatin1Char('/'));
            // Later lines are mounted on top of earlier ones: ties go to the later.
            if (covers && mountPoint.size() >= best) {
                best = mountPoint.size();
                part.mountPoint = mountPoint;
                part.fsType = QString::fromLocal8Bit(fields.at(dash + 1));
                part.mountSource = QString::fromLocal8Bit(fields.at(dash + 2));
            }
        }
    }

    void readDockerGroup()
    {
        GroupFacts &group = m_facts.dockerGroup;
        group.name = m_facts.daemon.stringValue(QStringLiteral("group"));
        if (group.name.isEmpty()) {
            group.name = QStringLiteral("docker");
        }
        group.error = m_users.groupError;
        const auto it = m_users.groupsByName.constFind(group.name);
        if (it == m_users.groupsByName.constEnd()) {
            return;
        }
        group.exists = true;
        group.gid = it->gid;
        group.members = it->members;
        for (auto user = m_users.primaryGid.cbegin(); user != m_users.primaryGid.cend(); ++user) {
            if (user.value() == group.gid) {
                group.primaryMembers.append(user.key());
            }
        }
    }

    HostProbeOptions m_options;
    HostFacts m_facts;
    UserDb m_users;
    QMap<QString, QString> m_runningShims; // binary name -> path
    QMap<QString, QString> m_socketSources;
};

} // namespace

FileFacts HostFacts::file(const QString &path) const
{
    const auto it = files.constFind(path);
    if (it != files.constEnd()) {
        return it.value();
    }
    FileFacts missing;
    missing.path = path;
    missing.error = QStringLiteral("%1 was not examined by the host probe.").arg(path);
    return missing;
}

Result<HostFacts> probeHost(const HostProbeOptions &options)
{
    HostProbeOptions cleaned = options;
    if (!cleaned.rootPrefix.isEmpty()) {
        const QFileInfo root(cleaned.rootPrefix);
        if (!root.isDir()) {
            return makeError(ErrorKind::BadInput,
                             QStringLiteral("The probe's root folder %1 does not exist.")
                                 .arg(cleaned.rootPrefix));
        }
        cleaned.rootPrefix = root.canonicalFilePath();
    }
    Probe probe(cleaned);
    HostFacts facts = probe.run();
    qCDebug(lcBench) << "host probe:" << facts.files.size() << "paths," << facts.audit.rules.size()
                     << "audit watches";
    return facts;
}

} // namespace drydock::bench
