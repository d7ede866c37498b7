#include "EmulatorProcess.h"
#include "ScenarioBuilder.h"

#include "fusion/PanelWriterStrategy.h"
#include "fusion/TurnRunner.h"
#include "provider/ChatClient.h"
#include "provider/ModelCatalogue.h"
#include "provider/ProviderRegistry.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Consilium;
using namespace Consilium::Testing;

// Whole turns against the emulator on a loopback port: three members and
// a writer, degraded panels, failed panels and Stop.
class TestTurnRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullTurnRecordsEveryCall();
    void eventsArriveInTurnOrder();
    void failedMemberDegradesTurn();
    void writerSeesOnlyAnswers();
    void allMembersOutOfCredits();
    void mixedFailuresFailTurn();
    void failedWriterFallsBack();
    void stopCancelsEveryCall();
    void panelMixesProviders();

private:
    struct Setup
    {
        EmulatorProcess emulator;
        ChatClient client;
        ModelCatalogue catalogue;
    };
    static bool prepare(Setup &setup, const QJsonArray &models);
    static std::unique_ptr<TurnRunner> makeRunner(Setup &setup, const QStringList &panel, const QString &writer);
    static QJsonArray standardModels();
};

QJsonArray TestTurnRunner::standardModels()
{
    return {
        // Provider-reported cost.
        withField(fixedModel(QStringLiteral("emu/a"), QStringLiteral("Alpha says **four**."), 12, 7),
                  QStringLiteral("usage"),
                  QJsonObject{{QStringLiteral("prompt_tokens"), 12},
                              {QStringLiteral("completion_tokens"), 7},
                              {QStringLiteral("cost"), QStringLiteral("0.000123")}}),
        // No cost in usage: computed from the catalogue, 20 × 1 + 9 × 2 micro-dollars.
        withField(fixedModel(QStringLiteral("emu/b"), QStringLiteral("Beta answers 4, with a table."), 20, 9),
                  QStringLiteral("report_cost"), false),
        withField(fixedModel(QStringLiteral("emu/c"), QStringLiteral("Gamma: the answer is 4."), 15, 6),
                  QStringLiteral("report_cost"), false),
        withField(fixedModel(QStringLiteral("emu/w"), QStringLiteral("## Answer\n\nIt is **4**."), 300, 8),
                  QStringLiteral("report_cost"), false),
    };
}

bool TestTurnRunner::prepare(Setup &setup, const QJsonArray &models)
{
    if (!setup.emulator.start(scenario(models))) {
        qWarning("%s", qPrintable(setup.emulator.error()));
        return false;
    }
    Endpoint endpoint;
    endpoint.baseUrl = setup.emulator.baseUrl();
    endpoint.apiKey = QStringLiteral("sk-test-turn");
    setup.client.setEndpoint(endpoint);
    setup.client.setRetryPolicy({3, 20, 50, 1000});

    QSignalSpy updated(&setup.catalogue, &ModelCatalogue::updated);
    setup.catalogue.refresh(endpoint);
    return updated.wait(10'000);
}

std::unique_ptr<TurnRunner> TestTurnRunner::makeRunner(Setup &setup, const QStringList &panel, const QString &writer)
{
    return std::make_unique<TurnRunner>(&setup.client, &setup.catalogue, Ensemble::fromModelIds(panel, writer),
                                        std::make_unique<PanelWriterStrategy>());
}

void TestTurnRunner::fullTurnRecordsEveryCall()
{
    Setup setup;
    QVERIFY(prepare(setup, standardModels()));
    auto runner = makeRunner(setup, {QStringLiteral("emu/a"), QStringLiteral("emu/b"), QStringLiteral("emu/c")},
                             QStringLiteral("emu/w"));
    QSignalSpy finished(runner.get(), &TurnRunner::finished);
    runner->start(QStringLiteral("What is 2 + 2?"));
    QVERIFY(finished.wait(20'000));

    const Turn &turn = runner->turn();
    QVERIFY(!turn.failure);
    QCOMPARE(turn.degraded, false);
    QCOMPARE(turn.answer, QStringLiteral("## Answer\n\nIt is **4**."));
    QCOMPARE(turn.calls.size(), 4);

    const QStringList texts{QStringLiteral("Alpha says **four**."), QStringLiteral("Beta answers 4, with a table."),
                            QStringLiteral("Gamma: the answer is 4."), QStringLiteral("## Answer\n\nIt is **4**.")};
    const QList<qint64> promptTokens{12, 20, 15, 300};
    const QList<qint64> completionTokens{7, 9, 6, 8};
    // Micro-dollars: a is the provider's figure, the rest are 1 × in + 2 × out.
    const QList<qint64> costMicro{123, 38, 27, 316};
    const QList<CostSource> sources{CostSource::Provider, CostSource::Computed, CostSource::Computed,
                                    CostSource::Computed};
    for (int i = 0; i < 4; ++i) {
        const CallRecord &call = turn.calls[i];
        QCOMPARE(call.outcome.status, CallStatus::Succeeded);
        QCOMPARE(call.stage, i < 3 ? Stage::Panel : Stage::Writer);
        QCOMPARE(call.outcome.text, texts[i]);
        QCOMPARE(call.cost.promptTokens, promptTokens[i]);
        QCOMPARE(call.cost.completionTokens, completionTokens[i]);
        QVERIFY(call.cost.cost.has_value());
        QCOMPARE(call.cost.cost->picoUsd(), costMicro[i] * 1'000'000);
        QCOMPARE(call.cost.source, sources[i]);
        QCOMPARE(call.outcome.finishReason, std::optional<QString>(QStringLiteral("stop")));
        QVERIFY(call.outcome.timings.sentAtMs > 0);
        QVERIFY(call.outcome.timings.timeToFirstTokenMs() >= 0);
        QVERIFY(call.outcome.timings.latencyMs() >= call.outcome.timings.timeToFirstTokenMs());
    }
    QCOMPARE(turn.totalCost().picoUsd(), (123 + 38 + 27 + 316) * 1'000'000LL);
}

void TestTurnRunner::eventsArriveInTurnOrder()
{
    Setup setup;
    QVERIFY(prepare(setup, standardModels()));
    auto runner = makeRunner(setup, {QStringLiteral("emu/a"), QStringLiteral("emu/b"), QStringLiteral("emu/c")},
                             QStringLiteral("emu/w"));

    QStringList events;
    connect(runner.get(), &TurnRunner::callStarted, this,
            [&events](int index) { events.append(QStringLiteral("start %1").arg(index)); });
    connect(runner.get(), &TurnRunner::callFinished, this,
            [&events](int index) { events.append(QStringLiteral("finish %1").arg(index)); });
    connect(runner.get(), &TurnRunner::answerContent, this, [&events] {
        if (events.isEmpty() || events.last() != u"answer")
            events.append(QStringLiteral("answer"));
    });
    connect(runner.get(), &TurnRunner::finished, this, [&events] { events.append(QStringLiteral("done")); });
    QSignalSpy finished(runner.get(), &TurnRunner::finished);
    runner->start(QStringLiteral("What is 2 + 2?"));
    QVERIFY(finished.wait(20'000));

    // All three panel calls start together, before any finishes.
    QCOMPARE(events.mid(0, 3), (QStringList{QStringLiteral("start 0"), QStringLiteral("start 1"),
                                            QStringLiteral("start 2")}));
    const qsizetype writerStart = events.indexOf(QStringLiteral("start 3"));
    QVERIFY(writerStart > 0);
    for (int panel = 0; panel < 3; ++panel)
        QVERIFY(events.indexOf(QStringLiteral("finish %1").arg(panel)) < writerStart);
    QCOMPARE(events.mid(writerStart), (QStringList{QStringLiteral("start 3"), QStringLiteral("answer"),
                                                   QStringLiteral("finish 3"), QStringLiteral("done")}));
}

void TestTurnRunner::failedMemberDegradesTurn()
{
    QJsonArray models = standardModels();
    models[1] = withField(models[1].toObject(), QStringLiteral("fault"),
                          QJsonObject{{QStringLiteral("kind"), QStringLiteral("http_error")},
                                      {QStringLiteral("status"), 429},
                                      {QStringLiteral("body"),
                                       QJsonObject{{QStringLiteral("error"),
                                                    QJsonObject{{QStringLiteral("code"), 429},
                                                                {QStringLiteral("message"),
                                                                 QStringLiteral("Rate limit exceeded upstream")}}}}}});
    Setup setup;
    QVERIFY(prepare(setup, models));
    auto runner = makeRunner(setup, {QStringLiteral("emu/a"), QStringLiteral("emu/b"), QStringLiteral("emu/c")},
                             QStringLiteral("emu/w"));
    QSignalSpy finished(runner.get(), &TurnRunner::finished);
    runner->start(QStringLiteral("What is 2 + 2?"));
    QVERIFY(finished.wait(20'000));

    const Turn &turn = runner->turn();
    QVERIFY(!turn.failure);
    QCOMPARE(turn.degraded, true);
    QVERIFY(turn.degradedReason.contains(QStringLiteral("emu/b")));
    QCOMPARE(turn.answer, QStringLiteral("## Answer\n\nIt is **4**."));
    QCOMPARE(turn.calls[1].outcome.status, CallStatus::Failed);
    QCOMPARE(turn.calls[1].outcome.error.kind, ErrorKind::RateLimited);
    QCOMPARE(turn.calls[1].outcome.error.message, QStringLiteral("Rate limit exceeded upstream"));
    QCOMPARE(turn.calls[1].cost.cost->picoUsd(), 0);
    QCOMPARE(turn.calls[0].outcome.status, CallStatus::Succeeded);
    QCOMPARE(turn.calls[2].outcome.status, CallStatus::Succeeded);
}

void TestTurnRunner::writerSeesOnlyAnswers()
{
    QJsonArray models = standardModels();
    models[2] = withField(models[2].toObject(), QStringLiteral("fault"),
                          QJsonObject{{QStringLiteral("kind"), QStringLiteral("error_event")},
                                      {QStringLiteral("after_tokens"), 2},
                                      {QStringLiteral("code"), 502},
                                      {QStringLiteral("message"), QStringLiteral("Provider disconnected")}});
    Setup setup;
    QVERIFY(prepare(setup, models));
    auto runner = makeRunner(setup, {QStringLiteral("emu/a"), QStringLiteral("emu/b"), QStringLiteral("emu/c")},
                             QStringLiteral("emu/w"));
    QSignalSpy finished(runner.get(), &TurnRunner::finished);
    runner->start(QStringLiteral("What is 2 + 2?"));
    QVERIFY(finished.wait(20'000));

    const CallRecord &failed = runner->turn().calls[2];
    QCOMPARE(failed.outcome.status, CallStatus::Failed);
    QCOMPARE(failed.outcome.error.kind, ErrorKind::InStream);
    QCOMPARE(failed.outcome.error.message, QStringLiteral("Provider disconnected"));
    // The text received before the error is kept.
    QCOMPARE(failed.outcome.text, QStringLiteral("Gamma: the"));

    const QJsonArray requests = setup.emulator.receivedRequests();
    QCOMPARE(requests.size(), 4);
    const QJsonObject writerRequest = requests.last().toObject();
    QCOMPARE(writerRequest.value(QStringLiteral("model")).toString(), QStringLiteral("emu/w"));
    const QString writerPrompt = QString::fromUtf8(
        QJsonDocument(writerRequest.value(QStringLiteral("body")).toObject()).toJson());
    QVERIFY(writerPrompt.contains(QStringLiteral("Alpha says **four**.")));
    QVERIFY(writerPrompt.contains(QStringLiteral("Beta answers 4, with a table.")));
    QVERIFY(!writerPrompt.contains(QStringLiteral("Gamma: the")));
    QVERIFY(writerPrompt.contains(QStringLiteral("What is 2 + 2?")));
}

void TestTurnRunner::allMembersOutOfCredits()
{
    const QJsonObject creditError{
        {QStringLiteral("kind"), QStringLiteral("http_error")},
        {QStringLiteral("status"), 402},
        {QStringLiteral("body"),
         QJsonObject{{QStringLiteral("error"),
                      QJsonObject{{QStringLiteral("code"), 402},
                                  {QStringLiteral("message"), QStringLiteral("Insufficient credits.")}}}}}};
    QJsonArray models = standardModels();
    for (int i = 0; i < 3; ++i)
        models[i] = withField(models[i].toObject(), QStringLiteral("fault"), creditError);
    Setup setup;
    QVERIFY(prepare(setup, models));
    auto runner = makeRunner(setup, {QStringLiteral("emu/a"), QStringLiteral("emu/b"), QStringLiteral("emu/c")},
                             QStringLiteral("emu/w"));
    QSignalSpy finished(runner.get(), &TurnRunner::finished);
    runner->start(QStringLiteral("What is 2 + 2?"));
    QVERIFY(finished.wait(20'000));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.failure, std::optional<TurnFailure>(TurnFailure::InsufficientCredits));
    QCOMPARE(turn.calls.size(), 3); // the writer never ran
    QVERIFY(turn.failureMessage.contains(QStringLiteral("Insufficient credits.")));
}

void TestTurnRunner::mixedFailuresFailTurn()
{
    QJsonArray models = standardModels();
    models[0] = withField(models[0].toObject(), QStringLiteral("fault"),
                          QJsonObject{{QStringLiteral("kind"), QStringLiteral("http_error")}, {QStringLiteral("status"), 500}});
    models[1] = withField(models[1].toObject(), QStringLiteral("fault"),
                          QJsonObject{{QStringLiteral("kind"), QStringLiteral("reset")}, {QStringLiteral("after_tokens"), 1}});
    models[2] = withField(models[2].toObject(), QStringLiteral("fault"),
                          QJsonObject{{QStringLiteral("kind"), QStringLiteral("cut")}, {QStringLiteral("after_tokens"), 1}});
    Setup setup;
    QVERIFY(prepare(setup, models));
    auto runner = makeRunner(setup, {QStringLiteral("emu/a"), QStringLiteral("emu/b"), QStringLiteral("emu/c")},
                             QStringLiteral("emu/w"));
    QSignalSpy finished(runner.get(), &TurnRunner::finished);
    runner->start(QStringLiteral("What is 2 + 2?"));
    QVERIFY(finished.wait(20'000));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.failure, std::optional<TurnFailure>(TurnFailure::AllMembersFailed));
    QCOMPARE(turn.calls[0].outcome.error.kind, ErrorKind::Server);
    QCOMPARE(turn.calls[1].outcome.error.kind, ErrorKind::Network);
    QCOMPARE(turn.calls[2].outcome.error.kind, ErrorKind::Incomplete);
    QCOMPARE(turn.calls[2].outcome.text, QStringLiteral("Gamma:"));
}

void TestTurnRunner::failedWriterFallsBack()
{
    QJsonArray models = standardModels();
    models[3] = withField(models[3].toObject(), QStringLiteral("fault"),
                          QJsonObject{{QStringLiteral("kind"), QStringLiteral("http_error")}, {QStringLiteral("status"), 503}});
    Setup setup;
    QVERIFY(prepare(setup, models));
    auto runner = makeRunner(setup, {QStringLiteral("emu/a"), QStringLiteral("emu/b"), QStringLiteral("emu/c")},
                             QStringLiteral("emu/w"));
    QSignalSpy finished(runner.get(), &TurnRunner::finished);
    runner->start(QStringLiteral("What is 2 + 2?"));
    QVERIFY(finished.wait(20'000));

    const Turn &turn = runner->turn();
    QVERIFY(!turn.failure);
    QCOMPARE(turn.degraded, true);
    QCOMPARE(turn.answer, QStringLiteral("Alpha says **four**."));
    QVERIFY(turn.degradedReason.contains(QStringLiteral("emu/w")));
}

void TestTurnRunner::stopCancelsEveryCall()
{
    QJsonArray models;
    for (const QString &id : {QStringLiteral("emu/s1"), QStringLiteral("emu/s2"), QStringLiteral("emu/s3")}) {
        QJsonObject model = fixedModel(id, QStringLiteral("one two three four five six seven eight nine ten"), 5, 10);
        model.insert(QStringLiteral("tokens_per_second"), 4);
        models.append(model);
    }
    models.append(fixedModel(QStringLiteral("emu/w"), QStringLiteral("unused"), 1, 1));
    Setup setup;
    QVERIFY(prepare(setup, models));
    auto runner = makeRunner(setup, {QStringLiteral("emu/s1"), QStringLiteral("emu/s2"), QStringLiteral("emu/s3")},
                             QStringLiteral("emu/w"));
    QSignalSpy content(runner.get(), &TurnRunner::callContent);
    QSignalSpy finished(runner.get(), &TurnRunner::finished);
    runner->start(QStringLiteral("Count to ten."));
    QVERIFY(content.wait(10'000));

    runner->cancel();
    // Cancellation is synchronous: nothing is left in flight when it returns.
    QCOMPARE(finished.size(), 1);
    QVERIFY(!runner->isRunning());
    const Turn &turn = runner->turn();
    QCOMPARE(turn.failure, std::optional<TurnFailure>(TurnFailure::Cancelled));
    QCOMPARE(turn.calls.size(), 3);
    for (const CallRecord &call : turn.calls) {
        QCOMPARE(call.outcome.status, CallStatus::Cancelled);
        QVERIFY(call.outcome.timings.finishedAtMs > 0);
    }
    QVERIFY(!turn.calls[0].outcome.text.isEmpty() || !turn.calls[1].outcome.text.isEmpty()
            || !turn.calls[2].outcome.text.isEmpty());
}

void TestTurnRunner::panelMixesProviders()
{
    // Two servers stand for two providers; each knows only its own models.
    EmulatorProcess cloud;
    EmulatorProcess local;
    QVERIFY2(cloud.start(scenario({fixedModel(QStringLiteral("emu/a"), QStringLiteral("From the cloud."), 3, 3),
                                   fixedModel(QStringLiteral("emu/w"), QStringLiteral("Fused."), 9, 1)})),
             qPrintable(cloud.error()));
    QVERIFY2(local.start(scenario({fixedModel(QStringLiteral("llama3"), QStringLiteral("From this machine."), 3, 3)})),
             qPrintable(local.error()));

    ProviderRegistry registry;
    Endpoint cloudEndpoint;
    cloudEndpoint.baseUrl = cloud.baseUrl();
    registry.setEndpoint(cloudEndpoint);
    Endpoint localEndpoint;
    localEndpoint.providerId = QStringLiteral("ollama");
    localEndpoint.baseUrl = local.baseUrl();
    registry.setEndpoint(localEndpoint);
    QCOMPARE(registry.defaultProvider(), QStringLiteral("openrouter"));

    Ensemble ensemble = Ensemble::fromModelIds({QStringLiteral("emu/a"), QStringLiteral("llama3")},
                                               QStringLiteral("emu/w"));
    ensemble.panel[1].provider = QStringLiteral("ollama");
    TurnRunner runner(&registry, ensemble, std::make_unique<PanelWriterStrategy>());
    QSignalSpy finished(&runner, &TurnRunner::finished);
    runner.start(QStringLiteral("Where are you?"));
    QVERIFY(finished.wait(20'000));

    const Turn &turn = runner.turn();
    QVERIFY(!turn.failure);
    QCOMPARE(turn.degraded, false);
    QCOMPARE(turn.calls[0].outcome.text, QStringLiteral("From the cloud."));
    QCOMPARE(turn.calls[1].outcome.text, QStringLiteral("From this machine."));
    QCOMPARE(turn.calls[1].provider, QStringLiteral("ollama"));
    QCOMPARE(cloud.receivedRequests().size(), 2);
    QCOMPARE(local.receivedRequests().size(), 1);
}

QTEST_GUILESS_MAIN(TestTurnRunner)
#include "tst_TurnRunner.moc"
