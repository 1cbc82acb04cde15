// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "benchview.h"
#include "connectionbar.h"
#include "engineconnection.h"
#include "engineview.h"
#include "labsview.h"
#include "progress.h"
#include "reportview.h"
#include "trustview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QProgressBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace drydock::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Drydock — container security workbench"));
    setWindowIcon(QIcon(QStringLiteral(":/drydock/icons/drydock.svg")));
    resize(1280, 800);

    m_connection = new EngineConnection(this);
    m_navigation = new QListWidget(this);
    m_navigation->setAccessibleName(tr("Views"));
    m_navigation->setIconSize(QSize(24, 24));
    m_navigation->setFixedWidth(170);
    m_navigation->setSpacing(2);
    m_stack = new QStackedWidget(this);

    auto *bench = new BenchView(m_connection, this);
    auto *engine = new EngineView(m_connection, this);
    auto *labs = new LabsView(m_connection, this);
    // Navigation order: labs, bench, trust, engine, report.
    addView(QStringLiteral("labs"), tr("Labs"), QStringLiteral("labs"), labs);
    addView(QStringLiteral("bench"), tr("Benchmark"), QStringLiteral("bench"), bench);
    addView(QStringLiteral("trust"), tr("Trust"), QStringLiteral("trust"),
            new TrustView(m_connection, this));
    addView(QStringLiteral("engine"), tr("Engine"), QStringLiteral("engine"), engine);
    addView(QStringLiteral("report"), tr("Report"), QStringLiteral("report"), new ReportView(this));
    // The posture cards show what the latest run found on each container.
    connect(bench, &BenchView::runShown, engine, &EngineView::setLatestRun);

    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->addWidget(m_navigation);
    body->addWidget(m_stack, 1);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new ConnectionBar(m_connection, central));
    layout->addLayout(body, 1);
    setCentralWidget(central);

    m_jobText = new QLabel(this);
    m_jobProgress = new QProgressBar(this);
    m_jobProgress->setMaximumWidth(240);
    m_jobProgress->setAccessibleName(tr("Job progress"));
    m_jobProgress->hide();
    statusBar()->addWidget(m_jobText, 1);
    statusBar()->addPermanentWidget(m_jobProgress);
    // How a job ended stays for a while, then leaves: read on another
    // view later, "check passed" would seem to be about that view.
    m_jobTextExpiry = new QTimer(this);
    m_jobTextExpiry->setSingleShot(true);
    m_jobTextExpiry->setInterval(15000);
    connect(m_jobTextExpiry, &QTimer::timeout, m_jobText, &QLabel::clear);

    connect(m_navigation, &QListWidget::currentRowChanged, m_stack,
            &QStackedWidget::setCurrentIndex);
    connect(bench, &BenchView::jobProgress, this, &MainWindow::showJobProgress);
    connect(bench, &BenchView::jobEnded, this, &MainWindow::clearJobProgress);
    connect(labs, &LabsView::viewRequested, this, &MainWindow::openView);
    connect(labs, &LabsView::benchRunSaved, bench, [bench] { bench->loadLatest(); });
    connect(labs, &LabsView::jobProgress, this, &MainWindow::showJobProgress);
    connect(labs, &LabsView::jobEnded, this, &MainWindow::clearJobProgress);
    m_navigation->setCurrentRow(0);
    m_connection->connectTo({});
}

void MainWindow::addView(const QString &key, const QString &title, const QString &iconName,
                         QWidget *view)
{
    // On the selection's highlight the coloured icon loses its contrast:
    // there it is drawn in the highlighted text's colour instead.
    QIcon icon(QStringLiteral(":/drydock/icons/%1.svg").arg(iconName));
    const qreal ratio = 2.0;
    QPixmap tinted = icon.pixmap(QSize(48, 48));
    {
        QPainter painter(&tinted);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(tinted.rect(), palette().color(QPalette::HighlightedText));
    }
    tinted.setDevicePixelRatio(ratio);
    icon.addPixmap(tinted, QIcon::Selected);
    auto *item = new QListWidgetItem(icon, title, m_navigation);
    item->setData(Qt::UserRole, key);
    item->setSizeHint(QSize(0, 36));
    view->setObjectName(key);
    m_stack->addWidget(view);
    m_keys.append(key);
}

void MainWindow::showView(const QString &key)
{
    const qsizetype row = m_keys.indexOf(key);
    if (row >= 0) {
        m_navigation->setCurrentRow(int(row));
    }
}

void MainWindow::openView(const QString &key)
{
    if (key == QLatin1String("findings") || key == QLatin1String("compare")) {
        showView(QStringLiteral("bench"));
        QMetaObject::invokeMethod(view(QStringLiteral("bench")), "showPage",
                                  Q_ARG(QString, key == QLatin1String("compare")
                                                     ? QStringLiteral("history")
                                                     : QString()));
        return;
    }
    if (key == QLatin1String("containers") || key == QLatin1String("images")) {
        showView(QStringLiteral("engine"));
        return;
    }
    showView(key);
}

QWidget *MainWindow::view(const QString &key) const
{
    const qsizetype row = m_keys.indexOf(key);
    return row >= 0 ? m_stack->widget(int(row)) : nullptr;
}

void MainWindow::showJobProgress(const QString &text, double fraction)
{
    m_jobTextExpiry->stop();
    m_jobText->setText(text);
    m_jobProgress->show();
    setProgressFraction(m_jobProgress, fraction);
}

void MainWindow::clearJobProgress(const QString &text)
{
    m_jobText->setText(text);
    m_jobProgress->hide();
    m_jobTextExpiry->start();
}

} // namespace drydock::ui
