// SPDX-License-Identifier: GPL-3.0-or-later
// Newline-delimited JSON splitting: the same documents whatever the chunk boundaries.
#include "docker/ndjson.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace drydock;
using namespace drydock::docker;
using nlohmann::json;

namespace {

// The documents of a stream, each dumped back to text for comparison.
struct Collected
{
    std::vector<std::string> docs;
    bool feedOk = true;
    bool finishOk = true;
    std::optional<Error> error;
};

// Feeds `chunks` in order, then finish(); stops feeding once a feed fails,
// as the HTTP layer does.
Collected run(const QList<QByteArray> &chunks, qsizetype maxLine = 4 * 1024 * 1024,
              int stopAfter = -1)
{
    Collected out;
    NdjsonSplitter splitter(
        [&out, stopAfter](const json &doc) {
            out.docs.push_back(doc.dump());
            return stopAfter < 0 || int(out.docs.size()) < stopAfter;
        },
        maxLine);
    for (const QByteArray &chunk : chunks) {
        if (!splitter.feed(chunk)) {
            out.feedOk = false;
            break;
        }
    }
    out.finishOk = splitter.finish();
    if (splitter.failed()) {
        out.error = splitter.error();
    }
    return out;
}

std::vector<std::string> dumped(const QList<QByteArray> &lines)
{
    std::vector<std::string> docs;
    for (const QByteArray &line : lines) {
        docs.push_back(json::parse(line.toStdString()).dump());
    }
    return docs;
}

QString describe(const Collected &c)
{
    QStringList parts;
    for (const std::string &doc : c.docs) {
        parts.append(QString::fromStdString(doc));
    }
    return parts.join(QLatin1Char('|')) +
           (c.error ? QStringLiteral(" error: ") + c.error->message : QString());
}

// A stream like a pull's: progress objects, nested values, unicode, an
// escaped newline inside a string, a number document.
const QList<QByteArray> kDocs = {
    R"({"status":"Pulling from library/busybox","id":"latest"})",
    R"({"status":"Downloading","progressDetail":{"current":1024,"total":772788},"id":"5cc84ad355aa"})",
    R"({"status":"Stra\u00dfe \n escaped","id":"ü☂"})",
    R"([1,2,{"a":null}])",
    R"({"status":"Digest: sha256:0000000000000000000000000000000000000000000000000000000000000000"})",
};

QByteArray joined(const QList<QByteArray> &lines, const QByteArray &separator)
{
    QByteArray out;
    for (const QByteArray &line : lines) {
        out += line + separator;
    }
    return out;
}

} // namespace

class TestNdjson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTwoChunkSplit_data()
    {
        QTest::addColumn<QByteArray>("stream");
        // Rule: LF-terminated lines.
        QTest::newRow("LF") << joined(kDocs, "\n");
        // Rule: CRLF is a line end too (the CR is not part of the document).
        QTest::newRow("CRLF") << joined(kDocs, "\r\n");
        // Rule: blank and whitespace-only lines are skipped.
        QTest::newRow("blank lines") << QByteArray("\n\n") + joined(kDocs, "\n \t\n\r\n");
        // Rule: a last line without newline is still a document (finish()).
        QTest::newRow("last line without newline") << joined(kDocs, "\n").chopped(1);
    }

    void everyTwoChunkSplit()
    {
        QFETCH(QByteArray, stream);
        const auto expected = dumped(kDocs);
        // Every cut position, including splits inside multi-byte UTF-8 characters.
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            const Collected got = run({stream.left(cut), stream.mid(cut)});
            QVERIFY2(got.feedOk && got.finishOk && !got.error,
                     qPrintable(QStringLiteral("cut %1: %2").arg(cut).arg(describe(got))));
            QVERIFY2(got.docs == expected,
                     qPrintable(QStringLiteral("cut %1: %2").arg(cut).arg(describe(got))));
        }
    }

    void everyThreeChunkSplit()
    {
        // Two cuts at every pair of positions: a line may span three chunks.
        const QByteArray stream = joined(kDocs.mid(0, 3), "\r\n");
        const auto expected = dumped(kDocs.mid(0, 3));
        for (qsizetype a = 0; a <= stream.size(); ++a) {
            for (qsizetype b = a; b <= stream.size(); ++b) {
                const Collected got = run({stream.left(a), stream.mid(a, b - a), stream.mid(b)});
                if (got.docs != expected || got.error) {
                    QFAIL(qPrintable(
                        QStringLiteral("cuts %1,%2: %3").arg(a).arg(b).arg(describe(got))));
                }
            }
        }
    }

    void oneByteChunks()
    {
        const QByteArray stream = joined(kDocs, "\r\n");
        QList<QByteArray> chunks;
        for (qsizetype i = 0; i < stream.size(); ++i) {
            chunks.append(stream.mid(i, 1));
        }
        const Collected got = run(chunks);
        QVERIFY2(got.feedOk && got.finishOk && !got.error, qPrintable(describe(got)));
        QVERIFY(got.docs == dumped(kDocs));
    }

    void emptyStream()
    {
        // No bytes at all, or only blank lines: no documents, no error.
        for (const QByteArray &stream : {QByteArray(), QByteArray("\n\r\n  \n")}) {
            const Collected got = run({stream});
            QVERIFY(got.docs.empty());
            QVERIFY(got.feedOk && got.finishOk && !got.error);
        }
    }

    void malformedLine_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("goodBefore");
        // Rule: a line that is not JSON ends the stream with a Protocol error.
        QTest::newRow("garbage line in the middle") << QByteArray(R"({"a":1})"
                                                                  "\nnot json at all\n"
                                                                  R"({"b":2})"
                                                                  "\n")
                                                    << 1;
        // Rule: a truncated object at a line end is malformed too.
        QTest::newRow("truncated object") << QByteArray("{\"a\":1}\n{\"b\":\n{\"c\":3}\n") << 1;
        // Rule: a malformed last line (no newline) is reported by finish().
        QTest::newRow("malformed last line") << QByteArray("{\"a\":1}\n{\"b\":2") << 1;
        // Rule: two documents on one line are not one document.
        QTest::newRow("two documents on one line") << QByteArray("{\"a\":1}{\"b\":2}\n") << 0;
    }

    void malformedLine()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, goodBefore);
        for (const int chunkSize : {1, 3, int(stream.size())}) {
            QList<QByteArray> chunks;
            for (qsizetype i = 0; i < stream.size(); i += chunkSize) {
                chunks.append(stream.mid(i, chunkSize));
            }
            const Collected got = run(chunks);
            QVERIFY2(got.error.has_value(), qPrintable(describe(got)));
            QCOMPARE(got.error->kind, ErrorKind::Protocol);
            QVERIFY2(got.error->message.contains(QLatin1String("not JSON")),
                     qPrintable(got.error->message));
            QCOMPARE(int(got.docs.size()), goodBefore);
            QVERIFY(!got.finishOk);
        }
    }

    void malformedLineStopsLaterFeeds()
    {
        // After an error nothing more is delivered, even valid lines.
        int calls = 0;
        NdjsonSplitter splitter([&calls](const json &) {
            ++calls;
            return true;
        });
        QVERIFY(!splitter.feed("oops\n"));
        QVERIFY(splitter.failed());
        QVERIFY(!splitter.feed("{\"a\":1}\n"));
        QVERIFY(!splitter.finish());
        QCOMPARE(calls, 0);
    }

    void overLongLine_data()
    {
        QTest::addColumn<int>("chunkSize");
        // Rule: the limit holds however the line arrives: whole, or in pieces.
        QTest::newRow("whole line in one chunk") << 0;
        QTest::newRow("1-byte chunks") << 1;
        QTest::newRow("7-byte chunks") << 7;
    }

    void overLongLine()
    {
        QFETCH(int, chunkSize);
        const qsizetype limit = 64;
        const QByteArray longLine =
            QByteArray("{\"status\":\"") + QByteArray(100, 'x') + QByteArray("\"}\n");
        const QByteArray stream = QByteArray("{\"ok\":1}\n") + longLine + "{\"after\":1}\n";
        const int size = chunkSize == 0 ? int(stream.size()) : chunkSize;
        QList<QByteArray> chunks;
        for (qsizetype i = 0; i < stream.size(); i += size) {
            chunks.append(stream.mid(i, size));
        }
        const Collected got = run(chunks, limit);
        QVERIFY2(got.error.has_value(), qPrintable(describe(got)));
        QCOMPARE(got.error->kind, ErrorKind::Protocol);
        QVERIFY2(got.error->message.contains(QString::number(limit)),
                 qPrintable(got.error->message));
        QCOMPARE(int(got.docs.size()), 1);
        QVERIFY(!got.feedOk);
    }

    void lineAtTheLimitPasses()
    {
        // Exactly maxLineBytes is allowed; the limit is on longer lines.
        const QByteArray line = QByteArray("{\"s\":\"") + QByteArray(56, 'y') + QByteArray("\"}");
        QCOMPARE(line.size(), 64);
        const Collected got = run({line + "\n", line}, 64);
        QVERIFY2(!got.error, qPrintable(describe(got)));
        QCOMPARE(int(got.docs.size()), 2);
    }

    void handlerStops_data()
    {
        QTest::addColumn<int>("chunkSize");
        // Rule: once the handler returns false no later line reaches it, whether
        // the rest was in the same chunk or arrives in later ones, and finish()
        // does not deliver what was pending.
        QTest::newRow("one chunk") << 0;
        QTest::newRow("1-byte chunks") << 1;
        QTest::newRow("5-byte chunks") << 5;
    }

    void handlerStops()
    {
        QFETCH(int, chunkSize);
        const QByteArray stream = joined(kDocs, "\n").chopped(1);
        const int size = chunkSize == 0 ? int(stream.size()) : chunkSize;
        int calls = 0;
        NdjsonSplitter splitter([&calls](const json &) { return ++calls < 2; });
        bool stopped = false;
        for (qsizetype i = 0; i < stream.size(); i += size) {
            if (!splitter.feed(stream.mid(i, size))) {
                stopped = true;
                // A caller that keeps feeding anyway still gets nothing more.
            }
        }
        QVERIFY(stopped);
        QVERIFY(!splitter.finish());
        QVERIFY(!splitter.failed()); // stopping is not an error
        QVERIFY(splitter.stopped());
        QCOMPARE(calls, 2);
    }
};

QTEST_GUILESS_MAIN(TestNdjson)
#include "tst_ndjson.moc"
