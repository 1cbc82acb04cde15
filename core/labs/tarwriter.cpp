// SPDX-License-Identifier: GPL-3.0-or-later
// The in-memory tar writer and reader.
#include "tarwriter.h"

#include <cstring>

namespace drydock::labs {

namespace {

constexpr int kBlock = 512;

void putOctal(char *field, int width, qint64 value)
{
    // width - 1 digits and a NUL, as ustar wants.
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(width - 1, '0');
    std::memcpy(field, digits.constData(), size_t(width - 1));
    field[width - 1] = '\0';
}

void putString(char *field, int width, const QByteArray &value)
{
    std::memcpy(field, value.constData(), size_t(std::min<qsizetype>(width, value.size())));
}

qint64 readOctal(const char *field, int width, bool *ok)
{
    qint64 value = 0;
    int i = 0;
    while (i < width && (field[i] == ' ' || field[i] == '\0')) {
        ++i;
    }
    bool any = false;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) {
        value = value * 8 + (field[i] - '0');
        any = true;
    }
    for (; i < width; ++i) {
        if (field[i] != ' ' && field[i] != '\0') {
            *ok = false;
            return 0;
        }
    }
    *ok = *ok && (any || width > 0);
    return value;
}

QString readName(const char *field, int width)
{
    return QString::fromUtf8(field, qsizetype(strnlen(field, size_t(width))));
}

Error malformed(const QString &why)
{
    return makeError(ErrorKind::Protocol,
                     QStringLiteral("The image archive is malformed: %1.").arg(why));
}

} // namespace

void TarWriter::addDirectory(const QString &path, int mode, int uid, int gid)
{
    QString name = path;
    if (!name.endsWith(QLatin1Char('/'))) {
        name += QLatin1Char('/');
    }
    addEntry(name, '5', {}, mode, uid, gid, {});
}

void TarWriter::addFile(const QString &path, const QByteArray &content, int mode, int uid, int gid)
{
    addEntry(path, '0', content, mode, uid, gid, {});
}

void TarWriter::addSymlink(const QString &path, const QString &target)
{
    addEntry(path, '2', {}, 0777, 0, 0, target);
}

void TarWriter::addEntry(const QString &path, char type, const QByteArray &content, int mode,
                         int uid, int gid, const QString &linkTarget)
{
    const QByteArray name = path.toUtf8();
    if (name.size() > 100) {
        // A GNU long-name record first; readers that know it (Docker's
        // does) take the name from there.
        addEntry(QStringLiteral("././@LongLink"), 'L', name + '\0', 0644, 0, 0, {});
    }
    char header[kBlock];
    std::memset(header, 0, sizeof header);
    putString(header, 100, name.left(100));
    putOctal(header + 100, 8, mode & 07777);
    putOctal(header + 108, 8, uid);
    putOctal(header + 116, 8, gid);
    putOctal(header + 124, 12, content.size());
    putOctal(header + 136, 12, m_mtime);
    std::memset(header + 148, ' ', 8); // checksum field counts as spaces
    header[156] = type;
    putString(header + 157, 100, linkTarget.toUtf8());
    std::memcpy(header + 257, "ustar", 6);
    std::memcpy(header + 263, "00", 2);
    putString(header + 265, 32, uid == 0 ? QByteArray("root") : QByteArray());
    putString(header + 297, 32, gid == 0 ? QByteArray("root") : QByteArray());
    unsigned sum = 0;
    for (unsigned char c : header) {
        sum += c;
    }
    putOctal(header + 148, 7, sum);
    header[155] = ' ';
    m_data.append(header, kBlock);
    m_data.append(content);
    const qsizetype pad = (kBlock - content.size() % kBlock) % kBlock;
    m_data.append(QByteArray(pad, '\0'));
}

QByteArray TarWriter::finish()
{
    QByteArray out = m_data;
    out.append(QByteArray(2 * kBlock, '\0'));
    return out;
}

Result<void> readTar(const QByteArray &archive,
                     const std::function<bool(const TarEntry &)> &onEntry)
{
    qsizetype offset = 0;
    QString longName;
    QString paxPath;
    while (offset + kBlock <= archive.size()) {
        const char *h = archive.constData() + offset;
        bool allZero = true;
        for (int i = 0; i < kBlock; ++i) {
            if (h[i] != '\0') {
                allZero = false;
                break;
            }
        }
        if (allZero) {
            return {};
        }
        unsigned sum = 0;
        for (int i = 0; i < kBlock; ++i) {
            sum += (i >= 148 && i < 156) ? unsigned(' ') : static_cast<unsigned char>(h[i]);
        }
        bool ok = true;
        const qint64 stored = readOctal(h + 148, 8, &ok);
        if (!ok || stored != qint64(sum)) {
            return malformed(
                QStringLiteral("a header checksum does not match at byte %1").arg(offset));
        }
        TarEntry entry;
        entry.type = h[156] == '\0' ? '0' : h[156];
        entry.mode = int(readOctal(h + 100, 8, &ok));
        entry.size = readOctal(h + 124, 12, &ok);
        if (!ok || entry.size < 0) {
            return malformed(
                QStringLiteral("a header field is not a number at byte %1").arg(offset));
        }
        const qsizetype dataStart = offset + kBlock;
        const qsizetype padded = qsizetype((entry.size + kBlock - 1) / kBlock * kBlock);
        if (entry.size > archive.size() || dataStart + padded > archive.size()) {
            return malformed(QStringLiteral("an entry runs past the end of the archive"));
        }
        const QByteArray data = archive.mid(dataStart, qsizetype(entry.size));
        offset = dataStart + padded;
        if (entry.type == 'L') {
            longName = QString::fromUtf8(data.constData(),
                                         qsizetype(strnlen(data.constData(), size_t(data.size()))));
            continue;
        }
        if (entry.type == 'x') {
            // pax records: "<len> key=value\n"; only the path matters here.
            for (const QByteArray &record : data.split('\n')) {
                const qsizetype space = record.indexOf(' ');
                const QByteArray kv = record.mid(space + 1);
                if (kv.startsWith("path=")) {
                    paxPath = QString::fromUtf8(kv.mid(5));
                }
            }
            continue;
        }
        if (entry.type == 'g') {
            continue;
        }
        QString name = readName(h, 100);
        const QString prefix = readName(h + 345, 155);
        if (std::memcmp(h + 257, "ustar", 5) == 0 && !prefix.isEmpty()) {
            name = prefix + QLatin1Char('/') + name;
        }
        if (!longName.isEmpty()) {
            name = longName;
            longName.clear();
        }
        if (!paxPath.isEmpty()) {
            name = paxPath;
            paxPath.clear();
        }
        while (name.startsWith(QLatin1String("./"))) {
            name = name.mid(2);
        }
        entry.path = name;
        entry.linkTarget = readName(h + 157, 100);
        if (entry.type == '0' || entry.type == '7') {
            entry.content = data;
        }
        if (!onEntry(entry)) {
            return {};
        }
    }
    if (offset != archive.size()) {
        return malformed(QStringLiteral("it ends in the middle of an entry"));
    }
    return {};
}

} // namespace drydock::labs
