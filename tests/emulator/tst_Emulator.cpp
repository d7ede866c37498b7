#include "DecimalPrice.h"
#include "EmulatorServer.h"
#include "OracleReply.h"
#include "ReplyPlan.h"
#include "ScenarioLoader.h"
#include "TextTokens.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int Timeout = 10000;

// Fast models for most tests. emu/alpha's numbers are chosen for the cost
// check: the prompt "please tell me the answer to everything now" is 8 tokens
// plus 4 for the message (12 prompt tokens) and the answer is 7 tokens, so
// the cost is 12 * 0.000001 + 7 * 0.000002 = 0.000026.
const char *const TestScenario = R"({
  "defaults": { "ttft_ms": 5, "tokens_per_second": 0, "chunk_tokens": 1,
                "keepalive_before_first_token": 1 },
  "models": [
    { "id": "emu/alpha", "name": "Alpha", "context_length": 32768,
      "pricing": { "prompt": "0.000001", "completion": "0.000002" },
      "reply": { "text": "The answer is forty two, my friend." } },
    { "id": "emu/rules",
      "reply": { "rules": [ { "pattern": "(?i)capital of france", "text": "Paris." },
                            { "pattern": "(?i)\\bsum\\b", "text": "Four." } ],
                 "default": "I do not know." } },
    { "id": "emu/reasoner", "reasoning": "Thinking it over.", "reply": { "text": "Done now." } },
    { "id": "emu/paced", "ttft_ms": 150, "tokens_per_second": 100,
      "keepalive_before_first_token": 2, "reply": { "text": "one two three" } },
    { "id": "emu/ratelimited", "reply": { "text": "unused" },
      "fault": { "kind": "http_error", "status": 429,
                 "body": { "error": { "code": 429, "message": "Rate limit exceeded" } },
                 "headers": { "Retry-After": "2" } } },
    { "id": "emu/retry", "reply": { "text": "Recovered." }, "fail_first_n": 2,
      "fault": { "kind": "http_error", "status": 503 } },
    { "id": "emu/broken", "reply": { "text": "one two three four five six" },
      "fault": { "kind": "error_event", "after_tokens": 3, "code": 502,
                 "message": "Provider disconnected" } },
    { "id": "emu/stall", "reply": { "text": "a b c d e f" },
      "fault": { "kind": "stall", "after_tokens": 2 } },
    { "id": "emu/reset", "reply": { "text": "a b c d e f" },
      "fault": { "kind": "reset", "after_tokens": 2 } },
    { "id": "emu/cut", "reply": { "text": "a b c d e f" },
      "fault": { "kind": "cut", "after_tokens": 2 } },
    { "id": "emu/malformed", "reply": { "text": "a b c" },
      "fault": { "kind": "malformed", "after_tokens": 1 } },
    { "id": "emu/huge", "reply": { "text": "unused" },
      "fault": { "kind": "huge", "bytes": 300000 } },
    { "id": "emu/replay", "reply": { "text": "unused" },
      "replay": { "chunks": [ "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n", "Connection: close\r\n\r\nhe\u00ffl" ],
                  "chunk_delay_ms": 10 } },
    { "id": "emu/fixed-usage", "reply": { "text": "x y" },
      "usage": { "prompt_tokens": 100, "completion_tokens": 50, "cost": "0.50" } },
    { "id": "emu/no-cost", "reply": { "text": "x y" }, "report_cost": false,
      "pricing": { "prompt": "0.000001", "completion": "0.000002" } },
    { "id": "emu/no-usage", "reply": { "text": "x y" }, "report_usage": false }
  ]
})";

const QString AlphaText = u"The answer is forty two, my friend."_s;
const QString AlphaPrompt = u"please tell me the answer to everything now"_s;

struct SseStream
{
    QList<QByteArray> events; // the data of each "data:" event, in order
    int keepaliveComments = 0;
};

SseStream parseSse(const QByteArray &body)
{
    SseStream stream;
    const QList<QByteArray> blocks = body.split('\n');
    for (const QByteArray &line : blocks) {
        if (line.startsWith("data: "))
            stream.events.append(line.mid(6));
        else if (line == ": OPENROUTER PROCESSING")
            ++stream.keepaliveComments;
    }
    return stream;
}

QJsonObject toObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QString contentOf(const QList<QByteArray> &events)
{
    QString text;
    for (const QByteArray &event : events) {
        const QJsonArray choices = toObject(event).value("choices"_L1).toArray();
        if (!choices.isEmpty())
            text += choices.first()["delta"_L1]["content"_L1].toString();
    }
    return text;
}

QByteArray chatBody(const QString &model, bool stream, const QString &prompt = AlphaPrompt,
                    int maxTokens = 0)
{
    QJsonObject body{{u"model"_s, model},
                     {u"stream"_s, stream},
                     {u"messages"_s,
                      QJsonArray{QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, prompt}}}}};
    if (maxTokens > 0)
        body.insert(u"max_tokens"_s, maxTokens);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_Emulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void decimalPriceIsExact_data();
    void decimalPriceIsExact();
    void tokensConcatenateToText_data();
    void tokensConcatenateToText();

    void modelsKeepPriceStrings();
    void nonStreamCompletion();
    void streamConcatenatesToText();
    void streamCostIsExactDecimal();
    void maxTokensFinishesWithLength_data();
    void maxTokensFinishesWithLength();
    void reasoningStreamsBeforeContent();
    void rulesSelectAnswer_data();
    void rulesSelectAnswer();
    void usageOverridesAndSwitches();
    void streamWaitsForFirstToken();

    void httpErrorFault();
    void failFirstNThenAnswers();
    void errorEventAfterTokens();
    void stallKeepsSocketOpen();
    void resetAbortsConnection();
    void cutEndsWithoutDone();
    void malformedEventThenContinues();
    void hugeAnswerHasRequestedSize();
    void replaySendsExactBytes();

    void unknownModelReturns404();
    void invalidJsonReturns400();
    void unknownRouteReturns404();
    void apiKeyRequired_data();
    void apiKeyRequired();
    void requestLogRedactsAuthorization();

    void keepAliveServesPipelinedRequests();
    void connectionCloseIsHonoured();
    void malformedRequestReturns400();
    void oversizedRequestReturns413();
    void bodyArrivingInPieces();
    void manyConcurrentConnections();

    void listensOnLoopbackOnly();
    void scenarioValidationNamesField_data();
    void scenarioValidationNamesField();
    void exampleScenarioLoads();
    void commandLinePrintsListeningLine();
    void commandLineRejectsBadInput_data();
    void commandLineRejectsBadInput();
    void oracleHitsAccuracy_data();
    void oracleHitsAccuracy();
    void oracleReproducibleAndIndependent();
    void oracleAnswersOverHttp();
    void oracleNeedsTopLevelObject();

private:
    std::unique_ptr<EmulatorServer> startServer(const QByteArray &scenarioJson);
    QNetworkReply *post(const QString &path, const QByteArray &body,
                        const QByteArray &authorization = QByteArray());
    QNetworkReply *get(const QString &path, const QByteArray &authorization = QByteArray());
    QByteArray finishedBody(QNetworkReply *reply);
    QByteArray rawExchange(const QByteArray &request, int expectedResponses);

    QNetworkAccessManager m_network;
    std::unique_ptr<EmulatorServer> m_server;
    QUrl m_baseUrl;
};

std::unique_ptr<EmulatorServer> tst_Emulator::startServer(const QByteArray &scenarioJson)
{
    QString error;
    std::optional<Scenario> scenario = ScenarioLoader::parse(scenarioJson, QDir::tempPath(), &error);
    if (!scenario) {
        qWarning("scenario rejected: %s", qPrintable(error));
        return nullptr;
    }
    auto server = std::make_unique<EmulatorServer>(std::move(*scenario));
    if (!server->listen(QHostAddress::LocalHost, 0, &error)) {
        qWarning("listen failed: %s", qPrintable(error));
        return nullptr;
    }
    return server;
}

void tst_Emulator::initTestCase()
{
    // Never route test traffic through a proxy, only straight to loopback.
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    m_network.setProxy(QNetworkProxy::NoProxy);
    m_server = startServer(TestScenario);
    QVERIFY(m_server);
    m_baseUrl = m_server->baseUrl();
}

void tst_Emulator::cleanup()
{
    const QList<QNetworkReply *> replies = findChildren<QNetworkReply *>();
    for (QNetworkReply *reply : replies) {
        reply->abort();
        delete reply;
    }
}

QNetworkReply *tst_Emulator::post(const QString &path, const QByteArray &body,
                                  const QByteArray &authorization)
{
    QNetworkRequest request(m_baseUrl.resolved(QUrl(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    return m_network.post(request, body);
}

QNetworkReply *tst_Emulator::get(const QString &path, const QByteArray &authorization)
{
    QNetworkRequest request(m_baseUrl.resolved(QUrl(path)));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    return m_network.get(request);
}

QByteArray tst_Emulator::finishedBody(QNetworkReply *reply)
{
    // Replies stay alive until cleanup() so callers can still read the status.
    reply->setParent(this);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(Timeout))
        qWarning("reply did not finish in time");
    return reply->readAll();
}

// Sends request bytes on a fresh socket and collects the reply until
// expectedResponses status lines arrived and the data ends like a JSON body,
// or the server closed the connection. The server runs on this thread, so
// the wait must keep the event loop running.
QByteArray tst_Emulator::rawExchange(const QByteArray &request, int expectedResponses)
{
    QTcpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    QByteArray received;
    connect(&socket, &QTcpSocket::connected, this, [&] { socket.write(request); });
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());

    const bool done = QTest::qWaitFor([&] {
        const bool complete = received.count("HTTP/1.1 ") >= expectedResponses
                              && received.endsWith('}');
        return complete || socket.state() == QAbstractSocket::UnconnectedState;
    }, Timeout);
    if (!done)
        qWarning("raw exchange timed out after receiving %lld bytes", qlonglong(received.size()));
    received += socket.readAll();
    return received;
}

void tst_Emulator::decimalPriceIsExact_data()
{
    QTest::addColumn<QString>("price");
    QTest::addColumn<qint64>("tokens");
    QTest::addColumn<QByteArray>("cost");
    QTest::newRow("micro-dollars") << u"0.000001"_s << qint64(12) << QByteArray("0.000012");
    QTest::newRow("binary-unfriendly") << u"0.0000003"_s << qint64(3) << QByteArray("0.0000009");
    QTest::newRow("twelve decimals") << u"0.000000000001"_s << qint64(7) << QByteArray("0.000000000007");
    QTest::newRow("whole dollars") << u"15"_s << qint64(2) << QByteArray("30");
    QTest::newRow("zero tokens") << u"0.5"_s << qint64(0) << QByteArray("0");
    QTest::newRow("variable price") << u"-1"_s << qint64(1) << QByteArray("-1");
}

void tst_Emulator::decimalPriceIsExact()
{
    QFETCH(QString, price);
    QFETCH(qint64, tokens);
    QFETCH(QByteArray, cost);
    const std::optional<qint64> pico = DecimalPrice::parsePico(price);
    QVERIFY(pico);
    const std::optional<qint64> total = DecimalPrice::multiply(tokens, *pico);
    QVERIFY(total);
    QCOMPARE(DecimalPrice::formatPico(*total), cost);
}

void tst_Emulator::tokensConcatenateToText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tokens");
    QTest::newRow("words") << u"The answer is"_s << QStringList{u"The"_s, u" answer"_s, u" is"_s};
    QTest::newRow("leading and trailing space")
        << u"  a\nb \t"_s
        << QStringList{u"  a"_s, u"\nb \t"_s};
    QTest::newRow("whitespace only") << u"   "_s << QStringList{u"   "_s};
    QTest::newRow("empty") << QString() << QStringList{};
}

void tst_Emulator::tokensConcatenateToText()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tokens);
    const QStringList split = TextTokens::split(text);
    QCOMPARE(split, tokens);
    QCOMPARE(split.join(QString()), text);
}

void tst_Emulator::modelsKeepPriceStrings()
{
    for (const QString &path : {u"/api/v1/models"_s, u"/v1/models"_s}) {
        QNetworkReply *reply = get(path);
        const QByteArray body = finishedBody(reply);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY2(body.contains(R"("prompt":"0.000001")"), body.constData());
        QVERIFY2(body.contains(R"("completion":"0.000002")"), body.constData());

        const QJsonArray data = toObject(body).value("data"_L1).toArray();
        QCOMPARE(data.size(), 16);
        const QJsonObject alpha = data.first().toObject();
        QCOMPARE(alpha["id"_L1].toString(), u"emu/alpha"_s);
        QCOMPARE(alpha["name"_L1].toString(), u"Alpha"_s);
        QCOMPARE(alpha["context_length"_L1].toInt(), 32768);
        QCOMPARE(alpha["pricing"_L1]["prompt"_L1].toString(), u"0.000001"_s);
        QCOMPARE(alpha["architecture"_L1]["input_modalities"_L1].toArray(), QJsonArray{u"text"_s});
        QVERIFY(!data.at(1).toObject().contains("pricing"_L1));
    }
}

void tst_Emulator::nonStreamCompletion()
{
    QNetworkReply *reply = post(u"/api/v1/chat/completions"_s, chatBody(u"emu/alpha"_s, false));
    const QByteArray body = finishedBody(reply);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    const QJsonObject completion = toObject(body);
    QCOMPARE(completion["object"_L1].toString(), u"chat.completion"_s);
    QCOMPARE(completion["model"_L1].toString(), u"emu/alpha"_s);
    QVERIFY(completion["id"_L1].toString().startsWith("gen-emu-"_L1));
    const QJsonObject choice = completion["choices"_L1].toArray().first().toObject();
    QCOMPARE(choice["message"_L1]["role"_L1].toString(), u"assistant"_s);
    QCOMPARE(choice["message"_L1]["content"_L1].toString(), AlphaText);
    QCOMPARE(choice["finish_reason"_L1].toString(), u"stop"_s);

    const QJsonObject usage = completion["usage"_L1].toObject();
    QCOMPARE(usage["prompt_tokens"_L1].toInt(), 12);
    QCOMPARE(usage["completion_tokens"_L1].toInt(), 7);
    QCOMPARE(usage["total_tokens"_L1].toInt(), 19);
    QVERIFY2(body.contains(R"("cost":0.000026,)"), body.constData());
}

void tst_Emulator::streamConcatenatesToText()
{
    QNetworkReply *reply = post(u"/v1/chat/completions"_s, chatBody(u"emu/alpha"_s, true));
    const QByteArray body = finishedBody(reply);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), u"text/event-stream"_s);
    QCOMPARE(reply->rawHeader("Cache-Control"), QByteArray("no-cache"));

    const SseStream stream = parseSse(body);
    QCOMPARE(stream.keepaliveComments, 1);
    QVERIFY(body.startsWith(": OPENROUTER PROCESSING\n\n"));
    QCOMPARE(stream.events.size(), 7 + 3);
    QCOMPARE(contentOf(stream.events), AlphaText);

    const QJsonObject first = toObject(stream.events.first());
    QCOMPARE(first["object"_L1].toString(), u"chat.completion.chunk"_s);
    QCOMPARE(first["provider"_L1].toString(), u"Emulator"_s);
    QCOMPARE(first["choices"_L1][0]["delta"_L1]["role"_L1].toString(), u"assistant"_s);
    QVERIFY(first["choices"_L1][0]["finish_reason"_L1].isNull());

    const QJsonObject finish = toObject(stream.events.at(7));
    QCOMPARE(finish["choices"_L1][0]["finish_reason"_L1].toString(), u"stop"_s);
    QCOMPARE(finish["choices"_L1][0]["delta"_L1]["content"_L1].toString(), QString());

    const QJsonObject usageChunk = toObject(stream.events.at(8));
    QCOMPARE(usageChunk["choices"_L1].toArray().size(), 0);
    QCOMPARE(usageChunk["usage"_L1]["prompt_tokens"_L1].toInt(), 12);
    QCOMPARE(usageChunk["usage"_L1]["completion_tokens"_L1].toInt(), 7);
    QCOMPARE(usageChunk["usage"_L1]["completion_tokens_details"_L1]["reasoning_tokens"_L1].toInt(), 0);
    QCOMPARE(stream.events.last(), QByteArray("[DONE]"));
    QVERIFY(body.endsWith("data: [DONE]\n\n"));
}

void tst_Emulator::streamCostIsExactDecimal()
{
    const QByteArray body = finishedBody(
        post(u"/api/v1/chat/completions"_s, chatBody(u"emu/alpha"_s, true)));
    const SseStream stream = parseSse(body);
    QVERIFY(stream.events.size() >= 2);
    const QByteArray usageChunk = stream.events.at(stream.events.size() - 2);
    QVERIFY2(usageChunk.contains(R"("cost":0.000026,)"), usageChunk.constData());
    QCOMPARE(toObject(usageChunk)["usage"_L1]["total_tokens"_L1].toInt(), 19);
}

void tst_Emulator::maxTokensFinishesWithLength_data()
{
    QTest::addColumn<bool>("stream");
    QTest::newRow("stream") << true;
    QTest::newRow("non-stream") << false;
}

void tst_Emulator::maxTokensFinishesWithLength()
{
    QFETCH(bool, stream);
    const QByteArray body = finishedBody(post(u"/api/v1/chat/completions"_s,
                                              chatBody(u"emu/alpha"_s, stream, AlphaPrompt, 3)));
    QString content;
    QJsonObject finishChoice;
    QJsonObject usage;
    if (stream) {
        const SseStream sse = parseSse(body);
        QVERIFY(sse.events.size() >= 3);
        content = contentOf(sse.events);
        finishChoice = toObject(sse.events.at(sse.events.size() - 3))["choices"_L1][0].toObject();
        usage = toObject(sse.events.at(sse.events.size() - 2))["usage"_L1].toObject();
    } else {
        const QJsonObject completion = toObject(body);
        finishChoice = completion["choices"_L1][0].toObject();
        content = finishChoice["message"_L1]["content"_L1].toString();
        usage = completion["usage"_L1].toObject();
    }
    QCOMPARE(content, u"The answer is"_s);
    QCOMPARE(finishChoice["finish_reason"_L1].toString(), u"length"_s);
    QCOMPARE(usage["completion_tokens"_L1].toInt(), 3);
}

void tst_Emulator::reasoningStreamsBeforeContent()
{
    const QByteArray body = finishedBody(
        post(u"/api/v1/chat/completions"_s, chatBody(u"emu/reasoner"_s, true)));
    const SseStream stream = parseSse(body);
    QCOMPARE(stream.events.size(), 3 + 2 + 3);

    QString reasoning;
    for (int i = 0; i < 3; ++i) {
        const QJsonObject delta = toObject(stream.events.at(i))["choices"_L1][0]["delta"_L1].toObject();
        QCOMPARE(delta["content"_L1].toString(), QString());
        QCOMPARE(delta["reasoning_details"_L1][0]["type"_L1].toString(), u"reasoning.text"_s);
        QCOMPARE(delta["reasoning_details"_L1][0]["text"_L1].toString(), delta["reasoning"_L1].toString());
        reasoning += delta["reasoning"_L1].toString();
    }
    QCOMPARE(reasoning, u"Thinking it over."_s);
    QCOMPARE(contentOf(stream.events), u"Done now."_s);
    const QJsonObject usage = toObject(stream.events.at(6))["usage"_L1].toObject();
    QCOMPARE(usage["completion_tokens_details"_L1]["reasoning_tokens"_L1].toInt(), 3);
    QCOMPARE(usage["completion_tokens"_L1].toInt(), 5);
}

void tst_Emulator::rulesSelectAnswer_data()
{
    QTest::addColumn<QString>("prompt");
    QTest::addColumn<QString>("expected");
    QTest::newRow("first rule") << u"What is the Capital of France?"_s << u"Paris."_s;
    QTest::newRow("second rule") << u"the sum of 2 and 2"_s << u"Four."_s;
    QTest::newRow("default") << u"Tell me a joke"_s << u"I do not know."_s;
}

void tst_Emulator::rulesSelectAnswer()
{
    QFETCH(QString, prompt);
    QFETCH(QString, expected);
    const QByteArray body = finishedBody(
        post(u"/api/v1/chat/completions"_s, chatBody(u"emu/rules"_s, false, prompt)));
    QCOMPARE(toObject(body)["choices"_L1][0]["message"_L1]["content"_L1].toString(), expected);
}

void tst_Emulator::usageOverridesAndSwitches()
{
    const QByteArray fixed = finishedBody(
        post(u"/api/v1/chat/completions"_s, chatBody(u"emu/fixed-usage"_s, false)));
    QCOMPARE(toObject(fixed)["usage"_L1]["prompt_tokens"_L1].toInt(), 100);
    QCOMPARE(toObject(fixed)["usage"_L1]["completion_tokens"_L1].toInt(), 50);
    QVERIFY2(fixed.contains(R"("cost":0.5,)"), fixed.constData());

    const QByteArray noCost = finishedBody(
        post(u"/api/v1/chat/completions"_s, chatBody(u"emu/no-cost"_s, false)));
    QCOMPARE(toObject(noCost)["usage"_L1]["total_tokens"_L1].toInt(), 14);
    QVERIFY(!toObject(noCost)["usage"_L1].toObject().contains("cost"_L1));

    const QByteArray noUsage = finishedBody(
        post(u"/api/v1/chat/completions"_s, chatBody(u"emu/no-usage"_s, true)));
    const SseStream stream = parseSse(noUsage);
    QCOMPARE(stream.events.size(), 2 + 1 + 1);
    QVERIFY(!noUsage.contains("\"usage\""));
    QCOMPARE(stream.events.last(), QByteArray("[DONE]"));
}

void tst_Emulator::streamWaitsForFirstToken()
{
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = post(u"/api/v1/chat/completions"_s, chatBody(u"emu/paced"_s, true));
    reply->setParent(this);
    QByteArray received;
    qint64 firstTokenMs = -1;
    connect(reply, &QNetworkReply::readyRead, this, [&] {
        received += reply->readAll();
        if (firstTokenMs < 0 && received.contains("data: "))
            firstTokenMs = timer.elapsed();
    });
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), Timeout);
    received += reply->readAll();

    // ttft_ms is 150 and the client cannot see the first token any earlier.
    QVERIFY2(firstTokenMs >= 150, qPrintable(QString::number(firstTokenMs)));
    // Three tokens at 100 per second take at least another 20 ms after the first.
    QVERIFY2(timer.elapsed() >= 170, qPrintable(QString::number(timer.elapsed())));
    const SseStream stream = parseSse(received);
    QCOMPARE(stream.keepaliveComments, 2);
    QCOMPARE(contentOf(stream.events), u"one two three"_s);
}

void tst_Emulator::httpErrorFault()
{
    QNetworkReply *reply = post(u"/api/v1/chat/completions"_s, chatBody(u"emu/ratelimited"_s, true));
    const QByteArray body = finishedBody(reply);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 429);
    QCOMPARE(reply->rawHeader("Retry-After"), QByteArray("2"));
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), u"application/json"_s);
    QCOMPARE(toObject(body)["error"_L1]["code"_L1].toInt(), 429);
    QCOMPARE(toObject(body)["error"_L1]["message"_L1].toString(), u"Rate limit exceeded"_s);
}

void tst_Emulator::failFirstNThenAnswers()
{
    QList<int> statuses;
    for (int i = 0; i < 3; ++i) {
        QNetworkReply *reply = post(u"/api/v1/chat/completions"_s, chatBody(u"emu/retry"_s, false));
        const QByteArray body = finishedBody(reply);
        statuses.append(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
        if (i == 2)
            QCOMPARE(toObject(body)["choices"_L1][0]["message"_L1]["content"_L1].toString(), u"Recovered."_s);
        else
            QCOMPARE(toObject(body)["error"_L1]["code"_L1].toInt(), 503);
    }
    QCOMPARE(statuses, (QList<int>{503, 503, 200}));
}

void tst_Emulator::errorEventAfterTokens()
{
    QNetworkReply *reply = post(u"/api/v1/chat/completions"_s, chatBody(u"emu/broken"_s, true));
    const QByteArray body = finishedBody(reply);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    const SseStream stream = parseSse(body);
    QCOMPARE(stream.events.size(), 4);
    QCOMPARE(contentOf(stream.events.mid(0, 3)), u"one two three"_s);
    const QJsonObject error = toObject(stream.events.at(3));
    QCOMPARE(error["error"_L1]["code"_L1].toInt(), 502);
    QCOMPARE(error["error"_L1]["message"_L1].toString(), u"Provider disconnected"_s);
    QCOMPARE(error["error"_L1]["metadata"_L1]["error_type"_L1].toString(), u"provider_unavailable"_s);
    QCOMPARE(error["choices"_L1][0]["finish_reason"_L1].toString(), u"error"_s);
    QVERIFY(!body.contains("[DONE]"));
}

void tst_Emulator::stallKeepsSocketOpen()
{
    QNetworkReply *reply = post(u"/api/v1/chat/completions"_s, chatBody(u"emu/stall"_s, true));
    reply->setParent(this);
    QByteArray received;
    connect(reply, &QNetworkReply::readyRead, this, [&] { received += reply->readAll(); });
    QTRY_COMPARE_WITH_TIMEOUT(parseSse(received).events.size(), 2, Timeout);
    QCOMPARE(contentOf(parseSse(received).events), u"a b"_s);

    QSignalSpy moreData(reply, &QNetworkReply::readyRead);
    QVERIFY(!moreData.wait(300));
    QVERIFY(!reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    reply->abort();
}

void tst_Emulator::resetAbortsConnection()
{
    QNetworkReply *reply = post(u"/api/v1/chat/completions"_s, chatBody(u"emu/reset"_s, true));
    reply->setParent(this);
    QByteArray received;
    connect(reply, &QNetworkReply::readyRead, this, [&] { received += reply->readAll(); });
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), Timeout);
    QVERIFY2(reply->error() != QNetworkReply::NoError, received.constData());
    QVERIFY(!received.contains("[DONE]"));
    QCOMPARE(contentOf(parseSse(received).events), u"a b"_s);
}

void tst_Emulator::cutEndsWithoutDone()
{
    QNetworkReply *reply = post(u"/api/v1/chat/completions"_s, chatBody(u"emu/cut"_s, true));
    const QByteArray body = finishedBody(reply);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const SseStream stream = parseSse(body);
    QCOMPARE(stream.events.size(), 2);
    QCOMPARE(contentOf(stream.events), u"a b"_s);
    QVERIFY(!body.contains("finish_reason\":\""));
    QVERIFY(!body.contains("[DONE]"));
}

void tst_Emulator::malformedEventThenContinues()
{
    const QByteArray body = finishedBody(
        post(u"/api/v1/chat/completions"_s, chatBody(u"emu/malformed"_s, true)));
    const QByteArray garbage = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\xff\xfe";
    QVERIFY(body.contains(garbage));
    QVERIFY(body.indexOf(garbage) > body.indexOf("\"content\":\"a\""));
    QVERIFY(body.indexOf(garbage) < body.indexOf("\"content\":\" b\""));
    QVERIFY(body.endsWith("data: [DONE]\n\n"));

    QList<QByteArray> validEvents;
    for (const QByteArray &event : parseSse(body).events) {
        if (!QJsonDocument::fromJson(event).isNull())
            validEvents.append(event);
    }
    QCOMPARE(contentOf(validEvents), u"a b c"_s);
}

void tst_Emulator::hugeAnswerHasRequestedSize()
{
    const QByteArray body = finishedBody(
        post(u"/api/v1/chat/completions"_s, chatBody(u"emu/huge"_s, true)));
    const SseStream stream = parseSse(body);
    QCOMPARE(contentOf(stream.events).toUtf8().size(), 300000);
    QCOMPARE(stream.events.last(), QByteArray("[DONE]"));
}

void tst_Emulator::replaySendsExactBytes()
{
    const QByteArray request = "POST /api/v1/chat/completions HTTP/1.1\r\nHost: emulator\r\n"
                               "Content-Length: "
                               + QByteArray::number(chatBody(u"emu/replay"_s, false).size())
                               + "\r\n\r\n" + chatBody(u"emu/replay"_s, false);
    const QByteArray received = rawExchange(request, 99);
    QCOMPARE(received, QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                                  "Connection: close\r\n\r\nhe\xffl"));
}

void tst_Emulator::unknownModelReturns404()
{
    QNetworkReply *reply = post(u"/api/v1/chat/completions"_s, chatBody(u"emu/nope"_s, true));
    const QByteArray body = finishedBody(reply);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    QCOMPARE(toObject(body)["error"_L1]["code"_L1].toInt(), 404);
    QVERIFY(toObject(body)["error"_L1]["message"_L1].toString().contains("model 'emu/nope' not found"_L1));
}

void tst_Emulator::invalidJsonReturns400()
{
    QNetworkReply *reply = post(u"/api/v1/chat/completions"_s, "{\"model\": ");
    const QByteArray body = finishedBody(reply);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
    QCOMPARE(toObject(body)["error"_L1]["code"_L1].toInt(), 400);
    QVERIFY(toObject(body)["error"_L1]["message"_L1].toString().startsWith("Invalid JSON"_L1));
}

void tst_Emulator::unknownRouteReturns404()
{
    QNetworkReply *reply = get(u"/api/v1/nothing-here"_s);
    const QByteArray body = finishedBody(reply);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    QCOMPARE(toObject(body)["error"_L1]["code"_L1].toInt(), 404);

    QNetworkReply *wrongMethod = get(u"/api/v1/chat/completions"_s);
    finishedBody(wrongMethod);
    QCOMPARE(wrongMethod->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
}

void tst_Emulator::apiKeyRequired_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << QByteArray() << 401 << u"No auth credentials found"_s;
    QTest::newRow("wrong") << QByteArray("Bearer sk-wrong") << 401 << u"Invalid API key"_s;
    QTest::newRow("right") << QByteArray("Bearer sk-emu-test") << 200 << QString();
}

void tst_Emulator::apiKeyRequired()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, message);

    std::unique_ptr<EmulatorServer> keyed = startServer(
        R"({"require_api_key": "sk-emu-test", "models": [{"id": "emu/a", "reply": {"text": "ok"}}]})");
    QVERIFY(keyed);
    const QUrl savedBase = m_baseUrl;
    m_baseUrl = keyed->baseUrl();
    QNetworkReply *chat = post(u"/api/v1/chat/completions"_s, chatBody(u"emu/a"_s, false), authorization);
    const QByteArray chatReply = finishedBody(chat);
    QNetworkReply *models = get(u"/api/v1/models"_s, authorization);
    const QByteArray modelsReply = finishedBody(models);
    m_baseUrl = savedBase;

    QCOMPARE(chat->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
    QCOMPARE(models->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
    if (status == 401) {
        QCOMPARE(toObject(chatReply)["error"_L1]["code"_L1].toInt(), 401);
        QCOMPARE(toObject(chatReply)["error"_L1]["message"_L1].toString(), message);
        QCOMPARE(toObject(modelsReply)["error"_L1]["message"_L1].toString(), message);
    }
}

void tst_Emulator::requestLogRedactsAuthorization()
{
    finishedBody(m_network.deleteResource(QNetworkRequest(m_baseUrl.resolved(QUrl(u"/emulator/requests"_s)))));
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    finishedBody(post(u"/api/v1/chat/completions"_s, chatBody(u"emu/alpha"_s, true),
                      "Bearer sk-secret-value"));
    const qint64 after = QDateTime::currentMSecsSinceEpoch();

    const QByteArray body = finishedBody(get(u"/emulator/requests"_s));
    QVERIFY(!body.contains("sk-secret-value"));
    const QJsonArray entries = QJsonDocument::fromJson(body).array();
    QCOMPARE(entries.size(), 1);
    const QJsonObject entry = entries.first().toObject();
    QCOMPARE(entry["model"_L1].toString(), u"emu/alpha"_s);
    QCOMPARE(entry["path"_L1].toString(), u"/api/v1/chat/completions"_s);
    QCOMPARE(entry["stream"_L1].toBool(), true);
    QCOMPARE(entry["headers"_L1]["Authorization"_L1].toString(), u"<redacted>"_s);
    QCOMPARE(entry["body"_L1]["messages"_L1][0]["content"_L1].toString(), AlphaPrompt);
    // The emulator's clock is anchored to the wall clock once, so allow a little drift.
    QVERIFY(entry["arrived_at_ms"_L1].toInteger() >= before - 50);
    QVERIFY(entry["arrived_at_ms"_L1].toInteger() <= after + 50);

    finishedBody(m_network.deleteResource(QNetworkRequest(m_baseUrl.resolved(QUrl(u"/emulator/requests"_s)))));
    QCOMPARE(QJsonDocument::fromJson(finishedBody(get(u"/emulator/requests"_s))).array().size(), 0);
}

void tst_Emulator::keepAliveServesPipelinedRequests()
{
    const QByteArray modelsRequest = "GET /api/v1/models HTTP/1.1\r\nHost: emulator\r\n\r\n";
    const QByteArray received = rawExchange(modelsRequest + modelsRequest, 2);
    QCOMPARE(received.count("HTTP/1.1 200 OK\r\n"), 2);
    QCOMPARE(received.count("Connection: keep-alive\r\n"), 2);
    QCOMPARE(received.count("\"id\":\"emu/alpha\""), 2);
}

void tst_Emulator::connectionCloseIsHonoured()
{
    QTcpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(socket.waitForConnected(Timeout));
    socket.write("GET /api/v1/models HTTP/1.1\r\nHost: emulator\r\nConnection: close\r\n\r\n");

    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, Timeout);
    received += socket.readAll();
    QVERIFY(received.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(received.contains("Connection: close\r\n"));
    QVERIFY(received.endsWith("}"));
}

void tst_Emulator::malformedRequestReturns400()
{
    const QByteArray received = rawExchange("NOT AN HTTP REQUEST\r\n\r\n", 1);
    QVERIFY2(received.startsWith("HTTP/1.1 400 Bad Request\r\n"), received.constData());
    QVERIFY(received.contains("Connection: close\r\n"));

    const QByteArray badLength = rawExchange(
        "POST /api/v1/chat/completions HTTP/1.1\r\nHost: e\r\nContent-Length: 12x\r\n\r\n", 1);
    QVERIFY2(badLength.startsWith("HTTP/1.1 400 Bad Request\r\n"), badLength.constData());
}

void tst_Emulator::oversizedRequestReturns413()
{
    const QByteArray received = rawExchange(
        "POST /api/v1/chat/completions HTTP/1.1\r\nHost: e\r\nContent-Length: 8388609\r\n\r\n", 1);
    QVERIFY2(received.startsWith("HTTP/1.1 413 "), received.constData());
    QVERIFY(received.contains("\"code\":413"));
}

void tst_Emulator::bodyArrivingInPieces()
{
    const QByteArray body = chatBody(u"emu/alpha"_s, false);
    QTcpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(socket.waitForConnected(Timeout));
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });

    socket.write("POST /api/v1/chat/completions HTTP/1.1\r\nHost: e\r\nContent-Length: "
                 + QByteArray::number(body.size()) + "\r\n\r\n" + body.left(10));
    QVERIFY(socket.waitForBytesWritten(Timeout));
    // The server must wait for the rest of the body instead of responding.
    QSignalSpy early(&socket, &QTcpSocket::readyRead);
    QVERIFY(!early.wait(100));
    socket.write(body.mid(10));
    QTRY_VERIFY_WITH_TIMEOUT(received.endsWith("}"), Timeout);
    QVERIFY(received.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(received.contains(AlphaText.toUtf8()));
}

void tst_Emulator::manyConcurrentConnections()
{
    // emu/paced responds after about 180 ms. Served one after another, 40
    // requests would take over 7 s, so finishing in under 3 s shows parallelism.
    constexpr int Count = 40;
    finishedBody(m_network.deleteResource(QNetworkRequest(m_baseUrl.resolved(QUrl(u"/emulator/requests"_s)))));
    const QByteArray body = chatBody(u"emu/paced"_s, false);
    const QByteArray request = "POST /v1/chat/completions HTTP/1.1\r\nHost: e\r\nContent-Length: "
                               + QByteArray::number(body.size()) + "\r\n\r\n" + body;

    QElapsedTimer timer;
    timer.start();
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    QList<QByteArray> received(Count);
    for (int i = 0; i < Count; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->setProxy(QNetworkProxy::NoProxy);
        QTcpSocket *raw = socket.get();
        connect(raw, &QTcpSocket::connected, this, [raw, request] { raw->write(request); });
        connect(raw, &QTcpSocket::readyRead, this, [raw, &received, i] { received[i] += raw->readAll(); });
        raw->connectToHost(QHostAddress::LocalHost, m_server->serverPort());
        sockets.push_back(std::move(socket));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(received.cbegin(), received.cend(),
                                         [](const QByteArray &r) { return r.endsWith("}"); }),
                             Timeout);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    for (const QByteArray &response : std::as_const(received)) {
        QVERIFY(response.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(response.contains("\"content\":\"one two three\""));
    }
    const QJsonArray log = QJsonDocument::fromJson(finishedBody(get(u"/emulator/requests"_s))).array();
    QCOMPARE(log.size(), Count);
}

void tst_Emulator::listensOnLoopbackOnly()
{
    QVERIFY(m_server->serverAddress().isLoopback());
    QCOMPARE(m_server->baseUrl().host(), u"127.0.0.1"_s);
    QVERIFY(EmulatorServer::isLoopbackAddress(QHostAddress::LocalHost));
    QVERIFY(EmulatorServer::isLoopbackAddress(QHostAddress::LocalHostIPv6));
    QVERIFY(!EmulatorServer::isLoopbackAddress(QHostAddress::Any));
    QVERIFY(!EmulatorServer::isLoopbackAddress(QHostAddress::AnyIPv6));
    QVERIFY(!EmulatorServer::isLoopbackAddress(QHostAddress()));
}

void tst_Emulator::scenarioValidationNamesField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("invalid JSON") << QByteArray(R"({"models": [)") << u"invalid JSON at offset 12"_s;
    QTest::newRow("unknown top-level key")
        << QByteArray(R"({"modles": []})") << u"(top level): unknown key 'modles'"_s;
    QTest::newRow("no models") << QByteArray(R"({"models": []})") << u"models: must list at least one model"_s;
    QTest::newRow("unknown fault kind")
        << QByteArray(R"({"models": [{"id": "a", "reply": {"text": "t"}}, {"id": "b", "reply": {"text": "t"}},
                        {"id": "c", "reply": {"text": "t"}, "fault": {"kind": "x"}}]})")
        << u"models[2].fault.kind: unknown value 'x', expected one of http_error, error_event"_s;
    QTest::newRow("missing reply") << QByteArray(R"({"models": [{"id": "a"}]})") << u"models[0].reply: missing"_s;
    QTest::newRow("price as number")
        << QByteArray(R"({"models": [{"id": "a", "reply": {"text": "t"}, "pricing": {"prompt": 0.1}}]})")
        << u"models[0].pricing.prompt: expected a decimal number written as a string"_s;
    QTest::newRow("price with exponent")
        << QByteArray(R"({"models": [{"id": "a", "reply": {"text": "t"}, "pricing": {"prompt": "1e-6"}}]})")
        << u"models[0].pricing.prompt: invalid decimal '1e-6'"_s;
    QTest::newRow("invalid regex")
        << QByteArray(R"({"models": [{"id": "a", "reply": {"rules": [{"pattern": "(", "text": "t"}], "default": "d"}}]})")
        << u"models[0].reply.rules[0].pattern: invalid regular expression"_s;
    QTest::newRow("duplicate id")
        << QByteArray(R"({"models": [{"id": "a", "reply": {"text": "t"}}, {"id": "a", "reply": {"text": "t"}}]})")
        << u"models[1].id: duplicate model id 'a'"_s;
    QTest::newRow("negative ttft")
        << QByteArray(R"({"models": [{"id": "a", "reply": {"text": "t"}, "ttft_ms": -5}]})")
        << u"models[0].ttft_ms: value -5 is out of range"_s;
    QTest::newRow("missing reply file")
        << QByteArray(R"({"models": [{"id": "a", "reply": {"file": "no-such-answer.md"}}]})")
        << u"models[0].reply.file: cannot read"_s;
    QTest::newRow("key of another fault kind")
        << QByteArray(R"({"models": [{"id": "a", "reply": {"text": "t"}, "fault": {"kind": "stall", "status": 500}}]})")
        << u"models[0].fault: unknown key 'status'"_s;
    QTest::newRow("replay byte above 0xFF")
        << QByteArray(R"({"models": [{"id": "a", "replay": {"chunks": ["\u0100"]}}]})")
        << u"models[0].replay.chunks[0]: expected a string of characters U+0000 to U+00FF"_s;
}

void tst_Emulator::scenarioValidationNamesField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QTemporaryDir emptyDir;
    QString error;
    const std::optional<Scenario> scenario = ScenarioLoader::parse(json, emptyDir.path(), &error);
    QVERIFY(!scenario);
    QVERIFY2(error.startsWith(expected), qPrintable(error));
}

void tst_Emulator::exampleScenarioLoads()
{
    QString error;
    const std::optional<Scenario> scenario = ScenarioLoader::loadFile(
        QStringLiteral(CONSILIUM_EMULATOR_FIXTURES "/example-scenario.json"), &error);
    QVERIFY2(scenario, qPrintable(error));
    QCOMPARE(scenario->models.size(), 6);
    QVERIFY(scenario->findModel(u"emu/sonnet-like"_s));
    QVERIFY(scenario->findModel(u"emu/writer"_s));
    QCOMPARE(scenario->findModel(u"emu/flaky"_s)->fault.kind, FaultSpec::Kind::HttpError);
    QCOMPARE(scenario->findModel(u"emu/flaky"_s)->fault.status, 429);
    QCOMPARE(scenario->findModel(u"emu/broken"_s)->fault.kind, FaultSpec::Kind::ErrorEvent);
    QCOMPARE(scenario->findModel(u"emu/broken"_s)->fault.afterTokens, 6);
    QVERIFY(scenario->findModel(u"emu/gpt-like"_s)->reply.defaultText.startsWith("## "_L1));
}

void tst_Emulator::commandLinePrintsListeningLine()
{
    QProcess process;
    process.start(QStringLiteral(CONSILIUM_EMULATOR_EXECUTABLE),
                  {u"--scenario"_s, QStringLiteral(CONSILIUM_EMULATOR_FIXTURES "/example-scenario.json"),
                   u"--port"_s, u"0"_s});
    QVERIFY(process.waitForStarted(Timeout));
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), Timeout);
    const QString firstLine = QString::fromUtf8(process.readLine()).chopped(1);
    const QRegularExpressionMatch match
        = QRegularExpression(u"^listening on http://127\\.0\\.0\\.1:(\\d+)$"_s).match(firstLine);
    QVERIFY2(match.hasMatch(), qPrintable(firstLine));

    const QUrl savedBase = m_baseUrl;
    m_baseUrl = QUrl(u"http://127.0.0.1:"_s + match.captured(1));
    QNetworkReply *reply = get(u"/api/v1/models"_s);
    const QByteArray body = finishedBody(reply);
    m_baseUrl = savedBase;
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(toObject(body)["data"_L1].toArray().size(), 6);

    process.terminate();
    QVERIFY(process.waitForFinished(Timeout));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardError().contains("GET /api/v1/models status=200"));
}

void tst_Emulator::commandLineRejectsBadInput_data()
{
    const QString example = QStringLiteral(CONSILIUM_EMULATOR_FIXTURES "/example-scenario.json");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("badScenario");
    QTest::addColumn<QString>("expected");
    // A host that is no address at all: the check must reject it before
    // anything binds, without the test ever offering a non-loopback address.
    QTest::newRow("host not an address") << QStringList{u"--scenario"_s, example, u"--host"_s, u"not-an-address"_s}
                                         << QByteArray() << u"invalid --host 'not-an-address'"_s;
    QTest::newRow("missing scenario option") << QStringList{} << QByteArray() << u"missing --scenario"_s;
    QTest::newRow("scenario file not found")
        << QStringList{u"--scenario"_s, u"/nonexistent/scenario.json"_s} << QByteArray()
        << u"/nonexistent/scenario.json: cannot open scenario file"_s;
    QTest::newRow("invalid port") << QStringList{u"--scenario"_s, example, u"--port"_s, u"70000"_s}
                                  << QByteArray() << u"invalid --port '70000'"_s;
    QTest::newRow("invalid scenario")
        << QStringList{}
        << QByteArray(R"({"models": [{"id": "a", "reply": {"text": "t"}, "fault": {"kind": "x"}}]})")
        << u"scenario.json: models[0].fault.kind: unknown value 'x'"_s;
}

void tst_Emulator::commandLineRejectsBadInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, badScenario);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    if (!badScenario.isEmpty()) {
        QFile file(dir.filePath(u"scenario.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(badScenario);
        arguments = {u"--scenario"_s, file.fileName()};
    }

    QProcess process;
    process.start(QStringLiteral(CONSILIUM_EMULATOR_EXECUTABLE), arguments);
    QVERIFY(process.waitForFinished(Timeout));
    QCOMPARE(process.exitCode(), 2);
    QCOMPARE(process.readAllStandardOutput(), QByteArray());
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(expected), qPrintable(error));
    QCOMPARE(error.count(u'\n'), 1);
}

namespace {

QByteArray oracleScenario(const QString &wrong)
{
    return u"{\"oracle\": {\"seed\": 11, \"wrong\": \"%1\"}, \"models\": ["
           "{\"id\": \"o/p70\", \"reply\": {\"oracle\": {\"accuracy\": 0.7}}, \"ttft_ms\": 0},"
           "{\"id\": \"o/q70\", \"reply\": {\"oracle\": {\"accuracy\": 0.7}}, \"ttft_ms\": 0},"
           "{\"id\": \"o/list\", \"reply\": {\"oracle\": {}}}]}"_s.arg(wrong).toUtf8();
}

QJsonObject questionRequest(qint64 n)
{
    return QJsonObject{{u"messages"_s, QJsonArray{QJsonObject{{u"role"_s, u"user"_s},
                                                             {u"content"_s, u"Question #%1: solve it."_s.arg(n)}}}}};
}

} // namespace

void tst_Emulator::oracleHitsAccuracy_data()
{
    QTest::addColumn<QString>("wrong");
    QTest::newRow("same wrong answer") << u"same"_s;
    QTest::newRow("random wrong answers") << u"random"_s;
}

void tst_Emulator::oracleHitsAccuracy()
{
    QFETCH(QString, wrong);
    QString error;
    const std::optional<Scenario> scenario = ScenarioLoader::parse(oracleScenario(wrong), QDir::tempPath(), &error);
    QVERIFY2(scenario, qPrintable(error));
    const ReplySpec &reply = scenario->findModel(u"o/p70"_s)->reply;

    const int questions = 4000;
    int correct = 0;
    for (int n = 1; n <= questions; ++n) {
        const QString text = ReplyPlan::selectAnswer(reply, questionRequest(n));
        const QString expected = QString::number((qint64(n) * 7919) % 97);
        if (text == u"Question #%1. Answer: %2"_s.arg(n).arg(expected))
            ++correct;
        QVERIFY(text.startsWith(u"Question #%1. Answer: "_s.arg(n)));
    }
    // 0.7 +- 4 standard deviations of a binomial(4000, 0.7) share.
    QVERIFY2(qAbs(correct / double(questions) - 0.7) < 0.03, qPrintable(QString::number(correct)));
    // With "same", the wrong answer of question n is (correct + 1) mod 97.
    if (wrong == u"same"_s) {
        const qint64 n = 1;
        QCOMPARE(OracleReply::wrongAnswer(reply.oracleSpec, u"o/p70"_s, n), QString::number((7919 % 97 + 1) % 97));
        QCOMPARE(OracleReply::wrongAnswer(reply.oracleSpec, u"o/q70"_s, n), QString::number((7919 % 97 + 1) % 97));
    } else {
        QVERIFY(OracleReply::wrongAnswer(reply.oracleSpec, u"o/p70"_s, 1) != OracleReply::correctAnswer(reply.oracleSpec, 1));
    }
}

void tst_Emulator::oracleReproducibleAndIndependent()
{
    QString error;
    const std::optional<Scenario> scenario = ScenarioLoader::parse(oracleScenario(u"same"_s), QDir::tempPath(), &error);
    QVERIFY2(scenario, qPrintable(error));
    const ReplySpec &p = scenario->findModel(u"o/p70"_s)->reply;
    const ReplySpec &q = scenario->findModel(u"o/q70"_s)->reply;

    int bothRight = 0;
    const int questions = 4000;
    for (int n = 1; n <= questions; ++n) {
        QCOMPARE(OracleReply::answersCorrectly(p, n), OracleReply::answersCorrectly(p, n));
        bothRight += OracleReply::answersCorrectly(p, n) && OracleReply::answersCorrectly(q, n) ? 1 : 0;
    }
    // Independent members are both right 0.49 of the time.
    QVERIFY2(qAbs(bothRight / double(questions) - 0.49) < 0.035, qPrintable(QString::number(bothRight)));
    // A model with accuracy 1 (the default) is always right.
    const ReplySpec &sure = scenario->findModel(u"o/list"_s)->reply;
    QCOMPARE(ReplyPlan::selectAnswer(sure, questionRequest(3)), u"Question #3. Answer: %1"_s.arg((3 * 7919) % 97));
    QCOMPARE(ReplyPlan::selectAnswer(sure, QJsonObject{}), u"No question number found."_s);
}

void tst_Emulator::oracleAnswersOverHttp()
{
    auto server = startServer(oracleScenario(u"same"_s));
    QVERIFY(server);
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/api/v1/chat/completions"_s.arg(server->serverPort())));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QJsonObject body = questionRequest(3);
    body.insert(u"model"_s, u"o/list"_s);
    QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson());
    const QJsonObject completion = QJsonDocument::fromJson(finishedBody(reply)).object();
    QCOMPARE(completion[u"choices"_s][0][u"message"_s][u"content"_s].toString(),
             u"Question #3. Answer: %1"_s.arg((3 * 7919) % 97));
}

void tst_Emulator::oracleNeedsTopLevelObject()
{
    QString error;
    const QByteArray json = R"({"models": [{"id": "o/x", "reply": {"oracle": {"accuracy": 0.5}}}]})";
    QVERIFY(!ScenarioLoader::parse(json, QDir::tempPath(), &error));
    QCOMPARE(error, u"models[0].reply.oracle: needs the top-level \"oracle\" object"_s);
    const QByteArray badWrong = R"({"oracle": {"wrong": "often"}, "models": [{"id": "o/x", "reply": {"text": "x"}}]})";
    QVERIFY(!ScenarioLoader::parse(badWrong, QDir::tempPath(), &error));
    QCOMPARE(error, u"oracle.wrong: unknown value 'often', expected one of same, random"_s);
}

QTEST_GUILESS_MAIN(tst_Emulator)
#include "tst_Emulator.moc"
