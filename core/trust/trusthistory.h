// SPDX-License-Identifier: GPL-3.0-or-later
// The record of content-trust outcomes (what was asked, what was decided
// and why), kept in dataPath("trust")/history.json for the lab report and
// lab step verification.
#pragma once

#include "util/result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace drydock::trust {

struct TrustHistoryEntry
{
    QDateTime time; // UTC
    QString action; // "inspect", "pull" or "run"
    QString image;  // as the user wrote it
    QString gun;    // registry/repository
    QString tag;
    bool trustEnabled = false;
    bool refused = false; // refused, or failed before anything was pulled or run
    QString reason;       // why it was refused or failed; empty on success
    QString digest;       // the trusted (or pulled) manifest digest, when known
    QStringList signers;  // "role: keyid" of the signatures that vouched for the tag
    QString server;       // the Notary server consulted, if any
    QString container;    // the container started by "run"
};

// history.json beside the trust store; `folder` defaults to dataPath("trust").
QString trustHistoryPath(const QString &folder = {});

// Appends one entry (the newest 1000 are kept), writing the file atomically.
Result<void> appendTrustHistory(const TrustHistoryEntry &entry, const QString &folder = {});

// Oldest first. A missing file is an empty history.
Result<QList<TrustHistoryEntry>> loadTrustHistory(const QString &folder = {});

} // namespace drydock::trust
