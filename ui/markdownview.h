// SPDX-License-Identifier: GPL-3.0-or-later
// Markdown shown as part of a page: a read-only text browser as tall as its
// text, so that the page scrolls and not each piece of text.
#pragma once

#include <QImage>
#include <QTextBrowser>

namespace drydock::ui {

class MarkdownView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit MarkdownView(QWidget *parent = nullptr);

    // `folder`: the lab's folder, the only place pictures come from. HTML
    // in the text is shown as text, not rendered: lab files are anyone's
    // download, and HTML could reach further than Markdown's pictures.
    void setMarkdownText(const QString &markdown, const QString &folder = {});
    // The text last given to setMarkdownText().
    QString markdownText() const { return m_markdown; }

    // Pictures come only from files inside the lab's folder, through the
    // lab loader's own rule (labs::resolveAsset): absolute paths, "..",
    // URLs and links out of the folder yield a null picture, other kinds
    // of resource nothing. The loader refuses such references already;
    // this holds for text that did not come through it.
    QVariant loadResource(int type, const QUrl &name) override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitHeight();
    // The picture `reference` names, if it is one in the lab's folder;
    // `path` gets its canonical path.
    QImage picture(const QString &reference, QString *path) const;
    // Hands every picture of the document over, or replaces it by a note.
    void keepPicturesInFolder();

    QString m_markdown;
    QString m_folder;
};

} // namespace drydock::ui
