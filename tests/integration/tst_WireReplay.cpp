#include "EmulatorProcess.h"
#include "ScenarioBuilder.h"

#include "provider/ChatClient.h"

#include <QSignalSpy>
#include <QTest>

using namespace Consilium;
using namespace Consilium::Testing;

namespace {

const QByteArray kStreamHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";

QByteArray chunkWith(const QByteArray &delta, const QByteArray &finish = "null")
{
    return R"(data: {"id":"gen-1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":)"
           + delta + R"(,"finish_reason":)" + finish + "}]}\n\n";
}

} // namespace

// Byte streams seen from real servers, replayed through a real socket
// with pauses between writes so that each piece arrives as its own read.
class TestWireReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replayedStream_data();
    void replayedStream();
    void reasoningSummaryPiecesMerge();
    void moderationErrorNamesTheFlag();

private:
    const CallOutcome &runReplay(const QList<QByteArray> &pieces);

    std::unique_ptr<EmulatorProcess> m_emulator;
    std::unique_ptr<ChatClient> m_client;
    std::unique_ptr<QObject> m_owner;
    ChatCall *m_call = nullptr;
};

const CallOutcome &TestWireReplay::runReplay(const QList<QByteArray> &pieces)
{
    QJsonArray chunks;
    for (const QByteArray &piece : pieces)
        chunks.append(QString::fromLatin1(piece)); // one character per byte
    QJsonObject model{{QStringLiteral("id"), QStringLiteral("emu/replay")},
                      {QStringLiteral("replay"), QJsonObject{{QStringLiteral("chunks"), chunks},
                                                             {QStringLiteral("chunk_delay_ms"), 40}}}};
    m_emulator = std::make_unique<EmulatorProcess>();
    if (!m_emulator->start(scenario({model})))
        qFatal("%s", qPrintable(m_emulator->error()));

    m_client = std::make_unique<ChatClient>();
    Endpoint endpoint;
    endpoint.baseUrl = m_emulator->baseUrl();
    m_client->setEndpoint(endpoint);
    m_client->setRetryPolicy({1, 10, 10, 10}); // the replay would repeat itself
    ChatRequest request;
    request.model = QStringLiteral("emu/replay");
    request.messages.append(ChatMessage{QStringLiteral("user"), QStringLiteral("Hi")});

    m_owner = std::make_unique<QObject>();
    m_call = m_client->send(request, m_owner.get());
    QSignalSpy finished(m_call, &ChatCall::finished);
    if (!finished.wait(10'000))
        qWarning("the replayed call did not finish");
    return m_call->outcome();
}

void TestWireReplay::replayedStream_data()
{
    QTest::addColumn<QList<QByteArray>>("pieces");
    QTest::addColumn<CallStatus>("status");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<QString>("errorMessage");

    const QByteArray stop = chunkWith("{}", R"("stop")");
    QTest::newRow("keep-alive comments of every form")
        << QList<QByteArray>{kStreamHead, ": OPENROUTER PROCESSING\n\n", ":\n\n", ":ping\n\n",
                             "data: : OPENROUTER PROCESSING\n\n",
                             chunkWith(R"({"role":"assistant","content":"Hi"})"), stop, "data: [DONE]\n\n"}
        << CallStatus::Succeeded << QStringLiteral("Hi") << QStringLiteral("stop") << QString();
    QTest::newRow("usage chunk with empty choices")
        << QList<QByteArray>{kStreamHead, chunkWith(R"({"content":"Hi"})"), stop,
                             R"(data: {"id":"x","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":24,"completion_tokens":58,"total_tokens":82,"cost":0.00012}})"
                             "\n\n",
                             "data: [DONE]\n\n"}
        << CallStatus::Succeeded << QStringLiteral("Hi") << QStringLiteral("stop") << QString();
    QTest::newRow("error event after partial answer")
        << QList<QByteArray>{kStreamHead, chunkWith(R"({"content":"Partial ans"})"),
                             R"(data: {"id":"gen-1","object":"chat.completion.chunk","error":{"code":502,"message":"Provider disconnected","metadata":{"error_type":"provider_unavailable"}},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]})"
                             "\n\n"}
        << CallStatus::Failed << QStringLiteral("Partial ans") << QStringLiteral("error")
        << QStringLiteral("Provider disconnected");
    QTest::newRow("OpenAI error event")
        << QList<QByteArray>{kStreamHead,
                             R"(data: {"error":{"message":"The server had an error while processing your request.","type":"server_error"}})"
                             "\n\n"}
        << CallStatus::Failed << QString() << QString()
        << QStringLiteral("The server had an error while processing your request.");
    QTest::newRow("CRLF with CR ending a read")
        << QList<QByteArray>{kStreamHead, R"(data: {"choices":[{"index":0,"delta":{"content":"A"}}]})" "\r",
                             "\n\r\n" R"(data: {"choices":[{"index":0,"delta":{"content":"B"}}]})" "\r\n\r\n"
                             "data: [DONE]\r\n\r\n"}
        << CallStatus::Succeeded << QStringLiteral("AB") << QString() << QString();
    QTest::newRow("bare CR line endings")
        << QList<QByteArray>{kStreamHead, R"(data: {"choices":[{"index":0,"delta":{"content":"A"}}]})" "\r\r",
                             "data: [DONE]\r\r"}
        << CallStatus::Succeeded << QStringLiteral("A") << QString() << QString();

    const QByteArray utf8 = QStringLiteral("你好 🌍").toUtf8();
    const QByteArray event = R"(data: {"choices":[{"index":0,"delta":{"content":")" + utf8 + "\"}}]}\n\n";
    const qsizetype insideFirst = event.indexOf(utf8) + 2;    // after E4 BD
    const qsizetype insideEmoji = event.indexOf("\xF0") + 2;  // after F0 9F
    QTest::newRow("UTF-8 split inside characters")
        << QList<QByteArray>{kStreamHead, event.left(insideFirst), event.mid(insideFirst, insideEmoji - insideFirst),
                             event.mid(insideEmoji), "data: [DONE]\n\n"}
        << CallStatus::Succeeded << QStringLiteral("你好 🌍") << QString() << QString();
    QTest::newRow("last event without blank line")
        << QList<QByteArray>{kStreamHead, chunkWith(R"({"content":"Hi"})"),
                             R"(data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}})"}
        << CallStatus::Succeeded << QStringLiteral("Hi") << QStringLiteral("stop") << QString();
    QTest::newRow("closed before finish")
        << QList<QByteArray>{kStreamHead, chunkWith(R"({"content":"Hi"})"), chunkWith(R"({"content":" there"})")}
        << CallStatus::Failed << QStringLiteral("Hi there") << QString()
        << QStringLiteral("The connection closed before the answer was complete.");
    QTest::newRow("reasoning field and details once")
        << QList<QByteArray>{kStreamHead,
                             chunkWith(R"({"content":"","reasoning":"Let me think","reasoning_details":[{"type":"reasoning.text","text":"Let me think","index":0}]})"),
                             chunkWith(R"({"content":"42"})"), stop, "data: [DONE]\n\n"}
        << CallStatus::Succeeded << QStringLiteral("42") << QStringLiteral("stop") << QString();
    QTest::newRow("proxy HTML error page")
        << QList<QByteArray>{"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n"
                             "<html><body><h1>502 Bad Gateway</h1></body></html>"}
        << CallStatus::Failed << QString() << QString() << QStringLiteral("HTTP 502 (non-JSON body)");
}

void TestWireReplay::replayedStream()
{
    QFETCH(QList<QByteArray>, pieces);
    QFETCH(CallStatus, status);
    QFETCH(QString, text);
    QFETCH(QString, finishReason);
    QFETCH(QString, errorMessage);

    const CallOutcome &outcome = runReplay(pieces);
    QCOMPARE(outcome.status, status);
    QCOMPARE(outcome.text, text);
    QCOMPARE(outcome.finishReason.value_or(QString()), finishReason);
    QCOMPARE(outcome.error.message, errorMessage);
    QVERIFY(!outcome.text.contains(QChar::ReplacementCharacter));
    if (QByteArray(QTest::currentDataTag()) == "usage chunk with empty choices") {
        QCOMPARE(outcome.usage->promptTokens, 24);
        QCOMPARE(outcome.usage->completionTokens, 58);
        QCOMPARE(outcome.usage->providerCost->picoUsd(), 120'000'000);
    }
    if (QByteArray(QTest::currentDataTag()) == "reasoning field and details once")
        QCOMPARE(outcome.reasoning, QStringLiteral("Let me think"));
    if (QByteArray(QTest::currentDataTag()) == "last event without blank line")
        QCOMPARE(outcome.usage->completionTokens, 1);
}

void TestWireReplay::reasoningSummaryPiecesMerge()
{
    auto summary = [](const char *piece) {
        return chunkWith(QByteArray(R"({"reasoning_details":[{"type":"reasoning.summary","summary":")") + piece
                         + R"(","index":0}]})");
    };
    const CallOutcome &outcome = runReplay(
        {kStreamHead, summary("The"), summary(" user"), summary(" asks"),
         chunkWith(R"({"reasoning_details":[{"type":"reasoning.encrypted","data":"opaque==","index":0}]})"),
         chunkWith(R"({"content":"Hello"})", R"("stop")"), "data: [DONE]\n\n"});

    QCOMPARE(outcome.status, CallStatus::Succeeded);
    QCOMPARE(outcome.reasoningDetails.size(), 2);
    QCOMPARE(outcome.reasoningDetails[0].type, QStringLiteral("reasoning.summary"));
    QCOMPARE(outcome.reasoningDetails[0].text, QStringLiteral("The user asks"));
    QCOMPARE(outcome.reasoningDetails[1].type, QStringLiteral("reasoning.encrypted"));
    QCOMPARE(outcome.reasoningDetails[1].text, QStringLiteral("opaque=="));
}

void TestWireReplay::moderationErrorNamesTheFlag()
{
    const CallOutcome &outcome = runReplay(
        {"HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
         R"({"error":{"code":403,"message":"m requires moderation on P. Your input was flagged for \"harassment\".","metadata":{"reasons":["harassment"],"flagged_input":"first words...last words","provider_name":"P","model_slug":"v/m"}}})"});

    QCOMPARE(outcome.status, CallStatus::Failed);
    QCOMPARE(outcome.error.kind, ErrorKind::Moderation);
    const QString message = outcome.error.userMessage();
    QVERIFY2(message.contains(QStringLiteral("harassment")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("first words...last words")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Flagged by: P")), qPrintable(message));
    QCOMPARE(outcome.attempts, 1);
}

QTEST_GUILESS_MAIN(TestWireReplay)
#include "tst_WireReplay.moc"
