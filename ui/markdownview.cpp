// SPDX-License-Identifier: GPL-3.0-or-later
#include "markdownview.h"

#include <QResizeEvent>
#include <QTextDocument>

#include <cmath>

namespace drydock::ui {

MarkdownView::MarkdownView(QWidget *parent) : QTextBrowser(parent)
{
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // Labs work offline and never navigate: links are shown, not followed.
    setOpenLinks(false);
    setOpenExternalLinks(false);
    viewport()->setAutoFillBackground(false);
    setAutoFillBackground(false);
    setFocusPolicy(Qt::TabFocus);
}

void MarkdownView::setMarkdownText(const QString &markdown, const QString &folder)
{
    setSearchPaths(folder.isEmpty() ? QStringList() : QStringList{folder});
    setMarkdown(markdown);
    fitHeight();
}

void MarkdownView::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    if (event->size().width() != event->oldSize().width()) {
        fitHeight();
    }
}

void MarkdownView::fitHeight()
{
    document()->setTextWidth(viewport()->width());
    const int height = int(std::ceil(document()->size().height())) + 2 * frameWidth() + 2;
    if (height != this->height()) {
        setFixedHeight(height);
    }
}

} // namespace drydock::ui
