// SPDX-License-Identifier: GPL-3.0-or-later
// Every shipped lab is valid for the validator and for the JSON Schema, and
// the catalogue finds them.
#include "labs/catalog.h"
#include "labs/labloader.h"
#include "util/process.h"

#include <QDir>
#include <QTest>

using namespace drydock;
using namespace drydock::labs;

class TestShippedLabs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validator();
    void validator_data() { labs_data(); }
    void schema();
    void schema_data() { labs_data(); }
    void catalogueFindsThem();

private:
    static void labs_data();
};

void TestShippedLabs::labs_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(DRYDOCK_SOURCE_DIR "/labs"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 3);
    for (const QString &file : files) {
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }
}

void TestShippedLabs::validator()
{
    QFETCH(QString, path);
    const LabLoad load = loadLabFile(path);
    QStringList problems;
    for (const LabDiagnostic &d : load.diagnostics) {
        problems.append(d.text());
    }
    QVERIFY2(load.ok(), qPrintable(problems.join(QLatin1Char('\n'))));
    // Rule: every step that has actions is checkable or explicitly manual.
    for (const Step &s : load.lab->steps) {
        QVERIFY2(!s.instructions.trimmed().isEmpty(), qPrintable(s.id));
    }
}

void TestShippedLabs::schema()
{
    QFETCH(QString, path);
    const QString python = findProgram(QStringLiteral("python3"));
    if (python.isEmpty()) {
        QSKIP("python3 is not installed: the JSON Schema side is not checked");
    }
    const QString script = QStringLiteral("import json,sys\n"
                                          "try:\n"
                                          "    import jsonschema\n"
                                          "except ImportError:\n"
                                          "    sys.exit(3)\n"
                                          "schema=json.load(open(sys.argv[1]))\n"
                                          "errors=list(jsonschema.Draft202012Validator(schema)."
                                          "iter_errors(json.load(open(sys.argv[2]))))\n"
                                          "for e in errors: print(e.json_path, e.message)\n"
                                          "sys.exit(1 if errors else 0)\n");
    ProcessSpec spec;
    spec.program = python;
    spec.arguments = {QStringLiteral("-c"), script,
                      QStringLiteral(DRYDOCK_SOURCE_DIR "/resources/labs/lab.schema.json"), path};
    const auto run = runProcess(spec);
    QVERIFY(run.ok());
    if (run->exitCode == 3) {
        QSKIP("Python's jsonschema module is not installed: the schema side is not checked");
    }
    QVERIFY2(run->exitCode == 0, run->out.constData());
}

void TestShippedLabs::catalogueFindsThem()
{
    const QList<LabEntry> entries = discoverLabs({QStringLiteral(DRYDOCK_SOURCE_DIR "/labs")});
    QStringList ids;
    for (const LabEntry &e : entries) {
        QVERIFY2(e.lab.has_value(), qPrintable(e.path));
        ids.append(e.lab->id);
    }
    QVERIFY(ids.contains(QStringLiteral("docker-bench-hardening")));
    QVERIFY(ids.contains(QStringLiteral("signed-unsigned-images")));
    QVERIFY(ids.contains(QStringLiteral("image-hygiene")));
    const auto found =
        findLab(QStringLiteral("image-hygiene"), {QStringLiteral(DRYDOCK_SOURCE_DIR "/labs")});
    QVERIFY(found.ok());
    const auto missing =
        findLab(QStringLiteral("nope"), {QStringLiteral(DRYDOCK_SOURCE_DIR "/labs")});
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().hint.contains(QStringLiteral("image-hygiene")));
}

QTEST_GUILESS_MAIN(TestShippedLabs)
#include "tst_shippedlabs.moc"
