// SPDX-License-Identifier: GPL-3.0-or-later
// Builds the report's HTML, section by section.
#include "reporthtml.h"

#include "bench/catalogue.h"
#include "bench/compare.h"
#include "evidence.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace drydock::report {

using bench::Verdict;

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// Lab text (step titles, questions) may hold Markdown code spans, as in
// "when `docker run` is given no options": escaped, with each span set in
// the mono font and its backticks dropped. A backtick without its closing
// partner stays as typed.
QString labText(const QString &text)
{
    QString html;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype open = text.indexOf(QLatin1Char('`'), i);
        if (open < 0) {
            break;
        }
        qsizetype ticks = 1;
        while (open + ticks < text.size() && text.at(open + ticks) == QLatin1Char('`')) {
            ++ticks;
        }
        const QString fence(ticks, QLatin1Char('`'));
        const qsizetype close = text.indexOf(fence, open + ticks);
        if (close < 0) {
            break;
        }
        html += esc(text.mid(i, open - i));
        html += QStringLiteral("<span class=\"mono\">%1</span>")
                    .arg(esc(text.mid(open + ticks, close - open - ticks).trimmed()));
        i = close + ticks;
    }
    return html + esc(text.mid(i));
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : esc(text);
}

QString timeText(const QDateTime &time)
{
    if (!time.isValid()) {
        return QStringLiteral("—");
    }
    return time.toTimeZone(QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

// For narrow table cells, where the column header says "(UTC)".
QString shortTime(const QDateTime &time, bool seconds = false)
{
    if (!time.isValid()) {
        return QStringLiteral("—");
    }
    // A no-break space: the date and the time stay on one line.
    return time.toTimeZone(QTimeZone::utc())
        .toString(seconds ? QStringLiteral("yyyy-MM-dd'&nbsp;'HH:mm:ss")
                          : QStringLiteral("yyyy-MM-dd'&nbsp;'HH:mm"));
}

QString percentText(double percent)
{
    return QLocale::c().toString(percent, 'f', 1) + QLatin1Char('%');
}

QString signedNumber(int value)
{
    return value > 0 ? QStringLiteral("+%1").arg(value) : QString::number(value);
}

QString verdictBadge(Verdict verdict)
{
    return QStringLiteral("<span style=\"color:%1; font-weight:bold\">%2</span>")
        .arg(verdictColour(verdict), bench::verdictLabel(verdict));
}

QString optionalVerdict(const std::optional<Verdict> &verdict)
{
    return verdict ? verdictBadge(*verdict) : QStringLiteral("—");
}

const bench::Catalogue *catalogue()
{
    const auto &builtin = bench::builtinCatalogue();
    return builtin.ok() ? &builtin.value() : nullptr;
}

QString checkTitle(const QString &checkId)
{
    if (const bench::Catalogue *c = catalogue()) {
        if (const bench::CheckInfo *info = c->check(checkId)) {
            return info->title;
        }
    }
    return QString();
}

// Failing first, then the verdicts that need a look, then the rest.
int verdictRank(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Warn:
        return 0;
    case Verdict::Error:
        return 1;
    case Verdict::Note:
        return 2;
    case Verdict::Info:
        return 3;
    case Verdict::NotApplicable:
        return 4;
    case Verdict::Pass:
        return 5;
    }
    return 6;
}

// A step's last verification, coloured like a verdict.
QString checkBadge(const StepReport &step)
{
    if (!step.checkPassed) {
        return step.verifiable ? QStringLiteral("not checked") : QStringLiteral("—");
    }
    return *step.checkPassed
               ? QStringLiteral("<span style=\"color:#2e7d32; font-weight:bold\">passed</span>")
               : QStringLiteral("<span style=\"color:#c62828; font-weight:bold\">not "
                                "passed</span>");
}

struct SectionGroup
{
    QString id;
    QString title;
    QList<const bench::Finding *> findings;
};

QList<SectionGroup> groupFindings(const bench::Run &run)
{
    QList<SectionGroup> groups;
    if (const bench::Catalogue *c = catalogue()) {
        for (const bench::SectionInfo &section : c->sections()) {
            groups.append(SectionGroup{section.id, section.title, {}});
        }
    }
    for (const bench::Finding &finding : run.findings) {
        const QString section = bench::sectionOfCheckId(finding.checkId);
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](const SectionGroup &g) { return g.id == section; });
        if (group == groups.end()) {
            groups.append(SectionGroup{section, QStringLiteral("Section %1").arg(section), {}});
            group = groups.end() - 1;
        }
        group->findings.append(&finding);
    }
    groups.removeIf([](const SectionGroup &g) { return g.findings.isEmpty(); });
    const bench::Catalogue *c = catalogue();
    for (SectionGroup &group : groups) {
        std::stable_sort(group.findings.begin(), group.findings.end(),
                         [c](const bench::Finding *a, const bench::Finding *b) {
                             const int ra = verdictRank(a->verdict);
                             const int rb = verdictRank(b->verdict);
                             if (ra != rb) {
                                 return ra < rb;
                             }
                             return c && c->indexOf(a->checkId) < c->indexOf(b->checkId);
                         });
    }
    return groups;
}

// The checks of a comparison with `change`; for Unchanged only those still
// failing, since an unchanged pass is not news.
QList<const bench::CheckChange *> changesOf(const bench::Comparison &cmp, bench::Change change)
{
    QList<const bench::CheckChange *> list;
    for (const bench::CheckChange &check : cmp.checks) {
        if (check.change != change) {
            continue;
        }
        if (change == bench::Change::Unchanged && !(check.after && isFailing(*check.after))) {
            continue;
        }
        list.append(&check);
    }
    return list;
}

QString sectionAnchor(const QString &sectionId)
{
    return QStringLiteral("sec-findings-") + sectionId;
}

// What a comparison's counts leave out: checks only one run selected (neither
// fixed nor new) and a difference in the containers the runs audited.
QString comparisonCaveats(const bench::Comparison &cmp)
{
    QString html;
    if (cmp.notInBothCount() > 0) {
        html += QStringLiteral("<p class=\"muted\">Not in both runs (the runs selected "
                               "different checks; not counted above): %1 check(s), <span "
                               "class=\"mono\">%2</span>.%3</p>\n")
                    .arg(cmp.notInBothCount())
                    .arg(esc(cmp.notInBothText()))
                    .arg(cmp.deltaOverCommon
                             ? QStringLiteral(" The score change counts only the checks both "
                                              "runs contain.")
                             : QString());
    }
    if (!cmp.scopeWarning.isEmpty()) {
        html += QStringLiteral("<p><b>Warning:</b> %1</p>\n").arg(esc(cmp.scopeWarning));
    }
    return html;
}

class Builder
{
public:
    Builder(const ReportData &data, const HtmlOptions &options)
        : m_data(data), m_options(options), m_print(options.flavour == HtmlFlavour::Print)
    {}

    QString build()
    {
        head();
        cover();
        contents();
        environment();
        summary();
        labSteps();
        findings();
        comparison();
        trust();
        appendix();
        integrity();
        m_html += QStringLiteral("</body></html>\n");
        return m_html;
    }

private:
    void head();
    void cover();
    void contents();
    void environment();
    void summary();
    void labSteps();
    void findings();
    void comparison();
    void trust();
    void appendix();
    void integrity();

    QString numbered(const QString &anchor) const
    {
        for (const ContentsEntry &entry : m_entries) {
            if (entry.anchor == anchor) {
                return entry.title;
            }
        }
        return anchor;
    }
    void heading(const QString &anchor, int level, bool pageBreak = false)
    {
        const QString tag = level == 1 ? QStringLiteral("h1") : QStringLiteral("h2");
        m_html +=
            QStringLiteral("<%1%2><a name=\"%3\" id=\"%3\">%4</a></%1>\n")
                .arg(tag,
                     pageBreak ? QStringLiteral(" style=\"page-break-before: always\"") : QString(),
                     anchor, esc(numbered(anchor)));
    }
    void tableStart(const QStringList &headers, const QList<int> &widths = {})
    {
        m_html += QStringLiteral("<table class=\"grid\" width=\"100%\" border=\"1\" "
                                 "cellspacing=\"0\" cellpadding=\"4\"><thead><tr>");
        for (qsizetype i = 0; i < headers.size(); ++i) {
            const QString width = i < widths.size() && widths[i] > 0
                                      ? QStringLiteral(" width=\"%1%\"").arg(widths[i])
                                      : QString();
            m_html += QStringLiteral("<th align=\"left\" bgcolor=\"#e8edf0\"%1>%2</th>")
                          .arg(width, esc(headers[i]));
        }
        m_html += QStringLiteral("</tr></thead><tbody>\n");
    }
    void row(const QStringList &cellsHtml)
    {
        m_html += QStringLiteral("<tr>");
        for (const QString &cell : cellsHtml) {
            m_html += QStringLiteral("<td valign=\"top\">") + cell + QStringLiteral("</td>");
        }
        m_html += QStringLiteral("</tr>\n");
    }
    void tableEnd() { m_html += QStringLiteral("</tbody></table>\n"); }
    void keyValues(const QList<QPair<QString, QString>> &pairs)
    {
        m_html += QStringLiteral("<table class=\"kv\" cellspacing=\"0\" cellpadding=\"3\">");
        for (const auto &[key, valueHtml] : pairs) {
            m_html += QStringLiteral("<tr><td class=\"key\" width=\"190\">%1</td><td>%2</td></tr>")
                          .arg(esc(key), valueHtml);
        }
        m_html += QStringLiteral("</table>\n");
    }
    QString chart(const Drawing &drawing) const
    {
        if (m_print) {
            return QStringLiteral("<p align=\"center\"><img src=\"%1%2\" width=\"%3\" "
                                  "height=\"%4\" alt=\"%5\"></p>\n")
                .arg(QLatin1String(kChartScheme), drawing.id)
                .arg(qRound(drawing.width))
                .arg(qRound(drawing.height))
                .arg(esc(drawing.title));
        }
        return QStringLiteral("<figure>") + drawingToSvg(drawing) + QStringLiteral("</figure>\n");
    }
    void evidenceTable(const bench::Finding &finding);

    const ReportData &m_data;
    const HtmlOptions &m_options;
    const bool m_print = false;
    const QList<ContentsEntry> m_entries = contentsEntries(m_data);
    QString m_html;
};

void Builder::head()
{
    const QString title = QStringLiteral("Lab report: ") + reportTitle(m_data);
    m_html += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                             "<title>%1</title>\n<style>\n")
                  .arg(esc(title));
    if (m_print) {
        // QTextDocument's CSS subset: type and class selectors, sizes in pt.
        m_html += QStringLiteral(
            "body { font-size: 9.5pt; color: #212121; }\n"
            "h1 { font-size: 17pt; color: #0d3c61; margin-top: 14px; margin-bottom: 8px; }\n"
            "h2 { font-size: 12.5pt; color: #0d3c61; margin-top: 12px; margin-bottom: 6px; }\n"
            "h3 { font-size: 10.5pt; margin-top: 10px; margin-bottom: 4px; }\n"
            "table.grid { border-collapse: collapse; border-color: #b0bec5; }\n"
            "th { font-weight: bold; }\n"
            "td.key { color: #546e7a; }\n"
            ".muted { color: #616161; }\n"
            ".small { font-size: 8pt; }\n"
            ".mono { font-family: 'DejaVu Sans Mono'; font-size: 8pt; }\n"
            ".answer { background-color: #f5f7f8; }\n");
    } else {
        m_html += QStringLiteral(
            "body { font-family: 'DejaVu Sans', 'Noto Sans', 'WenQuanYi Zen Hei', sans-serif;"
            " font-size: 15px; color: #212121; max-width: 60em; margin: 2em auto;"
            " padding: 0 1em; line-height: 1.4; }\n"
            "h1 { color: #0d3c61; border-bottom: 2px solid #0d3c61; margin-top: 2em; }\n"
            "h2 { color: #0d3c61; margin-top: 1.5em; }\n"
            "table.grid { border-collapse: collapse; width: 100%; margin: 0.5em 0; }\n"
            "table.grid th, table.grid td { border: 1px solid #b0bec5; padding: 4px 6px;"
            " vertical-align: top; text-align: left; }\n"
            "table.grid th { background: #e8edf0; }\n"
            "td.key { color: #546e7a; padding-right: 2em; }\n"
            ".muted { color: #616161; } .small { font-size: 0.85em; }\n"
            ".mono { font-family: 'DejaVu Sans Mono', monospace; font-size: 0.85em;"
            " word-break: break-all; }\n"
            ".answer { background: #f5f7f8; padding: 0.5em 1em; border-left: 3px solid #90a4ae; }\n"
            ".cover { text-align: center; margin: 3em 0; }\n"
            "figure { margin: 1em 0; } svg text { font-family: 'DejaVu Sans', sans-serif; }\n"
            "@media print { h1 { page-break-before: always; } }\n");
    }
    m_html += QStringLiteral("</style></head><body>\n");
}

void Builder::cover()
{
    const ReportMeta &meta = m_data.meta;
    m_html += QStringLiteral("<div class=\"cover\" align=\"center\">");
    m_html += QStringLiteral("<p align=\"center\" style=\"margin-top: 120px; font-size: 12pt; "
                             "color: #546e7a\">DRYDOCK LAB REPORT</p>");
    m_html += QStringLiteral("<p align=\"center\" style=\"font-size: 24pt; font-weight: bold; "
                             "color: #0d3c61\">%1</p>")
                  .arg(esc(reportTitle(m_data)));
    QString student =
        meta.studentName.isEmpty() ? QStringLiteral("(no name given)") : meta.studentName;
    m_html += QStringLiteral("<p align=\"center\" style=\"margin-top: 50px; font-size: 16pt\">"
                             "%1</p>")
                  .arg(esc(student));
    if (!meta.studentId.isEmpty()) {
        m_html += QStringLiteral("<p align=\"center\" style=\"font-size: 11pt\">Student id: %1</p>")
                      .arg(esc(meta.studentId));
    }
    m_html += QStringLiteral("<p align=\"center\" style=\"margin-top: 40px; font-size: 11pt\">"
                             "Course: %1<br>Instructor: %2<br>Date: %3</p>")
                  .arg(orDash(meta.course), orDash(meta.instructor), timeText(meta.generatedAt));
    m_html += QStringLiteral("<p align=\"center\" style=\"margin-top: 60px\" class=\"muted\">"
                             "Made with Drydock %1<br>Evidence SHA-256:</p>"
                             "<p align=\"center\" class=\"mono\">%2</p>")
                  .arg(esc(meta.drydockVersion), evidenceDigest(m_data.inputs));
    m_html += QStringLiteral("</div>\n");
}

void Builder::contents()
{
    m_html += QStringLiteral("<h1 style=\"page-break-before: always\">Contents</h1>\n");
    m_html += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\">");
    for (const ContentsEntry &entry : m_entries) {
        const QString indent =
            entry.level > 1 ? QStringLiteral("&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;") : QString();
        const QString weight =
            entry.level == 1 ? QStringLiteral(" style=\"font-weight:bold\"") : QString();
        QString page;
        if (m_print) {
            const auto at = m_options.pages.find(entry.anchor);
            page = at == m_options.pages.end() ? QStringLiteral("&nbsp;") : QString::number(*at);
        }
        const QString title =
            m_print ? esc(entry.title)
                    : QStringLiteral("<a href=\"#%1\">%2</a>").arg(entry.anchor, esc(entry.title));
        m_html += QStringLiteral("<tr><td%1>%2%3</td><td align=\"right\" width=\"60\">%4</td>"
                                 "</tr>")
                      .arg(weight, indent, title, page);
    }
    m_html += QStringLiteral("</table>\n");
}

void Builder::environment()
{
    heading(QStringLiteral("sec-environment"), 1, true);
    const bench::Run *run = m_data.current();
    if (!run) {
        m_html += QStringLiteral("<p>No benchmark run is attached to this report, so there is "
                                 "no engine to describe.</p>\n");
        return;
    }
    const bench::EngineIdentity &engine = run->engine;
    QString flavour = engine.podman ? QStringLiteral("Podman") : QStringLiteral("Docker Engine");
    flavour += engine.rootless ? QStringLiteral(", rootless") : QStringLiteral(", rootful");
    keyValues({
        {QStringLiteral("Engine"), esc(QStringLiteral("%1 %2").arg(flavour, engine.serverVersion))},
        {QStringLiteral("API version"), orDash(engine.apiVersion)},
        {QStringLiteral("Endpoint"),
         QStringLiteral("<span class=\"mono\">%1</span>").arg(orDash(engine.endpoint))},
        {QStringLiteral("Endpoint from"), orDash(engine.endpointSource)},
        {QStringLiteral("Host"), orDash(engine.hostName)},
        {QStringLiteral("Operating system"), orDash(engine.operatingSystem)},
        {QStringLiteral("Kernel"), orDash(engine.kernelVersion)},
        {QStringLiteral("Host files readable"),
         !engine.hostChecked ? QStringLiteral("not checked by this run (it selected no host check)")
         : engine.local      ? QStringLiteral("yes (local engine)")
                             : QStringLiteral("no: host checks could not read the engine's files")},
        {QStringLiteral("Benchmark catalogue"), orDash(run->catalogueVersion)},
        {QStringLiteral("Produced by"), orDash(run->producer)},
    });
    m_html += QStringLiteral("<h3>Runs in this report</h3>\n");
    tableStart({QStringLiteral("Run"), QStringLiteral("Started (UTC)"),
                QStringLiteral("Finished (UTC)"), QStringLiteral("Checks"),
                QStringLiteral("Score")},
               {30, 24, 24, 9, 13});
    for (const bench::Run &r : m_data.runs) {
        QString id = QStringLiteral("<span class=\"mono\">%1</span>").arg(esc(r.id));
        if (r.partial) {
            id += QStringLiteral("<br><i>partial: %1</i>").arg(esc(r.partialReason));
        }
        row({id, shortTime(r.startedAt, true), shortTime(r.finishedAt, true),
             QString::number(r.findings.size()),
             QStringLiteral("%1 (%2)").arg(r.score.reference).arg(percentText(r.score.percent()))});
    }
    tableEnd();
}

void Builder::summary()
{
    heading(QStringLiteral("sec-summary"), 1);
    if (m_data.lab) {
        const LabReport &lab = *m_data.lab;
        m_html += QStringLiteral("<p style=\"font-size: 11pt\"><b style=\"font-size: "
                                 "11pt\">Lab:</b> %3 — <b style=\"font-size: 11pt\">%1 of %2 "
                                 "required steps done</b> (see Lab steps).</p>\n")
                      .arg(lab.requiredDoneCount())
                      .arg(lab.requiredCount())
                      .arg(esc(lab.title.isEmpty() ? lab.id : lab.title));
    }
    const bench::Run *run = m_data.current();
    if (!run) {
        m_html += QStringLiteral("<p>No benchmark run is attached.</p>\n");
        return;
    }
    const VerdictCounts counts = countVerdicts(*run);
    m_html += QStringLiteral("<p style=\"font-size: 11pt\"><b style=\"font-size: 11pt\">Score "
                             "%1</b> — %2 of %3 scored "
                             "checks pass (<b style=\"font-size: 11pt\">%4</b>). %5 checks ran; %6 "
                             "failed (WARN).</p>\n")
                  .arg(run->score.reference)
                  .arg(run->score.scoredPassed)
                  .arg(run->score.scoredApplicable)
                  .arg(percentText(run->score.percent()))
                  .arg(counts.total())
                  .arg(counts.warn);
    // The verdict table and the donut side by side: the table is the
    // donut's legend, and together they leave room on the page for the
    // section bars.
    const QList<Drawing> drawings = reportCharts(m_data);
    const auto drawingWithId = [&drawings](const QString &id) -> const Drawing * {
        for (const Drawing &drawing : drawings) {
            if (drawing.id == id) {
                return &drawing;
            }
        }
        return nullptr;
    };
    m_html += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr>"
                             "<td width=\"66%\" valign=\"middle\">");
    tableStart({QStringLiteral("Verdict"), QStringLiteral("Checks"), QStringLiteral("Meaning")},
               {17, 15, 68});
    const QList<QPair<Verdict, QString>> meanings = {
        {Verdict::Pass, QStringLiteral("the engine follows the recommendation")},
        {Verdict::Warn, QStringLiteral("it does not: fix it (see Findings)")},
        {Verdict::Info, QStringLiteral("reported for review, not scored")},
        {Verdict::Note, QStringLiteral("a manual check: a person has to look")},
        {Verdict::NotApplicable, QStringLiteral("does not apply to this engine")},
        {Verdict::Error, QStringLiteral("the check could not run (its cause is listed)")},
    };
    for (const auto &[verdict, meaning] : meanings) {
        row({verdictBadge(verdict), QString::number(counts.of(verdict)), esc(meaning)});
    }
    tableEnd();
    m_html += QStringLiteral("</td><td width=\"34%\" valign=\"middle\" align=\"center\">");
    if (const Drawing *donut = drawingWithId(QStringLiteral("verdicts"))) {
        m_html += chart(*donut);
    }
    m_html += QStringLiteral("</td></tr></table>\n");
    if (const Drawing *bars = drawingWithId(QStringLiteral("sections"))) {
        m_html += chart(*bars);
    }
    if (const bench::Run *before = m_data.previous()) {
        const bench::Comparison cmp = bench::compareRuns(*before, *run);
        m_html += QStringLiteral("<p>Compared with the run before: %1 fixed, %2 new, %3 still "
                                 "failing; score %4.</p>\n")
                      .arg(changesOf(cmp, bench::Change::Fixed).size())
                      .arg(changesOf(cmp, bench::Change::New).size())
                      .arg(changesOf(cmp, bench::Change::Unchanged).size())
                      .arg(signedNumber(cmp.referenceDelta));
        m_html += comparisonCaveats(cmp);
    }
}

void Builder::labSteps()
{
    if (!m_data.lab) {
        return;
    }
    const LabReport &lab = *m_data.lab;
    heading(QStringLiteral("sec-lab"), 1, true);
    // Numbers first: a title with "%1" in it must not take a number.
    m_html +=
        QStringLiteral("<p>Lab <b>%4</b> (<span class=\"mono\">%5</span>%6): <b>%1 of %2 "
                       "required steps done</b>, %3 steps in all.</p>\n")
            .arg(lab.requiredDoneCount())
            .arg(lab.requiredCount())
            .arg(lab.steps.size())
            .arg(esc(lab.title.isEmpty() ? lab.id : lab.title), esc(lab.id),
                 lab.version.isEmpty() ? QString()
                                       : QStringLiteral(", version %1").arg(esc(lab.version)));
    QList<QPair<QString, QString>> facts;
    if (!lab.user.isEmpty()) {
        facts.append({QStringLiteral("Progress of"), esc(lab.user)});
    }
    facts.append({QStringLiteral("Started"), timeText(lab.startedAt)});
    facts.append({QStringLiteral("Last change"), timeText(lab.updatedAt)});
    if (!lab.progressVersion.isEmpty() && lab.progressVersion != lab.version) {
        facts.append({QStringLiteral("Note"),
                      QStringLiteral("the progress was started with version %1 of the lab")
                          .arg(esc(lab.progressVersion))});
    }
    keyValues(facts);
    tableStart({QStringLiteral("#"), QStringLiteral("Step"), QStringLiteral("Status"),
                QStringLiteral("Verification"), QStringLiteral("Started (UTC)"),
                QStringLiteral("Completed (UTC)")},
               {5, 28, 12, 15, 20, 20});
    int number = 1;
    for (const StepReport &step : lab.steps) {
        QString title = labText(step.title.isEmpty() ? step.id : step.title);
        if (step.optional) {
            title += QStringLiteral(" <i class=\"muted\">(optional)</i>");
        }
        const QString colour = step.status == QLatin1String("done") ? QStringLiteral("#2e7d32")
                                                                    : QStringLiteral("#212121");
        row({QString::number(number++), title,
             QStringLiteral("<span style=\"color:%1\">%2</span>").arg(colour, esc(step.status)),
             checkBadge(step), shortTime(step.startedAt), shortTime(step.completedAt)});
    }
    tableEnd();
    number = 1;
    for (const StepReport &step : lab.steps) {
        m_html += QStringLiteral("<h3>Step %1: %2</h3>\n")
                      .arg(number++)
                      .arg(labText(step.title.isEmpty() ? step.id : step.title));
        QStringList facts2 = {QStringLiteral("<b>Status:</b> %1").arg(esc(step.status))};
        if (step.startedAt.isValid()) {
            facts2 << QStringLiteral("started %1").arg(timeText(step.startedAt));
        }
        if (step.completedAt.isValid()) {
            facts2 << QStringLiteral("completed %1").arg(timeText(step.completedAt));
        }
        if (step.hintCount > 0) {
            facts2 << QStringLiteral("hints revealed: %1 of %2")
                          .arg(step.hintsRevealed)
                          .arg(step.hintCount);
        }
        m_html += QStringLiteral("<p>%1</p>\n").arg(facts2.join(QStringLiteral(" · ")));
        QString verification;
        if (step.checkPassed) {
            verification =
                checkBadge(step) + QStringLiteral(" checked %1").arg(timeText(step.checkedAt));
            if (!*step.checkPassed && !step.checkMissing.isEmpty()) {
                verification += QStringLiteral("<br>Still missing: ") +
                                esc(step.checkMissing.join(QStringLiteral("; ")));
            }
        } else if (step.verifiable) {
            verification = QStringLiteral("<span class=\"muted\">not checked yet</span>");
        } else {
            verification = QStringLiteral("<span class=\"muted\">none: the lab has no automatic "
                                          "check for this step</span>");
        }
        m_html += QStringLiteral("<p><b>Verification:</b> %1</p>\n").arg(verification);
        if (!step.runIds.isEmpty()) {
            m_html +=
                QStringLiteral("<p><b>Benchmark runs:</b> <span class=\"mono\">%1</span></p>\n")
                    .arg(esc(step.runIds.join(QStringLiteral(", "))));
        }
        for (const StepAnswer &answer : step.answers) {
            m_html += QStringLiteral("<p><b>Q:</b> %1</p>\n").arg(labText(answer.question));
            const QString text =
                answer.answer.isEmpty()
                    ? QStringLiteral("<i class=\"muted\">not answered</i>")
                    : esc(answer.answer).replace(QLatin1Char('\n'), QStringLiteral("<br>"));
            if (m_print) {
                m_html +=
                    QStringLiteral("<table width=\"100%\" cellpadding=\"6\" cellspacing=\"0\">"
                                   "<tr><td class=\"answer\" bgcolor=\"#f5f7f8\">%1</td></tr>"
                                   "</table>\n")
                        .arg(text);
            } else {
                m_html += QStringLiteral("<div class=\"answer\">%1</div>\n").arg(text);
            }
        }
    }
}

void Builder::evidenceTable(const bench::Finding &finding)
{
    if (finding.evidence.isEmpty()) {
        return;
    }
    tableStart({QStringLiteral("Item"), QStringLiteral("Observed"), QStringLiteral("Expected")},
               {40, 30, 30});
    const int shown = std::min<int>(static_cast<int>(finding.evidence.size()),
                                    std::max(1, m_options.maxEvidenceRows));
    for (int i = 0; i < shown; ++i) {
        const bench::Evidence &e = finding.evidence[i];
        QString item =
            QStringLiteral("<span class=\"muted\">%1</span> %2").arg(esc(e.kind), esc(e.item));
        if (!e.image.isEmpty()) {
            item +=
                QStringLiteral("<br><span class=\"small muted\">image %1</span>").arg(esc(e.image));
        }
        row({item, QStringLiteral("<span class=\"mono\">%1</span>").arg(orDash(e.observed)),
             QStringLiteral("<span class=\"mono\">%1</span>").arg(orDash(e.expected))});
    }
    tableEnd();
    if (finding.evidence.size() > shown) {
        m_html += QStringLiteral("<p class=\"small muted\">…and %1 more items (%2 in all); the "
                                 "JSON report lists every one.</p>\n")
                      .arg(finding.evidence.size() - shown)
                      .arg(finding.evidence.size());
    }
}

void Builder::findings()
{
    heading(QStringLiteral("sec-findings"), 1, true);
    const bench::Run *run = m_data.current();
    if (!run) {
        m_html += QStringLiteral("<p>No benchmark run is attached.</p>\n");
        return;
    }
    m_html += QStringLiteral("<p>Findings of run <span class=\"mono\">%1</span>, grouped by "
                             "benchmark section. In each section the failing checks come first, "
                             "with their evidence and how to fix them; checks that do not apply "
                             "and passing checks are summarised at the end.</p>\n")
                  .arg(esc(run->id));
    const bench::Catalogue *c = catalogue();
    for (const SectionGroup &group : groupFindings(*run)) {
        heading(sectionAnchor(group.id), 2);
        QStringList passed;
        // Not applicable checks, by why: one line each, not a page of
        // headings that all say "swarm mode is inactive".
        QList<QPair<QString, QStringList>> notApplicable;
        for (const bench::Finding *finding : group.findings) {
            const QString title = checkTitle(finding->checkId);
            if (finding->verdict == Verdict::Pass) {
                passed << esc(finding->checkId);
                continue;
            }
            if (finding->verdict == Verdict::NotApplicable) {
                const QString why = finding->reason.isEmpty() ? finding->summary : finding->reason;
                auto at = std::find_if(notApplicable.begin(), notApplicable.end(),
                                       [&](const auto &entry) { return entry.first == why; });
                if (at == notApplicable.end()) {
                    notApplicable.append({why, {}});
                    at = notApplicable.end() - 1;
                }
                at->second << esc(finding->checkId);
                continue;
            }
            m_html += QStringLiteral("<h3>%1 %2 — %3</h3>\n")
                          .arg(verdictBadge(finding->verdict), esc(finding->checkId),
                               esc(title.isEmpty() ? QStringLiteral("(unknown check)") : title));
            if (!finding->summary.isEmpty()) {
                m_html += QStringLiteral("<p>%1</p>\n").arg(esc(finding->summary));
            }
            if (!finding->reason.isEmpty()) {
                m_html += QStringLiteral("<p class=\"muted\">%1</p>\n").arg(esc(finding->reason));
            }
            evidenceTable(*finding);
            if (finding->verdict == Verdict::Warn || finding->verdict == Verdict::Note) {
                const bench::CheckInfo *info = c ? c->check(finding->checkId) : nullptr;
                if (info && !info->remediation.isEmpty()) {
                    m_html += QStringLiteral("<p><b>Remediation:</b> %1</p>\n")
                                  .arg(esc(info->remediation));
                }
            }
        }
        for (const auto &[why, ids] : notApplicable) {
            m_html += QStringLiteral("<p><span style=\"color:%1; font-weight:bold\">Not applicable "
                                     "(%2):</span> %3%4</p>\n")
                          .arg(verdictColour(Verdict::NotApplicable))
                          .arg(ids.size())
                          .arg(ids.join(QStringLiteral(", ")),
                               why.isEmpty() ? QString() : QStringLiteral(" — ") + esc(why));
        }
        if (!passed.isEmpty()) {
            m_html += QStringLiteral("<p><span style=\"color:#2e7d32; font-weight:bold\">Passed "
                                     "(%1):</span> %2</p>\n")
                          .arg(passed.size())
                          .arg(passed.join(QStringLiteral(", ")));
        }
    }
}

void Builder::comparison()
{
    const bench::Run *before = m_data.previous();
    const bench::Run *after = m_data.current();
    if (!before || !after) {
        return;
    }
    heading(QStringLiteral("sec-compare"), 1, true);
    const bench::Comparison cmp = bench::compareRuns(*before, *after);
    const auto fixed = changesOf(cmp, bench::Change::Fixed);
    const auto appeared = changesOf(cmp, bench::Change::New);
    const auto unchanged = changesOf(cmp, bench::Change::Unchanged);
    const auto changed = changesOf(cmp, bench::Change::Changed);
    m_html += QStringLiteral("<p>Run <span class=\"mono\">%1</span> (before) against <span "
                             "class=\"mono\">%2</span> (after): <b>%3 fixed</b>, <b>%4 new</b>, "
                             "%5 still failing. Score %6 → %7 (<b>%8</b>), %9 → %10.</p>\n")
                  .arg(esc(before->id), esc(after->id))
                  .arg(fixed.size())
                  .arg(appeared.size())
                  .arg(unchanged.size())
                  .arg(before->score.reference)
                  .arg(after->score.reference)
                  .arg(signedNumber(cmp.referenceDelta))
                  .arg(percentText(before->score.percent()), percentText(after->score.percent()));
    m_html += comparisonCaveats(cmp);
    m_html += chart(comparisonBars(*before, *after));
    m_html += QStringLiteral("<p>Items (containers, files, settings) behind the warnings: "
                             "%1 fixed, %2 new, %3 unchanged.</p>\n")
                  .arg(cmp.itemCount(bench::Change::Fixed))
                  .arg(cmp.itemCount(bench::Change::New))
                  .arg(cmp.itemCount(bench::Change::Unchanged));
    const QList<QPair<QString, const QList<const bench::CheckChange *> *>> lists = {
        {QStringLiteral("Fixed"), &fixed},
        {QStringLiteral("New"), &appeared},
        {QStringLiteral("Unchanged (still failing)"), &unchanged},
        {QStringLiteral("Other verdict changes"), &changed},
    };
    for (const auto &[name, changes] : lists) {
        m_html += QStringLiteral("<h3>%1 (%2)</h3>\n").arg(esc(name)).arg(changes->size());
        if (changes->isEmpty()) {
            m_html += QStringLiteral("<p class=\"muted\">None.</p>\n");
            continue;
        }
        tableStart({QStringLiteral("Check"), QStringLiteral("Title"), QStringLiteral("Before"),
                    QStringLiteral("After")},
                   {9, 63, 14, 14});
        for (const bench::CheckChange *change : *changes) {
            row({esc(change->checkId), esc(checkTitle(change->checkId)),
                 optionalVerdict(change->before), optionalVerdict(change->after)});
        }
        tableEnd();
    }
}

void Builder::trust()
{
    heading(QStringLiteral("sec-trust"), 1, true);
    if (!m_data.trustAvailable) {
        m_html += QStringLiteral("<p class=\"muted\">No content-trust history was available "
                                 "when this report was made.</p>\n");
        return;
    }
    if (m_data.trust.isEmpty()) {
        m_html += QStringLiteral("<p>No pulls, runs or inspections were recorded with or without "
                                 "Docker Content Trust.</p>\n");
        return;
    }
    int refused = 0;
    int trusted = 0;
    for (const TrustOutcome &outcome : m_data.trust) {
        refused += outcome.refused ? 1 : 0;
        trusted += outcome.trustEnabled ? 1 : 0;
    }
    m_html += QStringLiteral("<p>%1 recorded (pulls, runs and inspections), %2 with content trust "
                             "on; <b>%3 refused</b>. Each row gives the image as asked for; the "
                             "line below it what it resolved to, who signed it, or why it was "
                             "refused.</p>\n")
                  .arg(m_data.trust.size())
                  .arg(trusted)
                  .arg(refused);
    tableStart({QStringLiteral("When (UTC)"), QStringLiteral("Action"), QStringLiteral("Image"),
                QStringLiteral("Trust"), QStringLiteral("Outcome")},
               {20, 11, 45, 9, 15});
    for (const TrustOutcome &outcome : m_data.trust) {
        QString result;
        if (outcome.refused) {
            result =
                QStringLiteral("<span style=\"color:#c62828; font-weight:bold\">refused</span>");
        } else {
            const QString done = outcome.action == QLatin1String("run") ? QStringLiteral("ran")
                                 : outcome.action == QLatin1String("inspect")
                                     ? QStringLiteral("verified")
                                     : QStringLiteral("pulled");
            result = QStringLiteral("<span style=\"color:#2e7d32; font-weight:bold\">%1</span>")
                         .arg(outcome.trustEnabled || outcome.action != QLatin1String("inspect")
                                  ? done
                                  : QStringLiteral("looked up"));
        }
        row({shortTime(outcome.at),
             esc(outcome.action.isEmpty() ? QStringLiteral("pull") : outcome.action),
             QStringLiteral("<span class=\"mono\">%1</span>").arg(esc(outcome.image)),
             outcome.trustEnabled ? QStringLiteral("on") : QStringLiteral("off"), result});
        QStringList details;
        if (!outcome.reason.isEmpty()) {
            details << QStringLiteral("<b>%1:</b> %2")
                           .arg(outcome.refused ? QStringLiteral("Why") : QStringLiteral("Note"),
                                esc(outcome.reason));
        }
        if (!outcome.digest.isEmpty()) {
            details << QStringLiteral("<b>Digest:</b> <span class=\"mono\">%1</span>")
                           .arg(esc(outcome.digest));
        }
        if (!outcome.signers.isEmpty()) {
            details << QStringLiteral("<b>Signed by:</b> <span class=\"mono\">%1</span>")
                           .arg(esc(outcome.signers.join(QStringLiteral(", "))));
        }
        if (!outcome.trustEnabled && !outcome.refused) {
            details << QStringLiteral("<span class=\"muted\">No signature was checked.</span>");
        }
        if (!details.isEmpty()) {
            m_html +=
                QStringLiteral("<tr><td></td><td colspan=\"4\" class=\"small\">%1</td></tr>\n")
                    .arg(details.join(QStringLiteral("<br>")));
        }
    }
    tableEnd();
}

void Builder::appendix()
{
    heading(QStringLiteral("sec-appendix"), 1, true);
    const bench::Run *run = m_data.current();
    const bench::Run *before = m_data.previous();
    if (!run) {
        m_html += QStringLiteral("<p>No benchmark run is attached.</p>\n");
        return;
    }
    QStringList ids;
    if (const bench::Catalogue *c = catalogue()) {
        ids = c->ids();
    }
    for (const bench::Finding &finding : run->findings) {
        if (!ids.contains(finding.checkId)) {
            ids << finding.checkId;
        }
    }
    QStringList headers = {QStringLiteral("Check"), QStringLiteral("Title")};
    QList<int> widths = {9, 71};
    if (before) {
        headers << QStringLiteral("Before");
        widths = {9, 61, 15};
    }
    headers << QStringLiteral("Verdict");
    widths << 15;
    tableStart(headers, widths);
    for (const QString &id : ids) {
        const bench::Finding *finding = run->finding(id);
        QStringList cells = {esc(id), esc(checkTitle(id))};
        if (before) {
            const bench::Finding *old = before->finding(id);
            cells << (old ? verdictBadge(old->verdict) : QStringLiteral("not run"));
        }
        cells << (finding ? verdictBadge(finding->verdict) : QStringLiteral("not run"));
        row(cells);
    }
    tableEnd();
}

void Builder::integrity()
{
    heading(QStringLiteral("sec-integrity"), 1);
    m_html += QStringLiteral("<p>This report was made from the inputs below. The evidence "
                             "SHA-256 covers their canonical bytes (JSON with sorted keys and no "
                             "whitespace); the sidecar file <span class=\"mono\">"
                             "&lt;report&gt;.evidence.json</span> repeats it with the rule, so "
                             "the inputs can be checked against the student's files.</p>\n");
    m_html += QStringLiteral("<p><b>Evidence SHA-256:</b> <span class=\"mono\">%1</span></p>\n")
                  .arg(evidenceDigest(m_data.inputs));
    if (m_data.inputs.isEmpty()) {
        m_html += QStringLiteral("<p class=\"muted\">No inputs.</p>\n");
        return;
    }
    tableStart({QStringLiteral("Kind"), QStringLiteral("Name"), QStringLiteral("SHA-256")},
               {12, 30, 58});
    for (const EvidenceInput &input : m_data.inputs) {
        row({esc(input.kind), esc(input.name),
             QStringLiteral("<span class=\"mono\">%1</span>").arg(sha256Hex(input.canonical))});
    }
    tableEnd();
}

} // namespace

QList<ContentsEntry> contentsEntries(const ReportData &data)
{
    QList<ContentsEntry> entries;
    int number = 1;
    auto add = [&](const QString &anchor, const QString &title) {
        entries.append({anchor, QStringLiteral("%1 %2").arg(number++).arg(title), 1});
    };
    add(QStringLiteral("sec-environment"), QStringLiteral("Environment"));
    add(QStringLiteral("sec-summary"), QStringLiteral("Summary"));
    if (data.lab) {
        add(QStringLiteral("sec-lab"), QStringLiteral("Lab steps"));
    }
    const int findingsNumber = number;
    add(QStringLiteral("sec-findings"), QStringLiteral("Benchmark findings"));
    if (const bench::Run *run = data.current()) {
        int sub = 1;
        for (const SectionGroup &group : groupFindings(*run)) {
            entries.append({sectionAnchor(group.id),
                            QStringLiteral("%1.%2 Section %3: %4")
                                .arg(findingsNumber)
                                .arg(sub++)
                                .arg(group.id, group.title),
                            2});
        }
    }
    if (data.previous()) {
        add(QStringLiteral("sec-compare"), QStringLiteral("Before and after"));
    }
    add(QStringLiteral("sec-trust"), QStringLiteral("Content trust"));
    entries.append({QStringLiteral("sec-appendix"), QStringLiteral("Appendix A: Every check"), 1});
    entries.append(
        {QStringLiteral("sec-integrity"), QStringLiteral("Appendix B: Evidence and integrity"), 1});
    return entries;
}

QList<Drawing> reportCharts(const ReportData &data)
{
    QList<Drawing> drawings;
    if (const bench::Run *run = data.current()) {
        drawings << verdictDonut(*run) << sectionBars(*run);
        if (const bench::Run *before = data.previous()) {
            drawings << comparisonBars(*before, *run);
        }
    }
    return drawings;
}

QString reportHtml(const ReportData &data, const HtmlOptions &options)
{
    return Builder(data, options).build();
}

} // namespace drydock::report
