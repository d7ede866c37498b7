#include "provider/StreamChunk.h"

#include <QTest>

using namespace Consilium;
using namespace Qt::StringLiterals;

namespace Consilium {

// Lets QCOMPARE print the names of error kinds instead of their numbers.
char *toString(ErrorKind kind)
{
    return QTest::toString(ProviderError::fromClient(kind, QString()).kindName());
}

} // namespace Consilium

// Parses `data` into `variable`, failing the calling test function when the
// parse fails. A macro because QVERIFY2 returns from the test function.
#define PARSE_CHUNK_OR_FAIL(variable, data, shape)                               \
    const Result<StreamChunk> variable##Result = parseChatChunk((data), (shape)); \
    QVERIFY2(variable##Result.ok(), qPrintable(variable##Result.error()));       \
    const StreamChunk &variable = variable##Result.value()

class TestStreamChunk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepAliveInData_data();
    void keepAliveInData();
    void contentDelta();
    void emptyDeltaWithStop();
    void usageWithoutChoices_data();
    void usageWithoutChoices();
    void usageNullIgnored();
    void usageDetailsRead();
    void usageCostAsString();
    void usageNegativeCostDropped();
    void choicesMatchedByIndex_data();
    void choicesMatchedByIndex();
    void partialContentBeforeError();
    void errorInStream_data();
    void errorInStream();
    void errorNullIsNoError();
    void reasoningFields_data();
    void reasoningFields();
    void reasoningDetailsPerChunk();
    void reasoningEncryptedKeptRaw();
    void refusalAndToolCalls();
    void fullCompletionShape();
    void shapeSelectsMessageOrDelta();
    void unknownFieldsIgnored();
    void utf8ContentDecoded();
    void invalidJsonFails_data();
    void invalidJsonFails();
};

void TestStreamChunk::keepAliveInData_data()
{
    QTest::addColumn<QByteArray>("data");

    QTest::newRow("openrouter processing") << QByteArrayLiteral(": OPENROUTER PROCESSING");
    QTest::newRow("bare colon") << QByteArrayLiteral(":");
    QTest::newRow("leading space") << QByteArrayLiteral("  :ping");
}

void TestStreamChunk::keepAliveInData()
{
    QFETCH(QByteArray, data);

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QVERIFY(chunk.isKeepAlive);
    QVERIFY(!chunk.error.isError());
    QCOMPARE(chunk.content, QString());
    QVERIFY(!chunk.finishReason.has_value());
}

void TestStreamChunk::contentDelta()
{
    const QByteArray data = QByteArrayLiteral(
        R"({"id":"gen-X","object":"chat.completion.chunk","model":"m","provider":"Upstream","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}],"usage":null})");

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QCOMPARE(chunk.content, u"Hi");
    QCOMPARE(chunk.model, u"m");
    QCOMPARE(chunk.provider, u"Upstream");
    QVERIFY(!chunk.finishReason.has_value());
    QVERIFY(!chunk.usage.has_value());
    QVERIFY(!chunk.isKeepAlive);
    QVERIFY(!chunk.error.isError());
}

void TestStreamChunk::emptyDeltaWithStop()
{
    const QByteArray data = QByteArrayLiteral(
        R"({"id":"gen-X","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})");

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QCOMPARE(chunk.content, QString());
    QCOMPARE(chunk.finishReason, std::optional<QString>(u"stop"_s));
}

void TestStreamChunk::usageWithoutChoices_data()
{
    QTest::addColumn<QByteArray>("data");

    QTest::newRow("empty choices") << QByteArrayLiteral(
        R"({"id":"gen-X","object":"chat.completion.chunk","model":"m","choices":[],"usage":{"prompt_tokens":24,"completion_tokens":58,"total_tokens":82,"cost":0.00012}})");
    QTest::newRow("no choices key") << QByteArrayLiteral(
        R"({"id":"gen-X","object":"chat.completion.chunk","model":"m","usage":{"prompt_tokens":24,"completion_tokens":58,"total_tokens":82,"cost":0.00012}})");
}

void TestStreamChunk::usageWithoutChoices()
{
    QFETCH(QByteArray, data);

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QVERIFY(chunk.usage.has_value());
    QCOMPARE(chunk.usage->promptTokens, 24);
    QCOMPARE(chunk.usage->completionTokens, 58);
    QVERIFY(chunk.usage->providerCost.has_value());
    QCOMPARE(chunk.usage->providerCost->picoUsd(), 120'000'000);
    QCOMPARE(chunk.content, QString());
    QVERIFY(!chunk.finishReason.has_value());
    QVERIFY(!chunk.error.isError());
}

void TestStreamChunk::usageNullIgnored()
{
    const QByteArray data = QByteArrayLiteral(
        R"({"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}],"usage":null})");

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QVERIFY(!chunk.usage.has_value());
    QCOMPARE(chunk.content, u"x");
}

void TestStreamChunk::usageDetailsRead()
{
    const QByteArray data = QByteArrayLiteral(
        R"({"choices":[],"usage":{"prompt_tokens":100,"completion_tokens":40,"prompt_tokens_details":{"cached_tokens":64},"completion_tokens_details":{"reasoning_tokens":30}}})");

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QVERIFY(chunk.usage.has_value());
    QCOMPARE(chunk.usage->promptTokens, 100);
    QCOMPARE(chunk.usage->completionTokens, 40);
    QCOMPARE(chunk.usage->cachedPromptTokens, 64);
    QCOMPARE(chunk.usage->reasoningTokens, 30);
    QVERIFY(!chunk.usage->providerCost.has_value());
}

void TestStreamChunk::usageCostAsString()
{
    const QByteArray data = QByteArrayLiteral(
        R"({"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"cost":"0.00012"}})");

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QVERIFY(chunk.usage.has_value());
    QVERIFY(chunk.usage->providerCost.has_value());
    QCOMPARE(chunk.usage->providerCost->picoUsd(), 120'000'000);
}

void TestStreamChunk::usageNegativeCostDropped()
{
    const QByteArray data = QByteArrayLiteral(
        R"({"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":6,"cost":-1}})");

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QVERIFY(chunk.usage.has_value());
    QCOMPARE(chunk.usage->promptTokens, 5);
    QVERIFY(!chunk.usage->providerCost.has_value());
}

void TestStreamChunk::choicesMatchedByIndex_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expectedContent");
    QTest::addColumn<QString>("expectedFinish");

    QTest::newRow("index 1 listed first") << QByteArrayLiteral(
        R"({"choices":[{"index":1,"delta":{"content":"second"},"finish_reason":"length"},{"index":0,"delta":{"content":"first"},"finish_reason":"stop"}]})")
                                          << u"first"_s << u"stop"_s;
    QTest::newRow("only index 1") << QByteArrayLiteral(
        R"({"choices":[{"index":1,"delta":{"content":"second"},"finish_reason":"stop"}]})")
                                  << QString() << QString();
    QTest::newRow("index missing counts as 0") << QByteArrayLiteral(
        R"({"choices":[{"delta":{"content":"only"},"finish_reason":"stop"}]})")
                                               << u"only"_s << u"stop"_s;
}

void TestStreamChunk::choicesMatchedByIndex()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expectedContent);
    QFETCH(QString, expectedFinish);

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QCOMPARE(chunk.content, expectedContent);
    QCOMPARE(chunk.finishReason.value_or(QString()), expectedFinish);
}

void TestStreamChunk::partialContentBeforeError()
{
    const QByteArray data = QByteArrayLiteral(
        R"({"id":"gen-X","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"Partial ans"},"finish_reason":null}]})");

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QCOMPARE(chunk.content, u"Partial ans");
    QVERIFY(!chunk.error.isError());
    QVERIFY(!chunk.finishReason.has_value());
}

void TestStreamChunk::errorInStream_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expectedMessage");
    QTest::addColumn<QString>("expectedCode");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<QString>("expectedType");
    QTest::addColumn<QString>("expectedErrorType");
    QTest::addColumn<QString>("expectedFinish");

    QTest::newRow("openrouter with error choice") << QByteArrayLiteral(
        R"({"id":"gen-X","object":"chat.completion.chunk","model":"m","error":{"code":502,"message":"Provider disconnected","metadata":{"error_type":"provider_unavailable"}},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]})")
        << u"Provider disconnected"_s << u"502"_s << 502 << QString()
        << u"provider_unavailable"_s << u"error"_s;
    QTest::newRow("openrouter with empty choices") << QByteArrayLiteral(
        R"({"id":"gen-X","object":"chat.completion.chunk","model":"m","error":{"code":502,"message":"Provider disconnected","metadata":{"error_type":"provider_unavailable"}},"choices":[]})")
        << u"Provider disconnected"_s << u"502"_s << 502 << QString()
        << u"provider_unavailable"_s << QString();
    QTest::newRow("openai server error") << QByteArrayLiteral(
        R"({"error":{"message":"The server had an error while processing your request.","type":"server_error"}})")
        << u"The server had an error while processing your request."_s << QString() << 0
        << u"server_error"_s << QString() << QString();
    QTest::newRow("string code") << QByteArrayLiteral(
        R"({"error":{"message":"Too many tokens","type":"tokens","code":"rate_limit_exceeded"}})")
        << u"Too many tokens"_s << u"rate_limit_exceeded"_s << 0
        << u"tokens"_s << QString() << QString();
    QTest::newRow("plain string") << QByteArrayLiteral(R"({"error":"upstream went away"})")
        << u"upstream went away"_s << QString() << 0 << QString() << QString() << QString();
    QTest::newRow("no message") << QByteArrayLiteral(R"({"error":{"code":500}})")
        << u"The provider reported an error without a message."_s << u"500"_s << 500
        << QString() << QString() << QString();
}

void TestStreamChunk::errorInStream()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expectedMessage);
    QFETCH(QString, expectedCode);
    QFETCH(int, expectedStatus);
    QFETCH(QString, expectedType);
    QFETCH(QString, expectedErrorType);
    QFETCH(QString, expectedFinish);

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QVERIFY(chunk.error.isError());
    QCOMPARE(chunk.error.kind, ErrorKind::InStream);
    QCOMPARE(chunk.error.kindName(), u"stream_error");
    QCOMPARE(chunk.error.message, expectedMessage);
    QCOMPARE(chunk.error.code, expectedCode);
    QCOMPARE(chunk.error.httpStatus, expectedStatus);
    QCOMPARE(chunk.error.type, expectedType);
    QCOMPARE(chunk.error.metadata.value(u"error_type").toString(), expectedErrorType);
    QCOMPARE(chunk.finishReason.value_or(QString()), expectedFinish);
    QCOMPARE(chunk.content, QString());
}

void TestStreamChunk::errorNullIsNoError()
{
    const QByteArray data = QByteArrayLiteral(
        R"({"error":null,"choices":[{"index":0,"delta":{"content":"ok"}}]})");

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QVERIFY(!chunk.error.isError());
    QCOMPARE(chunk.error.kind, ErrorKind::None);
    QCOMPARE(chunk.content, u"ok");
}

void TestStreamChunk::reasoningFields_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expectedReasoning");
    QTest::addColumn<QString>("expectedContent");
    QTest::addColumn<int>("expectedDetails");

    QTest::newRow("reasoning_content with null content") << QByteArrayLiteral(
        R"({"choices":[{"index":0,"delta":{"reasoning_content":"Let me think","content":null}}]})")
        << u"Let me think"_s << QString() << 0;
    QTest::newRow("reasoning with matching details") << QByteArrayLiteral(
        R"({"choices":[{"index":0,"delta":{"content":"","reasoning":"Let me think","reasoning_details":[{"type":"reasoning.text","text":"Let me think","index":0}]}}]})")
        << u"Let me think"_s << QString() << 1;
    QTest::newRow("both reasoning fields") << QByteArrayLiteral(
        R"({"choices":[{"index":0,"delta":{"reasoning_content":"Let me think","reasoning":"Let me think"}}]})")
        << u"Let me think"_s << QString() << 0;
    QTest::newRow("details alone add no text") << QByteArrayLiteral(
        R"({"choices":[{"index":0,"delta":{"reasoning_details":[{"type":"reasoning.text","text":"hidden","index":0}]}}]})")
        << QString() << QString() << 1;
    QTest::newRow("reasoning next to content") << QByteArrayLiteral(
        R"({"choices":[{"index":0,"delta":{"reasoning":"Because","content":"Yes"}}]})")
        << u"Because"_s << u"Yes"_s << 0;
}

void TestStreamChunk::reasoningFields()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expectedReasoning);
    QFETCH(QString, expectedContent);
    QFETCH(int, expectedDetails);

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QCOMPARE(chunk.reasoning, expectedReasoning);
    QCOMPARE(chunk.content, expectedContent);
    QCOMPARE(chunk.reasoningDetails.size(), expectedDetails);
}

void TestStreamChunk::reasoningDetailsPerChunk()
{
    const QStringList pieces = {u"The"_s, u" user"_s, u" asks"_s};

    for (const QString &piece : pieces) {
        const QByteArray data = QByteArrayLiteral(
                                    R"({"choices":[{"index":0,"delta":{"reasoning_details":[{"type":"reasoning.summary","summary":")")
                                + piece.toUtf8() + QByteArrayLiteral(R"(","index":0}]}}]})");

        PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

        QCOMPARE(chunk.reasoningDetails.size(), 1);
        QCOMPARE(chunk.reasoningDetails.first().type, u"reasoning.summary");
        QCOMPARE(chunk.reasoningDetails.first().text, piece);
    }
}

void TestStreamChunk::reasoningEncryptedKeptRaw()
{
    const QByteArray data = QByteArrayLiteral(
        R"({"choices":[{"index":0,"delta":{"reasoning_details":[{"type":"reasoning.encrypted","data":"gAAAAB3x","id":"rs_1","format":"openai-responses-v1","index":1}]}}]})");

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QCOMPARE(chunk.reasoningDetails.size(), 1);
    const ReasoningDetail &detail = chunk.reasoningDetails.first();
    QCOMPARE(detail.type, u"reasoning.encrypted");
    QCOMPARE(detail.text, u"gAAAAB3x");
    QCOMPARE(detail.raw.value(u"id").toString(), u"rs_1");
    QCOMPARE(detail.raw.value(u"format").toString(), u"openai-responses-v1");
    QCOMPARE(detail.raw.value(u"index").toInt(), 1);
    QCOMPARE(chunk.reasoning, QString());
}

void TestStreamChunk::refusalAndToolCalls()
{
    const QByteArray data = QByteArrayLiteral(
        R"({"choices":[{"index":0,"delta":{"content":null,"refusal":"I cannot help with that.","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}]})");

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QCOMPARE(chunk.refusal, u"I cannot help with that.");
    QVERIFY(chunk.hasToolCalls);
    QCOMPARE(chunk.content, QString());
    QCOMPARE(chunk.finishReason, std::optional<QString>(u"tool_calls"_s));
}

void TestStreamChunk::fullCompletionShape()
{
    const QByteArray data = QByteArrayLiteral(
        R"({"id":"gen-Y","object":"chat.completion","model":"vendor/model-a","provider":"Upstream","choices":[{"index":0,"message":{"role":"assistant","content":"Hello there","reasoning":"Greet back"},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}})");

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::FullCompletion);

    QCOMPARE(chunk.content, u"Hello there");
    QCOMPARE(chunk.reasoning, u"Greet back");
    QCOMPARE(chunk.finishReason, std::optional<QString>(u"stop"_s));
    QCOMPARE(chunk.model, u"vendor/model-a");
    QCOMPARE(chunk.provider, u"Upstream");
    QVERIFY(chunk.usage.has_value());
    QCOMPARE(chunk.usage->promptTokens, 9);
    QCOMPARE(chunk.usage->completionTokens, 3);
}

void TestStreamChunk::shapeSelectsMessageOrDelta()
{
    const QByteArray data = QByteArrayLiteral(
        R"({"choices":[{"index":0,"delta":{"content":"streamed"},"message":{"content":"whole"}}]})");

    PARSE_CHUNK_OR_FAIL(full, data, ChunkShape::FullCompletion);
    PARSE_CHUNK_OR_FAIL(delta, data, ChunkShape::StreamDelta);

    QCOMPARE(full.content, u"whole");
    QCOMPARE(delta.content, u"streamed");
}

void TestStreamChunk::unknownFieldsIgnored()
{
    const QByteArray data = QByteArrayLiteral(
        R"({"id":"gen-X","created":1733000000,"system_fingerprint":"fp_1","extra":{"nested":[1,2]},"choices":[{"index":0,"logprobs":null,"native_finish_reason":"end_turn","delta":{"content":"ok","annotations":[]},"finish_reason":"stop"}]})");

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QCOMPARE(chunk.content, u"ok");
    QCOMPARE(chunk.finishReason, std::optional<QString>(u"stop"_s));
    QVERIFY(!chunk.error.isError());
}

void TestStreamChunk::utf8ContentDecoded()
{
    const QString text = u"你好 🌍"_s;
    const QByteArray data = QByteArrayLiteral(R"({"choices":[{"index":0,"delta":{"content":")")
                            + text.toUtf8() + QByteArrayLiteral(R"("}}]})");

    PARSE_CHUNK_OR_FAIL(chunk, data, ChunkShape::StreamDelta);

    QCOMPARE(chunk.content, text);
    QVERIFY(!chunk.content.contains(QChar::ReplacementCharacter));
}

void TestStreamChunk::invalidJsonFails_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expectedStart");

    const QString invalid = u"invalid JSON in chunk at offset"_s;
    QTest::newRow("truncated object") << QByteArrayLiteral(R"({"choices":[{"index":0)") << invalid;
    QTest::newRow("done marker") << QByteArrayLiteral("[DONE]") << invalid;
    QTest::newRow("empty") << QByteArray() << invalid;
    QTest::newRow("plain text") << QByteArrayLiteral("upstream timeout") << invalid;
    QTest::newRow("bare number") << QByteArrayLiteral("42") << invalid;
    QTest::newRow("array") << QByteArrayLiteral("[1,2]") << u"chunk is JSON but not an object"_s;
}

void TestStreamChunk::invalidJsonFails()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expectedStart);

    const Result<StreamChunk> chunk = parseChatChunk(data);

    QVERIFY(!chunk.ok());
    QVERIFY2(chunk.error().startsWith(expectedStart), qPrintable(chunk.error()));
    QVERIFY2(!chunk.error().contains(u"no error occurred"), qPrintable(chunk.error()));
}

QTEST_APPLESS_MAIN(TestStreamChunk)
#include "tst_StreamChunk.moc"
