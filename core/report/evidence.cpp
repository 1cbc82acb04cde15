// SPDX-License-Identifier: GPL-3.0-or-later
// Canonical JSON, the evidence digest and its sidecar.
#include "evidence.h"

#include <QCryptographicHash>
#include <QTimeZone>

#include <nlohmann/json.hpp>

namespace drydock::report {

Result<QByteArray> canonicalJson(const QByteArray &json, const QString &origin)
{
    try {
        const nlohmann::json document = nlohmann::json::parse(json.constBegin(), json.constEnd());
        const std::string dumped = document.dump();
        return QByteArray(dumped.data(), static_cast<qsizetype>(dumped.size()));
    } catch (const nlohmann::json::exception &error) {
        return makeError(
            ErrorKind::BadInput,
            QStringLiteral("%1 is not valid JSON: %2").arg(origin, QString::fromUtf8(error.what())),
            QStringLiteral("Check that the file is complete; a run file is "
                           "rewritten whole by Drydock, so re-export or re-run it."));
    }
}

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString evidenceDigest(const QList<EvidenceInput> &inputs)
{
    QByteArray lines;
    for (const EvidenceInput &input : inputs) {
        lines += input.kind.toUtf8() + ' ' + input.name.toUtf8() + ' ' +
                 sha256Hex(input.canonical).toLatin1() + '\n';
    }
    return sha256Hex(lines);
}

QByteArray evidenceSidecar(const ReportData &data, const QString &reportFileName,
                           const QByteArray &reportBytes)
{
    nlohmann::json inputs = nlohmann::json::array();
    for (const EvidenceInput &input : data.inputs) {
        inputs.push_back({{"kind", input.kind.toStdString()},
                          {"name", input.name.toStdString()},
                          {"source", input.source.toStdString()},
                          {"bytes", input.canonical.size()},
                          {"sha256", sha256Hex(input.canonical).toStdString()}});
    }
    const nlohmann::json sidecar = {
        {"format", "drydock-report-evidence"},
        {"version", 1},
        {"report", reportFileName.toStdString()},
        {"reportSha256", sha256Hex(reportBytes).toStdString()},
        {"generatedAt",
         data.meta.generatedAt.toTimeZone(QTimeZone::utc()).toString(Qt::ISODate).toStdString()},
        {"algorithm", "sha256"},
        {"evidenceSha256", evidenceDigest(data.inputs).toStdString()},
        {"canonicalisation",
         "Each input is its JSON document with keys sorted, no whitespace between tokens and "
         "strings as raw UTF-8 (Python: json.dumps(doc, sort_keys=True, separators=(',', ':'), "
         "ensure_ascii=False)). Its sha256 is taken over those bytes."},
        {"digestRule", "evidenceSha256 = sha256 of the lines '<kind> <name> <sha256>\\n', one per "
                       "input in the order listed."},
        {"inputs", inputs},
    };
    const std::string text = sidecar.dump(2) + "\n";
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

QString sidecarPath(const QString &reportPath)
{
    return reportPath + QStringLiteral(".evidence.json");
}

} // namespace drydock::report
