// SPDX-License-Identifier: GPL-3.0-or-later
// The lab validator: a table of broken labs with the exact diagnostics they
// produce (file:line:column, field path, message), asset containment, and
// the JSON Schema agreeing with the validator.
#include "labs/labloader.h"
#include "util/process.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using namespace drydock::labs;

namespace {

// The smallest valid lab; rows below change one thing in it. Kept as
// text so that every line:column in the table can be counted by eye.
QByteArray lab(const QByteArray &stepsBody, const QByteArray &extraTop = {})
{
    return "{\n"
           "  \"formatVersion\": 1,\n"
           "  \"id\": \"t\",\n"
           "  \"title\": \"T\",\n"
           "  \"version\": \"1\",\n"
           "  \"summary\": \"S\",\n" +
           extraTop + "  \"steps\": [\n" + stepsBody +
           "\n  ]\n"
           "}\n";
}

const QByteArray kStepA = "    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\"}";

QStringList texts(const QList<LabDiagnostic> &diagnostics)
{
    QStringList out;
    for (const LabDiagnostic &d : diagnostics) {
        out.append(d.text());
    }
    return out;
}

} // namespace

class TestLabLoader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void validLab();
    void brokenLabs_data();
    void brokenLabs();
    void schemaAgrees_data();
    void schemaAgrees();
    void assets_data();
    void assets();
    void symlinkOutOfFolder();
    void buildSourceOutOfFolder();
    void oversizedFile();
    void linkReferencesAreNotPictures();

private:
    QTemporaryDir m_dir;
};

void TestLabLoader::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QDir(m_dir.path()).mkpath(QStringLiteral("lab/images"));
    QFile png(m_dir.filePath(QStringLiteral("lab/images/ok.png")));
    QVERIFY(png.open(QIODevice::WriteOnly));
    png.write("\x89PNG");
    png.close();
    QFile secret(m_dir.filePath(QStringLiteral("secret.txt")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("not for labs");
    secret.close();
}

void TestLabLoader::validLab()
{
    const LabLoad load = loadLabText(lab(kStepA), QStringLiteral("t.json"), m_dir.path());
    QVERIFY2(load.ok(), qPrintable(texts(load.diagnostics).join(QLatin1Char('\n'))));
    QCOMPARE(load.lab->id, QStringLiteral("t"));
    QCOMPARE(load.lab->steps.size(), 1);
    QVERIFY(!load.lab->steps.first().verify.has_value());
}

void TestLabLoader::brokenLabs_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected");

    // Rule: JSON syntax errors stop there, with the place of the error.
    QTest::newRow("syntax: trailing comma")
        << lab(kStepA + ",")
        << QStringList{QStringLiteral("t.json:9:3: (top level): expected a value, found ']'")};
    // Rule: an unknown field is reported at its key, with the likely meant one.
    QTest::newRow("unknown top-level field")
        << lab(kStepA, "  \"titel\": \"x\",\n")
        << QStringList{QStringLiteral("t.json:7:3: titel: unknown field \"titel\" in a lab; did "
                                      "you mean \"title\"?")};
    // Rule: a missing required field is reported at the object that lacks it.
    QTest::newRow("missing steps")
        << QByteArray("{\"formatVersion\": 1, \"id\": \"t\", \"title\": \"T\", \"version\": \"1\", "
                      "\"summary\": \"S\"}")
        << QStringList{QStringLiteral("t.json:1:1: (top level): missing required field \"steps\" "
                                      "in a lab")};
    // Rule: a wrong type is reported at the value, naming both types.
    QTest::newRow("wrong type") << lab(kStepA, "  \"estimatedMinutes\": \"ten\",\n")
                                << QStringList{QStringLiteral(
                                       "t.json:7:23: estimatedMinutes: \"estimatedMinutes\" must "
                                       "be a whole number, found a string")};
    // Rule: actions are a fixed vocabulary; anything else is refused by name.
    QTest::newRow("unknown action")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"actions\": [{\"type\": \"runShell\", \"command\": \"rm -rf /\"}]}")
        << QStringList{QStringLiteral(
               "t.json:9:27: steps[0].actions[0].type: unknown action type \"runShell\"; "
               "actions are a fixed vocabulary: runContainer, stopContainer, removeContainer, "
               "cleanup, runBench, pull, trustedRun, labenvUp, labenvDown, openView, "
               "buildImage")};
    // Rule: predicates are a fixed vocabulary too; a close name is suggested.
    QTest::newRow("unknown predicate")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"verify\": {\"type\": \"containerRuning\", \"container\": \"web\"}}")
        << QStringList{QStringLiteral("t.json:9:25: steps[0].verify.type: unknown predicate "
                                      "\"containerRuning\"; did you mean \"containerRunning\"?")};
    // Rule: needs must name a step of the lab.
    QTest::newRow("needs unknown step")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\", \"needs\": "
               "[\"b\"]}")
        << QStringList{QStringLiteral("t.json:8:64: steps[0].needs[0]: needs unknown step \"b\"")};
    // Rule: a step cannot need itself.
    QTest::newRow("needs itself")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\", \"needs\": "
               "[\"a\"]}")
        << QStringList{QStringLiteral("t.json:8:64: steps[0].needs[0]: step \"a\" needs itself")};
    // Rule: a cycle is reported once, at the edge that closes it, with its path.
    QTest::newRow("cycle") << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": "
                                  "\"Do.\", \"needs\": [\"c\"]},\n"
                                  "    {\"id\": \"b\", \"title\": \"B\", \"instructions\": "
                                  "\"Do.\", \"needs\": [\"a\"]},\n"
                                  "    {\"id\": \"c\", \"title\": \"C\", \"instructions\": "
                                  "\"Do.\", \"needs\": [\"b\"]}")
                           << QStringList{QStringLiteral(
                                  "t.json:9:64: steps[1].needs[0]: cycle in needs: a → c → b → a")};
    // Rule: step ids are unique; the second points back at the first.
    QTest::newRow("duplicate step id")
        << lab(kStepA + ",\n" + kStepA)
        << QStringList{QStringLiteral(
               "t.json:9:12: steps[1].id: duplicate step id \"a\"; the first is at 8:12")};
    // Rule: a field given twice is an error (JSON parsers silently keep one).
    QTest::newRow("duplicate field")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"title\": \"B\", \"instructions\": \"Do.\"}")
        << QStringList{QStringLiteral("t.json:8:31: steps[0].title: field \"title\" appears more "
                                      "than once in this object")};
    // Rule: unknown fields inside an action name the action type.
    QTest::newRow("unknown container field")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"actions\": [{\"type\": \"runContainer\", \"name\": \"web\",\n"
               "                  \"imgae\": \"drydock/base:busybox\"}]}")
        << QStringList{
               QStringLiteral("t.json:9:18: steps[0].actions[0]: missing required field "
                              "\"image\" in a runContainer action"),
               QStringLiteral("t.json:10:19: steps[0].actions[0].imgae: unknown field \"imgae\" "
                              "in a runContainer action; did you mean \"image\"?")};
    // Rule: a verification naming a container no action creates can never pass.
    QTest::newRow("predicate names unknown container")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"actions\": [{\"type\": \"runContainer\", \"name\": \"web\", "
               "\"image\": \"drydock/base:busybox\"}],\n"
               "     \"verify\": {\"type\": \"containerRunning\", \"container\": \"wbe\"}}")
        << QStringList{QStringLiteral(
               "t.json:10:58: steps[0].verify.container: no action of this lab creates a "
               "container named \"wbe\"; did you mean \"web\"?")};
    // Rule: trust predicates must name an image some action pulls.
    QTest::newRow("trust predicate without pull")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"verify\": {\"type\": \"trustPullRefused\", \"image\": \"x/y:1\"}}")
        << QStringList{QStringLiteral("t.json:9:54: steps[0].verify.image: no pull or trustedRun "
                                      "action of this lab pulls \"x/y:1\"")};
    // Rule: nested predicates are checked with their full path.
    QTest::newRow("nested predicate wrong field type")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"verify\": {\"type\": \"not\", \"predicate\": {\"type\": "
               "\"benchScoreImproved\", "
               "\"by\": \"3\"}}}")
        << QStringList{QStringLiteral("t.json:9:82: steps[0].verify.predicate.by: \"by\" must be a "
                                      "whole number, found a string")};
    // Rule: asset paths cannot climb out of the lab's folder.
    QTest::newRow("asset with ..")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"![x](../secret.txt)\"}")
        << QStringList{QStringLiteral("t.json:8:47: steps[0].instructions: asset "
                                      "\"../secret.txt\" leaves the lab's folder")};
    // Rule: pictures are checked however the Markdown names them: an
    // unquoted <img src>, a reference-style picture's definition, a file:
    // URL, another tag's background, and ".." in an unquoted src.
    QTest::newRow("asset: img src unquoted")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"<img src=/abs.png>\"}")
        << QStringList{QStringLiteral("t.json:8:47: steps[0].instructions: asset \"/abs.png\" is "
                                      "an absolute path; assets must be inside the lab's folder")};
    QTest::newRow("asset: reference-style picture")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": "
               "\"![a][r]\\n\\n[r]: /abs.png\"}")
        << QStringList{QStringLiteral("t.json:8:47: steps[0].instructions: asset \"/abs.png\" is "
                                      "an absolute path; assets must be inside the lab's folder")};
    QTest::newRow("asset: img src file URL")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": "
               "\"<img src=file:///etc/passwd>\"}")
        << QStringList{QStringLiteral("t.json:8:47: steps[0].instructions: asset "
                                      "\"file:///etc/passwd\" is a URL; labs work offline, so "
                                      "assets must be files in the lab's folder")};
    QTest::newRow("asset: table background")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": "
               "\"<table background=\\\"/abs\\\"><tr><td>x</td></tr></table>\"}")
        << QStringList{QStringLiteral("t.json:8:47: steps[0].instructions: asset \"/abs\" is an "
                                      "absolute path; assets must be inside the lab's folder")};
    QTest::newRow("asset: img src with ..")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": "
               "\"<img src=../secret.txt>\"}")
        << QStringList{QStringLiteral("t.json:8:47: steps[0].instructions: asset "
                                      "\"../secret.txt\" leaves the lab's folder")};
    // Rule: question text is Markdown in the window, so it is checked too.
    QTest::newRow("asset: in a question")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"questions\": [{\"id\": \"q\", \"text\": \"![x](/abs.png)\"}]}")
        << QStringList{QStringLiteral("t.json:9:40: steps[0].questions[0].text: asset "
                                      "\"/abs.png\" is an absolute path; assets must be inside "
                                      "the lab's folder")};
    // Rule: the summary and objectives are Markdown in the window too.
    QTest::newRow("asset: in an objective")
        << lab(kStepA, "  \"objectives\": [\"![x](../secret.txt)\"],\n")
        << QStringList{QStringLiteral("t.json:7:18: objectives[0]: asset \"../secret.txt\" leaves "
                                      "the lab's folder")};
    // Rule: every problem is reported, in file order, not just the first.
    QTest::newRow("several at once")
        << lab("    {\"id\": \"A b\", \"title\": \"\", \"instructions\": 3, \"needs\": [\"zz\"]}",
               "  \"objectives\": [1],\n")
        << QStringList{
               QStringLiteral("t.json:7:18: objectives[0]: each item of \"objectives\" must be a "
                              "string, found a whole number"),
               QStringLiteral("t.json:9:12: steps[0].id: \"A b\" is not valid: use lower-case "
                              "letters, digits and '-', starting with a letter or digit, at most "
                              "63 characters"),
               QStringLiteral("t.json:9:28: steps[0].title: \"title\" must not be empty"),
               QStringLiteral("t.json:9:48: steps[0].instructions: \"instructions\" must be a "
                              "string, found a whole number"),
               QStringLiteral("t.json:9:61: steps[0].needs[0]: needs unknown step \"zz\"")};
    // Rule: values are checked, not only types: a bad memory size, port, restart.
    QTest::newRow("container values")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"actions\": [{\"type\": \"runContainer\", \"name\": \"web\", "
               "\"image\": \"drydock/base:busybox\",\n"
               "       \"memory\": \"lots\", \"restart\": \"sometimes\",\n"
               "       \"ports\": [{\"container\": \"http\"}]}]}")
        << QStringList{
               QStringLiteral("t.json:10:18: steps[0].actions[0].memory: \"memory\" must be a "
                              "size such as \"64m\" or \"1g\", or a number of bytes"),
               QStringLiteral("t.json:10:37: steps[0].actions[0].restart: \"sometimes\" is not "
                              "valid: no, always, unless-stopped, on-failure or on-failure:N"),
               QStringLiteral("t.json:11:32: steps[0].actions[0].ports[0].container: \"http\" is "
                              "not valid: a port such as 8080 or 8080/tcp")};
    // Rule: labels under org.drydock. belong to Drydock and cannot be forged.
    QTest::newRow("reserved label")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"actions\": [{\"type\": \"runContainer\", \"name\": \"web\", "
               "\"image\": \"drydock/base:busybox\",\n"
               "       \"labels\": {\"org.drydock.lab\": \"other\"}}]}")
        << QStringList{QStringLiteral(
               "t.json:10:19: steps[0].actions[0].labels.org.drydock.lab: labels under "
               "org.drydock. are Drydock's own; choose another key than \"org.drydock.lab\"")};
    // Rule: built images stay local; a registry host in the tag is refused.
    QTest::newRow("build tag with registry")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"actions\": [{\"type\": \"buildImage\", \"tag\": \"registry.example/x:1\",\n"
               "                  \"instructions\": [{\"op\": \"run\", \"command\": \"ls\"}]}]}")
        << QStringList{
               QStringLiteral("t.json:9:48: steps[0].actions[0].tag: \"registry.example/x:1\" "
                              "names a registry host; built images stay on this engine"),
               QStringLiteral("t.json:10:43: steps[0].actions[0].instructions[0].op: unknown "
                              "instruction \"run\"; one of: copy, add, recordedRun, user, "
                              "healthcheck, cmd, entrypoint, env, workdir, label, expose")};
    // Rule: the format version is checked so a future format is not misread.
    QTest::newRow("future format")
        << QByteArray(lab(kStepA)).replace("\"formatVersion\": 1", "\"formatVersion\": 2")
        << QStringList{QStringLiteral("t.json:2:20: formatVersion: format version 2 is not "
                                      "known to this Drydock; it reads version 1")};
}

void TestLabLoader::brokenLabs()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    const LabLoad load = loadLabText(text, QStringLiteral("t.json"), m_dir.path());
    QVERIFY(!load.ok());
    const QStringList actual = texts(load.diagnostics);
    if (actual != expected) {
        qWarning().noquote() << "actual:\n" << actual.join(QLatin1Char('\n'));
    }
    QCOMPARE(actual, expected);
}

void TestLabLoader::schemaAgrees_data()
{
    // Rows the JSON Schema must refuse as well: everything structural.
    // Cross-references (needs, cycles, names, assets) are beyond a schema.
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("schemaRejects");
    QTest::newRow("valid") << lab(kStepA) << false;
    QTest::newRow("unknown field") << lab(kStepA, "  \"titel\": \"x\",\n") << true;
    QTest::newRow("wrong type") << lab(kStepA, "  \"estimatedMinutes\": \"ten\",\n") << true;
    QTest::newRow("unknown action")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"actions\": [{\"type\": \"runShell\"}]}")
        << true;
    QTest::newRow("unknown predicate")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"verify\": {\"type\": \"fileExists\", \"path\": \"/etc\"}}")
        << true;
    QTest::newRow("unknown container field")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"actions\": [{\"type\": \"runContainer\", \"name\": \"web\",\n"
               "                  \"image\": \"drydock/base:busybox\", \"imgae\": \"x\"}]}")
        << true;
    QTest::newRow("bad restart")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"actions\": [{\"type\": \"runContainer\", \"name\": \"web\",\n"
               "                  \"image\": \"drydock/base:busybox\", \"restart\": \"x\"}]}")
        << true;
    QTest::newRow("bad instruction op")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"actions\": [{\"type\": \"buildImage\", \"tag\": \"x/y:1\",\n"
               "                  \"instructions\": [{\"op\": \"run\", \"command\": \"ls\"}]}]}")
        << true;
    QTest::newRow("nested predicate wrong type")
        << lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
               "     \"verify\": {\"type\": \"not\", \"predicate\": {\"type\": "
               "\"benchScoreImproved\", "
               "\"by\": \"3\"}}}")
        << true;
    QTest::newRow("missing steps")
        << QByteArray("{\"formatVersion\": 1, \"id\": \"t\", \"title\": \"T\", \"version\": \"1\", "
                      "\"summary\": \"S\"}")
        << true;
}

void TestLabLoader::schemaAgrees()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, schemaRejects);
    // The schema is checked with Python's jsonschema where it is installed;
    // the validator's side of the agreement runs everywhere.
    const LabLoad load = loadLabText(text, QStringLiteral("t.json"), m_dir.path());
    QCOMPARE(load.ok(), !schemaRejects);
    const QString python = findProgram(QStringLiteral("python3"));
    if (python.isEmpty()) {
        QSKIP("python3 is not installed: the JSON Schema side is not checked");
    }
    const QString schema =
        QStringLiteral(DRYDOCK_SOURCE_DIR) + QStringLiteral("/resources/labs/lab.schema.json");
    const QString script = QStringLiteral(
        "import json,sys\n"
        "try:\n"
        "    import jsonschema\n"
        "except ImportError:\n"
        "    sys.exit(3)\n"
        "schema=json.load(open(sys.argv[1]))\n"
        "jsonschema.Draft202012Validator.check_schema(schema)\n"
        "errors=list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(sys.stdin)))\n"
        "for e in errors: print(e.message)\n"
        "sys.exit(1 if errors else 0)\n");
    ProcessSpec spec;
    spec.program = python;
    spec.arguments = {QStringLiteral("-c"), script, schema};
    spec.input = text;
    const auto run = runProcess(spec);
    QVERIFY2(run.ok(), run.ok() ? "" : qPrintable(run.error().message));
    if (run->exitCode == 3) {
        QSKIP("Python's jsonschema module is not installed: the schema side is not checked");
    }
    QVERIFY2(run->exitCode == 0 || run->exitCode == 1, run->err.constData());
    QCOMPARE(run->exitCode == 1, schemaRejects);
}

void TestLabLoader::assets_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("error"); // empty: accepted
    // Rule: a relative path to an existing file in the folder is fine.
    QTest::newRow("inside") << QStringLiteral("images/ok.png") << QString();
    // Rule: "." segments and inner ".." that stay inside are fine.
    QTest::newRow("inner dots") << QStringLiteral("./images/../images/ok.png") << QString();
    // Rule: ".." that leaves the folder is refused.
    QTest::newRow("dot dot") << QStringLiteral("../secret.txt")
                             << QStringLiteral("asset \"../secret.txt\" leaves the lab's folder");
    QTest::newRow("hidden dot dot")
        << QStringLiteral("images/../../secret.txt")
        << QStringLiteral("asset \"images/../../secret.txt\" leaves the lab's folder");
    // Rule: absolute paths are refused even when they point inside.
    QTest::newRow("absolute") << QStringLiteral("/etc/passwd")
                              << QStringLiteral("asset \"/etc/passwd\" is an absolute path; "
                                                "assets must be inside the lab's folder");
    // Rule: URLs are refused: labs work offline and fetch nothing.
    QTest::newRow("url") << QStringLiteral("https://example.org/x.png")
                         << QStringLiteral("asset \"https://example.org/x.png\" is a URL; labs "
                                           "work offline, so assets must be files in the lab's "
                                           "folder");
    QTest::newRow("file url") << QStringLiteral("file:///etc/passwd")
                              << QStringLiteral("asset \"file:///etc/passwd\" is a URL; labs work "
                                                "offline, so assets must be files in the lab's "
                                                "folder");
    // Rule: Windows separators are refused rather than guessed at.
    QTest::newRow("backslash") << QStringLiteral("..\\secret.txt")
                               << QStringLiteral("asset \"..\\secret.txt\" contains a backslash; "
                                                 "use '/' between folders");
    QTest::newRow("missing") << QStringLiteral("images/none.png")
                             << QStringLiteral("asset \"images/none.png\" does not exist in the "
                                               "lab's folder");
    QTest::newRow("folder") << QStringLiteral("images")
                            << QStringLiteral("asset \"images\" is not a regular file");
}

void TestLabLoader::assets()
{
    QFETCH(QString, reference);
    QFETCH(QString, error);
    const auto resolved = resolveAsset(m_dir.filePath(QStringLiteral("lab")), reference);
    if (error.isEmpty()) {
        QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
        QVERIFY(resolved->endsWith(QLatin1String("/lab/images/ok.png")));
    } else {
        QVERIFY(!resolved.ok());
        QCOMPARE(resolved.error().message, error);
    }
}

void TestLabLoader::symlinkOutOfFolder()
{
    const QString link = m_dir.filePath(QStringLiteral("lab/images/escape.png"));
    QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("secret.txt")), link));
    const auto resolved =
        resolveAsset(m_dir.filePath(QStringLiteral("lab")), QStringLiteral("images/escape.png"));
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().message,
             QStringLiteral("asset \"images/escape.png\" is a link that leads out of the lab's "
                            "folder"));
    // A link that stays inside is fine.
    QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("lab/images/ok.png")),
                        m_dir.filePath(QStringLiteral("lab/alias.png"))));
    QVERIFY(resolveAsset(m_dir.filePath(QStringLiteral("lab")), QStringLiteral("alias.png")).ok());
    // A Markdown image through the escaping link is a lab error.
    const LabLoad load =
        loadLabText(lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"See "
                        "![x](images/escape.png)\"}"),
                    QStringLiteral("t.json"), m_dir.filePath(QStringLiteral("lab")));
    QCOMPARE(texts(load.diagnostics),
             QStringList{QStringLiteral("t.json:8:47: steps[0].instructions: asset "
                                        "\"images/escape.png\" is a link that leads out of the "
                                        "lab's folder")});
}

void TestLabLoader::buildSourceOutOfFolder()
{
    // A buildImage copy may read a file from the lab's folder, never from
    // elsewhere: that would smuggle host files into an image.
    const LabLoad load =
        loadLabText(lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": \"Do.\",\n"
                        "     \"actions\": [{\"type\": \"buildImage\", \"tag\": \"x/y:1\", "
                        "\"instructions\": [\n"
                        "       {\"op\": \"copy\", \"path\": \"/etc/shadow\", \"source\": "
                        "\"/etc/shadow\"}]}]}"),
                    QStringLiteral("t.json"), m_dir.filePath(QStringLiteral("lab")));
    QCOMPARE(texts(load.diagnostics),
             QStringList{QStringLiteral(
                 "t.json:10:56: steps[0].actions[0].instructions[0].source: asset \"/etc/shadow\" "
                 "is an absolute path; assets must be inside the lab's folder")});
}

void TestLabLoader::oversizedFile()
{
    const QString path = m_dir.filePath(QStringLiteral("big.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(kMaxLabFileBytes + 1, ' '));
    file.close();
    const LabLoad load = loadLabFile(path);
    QVERIFY(!load.ok());
    QCOMPARE(load.diagnostics.size(), 1);
    QVERIFY(load.diagnostics.first().text().startsWith(path + QLatin1String(": ")));
}

QTEST_GUILESS_MAIN(TestLabLoader)
#include "tst_labloader.moc"

// Rule: only definitions a picture uses are assets; a reference-style link
// to a web page is an ordinary link and passes.
void TestLabLoader::linkReferencesAreNotPictures()
{
    const QByteArray text =
        lab("    {\"id\": \"a\", \"title\": \"A\", \"instructions\": "
            "\"See [the docs][d] and ![ok](images/ok.png).\\n\\n[d]: https://docs.docker.com/\"}");
    const LabLoad load =
        loadLabText(text, QStringLiteral("t.json"), m_dir.filePath(QStringLiteral("lab")));
    QVERIFY2(load.ok(), qPrintable(texts(load.diagnostics).join(QLatin1Char('\n'))));
    QCOMPARE(markdownAssetReferences(load.lab->steps.first().instructions),
             QStringList{QStringLiteral("images/ok.png")});
}
