// SPDX-License-Identifier: GPL-3.0-or-later
// Canonical JSON as Notary signs it: the bytes every TUF signature covers.
#pragma once

#include "util/result.h"

#include <QByteArray>

#include <nlohmann/json.hpp>

namespace drydock::trust {

// Object keys sorted bytewise, no whitespace, strings escaping only `"` and
// `\`, integers only. A floating-point number is refused: it has no
// canonical form, so a document carrying one cannot be verified.
Result<QByteArray> canonicalJson(const nlohmann::json &value);

// Parses JSON text, turning parser exceptions into a Protocol error that
// names `what`.
Result<nlohmann::json> parseJson(const QByteArray &text, const QString &what);

} // namespace drydock::trust
