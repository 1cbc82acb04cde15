// SPDX-License-Identifier: GPL-3.0-or-later
#include "runpanel.h"

#include "progress.h"

#include "bench/catalogue.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace drydock::ui {

namespace {

constexpr int kIdRole = Qt::UserRole;

} // namespace

RunPanel::RunPanel(const bench::Catalogue *catalogue, QWidget *parent) : QWidget(parent)
{
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderHidden(true);
    m_tree->setAccessibleName(tr("Sections and checks to run"));
    m_tree->setToolTip(tr("Tick the sections or single checks to run"));
    m_tree->setUniformRowHeights(true);
    if (catalogue) {
        for (const bench::SectionInfo &section : catalogue->sections()) {
            auto *sectionItem = new QTreeWidgetItem(m_tree);
            sectionItem->setText(0, tr("%1 %2").arg(section.id, section.title));
            sectionItem->setData(0, kIdRole, section.id);
            sectionItem->setFlags(sectionItem->flags() | Qt::ItemIsUserCheckable |
                                  Qt::ItemIsAutoTristate);
            sectionItem->setCheckState(0, Qt::Checked);
            for (const QString &id : section.checkIds) {
                const bench::CheckInfo *info = catalogue->check(id);
                auto *checkItem = new QTreeWidgetItem(sectionItem);
                checkItem->setText(0, info ? tr("%1 %2").arg(id, info->title) : id);
                checkItem->setToolTip(0, checkItem->text(0));
                checkItem->setData(0, kIdRole, id);
                checkItem->setFlags(checkItem->flags() | Qt::ItemIsUserCheckable);
                checkItem->setCheckState(0, Qt::Checked);
            }
        }
    }
    m_selectionSummary = new QLabel(this);
    m_selectionSummary->setWordWrap(true);

    m_pattern = new QLineEdit(this);
    m_pattern->setPlaceholderText(tr("every container"));
    m_pattern->setAccessibleName(tr("Container name pattern"));
    m_pattern->setToolTip(tr("A regular expression searched in each container's name"));
    m_pattern->setClearButtonEnabled(true);
    m_label = new QLineEdit(this);
    m_label->setPlaceholderText(tr("key or key=value"));
    m_label->setAccessibleName(tr("Container label"));
    m_label->setToolTip(tr("Only containers carrying this label (several: comma-separated)"));
    m_label->setClearButtonEnabled(true);

    m_run = new QPushButton(QIcon(QStringLiteral(":/drydock/icons/run.svg")), tr("&Run"), this);
    m_run->setToolTip(tr("Run the selected checks (Ctrl+R)"));
    m_run->setAccessibleName(tr("Run the benchmark"));
    m_run->setDefault(true);
    m_cancel =
        new QPushButton(QIcon(QStringLiteral(":/drydock/icons/cancel.svg")), tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the running benchmark (Esc)"));
    m_cancel->setAccessibleName(tr("Cancel the benchmark"));
    m_cancel->setEnabled(false);

    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Benchmark progress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_phase = new QLabel(tr("Ready."), this);
    m_phase->setWordWrap(true);
    m_phase->setAccessibleName(tr("Benchmark phase"));

    auto *containers = new QFormLayout;
    containers->addRow(tr("&Name:"), m_pattern);
    containers->addRow(tr("&Label:"), m_label);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run, 1);
    buttons->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *checksHeading = new QLabel(tr("<b>Checks</b>"), this);
    layout->addWidget(checksHeading);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_selectionSummary);
    layout->addWidget(new QLabel(tr("<b>Containers</b>"), this));
    layout->addLayout(containers);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_phase);

    connect(m_run, &QPushButton::clicked, this, &RunPanel::runRequested);
    connect(m_cancel, &QPushButton::clicked, this, &RunPanel::cancelRequested);
    // Shortcuts of their own rather than the buttons': a button's shortcut
    // clicks it only after a short flash, and Esc must stop at once.
    auto *run = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_R), this);
    connect(run, &QShortcut::activated, this, [this] {
        if (m_run->isEnabled()) {
            Q_EMIT runRequested();
        }
    });
    auto *cancel = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(cancel, &QShortcut::activated, this, [this] {
        if (m_cancel->isEnabled()) {
            Q_EMIT cancelRequested();
        }
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this] { updateSummary(); });
    updateSummary();
}

Result<bench::RunOptions> RunPanel::options() const
{
    bench::RunOptions options;
    int total = 0;
    int chosen = 0;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *section = m_tree->topLevelItem(i);
        if (!section) {
            continue;
        }
        const int children = section->childCount();
        total += children;
        if (section->checkState(0) == Qt::Checked) {
            options.checks.include.append(section->data(0, kIdRole).toString());
            chosen += children;
            continue;
        }
        for (int j = 0; j < children; ++j) {
            QTreeWidgetItem *check = section->child(j);
            if (check && check->checkState(0) == Qt::Checked) {
                options.checks.include.append(check->data(0, kIdRole).toString());
                ++chosen;
            }
        }
    }
    if (chosen == 0) {
        return makeError(ErrorKind::BadInput, tr("No check is selected."),
                         tr("Tick at least one section or check in the list."));
    }
    if (chosen == total) {
        options.checks.include.clear(); // all of them, said shortly
    }
    options.containers.namePattern = m_pattern->text().trimmed();
    const QStringList labels = m_label->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &label : labels) {
        options.containers.labels.append(label.trimmed());
    }
    if (const auto valid = bench::validateSelection(options.containers); !valid) {
        return valid.error();
    }
    return options;
}

void RunPanel::setRunning(bool running)
{
    m_running = running;
    m_run->setEnabled(!running && m_runEnabled);
    m_cancel->setEnabled(running);
    m_tree->setEnabled(!running);
    m_pattern->setEnabled(!running);
    m_label->setEnabled(!running);
    if (running) {
        m_progress->setRange(0, 0);
    } else {
        m_progress->setRange(0, 1000);
    }
}

void RunPanel::setProgress(double fraction, const QString &text)
{
    setProgressFraction(m_progress, fraction);
    m_phase->setText(text);
}

void RunPanel::setRunEnabled(bool enabled, const QString &why)
{
    m_runEnabled = enabled;
    m_run->setEnabled(enabled && !m_running);
    m_run->setToolTip(enabled ? tr("Run the selected checks (Ctrl+R)") : why);
}

void RunPanel::selectChecks(const QStringList &patterns)
{
    const QSignalBlocker blocker(m_tree);
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *section = m_tree->topLevelItem(i);
        if (!section) {
            continue;
        }
        for (int j = 0; j < section->childCount(); ++j) {
            QTreeWidgetItem *check = section->child(j);
            if (!check) {
                continue;
            }
            const QString id = check->data(0, kIdRole).toString();
            const bool on = patterns.isEmpty() ||
                            std::any_of(patterns.cbegin(), patterns.cend(), [&](const QString &p) {
                                return bench::checkIdMatches(p, id);
                            });
            check->setCheckState(0, on ? Qt::Checked : Qt::Unchecked);
        }
    }
    updateSummary();
}

void RunPanel::updateSummary()
{
    int total = 0;
    int chosen = 0;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *section = m_tree->topLevelItem(i);
        if (!section) {
            continue;
        }
        for (int j = 0; j < section->childCount(); ++j) {
            ++total;
            const QTreeWidgetItem *check = section->child(j);
            chosen += check && check->checkState(0) == Qt::Checked ? 1 : 0;
        }
    }
    m_selectionSummary->setText(tr("%1 of %n check(s) selected.", nullptr, total).arg(chosen));
}

} // namespace drydock::ui
