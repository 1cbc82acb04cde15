// SPDX-License-Identifier: GPL-3.0-or-later
#include "atomicfile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace drydock {

namespace {

// The rename is only durable once the folder's entry is on disk too.
void syncDirectory(const QString &dir)
{
    const QByteArray native = QFile::encodeName(dir);
    const int fd = ::open(native.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

Result<void> writeFileAtomically(const QString &path, const QByteArray &data)
{
    const QFileInfo info(path);
    // QSaveFile writes to a link's target. A link planted in a shared data
    // folder would then make Drydock overwrite a file elsewhere; a link the
    // user made on purpose is as easily replaced by its real path.
    if (info.isSymLink()) {
        return makeError(
            ErrorKind::BadInput,
            QStringLiteral("%1 is a symbolic link (to %2); Drydock does not write through links.")
                .arg(path, info.symLinkTarget()),
            QStringLiteral("Give the real path, or remove the link if you did not make it."));
    }
    if (!QDir().mkpath(info.absolutePath())) {
        return makeError(ErrorKind::Io,
                         QStringLiteral("Cannot create the folder %1.").arg(info.absolutePath()),
                         QStringLiteral("Check that it is writable."));
    }
    // QSaveFile writes a temporary file, fsyncs it and renames it on commit.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(ErrorKind::Io,
                         QStringLiteral("Cannot write %1: %2.").arg(path, file.errorString()));
    }
    if (file.write(data) != data.size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return makeError(ErrorKind::Io, QStringLiteral("Cannot write %1: %2.").arg(path, why));
    }
    if (!file.commit()) {
        return makeError(ErrorKind::Io,
                         QStringLiteral("Cannot save %1: %2.").arg(path, file.errorString()));
    }
    syncDirectory(info.absolutePath());
    return {};
}

Result<void> updateFileLocked(const QString &path, const std::function<Result<void>()> &update)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return makeError(ErrorKind::Io,
                         QStringLiteral("Cannot create the folder %1.").arg(info.absolutePath()),
                         QStringLiteral("Check that it is writable."));
    }
    // flock() rather than a lock file's presence: the kernel drops the lock
    // when its holder exits or is killed, so a crash never leaves one
    // behind for others to wait out.
    const QString lockPath = path + QStringLiteral(".lock");
    const int fd = ::open(QFile::encodeName(lockPath).constData(),
                          O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        return makeError(ErrorKind::Io,
                         QStringLiteral("Cannot open %1: %2.")
                             .arg(lockPath, QString::fromLocal8Bit(std::strerror(errno))),
                         QStringLiteral("Check that %1 is writable.").arg(info.absolutePath()));
    }
    QElapsedTimer waited;
    waited.start();
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            const QString why = QString::fromLocal8Bit(std::strerror(errno));
            ::close(fd);
            return makeError(ErrorKind::Io,
                             QStringLiteral("Cannot lock %1: %2.").arg(lockPath, why));
        }
        if (waited.elapsed() > 10000) {
            ::close(fd);
            return makeError(
                ErrorKind::Timeout,
                QStringLiteral("Another Drydock has been saving %1 for over 10 s.").arg(path),
                QStringLiteral("Try again; if it keeps happening, look for a hung "
                               "drydock process."));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    Result<void> result = update();
    ::flock(fd, LOCK_UN);
    ::close(fd);
    return result;
}

Result<QByteArray> readFileLimited(const QString &path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.exists()) {
        return makeError(ErrorKind::BadInput, QStringLiteral("%1 does not exist.").arg(path));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorKind::Io,
                         QStringLiteral("Cannot read %1: %2.").arg(path, file.errorString()));
    }
    const auto tooLarge = [&] {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("%1 is larger than %2 bytes.").arg(path).arg(maxBytes));
    };
    if (file.size() > maxBytes) {
        return tooLarge();
    }
    // Files under /proc and /sys report size 0: the read itself is bounded.
    QByteArray data;
    char buffer[64 * 1024];
    for (;;) {
        const qint64 n = file.read(buffer, sizeof(buffer));
        if (n < 0) {
            return makeError(ErrorKind::Io,
                             QStringLiteral("Cannot read %1: %2.").arg(path, file.errorString()));
        }
        if (n == 0) {
            return data;
        }
        data.append(buffer, qsizetype(n));
        if (data.size() > maxBytes) {
            return tooLarge();
        }
    }
}

} // namespace drydock
