// SPDX-License-Identifier: GPL-3.0-or-later
// The Report view: the student's fields, the runs and lab to include, a live
// PDF preview rendered off the GUI thread, and export to PDF, HTML or JSON.
#pragma once

#include "report/reportdata.h"

#include <QByteArray>
#include <QTimer>
#include <QWidget>

#include <functional>

class QBuffer;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPdfDocument;
class QPdfView;
class QPushButton;

namespace drydock {
class Job;
}

namespace drydock::ui {

class ReportView : public QWidget
{
    Q_OBJECT
public:
    explicit ReportView(QWidget *parent = nullptr);

    // Re-reads the saved runs and labs with progress (off the GUI thread).
    void reloadSources();
    // Renders the preview now instead of after the typing pause.
    void refreshPreview();

    QPdfDocument *previewDocument() const { return m_document; }
    bool isBusy() const { return m_previewJob != nullptr || m_sourcesBusy; }
    QString statusText() const;

    // Export without a dialog (the dialogs end up here too).
    void exportTo(const QString &path, report::Format format);

    // Replaces the save dialog of the Export buttons: given the format and
    // the suggested path, returns the path to write, or empty to cancel.
    // Tests use it; the window keeps the dialog.
    using PathChooser = std::function<QString(report::Format, const QString &suggested)>;
    void setExportPathChooser(PathChooser chooser) { m_pathChooser = std::move(chooser); }

Q_SIGNALS:
    void previewUpdated();
    void exported(const QString &path, bool ok);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void schedulePreview();
    void chooseExportFile(report::Format format);
    void setStatus(const QString &text, bool error = false);
    report::ReportMeta meta() const;
    QStringList selectedRuns() const;
    QString selectedLab() const;

    QLineEdit *m_title = nullptr;
    QLineEdit *m_student = nullptr;
    QLineEdit *m_studentId = nullptr;
    QLineEdit *m_course = nullptr;
    QLineEdit *m_instructor = nullptr;
    QListWidget *m_runs = nullptr;
    QComboBox *m_lab = nullptr;
    QComboBox *m_pageSize = nullptr;
    QPushButton *m_exportPdf = nullptr;
    QPushButton *m_exportHtml = nullptr;
    QPushButton *m_exportJson = nullptr;
    QLabel *m_status = nullptr;
    QPdfDocument *m_document = nullptr;
    QPdfView *m_preview = nullptr;
    QBuffer *m_previewBuffer = nullptr;
    QTimer m_debounce;
    Job *m_previewJob = nullptr;
    bool m_previewAgain = false;
    bool m_sourcesBusy = false;
    bool m_loadedOnce = false;
    PathChooser m_pathChooser;
};

} // namespace drydock::ui
