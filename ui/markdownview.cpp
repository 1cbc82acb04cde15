// SPDX-License-Identifier: GPL-3.0-or-later
// A lab's Markdown, without HTML and with pictures only from its folder.
#include "markdownview.h"

#include "labs/labloader.h"

#include <QFile>
#include <QImage>
#include <QResizeEvent>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>
#include <QUrl>

#include <cmath>
#include <utility>

namespace drydock::ui {

namespace {

// Lab pictures are diagrams and screenshots; a larger file is not one.
constexpr qint64 kMaxPictureBytes = 16 * 1024 * 1024;

} // namespace

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
    m_markdown = markdown;
    m_folder = folder;
    // No search paths: QTextBrowser would look pictures up there by itself.
    setSearchPaths({});
    document()->setMarkdown(markdown,
                            QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                            QTextDocument::MarkdownNoHTML));
    keepPicturesInFolder();
    fitHeight();
}

QImage MarkdownView::picture(const QString &reference, QString *path) const
{
    if (m_folder.isEmpty()) {
        return {};
    }
    const auto resolved = labs::resolveAsset(m_folder, reference);
    if (!resolved) {
        return {};
    }
    QFile file(*resolved);
    if (file.size() > kMaxPictureBytes || !file.open(QIODevice::ReadOnly)) {
        return {};
    }
    *path = *resolved;
    return QImage::fromData(file.readAll());
}

void MarkdownView::keepPicturesInFolder()
{
    // Qt's picture drawing loads a picture by its name from the disk by
    // itself when the document has none under that name, whatever
    // loadResource() says. So each picture is looked up here, before the
    // first layout: one in the lab's folder is handed to the document
    // under its canonical path, any other is replaced by a note.
    QTextDocument *doc = document();
    QList<std::pair<int, QTextImageFormat>> pictures;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.charFormat().isImageFormat()) {
                for (int i = 0; i < fragment.length(); ++i) {
                    pictures.append(
                        {fragment.position() + i, fragment.charFormat().toImageFormat()});
                }
            }
        }
    }
    // From the end, so that a replaced picture does not move the others.
    for (auto it = pictures.crbegin(); it != pictures.crend(); ++it) {
        QTextCursor cursor(doc);
        cursor.setPosition(it->first);
        cursor.setPosition(it->first + 1, QTextCursor::KeepAnchor);
        QString path;
        const QImage image = picture(it->second.name(), &path);
        if (image.isNull()) {
            cursor.insertText(tr("[picture not shown: %1 is not a picture in the lab's folder]")
                                  .arg(it->second.name()),
                              QTextCharFormat());
            continue;
        }
        QTextImageFormat format = it->second;
        format.setName(path);
        doc->addResource(QTextDocument::ImageResource, QUrl(path), image);
        cursor.setCharFormat(format);
    }
}

QVariant MarkdownView::loadResource(int type, const QUrl &name)
{
    // A null QImage, not an empty QVariant: for an empty one QTextDocument
    // would read the file by itself.
    QString path;
    const QImage image =
        type == QTextDocument::ImageResource ? picture(name.toString(), &path) : QImage();
    return QVariant::fromValue(image);
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
