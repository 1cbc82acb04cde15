// SPDX-License-Identifier: GPL-3.0-or-later
// Starting programs: an argument list that no shell ever reads, timeouts that kill.
#include "util/process.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

namespace {

QString errorText(const Error &error)
{
    return error.text();
}

} // namespace

class TestProcess : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void argumentsAreNotShellWords_data()
    {
        QTest::addColumn<QString>("argument");
        const QString marker = m_dir.filePath(QStringLiteral("pwned"));
        // Rule: a semicolon does not end a command.
        QTest::newRow("semicolon") << QStringLiteral("a; touch ") + marker;
        // Rule: command substitution is not performed.
        QTest::newRow("dollar parens") << QStringLiteral("$(touch ") + marker + QLatin1Char(')');
        QTest::newRow("backticks") << QStringLiteral("`touch ") + marker + QLatin1Char('`');
        // Rule: pipes, redirections and && are plain characters.
        QTest::newRow("pipe and redirect")
            << QStringLiteral("x | tee ") + marker + QStringLiteral(" > ") + marker;
        QTest::newRow("and-and") << QStringLiteral("true && touch ") + marker;
        // Rule: globs and variables are not expanded; spaces do not split.
        QTest::newRow("glob") << QStringLiteral("/*");
        QTest::newRow("variable") << QStringLiteral("$HOME ${PATH}");
        QTest::newRow("quotes and newline") << QStringLiteral("it's \"quoted\"\nsecond line");
    }

    void argumentsAreNotShellWords()
    {
        QFETCH(QString, argument);
        const QString marker = m_dir.filePath(QStringLiteral("pwned"));
        ProcessSpec spec;
        spec.program = QStringLiteral("printf");
        spec.arguments = {QStringLiteral("%s"), argument};
        const auto out = runProcess(spec);
        QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : errorText(out.error())));
        QCOMPARE(out->exitCode, 0);
        QCOMPARE(QString::fromUtf8(out->out), argument);
        QVERIFY(!QFile::exists(marker));
    }

    void exitCodeAndStreams()
    {
        ProcessSpec spec;
        spec.program = QStringLiteral("sh");
        spec.arguments = {QStringLiteral("-c"), QStringLiteral("echo out; echo err >&2; exit 3")};
        const auto out = runProcess(spec);
        QVERIFY(out.ok());
        QCOMPARE(out->exitCode, 3);
        QCOMPARE(out->out, QByteArray("out\n"));
        QCOMPARE(out->err, QByteArray("err\n"));
    }

    void killedBySignalIsNotSuccess()
    {
        ProcessSpec spec;
        spec.program = QStringLiteral("sh");
        spec.arguments = {QStringLiteral("-c"), QStringLiteral("kill -9 $$")};
        const auto out = runProcess(spec);
        QVERIFY(out.ok());
        QCOMPARE(out->exitCode, -1);
    }

    void inputEnvironmentAndFolder()
    {
        ProcessSpec cat;
        cat.program = QStringLiteral("cat");
        cat.input = QByteArray("line one\nline two\n");
        const auto echoed = runProcess(cat);
        QVERIFY(echoed.ok());
        QCOMPARE(echoed->out, cat.input);

        ProcessSpec env;
        env.program = QStringLiteral("printenv");
        env.arguments = {QStringLiteral("DRYDOCK_TEST_VALUE")};
        env.extraEnvironment = {QStringLiteral("DRYDOCK_TEST_VALUE=a=b; c")};
        const auto printed = runProcess(env);
        QVERIFY(printed.ok());
        QCOMPARE(printed->out, QByteArray("a=b; c\n")); // only the first = separates

        ProcessSpec pwd;
        pwd.program = QStringLiteral("pwd");
        pwd.workingDirectory = m_dir.path();
        const auto where = runProcess(pwd);
        QVERIFY(where.ok());
        QCOMPARE(QString::fromUtf8(where->out).trimmed(),
                 QFileInfo(m_dir.path()).canonicalFilePath());
    }

    void largeOutputDoesNotDeadlock()
    {
        ProcessSpec spec;
        spec.program = QStringLiteral("head");
        spec.arguments = {QStringLiteral("-c"), QStringLiteral("3000000"),
                          QStringLiteral("/dev/zero")};
        const auto out = runProcess(spec);
        QVERIFY(out.ok());
        QCOMPARE(out->out.size(), 3000000);
    }

    void timeoutKillsTheProcess()
    {
        const QString pidFile = m_dir.filePath(QStringLiteral("sleeper.pid"));
        ProcessSpec spec;
        spec.program = QStringLiteral("sh");
        spec.arguments = {QStringLiteral("-c"), QStringLiteral("echo $$ > \"$0\"; exec sleep 60"),
                          pidFile};
        spec.timeoutMs = 500;
        const auto out = runProcess(spec);
        QVERIFY(!out.ok());
        QCOMPARE(out.error().kind, ErrorKind::Timeout);
        QVERIFY2(out.error().message.contains(QLatin1String("sh")),
                 qPrintable(errorText(out.error())));
        // The message gives the deadline as set, not rounded down to 0 s.
        QVERIFY2(out.error().message.contains(QLatin1String("0.5 s")),
                 qPrintable(errorText(out.error())));
        // The process is gone, not left running.
        QFile file(pidFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray pid = file.readAll().trimmed();
        QVERIFY(!pid.isEmpty());
        QVERIFY2(!QFile::exists(QStringLiteral("/proc/") + QString::fromLatin1(pid)),
                 pid.constData());
    }

    void missingProgram()
    {
        ProcessSpec spec;
        spec.program = QStringLiteral("drydock-no-such-program");
        const auto out = runProcess(spec);
        QVERIFY(!out.ok());
        QCOMPARE(out.error().kind, ErrorKind::Unreachable);
        QVERIFY2(out.error().message.contains(spec.program), qPrintable(errorText(out.error())));

        // An absolute path that is not there fails to start, with the reason.
        spec.program = m_dir.filePath(QStringLiteral("absent-binary"));
        const auto absent = runProcess(spec);
        QVERIFY(!absent.ok());
        QVERIFY2(absent.error().message.contains(spec.program),
                 qPrintable(errorText(absent.error())));
    }

    void findProgramLooksInPathAndSbin()
    {
        QVERIFY(QFileInfo(findProgram(QStringLiteral("sh"))).isAbsolute());
        QCOMPARE(findProgram(QStringLiteral("/bin/sh")), QStringLiteral("/bin/sh"));
        QVERIFY(findProgram(QStringLiteral("drydock-no-such-program")).isEmpty());
        // A user's PATH often lacks the sbin folders; they are searched anyway.
        const QByteArray oldPath = qgetenv("PATH");
        qputenv("PATH", "/nonexistent");
        const QString ldconfig = findProgram(QStringLiteral("ldconfig"));
        qputenv("PATH", oldPath);
        QVERIFY2(ldconfig.endsWith(QLatin1String("sbin/ldconfig")), qPrintable(ldconfig));
    }

    void startDetachedWritesItsLog()
    {
        const QString log = m_dir.filePath(QStringLiteral("server.log"));
        QVERIFY(QFile(log).open(QIODevice::WriteOnly | QIODevice::Append));
        ProcessSpec spec;
        spec.program = QStringLiteral("sh");
        spec.arguments = {QStringLiteral("-c"), QStringLiteral("echo started; echo oops >&2")};
        spec.workingDirectory = m_dir.path();
        const auto pid = startDetached(spec, log);
        QVERIFY2(pid.ok(), qPrintable(pid.ok() ? QString() : errorText(pid.error())));
        QVERIFY(*pid > 0);
        auto logText = [&log] {
            QFile file(log);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QTRY_VERIFY_WITH_TIMEOUT(logText().contains("oops") && logText().contains("started"),
                                 20000);
    }
};

QTEST_GUILESS_MAIN(TestProcess)
#include "tst_process.moc"
