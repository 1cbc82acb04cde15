// SPDX-License-Identifier: GPL-3.0-or-later
// The confirmation before a lab action runs: what will happen, the
// equivalent docker command lines, and every dangerous option flagged.
#pragma once

#include "labs/actions.h"

#include <QDialog>

class QPushButton;

namespace drydock::ui {

class ActionConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ActionConfirmDialog(const labs::ActionPreview &preview, QWidget *parent = nullptr);

    const labs::ActionPreview &preview() const { return m_preview; }
    // The command lines as shown.
    QString commandText() const;
    QPushButton *runButton() const { return m_run; }

private:
    labs::ActionPreview m_preview;
    QPushButton *m_run = nullptr;
};

} // namespace drydock::ui
