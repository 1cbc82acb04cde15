// SPDX-License-Identifier: GPL-3.0-or-later
// The position-tracking JSON parser: positions of values and keys, syntax
// errors with their place, and agreement with nlohmann's own parser.
#include "labs/jsonlocator.h"

#include <QTest>

using namespace drydock::labs;

class TestJsonLocator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void positions_data();
    void positions();
    void keyPositions();
    void syntaxErrors_data();
    void syntaxErrors();
    void agreesWithNlohmann_data();
    void agreesWithNlohmann();
    void duplicateKeysKeepTheFirst();
    void displayPaths_data();
    void displayPaths();
};

void TestJsonLocator::positions_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    const QByteArray doc = "{\n  \"a\": [1, {\"b\": true}],\n\t\"c\": \"x\"\n}";
    // Rule: the root starts at 1:1.
    QTest::newRow("root") << doc << QString() << 1 << 1;
    // Rule: a value's position is where its first character is.
    QTest::newRow("array value") << doc << QStringLiteral("/a") << 2 << 8;
    QTest::newRow("array item") << doc << QStringLiteral("/a/0") << 2 << 9;
    QTest::newRow("nested object member") << doc << QStringLiteral("/a/1/b") << 2 << 18;
    // Rule: a tab is one column, like any other character.
    QTest::newRow("after a tab") << doc << QStringLiteral("/c") << 3 << 7;
    // Rule: columns count characters, not bytes: "é" is two bytes, one column.
    QTest::newRow("after multibyte text")
        << QByteArray("{\"k\": \"\xC3\xA9\xC3\xA9\", \"n\": 1}") << QStringLiteral("/n") << 1 << 18;
    // Rule: CRLF line ends count as one line break.
    QTest::newRow("crlf") << QByteArray("{\r\n\"x\":\r\n 5}") << QStringLiteral("/x") << 3 << 2;
    // Rule: a UTF-8 byte order mark is skipped and takes no column.
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF{\"x\": 1}") << QStringLiteral("/x") << 1 << 7;
    // Rule: a missing member falls back to the nearest existing ancestor.
    QTest::newRow("missing falls back") << doc << QStringLiteral("/a/1/zz") << 2 << 12;
    // Rule: keys with '/' and '~' are escaped in pointers (RFC 6901).
    QTest::newRow("escaped key") << QByteArray("{\"a/b~\": 1}") << QStringLiteral("/a~1b~0") << 1
                                 << 10;
}

void TestJsonLocator::positions()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, pointer);
    QFETCH(int, line);
    QFETCH(int, column);
    const LocatedJson located = parseLocatedJson(text);
    QVERIFY2(located.ok(),
             qPrintable(located.syntaxError ? located.syntaxError->message : QString()));
    const SourcePos pos = located.valuePos(pointer);
    QCOMPARE(pos.line, line);
    QCOMPARE(pos.column, column);
}

void TestJsonLocator::keyPositions()
{
    const LocatedJson located = parseLocatedJson("{\n  \"first\": 1,\n    \"second\": {}\n}");
    QVERIFY(located.ok());
    QCOMPARE(located.keyPos(QStringLiteral("/first")), (SourcePos{2, 3}));
    QCOMPARE(located.keyPos(QStringLiteral("/second")), (SourcePos{3, 5}));
    QCOMPARE(located.valuePos(QStringLiteral("/second")), (SourcePos{3, 15}));
}

void TestJsonLocator::syntaxErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    // Rule: a trailing comma is reported where the next field name should be.
    QTest::newRow("trailing comma") << QByteArray("{\n  \"a\": 1,\n}") << 3 << 1
                                    << QStringLiteral("expected a field name in double quotes, "
                                                      "found '}'");
    // Rule: an unclosed string is reported at its opening quote.
    QTest::newRow("unclosed string") << QByteArray("{\"a\": \"abc") << 1 << 7
                                     << QStringLiteral("string not closed before the end of the "
                                                       "file");
    QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << 1 << 6
                                   << QStringLiteral("expected ':' after the field name, found "
                                                     "'1'");
    QTest::newRow("bad literal") << QByteArray("[tru]") << 1 << 2
                                 << QStringLiteral("invalid literal; expected true");
    QTest::newRow("leading zero") << QByteArray("[01]") << 1 << 3
                                  << QStringLiteral("expected ',' or ']' in a list, found '1'");
    QTest::newRow("trailing garbage") << QByteArray("{} x") << 1 << 4
                                      << QStringLiteral("unexpected 'x' after the end of the JSON "
                                                        "value");
    QTest::newRow("empty") << QByteArray("  \n") << 2 << 1
                           << QStringLiteral("the file is empty; a lab is one JSON object");
    // Rule: raw control characters inside strings are refused (RFC 8259).
    QTest::newRow("control char") << QByteArray("[\"a\tb\"]") << 1 << 4
                                  << QStringLiteral("control character in a string (write it as "
                                                    "an escape, such as \\n)");
    // Rule: invalid UTF-8 is refused, not passed on to the window.
    QTest::newRow("invalid utf8") << QByteArray("[\"\xC3\x28\"]") << 1 << 3
                                  << QStringLiteral("invalid UTF-8 in a string");
    QTest::newRow("lone surrogate") << QByteArray("[\"\\uD800x\"]") << 1 << 9
                                    << QStringLiteral("lone UTF-16 surrogate in a \\u escape");
    // Rule: nesting is bounded, so a hostile file cannot exhaust the stack.
    QTest::newRow("too deep") << QByteArray(100, '[') << 1 << 65
                              << QStringLiteral("nesting deeper than 64 levels");
}

void TestJsonLocator::syntaxErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const LocatedJson located = parseLocatedJson(text);
    QVERIFY(!located.ok());
    QCOMPARE(located.syntaxError->message, message);
    QCOMPARE(located.syntaxError->pos.line, line);
    QCOMPARE(located.syntaxError->pos.column, column);
}

void TestJsonLocator::agreesWithNlohmann_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("scalars") << QByteArray("[1, -2, 3.5, -0.25e2, 1E3, true, false, null, \"s\"]");
    QTest::newRow("escapes") << QByteArray("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"]");
    QTest::newRow("big integers") << QByteArray("[9223372036854775807, 92233720368547758070]");
    QTest::newRow("nested") << QByteArray(
        "{\"a\": {\"b\": [[], {}, [{\"c\": \"\xE2\x82\xAC\"}]]}}");
}

void TestJsonLocator::agreesWithNlohmann()
{
    QFETCH(QByteArray, text);
    const LocatedJson located = parseLocatedJson(text);
    QVERIFY(located.ok());
    const auto reference = nlohmann::json::parse(text.constData());
    QCOMPARE(QString::fromStdString(located.value.dump()),
             QString::fromStdString(reference.dump()));
}

void TestJsonLocator::duplicateKeysKeepTheFirst()
{
    const LocatedJson located = parseLocatedJson("{\"a\": 1,\n \"a\": 2}");
    QVERIFY(located.ok());
    QCOMPARE(located.value["a"].get<int>(), 1);
    QCOMPARE(located.duplicateKeys.size(), 1);
    QCOMPARE(located.duplicateKeys.first().pointer, QStringLiteral("/a"));
    QCOMPARE(located.duplicateKeys.first().pos, (SourcePos{2, 2}));
    QCOMPARE(located.valuePos(QStringLiteral("/a")), (SourcePos{1, 7}));
}

void TestJsonLocator::displayPaths_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("display");
    QTest::newRow("root") << QString() << QStringLiteral("(top level)");
    QTest::newRow("field") << QStringLiteral("/title") << QStringLiteral("title");
    QTest::newRow("indexes") << QStringLiteral("/steps/2/actions/0/type")
                             << QStringLiteral("steps[2].actions[0].type");
    QTest::newRow("escaped") << QStringLiteral("/labels/a~1b") << QStringLiteral("labels.a/b");
}

void TestJsonLocator::displayPaths()
{
    QFETCH(QString, pointer);
    QFETCH(QString, display);
    QCOMPARE(displayPath(pointer), display);
}

QTEST_GUILESS_MAIN(TestJsonLocator)
#include "tst_jsonlocator.moc"
