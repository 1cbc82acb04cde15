// SPDX-License-Identifier: GPL-3.0-or-later
// `drydock lab` on a lab file written to fool a terminal: escape sequences,
// an OSC title and bidi overrides in its text must not reach the terminal
// as themselves, while the text around them still does. Runs the built
// binary; nothing is run on the engine (no --yes, stdin not a terminal).
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <utility>

namespace {

// ESC[8m (hidden text), an OSC window title ended by BEL, a C1 CSI, and a
// right-to-left override, in every kind of text the CLI prints. JSON
// escapes, so the file itself is plain ASCII.
const QByteArray kHostileLab = R"({
  "formatVersion": 1,
  "id": "hostile",
  "title": "Hostile \u001b]0;pwned\u0007lab",
  "version": "1",
  "summary": "Summary \u202ereversed",
  "objectives": ["Objective \u009b2J"],
  "steps": [
    {"id": "a", "title": "Step \u001b[31mred", "instructions": "Line one\nLine \u001b[8mtwo\u202e",
     "questions": [{"id": "q", "text": "Question \u001b[2J?"}],
     "actions": [{"type": "runContainer", "title": "Harmless\u001b[8m",
                  "name": "web", "image": "drydock/base:busybox",
                  "cmd": ["sh", "-c", "echo \u001b]0;t\u0007 done"], "privileged": true}]}
  ]
}
)";

// Invalid: the container name echoes an escape sequence in its diagnostic.
const QByteArray kHostileInvalidLab = R"({
  "formatVersion": 1,
  "id": "hostile-bad",
  "title": "T",
  "version": "1",
  "summary": "S",
  "steps": [
    {"id": "a", "title": "A", "instructions": "Do.",
     "actions": [{"type": "runContainer", "title": "Run",
                  "name": "web\u001b[8m\u202e", "image": "drydock/base:busybox"}]}
  ]
}
)";

} // namespace

class TestLabCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFileInfo(QStringLiteral(DRYDOCK_BINARY)).isExecutable());
        for (const auto &[name, text] :
             {std::pair{QStringLiteral("hostile.json"), kHostileLab},
              std::pair{QStringLiteral("hostile-bad.json"), kHostileInvalidLab}}) {
            QFile file(path(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(file.write(text), text.size());
        }
    }

    void noTerminalControls_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("shown");

        // Rule: a step shown in full keeps its text, titles and action
        // preview, with the escapes replaced.
        QTest::newRow("show step")
            << QStringList{QStringLiteral("show"), QStringLiteral("hostile.json"),
                           QStringLiteral("--step"), QStringLiteral("1")}
            << 0
            << QStringList{QStringLiteral("Step \uFFFD[31mred"),
                           QStringLiteral("Line one\nLine \uFFFD[8mtwo\uFFFD"),
                           QStringLiteral("Harmless\uFFFD[8m"),
                           QStringLiteral("Question \uFFFD[2J?"), QStringLiteral("$ docker run")};
        // Rule: the lab overview (title, summary, objectives, step list).
        QTest::newRow("show lab") << QStringList{QStringLiteral("show"),
                                                 QStringLiteral("hostile.json")}
                                  << 0
                                  << QStringList{QStringLiteral("Hostile \uFFFD]0;pwned\uFFFDlab"),
                                                 QStringLiteral("Summary \uFFFDreversed"),
                                                 QStringLiteral("Objective \uFFFD2J"),
                                                 QStringLiteral("Step \uFFFD[31mred")};
        // Rule: the confirmation preview shows the real command and its
        // dangers visibly, and nothing runs without --yes on a non-terminal.
        QTest::newRow("run-action preview")
            << QStringList{QStringLiteral("run-action"), QStringLiteral("hostile.json"),
                           QStringLiteral("1")}
            << 2
            << QStringList{QStringLiteral("Harmless\uFFFD[8m: Start container"),
                           QStringLiteral("--privileged drydock/base:busybox"),
                           QStringLiteral("echo \uFFFD]0;t\uFFFD done"),
                           QStringLiteral("DANGER  --privileged"),
                           QStringLiteral("nothing was run")};
        // Rule: validation diagnostics echo the bad value, made printable.
        QTest::newRow("validate diagnostics")
            << QStringList{QStringLiteral("validate"), QStringLiteral("hostile-bad.json")} << 2
            << QStringList{QStringLiteral("\"web\uFFFD[8m\uFFFD\" is not valid"),
                           QStringLiteral("hostile-bad.json: 1 problem")};
        // Rule: a command that refuses a broken lab quotes its diagnostic
        // in the error message, made printable too.
        QTest::newRow("error quoting a diagnostic")
            << QStringList{QStringLiteral("show"), QStringLiteral("hostile-bad.json")} << 2
            << QStringList{QStringLiteral("\"web\uFFFD[8m\uFFFD\" is not valid")};
    }

    void noTerminalControls()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QStringList, shown);

        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DRYDOCK_DATA_DIR"), path(QStringLiteral("data")));
        env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(m_dir.path());
        args.prepend(QStringLiteral("lab"));
        process.start(QStringLiteral(DRYDOCK_BINARY), args);
        QVERIFY(process.waitForStarted(20000));
        process.closeWriteChannel(); // stdin: a pipe at its end, not a terminal
        // A guard against a hang, not a measurement.
        QVERIFY(process.waitForFinished(60000));
        const QByteArray out = process.readAllStandardOutput();
        const QByteArray err = process.readAllStandardError();
        const QString all = QString::fromUtf8(out + err);
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == exitCode, qPrintable(all));

        for (const QByteArray &stream : {out, err}) {
            QVERIFY2(!stream.contains('\x1b'), stream.toPercentEncoding(" \n").constData());
            QVERIFY2(!stream.contains('\x07'), stream.toPercentEncoding(" \n").constData());
            QVERIFY2(!stream.contains('\r'), stream.toPercentEncoding(" \n").constData());
            const QString text = QString::fromUtf8(stream);
            for (const QChar c : text) {
                const char16_t code = c.unicode();
                QVERIFY2(!(code >= 0x80 && code < 0xa0), qPrintable(text));
                QVERIFY2(!(code >= 0x202a && code <= 0x202e), qPrintable(text));
                QVERIFY2(!(code >= 0x2066 && code <= 0x2069), qPrintable(text));
            }
        }
        for (const QString &piece : shown) {
            QVERIFY2(all.contains(piece),
                     qPrintable(QStringLiteral("missing \"%1\" in:\n%2").arg(piece, all)));
        }
    }
};

QTEST_GUILESS_MAIN(TestLabCli)
#include "tst_labcli.moc"
