// SPDX-License-Identifier: GPL-3.0-or-later
// printable(): which characters may reach a terminal as themselves.
#include "util/printable.h"

#include <QTest>

using namespace drydock;

class TestPrintable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void printable_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("keepBreaks");
        QTest::addColumn<QString>("expected");

        const QString r = QString(QChar(0xfffd));
        // Rule: ordinary text, accents and symbols pass unchanged.
        QTest::newRow("plain") << QStringLiteral("Run it? é → ✓") << false
                               << QStringLiteral("Run it? é → ✓");
        // Rule: ESC is replaced, so a CSI sequence shows as text and does nothing.
        QTest::newRow("CSI hidden text") << QStringLiteral("title\x1b[8m") << false
                                         << QStringLiteral("title") + r + QStringLiteral("[8m");
        // Rule: an OSC sequence loses both its ESC and its BEL terminator.
        QTest::newRow("OSC title")
            << QStringLiteral("\x1b]0;pwned\x07") << false << r + QStringLiteral("]0;pwned") + r;
        // Rule: DEL and the C1 controls (0x9b is a one-byte CSI) are replaced.
        QTest::newRow("DEL and C1")
            << QStringLiteral("a\x7f b\u009b2J c\u0085") << false
            << QStringLiteral("a") + r + QStringLiteral(" b") + r + QStringLiteral("2J c") + r;
        // Rule: bidi overrides and isolates are replaced; neighbours are not.
        QTest::newRow("bidi") << QStringLiteral("\u202a\u202e\u2066\u2069\u2029\u2070") << false
                              << r + r + r + r + QStringLiteral("\u2029\u2070");
        // Rule: one-line text loses its line breaks and tabs.
        QTest::newRow("one line") << QStringLiteral("a\nb\tc") << false
                                  << QStringLiteral("a") + r + QStringLiteral("b") + r +
                                         QStringLiteral("c");
        // Rule: multi-line text keeps \n and \t but never \r, which would
        // let a line be overwritten.
        QTest::newRow("multi-line") << QStringLiteral("a\nb\tc\rd") << true
                                    << QStringLiteral("a\nb\tc") + r + QStringLiteral("d");
        // Rule: NUL is a control character like the others.
        QTest::newRow("nul") << QString(QChar(0)) << true << r;
    }

    void printable()
    {
        QFETCH(QString, text);
        QFETCH(bool, keepBreaks);
        QFETCH(QString, expected);
        QCOMPARE(drydock::printable(text, keepBreaks ? LineBreaks::Keep : LineBreaks::Replace),
                 expected);
    }
};

QTEST_GUILESS_MAIN(TestPrintable)
#include "tst_printable.moc"
