// SPDX-License-Identifier: GPL-3.0-or-later
// The lab report: PDF, HTML and JSON made from saved runs and the trust
// history, opened again and read back; the evidence sidecar; bad input.
#include "report/evidence.h"
#include "report/render/reportexport.h"
#include "report/reporthtml.h"
#include "report/reportjson.h"
#include "report/reportsources.h"
#include "reportfixtures.h"

#include "bench/compare.h"
#include "bench/runstore.h"
#include "labs/catalog.h"
#include "labs/progress.h"
#include "trust/trusthistory.h"
#include "util/atomicfile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPdfDocument>
#include <QPdfSelection>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace drydock;
using namespace drydock::report;

namespace {

const QString kUnicodeName = QStringLiteral("Zoë Łukasz 王小明 Ñandú");

QStringList pageTexts(const QString &pdfPath, int *pageCount, QSizeF *firstPageSize)
{
    QPdfDocument document;
    document.load(pdfPath);
    *pageCount = document.pageCount();
    *firstPageSize = document.pagePointSize(0);
    QStringList pages;
    for (int page = 0; page < document.pageCount(); ++page) {
        pages << document.getAllText(page).text();
    }
    return pages;
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pdf_data();
    void pdf();
    void htmlAndJson();
    void badInput_data();
    void badInput();
    void labSteps_data();
    void labSteps();
    void userLab();
    void labErrors_data();
    void labErrors();
    void corruptProgress();
    void comparisonOfDifferentSelections();
    void damagedRunIsCountedApart();

private:
    Result<ExportedFiles> produce(const SourceOptions &sources, const QString &path,
                                  const ExportOptions &options, const QString &student);
    SourceOptions sourceOptions() const;

    QTemporaryDir m_dir;
    QString m_runs;
    QString m_trust;
    QString m_out;
};

void TestReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // DRYDOCK_TEST_KEEP=1 keeps the reports to look at.
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("DRYDOCK_TEST_KEEP"));
    qInfo() << "reports in" << m_dir.path();
    m_runs = m_dir.filePath(QStringLiteral("runs"));
    m_trust = m_dir.filePath(QStringLiteral("trust"));
    m_out = m_dir.filePath(QStringLiteral("out"));
    QVERIFY(QDir().mkpath(m_out));
    const QDateTime start(QDate(2026, 12, 4), QTime(9, 0), QTimeZone::utc());
    const bench::RunStore store(m_runs);
    // Before: many warnings; after: fewer, so fixed and new both appear.
    QVERIFY(
        store.save(fixtures::makeRun({QStringLiteral("20261204T090000Z-aaaaaa"), start, 4, 2})));
    QVERIFY(store.save(
        fixtures::makeRun({QStringLiteral("20261204T100000Z-bbbbbb"), start.addSecs(3600), 4, 3})));

    trust::TrustHistoryEntry refused;
    refused.time = start.addSecs(600);
    refused.action = QStringLiteral("pull");
    refused.image = QStringLiteral("localhost:5000/unsigned:1.0");
    refused.trustEnabled = true;
    refused.refused = true;
    refused.reason = QStringLiteral("no trust data for localhost:5000/unsigned");
    QVERIFY(trust::appendTrustHistory(refused, m_trust));
    trust::TrustHistoryEntry pulled = refused;
    pulled.image = QStringLiteral("localhost:5000/signed:1.0");
    pulled.refused = false;
    pulled.reason.clear();
    pulled.digest = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
    pulled.signers = QStringList{QStringLiteral("targets: 1a2b3c")};
    QVERIFY(trust::appendTrustHistory(pulled, m_trust));

    const labs::ProgressStore progress(m_dir.filePath(QStringLiteral("progress")));
    QVERIFY(progress.save(
        fixtures::makeProgress(start.addSecs(-600), QStringLiteral("20261204T090000Z-aaaaaa"))));
}

SourceOptions TestReport::sourceOptions() const
{
    SourceOptions sources;
    sources.runsFolder = m_runs;
    sources.trustFolder = m_trust;
    sources.progressFolder = m_dir.filePath(QStringLiteral("progress"));
    return sources;
}

Result<ExportedFiles> TestReport::produce(const SourceOptions &sources, const QString &path,
                                          const ExportOptions &options, const QString &student)
{
    ReportMeta meta;
    meta.studentName = student;
    meta.studentId = QStringLiteral("s1234567");
    meta.course = QStringLiteral("Container Security 101");
    meta.instructor = QStringLiteral("Dr. Ada Lovelace");
    meta.generatedAt = QDateTime(QDate(2026, 12, 4), QTime(12, 0), QTimeZone::utc());
    meta.drydockVersion = QStringLiteral("0.1.0");
    const auto data = gatherReport(sources, meta);
    if (!data) {
        return data.error();
    }
    return exportReport(*data, path, options);
}

void TestReport::pdf_data()
{
    QTest::addColumn<QStringList>("runs");
    QTest::addColumn<bool>("compare");
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<QSizeF>("points");

    // An explicit run on A4: no before/after section.
    QTest::newRow("one run, A4") << QStringList{QStringLiteral("20261204T100000Z-bbbbbb")} << false
                                 << int(PageSize::A4) << QSizeF(595.3, 841.9);
    // Two runs named on the command line are compared, whatever their order.
    QTest::newRow("two runs, Letter") << QStringList{QStringLiteral("20261204T100000Z-bbbbbb"),
                                                     QStringLiteral("20261204T090000Z-aaaaaa")}
                                      << false << int(PageSize::Letter) << QSizeF(612, 792);
    // No run named: the newest, and with compare the one before it.
    QTest::newRow("latest with compare, A4")
        << QStringList{} << true << int(PageSize::A4) << QSizeF(595.3, 841.9);
}

void TestReport::pdf()
{
    QFETCH(QStringList, runs);
    QFETCH(bool, compare);
    QFETCH(int, pageSize);
    QFETCH(QSizeF, points);

    SourceOptions sources = sourceOptions();
    sources.runs = runs;
    sources.compare = compare;
    ExportOptions options;
    options.pdf.pageSize = static_cast<PageSize>(pageSize);
    const QString path = m_dir.filePath(QStringLiteral("out/%1.pdf")
                                            .arg(QString::fromUtf8(QTest::currentDataTag())
                                                     .replace(QLatin1Char(' '), QLatin1Char('-'))));
    const auto files = produce(sources, path, options, kUnicodeName);
    QVERIFY2(files, files ? "" : qPrintable(files.error().text()));

    int pageCount = 0;
    QSizeF firstPage;
    const QStringList pages = pageTexts(path, &pageCount, &firstPage);
    QCOMPARE(pageCount, files->pageCount);
    QVERIFY2(pageCount >= 6 && pageCount <= 60, qPrintable(QString::number(pageCount)));
    QVERIFY(qAbs(firstPage.width() - points.width()) < 2);
    QVERIFY(qAbs(firstPage.height() - points.height()) < 2);

    // Table cells wrap long text over lines: compare with whitespace folded.
    const QString all = pages.join(QLatin1Char('\n')).simplified();
    const bool compared = runs.size() == 2 || compare;
    QStringList expected = {kUnicodeName,
                            QStringLiteral("s1234567"),
                            QStringLiteral("Container Security 101"),
                            QStringLiteral("Dr. Ada Lovelace"),
                            QStringLiteral("Contents"),
                            QStringLiteral("Environment"),
                            QStringLiteral("unix:///var/run/docker.sock"),
                            QStringLiteral("Summary"),
                            QStringLiteral("Benchmark findings"),
                            QStringLiteral("Remediation:"),
                            QStringLiteral("web-003"),
                            QStringLiteral("Content trust"),
                            QStringLiteral("no trust data for localhost:5000/unsigned"),
                            QStringLiteral("targets: 1a2b3c"),
                            QStringLiteral("Appendix A: Every check"),
                            QStringLiteral("Appendix B: Evidence and integrity"),
                            QStringLiteral("Page 3 of %1").arg(pageCount)};
    if (compared) {
        expected << QStringLiteral("Before and after")
                 << QStringLiteral("Unchanged (still failing)");
    }
    // Narrow cells break long words over lines, so compare without spaces.
    const QRegularExpression space(QStringLiteral("\\s+"));
    const QString dense = QString(all).remove(space);
    for (const QString &text : expected) {
        QVERIFY2(dense.contains(QString(text).remove(space)),
                 qPrintable(QStringLiteral("missing: ") + text));
    }
    QCOMPARE(all.contains(QStringLiteral("Before and after")), compared);

    // The contents' page numbers point at the pages the sections start on.
    const QString contents = pages.value(1);
    for (const QString &section : {QStringLiteral("Summary"), QStringLiteral("Benchmark findings"),
                                   QStringLiteral("Appendix A: Every check")}) {
        const QRegularExpression entry(QStringLiteral("((?:\\d+ )?") +
                                       QRegularExpression::escape(section) +
                                       QStringLiteral(")\\s+(\\d+)"));
        const auto match = entry.match(contents);
        QVERIFY2(match.hasMatch(), qPrintable(section));
        const int page = match.captured(2).toInt();
        QVERIFY(page >= 3 && page <= pageCount);
        QVERIFY2(pages[page - 1].contains(match.captured(1)),
                 qPrintable(section + QStringLiteral(" not on page ") + match.captured(2)));
    }

    // The appendix table spans pages and repeats its header on each.
    const auto appendix =
        QRegularExpression(QStringLiteral("Appendix A: Every check\\s+(\\d+)")).match(contents);
    const auto integrity =
        QRegularExpression(QStringLiteral("Appendix B: Evidence and integrity\\s+(\\d+)"))
            .match(contents);
    QVERIFY(appendix.hasMatch() && integrity.hasMatch());
    const int first = appendix.captured(1).toInt();
    const int last = integrity.captured(1).toInt();
    QVERIFY2(last - first >= 1, "the appendix fits one page: no header repeat to test");
    for (int page = first; page <= last; ++page) {
        QVERIFY2(pages[page - 1].contains(QStringLiteral("Verdict")),
                 qPrintable(QStringLiteral("no table header on page %1").arg(page)));
    }

    // The sidecar: the digest the report prints, the report's own hash, and
    // each input's hash recomputed from the run files.
    const QJsonObject sidecar = readJson(files->sidecar);
    const QString digest = sidecar.value(QStringLiteral("evidenceSha256")).toString();
    QCOMPARE(digest.size(), 64);
    QVERIFY(all.contains(digest));
    QFile pdfFile(path);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QCOMPARE(sidecar.value(QStringLiteral("reportSha256")).toString(),
             sha256Hex(pdfFile.readAll()));
    const QJsonArray inputs = sidecar.value(QStringLiteral("inputs")).toArray();
    QCOMPARE(inputs.size(), (compared ? 2 : 1) + 1); // runs + trust history
    QByteArray lines;
    for (const QJsonValue &value : inputs) {
        const QJsonObject input = value.toObject();
        const auto bytes = readFileLimited(input.value(QStringLiteral("source")).toString());
        QVERIFY(bytes);
        const auto canonical = canonicalJson(*bytes, QStringLiteral("input"));
        QVERIFY(canonical);
        QCOMPARE(input.value(QStringLiteral("sha256")).toString(), sha256Hex(*canonical));
        lines += input.value(QStringLiteral("kind")).toString().toUtf8() + ' ' +
                 input.value(QStringLiteral("name")).toString().toUtf8() + ' ' +
                 sha256Hex(*canonical).toLatin1() + '\n';
    }
    QCOMPARE(sha256Hex(lines), digest);
}

void TestReport::htmlAndJson()
{
    SourceOptions sources = sourceOptions();
    sources.compare = true;
    ExportOptions options;
    options.format = Format::Html;
    const QString html = m_dir.filePath(QStringLiteral("out/report.html"));
    const auto htmlFiles = produce(sources, html, options, kUnicodeName);
    QVERIFY2(htmlFiles, htmlFiles ? "" : qPrintable(htmlFiles.error().text()));
    QFile htmlFile(html);
    QVERIFY(htmlFile.open(QIODevice::ReadOnly));
    const QString page = QString::fromUtf8(htmlFile.readAll());
    QVERIFY(page.startsWith(QStringLiteral("<!DOCTYPE html>")));
    QVERIFY(page.contains(kUnicodeName));
    QCOMPARE(page.count(QStringLiteral("<svg")), 3); // donut, sections, before/after
    QVERIFY(page.contains(QStringLiteral("href=\"#sec-findings\"")));

    options.format = Format::Json;
    const QString json = m_dir.filePath(QStringLiteral("out/report.json"));
    const auto jsonFiles = produce(sources, json, options, kUnicodeName);
    QVERIFY(jsonFiles);
    const QJsonObject report = readJson(json);
    QCOMPARE(report.value(QStringLiteral("format")).toString(), QStringLiteral("drydock-report"));
    QCOMPARE(
        report.value(QStringLiteral("student")).toObject().value(QStringLiteral("name")).toString(),
        kUnicodeName);
    QCOMPARE(report.value(QStringLiteral("runs")).toArray().size(), 2);
    QVERIFY(report.contains(QStringLiteral("comparison")));
    // The JSON carries every evidence item, where the PDF stops at a limit.
    const QJsonArray findings = report.value(QStringLiteral("runs"))
                                    .toArray()
                                    .last()
                                    .toObject()
                                    .value(QStringLiteral("findings"))
                                    .toArray();
    QCOMPARE(findings.size(), 117);
    QCOMPARE(report.value(QStringLiteral("evidenceSha256")).toString(),
             readJson(jsonFiles->sidecar).value(QStringLiteral("evidenceSha256")).toString());
}

void TestReport::badInput_data()
{
    QTest::addColumn<QString>("run");
    QTest::addColumn<QByteArray>("runContent"); // written to `run` first, unless empty
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("message");

    // A run file that is not there is named in the error.
    QTest::newRow("missing run file")
        << QStringLiteral("missing/run.json") << QByteArray() << QStringLiteral("out/missing.pdf")
        << QStringLiteral("does not exist");
    // A truncated run file is refused with its name, before anything is written.
    QTest::newRow("corrupt JSON") << QStringLiteral("corrupt.json")
                                  << QByteArray(
                                         "{\"schema\": \"drydock.bench.run\", \"findings\": [")
                                  << QStringLiteral("out/corrupt.pdf")
                                  << QStringLiteral("corrupt.json");
    // An output whose folder is a file cannot be written; nothing is left.
    QTest::newRow("unwritable output path")
        << QString() << QByteArray() << QStringLiteral("blocker/report.pdf")
        << QStringLiteral("Cannot write in");
    // An output folder that does not exist is not created for a report.
    QTest::newRow("output folder missing")
        << QString() << QByteArray() << QStringLiteral("nowhere/deeper/report.pdf")
        << QStringLiteral("does not exist");
}

void TestReport::badInput()
{
    QFETCH(QString, run);
    QFETCH(QByteArray, runContent);
    QFETCH(QString, output);
    QFETCH(QString, message);

    QFile blocker(m_dir.filePath(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    SourceOptions sources = sourceOptions();
    if (!run.isEmpty()) {
        const QString runPath = m_dir.filePath(run);
        if (!runContent.isEmpty()) {
            QVERIFY(writeFileAtomically(runPath, runContent));
        }
        sources.runs = QStringList{runPath};
    }
    const QString path = m_dir.filePath(output);
    const auto files = produce(sources, path, ExportOptions{}, kUnicodeName);
    QVERIFY(!files);
    QVERIFY(files.error().kind == ErrorKind::BadInput);
    QVERIFY2(files.error().message.contains(message), qPrintable(files.error().message));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!QFile::exists(sidecarPath(path)));
}

void TestReport::labSteps_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<bool>("arabicSearchable");

    // Each format carries the lab's steps with status, timestamps, the
    // student's answers and the verification outcomes (issue 7, Lab steps).
    // In the PDF Arabic is shaped for display, so only the HTML and JSON
    // are compared with the typed text.
    QTest::newRow("pdf") << int(Format::Pdf) << false;
    QTest::newRow("html") << int(Format::Html) << true;
    QTest::newRow("json") << int(Format::Json) << true;
}

void TestReport::labSteps()
{
    QFETCH(int, format);
    QFETCH(bool, arabicSearchable);

    SourceOptions sources = sourceOptions();
    sources.labId = fixtures::kLabId; // a shipped lab, by id
    ExportOptions options;
    options.format = static_cast<Format>(format);
    const QString path = m_dir.filePath(QStringLiteral("out/lab.") + formatName(options.format));
    const auto files = produce(sources, path, options, kUnicodeName);
    QVERIFY2(files, files ? "" : qPrintable(files.error().text()));

    QString text;
    if (options.format == Format::Pdf) {
        int pageCount = 0;
        QSizeF size;
        text = pageTexts(path, &pageCount, &size).join(QLatin1Char('\n'));
        QVERIFY(pageCount >= 7);
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        text = QString::fromUtf8(file.readAll());
    }
    if (options.format == Format::Json) {
        // Strings as they read, not as JSON escapes them.
        text.replace(QStringLiteral("\\\""), QStringLiteral("\""))
            .replace(QStringLiteral("\\n"), QStringLiteral("\n"));
    }
    if (options.format == Format::Json) {
        const QJsonObject lab = readJson(path).value(QStringLiteral("lab")).toObject();
        QCOMPARE(lab.value(QStringLiteral("id")).toString(), fixtures::kLabId);
        QCOMPARE(lab.value(QStringLiteral("doneCount")).toInt(), 3);
        const QJsonArray steps = lab.value(QStringLiteral("steps")).toArray();
        QCOMPARE(steps.size(), 7); // every step of the lab, in its order
        const QJsonObject first = steps.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("id")).toString(), QStringLiteral("run-default"));
        QCOMPARE(first.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
        QCOMPARE(first.value(QStringLiteral("check"))
                     .toObject()
                     .value(QStringLiteral("passed"))
                     .toBool(),
                 true);
        QCOMPARE(first.value(QStringLiteral("answers"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("answer"))
                     .toString(),
                 fixtures::kAnswerSearchable + QLatin1Char('\n') + fixtures::kAnswerArabic);
        const QJsonObject harden = steps.at(3).toObject();
        QCOMPARE(harden.value(QStringLiteral("check"))
                     .toObject()
                     .value(QStringLiteral("passed"))
                     .toBool(true),
                 false);
        QVERIFY(steps.at(4).toObject().value(QStringLiteral("check")).isNull());
        // The progress file is one of the inputs the evidence digest covers.
        QStringList kinds;
        for (const QJsonValue &input :
             readJson(files->sidecar).value(QStringLiteral("inputs")).toArray()) {
            kinds << input.toObject().value(QStringLiteral("kind")).toString();
        }
        QVERIFY2(kinds.contains(QStringLiteral("progress")), qPrintable(kinds.join(u',')));
    }
    const QRegularExpression space(QStringLiteral("\\s+"));
    const QString dense = QString(text).remove(space);
    QStringList expected = {
        QStringLiteral("Docker Bench and hardening"),                   // the lab's title
        QStringLiteral("Run a container in its default configuration"), // step titles
        QStringLiteral("Re-create the container hardened"),
        fixtures::kAnswerSearchable,
        QStringLiteral("5.4 — privileged containers"),
        fixtures::kMissingText,
        QStringLiteral("20261204T090000Z-aaaaaa"), // the run attached to a step
    };
    if (options.format == Format::Json) {
        // When the first step was started and completed, as ISO 8601.
        expected << QStringLiteral("\"startedAt\": \"2026-12-04T08:50:00+00:00\"")
                 << QStringLiteral("\"completedAt\": \"2026-12-04T08:55:00+00:00\"");
    } else {
        expected << QStringLiteral("2026-12-04 08:50:00 UTC") // started, first step
                 << QStringLiteral("2026-12-04 08:55:00 UTC") // completed
                 << QStringLiteral("Lab steps") << QStringLiteral("not passed")
                 << QStringLiteral("not answered") << QStringLiteral("3 of 5 required steps done")
                 << QStringLiteral("hints revealed: 1 of");
    }
    if (arabicSearchable) {
        expected << fixtures::kAnswerArabic;
    }
    for (const QString &want : expected) {
        QString needle = want;
        if (options.format == Format::Html) {
            needle = needle.toHtmlEscaped();
        }
        QVERIFY2(dense.contains(needle.remove(space)),
                 qPrintable(QStringLiteral("missing: ") + want));
    }
    // The lab writes its questions with Markdown code spans; the JSON keeps
    // the text as written, the PDF and HTML set the span in the mono font.
    const QString question = QStringLiteral("when `docker run` is given no options");
    if (options.format == Format::Json) {
        QVERIFY(text.contains(question));
    } else {
        QVERIFY2(!text.contains(QLatin1Char('`')), "a backtick reached the page");
        QVERIFY(dense.contains(
            options.format == Format::Html
                ? QStringLiteral("when<spanclass=\"mono\">dockerrun</span>isgivennooptions")
                : QStringLiteral("whendockerrunisgivennooptions")));
    }
}

void TestReport::userLab()
{
    // A lab of the user's own, found by id among the user's labs.
    const QString folder = m_dir.filePath(QStringLiteral("userlabs"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(writeFileAtomically(QDir(folder).filePath(QStringLiteral("mine.json")), R"({
  "formatVersion": 1, "id": "my-own-lab", "title": "Mon propre labo", "version": "3",
  "summary": "S",
  "steps": [
    {"id": "look", "title": "Look around", "instructions": "Look.",
     "questions": [{"id": "seen", "text": "What did you see?"}]}
  ]
})"));
    labs::LabProgress progress;
    progress.labId = QStringLiteral("my-own-lab");
    progress.labVersion = QStringLiteral("3");
    progress.user = labs::ProgressStore::currentUser();
    progress.steps[QStringLiteral("look")].status = labs::StepStatus::InProgress;
    progress.steps[QStringLiteral("look")].answers[QStringLiteral("seen")] =
        QStringLiteral("Ничего особенного");
    const QString progressFolder = m_dir.filePath(QStringLiteral("userprogress"));
    QVERIFY(labs::ProgressStore(progressFolder).save(progress));

    SourceOptions sources = sourceOptions();
    sources.progressFolder = progressFolder;
    sources.labId = QStringLiteral("my-own-lab");
    sources.labFolders = {labs::shippedLabsFolder(), folder};
    const auto data = gatherReport(sources, ReportMeta{});
    QVERIFY2(data, data ? "" : qPrintable(data.error().text()));
    QVERIFY(data->lab);
    QCOMPARE(data->lab->title, QStringLiteral("Mon propre labo"));
    QCOMPARE(data->lab->steps.size(), 1);
    QCOMPARE(data->lab->steps.first().status, QStringLiteral("in progress"));
    QCOMPARE(data->lab->steps.first().answers.first().answer, QStringLiteral("Ничего особенного"));
}

void TestReport::labErrors_data()
{
    QTest::addColumn<QString>("labId");
    QTest::addColumn<QStringList>("inMessage");

    // An unknown id is named, with the labs that exist and those with progress.
    QTest::newRow("unknown lab id")
        << QStringLiteral("no-such-lab")
        << QStringList{QStringLiteral("no-such-lab"), fixtures::kLabId,
                       QStringLiteral("image-hygiene"), QStringLiteral("With saved progress")};
    // A lab that exists but was never started has nothing to report.
    QTest::newRow("lab without progress")
        << QStringLiteral("image-hygiene")
        << QStringList{QStringLiteral("no saved progress"), QStringLiteral("image-hygiene")};
    // A lab file that is not there is named.
    QTest::newRow("missing lab file") << QStringLiteral("/nonexistent/lab.json")
                                      << QStringList{QStringLiteral("/nonexistent/lab.json")};
}

void TestReport::labErrors()
{
    QFETCH(QString, labId);
    QFETCH(QStringList, inMessage);

    SourceOptions sources = sourceOptions();
    sources.labId = labId;
    const QString path = m_dir.filePath(QStringLiteral("out/lab-error.pdf"));
    const auto files = produce(sources, path, ExportOptions{}, kUnicodeName);
    QVERIFY(!files);
    const QString text = files.error().text();
    for (const QString &want : inMessage) {
        QVERIFY2(text.contains(want), qPrintable(text));
    }
    QVERIFY(!QFile::exists(path));
}

void TestReport::corruptProgress()
{
    // A progress file cut short is refused with its name; it is never
    // replaced by a fresh, empty progress in the report.
    const QString folder = m_dir.filePath(QStringLiteral("corruptprogress"));
    const labs::ProgressStore store(folder);
    const QString progressFile = store.filePath(fixtures::kLabId);
    QVERIFY(QDir().mkpath(QFileInfo(progressFile).absolutePath()));
    QVERIFY(writeFileAtomically(progressFile, "{\"schemaVersion\": 1, \"labId\": \"dock"));
    SourceOptions sources = sourceOptions();
    sources.progressFolder = folder;
    sources.labId = fixtures::kLabId;
    const QString path = m_dir.filePath(QStringLiteral("out/corrupt-progress.pdf"));
    const auto files = produce(sources, path, ExportOptions{}, kUnicodeName);
    QVERIFY(!files);
    QVERIFY2(files.error().text().contains(QFileInfo(progressFile).fileName()),
             qPrintable(files.error().text()));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!QFile::exists(sidecarPath(path)));
}

void TestReport::comparisonOfDifferentSelections()
{
    // Rule: a narrow run (the lab's step 2: sections 2, 4.1, 5 only) against
    // a later full run counts the checks the first did not select as "not
    // in both runs", never as new; the narrow run's host readability is
    // "not checked", not "no".
    QTemporaryDir dir;
    const QDateTime start(QDate(2026, 12, 4), QTime(9, 0), QTimeZone::utc());
    bench::Run narrow = fixtures::makeRun({QStringLiteral("20261204T090000Z-cccccc"), start, 4, 2});
    QList<bench::Finding> kept;
    for (const bench::Finding &finding : narrow.findings) {
        if (finding.checkId.startsWith(QLatin1String("5."))) {
            kept.append(finding);
        }
    }
    narrow.findings = kept;
    narrow.engine.local = false;
    narrow.engine.hostChecked = false;
    narrow.containerLabels = {QStringLiteral("drydock.lab=hardening")};
    const bench::Run full =
        fixtures::makeRun({QStringLiteral("20261204T100000Z-dddddd"), start.addSecs(3600), 4, 2});
    const bench::RunStore store(dir.path());
    QVERIFY(store.save(narrow));
    QVERIFY(store.save(full));
    SourceOptions sources = sourceOptions();
    sources.runsFolder = dir.path();
    sources.compare = true;
    ReportMeta meta;
    const auto data = gatherReport(sources, meta);
    QVERIFY2(data, data ? "" : qPrintable(data.error().text()));
    const bench::Comparison cmp = bench::compareRuns(*data->previous(), *data->current());
    QCOMPARE(cmp.count(bench::Change::New), 0);
    QCOMPARE(cmp.notInBothCount(), int(full.findings.size() - kept.size()));
    const QString page = reportHtml(*data, HtmlOptions{});
    QVERIFY(page.contains(QLatin1String("Not in both runs")));
    QVERIFY(page.contains(QLatin1String("different containers")));
    // The environment section describes the later run, which read the host.
    QVERIFY(!page.contains(QLatin1String("not checked by this run")));

    const QJsonObject report = QJsonDocument::fromJson(reportJson(*data))
                                   .object()
                                   .value(QStringLiteral("comparison"))
                                   .toObject();
    QCOMPARE(report.value(QStringLiteral("new")).toInt(), 0);
    QCOMPARE(report.value(QStringLiteral("notInBoth")).toArray().size(), cmp.notInBothCount());
    QVERIFY(report.value(QStringLiteral("deltaOverCommonChecks")).toBool());

    // The narrow run alone: its host readability is "not checked", not "no".
    sources.runs = {store.pathFor(narrow.id)};
    sources.compare = false;
    const auto single = gatherReport(sources, meta);
    QVERIFY2(single, single ? "" : qPrintable(single.error().text()));
    const QString narrowPage = reportHtml(*single, HtmlOptions{});
    QVERIFY(narrowPage.contains(QLatin1String("not checked by this run")));
    QVERIFY(!narrowPage.contains(QLatin1String("host checks could not read")));
}

void TestReport::damagedRunIsCountedApart()
{
    // Rule: a damaged run file is not a run, but the "needs two runs"
    // message says it is there and why it was left out.
    QTemporaryDir dir;
    const QDateTime start(QDate(2026, 12, 4), QTime(9, 0), QTimeZone::utc());
    const bench::RunStore store(dir.path());
    QVERIFY(
        store.save(fixtures::makeRun({QStringLiteral("20261204T090000Z-eeeeee"), start, 4, 2})));
    const QString damaged = dir.filePath(QStringLiteral("20261204T100000Z-ffffff.json"));
    QVERIFY(writeFileAtomically(damaged, QByteArray("{\"schema\": \"drydock.bench.run\", \"id")));
    SourceOptions sources = sourceOptions();
    sources.runsFolder = dir.path();
    sources.compare = true;
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("cannot be read: .*ffffff\\.json")));
    const auto data = gatherReport(sources, ReportMeta{});
    QVERIFY(!data);
    const QString message = data.error().message;
    QVERIFY2(message.contains(QLatin1String("two readable saved runs")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("1 run file(s) that cannot be read")),
             qPrintable(message));
    QVERIFY2(message.contains(damaged), qPrintable(message));
}

QTEST_MAIN(TestReport)
#include "tst_report.moc"
