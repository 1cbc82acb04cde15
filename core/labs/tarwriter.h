// SPDX-License-Identifier: GPL-3.0-or-later
// Tar archives in memory: writing the root filesystems and file layers that
// lab images are built from, and reading the layers of a saved image.
#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace drydock::labs {

class TarWriter
{
public:
    // `path` without a leading slash ("bin/busybox"); mode includes setuid
    // and setgid bits.
    void addDirectory(const QString &path, int mode = 0755, int uid = 0, int gid = 0);
    void addFile(const QString &path, const QByteArray &content, int mode = 0644, int uid = 0,
                 int gid = 0);
    void addSymlink(const QString &path, const QString &target);

    // The archive with its two closing zero blocks.
    QByteArray finish();

private:
    void addEntry(const QString &path, char type, const QByteArray &content, int mode, int uid,
                  int gid, const QString &linkTarget);

    QByteArray m_data;
    qint64 m_mtime = 0; // fixed: the same files give the same bytes
};

struct TarEntry
{
    QString path; // as stored, without "./" in front
    char type = '0';
    int mode = 0;
    qint64 size = 0;
    QString linkTarget;
    QByteArray content; // regular files only
};

// Calls onEntry for each entry; stops early when it returns false. Refuses
// truncated or malformed archives. Understands ustar, GNU long names and
// pax path records (what `docker save` writes).
Result<void> readTar(const QByteArray &archive,
                     const std::function<bool(const TarEntry &)> &onEntry);

} // namespace drydock::labs
