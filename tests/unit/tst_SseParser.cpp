#include "provider/SseParser.h"
#include "provider/StreamChunk.h"

#include <QTest>

using namespace Consilium;
using namespace Qt::StringLiterals;

namespace {

// The events and comment count of a whole stream, from every feed() and finish().
struct StreamResult
{
    QList<SseEvent> events;
    int comments = 0;
};

void append(StreamResult &result, const SseBatch &batch)
{
    result.events += batch.events;
    result.comments += batch.comments;
}

// Feeds each element of `reads` as one network read, then ends the stream.
StreamResult parseReads(const QByteArrayList &reads)
{
    SseParser parser;
    StreamResult result;
    for (const QByteArray &read : reads)
        append(result, parser.feed(read));
    append(result, parser.finish());
    return result;
}

StreamResult parseWhole(const QByteArray &stream)
{
    return parseReads({stream});
}

StreamResult parseByteByByte(const QByteArray &stream)
{
    QByteArrayList reads;
    for (qsizetype i = 0; i < stream.size(); ++i)
        reads.append(stream.mid(i, 1));
    return parseReads(reads);
}

QByteArrayList dataOf(const QList<SseEvent> &events)
{
    QByteArrayList data;
    for (const SseEvent &event : events)
        data.append(event.data);
    return data;
}

// One line per event with every field, so that QCOMPARE on two lists shows
// the first event that differs.
QByteArrayList describe(const QList<SseEvent> &events)
{
    QByteArrayList lines;
    for (const SseEvent &event : events)
        lines.append("event=" + event.event + " id=" + event.id + " data=" + event.data);
    return lines;
}

const QByteArray kHiChunk = QByteArrayLiteral(
    R"({"id":"gen-X","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]})");
const QByteArray kStopChunk = QByteArrayLiteral(
    R"({"id":"gen-X","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})");

// A stream that mixes comments, CRLF, a lone CR, multi-line data, event and
// id fields and multi-byte UTF-8, used to check that read boundaries never
// change the result.
const QByteArray kMixedStream = QByteArrayLiteral(
    ": OPENROUTER PROCESSING\n\n"
    "event: message\r\nid: 1\r\ndata: {\"a\":1}\r\n\r\n"
    "data: first\rdata:second\r\r"
    ":ping\n"
    "data: \xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x8C\x8D\n\n"
    "retry: 500\ndata: [DONE]\n\n");

} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepAliveCommentsCounted_data();
    void keepAliveCommentsCounted();
    void keepAliveStreamGivesText_data();
    void keepAliveStreamGivesText();
    void dataFieldSpaceOptional_data();
    void dataFieldSpaceOptional();
    void dataLinesJoinedWithLf();
    void eventAndIdFields();
    void idWithNulIgnored();
    void unknownFieldsIgnored();
    void blankLinesWithoutData();
    void leadingBomIgnored_data();
    void leadingBomIgnored();
    void lineEndings_data();
    void lineEndings();
    void lineEndingsByteByByte_data();
    void lineEndingsByteByByte();
    void everySplitPointSameResult();
    void everyPairOfSplitPoints();
    void utf8SplitKeptWhole();
    void finishDispatchesUnterminated_data();
    void finishDispatchesUnterminated();
    void finishWithoutFinishReason();
    void finishOnEmptyStream();
    void partialEventTracked();
    void overlongLineOverflows();
    void lineAtLimitAccepted();
};

void TestSseParser::keepAliveCommentsCounted_data()
{
    QTest::addColumn<QByteArray>("comment");

    QTest::newRow("openrouter processing") << QByteArrayLiteral(": OPENROUTER PROCESSING");
    QTest::newRow("bare colon") << QByteArrayLiteral(":");
    QTest::newRow("ping") << QByteArrayLiteral(":ping");
}

void TestSseParser::keepAliveCommentsCounted()
{
    QFETCH(QByteArray, comment);
    const QByteArray stream = comment + "\n\n" + comment + "\n\n"
                              + "data: " + kHiChunk + "\n\n"
                              + "data: " + kStopChunk + "\n\n"
                              + "data: [DONE]\n\n";

    const StreamResult result = parseWhole(stream);

    QCOMPARE(result.comments, 2);
    QCOMPARE(dataOf(result.events), QByteArrayList({kHiChunk, kStopChunk, QByteArrayLiteral("[DONE]")}));
}

void TestSseParser::keepAliveStreamGivesText_data()
{
    QTest::addColumn<QByteArray>("keepAlive");
    QTest::addColumn<int>("expectedComments");
    QTest::addColumn<int>("expectedKeepAliveChunks");

    QTest::newRow("comment line") << QByteArrayLiteral(": OPENROUTER PROCESSING\n\n") << 2 << 0;
    QTest::newRow("comment wrapped in data by a proxy")
        << QByteArrayLiteral("data: : OPENROUTER PROCESSING\n\n") << 0 << 2;
}

void TestSseParser::keepAliveStreamGivesText()
{
    QFETCH(QByteArray, keepAlive);
    QFETCH(int, expectedComments);
    QFETCH(int, expectedKeepAliveChunks);
    const QByteArray stream = keepAlive + keepAlive
                              + "data: " + kHiChunk + "\n\n"
                              + "data: " + kStopChunk + "\n\n"
                              + "data: [DONE]\n\n";

    const StreamResult result = parseWhole(stream);
    QCOMPARE(result.comments, expectedComments);
    QCOMPARE(result.events.size(), 3 + expectedKeepAliveChunks);
    QCOMPARE(result.events.last().data, QByteArrayLiteral("[DONE]"));

    QString text;
    std::optional<QString> finishReason;
    int keepAliveChunks = 0;
    for (qsizetype i = 0; i + 1 < result.events.size(); ++i) {
        const Result<StreamChunk> chunk = parseChatChunk(result.events.at(i).data);
        QVERIFY2(chunk.ok(), qPrintable(chunk.error()));
        QVERIFY(!chunk->error.isError());
        if (chunk->isKeepAlive)
            ++keepAliveChunks;
        text += chunk->content;
        if (chunk->finishReason)
            finishReason = chunk->finishReason;
    }
    QCOMPARE(keepAliveChunks, expectedKeepAliveChunks);
    QCOMPARE(text, u"Hi");
    QCOMPARE(finishReason, std::optional<QString>(u"stop"_s));
}

void TestSseParser::dataFieldSpaceOptional_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QByteArray>("expectedData");

    QTest::newRow("with space") << QByteArrayLiteral("data: x\n\n") << QByteArrayLiteral("x");
    QTest::newRow("without space") << QByteArrayLiteral("data:x\n\n") << QByteArrayLiteral("x");
    QTest::newRow("only the first space removed")
        << QByteArrayLiteral("data:  x\n\n") << QByteArrayLiteral(" x");
    QTest::newRow("colon kept in value")
        << QByteArrayLiteral("data: a:b\n\n") << QByteArrayLiteral("a:b");
    QTest::newRow("no colon means empty value") << QByteArrayLiteral("data\n\n") << QByteArray();
}

void TestSseParser::dataFieldSpaceOptional()
{
    QFETCH(QByteArray, stream);
    QFETCH(QByteArray, expectedData);

    const StreamResult result = parseWhole(stream);

    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.first().data, expectedData);
}

void TestSseParser::dataLinesJoinedWithLf()
{
    const StreamResult result = parseWhole(QByteArrayLiteral("data: {\"a\":\ndata: 1}\ndata:\n\n"));

    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.first().data, QByteArrayLiteral("{\"a\":\n1}\n"));
}

void TestSseParser::eventAndIdFields()
{
    const StreamResult result = parseWhole(QByteArrayLiteral(
        "event: error\nid: 42\ndata: first\n\n"
        "data: second\n\n"));

    QCOMPARE(result.events.size(), 2);
    QCOMPARE(result.events.at(0).event, QByteArrayLiteral("error"));
    QCOMPARE(result.events.at(0).id, QByteArrayLiteral("42"));
    QCOMPARE(result.events.at(0).data, QByteArrayLiteral("first"));
    // The event type applies to one event only, the last id to all that follow.
    QCOMPARE(result.events.at(1).event, QByteArray());
    QCOMPARE(result.events.at(1).id, QByteArrayLiteral("42"));
}

void TestSseParser::idWithNulIgnored()
{
    const QByteArray stream = QByteArrayLiteral("id: 7\ndata: a\n\n") + QByteArray("id: 8\0x\n", 8)
                              + QByteArrayLiteral("data: b\n\n");

    const StreamResult result = parseWhole(stream);

    QCOMPARE(result.events.size(), 2);
    QCOMPARE(result.events.at(1).id, QByteArrayLiteral("7"));
}

void TestSseParser::unknownFieldsIgnored()
{
    const StreamResult result = parseWhole(QByteArrayLiteral(
        "retry: 1000\nfoo: bar\nDATA: upper case is another field\ndata: kept\nbaz\n\n"));

    QCOMPARE(result.comments, 0);
    QCOMPARE(dataOf(result.events), QByteArrayList({QByteArrayLiteral("kept")}));
}

void TestSseParser::blankLinesWithoutData()
{
    const StreamResult result = parseWhole(QByteArrayLiteral("\n\n\r\n\revent: x\nid: 3\n\n"));

    QCOMPARE(result.events.size(), 0);
    QCOMPARE(result.comments, 0);
}

void TestSseParser::leadingBomIgnored_data()
{
    QTest::addColumn<QByteArrayList>("reads");

    QTest::newRow("bom in first read")
        << QByteArrayList({QByteArrayLiteral("\xEF\xBB\xBF" "data: x\n\n")});
    QTest::newRow("bom split across reads")
        << QByteArrayList({QByteArrayLiteral("\xEF"), QByteArrayLiteral("\xBB\xBF" "data: x\n\n")});
}

void TestSseParser::leadingBomIgnored()
{
    // The WHATWG event stream format ignores one U+FEFF at the start of the stream.
    QFETCH(QByteArrayList, reads);

    const StreamResult result = parseReads(reads);

    QCOMPARE(dataOf(result.events), QByteArrayList({QByteArrayLiteral("x")}));
}

void TestSseParser::lineEndings_data()
{
    QTest::addColumn<QByteArrayList>("reads");

    QTest::newRow("crlf with cr at end of read")
        << QByteArrayList({QByteArrayLiteral("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}\r"),
                           QByteArrayLiteral("\n\r\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"}}]}\r\n\r\ndata: [DONE]\r\n\r\n")});
    QTest::newRow("bare cr")
        << QByteArrayList({QByteArrayLiteral("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}\r"),
                           QByteArrayLiteral("\rdata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"}}]}\r\rdata: [DONE]\r\r")});
    QTest::newRow("lf")
        << QByteArrayList({QByteArrayLiteral("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}\n\n"
                                             "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"}}]}\n\ndata: [DONE]\n\n")});
    QTest::newRow("mixed in one read")
        << QByteArrayList({QByteArrayLiteral("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}\r\n\n"
                                             "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"}}]}\r\r\ndata: [DONE]\n\r")});
    QTest::newRow("cr then empty read then lf")
        << QByteArrayList({QByteArrayLiteral("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}\r"),
                           QByteArray(),
                           QByteArrayLiteral("\n\r\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"}}]}\r\n\r\ndata: [DONE]\r\n\r\n")});
}

void TestSseParser::lineEndings()
{
    QFETCH(QByteArrayList, reads);

    const StreamResult result = parseReads(reads);

    QCOMPARE(dataOf(result.events),
             QByteArrayList({QByteArrayLiteral("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}"),
                             QByteArrayLiteral("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"}}]}"),
                             QByteArrayLiteral("[DONE]")}));
    for (const SseEvent &event : result.events)
        QVERIFY2(!event.data.contains('\r'), event.data.constData());

    const Result<StreamChunk> first = parseChatChunk(result.events.at(0).data);
    QVERIFY2(first.ok(), qPrintable(first.error()));
    QCOMPARE(first->content, u"A");
}

void TestSseParser::lineEndingsByteByByte_data()
{
    lineEndings_data();
}

void TestSseParser::lineEndingsByteByByte()
{
    QFETCH(QByteArrayList, reads);

    const StreamResult result = parseByteByByte(reads.join());

    QCOMPARE(dataOf(result.events),
             QByteArrayList({QByteArrayLiteral("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}"),
                             QByteArrayLiteral("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"}}]}"),
                             QByteArrayLiteral("[DONE]")}));
}

void TestSseParser::everySplitPointSameResult()
{
    const StreamResult whole = parseWhole(kMixedStream);
    QCOMPARE(whole.events.size(), 4);
    QCOMPARE(whole.comments, 2);
    QCOMPARE(describe(whole.events).at(1), QByteArrayLiteral("event= id=1 data=first\nsecond"));

    for (qsizetype split = 0; split <= kMixedStream.size(); ++split) {
        const StreamResult result = parseReads({kMixedStream.first(split), kMixedStream.sliced(split)});
        QCOMPARE(describe(result.events), describe(whole.events));
        QCOMPARE(result.comments, whole.comments);
    }

    const StreamResult byteByByte = parseByteByByte(kMixedStream);
    QCOMPARE(describe(byteByByte.events), describe(whole.events));
    QCOMPARE(byteByByte.comments, whole.comments);
}

void TestSseParser::everyPairOfSplitPoints()
{
    const QByteArrayList expected = describe(parseWhole(kMixedStream).events);

    for (qsizetype first = 0; first <= kMixedStream.size(); ++first) {
        for (qsizetype second = first; second <= kMixedStream.size(); ++second) {
            const StreamResult result = parseReads({kMixedStream.first(first),
                                                    kMixedStream.sliced(first, second - first),
                                                    kMixedStream.sliced(second)});
            if (describe(result.events) != expected)
                QFAIL(qPrintable(QStringLiteral("reads split at bytes %1 and %2 gave other events")
                                     .arg(first)
                                     .arg(second)));
        }
    }
}

void TestSseParser::utf8SplitKeptWhole()
{
    const QString text = u"你好 🌍"_s;
    const QByteArray event = QByteArrayLiteral("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                             + text.toUtf8() + QByteArrayLiteral("\"}}]}\n\n");
    // Cut after the first two bytes of 你 (E4 BD A0) and of 🌍 (F0 9F 8C 8D).
    const qsizetype firstCut = event.indexOf("\xE4\xBD") + 2;
    const qsizetype secondCut = event.indexOf("\xF0\x9F") + 2;
    QVERIFY(firstCut > 2);
    QVERIFY(secondCut > firstCut);

    const StreamResult result = parseReads({event.first(firstCut),
                                            event.sliced(firstCut, secondCut - firstCut),
                                            event.sliced(secondCut)});
    QCOMPARE(result.events.size(), 1);

    const Result<StreamChunk> chunk = parseChatChunk(result.events.first().data);
    QVERIFY2(chunk.ok(), qPrintable(chunk.error()));
    QCOMPARE(chunk->content, text);
    QVERIFY(!chunk->content.contains(QChar::ReplacementCharacter));
}

void TestSseParser::finishDispatchesUnterminated_data()
{
    QTest::addColumn<QByteArray>("ending");

    QTest::newRow("no line end") << QByteArray();
    QTest::newRow("one lf") << QByteArrayLiteral("\n");
    QTest::newRow("one crlf") << QByteArrayLiteral("\r\n");
    QTest::newRow("one cr") << QByteArrayLiteral("\r");
}

void TestSseParser::finishDispatchesUnterminated()
{
    QFETCH(QByteArray, ending);
    const QByteArray last = QByteArrayLiteral(
        R"({"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}})");

    SseParser parser;
    const SseBatch fed = parser.feed(QByteArray("data: " + last + ending));
    QCOMPARE(fed.events.size(), 0);
    QVERIFY(parser.hasPartialEvent());

    const SseBatch finished = parser.finish();
    QCOMPARE(finished.events.size(), 1);
    QCOMPARE(finished.events.first().data, last);

    const Result<StreamChunk> chunk = parseChatChunk(finished.events.first().data);
    QVERIFY2(chunk.ok(), qPrintable(chunk.error()));
    QCOMPARE(chunk->finishReason, std::optional<QString>(u"stop"_s));
    QVERIFY(chunk->usage.has_value());
    QCOMPARE(chunk->usage->promptTokens, 3);
    QCOMPARE(chunk->usage->completionTokens, 1);
    QCOMPARE(chunk->usage->promptTokens + chunk->usage->completionTokens, 4);
}

void TestSseParser::finishWithoutFinishReason()
{
    const StreamResult result = parseWhole(QByteArrayLiteral(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half an\"},\"finish_reason\":null}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" answer\"}}]}"));
    QCOMPARE(result.events.size(), 2);

    QString text;
    for (const SseEvent &event : result.events) {
        const Result<StreamChunk> chunk = parseChatChunk(event.data);
        QVERIFY2(chunk.ok(), qPrintable(chunk.error()));
        QVERIFY(!chunk->finishReason.has_value());
        text += chunk->content;
    }
    QCOMPARE(text, u"Half an answer");
}

void TestSseParser::finishOnEmptyStream()
{
    SseParser parser;
    QVERIFY(!parser.hasPartialEvent());

    const SseBatch batch = parser.finish();

    QCOMPARE(batch.events.size(), 0);
    QCOMPARE(batch.comments, 0);
}

void TestSseParser::partialEventTracked()
{
    SseParser parser;

    QCOMPARE(parser.feed(QByteArrayLiteral("data: x")).events.size(), 0);
    QVERIFY(parser.hasPartialEvent());
    QCOMPARE(parser.feed(QByteArrayLiteral("\n")).events.size(), 0);
    QVERIFY(parser.hasPartialEvent());
    QCOMPARE(parser.feed(QByteArrayLiteral("\n")).events.size(), 1);
    QVERIFY(!parser.hasPartialEvent());
}

void TestSseParser::overlongLineOverflows()
{
    SseParser parser;
    const QByteArray line = "data: " + QByteArray(SseParser::kMaxLineBytes, 'x');

    const SseBatch batch = parser.feed(line);

    QCOMPARE(batch.events.size(), 0);
    QVERIFY(parser.overflowed());
    // Once overflowed, the parser drops the rest of the stream.
    QCOMPARE(parser.feed(QByteArrayLiteral("\n\ndata: after\n\n")).events.size(), 0);
    QVERIFY(parser.overflowed());
}

void TestSseParser::lineAtLimitAccepted()
{
    SseParser parser;
    const QByteArray value(SseParser::kMaxLineBytes - 6, 'x');

    QCOMPARE(parser.feed(QByteArray("data: " + value)).events.size(), 0);
    QVERIFY(!parser.overflowed());

    const SseBatch batch = parser.feed(QByteArrayLiteral("\n\n"));
    QVERIFY(!parser.overflowed());
    QCOMPARE(batch.events.size(), 1);
    QCOMPARE(batch.events.first().data.size(), value.size());
}

QTEST_APPLESS_MAIN(TestSseParser)
#include "tst_SseParser.moc"
