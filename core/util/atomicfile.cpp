// SPDX-License-Identifier: GPL-3.0-or-later
#include "atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSaveFile>

#include <fcntl.h>
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
    QLockFile lock(path + QStringLiteral(".lock"));
    // An update takes milliseconds; a lock older than this is a crash's.
    lock.setStaleLockTime(30000);
    if (!lock.tryLock(10000)) {
        if (lock.error() == QLockFile::LockFailedError) {
            return makeError(
                ErrorKind::Timeout,
                QStringLiteral("Another Drydock has been saving %1 for over 10 s.").arg(path),
                QStringLiteral("Try again; if it keeps happening, check for a hung "
                               "drydock process."));
        }
        return makeError(ErrorKind::Io, QStringLiteral("Cannot lock %1 for saving.").arg(path),
                         QStringLiteral("Check that %1 is writable.").arg(info.absolutePath()));
    }
    return update();
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
