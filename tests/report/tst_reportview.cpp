// SPDX-License-Identifier: GPL-3.0-or-later
// The Report view, offscreen: it lists the saved runs and the labs with
// progress, previews the report off the GUI thread as the fields change,
// and exports through its buttons (the save dialog replaced) without a
// modal loop.
#include "bench/runstore.h"
#include "labs/progress.h"
#include "reportfixtures.h"
#include "ui/reportview.h"
#include "util/datadir.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QPdfDocument>
#include <QPdfSelection>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace drydock;

namespace {

const QString kStudent = QStringLiteral("Zoë Ñandú 王小明");

QString documentText(QPdfDocument *document)
{
    QStringList pages;
    for (int page = 0; page < document->pageCount(); ++page) {
        pages << document->getAllText(page).text();
    }
    return pages.join(QLatin1Char('\n')).remove(QRegularExpression(QStringLiteral("\\s+")));
}

QString dense(const QString &text)
{
    return QString(text).remove(QRegularExpression(QStringLiteral("\\s+")));
}

} // namespace

class TestReportView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void previewFollowsFieldsRunsAndLab();
    void exportButtons();
    void exportError();

private:
    // A data folder of its own: re-runs do not meet runs saved earlier.
    QTemporaryDir m_data;
    QTemporaryDir m_out;
    std::unique_ptr<ui::ReportView> m_view;
};

void TestReportView::initTestCase()
{
    QVERIFY(m_data.isValid() && m_out.isValid());
    qputenv("DRYDOCK_DATA_DIR", m_data.path().toUtf8());
    const QDateTime start(QDate(2026, 12, 4), QTime(9, 0), QTimeZone::utc());
    const bench::RunStore store(dataPath(QStringLiteral("runs")));
    QVERIFY(store.save(report::fixtures::makeRun({QStringLiteral("view-oldest"), start, 2, 2})));
    QVERIFY(store.save(
        report::fixtures::makeRun({QStringLiteral("view-before"), start.addSecs(60), 2, 2})));
    QVERIFY(store.save(
        report::fixtures::makeRun({QStringLiteral("view-after"), start.addSecs(120), 2, 4})));
    QVERIFY(labs::ProgressStore().save(
        report::fixtures::makeProgress(start, QStringLiteral("view-before"))));

    m_view = std::make_unique<ui::ReportView>();
    QSignalSpy previews(m_view.get(), &ui::ReportView::previewUpdated);
    m_view->resize(1200, 800);
    m_view->show();
    // Showing the view lists the runs and renders the newest one.
    QVERIFY(previews.wait(120000));
    QVERIFY(m_view->previewDocument()->pageCount() >= 6);
}

void TestReportView::previewFollowsFieldsRunsAndLab()
{
    ui::ReportView &view = *m_view;
    auto *runs = view.findChild<QListWidget *>(QStringLiteral("runs"));
    auto *lab = view.findChild<QComboBox *>(QStringLiteral("lab"));
    QVERIFY(runs && lab);
    QCOMPARE(runs->count(), 3);
    // Newest first, and only the newest is ticked to begin with.
    QCOMPARE(runs->item(0)->toolTip(), QStringLiteral("view-after"));
    QCOMPARE(runs->item(0)->checkState(), Qt::Checked);
    QCOMPARE(runs->item(1)->checkState(), Qt::Unchecked);
    // The lab chooser lists the labs with saved progress, by title.
    QCOMPARE(lab->count(), 2);
    QCOMPARE(lab->itemData(1).toString(), report::fixtures::kLabId);
    QVERIFY2(lab->itemText(1).contains(QStringLiteral("Docker Bench and hardening")),
             qPrintable(lab->itemText(1)));

    const QList<QPair<QString, QString>> fields = {
        {QStringLiteral("studentName"), kStudent},
        {QStringLiteral("studentId"), QStringLiteral("s7654321")},
        {QStringLiteral("course"), QStringLiteral("Sécurité des conteneurs")},
        {QStringLiteral("instructor"), QStringLiteral("Prof. Grace Hopper")},
    };
    for (const auto &[name, text] : fields) {
        auto *edit = view.findChild<QLineEdit *>(name);
        QVERIFY2(edit, qPrintable(name));
        edit->clear();
        // QTest::keyClicks types Latin-1 only; insert() is an edit as typed.
        edit->insert(text);
    }
    runs->item(1)->setCheckState(Qt::Checked);
    lab->setCurrentIndex(1);
    // A third run is refused: a comparison has a before and an after.
    runs->item(2)->setCheckState(Qt::Checked);
    QCOMPARE(runs->item(2)->checkState(), Qt::Unchecked);
    QVERIFY(view.statusText().contains(QStringLiteral("two runs")));

    // The preview catches up once typing pauses; every field, the second
    // run's comparison and the lab's steps are in it.
    QTRY_VERIFY_WITH_TIMEOUT(documentText(view.previewDocument()).contains(dense(kStudent)),
                             120000);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 120000);
    const QString text = documentText(view.previewDocument());
    for (const QString &want :
         {QStringLiteral("s7654321"), QStringLiteral("Sécurité des conteneurs"),
          QStringLiteral("Prof. Grace Hopper"), QStringLiteral("Before and after"),
          QStringLiteral("Lab steps"), QStringLiteral("Docker Bench and hardening"),
          report::fixtures::kAnswerSearchable}) {
        QVERIFY2(text.contains(dense(want)), qPrintable(QStringLiteral("missing: ") + want));
    }

    // The render runs on a worker: the call returns with the job pending
    // and the result arrives through the event loop.
    QSignalSpy previews(&view, &ui::ReportView::previewUpdated);
    view.refreshPreview();
    QVERIFY(view.isBusy());
    QVERIFY(view.statusText().contains(QStringLiteral("Rendering")));
    QVERIFY(previews.wait(120000));
    QVERIFY(!view.isBusy());
}

void TestReportView::exportButtons()
{
    ui::ReportView &view = *m_view;
    QList<report::Format> asked;
    view.setExportPathChooser([&](report::Format format, const QString &suggested) {
        asked << format;
        // The suggestion is named after the student.
        return suggested.contains(QStringLiteral("Zoë"))
                   ? m_out.filePath(QStringLiteral("lab-report.") + report::formatName(format))
                   : QString();
    });
    const QList<QPair<QString, report::Format>> buttons = {
        {QStringLiteral("exportPdf"), report::Format::Pdf},
        {QStringLiteral("exportHtml"), report::Format::Html},
        {QStringLiteral("exportJson"), report::Format::Json},
    };
    for (const auto &[name, format] : buttons) {
        auto *button = view.findChild<QPushButton *>(name);
        QVERIFY(button);
        QSignalSpy exports(&view, &ui::ReportView::exported);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(exports.wait(120000));
        QCOMPARE(exports.first().at(1).toBool(), true);
        const QString path = exports.first().at(0).toString();
        QCOMPARE(QFileInfo(path).suffix(), report::formatName(format));
        QVERIFY(QFile::exists(path));
        QVERIFY(QFile::exists(path + QStringLiteral(".evidence.json")));
        QVERIFY2(view.statusText().contains(QFileInfo(path).fileName()),
                 qPrintable(view.statusText()));
    }
    QCOMPARE(asked.size(), 3);

    // The exported PDF is the report with the fields and the lab.
    QPdfDocument pdf;
    QCOMPARE(pdf.load(m_out.filePath(QStringLiteral("lab-report.pdf"))), QPdfDocument::Error::None);
    const QString text = documentText(&pdf);
    QVERIFY(text.contains(dense(kStudent)));
    QVERIFY(text.contains(dense(QStringLiteral("Re-create the container hardened"))));
}

void TestReportView::exportError()
{
    ui::ReportView &view = *m_view;
    const QString path = m_out.filePath(QStringLiteral("no-such-folder/report.pdf"));
    view.setExportPathChooser([&](report::Format, const QString &) { return path; });
    QSignalSpy exports(&view, &ui::ReportView::exported);
    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("exportPdf")), Qt::LeftButton);
    QVERIFY(exports.wait(120000));
    QCOMPARE(exports.first().at(1).toBool(), false);
    // The status names the folder that is missing; nothing was written.
    QVERIFY2(view.statusText().contains(QStringLiteral("no-such-folder")),
             qPrintable(view.statusText()));
    QVERIFY(!QFile::exists(path));
    // The buttons are usable again.
    QVERIFY(view.findChild<QPushButton *>(QStringLiteral("exportPdf"))->isEnabled());
}

QTEST_MAIN(TestReportView)
#include "tst_reportview.moc"
