// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportview.h"

#include "bench/runstore.h"
#include "labs/catalog.h"
#include "labs/progress.h"
#include "report/evidence.h"
#include "report/render/reportexport.h"
#include "report/reportsources.h"
#include "util/job.h"

#include <QBuffer>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPdfDocument>
#include <QPdfView>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTimeZone>
#include <QVBoxLayout>

namespace drydock::ui {

using namespace drydock::report;

namespace {

struct SavedLab
{
    QString id;
    QString title; // empty: the lab file is gone or does not load
};

struct SavedSources
{
    QList<bench::SavedRunInfo> runs;
    QList<SavedLab> labs;
};

struct Preview
{
    QByteArray pdf;
    int pages = 0;
    QString digest;
};

constexpr int kPathRole = Qt::UserRole + 1;

} // namespace

ReportView::ReportView(QWidget *parent) : QWidget(parent)
{
    m_title = new QLineEdit(this);
    m_title->setObjectName(QStringLiteral("reportTitle"));
    m_title->setPlaceholderText(tr("Default: the lab's title"));
    m_student = new QLineEdit(this);
    m_student->setObjectName(QStringLiteral("studentName"));
    m_studentId = new QLineEdit(this);
    m_studentId->setObjectName(QStringLiteral("studentId"));
    m_studentId->setPlaceholderText(tr("Optional"));
    m_course = new QLineEdit(this);
    m_course->setObjectName(QStringLiteral("course"));
    m_instructor = new QLineEdit(this);
    m_instructor->setObjectName(QStringLiteral("instructor"));
    m_runs = new QListWidget(this);
    m_runs->setObjectName(QStringLiteral("runs"));
    m_runs->setAccessibleName(tr("Benchmark runs"));
    m_runs->setToolTip(tr("Tick one run, or two for a before/after comparison."));
    m_lab = new QComboBox(this);
    m_lab->setObjectName(QStringLiteral("lab"));
    m_lab->setAccessibleName(tr("Lab"));
    m_pageSize = new QComboBox(this);
    m_pageSize->setObjectName(QStringLiteral("pageSize"));
    m_pageSize->addItem(tr("A4"), int(PageSize::A4));
    m_pageSize->addItem(tr("Letter"), int(PageSize::Letter));
    if (QLocale().measurementSystem() == QLocale::ImperialUSSystem) {
        m_pageSize->setCurrentIndex(1);
    }

    auto *form = new QFormLayout;
    form->addRow(tr("Student &name"), m_student);
    form->addRow(tr("Student &id"), m_studentId);
    form->addRow(tr("&Course"), m_course);
    form->addRow(tr("&Instructor"), m_instructor);
    form->addRow(tr("Report &title"), m_title);
    form->addRow(tr("&Lab"), m_lab);
    form->addRow(tr("&Page size"), m_pageSize);

    m_exportPdf = new QPushButton(tr("Export &PDF…"), this);
    m_exportPdf->setObjectName(QStringLiteral("exportPdf"));
    m_exportHtml = new QPushButton(tr("Export &HTML…"), this);
    m_exportHtml->setObjectName(QStringLiteral("exportHtml"));
    m_exportJson = new QPushButton(tr("Export &JSON…"), this);
    m_exportJson->setObjectName(QStringLiteral("exportJson"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_exportPdf);
    buttons->addWidget(m_exportHtml);
    buttons->addWidget(m_exportJson);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->addLayout(form);
    auto *runsLabel = new QLabel(tr("Benchmark &runs (one, or two to compare):"), side);
    runsLabel->setBuddy(m_runs);
    sideLayout->addWidget(runsLabel);
    sideLayout->addWidget(m_runs, 1);
    sideLayout->addLayout(buttons);
    sideLayout->addWidget(m_status);

    m_document = new QPdfDocument(this);
    m_preview = new QPdfView(this);
    m_preview->setAccessibleName(tr("Report preview"));
    m_preview->setDocument(m_document);
    m_preview->setPageMode(QPdfView::PageMode::MultiPage);
    m_preview->setZoomMode(QPdfView::ZoomMode::FitToWidth);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(side);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({380, 800});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    // Typing pauses before the preview renders: a render takes a second.
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(700);
    connect(&m_debounce, &QTimer::timeout, this, &ReportView::refreshPreview);
    for (QLineEdit *edit : {m_title, m_student, m_studentId, m_course, m_instructor}) {
        connect(edit, &QLineEdit::textChanged, this, &ReportView::schedulePreview);
    }
    connect(m_lab, &QComboBox::currentIndexChanged, this, &ReportView::schedulePreview);
    connect(m_pageSize, &QComboBox::currentIndexChanged, this, &ReportView::schedulePreview);
    connect(m_runs, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (item->checkState() == Qt::Checked && selectedRuns().size() > 2) {
            const QSignalBlocker blocker(m_runs);
            item->setCheckState(Qt::Unchecked);
            setStatus(tr("At most two runs: the one before and the one after."), true);
            return;
        }
        schedulePreview();
    });
    connect(m_exportPdf, &QPushButton::clicked, this, [this] { chooseExportFile(Format::Pdf); });
    connect(m_exportHtml, &QPushButton::clicked, this, [this] { chooseExportFile(Format::Html); });
    connect(m_exportJson, &QPushButton::clicked, this, [this] { chooseExportFile(Format::Json); });
    setStatus(tr("Loading saved runs…"));
}

void ReportView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce) {
        m_loadedOnce = true;
        reloadSources();
    }
}

QString ReportView::statusText() const
{
    return m_status->text();
}

void ReportView::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828") : QString());
}

void ReportView::reloadSources()
{
    m_sourcesBusy = true;
    runJob<SavedSources>(
        this,
        [](const JobContext &) -> Result<SavedSources> {
            SavedSources sources;
            sources.runs = bench::RunStore().list();
            // Labs with saved progress, titled from the lab files.
            QHash<QString, QString> titles;
            for (const labs::LabEntry &entry : labs::discoverLabs()) {
                if (entry.lab) {
                    titles.insert(entry.lab->id, entry.lab->title);
                }
            }
            for (const QString &id : labs::ProgressStore().savedLabs()) {
                sources.labs.append(SavedLab{id, titles.value(id)});
            }
            return sources;
        },
        [this](const Result<SavedSources> &result) {
            m_sourcesBusy = false;
            if (!result) {
                setStatus(result.error().text(), true);
                return;
            }
            const QSignalBlocker runsBlocker(m_runs);
            const QSignalBlocker labBlocker(m_lab);
            const QStringList wasSelected = selectedRuns();
            m_runs->clear();
            for (const bench::SavedRunInfo &run : result->runs) {
                const QString when =
                    run.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
                auto *item =
                    new QListWidgetItem(tr("%1 — score %2 (%3%)%4")
                                            .arg(when)
                                            .arg(run.score.reference)
                                            .arg(QLocale().toString(run.score.percent(), 'f', 0),
                                                 run.partial ? tr(" — partial") : QString()),
                                        m_runs);
                item->setToolTip(run.id);
                item->setData(kPathRole, run.path);
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                const bool checked =
                    wasSelected.isEmpty() ? m_runs->count() == 1 : wasSelected.contains(run.path);
                item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            }
            const QString lab = selectedLab();
            m_lab->clear();
            m_lab->addItem(tr("(no lab)"), QString());
            for (const SavedLab &saved : result->labs) {
                m_lab->addItem(saved.title.isEmpty() ? tr("%1 (lab file not found)").arg(saved.id)
                                                     : tr("%1 (%2)").arg(saved.title, saved.id),
                               saved.id);
            }
            m_lab->setCurrentIndex(std::max(0, m_lab->findData(lab)));
            if (result->runs.isEmpty()) {
                setStatus(tr("No saved benchmark runs yet: run the benchmark first."), true);
                return;
            }
            refreshPreview();
        });
}

ReportMeta ReportView::meta() const
{
    ReportMeta meta;
    meta.labTitle = m_title->text().trimmed();
    meta.studentName = m_student->text().trimmed();
    meta.studentId = m_studentId->text().trimmed();
    meta.course = m_course->text().trimmed();
    meta.instructor = m_instructor->text().trimmed();
    meta.generatedAt = QDateTime::currentDateTimeUtc();
    meta.drydockVersion = QStringLiteral(DRYDOCK_VERSION);
    return meta;
}

QStringList ReportView::selectedRuns() const
{
    QStringList paths;
    for (int row = 0; row < m_runs->count(); ++row) {
        const QListWidgetItem *item = m_runs->item(row);
        if (item->checkState() == Qt::Checked) {
            paths << item->data(kPathRole).toString();
        }
    }
    return paths;
}

QString ReportView::selectedLab() const
{
    return m_lab->currentData().toString();
}

void ReportView::schedulePreview()
{
    m_debounce.start();
}

void ReportView::refreshPreview()
{
    m_debounce.stop();
    if (m_previewJob) {
        // One render at a time; the newest fields win once it is done.
        m_previewAgain = true;
        return;
    }
    SourceOptions sources;
    sources.runs = selectedRuns();
    sources.labId = selectedLab();
    if (sources.runs.isEmpty()) {
        setStatus(tr("Tick a benchmark run to preview the report."));
        return;
    }
    PdfOptions pdf;
    pdf.pageSize = static_cast<PageSize>(m_pageSize->currentData().toInt());
    // The preview is for reading on screen; 150 dpi layout is plenty.
    pdf.resolution = 150;
    const ReportMeta fields = meta();
    setStatus(tr("Rendering the preview…"));
    m_previewJob = runJob<Preview>(
        this,
        [sources, pdf, fields](const JobContext &context) -> Result<Preview> {
            const auto gathered = gatherReport(sources, fields);
            if (!gathered) {
                return gathered.error();
            }
            const auto rendered = renderPdf(*gathered, pdf, &context.cancel());
            if (!rendered) {
                return rendered.error();
            }
            return Preview{rendered->bytes, rendered->pageCount, evidenceDigest(gathered->inputs)};
        },
        [this](const Result<Preview> &result) {
            m_previewJob = nullptr;
            if (!result) {
                setStatus(result.error().text(), true);
            } else {
                auto *buffer = new QBuffer(this);
                buffer->setData(result->pdf);
                buffer->open(QIODevice::ReadOnly);
                m_document->load(buffer);
                delete m_previewBuffer;
                m_previewBuffer = buffer;
                setStatus(tr("%n page(s). Evidence SHA-256 %1…", nullptr, result->pages)
                              .arg(result->digest.left(16)));
                Q_EMIT previewUpdated();
            }
            if (m_previewAgain) {
                m_previewAgain = false;
                refreshPreview();
            }
        });
}

void ReportView::chooseExportFile(Format format)
{
    const QString suffix = formatName(format);
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty()) {
        folder = QDir::homePath();
    }
    QString base = m_student->text().trimmed();
    base.replace(QLatin1Char(' '), QLatin1Char('-'));
    base = base.isEmpty() ? QStringLiteral("lab-report") : QStringLiteral("lab-report-") + base;
    const QString suggested = QDir(folder).filePath(base + QLatin1Char('.') + suffix);
    if (m_pathChooser) {
        const QString path = m_pathChooser(format, suggested);
        if (!path.isEmpty()) {
            exportTo(path, format);
        }
        return;
    }
    auto *dialog =
        new QFileDialog(this, tr("Export the report as %1").arg(suffix.toUpper()), suggested);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(suffix);
    dialog->setNameFilter(tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, format](const QString &path) { exportTo(path, format); });
    dialog->open();
}

void ReportView::exportTo(const QString &path, Format format)
{
    SourceOptions sources;
    sources.runs = selectedRuns();
    sources.labId = selectedLab();
    ExportOptions options;
    options.format = format;
    options.pdf.pageSize = static_cast<PageSize>(m_pageSize->currentData().toInt());
    const ReportMeta fields = meta();
    for (QPushButton *button : {m_exportPdf, m_exportHtml, m_exportJson}) {
        button->setEnabled(false);
    }
    setStatus(tr("Exporting %1…").arg(QDir::toNativeSeparators(path)));
    runJob<ExportedFiles>(
        this,
        [sources, options, fields, path](const JobContext &context) -> Result<ExportedFiles> {
            const auto gathered = gatherReport(sources, fields);
            if (!gathered) {
                return gathered.error();
            }
            return exportReport(*gathered, path, options, &context.cancel());
        },
        [this, path](const Result<ExportedFiles> &result) {
            for (QPushButton *button : {m_exportPdf, m_exportHtml, m_exportJson}) {
                button->setEnabled(true);
            }
            if (!result) {
                setStatus(tr("Export failed: %1").arg(result.error().text()), true);
                Q_EMIT exported(path, false);
                return;
            }
            setStatus(tr("Wrote %1 and its evidence file %2.")
                          .arg(QDir::toNativeSeparators(result->report),
                               QDir::toNativeSeparators(result->sidecar)));
            Q_EMIT exported(path, true);
        });
}

} // namespace drydock::ui
