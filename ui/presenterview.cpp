// SPDX-License-Identifier: GPL-3.0-or-later
#include "presenterview.h"

#include "labsession.h"
#include "labstepview.h"
#include "markdownview.h"

#include "labs/verifier.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace drydock::ui {

using namespace drydock::labs;

namespace {

QFont scaled(QFont font, double factor, bool bold = false)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    font.setBold(bold);
    return font;
}

} // namespace

PresenterView::PresenterView(QWidget *parent) : QWidget(parent)
{
    setAccessibleName(tr("Presenter mode"));
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);

    m_labTitle = new QLabel(this);
    m_labTitle->setFont(scaled(font(), 1.3));
    m_labTitle->setAccessibleName(tr("Lab"));
    m_position = new QLabel(this);
    m_position->setFont(scaled(font(), 1.3));
    m_position->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_position->setAccessibleName(tr("Step position"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_labTitle, 1);
    top->addWidget(m_position);

    m_title = new QLabel(this);
    // Titles are plain text: QLabel's guess would render HTML in them.
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setFont(scaled(font(), 2.6, true));
    m_title->setAccessibleName(tr("Step title"));

    m_instructions = new MarkdownView(this);
    m_instructions->setFont(scaled(font(), 1.7));
    m_instructions->setAccessibleName(tr("Instructions"));
    m_instructions->setFocusPolicy(Qt::NoFocus);
    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(m_instructions);
    pageLayout->addStretch(1);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setFocusPolicy(Qt::NoFocus);
    m_scroll->setWidget(page);

    m_verification = new QLabel(this);
    m_verification->setWordWrap(true);
    m_verification->setTextFormat(Qt::RichText);
    m_verification->setFont(scaled(font(), 1.8));
    m_verification->setAccessibleName(tr("Verification"));
    m_verification->setFrameShape(QFrame::StyledPanel);
    m_verification->setMargin(12);

    auto *keys = new QLabel(
        tr("← / → or Page Up / Page Down: steps    C: check    Esc: leave presenter mode"), this);
    keys->setForegroundRole(QPalette::PlaceholderText);
    keys->setAlignment(Qt::AlignCenter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 24, 40, 16);
    layout->setSpacing(16);
    layout->addLayout(top);
    layout->addWidget(m_title);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_verification);
    layout->addWidget(keys);
}

void PresenterView::setSession(LabSession *session)
{
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
    }
    m_session = session;
    if (session) {
        connect(session, &LabSession::checked, this, &PresenterView::refresh);
        connect(session, &LabSession::progressChanged, this, &PresenterView::refresh);
        connect(session, &LabSession::busyChanged, this, &PresenterView::refresh);
    }
    m_stepId.clear();
    refresh();
}

void PresenterView::showStep(const QString &stepId)
{
    if (!m_session) {
        return;
    }
    const Lab &lab = m_session->lab();
    m_stepId = lab.step(stepId) ? stepId : (lab.steps.isEmpty() ? QString() : lab.steps.first().id);
    const Step *step = lab.step(m_stepId);
    m_instructions->setMarkdownText(step ? step->instructions : QString(), lab.folder);
    m_scroll->verticalScrollBar()->setValue(0);
    refresh();
    Q_EMIT stepChanged(m_stepId);
}

void PresenterView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_PageDown:
    case Qt::Key_Space:
        move(+1);
        return;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
        move(-1);
        return;
    case Qt::Key_C:
        if (m_session) {
            m_session->check(m_stepId);
        }
        return;
    case Qt::Key_Escape:
        Q_EMIT leaveRequested();
        return;
    default:
        break;
    }
    QWidget::keyPressEvent(event);
}

void PresenterView::move(int delta)
{
    if (!m_session) {
        return;
    }
    const Lab &lab = m_session->lab();
    const int next = lab.stepIndex(m_stepId) + delta;
    if (next >= 0 && next < lab.steps.size()) {
        showStep(lab.steps.at(next).id);
    }
}

void PresenterView::refresh()
{
    if (!m_session) {
        m_labTitle->clear();
        m_position->clear();
        m_title->clear();
        m_verification->clear();
        return;
    }
    const Lab &lab = m_session->lab();
    const Step *step = lab.step(m_stepId);
    m_labTitle->setText(lab.title);
    if (!step) {
        return;
    }
    const int index = lab.stepIndex(m_stepId);
    m_position->setText(tr("Step %1 of %2").arg(index + 1).arg(lab.steps.size()));
    m_title->setText(step->title);
    QString html = checkResultHtml(m_session, m_stepId, true);
    if (step->verify) {
        html = QStringLiteral("<p>%1</p>")
                   .arg(tr("Check: %1")
                            .arg(describePredicate(*step->verify, lab, m_session->scope()))
                            .toHtmlEscaped()) +
               html;
    }
    m_verification->setText(html);
}

} // namespace drydock::ui
