// SPDX-License-Identifier: GPL-3.0-or-later
// Logging categories, all declared here: drydock.<library>.<area>. Only
// warnings print by default; QT_LOGGING_RULES="drydock.*.debug=true" shows
// more. Never log a secret, token or passphrase.
#pragma once

#include <QLoggingCategory>

namespace drydock {
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
Q_DECLARE_LOGGING_CATEGORY(lcBench)
Q_DECLARE_LOGGING_CATEGORY(lcTrust)
Q_DECLARE_LOGGING_CATEGORY(lcLabs)
Q_DECLARE_LOGGING_CATEGORY(lcReport)
Q_DECLARE_LOGGING_CATEGORY(lcUi)
Q_DECLARE_LOGGING_CATEGORY(lcProcess)
} // namespace drydock
