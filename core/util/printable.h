// SPDX-License-Identifier: GPL-3.0-or-later
// Text from labs, the engine and containers made safe to print on a terminal.
#pragma once

#include <QString>

namespace drydock {

// Whether line breaks and tabs survive: kept for text meant to span lines
// (a lab step's instructions), replaced for one-line values (titles, ids).
enum class LineBreaks { Replace, Keep };

// True for a character that must not reach a terminal or a document as
// itself: C0 controls, DEL, C1 controls (0x80-0x9F, which some terminals
// read as ESC sequences) and the bidirectional overrides and isolates
// (U+202A-U+202E, U+2066-U+2069), which reorder what a reader sees.
bool isUnprintable(char16_t code);

// `text` with every unprintable character replaced by U+FFFD, so that an
// escape sequence is shown as a mark instead of hiding, recolouring or
// rewriting what the terminal shows. With LineBreaks::Keep, '\n' and '\t'
// stay ('\r' never does: it moves the cursor back over a line).
QString printable(const QString &text, LineBreaks breaks = LineBreaks::Replace);

} // namespace drydock
