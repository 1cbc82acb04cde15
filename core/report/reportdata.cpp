// SPDX-License-Identifier: GPL-3.0-or-later
// The report model's small helpers: names, verdict counts, run comparison.
#include "reportdata.h"

#include "bench/catalogue.h"

#include <QHash>

#include <algorithm>

namespace drydock::report {

using bench::Verdict;

QString formatName(Format format)
{
    switch (format) {
    case Format::Pdf:
        return QStringLiteral("pdf");
    case Format::Html:
        return QStringLiteral("html");
    case Format::Json:
        return QStringLiteral("json");
    }
    return QStringLiteral("pdf");
}

std::optional<Format> formatFromName(const QString &name)
{
    for (const Format format : {Format::Pdf, Format::Html, Format::Json}) {
        if (formatName(format) == name.toLower()) {
            return format;
        }
    }
    return std::nullopt;
}

QString pageSizeName(PageSize size)
{
    return size == PageSize::Letter ? QStringLiteral("letter") : QStringLiteral("a4");
}

std::optional<PageSize> pageSizeFromName(const QString &name)
{
    const QString lower = name.toLower();
    if (lower == QLatin1String("a4")) {
        return PageSize::A4;
    }
    if (lower == QLatin1String("letter")) {
        return PageSize::Letter;
    }
    return std::nullopt;
}

bool isFailing(Verdict verdict)
{
    return verdict == Verdict::Warn;
}

int VerdictCounts::of(Verdict verdict) const
{
    switch (verdict) {
    case Verdict::Pass:
        return pass;
    case Verdict::Warn:
        return warn;
    case Verdict::Info:
        return info;
    case Verdict::Note:
        return note;
    case Verdict::NotApplicable:
        return notApplicable;
    case Verdict::Error:
        return error;
    }
    return 0;
}

VerdictCounts countVerdicts(const bench::Run &run)
{
    VerdictCounts counts;
    for (const bench::Finding &finding : run.findings) {
        switch (finding.verdict) {
        case Verdict::Pass:
            ++counts.pass;
            break;
        case Verdict::Warn:
            ++counts.warn;
            break;
        case Verdict::Info:
            ++counts.info;
            break;
        case Verdict::Note:
            ++counts.note;
            break;
        case Verdict::NotApplicable:
            ++counts.notApplicable;
            break;
        case Verdict::Error:
            ++counts.error;
            break;
        }
    }
    return counts;
}

QList<SectionCounts> countSections(const bench::Run &run)
{
    QList<SectionCounts> sections;
    QHash<QString, qsizetype> index;
    const auto &catalogue = bench::builtinCatalogue();
    if (catalogue.ok()) {
        for (const bench::SectionInfo &info : catalogue->sections()) {
            index.insert(info.id, sections.size());
            sections.append(SectionCounts{info.id, info.title, 0, 0, 0});
        }
    }
    for (const bench::Finding &finding : run.findings) {
        const QString section = bench::sectionOfCheckId(finding.checkId);
        auto at = index.find(section);
        if (at == index.end()) {
            at = index.insert(section, sections.size());
            sections.append(
                SectionCounts{section, QStringLiteral("Section %1").arg(section), 0, 0, 0});
        }
        SectionCounts &counts = sections[*at];
        if (finding.verdict == Verdict::Pass) {
            ++counts.pass;
        } else if (isFailing(finding.verdict)) {
            ++counts.warn;
        } else {
            ++counts.other;
        }
    }
    sections.removeIf([](const SectionCounts &s) { return s.pass + s.warn + s.other == 0; });
    return sections;
}

int LabReport::doneCount() const
{
    return static_cast<int>(std::count_if(steps.begin(), steps.end(), [](const StepReport &s) {
        return s.status == QLatin1String("done");
    }));
}

int LabReport::requiredCount() const
{
    return static_cast<int>(
        std::count_if(steps.begin(), steps.end(), [](const StepReport &s) { return !s.optional; }));
}

int LabReport::requiredDoneCount() const
{
    return static_cast<int>(std::count_if(steps.begin(), steps.end(), [](const StepReport &s) {
        return !s.optional && s.status == QLatin1String("done");
    }));
}

QString reportTitle(const ReportData &data)
{
    if (!data.meta.labTitle.isEmpty()) {
        return data.meta.labTitle;
    }
    if (data.lab && !data.lab->title.isEmpty()) {
        return data.lab->title;
    }
    return QStringLiteral("Container security lab");
}

} // namespace drydock::report
