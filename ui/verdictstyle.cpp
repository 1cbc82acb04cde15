// SPDX-License-Identifier: GPL-3.0-or-later
#include "verdictstyle.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace drydock::ui {

using bench::Change;
using bench::Verdict;

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("drydock::ui::Verdict", text);
}

} // namespace

const QList<Verdict> &verdictOrder()
{
    static const QList<Verdict> order = {Verdict::Warn, Verdict::Error,         Verdict::Info,
                                         Verdict::Note, Verdict::NotApplicable, Verdict::Pass};
    return order;
}

QColor verdictColor(Verdict verdict)
{
    // Mid tones (about 40-55 % lightness): white text reads on them, and
    // they stand out on a white and on a near-black background.
    switch (verdict) {
    case Verdict::Pass:
        return QColor(0x2e, 0x8b, 0x3e);
    case Verdict::Warn:
        return QColor(0xd3, 0x2f, 0x2f);
    case Verdict::Info:
        return QColor(0x1e, 0x76, 0xc8);
    case Verdict::Note:
        return QColor(0x8e, 0x4d, 0xb5);
    case Verdict::NotApplicable:
        return QColor(0x7a, 0x7f, 0x87);
    case Verdict::Error:
        return QColor(0xd9, 0x6c, 0x00);
    }
    return Qt::gray;
}

QString verdictTitle(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return translate("Pass");
    case Verdict::Warn:
        return translate("Warn");
    case Verdict::Info:
        return translate("Info");
    case Verdict::Note:
        return translate("Note");
    case Verdict::NotApplicable:
        return translate("Not applicable");
    case Verdict::Error:
        return translate("Error");
    }
    return {};
}

QIcon verdictIcon(Verdict verdict)
{
    static QHash<int, QIcon> cache;
    const auto found = cache.constFind(int(verdict));
    if (found != cache.cend()) {
        return *found;
    }
    QIcon icon;
    for (const int size : {12, 16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(verdictColor(verdict));
        const qreal margin = size / 6.0;
        painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
        painter.end();
        icon.addPixmap(pixmap);
    }
    cache.insert(int(verdict), icon);
    return icon;
}

QString verdictBadgeHtml(Verdict verdict)
{
    return QStringLiteral("<span style=\"background-color:%1; color:#ffffff; font-weight:bold;\">"
                          "&nbsp;%2&nbsp;</span>")
        .arg(verdictColor(verdict).name(), bench::verdictLabel(verdict).toHtmlEscaped());
}

QString shortSectionTitle(const QString &sectionId, const QString &title)
{
    // "Docker Daemon Configuration Files" -> "Daemon Files"; "Container
    // Images and Build File Configuration" -> "Container Images".
    QString text = title;
    if (text.startsWith(QLatin1String("Docker "))) {
        text = text.mid(7);
    }
    text.replace(QLatin1String(" Configuration"), QString());
    text.replace(QLatin1String("Configuration "), QString());
    const qsizetype conjunction = text.indexOf(QLatin1String(" and "));
    if (conjunction > 0) {
        text.truncate(conjunction);
    }
    return sectionId + QLatin1Char(' ') + text.trimmed();
}

QString verdictShortTitle(Verdict verdict)
{
    return verdict == Verdict::NotApplicable ? translate("N/A") : verdictTitle(verdict);
}

QColor changeColor(Change change)
{
    switch (change) {
    case Change::Fixed:
        return verdictColor(Verdict::Pass);
    case Change::New:
        return verdictColor(Verdict::Warn);
    case Change::Unchanged:
        return verdictColor(Verdict::NotApplicable);
    case Change::Changed:
        return verdictColor(Verdict::Error);
    }
    return Qt::gray;
}

QString changeTitle(Change change)
{
    switch (change) {
    case Change::Fixed:
        return translate("Fixed");
    case Change::New:
        return translate("New");
    case Change::Unchanged:
        return translate("Unchanged");
    case Change::Changed:
        return translate("Changed");
    }
    return {};
}

} // namespace drydock::ui
