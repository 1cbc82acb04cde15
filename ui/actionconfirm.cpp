// SPDX-License-Identifier: GPL-3.0-or-later
#include "actionconfirm.h"

#include "verdictstyle.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace drydock::ui {

namespace {

QPlainTextEdit *codeBox(const QString &text, QWidget *parent)
{
    auto *box = new QPlainTextEdit(text, parent);
    box->setReadOnly(true);
    box->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    box->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const int lines = int(text.count(QLatin1Char('\n'))) + 2;
    const int lineHeight = box->fontMetrics().lineSpacing();
    box->setMinimumHeight(qMin(lines, 4) * lineHeight + 12);
    box->setMaximumHeight(qMin(lines + 2, 14) * lineHeight + 12);
    return box;
}

} // namespace

ActionConfirmDialog::ActionConfirmDialog(const labs::ActionPreview &preview, QWidget *parent)
    : QDialog(parent), m_preview(preview)
{
    setWindowTitle(tr("Run “%1”?").arg(preview.title));
    setAccessibleName(tr("Confirm lab action"));
    setMinimumWidth(620);
    auto *layout = new QVBoxLayout(this);

    auto *summary = new QLabel(preview.summary, this);
    // Plain text: the summary quotes lab values, which QLabel's guess
    // would render as HTML.
    summary->setTextFormat(Qt::PlainText);
    summary->setWordWrap(true);
    summary->setAccessibleName(tr("What will happen"));
    layout->addWidget(summary);

    if (!preview.commands.isEmpty()) {
        layout->addWidget(new QLabel(tr("The equivalent commands:"), this));
        auto *commands = codeBox(commandText(), this);
        commands->setAccessibleName(tr("Equivalent commands"));
        commands->setObjectName(QStringLiteral("commands"));
        layout->addWidget(commands);
    }
    if (!preview.dockerfile.isEmpty()) {
        layout->addWidget(new QLabel(tr("The image recipe, as a Dockerfile:"), this));
        auto *dockerfile = codeBox(preview.dockerfile.trimmed(), this);
        dockerfile->setAccessibleName(tr("Dockerfile"));
        layout->addWidget(dockerfile);
    }
    for (const labs::DangerFlag &danger : preview.dangers) {
        const QColor colour =
            verdictColor(danger.severe ? bench::Verdict::Warn : bench::Verdict::Info);
        auto *flag = new QLabel(this);
        flag->setObjectName(danger.severe ? QStringLiteral("danger") : QStringLiteral("caution"));
        flag->setWordWrap(true);
        flag->setTextFormat(Qt::RichText);
        flag->setText(QStringLiteral("<span style=\"background:%1;color:white;font-weight:bold\">"
                                     "&nbsp;%2&nbsp;</span> <code>%3</code>: %4")
                          .arg(colour.name(), danger.severe ? tr("DANGER") : tr("CAUTION"),
                               danger.option.toHtmlEscaped(), danger.why.toHtmlEscaped()));
        flag->setAccessibleName(danger.severe ? tr("Dangerous option %1").arg(danger.option)
                                              : tr("Caution: %1").arg(danger.option));
        layout->addWidget(flag);
    }
    for (const QString &note : preview.notes) {
        auto *label = new QLabel(tr("Note: %1").arg(note), this);
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        layout->addWidget(label);
    }

    auto *buttons = new QDialogButtonBox(this);
    m_run = buttons->addButton(preview.hasSevereDanger() ? tr("Run despite the danger") : tr("Run"),
                               QDialogButtonBox::AcceptRole);
    m_run->setIcon(QIcon(QStringLiteral(":/drydock/icons/run.svg")));
    auto *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    // With a dangerous option, Enter must not run it by accident.
    if (preview.hasSevereDanger()) {
        cancel->setDefault(true);
        cancel->setFocus();
    } else {
        m_run->setDefault(true);
        m_run->setFocus();
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString ActionConfirmDialog::commandText() const
{
    QStringList lines;
    for (const QString &command : m_preview.commands) {
        lines.append(QStringLiteral("$ ") + command);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace drydock::ui
