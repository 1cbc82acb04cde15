// SPDX-License-Identifier: GPL-3.0-or-later
// Loading and validating lab files: every problem is reported at once, each
// with file:line:column and the path of the field it concerns.
#pragma once

#include "jsonlocator.h"
#include "lab.h"
#include "util/result.h"

#include <QList>
#include <QString>

#include <optional>

namespace drydock::labs {

struct LabDiagnostic
{
    QString file; // as given to the loader
    SourcePos pos;
    QString pointer; // JSON pointer of the field ("" = the whole document)
    QString message;

    QString path() const { return displayPath(pointer); }
    // "labs/x.json:12:9: steps[2].needs[0]: needs unknown step \"foo\""
    QString text() const;
};

struct LabLoad
{
    std::optional<Lab> lab; // set only when there is no diagnostic
    QList<LabDiagnostic> diagnostics;
    bool ok() const { return lab.has_value(); }
};

// Largest lab file accepted; labs are text, a few kilobytes.
inline constexpr qint64 kMaxLabFileBytes = 1024 * 1024;

LabLoad loadLabFile(const QString &path);
// `fileName` names the file in messages; `folder` is where its assets must
// live (the lab file's folder).
LabLoad loadLabText(const QByteArray &text, const QString &fileName, const QString &folder);

// One Error for callers that only need to refuse: the first diagnostics,
// and how many more there are.
Error diagnosticsError(const QList<LabDiagnostic> &diagnostics);

// Resolves an asset reference from the lab's Markdown or a buildImage
// source against `folder`: refuses URLs, absolute paths, ".." that leaves
// the folder, symlinks that lead out of it, and missing files. Returns the
// canonical absolute path.
Result<QString> resolveAsset(const QString &folder, const QString &reference);

// Picture references found in a Markdown text: inline pictures, the
// definitions that reference-style pictures use, and src= / background= in
// HTML tags (quoted or not; the window shows HTML as text, other readers
// may not).
QStringList markdownAssetReferences(const QString &markdown);

} // namespace drydock::labs
