// SPDX-License-Identifier: GPL-3.0-or-later
// Markdown shown as part of a page: a read-only text browser as tall as its
// text, so that the page scrolls and not each piece of text.
#pragma once

#include <QTextBrowser>

namespace drydock::ui {

class MarkdownView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit MarkdownView(QWidget *parent = nullptr);

    // `folder`: where relative pictures are looked up (the lab's folder;
    // the loader has already refused references that leave it).
    void setMarkdownText(const QString &markdown, const QString &folder = {});

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitHeight();
};

} // namespace drydock::ui
