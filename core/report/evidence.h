// SPDX-License-Identifier: GPL-3.0-or-later
// The evidence digest: a SHA-256 over the canonical bytes of every input a
// report was made from, and the JSON sidecar an instructor checks it with.
#pragma once

#include "reportdata.h"
#include "util/result.h"

#include <QByteArray>
#include <QString>

namespace drydock::report {

// The canonical form of a JSON document: keys sorted, no insignificant
// whitespace, strings as raw UTF-8 (what Python's json.dumps(sort_keys=True,
// separators=(",", ":"), ensure_ascii=False) prints). `origin` names the
// document in the error.
Result<QByteArray> canonicalJson(const QByteArray &json, const QString &origin);

QString sha256Hex(const QByteArray &bytes);

// SHA-256 over one line per input, in order: "<kind> <name> <sha256 of its
// canonical bytes>\n". Each input's digest can be checked on its own.
QString evidenceDigest(const QList<EvidenceInput> &inputs);

// The sidecar FILE.evidence.json: the digest, each input, how to recompute
// them, and the SHA-256 of the report file itself.
QByteArray evidenceSidecar(const ReportData &data, const QString &reportFileName,
                           const QByteArray &reportBytes);

QString sidecarPath(const QString &reportPath); // "<reportPath>.evidence.json"

} // namespace drydock::report
