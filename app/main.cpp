// SPDX-License-Identifier: GPL-3.0-or-later
// drydock: the workbench window, or a headless sub-command.
#include "commands.h"

#include "cli.h"
#include "ui/workbench.h"
#include "util/exitcode.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QThreadPool>

#include <algorithm>
#include <functional>
#include <map>

using namespace drydock;

namespace {

using Command = std::function<int(const QStringList &)>;

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table = {
        {QStringLiteral("doctor"), app::doctorCommand},
        {QStringLiteral("bench"), app::benchCommand},
        {QStringLiteral("trust"), app::trustCommand},
        {QStringLiteral("labenv"), app::labenvCommand},
        {QStringLiteral("lab"), app::labCommand},
        {QStringLiteral("report"), app::reportCommand},
    };
    return table;
}

void printUsage()
{
    app::out() << "Usage: drydock [--screenshot DIR]      open the workbench\n"
                  "       drydock doctor                  engine endpoint and health\n"
                  "       drydock bench [options]         CIS Docker Benchmark checks\n"
                  "       drydock trust inspect|pull|run IMAGE\n"
                  "       drydock labenv up|down|status   local registry and notary\n"
                  "       drydock lab list|validate|show|run-action|check|reset\n"
                  "                                       guided labs\n"
                  "       drydock report --output FILE    lab report\n"
                  "Each command takes --help. Exit codes: 0 done; 1 found what --fail-on\n"
                  "asked for, or a trusted pull was refused; 2 bad usage or input; 3 engine,\n"
                  "registry or Notary unreachable.\n";
    app::out().flush();
}

void configureApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("drydock"));
    QCoreApplication::setApplicationName(QStringLiteral("drydock"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DRYDOCK_VERSION));
    // Engine streams (events, pulls) hold a pool thread for their whole
    // life; two cores' worth of threads would starve everything else.
    QThreadPool::globalInstance()->setMaxThreadCount(
        std::max(16, QThreadPool::globalInstance()->maxThreadCount()));
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList args;
    for (int i = 1; i < argc; ++i) {
        args << QString::fromLocal8Bit(argv[i]);
    }
    const QString first = args.value(0);
    if (first == QLatin1String("--help") || first == QLatin1String("-h") ||
        first == QLatin1String("help")) {
        printUsage();
        return ExitOk;
    }
    if (first == QLatin1String("--version")) {
        app::out() << "drydock " << DRYDOCK_VERSION << Qt::endl;
        return ExitOk;
    }
    const auto command = commands().find(first);
    if (command != commands().end()) {
        if (first == QLatin1String("report")) {
            // The report lays out text in fonts, which needs a
            // QGuiApplication; headless, so offscreen unless the user chose.
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
                qputenv("QT_QPA_PLATFORM", "offscreen");
            }
            QGuiApplication app(argc, argv);
            configureApplication();
            return command->second(args.mid(1));
        }
        QCoreApplication app(argc, argv);
        configureApplication();
        return command->second(args.mid(1));
    }
    if (!first.isEmpty() && !first.startsWith(QLatin1Char('-'))) {
        app::err() << "drydock: unknown command '" << first << "'." << Qt::endl;
        printUsage();
        return ExitBadInput;
    }
    QApplication app(argc, argv);
    configureApplication();
    return ui::runWorkbench(args);
}
