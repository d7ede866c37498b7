#include "StrategyHarness.h"

#include <QTest>

using namespace Consilium;
using namespace Consilium::Testing;

// The "fusion" strategy against the emulator: analyst JSON in fences,
// anonymised answers, every analyst degradation, failures and nesting.
class TestFusionStrategy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void analystJsonInFences();
    void anonymisedAnalystSeesLabels();
    void analystDegrades_data();
    void analystDegrades();
    void allMembersFailed_data();
    void allMembersFailed();
    void belowMinimumAnswersFails();
    void callsCarryDepthHeader();
    void nestedFusionMemberRejected();
    void registryListsEveryStrategy();

private:
    static QJsonArray panelModels(const QString &analystReply);
};

namespace {

const QString kValidAnalysis = QStringLiteral(
    R"({"consensus": ["2 + 2 is 4"],
        "contradictions": [{"topic": "notation", "stances": [{"model": "%1", "stance": "words"}, {"model": "%2", "stance": "digits"}]}],
        "partial_coverage": [{"point": "a table", "models": ["%2"]}],
        "unique_insights": [{"model": "%1", "insight": "bold"}],
        "blind_spots": ["proof"]})");

QString analysisFor(const QString &first, const QString &second)
{
    return kValidAnalysis.arg(first, second);
}

} // namespace

QJsonArray TestFusionStrategy::panelModels(const QString &analystReply)
{
    return {
        fixedModel(QStringLiteral("emu/a"), QStringLiteral("Alpha says four."), 10, 3),
        fixedModel(QStringLiteral("emu/b"), QStringLiteral("Beta says 4."), 10, 3),
        fixedModel(QStringLiteral("emu/an"), analystReply, 50, 40),
        fixedModel(QStringLiteral("emu/w"), QStringLiteral("It is 4."), 80, 3),
    };
}

void TestFusionStrategy::analystJsonInFences()
{
    StrategyHarness harness;
    const QString reply = QStringLiteral("Here is my analysis:\n```json\n%1\n```\nHope it helps.")
                              .arg(analysisFor(QStringLiteral("emu/a"), QStringLiteral("emu/b")));
    QVERIFY(harness.start(panelModels(reply)));
    FusionSettings settings = settingsFor(QStringLiteral("fusion"));
    settings.analyst.model = QStringLiteral("emu/an");
    auto runner = harness.runner({QStringLiteral("emu/a"), QStringLiteral("emu/b")}, QStringLiteral("emu/w"), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("What is 2 + 2?")));

    const Turn &turn = runner->turn();
    QVERIFY(!turn.failure);
    QCOMPARE(turn.strategy, QStringLiteral("fusion"));
    QCOMPARE(turn.degraded, false);
    QCOMPARE(turn.answer, QStringLiteral("It is 4."));
    QCOMPARE(turn.calls.size(), 4);
    QCOMPARE(turn.calls[2].stage, Stage::Analyst);
    QCOMPARE(turn.calls[3].stage, Stage::Writer);
    QCOMPARE(turn.analysis[QStringLiteral("consensus")].toArray().first().toString(), QStringLiteral("2 + 2 is 4"));
    QCOMPARE(turn.analysis[QStringLiteral("unique_insights")][0][QStringLiteral("model")].toString(), QStringLiteral("emu/a"));
    QVERIFY(turn.anonymousLabels.isEmpty());

    const QJsonObject analystRequest = harness.requestsTo(QStringLiteral("emu/an")).first();
    QCOMPARE(analystRequest[QStringLiteral("body")][QStringLiteral("temperature")].toDouble(), 0.0);
    const QString writerPrompt = StrategyHarness::lastUserText(harness.requestsTo(QStringLiteral("emu/w")).first());
    QVERIFY(writerPrompt.contains(QStringLiteral("\"blind_spots\"")));
    QVERIFY(writerPrompt.contains(QStringLiteral("Alpha says four.")));
}

void TestFusionStrategy::anonymisedAnalystSeesLabels()
{
    StrategyHarness harness;
    QVERIFY(harness.start(panelModels(analysisFor(QStringLiteral("Model A"), QStringLiteral("Model B")))));
    FusionSettings settings = settingsFor(QStringLiteral("fusion"));
    settings.analyst.model = QStringLiteral("emu/an");
    settings.anonymize = true;
    settings.shuffleSeed = 7;
    auto runner = harness.runner({QStringLiteral("emu/a"), QStringLiteral("emu/b")}, QStringLiteral("emu/w"), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("What is 2 + 2?")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.degraded, false);
    QCOMPARE(turn.anonymousLabels.size(), 2);
    const QString modelA = turn.anonymousLabels.value(QStringLiteral("Model A"));
    const QString modelB = turn.anonymousLabels.value(QStringLiteral("Model B"));
    QCOMPARE(QStringList({modelA, modelB}).size(), 2);
    QVERIFY(modelA != modelB);
    QCOMPARE(turn.analysis[QStringLiteral("unique_insights")][0][QStringLiteral("model")].toString(), modelA);
    QCOMPARE(turn.analysis[QStringLiteral("partial_coverage")][0][QStringLiteral("models")][0].toString(), modelB);

    const QString analystPrompt = StrategyHarness::lastUserText(harness.requestsTo(QStringLiteral("emu/an")).first());
    QVERIFY(analystPrompt.contains(QStringLiteral("## Model A")));
    QVERIFY(!analystPrompt.contains(QStringLiteral("emu/a")));
    QVERIFY(!analystPrompt.contains(QStringLiteral("emu/b")));

    // The same seed gives the same order.
    StrategyHarness again;
    QVERIFY(again.start(panelModels(analysisFor(QStringLiteral("Model A"), QStringLiteral("Model B")))));
    auto second = again.runner({QStringLiteral("emu/a"), QStringLiteral("emu/b")}, QStringLiteral("emu/w"), settings);
    QVERIFY(StrategyHarness::run(*second, QStringLiteral("What is 2 + 2?")));
    QCOMPARE(second->turn().anonymousLabels, turn.anonymousLabels);
}

void TestFusionStrategy::analystDegrades_data()
{
    QTest::addColumn<QJsonObject>("analyst");
    QTest::addColumn<QString>("reasonPart");

    const QJsonObject base = fixedModel(QStringLiteral("emu/an"), QStringLiteral("x"), 5, 5);
    QTest::newRow("fails") << withField(base, QStringLiteral("fault"), httpError(500, QStringLiteral("analyst down")))
                           << QStringLiteral("The analyst emu/an failed (analyst down)");
    QTest::newRow("empty") << withField(base, QStringLiteral("reply"), QJsonObject{{QStringLiteral("text"), QString()}})
                           << QStringLiteral("returned no usable JSON (the reply is empty)");
    QTest::newRow("invalid json")
        << withField(base, QStringLiteral("reply"), QJsonObject{{QStringLiteral("text"), QStringLiteral("{\"consensus\": [}")}})
        << QStringLiteral("returned no usable JSON (invalid JSON");
    QTest::newRow("stances not array")
        << withField(base, QStringLiteral("reply"),
                     QJsonObject{{QStringLiteral("text"),
                                  QStringLiteral(R"({"consensus": [], "contradictions": [{"topic": "t", "stances": []},
                                                    {"topic": "u", "stances": "all"}], "partial_coverage": [],
                                                    "unique_insights": [], "blind_spots": []})")}})
        << QStringLiteral("contradictions[1].stances: expected an array");
    QTest::newRow("unknown model")
        << withField(base, QStringLiteral("reply"),
                     QJsonObject{{QStringLiteral("text"), analysisFor(QStringLiteral("emu/a"), QStringLiteral("emu/zz"))}})
        << QStringLiteral("contradictions[0].stances[1].model: unknown model \"emu/zz\"");
    QTest::newRow("missing field")
        << withField(base, QStringLiteral("reply"),
                     QJsonObject{{QStringLiteral("text"), QStringLiteral(R"({"consensus": []})")}})
        << QStringLiteral("contradictions: missing");
}

void TestFusionStrategy::analystDegrades()
{
    QFETCH(QJsonObject, analyst);
    QFETCH(QString, reasonPart);

    QJsonArray models = panelModels(QStringLiteral("unused"));
    models[2] = analyst;
    StrategyHarness harness;
    QVERIFY(harness.start(models));
    FusionSettings settings = settingsFor(QStringLiteral("fusion"));
    settings.analyst.model = QStringLiteral("emu/an");
    auto runner = harness.runner({QStringLiteral("emu/a"), QStringLiteral("emu/b")}, QStringLiteral("emu/w"), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("What is 2 + 2?")));

    const Turn &turn = runner->turn();
    QVERIFY(!turn.failure);
    QCOMPARE(turn.degraded, true);
    QVERIFY2(turn.degradedReason.contains(reasonPart), qPrintable(turn.degradedReason));
    QVERIFY(turn.degradedReason.contains(QStringLiteral("the writer fused the raw answers")));
    QCOMPARE(turn.answer, QStringLiteral("It is 4."));
    QVERIFY(turn.analysis.isEmpty());
    const QString writerPrompt = StrategyHarness::lastUserText(harness.requestsTo(QStringLiteral("emu/w")).first());
    QVERIFY(!writerPrompt.contains(QStringLiteral("analyst's comparison")));
    QVERIFY(writerPrompt.contains(QStringLiteral("Beta says 4.")));
}

void TestFusionStrategy::allMembersFailed_data()
{
    QTest::addColumn<int>("statusA");
    QTest::addColumn<int>("statusB");
    QTest::addColumn<TurnFailure>("failure");

    QTest::newRow("credits") << 402 << 402 << TurnFailure::InsufficientCredits;
    QTest::newRow("rate limited") << 429 << 429 << TurnFailure::RateLimited;
    QTest::newRow("mixed") << 500 << 402 << TurnFailure::AllMembersFailed;
}

void TestFusionStrategy::allMembersFailed()
{
    QFETCH(int, statusA);
    QFETCH(int, statusB);
    QFETCH(TurnFailure, failure);

    QJsonArray models = panelModels(QStringLiteral("unused"));
    models[0] = withField(models[0].toObject(), QStringLiteral("fault"), httpError(statusA, QStringLiteral("no A")));
    models[1] = withField(models[1].toObject(), QStringLiteral("fault"), httpError(statusB, QStringLiteral("no B")));
    StrategyHarness harness;
    QVERIFY(harness.start(models));
    auto runner = harness.runner({QStringLiteral("emu/a"), QStringLiteral("emu/b")}, QStringLiteral("emu/w"),
                                 settingsFor(QStringLiteral("fusion")));
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("What is 2 + 2?")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.failure, std::optional<TurnFailure>(failure));
    QCOMPARE(turn.calls.size(), 2);
    QVERIFY(turn.failureMessage.contains(QStringLiteral("emu/a: no A")));
    QVERIFY(turn.failureMessage.contains(QStringLiteral("emu/b: no B")));
}

void TestFusionStrategy::belowMinimumAnswersFails()
{
    QJsonArray models = panelModels(QStringLiteral("unused"));
    models[1] = withField(models[1].toObject(), QStringLiteral("fault"), httpError(500, QStringLiteral("down")));
    StrategyHarness harness;
    QVERIFY(harness.start(models));
    FusionSettings settings = settingsFor(QStringLiteral("fusion"));
    settings.minAnswers = 2;
    auto runner = harness.runner({QStringLiteral("emu/a"), QStringLiteral("emu/b")}, QStringLiteral("emu/w"), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("What is 2 + 2?")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.failure, std::optional<TurnFailure>(TurnFailure::BelowQuorum));
    QVERIFY(turn.failureMessage.startsWith(QStringLiteral("Only 1 of 2 panel members answered; at least 2 are required.")));
    QCOMPARE(harness.requestsTo(QStringLiteral("emu/w")).size(), 0);
}

void TestFusionStrategy::callsCarryDepthHeader()
{
    StrategyHarness harness;
    QVERIFY(harness.start(panelModels(analysisFor(QStringLiteral("emu/a"), QStringLiteral("emu/b")))));
    FusionSettings settings = settingsFor(QStringLiteral("fusion"));
    settings.analyst.model = QStringLiteral("emu/an");
    auto runner = harness.runner({QStringLiteral("emu/a"), QStringLiteral("emu/b")}, QStringLiteral("emu/w"), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("What is 2 + 2?")));

    const QJsonArray requests = harness.emulator.receivedRequests();
    QCOMPARE(requests.size(), 4);
    for (const QJsonValue &request : requests)
        QCOMPARE(request[QStringLiteral("headers")][QStringLiteral("X-Consilium-Fusion-Depth")].toString(), QStringLiteral("1"));
}

void TestFusionStrategy::nestedFusionMemberRejected()
{
    QJsonArray models = panelModels(QStringLiteral("unused"));
    models.append(fixedModel(QStringLiteral("openrouter/fusion"), QStringLiteral("Server fused."), 5, 5));
    StrategyHarness harness;
    QVERIFY(harness.start(models));
    auto runner = harness.runner({QStringLiteral("emu/a"), QStringLiteral("openrouter/fusion")}, QStringLiteral("emu/w"),
                                 settingsFor(QStringLiteral("fusion")));
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("What is 2 + 2?")));

    const Turn &turn = runner->turn();
    QVERIFY(!turn.failure);
    QCOMPARE(turn.degraded, true);
    QCOMPARE(turn.calls[1].outcome.status, CallStatus::Failed);
    QCOMPARE(turn.calls[1].outcome.error.kind, ErrorKind::BadRequest);
    QVERIFY(turn.degradedReason.contains(QStringLiteral("cannot be a member of a local fusion")));
    QCOMPARE(harness.requestsTo(QStringLiteral("openrouter/fusion")).size(), 0);
}

void TestFusionStrategy::registryListsEveryStrategy()
{
    QCOMPARE(strategyNames(), (QStringList{QStringLiteral("fusion"), QStringLiteral("moa"), QStringLiteral("vote"),
                                           QStringLiteral("best-of-n"), QStringLiteral("debate"), QStringLiteral("cascade"),
                                           QStringLiteral("openrouter-fusion")}));
    for (const QString &name : strategyNames()) {
        const std::unique_ptr<FusionStrategy> strategy = makeStrategy(name, FusionSettings());
        QVERIFY(strategy);
        QCOMPARE(strategy->name(), name);
    }
    QVERIFY(!makeStrategy(QStringLiteral("no-such"), FusionSettings()));
}

QTEST_GUILESS_MAIN(TestFusionStrategy)
#include "tst_FusionStrategy.moc"
