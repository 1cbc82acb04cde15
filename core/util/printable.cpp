// SPDX-License-Identifier: GPL-3.0-or-later
// Replacing control and bidi-override characters before text is printed.
#include "printable.h"

namespace drydock {

bool isUnprintable(char16_t code)
{
    return code < 0x20 || code == 0x7f || (code >= 0x80 && code < 0xa0) ||
           (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

QString printable(const QString &text, LineBreaks breaks)
{
    QString result = text;
    for (QChar &c : result) {
        const char16_t code = c.unicode();
        if (breaks == LineBreaks::Keep && (code == u'\n' || code == u'\t')) {
            continue;
        }
        if (isUnprintable(code)) {
            c = QChar(0xfffd);
        }
    }
    return result;
}

} // namespace drydock
