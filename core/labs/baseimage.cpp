// SPDX-License-Identifier: GPL-3.0-or-later
// Building the offline base image.
#include "baseimage.h"

#include "docker/ndjson.h"
#include "lab.h"
#include "tarwriter.h"
#include "util/atomicfile.h"
#include "util/http.h"

#include <QFileInfo>

#include <cstring>
#include <optional>

namespace drydock::labs {

using nlohmann::json;

namespace {

// The applets a lab is likely to use; each is a link to /bin/busybox.
const char *const kApplets[] = {
    "sh",    "ash",  "cat",  "chmod", "chown", "cp",    "date", "echo",   "env",
    "false", "find", "grep", "head",  "httpd", "id",    "kill", "ln",     "ls",
    "mkdir", "mv",   "nc",   "ps",    "pwd",   "rm",    "sed",  "sleep",  "stat",
    "tail",  "test", "top",  "touch", "true",  "uname", "wget", "whoami", "vi",
};

template<class T>
std::optional<T> readLe(const QByteArray &data, qsizetype offset)
{
    if (offset < 0 || offset + qsizetype(sizeof(T)) > data.size()) {
        return std::nullopt;
    }
    T value{};
    // ELF on the hosts Drydock supports is little-endian; memcpy avoids
    // unaligned reads.
    std::memcpy(&value, data.constData() + offset, sizeof(T));
    return value;
}

} // namespace

QStringList busyboxCandidates()
{
    return {QStringLiteral("/bin/busybox"), QStringLiteral("/usr/bin/busybox"),
            QStringLiteral("/usr/lib/initramfs-tools/bin/busybox")};
}

Result<bool> isStaticElf(const QByteArray &elf)
{
    const auto notElf = makeError(ErrorKind::BadInput, QStringLiteral("Not an ELF executable."));
    if (elf.size() < 64 || !elf.startsWith("\x7F"
                                           "ELF")) {
        return notElf;
    }
    if (elf.at(5) != 1) {
        return makeError(ErrorKind::BadInput, QStringLiteral("Big-endian ELF is not supported."));
    }
    const bool is64 = elf.at(4) == 2;
    const auto phoff = is64 ? readLe<quint64>(elf, 0x20)
                            : std::optional<quint64>(readLe<quint32>(elf, 0x1C).value_or(0));
    const auto phentsize = readLe<quint16>(elf, is64 ? 0x36 : 0x2A);
    const auto phnum = readLe<quint16>(elf, is64 ? 0x38 : 0x2C);
    if (!phoff || !phentsize || !phnum || *phentsize < 4) {
        return notElf;
    }
    for (quint16 i = 0; i < *phnum; ++i) {
        const auto type = readLe<quint32>(elf, qsizetype(*phoff) + qsizetype(i) * *phentsize);
        if (!type) {
            return notElf;
        }
        if (*type == 3) { // PT_INTERP: needs a dynamic loader
            return false;
        }
    }
    return true;
}

Result<QString> findStaticBusybox(const QStringList &candidates)
{
    QStringList dynamic;
    for (const QString &path : candidates) {
        if (!QFileInfo(path).isFile()) {
            continue;
        }
        const auto data = readFileLimited(path, 64 * 1024 * 1024);
        if (!data) {
            continue;
        }
        const auto isStatic = isStaticElf(*data);
        if (isStatic && *isStatic) {
            return path;
        }
        dynamic.append(path);
    }
    if (!dynamic.isEmpty()) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("%1 is linked dynamically and cannot run in an empty "
                                        "image.")
                             .arg(dynamic.join(QStringLiteral(", "))),
                         QStringLiteral("Install the statically linked busybox "
                                        "(Debian: apt-get install busybox-static)."));
    }
    return makeError(ErrorKind::BadInput,
                     QStringLiteral("No busybox found (looked in %1).")
                         .arg(candidates.join(QStringLiteral(", "))),
                     QStringLiteral("Install the statically linked busybox "
                                    "(Debian: apt-get install busybox-static)."));
}

QByteArray baseRootfsTar(const QByteArray &busybox)
{
    TarWriter tar;
    for (const char *dir : {"bin", "etc", "home", "root", "usr", "usr/local", "usr/local/bin",
                            "var", "var/www", "app"}) {
        tar.addDirectory(QLatin1String(dir), dir == QByteArray("root") ? 0700 : 0755);
    }
    tar.addDirectory(QStringLiteral("tmp"), 01777);
    tar.addDirectory(QStringLiteral("home/app"), 0755, 1000, 1000);
    tar.addFile(QStringLiteral("bin/busybox"), busybox, 0755);
    for (const char *applet : kApplets) {
        tar.addSymlink(QStringLiteral("bin/") + QLatin1String(applet), QStringLiteral("busybox"));
    }
    tar.addFile(QStringLiteral("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\n"
                "app:x:1000:1000:app:/home/app:/bin/sh\n"
                "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
    tar.addFile(QStringLiteral("etc/group"), "root:x:0:\napp:x:1000:\nnogroup:x:65534:\n");
    tar.addFile(QStringLiteral("var/www/index.html"),
                "<!doctype html><title>Drydock lab</title><p>Served by busybox httpd.</p>\n");
    return tar.finish();
}

Result<QString> importWithChanges(docker::EngineClient &client, const QByteArray &tar,
                                  const QString &repo, const QString &tag,
                                  const QStringList &changes, const CancelToken &cancel)
{
    HttpRequest req;
    req.method = "POST";
    QString path = QStringLiteral("/v%1/images/create?fromSrc=-&repo=%2&tag=%3")
                       .arg(client.apiVersion(), urlEncode(repo), urlEncode(tag));
    for (const QString &change : changes) {
        path += QStringLiteral("&changes=") + urlEncode(change);
    }
    req.path = path;
    req.body = tar;
    req.addHeader("Content-Type", "application/x-tar");
    req.timeoutMs = 120000;
    QString imageId;
    std::optional<Error> streamError;
    docker::NdjsonSplitter splitter([&](const json &line) {
        const auto progress = docker::parsePullProgress(line);
        if (progress && !progress->error.isEmpty()) {
            streamError = makeError(
                ErrorKind::Refused,
                QStringLiteral("Importing %1:%2 failed: %3").arg(repo, tag, progress->error));
            return false;
        }
        if (progress && progress->status.startsWith(QLatin1String("sha256:"))) {
            imageId = progress->status;
        }
        return true;
    });
    const auto response =
        client.request(req, cancel, [&](const QByteArray &chunk) { return splitter.feed(chunk); });
    if (!response) {
        return response.error();
    }
    if (response->status / 100 != 2) {
        return docker::engineError(*response, QStringLiteral("importing %1:%2").arg(repo, tag));
    }
    splitter.finish();
    if (streamError) {
        return *streamError;
    }
    if (splitter.failed()) {
        return splitter.error();
    }
    return imageId;
}

Result<bool> ensureBaseImage(docker::EngineClient &client, const CancelToken &cancel)
{
    const QString base = QLatin1String(kBaseImage);
    const auto existing = client.inspectImage(base, cancel);
    if (existing) {
        return false;
    }
    if (existing.error().httpStatus != 404) {
        return existing.error();
    }
    const auto busybox = findStaticBusybox();
    if (!busybox) {
        return busybox.error();
    }
    const auto binary = readFileLimited(*busybox, 64 * 1024 * 1024);
    if (!binary) {
        return binary.error();
    }
    const auto imported = importWithChanges(
        client, baseRootfsTar(*binary), base.section(QLatin1Char(':'), 0, 0),
        base.section(QLatin1Char(':'), 1),
        {QStringLiteral("CMD [\"/bin/sh\"]"), QStringLiteral("LABEL org.drydock.base=busybox")},
        cancel);
    if (!imported) {
        return imported.error();
    }
    return true;
}

} // namespace drydock::labs
