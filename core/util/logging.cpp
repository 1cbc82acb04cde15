// SPDX-License-Identifier: GPL-3.0-or-later
#include "logging.h"

namespace drydock {
Q_LOGGING_CATEGORY(lcHttp, "drydock.docker.http", QtWarningMsg)
Q_LOGGING_CATEGORY(lcEngine, "drydock.docker.engine", QtWarningMsg)
Q_LOGGING_CATEGORY(lcBench, "drydock.bench", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTrust, "drydock.trust", QtWarningMsg)
Q_LOGGING_CATEGORY(lcLabs, "drydock.labs", QtWarningMsg)
Q_LOGGING_CATEGORY(lcReport, "drydock.report", QtWarningMsg)
Q_LOGGING_CATEGORY(lcUi, "drydock.ui", QtWarningMsg)
Q_LOGGING_CATEGORY(lcProcess, "drydock.util.process", QtWarningMsg)
} // namespace drydock
