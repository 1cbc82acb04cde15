// SPDX-License-Identifier: GPL-3.0-or-later
// Drives the workbench window offscreen through benchmark runs, with the
// user's usual moves in between (a search, the Engine view and its posture
// card, the History page), while a 5 ms timer on the GUI thread records how
// late each of its ticks comes. Prints the figures; decides nothing.
#include "ui/benchview.h"
#include "ui/engineconnection.h"
#include "ui/engineview.h"
#include "ui/historyview.h"
#include "ui/mainwindow.h"
#include "ui/runpanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QTableView>
#include <QTextStream>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <ctime>
#include <functional>
#include <vector>

using namespace drydock::ui;

namespace {

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Times every event the GUI thread delivers at the top level: wall time
// (what the user feels) and the thread's own CPU time (what the window
// itself costs, without the other programs sharing the machine).
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0 || !m_recording) {
            ++m_depth;
            const bool result = QApplication::notify(receiver, event);
            --m_depth;
            return result;
        }
        ++m_depth;
        QElapsedTimer wall;
        wall.start();
        const double cpu = threadCpuMs();
        const int type = int(event->type());
        // A job is named by the view that started it.
        QString receiverClass = QString::fromLatin1(receiver->metaObject()->className());
        if (receiver->parent() && receiverClass == QLatin1String("drydock::Job")) {
            receiverClass += QStringLiteral(" of ") +
                             QString::fromLatin1(receiver->parent()->metaObject()->className());
        }
        const bool result = QApplication::notify(receiver, event);
        const double wallMs = double(wall.nsecsElapsed()) / 1e6;
        const double cpuMs = threadCpuMs() - cpu;
        --m_depth;
        if (wallMs > m_longestWall) {
            m_longestWall = wallMs;
            m_longestWallWhat = QStringLiteral("%1 event %2").arg(receiverClass).arg(type);
        }
        if (cpuMs > m_longestCpu) {
            m_longestCpu = cpuMs;
            m_longestCpuWhat = QStringLiteral("%1 event %2").arg(receiverClass).arg(type);
        }
        m_gapWall += wallMs;
        ++m_gapEvents;
        if (wallMs >= 1.0) {
            m_gap.push_back({receiverClass, type, wallMs, cpuMs});
        }
        return result;
    }

    // The events delivered since the probe's last tick: what a late tick
    // waited for. Only events of 1 ms or more are itemised.
    struct Delivered
    {
        QString receiver;
        int type = 0;
        double wallMs = 0;
        double cpuMs = 0;
    };
    std::vector<Delivered> m_gap;
    double m_gapWall = 0;
    int m_gapEvents = 0;

    bool m_recording = false;
    int m_depth = 0;
    double m_longestWall = 0;
    double m_longestCpu = 0;
    QString m_longestWallWhat;
    QString m_longestCpuWhat;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size())));
    return values[index];
}

} // namespace

int main(int argc, char **argv)
{
    TimedApplication app(argc, argv);
    QTextStream out(stdout);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption labelOption(QStringLiteral("label"),
                                         QStringLiteral("Audit the containers with LABEL."),
                                         QStringLiteral("LABEL"));
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Number of runs (3)."), QStringLiteral("N"),
                                        QStringLiteral("3"));
    const QCommandLineOption expectOption(QStringLiteral("expect"),
                                          QStringLiteral("Containers expected (for the report)."),
                                          QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({labelOption, runsOption, expectOption});
    parser.process(app);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    // As app/main.cpp sets it: engine streams hold pool threads.
    QThreadPool::globalInstance()->setMaxThreadCount(
        std::max(16, QThreadPool::globalInstance()->maxThreadCount()));

    MainWindow window;
    window.show();
    auto *bench = qobject_cast<BenchView *>(window.view(QStringLiteral("bench")));
    auto *engine = qobject_cast<EngineView *>(window.view(QStringLiteral("engine")));
    if (!bench || !engine) {
        out << "ui-latency: the window has no Benchmark or Engine view\n";
        return 2;
    }
    bench->runPanel()->containerLabel()->setText(parser.value(labelOption));

    // The probe: a precise 5 ms timer; each tick's lateness is how long the
    // GUI thread could not get to it.
    constexpr qint64 periodNs = 5'000'000;
    std::vector<double> lateness;
    std::vector<TimedApplication::Delivered> worstGap;
    double worstGapWall = 0;
    int worstGapEvents = 0;
    QElapsedTimer clock;
    qint64 last = -1;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (last >= 0) {
            const double late = double(std::max<qint64>(0, now - last - periodNs)) / 1e6;
            if (lateness.empty() || late > *std::max_element(lateness.begin(), lateness.end())) {
                worstGap = app.m_gap;
                worstGapWall = app.m_gapWall;
                worstGapEvents = app.m_gapEvents;
            }
            lateness.push_back(late);
        }
        app.m_gap.clear();
        app.m_gapWall = 0;
        app.m_gapEvents = 0;
        last = now;
    });

    int done = 0;
    QList<double> durations;
    QList<int> findings;
    QElapsedTimer runClock;
    std::function<void()> next;
    // Between runs the user looks around: searches, opens the Engine view
    // (100 containers, a posture card), the History page, and comes back.
    // Each move is its own event, a little after the one before, as a
    // person's are.
    struct Move
    {
        int afterMs;
        std::function<void()> act;
    };
    const std::vector<Move> moves = {
        {300, [&] { bench->searchField()->setText(QStringLiteral("5.1")); }},
        {300, [&] { bench->searchField()->clear(); }},
        {300, [&] { window.showView(QStringLiteral("engine")); }},
        {1500, [&] { engine->prepareScreenshot(); }}, // selects a container: its card loads
        {1500, [&] { window.showView(QStringLiteral("bench")); }},
        {300, [&] { bench->showPage(QStringLiteral("history")); }},
        {1000, [&] { bench->showPage(QString()); }},
        {300, [] {}},
    };
    std::function<void(size_t)> browse = [&](size_t move) {
        if (move == moves.size()) {
            next();
            return;
        }
        QTimer::singleShot(moves[move].afterMs, &window, [&, move] {
            moves[move].act();
            browse(move + 1);
        });
    };
    QObject::connect(bench, &BenchView::runFinished, &window, [&](bool ok) {
        durations << double(runClock.nsecsElapsed()) / 1e9;
        findings << (bench->currentRun() ? int(bench->currentRun()->findings.size()) : 0);
        if (!ok) {
            out << "ui-latency: run " << done + 1 << " failed: " << bench->problemText() << "\n";
        }
        ++done;
        browse(0);
    });
    next = [&] {
        if (done >= runs) {
            probe.stop();
            app.m_recording = false;
            QApplication::exit(0);
            return;
        }
        runClock.start();
        bench->startRun();
    };
    const auto start = [&] {
        clock.start();
        probe.start();
        app.m_recording = true;
        next();
    };
    // Wait for the engine, then begin.
    auto *waiting = new QTimer(&window);
    QElapsedTimer waited;
    waited.start();
    QObject::connect(waiting, &QTimer::timeout, &window, [&, waiting] {
        if (window.connection()->state() == EngineConnection::State::Connected &&
            !bench->property("busy").toBool()) {
            waiting->stop();
            start();
        } else if (waited.elapsed() > 60000) {
            waiting->stop();
            out << "ui-latency: the engine did not connect within a minute\n";
            QApplication::exit(3);
        }
    });
    waiting->start(100);
    window.showView(QStringLiteral("bench"));
    const int code = QApplication::exec();
    if (code != 0) {
        return code;
    }

    const auto *run = bench->currentRun().get();
    int audited = 0;
    if (run) {
        for (const auto &finding : run->findings) {
            if (finding.checkId == QLatin1String("5.11")) {
                for (const auto &evidence : finding.evidence) {
                    audited += evidence.kind == QLatin1String("container") ? 1 : 0;
                }
            }
        }
    }
    out << "ui-latency: " << runs << " run(s); containers expected " << parser.value(expectOption)
        << ", audited by the last run (5.11 evidence) " << audited << "\n";
    for (int i = 0; i < durations.size(); ++i) {
        out << QStringLiteral("  run %1: %2 s wall in the window, %3 findings\n")
                   .arg(i + 1)
                   .arg(durations.at(i), 0, 'f', 2)
                   .arg(findings.value(i));
    }
    const double worst = lateness.empty() ? 0 : *std::max_element(lateness.begin(), lateness.end());
    out << QStringLiteral("  5 ms timer, %1 ticks: lateness max %2 ms, p99 %3 ms, p50 %4 ms\n")
               .arg(lateness.size())
               .arg(worst, 0, 'f', 1)
               .arg(percentile(lateness, 0.99), 0, 'f', 1)
               .arg(percentile(lateness, 0.50), 0, 'f', 1);
    out << QStringLiteral("  longest single GUI-thread event: %1 ms wall (%2), %3 ms CPU (%4)\n")
               .arg(app.m_longestWall, 0, 'f', 1)
               .arg(app.m_longestWallWhat)
               .arg(app.m_longestCpu, 0, 'f', 1)
               .arg(app.m_longestCpuWhat);
    out << QStringLiteral("  the tick that came latest waited on %1 event(s) taking %2 ms in all")
               .arg(worstGapEvents)
               .arg(worstGapWall, 0, 'f', 1);
    out << (worstGap.empty() ? QStringLiteral("\n") : QStringLiteral(", of which:\n"));
    for (const auto &item : worstGap) {
        out << QStringLiteral("    %1 event %2: %3 ms wall, %4 ms CPU\n")
                   .arg(item.receiver)
                   .arg(item.type)
                   .arg(item.wallMs, 0, 'f', 1)
                   .arg(item.cpuMs, 0, 'f', 1);
    }
    out << QStringLiteral("  target, GUI thread never stalls more than 50 ms: %1\n")
               .arg(worst <= 50 ? QStringLiteral("met") : QStringLiteral("NOT met"));
    return 0;
}
