// SPDX-License-Identifier: GPL-3.0-or-later
// MarkdownView, the lab text widget: HTML is shown as text, and pictures
// come only from files inside the lab's folder, whatever the text says.
#include "ui/markdownview.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>
#include <QUrl>

using namespace drydock::ui;

namespace {

// How many pictures the rendered document holds.
int pictureCount(const QTextDocument *document)
{
    int count = 0;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            count += it.fragment().charFormat().isImageFormat() ? 1 : 0;
        }
    }
    return count;
}

} // namespace

class TestMarkdownView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString labFolder() const { return m_dir.filePath(QStringLiteral("lab")); }
    QString outside() const { return m_dir.filePath(QStringLiteral("outside.png")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("lab/images")));
        QImage picture(4, 4, QImage::Format_RGB32);
        picture.fill(Qt::red);
        QVERIFY(picture.save(m_dir.filePath(QStringLiteral("lab/images/ok.png"))));
        QVERIFY(picture.save(outside()));
    }

    void loadResource_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<bool>("loaded");

        const int image = QTextDocument::ImageResource;
        // Rule: a relative path inside the lab's folder is the one way in.
        QTest::newRow("inside the folder") << image << QStringLiteral("images/ok.png") << true;
        // Rule: absolute paths are refused, even to a real picture.
        QTest::newRow("absolute path") << image << outside() << false;
        QTest::newRow("system file") << image << QStringLiteral("/etc/passwd") << false;
        // Rule: ".." that leaves the folder is refused.
        QTest::newRow("dot dot") << image << QStringLiteral("../outside.png") << false;
        // Rule: URLs are refused, file: ones included.
        QTest::newRow("file URL") << image << QUrl::fromLocalFile(outside()).toString() << false;
        // Rule: only pictures load; no other kind of resource.
        QTest::newRow("style sheet")
            << int(QTextDocument::StyleSheetResource) << QStringLiteral("images/ok.png") << false;
    }

    void loadResource()
    {
        QFETCH(int, type);
        QFETCH(QString, reference);
        QFETCH(bool, loaded);
        MarkdownView view;
        view.setMarkdownText(QStringLiteral("text"), labFolder());
        const QVariant data = view.loadResource(type, QUrl(reference));
        QCOMPARE(!qvariant_cast<QImage>(data).isNull(), loaded);
        // Never an empty answer: QTextDocument would read the file itself.
        QVERIFY(!data.isNull());
    }

    void noFolderLoadsNothing()
    {
        MarkdownView view;
        view.setMarkdownText(QStringLiteral("![x](images/ok.png)"));
        const QVariant data =
            view.loadResource(QTextDocument::ImageResource, QUrl(QStringLiteral("images/ok.png")));
        QVERIFY(qvariant_cast<QImage>(data).isNull());
        QCOMPARE(pictureCount(view.document()), 0);
    }

    void htmlIsText_data()
    {
        QTest::addColumn<QString>("markdown");

        // Rule: HTML pictures are not rendered, quoted or not, absolute,
        // outside or as a URL; the tag stays visible as text.
        QTest::newRow("img absolute") << QStringLiteral("<img src=\"%1\">").arg(outside());
        QTest::newRow("img unquoted") << QStringLiteral("<img src=/etc/passwd>");
        QTest::newRow("img file URL")
            << QStringLiteral("<img src=%1>").arg(QUrl::fromLocalFile(outside()).toString());
        QTest::newRow("img outside") << QStringLiteral("<img src=../outside.png>");
        QTest::newRow("table background")
            << QStringLiteral("<table background=\"%1\"><tr><td>x</td></tr></table>")
                   .arg(outside());
    }

    void htmlIsText()
    {
        QFETCH(QString, markdown);
        MarkdownView view;
        view.resize(400, 100);
        view.setMarkdownText(QStringLiteral("Before\n\n") + markdown, labFolder());
        QCOMPARE(pictureCount(view.document()), 0);
        QVERIFY2(view.document()->toPlainText().contains(QLatin1Char('<')),
                 qPrintable(view.document()->toPlainText()));
        QVERIFY(view.grab().width() > 0); // a layout pass, which is when pictures would load
    }

    void outsidePicturesRenderEmpty_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("url");

        // Rule: Markdown pictures outside the folder are replaced by a note
        // before any layout, and the document has nothing under their name
        // (Qt would otherwise read the file itself): inline, reference-style,
        // "..", a system file.
        QTest::newRow("inline absolute") << QStringLiteral("![x](%1)").arg(outside()) << outside();
        QTest::newRow("reference style")
            << QStringLiteral("![x][r]\n\n[r]: %1\n").arg(outside()) << outside();
        QTest::newRow("dot dot") << QStringLiteral("![x](../outside.png)")
                                 << QStringLiteral("../outside.png");
        QTest::newRow("system file")
            << QStringLiteral("![x](/etc/passwd)") << QStringLiteral("/etc/passwd");
    }

    void outsidePicturesRenderEmpty()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, url);
        MarkdownView view;
        view.resize(400, 100);
        view.setMarkdownText(markdown, labFolder());
        QVERIFY(view.grab().width() > 0);
        QCOMPARE(pictureCount(view.document()), 0);
        QVERIFY2(view.document()->toPlainText().contains(QLatin1String("picture not shown")),
                 qPrintable(view.document()->toPlainText()));
        const QVariant data = view.document()->resource(QTextDocument::ImageResource, QUrl(url));
        QVERIFY(qvariant_cast<QImage>(data).isNull());
        QVERIFY(data.toByteArray().isEmpty());
    }

    void insidePictureRenders()
    {
        MarkdownView view;
        view.resize(400, 100);
        view.setMarkdownText(QStringLiteral("![x](images/ok.png)"), labFolder());
        QVERIFY(view.grab().width() > 0);
        QCOMPARE(pictureCount(view.document()), 1);
        const QString path =
            QFileInfo(m_dir.filePath(QStringLiteral("lab/images/ok.png"))).canonicalFilePath();
        const QVariant data = view.document()->resource(QTextDocument::ImageResource, QUrl(path));
        QCOMPARE(qvariant_cast<QImage>(data).size(), QSize(4, 4));
    }
};

QTEST_MAIN(TestMarkdownView)
#include "tst_markdownview.moc"
