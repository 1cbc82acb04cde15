// SPDX-License-Identifier: GPL-3.0-or-later
// Gathers what a report is made from off the disk: saved runs, the lab
// progress and the content-trust history, with the canonical bytes the
// evidence digest covers.
#pragma once

#include "reportdata.h"
#include "util/result.h"

#include <QString>
#include <QStringList>

namespace drydock::report {

struct SourceOptions
{
    // Run ids or run files. Empty: the newest saved run, and the one before
    // it when `compare` is set.
    QStringList runs;
    bool compare = false;
    // A lab id (shipped or the user's own) or a lab file; empty: no lab
    // section. Its progress must have been saved.
    QString labId;
    // Where lab ids are looked up; empty: the shipped and the user's labs.
    QStringList labFolders;
    // Folders; empty means the user's data folder (dataPath("runs") ...).
    QString runsFolder;
    QString progressFolder;
    QString trustFolder;
};

// A blocking call (it reads files): run it off the GUI thread.
Result<ReportData> gatherReport(const SourceOptions &options, const ReportMeta &meta);

} // namespace drydock::report
