#include "EmulatorProcess.h"
#include "ScenarioBuilder.h"

#include "provider/ChatClient.h"

#include <QSignalSpy>
#include <QTest>

using namespace Consilium;
using namespace Consilium::Testing;

// One call at a time against the emulator: faults, timeouts and the
// request the client puts on the wire.
class TestChatCall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void streamedCallCompletes();
    void requestCarriesProtocolFields();
    void nonStreamedCallCompletes();
    void httpErrorKeepsRetryAfter();
    void stallEndsWithIdleTimeout();
    void slowFirstTokenTimesOut();
    void keepAlivesAreCounted();
    void malformedEventIsSkipped();
    void connectionRefusedIsNetworkError();
    void maxTokensMarksTruncated();
    void sixteenCallsAreInFlightTogether();
    void transientErrorsAreRetried();
    void retryAfterSetsTheWait();
    void clientErrorsAreNotRetried_data();
    void clientErrorsAreNotRetried();
    void noRetryAfterFirstToken();
    void cancelDuringRetryWait();

private:
    static ChatRequest requestFor(const QString &model);
    static void pointAt(ChatClient &client, const EmulatorProcess &emulator);
};

ChatRequest TestChatCall::requestFor(const QString &model)
{
    ChatRequest request;
    request.model = model;
    request.messages.append(ChatMessage{QStringLiteral("user"), QStringLiteral("Say something.")});
    request.maxTokens = 256;
    return request;
}

void TestChatCall::pointAt(ChatClient &client, const EmulatorProcess &emulator)
{
    Endpoint endpoint;
    endpoint.baseUrl = emulator.baseUrl();
    endpoint.apiKey = QStringLiteral("sk-test-call-secret");
    client.setEndpoint(endpoint);
}

void TestChatCall::streamedCallCompletes()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({fixedModel(QStringLiteral("emu/a"), QStringLiteral("Hello there, world."), 5, 4)})),
             qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);

    QObject owner;
    ChatCall *call = client.send(requestFor(QStringLiteral("emu/a")), &owner);
    QSignalSpy content(call, &ChatCall::contentReceived);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    const CallOutcome &outcome = call->outcome();
    QCOMPARE(outcome.status, CallStatus::Succeeded);
    QCOMPARE(outcome.text, QStringLiteral("Hello there, world."));
    QVERIFY(content.size() >= 2); // streamed in pieces, not in one block
    QCOMPARE(outcome.finishReason, std::optional<QString>(QStringLiteral("stop")));
    QVERIFY(outcome.usage.has_value());
    QCOMPARE(outcome.usage->promptTokens, 5);
    QCOMPARE(outcome.usage->completionTokens, 4);
    QCOMPARE(outcome.usage->providerCost->picoUsd(), (5 * 1 + 4 * 2) * 1'000'000LL);
    QCOMPARE(outcome.upstreamProvider, QStringLiteral("Emulator"));
}

void TestChatCall::requestCarriesProtocolFields()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({fixedModel(QStringLiteral("emu/a"), QStringLiteral("ok"), 1, 1)})),
             qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);
    QObject owner;
    ChatCall *call = client.send(requestFor(QStringLiteral("emu/a")), &owner);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    const QJsonArray requests = emulator.receivedRequests();
    QCOMPARE(requests.size(), 1);
    const QJsonObject request = requests.first().toObject();
    const QJsonObject body = request.value(QStringLiteral("body")).toObject();
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("emu/a"));
    QCOMPARE(body.value(QStringLiteral("stream")).toBool(), true);
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 256);
    QCOMPARE(body.value(QStringLiteral("stream_options")).toObject().value(QStringLiteral("include_usage")).toBool(),
             true);
    const QJsonObject headers = request.value(QStringLiteral("headers")).toObject();
    QString authorization;
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (it.key().compare(QStringLiteral("authorization"), Qt::CaseInsensitive) == 0)
            authorization = it.value().toString();
    }
    // The emulator redacts the key in its log; the header must have been sent.
    QCOMPARE(authorization, QStringLiteral("<redacted>"));
}

void TestChatCall::nonStreamedCallCompletes()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({fixedModel(QStringLiteral("emu/a"), QStringLiteral("Whole answer."), 3, 2)})),
             qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);
    ChatRequest request = requestFor(QStringLiteral("emu/a"));
    request.stream = false;
    QObject owner;
    ChatCall *call = client.send(request, &owner);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    QCOMPARE(call->outcome().status, CallStatus::Succeeded);
    QCOMPARE(call->outcome().text, QStringLiteral("Whole answer."));
    QCOMPARE(call->outcome().usage->completionTokens, 2);
}

void TestChatCall::httpErrorKeepsRetryAfter()
{
    QJsonObject model = fixedModel(QStringLiteral("emu/a"), QStringLiteral("never"), 1, 1);
    model.insert(QStringLiteral("fault"),
                 QJsonObject{{QStringLiteral("kind"), QStringLiteral("http_error")},
                             {QStringLiteral("status"), 429},
                             {QStringLiteral("headers"), QJsonObject{{QStringLiteral("Retry-After"), QStringLiteral("6")}}},
                             {QStringLiteral("body"),
                              QJsonObject{{QStringLiteral("error"),
                                           QJsonObject{{QStringLiteral("message"), QStringLiteral("Slow down")},
                                                       {QStringLiteral("type"), QStringLiteral("tokens")},
                                                       {QStringLiteral("code"), QStringLiteral("rate_limit_exceeded")}}}}}});
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({model})), qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);
    client.setRetryPolicy({1, 1000, 1000, 1000});
    QObject owner;
    ChatCall *call = client.send(requestFor(QStringLiteral("emu/a")), &owner);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    const ProviderError &error = call->outcome().error;
    QCOMPARE(call->outcome().status, CallStatus::Failed);
    QCOMPARE(error.kind, ErrorKind::RateLimited);
    QCOMPARE(error.httpStatus, 429);
    QCOMPARE(error.message, QStringLiteral("Slow down"));
    QCOMPARE(error.code, QStringLiteral("rate_limit_exceeded"));
    QVERIFY(error.retryAfter.has_value());
    QCOMPARE(error.retryAfter->count(), 6000);
    QVERIFY(error.isRetryable());
}

void TestChatCall::stallEndsWithIdleTimeout()
{
    QJsonObject model = fixedModel(QStringLiteral("emu/a"), QStringLiteral("one two three four five"), 1, 5);
    model.insert(QStringLiteral("fault"),
                 QJsonObject{{QStringLiteral("kind"), QStringLiteral("stall")}, {QStringLiteral("after_tokens"), 3}});
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({model})), qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);
    client.setTimeouts({5000, 5000, 1500});
    QObject owner;
    ChatCall *call = client.send(requestFor(QStringLiteral("emu/a")), &owner);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    QCOMPARE(call->outcome().status, CallStatus::Failed);
    QCOMPARE(call->outcome().error.kind, ErrorKind::Timeout);
    QVERIFY(call->outcome().error.message.contains(QStringLiteral("idle")));
    QCOMPARE(call->outcome().text, QStringLiteral("one two three"));
}

void TestChatCall::slowFirstTokenTimesOut()
{
    QJsonObject model = fixedModel(QStringLiteral("emu/a"), QStringLiteral("late"), 1, 1);
    model.insert(QStringLiteral("ttft_ms"), 3000);
    model.insert(QStringLiteral("keepalive_before_first_token"), 0);
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({model})), qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);
    client.setTimeouts({5000, 300, 5000});
    QObject owner;
    ChatCall *call = client.send(requestFor(QStringLiteral("emu/a")), &owner);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    QCOMPARE(call->outcome().error.kind, ErrorKind::Timeout);
    QVERIFY(call->outcome().error.message.contains(QStringLiteral("time to first token")));
}

void TestChatCall::keepAlivesAreCounted()
{
    QJsonObject model = fixedModel(QStringLiteral("emu/a"), QStringLiteral("after the wait"), 1, 3);
    model.insert(QStringLiteral("ttft_ms"), 300);
    model.insert(QStringLiteral("keepalive_before_first_token"), 3);
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({model})), qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);
    QObject owner;
    ChatCall *call = client.send(requestFor(QStringLiteral("emu/a")), &owner);
    QSignalSpy keepAlive(call, &ChatCall::keepAliveReceived);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    QCOMPARE(call->outcome().status, CallStatus::Succeeded);
    QCOMPARE(call->outcome().keepAlives, 3);
    QVERIFY(keepAlive.size() >= 1);
    QCOMPARE(call->outcome().text, QStringLiteral("after the wait"));
}

void TestChatCall::malformedEventIsSkipped()
{
    QJsonObject model = fixedModel(QStringLiteral("emu/a"), QStringLiteral("alpha beta gamma delta"), 1, 4);
    model.insert(QStringLiteral("fault"),
                 QJsonObject{{QStringLiteral("kind"), QStringLiteral("malformed")}, {QStringLiteral("after_tokens"), 2}});
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({model})), qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);
    QObject owner;
    ChatCall *call = client.send(requestFor(QStringLiteral("emu/a")), &owner);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    QCOMPARE(call->outcome().status, CallStatus::Succeeded);
    QVERIFY(call->outcome().skippedEvents >= 1);
    QCOMPARE(call->outcome().text, QStringLiteral("alpha beta gamma delta"));
}

void TestChatCall::connectionRefusedIsNetworkError()
{
    // Find a loopback port with nothing listening: start and stop an emulator.
    QUrl deadUrl;
    {
        EmulatorProcess emulator;
        QVERIFY2(emulator.start(scenario({fixedModel(QStringLiteral("emu/a"), QStringLiteral("x"), 1, 1)})),
                 qPrintable(emulator.error()));
        deadUrl = emulator.baseUrl();
    }
    ChatClient client;
    Endpoint endpoint;
    endpoint.baseUrl = deadUrl;
    client.setEndpoint(endpoint);
    QObject owner;
    ChatCall *call = client.send(requestFor(QStringLiteral("emu/a")), &owner);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    QCOMPARE(call->outcome().status, CallStatus::Failed);
    QCOMPARE(call->outcome().error.kind, ErrorKind::Network);
    QVERIFY(call->outcome().error.message.contains(QStringLiteral("127.0.0.1")));
}

void TestChatCall::maxTokensMarksTruncated()
{
    QJsonObject model = fixedModel(QStringLiteral("emu/a"), QStringLiteral("a b c d e f g h"), 1, 8);
    model.remove(QStringLiteral("usage"));
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({model})), qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);
    ChatRequest request = requestFor(QStringLiteral("emu/a"));
    request.maxTokens = 3;
    QObject owner;
    ChatCall *call = client.send(request, &owner);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    QCOMPARE(call->outcome().status, CallStatus::Succeeded);
    QVERIFY(call->outcome().isTruncated());
    QCOMPARE(call->outcome().text, QStringLiteral("a b c"));
    QCOMPARE(call->outcome().usage->completionTokens, 3);
}

void TestChatCall::sixteenCallsAreInFlightTogether()
{
    // Each answer waits 3 s for its first token, so if any request were
    // queued behind the six-connection limit it would arrive that much later.
    QJsonObject model = fixedModel(QStringLiteral("emu/slow"), QStringLiteral("done"), 1, 1);
    model.insert(QStringLiteral("ttft_ms"), 3000);
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({model})), qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);

    QObject owner;
    QList<ChatCall *> calls;
    for (int i = 0; i < 16; ++i)
        calls.append(client.send(requestFor(QStringLiteral("emu/slow")), &owner));
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(calls.cbegin(), calls.cend(), [](ChatCall *call) { return call->isFinished(); }),
                             15'000);
    for (ChatCall *call : std::as_const(calls))
        QCOMPARE(call->outcome().status, CallStatus::Succeeded);

    const QJsonArray requests = emulator.receivedRequests();
    QCOMPARE(requests.size(), 16);
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = 0;
    for (const QJsonValue &request : requests) {
        const qint64 arrived = qint64(request.toObject().value(QStringLiteral("arrived_at_ms")).toDouble());
        first = std::min(first, arrived);
        last = std::max(last, arrived);
    }
    QVERIFY2(last - first < 2500, qPrintable(QStringLiteral("arrival spread %1 ms").arg(last - first)));
    QCOMPARE(client.managerCount(), 3);
}

namespace {

QJsonObject faultyModel(const QJsonObject &fault, int failFirst = -1)
{
    QJsonObject model = fixedModel(QStringLiteral("emu/a"), QStringLiteral("finally an answer"), 2, 3);
    model.insert(QStringLiteral("fault"), fault);
    if (failFirst >= 0)
        model.insert(QStringLiteral("fail_first_n"), failFirst);
    return model;
}

QJsonObject httpFault(int status, const QJsonObject &headers = {})
{
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("http_error")},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("headers"), headers},
                       {QStringLiteral("body"),
                        QJsonObject{{QStringLiteral("error"),
                                     QJsonObject{{QStringLiteral("code"), status},
                                                 {QStringLiteral("message"), QStringLiteral("status %1").arg(status)}}}}}};
}

} // namespace

void TestChatCall::transientErrorsAreRetried()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({faultyModel(httpFault(503), 2)})), qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);
    client.setRetryPolicy({3, 50, 200, 5000});
    QObject owner;
    ChatCall *call = client.send(requestFor(QStringLiteral("emu/a")), &owner);
    QSignalSpy retries(call, &ChatCall::retryScheduled);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    QCOMPARE(call->outcome().status, CallStatus::Succeeded);
    QCOMPARE(call->outcome().text, QStringLiteral("finally an answer"));
    QCOMPARE(call->outcome().attempts, 3);
    QCOMPARE(retries.size(), 2);
    QCOMPARE(retries.at(0).at(0).toInt(), 2);
    QCOMPARE(retries.at(1).at(0).toInt(), 3);
    QCOMPARE(emulator.receivedRequests().size(), 3);
}

void TestChatCall::retryAfterSetsTheWait()
{
    const QJsonObject headers{{QStringLiteral("Retry-After"), QStringLiteral("0.4")}};
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({faultyModel(httpFault(429, headers), 1)})), qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);
    client.setRetryPolicy({3, 10, 10, 5000});
    QObject owner;
    ChatCall *call = client.send(requestFor(QStringLiteral("emu/a")), &owner);
    QSignalSpy retries(call, &ChatCall::retryScheduled);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    QCOMPARE(call->outcome().status, CallStatus::Succeeded);
    QCOMPARE(retries.size(), 1);
    // Retry-After is the minimum wait; jitter only adds to it.
    QVERIFY(retries.first().at(1).toInt() >= 400);
    const QJsonArray requests = emulator.receivedRequests();
    QCOMPARE(requests.size(), 2);
    const qint64 gap = qint64(requests[1].toObject().value(QStringLiteral("arrived_at_ms")).toDouble()
                              - requests[0].toObject().value(QStringLiteral("arrived_at_ms")).toDouble());
    QVERIFY2(gap >= 400, qPrintable(QStringLiteral("second request came %1 ms after the first").arg(gap)));
}

void TestChatCall::clientErrorsAreNotRetried_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<ErrorKind>("kind");
    QTest::newRow("400 bad request") << 400 << ErrorKind::BadRequest;
    QTest::newRow("401 bad key") << 401 << ErrorKind::Authentication;
    QTest::newRow("402 no credits") << 402 << ErrorKind::Credits;
    QTest::newRow("403 forbidden") << 403 << ErrorKind::Forbidden;
    QTest::newRow("404 unknown model") << 404 << ErrorKind::NotFound;
}

void TestChatCall::clientErrorsAreNotRetried()
{
    QFETCH(int, status);
    QFETCH(ErrorKind, kind);
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({faultyModel(httpFault(status))})), qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);
    client.setRetryPolicy({3, 10, 10, 5000});
    QObject owner;
    ChatCall *call = client.send(requestFor(QStringLiteral("emu/a")), &owner);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    QCOMPARE(call->outcome().status, CallStatus::Failed);
    QCOMPARE(call->outcome().error.kind, kind);
    QCOMPARE(call->outcome().attempts, 1);
    QCOMPARE(emulator.receivedRequests().size(), 1);
}

void TestChatCall::noRetryAfterFirstToken()
{
    const QJsonObject fault{{QStringLiteral("kind"), QStringLiteral("error_event")},
                            {QStringLiteral("after_tokens"), 1},
                            {QStringLiteral("code"), 502},
                            {QStringLiteral("message"), QStringLiteral("Provider disconnected")}};
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({faultyModel(fault)})), qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);
    client.setRetryPolicy({3, 10, 10, 5000});
    QObject owner;
    ChatCall *call = client.send(requestFor(QStringLiteral("emu/a")), &owner);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(finished.wait(10'000));

    QCOMPARE(call->outcome().status, CallStatus::Failed);
    QCOMPARE(call->outcome().text, QStringLiteral("finally"));
    QCOMPARE(call->outcome().attempts, 1);
    QCOMPARE(emulator.receivedRequests().size(), 1);
}

void TestChatCall::cancelDuringRetryWait()
{
    const QJsonObject headers{{QStringLiteral("Retry-After"), QStringLiteral("30")}};
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(scenario({faultyModel(httpFault(429, headers))})), qPrintable(emulator.error()));
    ChatClient client;
    pointAt(client, emulator);
    QObject owner;
    ChatCall *call = client.send(requestFor(QStringLiteral("emu/a")), &owner);
    QSignalSpy retries(call, &ChatCall::retryScheduled);
    QSignalSpy finished(call, &ChatCall::finished);
    QVERIFY(retries.wait(10'000));

    call->cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(call->outcome().status, CallStatus::Cancelled);
    QCOMPARE(emulator.receivedRequests().size(), 1);
}

QTEST_GUILESS_MAIN(TestChatCall)
#include "tst_ChatCall.moc"
