// SPDX-License-Identifier: GPL-3.0-or-later
// The report as one JSON document, for graders' scripts: everything the PDF
// shows, with every evidence item.
#pragma once

#include "reportdata.h"

#include <QByteArray>

namespace drydock::report {

QByteArray reportJson(const ReportData &data);

} // namespace drydock::report
