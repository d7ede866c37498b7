#include "StrategyHarness.h"

#include <QTest>

using namespace Consilium;
using namespace Consilium::Testing;

// What every strategy shares: quorum, deadline, stragglers, re-fuse, member
// retry, conversation history, and the server-side fusion.
class TestStrategyLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quorumCancelsStragglers();
    void quorumKeepsStragglers();
    void deadlineFusesAnswersIn();
    void deadlineBelowMinimumFails();
    void fuseAgainSkipsPanel();
    void retryMemberAlone();
    void historyOwnAnswers();
    void serverFusionRequestShape();
    void serverFusionFailureTyped();

private:
    static QJsonArray panelWithSlowMember();
};

QJsonArray TestStrategyLifecycle::panelWithSlowMember()
{
    return {fixedModel(QStringLiteral("q/a"), QStringLiteral("Fast A."), 5, 5),
            fixedModel(QStringLiteral("q/b"), QStringLiteral("Fast B."), 5, 5),
            withField(fixedModel(QStringLiteral("q/slow"), QStringLiteral("Slow."), 5, 5), QStringLiteral("ttft_ms"), 5000),
            fixedModel(QStringLiteral("q/w"), QStringLiteral("Fused."), 5, 5)};
}

void TestStrategyLifecycle::quorumCancelsStragglers()
{
    StrategyHarness harness;
    QVERIFY(harness.start(panelWithSlowMember()));
    FusionSettings settings = settingsFor(QStringLiteral("fusion"));
    settings.quorum = 2;
    auto runner = harness.runner({QStringLiteral("q/a"), QStringLiteral("q/b"), QStringLiteral("q/slow")},
                                 QStringLiteral("q/w"), settings);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Go.")));

    const Turn &turn = runner->turn();
    QVERIFY(timer.elapsed() < 4000);
    QCOMPARE(turn.answer, QStringLiteral("Fused."));
    QCOMPARE(turn.degraded, false);
    QCOMPARE(turn.calls[2].outcome.status, CallStatus::Cancelled);
    const QString writerPrompt = StrategyHarness::lastUserText(harness.requestsTo(QStringLiteral("q/w")).first());
    QVERIFY(writerPrompt.contains(QStringLiteral("Fast B.")));
    QVERIFY(!writerPrompt.contains(QStringLiteral("Slow.")));
}

void TestStrategyLifecycle::quorumKeepsStragglers()
{
    QJsonArray models = panelWithSlowMember();
    models[2] = withField(models[2].toObject(), QStringLiteral("ttft_ms"), 400);
    StrategyHarness harness;
    QVERIFY(harness.start(models));
    FusionSettings settings = settingsFor(QStringLiteral("vote"));
    settings.quorum = 2;
    settings.stragglers = StragglerPolicy::Keep;
    auto runner = harness.runner({QStringLiteral("q/a"), QStringLiteral("q/b"), QStringLiteral("q/slow")}, QString(),
                                 settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Go.")));

    QCOMPARE(runner->turn().analysis[QStringLiteral("cast_votes")].toInt(), 2);
    QSignalSpy callFinished(runner.get(), &TurnRunner::callFinished);
    QVERIFY(callFinished.wait(5000));
    QCOMPARE(callFinished.first().first().toInt(), 2);
    QCOMPARE(runner->turn().calls[2].outcome.status, CallStatus::Succeeded);
    QCOMPARE(runner->turn().calls[2].outcome.text, QStringLiteral("Slow."));
}

void TestStrategyLifecycle::deadlineFusesAnswersIn()
{
    StrategyHarness harness;
    QVERIFY(harness.start(panelWithSlowMember()));
    FusionSettings settings = settingsFor(QStringLiteral("fusion"));
    settings.deadlineMs = 600;
    auto runner = harness.runner({QStringLiteral("q/a"), QStringLiteral("q/b"), QStringLiteral("q/slow")},
                                 QStringLiteral("q/w"), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Go.")));

    const Turn &turn = runner->turn();
    QVERIFY(!turn.failure);
    QCOMPARE(turn.answer, QStringLiteral("Fused."));
    QCOMPARE(turn.degraded, true);
    QCOMPARE(turn.degradedReason, QStringLiteral("The panel deadline of 600 ms passed before q/slow answered."));
    QCOMPARE(turn.calls[2].outcome.status, CallStatus::Cancelled);
}

void TestStrategyLifecycle::deadlineBelowMinimumFails()
{
    QJsonArray models = panelWithSlowMember();
    models[1] = withField(models[1].toObject(), QStringLiteral("ttft_ms"), 5000);
    StrategyHarness harness;
    QVERIFY(harness.start(models));
    FusionSettings settings = settingsFor(QStringLiteral("fusion"));
    settings.deadlineMs = 600;
    settings.minAnswers = 2;
    auto runner = harness.runner({QStringLiteral("q/a"), QStringLiteral("q/b"), QStringLiteral("q/slow")},
                                 QStringLiteral("q/w"), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Go.")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.failure, std::optional<TurnFailure>(TurnFailure::BelowQuorum));
    QVERIFY2(turn.failureMessage.startsWith(QStringLiteral("Only 1 of 3 panel members answered; at least 2 are required.")),
             qPrintable(turn.failureMessage));
    QCOMPARE(harness.requestsTo(QStringLiteral("q/w")).size(), 0);
}

void TestStrategyLifecycle::fuseAgainSkipsPanel()
{
    StrategyHarness harness;
    QVERIFY(harness.start({fixedModel(QStringLiteral("r/a"), QStringLiteral("Answer: 3"), 5, 5),
                           fixedModel(QStringLiteral("r/b"), QStringLiteral("Answer: 3"), 5, 5),
                           fixedModel(QStringLiteral("r/w"), QStringLiteral("Fused 3."), 5, 5),
                           fixedModel(QStringLiteral("r/w2"), QStringLiteral("Rewritten 3."), 5, 5)}));
    auto first = harness.runner({QStringLiteral("r/a"), QStringLiteral("r/b")}, QStringLiteral("r/w"),
                                settingsFor(QStringLiteral("fusion")));
    QVERIFY(StrategyHarness::run(*first, QStringLiteral("1 + 2?")));
    QCOMPARE(harness.emulator.receivedRequests().size(), 3);

    // Another writer, then another strategy, over the same answers.
    auto rewrite = harness.runner({QStringLiteral("r/a"), QStringLiteral("r/b")}, QStringLiteral("r/w2"),
                                  settingsFor(QStringLiteral("fusion")));
    QSignalSpy rewritten(rewrite.get(), &TurnRunner::finished);
    rewrite->fuseAgain(first->turn());
    QVERIFY(rewritten.wait(10'000));
    QCOMPARE(rewrite->turn().answer, QStringLiteral("Rewritten 3."));
    QCOMPARE(rewrite->turn().prompt, QStringLiteral("1 + 2?"));
    QCOMPARE(rewrite->turn().calls.size(), 3);
    QCOMPARE(rewrite->turn().calls[0].reused, true);
    QCOMPARE(rewrite->turn().calls[2].reused, false);
    QCOMPARE(rewrite->turn().totalCost(), rewrite->turn().calls[2].cost.cost.value_or(Money()));

    auto vote = harness.runner({QStringLiteral("r/a"), QStringLiteral("r/b")}, QString(), settingsFor(QStringLiteral("vote")));
    QSignalSpy voted(vote.get(), &TurnRunner::finished);
    vote->fuseAgain(first->turn());
    QVERIFY(voted.wait(10'000));
    QCOMPARE(vote->turn().strategy, QStringLiteral("vote"));
    QCOMPARE(vote->turn().analysis[QStringLiteral("final_answer")].toString(), QStringLiteral("3"));
    QCOMPARE(harness.requestsTo(QStringLiteral("r/a")).size(), 1);
    QCOMPARE(harness.requestsTo(QStringLiteral("r/b")).size(), 1);
}

void TestStrategyLifecycle::retryMemberAlone()
{
    StrategyHarness harness;
    QVERIFY(harness.start({fixedModel(QStringLiteral("r/a"), QStringLiteral("Alpha."), 5, 5),
                           withField(withField(fixedModel(QStringLiteral("r/b"), QStringLiteral("Beta."), 5, 5),
                                               QStringLiteral("fault"), httpError(500, QStringLiteral("flaky"))),
                                     QStringLiteral("fail_first_n"), 1),
                           fixedModel(QStringLiteral("r/w"), QStringLiteral("Fused."), 5, 5)}));
    auto first = harness.runner({QStringLiteral("r/a"), QStringLiteral("r/b")}, QStringLiteral("r/w"),
                                settingsFor(QStringLiteral("fusion")));
    QVERIFY(StrategyHarness::run(*first, QStringLiteral("Hello?")));
    QCOMPARE(first->turn().degraded, true);
    QCOMPARE(first->turn().calls[1].outcome.status, CallStatus::Failed);

    auto retry = harness.runner({QStringLiteral("r/a"), QStringLiteral("r/b")}, QStringLiteral("r/w"),
                                settingsFor(QStringLiteral("fusion")));
    QSignalSpy finished(retry.get(), &TurnRunner::finished);
    retry->retryMember(first->turn(), 1);
    QVERIFY(finished.wait(10'000));

    const Turn &turn = retry->turn();
    QCOMPARE(turn.degraded, false);
    QCOMPARE(turn.calls.size(), 3);
    QCOMPARE(turn.calls[0].model, QStringLiteral("r/a"));
    QCOMPARE(turn.calls[0].reused, true);
    QCOMPARE(turn.calls[1].model, QStringLiteral("r/b"));
    QCOMPARE(turn.calls[1].reused, false);
    QCOMPARE(turn.calls[1].outcome.text, QStringLiteral("Beta."));
    QCOMPARE(harness.requestsTo(QStringLiteral("r/a")).size(), 1);
    QCOMPARE(harness.requestsTo(QStringLiteral("r/b")).size(), 2);
    QVERIFY(StrategyHarness::lastUserText(harness.requestsTo(QStringLiteral("r/w")).last()).contains(QStringLiteral("Beta.")));
}

void TestStrategyLifecycle::historyOwnAnswers()
{
    StrategyHarness harness;
    QVERIFY(harness.start({fixedModel(QStringLiteral("h/a"), QStringLiteral("A now."), 5, 5),
                           fixedModel(QStringLiteral("h/b"), QStringLiteral("B now."), 5, 5),
                           fixedModel(QStringLiteral("h/w"), QStringLiteral("W now."), 5, 5)}));
    Turn earlier;
    earlier.prompt = QStringLiteral("Earlier question");
    earlier.answer = QStringLiteral("Earlier fused");
    CallRecord own;
    own.model = QStringLiteral("h/a");
    own.outcome.status = CallStatus::Succeeded;
    own.outcome.text = QStringLiteral("Earlier from A");
    earlier.calls.append(own);

    auto runner = harness.runner({QStringLiteral("h/a"), QStringLiteral("h/b")}, QStringLiteral("h/w"),
                                 settingsFor(QStringLiteral("fusion")));
    runner->setEarlierTurns({earlier}, HistoryMode::OwnAnswers);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Now?")));

    const QJsonArray messagesA = harness.requestsTo(QStringLiteral("h/a")).first()[QStringLiteral("body")][QStringLiteral("messages")].toArray();
    QCOMPARE(messagesA.size(), 3);
    QCOMPARE(messagesA[0][QStringLiteral("content")].toString(), QStringLiteral("Earlier question"));
    QCOMPARE(messagesA[1][QStringLiteral("content")].toString(), QStringLiteral("Earlier from A"));
    const QJsonArray messagesB = harness.requestsTo(QStringLiteral("h/b")).first()[QStringLiteral("body")][QStringLiteral("messages")].toArray();
    QCOMPARE(messagesB[1][QStringLiteral("content")].toString(), QStringLiteral("Earlier fused"));
    QCOMPARE(messagesB[2][QStringLiteral("content")].toString(), QStringLiteral("Now?"));
}

void TestStrategyLifecycle::serverFusionRequestShape()
{
    const QString analysis = QStringLiteral(
        R"({"consensus": ["yes"], "contradictions": [], "partial_coverage": [], "unique_insights": [{"model": "s/a", "insight": "i"}], "blind_spots": []})");
    StrategyHarness harness;
    QVERIFY(harness.start({withField(fixedModel(QStringLiteral("openrouter/fusion"), QStringLiteral("Server answer."), 5, 5),
                                     QStringLiteral("reasoning"), analysis)}));
    FusionSettings settings = settingsFor(QStringLiteral("openrouter-fusion"));
    settings.judge.model = QStringLiteral("s/judge");
    auto runner = harness.runner({QStringLiteral("s/a"), QStringLiteral("s/b")}, QString(), settings);
    QSignalSpy answer(runner.get(), &TurnRunner::answerContent);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Deliberate.")));

    const Turn &turn = runner->turn();
    QVERIFY(!turn.failure);
    QCOMPARE(turn.strategy, QStringLiteral("openrouter-fusion"));
    QCOMPARE(turn.answer, QStringLiteral("Server answer."));
    QVERIFY(answer.size() > 0);
    QCOMPARE(turn.calls.size(), 1);
    QCOMPARE(turn.analysis[QStringLiteral("unique_insights")][0][QStringLiteral("model")].toString(), QStringLiteral("s/a"));

    const QJsonObject request = harness.requestsTo(QStringLiteral("openrouter/fusion")).first();
    const QJsonObject plugin = request[QStringLiteral("body")][QStringLiteral("plugins")][0].toObject();
    QCOMPARE(plugin[QStringLiteral("id")].toString(), QStringLiteral("fusion"));
    QCOMPARE(plugin[QStringLiteral("analysis_models")].toArray(), (QJsonArray{QStringLiteral("s/a"), QStringLiteral("s/b")}));
    QCOMPARE(plugin[QStringLiteral("model")].toString(), QStringLiteral("s/judge"));
    QCOMPARE(request[QStringLiteral("body")][QStringLiteral("stream")].toBool(), true);
    QVERIFY(!request[QStringLiteral("headers")].toObject().contains(QStringLiteral("X-Consilium-Fusion-Depth")));
    QCOMPARE(request[QStringLiteral("headers")][QStringLiteral("Authorization")].toString(), QStringLiteral("<redacted>"));
}

void TestStrategyLifecycle::serverFusionFailureTyped()
{
    StrategyHarness harness;
    QVERIFY(harness.start({withField(fixedModel(QStringLiteral("openrouter/fusion"), QStringLiteral("x"), 5, 5),
                                     QStringLiteral("fault"), httpError(402, QStringLiteral("Insufficient credits")))}));
    auto runner = harness.runner({QStringLiteral("s/a")}, QStringLiteral("s/w"), settingsFor(QStringLiteral("openrouter-fusion")));
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Deliberate.")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.failure, std::optional<TurnFailure>(TurnFailure::InsufficientCredits));
    QVERIFY(turn.failureMessage.contains(QStringLiteral("Insufficient credits")));
    const QJsonObject plugin = harness.requestsTo(QStringLiteral("openrouter/fusion")).first()[QStringLiteral("body")][QStringLiteral("plugins")][0].toObject();
    QCOMPARE(plugin[QStringLiteral("model")].toString(), QStringLiteral("s/w"));
}

QTEST_GUILESS_MAIN(TestStrategyLifecycle)
#include "tst_StrategyLifecycle.moc"
