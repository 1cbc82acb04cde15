// SPDX-License-Identifier: GPL-3.0-or-later
// A minimal ustar writer and the busybox root filesystem.
#include "labimage.h"

#include "util/atomicfile.h"

#include <cstring>

namespace drydock::trust {

namespace {

constexpr int kBlock = 512;
// A fixed time keeps the layer (and so the image digest) stable between runs.
constexpr qint64 kMtime = 1767225600; // 2026-01-01

class TarWriter
{
public:
    void directory(const QByteArray &name, int mode) { header(name + '/', mode, 0, '5', {}); }
    void file(const QByteArray &name, int mode, const QByteArray &data)
    {
        header(name, mode, data.size(), '0', {});
        m_out += data;
        pad();
    }
    void symlink(const QByteArray &name, const QByteArray &target)
    {
        header(name, 0777, 0, '2', target);
    }
    QByteArray finish()
    {
        m_out += QByteArray(2 * kBlock, '\0');
        return m_out;
    }

private:
    static void octal(char *field, int width, qint64 value)
    {
        const QByteArray text = QByteArray::number(value, 8).rightJustified(width - 1, '0');
        std::memcpy(field, text.constData(), size_t(width - 1));
        field[width - 1] = '\0';
    }

    void header(const QByteArray &name, int mode, qint64 size, char type, const QByteArray &link)
    {
        char h[kBlock];
        std::memset(h, 0, sizeof h);
        std::memcpy(h, name.constData(), size_t(std::min<qsizetype>(name.size(), 99)));
        octal(h + 100, 8, mode);
        octal(h + 108, 8, 0);
        octal(h + 116, 8, 0);
        octal(h + 124, 12, size);
        octal(h + 136, 12, kMtime);
        std::memset(h + 148, ' ', 8);
        h[156] = type;
        std::memcpy(h + 157, link.constData(), size_t(std::min<qsizetype>(link.size(), 99)));
        std::memcpy(h + 257, "ustar", 6);
        std::memcpy(h + 263, "00", 2);
        std::memcpy(h + 265, "root", 4);
        std::memcpy(h + 297, "root", 4);
        unsigned sum = 0;
        for (const char c : h) {
            sum += static_cast<unsigned char>(c);
        }
        const QByteArray check = QByteArray::number(sum, 8).rightJustified(6, '0');
        std::memcpy(h + 148, check.constData(), 6);
        h[154] = '\0';
        h[155] = ' ';
        m_out.append(h, kBlock);
    }

    void pad()
    {
        const qsizetype rest = m_out.size() % kBlock;
        if (rest != 0) {
            m_out += QByteArray(kBlock - rest, '\0');
        }
    }

    QByteArray m_out;
};

} // namespace

Result<QByteArray> busyboxRootfsTar(const QString &marker, const QString &busybox)
{
    auto binary = readFileLimited(busybox, 16 * 1024 * 1024);
    if (!binary) {
        return makeError(ErrorKind::BadInput,
                         QStringLiteral("Cannot read %1 for the lab image: %2")
                             .arg(busybox, binary.error().message),
                         QStringLiteral("Install Debian's busybox-static package."));
    }
    TarWriter tar;
    for (const char *dir : {"bin", "etc", "root", "proc", "sys", "dev", "var"}) {
        tar.directory(dir, 0755);
    }
    tar.directory("tmp", 01777);
    tar.file("bin/busybox", 0755, *binary);
    for (const char *applet :
         {"sh",    "ls",     "cat",  "echo",  "id",    "sleep", "ps",    "env",  "hostname",
          "uname", "whoami", "true", "false", "mkdir", "rm",    "touch", "grep", "head",
          "tail",  "date",   "df",   "mount", "wget",  "vi",    "top",   "wc"}) {
        tar.symlink(QByteArray("bin/") + applet, "busybox");
    }
    tar.file(
        "etc/passwd", 0644,
        "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
    tar.file("etc/group", 0644, "root:x:0:\nnogroup:x:65534:\n");
    tar.file("etc/drydock-image", 0644, marker.toUtf8() + '\n');
    return tar.finish();
}

} // namespace drydock::trust
