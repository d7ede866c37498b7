#include "StrategyHarness.h"

#include <QTest>

using namespace Consilium;
using namespace Consilium::Testing;

// Strategies that pick rather than write: vote, best-of-n and cascade.
class TestVoteStrategy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void voteMajorityWins();
    void voteTieGoesToTieBreaker();
    void voteExtractorModel();
    void bestOfNListwise();
    void bestOfNPairwise();
    void bestOfNJudgeFails();
    void cascadeStopsAtFirstTier();
    void cascadeEscalatesOnDisagreement();
    void cascadeAgreementByJudge();
};

namespace {

QJsonObject priced(const QString &id, const QString &text, const QString &price)
{
    return withField(fixedModel(id, text, 10, 5), QStringLiteral("pricing"), pricing(price, price));
}

QStringList ids(std::initializer_list<const char *> names)
{
    QStringList list;
    for (const char *name : names)
        list.append(QString::fromLatin1(name));
    return list;
}

} // namespace

void TestVoteStrategy::voteMajorityWins()
{
    StrategyHarness harness;
    QVERIFY(harness.start({fixedModel(QStringLiteral("v/a"), QStringLiteral("I think the answer: 42."), 5, 5),
                           fixedModel(QStringLiteral("v/b"), QStringLiteral("It is 41, surely."), 5, 5),
                           fixedModel(QStringLiteral("v/c"), QStringLiteral("Final answer: **42**"), 5, 5)}));
    auto runner = harness.runner(ids({"v/a", "v/b", "v/c"}), QString(), settingsFor(QStringLiteral("vote")));
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("What is 6 x 7?")));

    const Turn &turn = runner->turn();
    QVERIFY(!turn.failure);
    QCOMPARE(turn.degraded, false);
    QCOMPARE(turn.answer, QStringLiteral("I think the answer: 42."));
    QCOMPARE(turn.analysis[QStringLiteral("final_answer")].toString(), QStringLiteral("42"));
    QCOMPARE(turn.analysis[QStringLiteral("winner_votes")].toInt(), 2);
    QCOMPARE(turn.analysis[QStringLiteral("cast_votes")].toInt(), 3);
    QCOMPARE(turn.analysis[QStringLiteral("confidence")].toDouble(), 2.0 / 3.0);
    QCOMPARE(turn.analysis[QStringLiteral("votes")][1][QStringLiteral("answer")].toString(), QStringLiteral("41"));
    QCOMPARE(turn.calls.size(), 3);
}

void TestVoteStrategy::voteTieGoesToTieBreaker()
{
    StrategyHarness harness;
    QVERIFY(harness.start({fixedModel(QStringLiteral("v/a"), QStringLiteral("Answer: (B)"), 5, 5),
                           fixedModel(QStringLiteral("v/b"), QStringLiteral("Answer: C"), 5, 5)}));
    FusionSettings settings = settingsFor(QStringLiteral("vote"));
    settings.extraction = ExtractionMode::Choice;
    settings.tieBreaker = QStringLiteral("v/b");
    auto runner = harness.runner(ids({"v/a", "v/b"}), QString(), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Pick one.")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.analysis[QStringLiteral("final_answer")].toString(), QStringLiteral("C"));
    QCOMPARE(turn.analysis[QStringLiteral("tied")].toBool(), true);
    QCOMPARE(turn.analysis[QStringLiteral("decided_by")].toString(), QStringLiteral("tie-breaker v/b"));
    QCOMPARE(turn.analysis[QStringLiteral("confidence")].toDouble(), 0.5);
    QCOMPARE(turn.answer, QStringLiteral("Answer: C"));
}

void TestVoteStrategy::voteExtractorModel()
{
    QJsonObject extractor = fixedModel(QStringLiteral("v/x"), QString(), 5, 1);
    extractor.insert(QStringLiteral("reply"),
                     QJsonObject{{QStringLiteral("rules"),
                                  QJsonArray{QJsonObject{{QStringLiteral("pattern"), QStringLiteral("Paris|capital city")},
                                                         {QStringLiteral("text"), QStringLiteral("Paris.")}}}},
                                 {QStringLiteral("default"), QStringLiteral("none")}});
    StrategyHarness harness;
    QVERIFY(harness.start({fixedModel(QStringLiteral("v/a"), QStringLiteral("The capital city on the Seine."), 5, 5),
                           fixedModel(QStringLiteral("v/b"), QStringLiteral("Paris, of course"), 5, 5),
                           fixedModel(QStringLiteral("v/c"), QStringLiteral("Lyon"), 5, 5), extractor}));
    FusionSettings settings = settingsFor(QStringLiteral("vote"));
    settings.extraction = ExtractionMode::Model;
    settings.extractor.model = QStringLiteral("v/x");
    auto runner = harness.runner(ids({"v/a", "v/b", "v/c"}), QString(), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Capital of France?")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.calls.size(), 6);
    QCOMPARE(turn.calls[3].stage, Stage::Extractor);
    QCOMPARE(turn.calls[3].stageText(), QStringLiteral("extractor"));
    QCOMPARE(turn.analysis[QStringLiteral("final_answer")].toString(), QStringLiteral("paris"));
    QCOMPARE(turn.analysis[QStringLiteral("winner_votes")].toInt(), 2);
    QCOMPARE(turn.analysis[QStringLiteral("votes")][2][QStringLiteral("answer")].isNull(), true);
    QCOMPARE(turn.answer, QStringLiteral("The capital city on the Seine."));
}

void TestVoteStrategy::bestOfNListwise()
{
    StrategyHarness harness;
    QVERIFY(harness.start({fixedModel(QStringLiteral("b/a"), QStringLiteral("Short."), 5, 5),
                           fixedModel(QStringLiteral("b/b"), QStringLiteral("Thorough answer."), 5, 5),
                           fixedModel(QStringLiteral("b/j"),
                                      QStringLiteral(R"({"ranking": ["B", "A"], "reasons": [{"label": "B", "reason": "complete"}]})"),
                                      30, 20)}));
    FusionSettings settings = settingsFor(QStringLiteral("best-of-n"));
    settings.judge.model = QStringLiteral("b/j");
    settings.ranking = RankingMode::Listwise;
    auto runner = harness.runner(ids({"b/a", "b/b"}), QString(), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Explain.")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.degraded, false);
    QCOMPARE(turn.answer, QStringLiteral("Thorough answer."));
    QCOMPARE(turn.calls.size(), 3);
    QCOMPARE(turn.calls[2].stage, Stage::Judge);
    QCOMPARE(turn.analysis[QStringLiteral("method")].toString(), QStringLiteral("listwise"));
    QCOMPARE(turn.analysis[QStringLiteral("winner")].toString(), QStringLiteral("b/b"));
    QCOMPARE(turn.analysis[QStringLiteral("ranking")].toArray(), (QJsonArray{QStringLiteral("b/b"), QStringLiteral("b/a")}));
    QCOMPARE(turn.analysis[QStringLiteral("reasons")][0][QStringLiteral("reason")].toString(), QStringLiteral("complete"));
}

void TestVoteStrategy::bestOfNPairwise()
{
    // The judge prefers whichever answer mentions "precise"; it is shown as A or B.
    QJsonObject judge = fixedModel(QStringLiteral("b/j"), QString(), 30, 10);
    judge.insert(QStringLiteral("reply"),
                 QJsonObject{{QStringLiteral("rules"),
                              QJsonArray{QJsonObject{{QStringLiteral("pattern"), QStringLiteral("(?s)## Answer A\\s+Precise")},
                                                     {QStringLiteral("text"), QStringLiteral(R"({"winner": "A", "reason": "precise"})")}}}},
                             {QStringLiteral("default"), QStringLiteral(R"({"winner": "B", "reason": "better"})")}});
    StrategyHarness harness;
    QVERIFY(harness.start({fixedModel(QStringLiteral("b/a"), QStringLiteral("Vague."), 5, 5),
                           fixedModel(QStringLiteral("b/b"), QStringLiteral("Precise."), 5, 5),
                           fixedModel(QStringLiteral("b/c"), QStringLiteral("Other."), 5, 5), judge}));
    FusionSettings settings = settingsFor(QStringLiteral("best-of-n"));
    settings.judge.model = QStringLiteral("b/j");
    auto runner = harness.runner(ids({"b/a", "b/b", "b/c"}), QString(), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Explain.")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.calls.size(), 6); // three answers, three pairs
    QCOMPARE(turn.analysis[QStringLiteral("method")].toString(), QStringLiteral("pairwise"));
    // Pairs (a,b): B wins; (a,c): B (c) wins; (b,c): A (b) wins. Wins: b 2, c 1, a 0.
    QCOMPARE(turn.analysis[QStringLiteral("ranking")].toArray(),
             (QJsonArray{QStringLiteral("b/b"), QStringLiteral("b/c"), QStringLiteral("b/a")}));
    QCOMPARE(turn.answer, QStringLiteral("Precise."));
    QCOMPARE(turn.analysis[QStringLiteral("reasons")].toArray().size(), 3);
}

void TestVoteStrategy::bestOfNJudgeFails()
{
    StrategyHarness harness;
    QVERIFY(harness.start({fixedModel(QStringLiteral("b/a"), QStringLiteral("First."), 5, 5),
                           fixedModel(QStringLiteral("b/b"), QStringLiteral("Second."), 5, 5),
                           withField(fixedModel(QStringLiteral("b/j"), QStringLiteral("x"), 5, 5), QStringLiteral("fault"),
                                     httpError(503, QStringLiteral("judge overloaded")))}));
    FusionSettings settings = settingsFor(QStringLiteral("best-of-n"));
    settings.judge.model = QStringLiteral("b/j");
    settings.ranking = RankingMode::Listwise;
    auto runner = harness.runner(ids({"b/a", "b/b"}), QString(), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Explain.")));

    const Turn &turn = runner->turn();
    QVERIFY(!turn.failure);
    QCOMPARE(turn.degraded, true);
    QCOMPARE(turn.answer, QStringLiteral("First."));
    QVERIFY2(turn.degradedReason.contains(QStringLiteral("The judge b/j gave no usable ranking (judge overloaded)")),
             qPrintable(turn.degradedReason));
}

void TestVoteStrategy::cascadeStopsAtFirstTier()
{
    StrategyHarness harness;
    QVERIFY(harness.start({priced(QStringLiteral("c/big"), QStringLiteral("Answer: 7"), QStringLiteral("0.00001")),
                           priced(QStringLiteral("c/s1"), QStringLiteral("Answer: 7"), QStringLiteral("0.000001")),
                           priced(QStringLiteral("c/s2"), QStringLiteral("answer: 7."), QStringLiteral("0.000001"))}));
    FusionSettings settings = settingsFor(QStringLiteral("cascade"));
    settings.agreeCount = 2;
    auto runner = harness.runner(ids({"c/big", "c/s1", "c/s2"}), QString(), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Question?")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.calls.size(), 2);
    QCOMPARE(turn.calls[0].model, QStringLiteral("c/s1"));
    QCOMPARE(turn.calls[1].model, QStringLiteral("c/s2"));
    QCOMPARE(turn.calls[0].stageText(), QStringLiteral("tier 1"));
    QCOMPARE(turn.analysis[QStringLiteral("agreed")].toBool(), true);
    QCOMPARE(turn.analysis[QStringLiteral("final_answer")].toString(), QStringLiteral("7"));
    QCOMPARE(turn.analysis[QStringLiteral("tiers_used")].toInt(), 1);
    QCOMPARE(turn.analysis[QStringLiteral("tiers_total")].toInt(), 2);
    QCOMPARE(harness.requestsTo(QStringLiteral("c/big")).size(), 0);
}

void TestVoteStrategy::cascadeEscalatesOnDisagreement()
{
    StrategyHarness harness;
    QVERIFY(harness.start({priced(QStringLiteral("c/big"), QStringLiteral("Answer: 8"), QStringLiteral("0.00001")),
                           priced(QStringLiteral("c/s1"), QStringLiteral("Answer: 7"), QStringLiteral("0.000001")),
                           priced(QStringLiteral("c/s2"), QStringLiteral("Answer: 8"), QStringLiteral("0.000001"))}));
    FusionSettings settings = settingsFor(QStringLiteral("cascade"));
    settings.agreeCount = 2;
    auto runner = harness.runner(ids({"c/big", "c/s1", "c/s2"}), QString(), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Question?")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.calls.size(), 3);
    QCOMPARE(turn.calls[2].model, QStringLiteral("c/big"));
    QCOMPARE(turn.calls[2].stageText(), QStringLiteral("tier 2"));
    QCOMPARE(turn.analysis[QStringLiteral("final_answer")].toString(), QStringLiteral("8"));
    QCOMPARE(turn.analysis[QStringLiteral("tiers_used")].toInt(), 2);
    QCOMPARE(turn.answer, QStringLiteral("Answer: 8"));
    // The first tier was asked once: its answers were reused, not bought again.
    QCOMPARE(harness.requestsTo(QStringLiteral("c/s1")).size(), 1);
}

void TestVoteStrategy::cascadeAgreementByJudge()
{
    StrategyHarness harness;
    QVERIFY(harness.start({priced(QStringLiteral("c/s1"), QStringLiteral("Seven."), QStringLiteral("0.000001")),
                           priced(QStringLiteral("c/s2"), QStringLiteral("It's 7."), QStringLiteral("0.000001")),
                           fixedModel(QStringLiteral("c/j"), QStringLiteral(R"({"agree": true, "answer": "7", "labels": ["A", "B"]})"), 5, 5)}));
    FusionSettings settings = settingsFor(QStringLiteral("cascade"));
    settings.agreement = AgreementMode::Judge;
    settings.judge.model = QStringLiteral("c/j");
    auto runner = harness.runner(ids({"c/s1", "c/s2"}), QString(), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Question?")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.calls.size(), 3);
    QCOMPARE(turn.calls[2].stage, Stage::Judge);
    QCOMPARE(turn.analysis[QStringLiteral("agreed")].toBool(), true);
    QCOMPARE(turn.analysis[QStringLiteral("agreement")].toString(), QStringLiteral("judge"));
    QCOMPARE(turn.analysis[QStringLiteral("final_answer")].toString(), QStringLiteral("7"));
    QCOMPARE(turn.answer, QStringLiteral("Seven."));
}

QTEST_GUILESS_MAIN(TestVoteStrategy)
#include "tst_VoteStrategy.moc"
