#include "cost/Budget.h"
#include "cost/CostEstimator.h"
#include "cost/TurnPlanner.h"
#include "fusion/CallCost.h"
#include "provider/ModelInfo.h"

#include <QTest>

using namespace Consilium;

// Cost before sending: the estimate's range, the turn plans behind it,
// the budget check, and exact sums of many call costs.
class TestCostEstimator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rangeUsesTypicalAndMaxOutput();
    void unpricedCallsAreCounted();
    void typicalOutputIsHistoryMedian();
    void planCountsCallsPerStrategy_data();
    void planCountsCallsPerStrategy();
    void laterRoundsReadEarlierAnswers();
    void budgetVerdicts_data();
    void budgetVerdicts();
    void hundredThousandCallsSumExactly();

private:
    CostEstimator makeEstimator() const;
    static Ensemble threeMemberEnsemble();

    QHash<QString, ModelInfo> m_models;
};

void TestCostEstimator::initTestCase()
{
    auto add = [this](const QString &id, const QString &prompt, const QString &completion) {
        ModelInfo model;
        model.id = id;
        model.promptPrice = TokenPrice::parse(QJsonValue(prompt));
        model.completionPrice = TokenPrice::parse(QJsonValue(completion));
        m_models.insert(id, model);
    };
    add(QStringLiteral("a"), QStringLiteral("0.000001"), QStringLiteral("0.000002"));
    add(QStringLiteral("b"), QStringLiteral("0.000003"), QStringLiteral("0.000015"));
    add(QStringLiteral("w"), QStringLiteral("0.000002"), QStringLiteral("0.000008"));
    add(QStringLiteral("router"), QStringLiteral("-1"), QStringLiteral("-1"));
}

CostEstimator TestCostEstimator::makeEstimator() const
{
    return CostEstimator([this](const QString &, const QString &model) -> const ModelInfo * {
        const auto it = m_models.constFind(model);
        return it == m_models.cend() ? nullptr : &*it;
    });
}

Ensemble TestCostEstimator::threeMemberEnsemble()
{
    Ensemble ensemble = Ensemble::fromModelIds({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a")},
                                               QStringLiteral("w"));
    ensemble.maxTokens = 1000;
    return ensemble;
}

void TestCostEstimator::rangeUsesTypicalAndMaxOutput()
{
    const CostEstimator estimator = makeEstimator();
    const CostEstimate estimate = estimator.estimate({PlannedCall{QStringLiteral("a"), {}, 100, 400, 1000}});

    // Low: 100 × $1/M + 400 × $2/M = $0.0009; high: 100 × $1/M + 1000 × $2/M = $0.0021.
    QCOMPARE(estimate.low.picoUsd(), 900'000'000);
    QCOMPARE(estimate.high.picoUsd(), 2'100'000'000);
    QCOMPARE(estimate.unpricedCalls, 0);
    QCOMPARE(estimate.rangeText(), QStringLiteral("$0.00090 – $0.0021"));
}

void TestCostEstimator::unpricedCallsAreCounted()
{
    const CostEstimator estimator = makeEstimator();
    const CostEstimate estimate = estimator.estimate({PlannedCall{QStringLiteral("a"), {}, 100, 400, 1000},
                                                      PlannedCall{QStringLiteral("router"), {}, 100, 400, 1000},
                                                      PlannedCall{QStringLiteral("missing"), {}, 100, 400, 1000}});
    QCOMPARE(estimate.unpricedCalls, 2);
    QVERIFY(!estimate.isComplete());
    QCOMPARE(estimate.high.picoUsd(), 2'100'000'000);
    QVERIFY(estimate.rangeText().endsWith(QStringLiteral("+ 2 calls of unknown price")));
}

void TestCostEstimator::typicalOutputIsHistoryMedian()
{
    CostEstimator estimator = makeEstimator();
    QCOMPARE(estimator.typicalOutputTokens(QStringLiteral("a")), CostEstimator::kDefaultOutputTokens);
    for (qint64 length : {100, 900, 300, 200, 250})
        estimator.recordOutput(QStringLiteral("a"), length);
    QCOMPARE(estimator.typicalOutputTokens(QStringLiteral("a")), 250);
    QCOMPARE(estimator.typicalOutputTokens(QStringLiteral("b")), CostEstimator::kDefaultOutputTokens);
}

void TestCostEstimator::planCountsCallsPerStrategy_data()
{
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<int>("calls");
    // Three members, a writer and an analyst.
    QTest::newRow("fusion: panel, analyst, writer") << QStringLiteral("fusion") << 5;
    QTest::newRow("panel and writer") << QStringLiteral("panel-writer") << 4;
    QTest::newRow("mixture of agents, two layers") << QStringLiteral("moa") << 7;
    QTest::newRow("vote: panel only") << QStringLiteral("vote") << 3;
    QTest::newRow("best of n: panel and judge") << QStringLiteral("best-of-n") << 4;
    QTest::newRow("debate, one round, writer") << QStringLiteral("debate") << 7;
    QTest::newRow("cascade: every member at most") << QStringLiteral("cascade") << 3;
    QTest::newRow("server fusion: one call") << QStringLiteral("openrouter-fusion") << 1;
}

void TestCostEstimator::planCountsCallsPerStrategy()
{
    QFETCH(QString, strategy);
    QFETCH(int, calls);
    TurnShape shape;
    shape.strategy = strategy;
    shape.analyst.model = QStringLiteral("w");
    const CostEstimator estimator = makeEstimator();
    QCOMPARE(planTurn(threeMemberEnsemble(), shape, 400, estimator).size(), calls);
}

void TestCostEstimator::laterRoundsReadEarlierAnswers()
{
    TurnShape shape;
    shape.strategy = QStringLiteral("moa");
    shape.layers = 2;
    const CostEstimator estimator = makeEstimator();
    const QList<PlannedCall> plan = planTurn(threeMemberEnsemble(), shape, 400, estimator);

    // 400 characters are about 100 tokens; layer 2 also reads 3 × 400 tokens.
    QCOMPARE(plan[0].inputTokens, 100);
    QCOMPARE(plan[3].inputTokens, 100 + 3 * CostEstimator::kDefaultOutputTokens);
    QCOMPARE(plan[0].outputTokensHigh, 1000);
    QCOMPARE(plan.last().model, QStringLiteral("w"));
}

void TestCostEstimator::budgetVerdicts_data()
{
    QTest::addColumn<BudgetPolicy>("policy");
    QTest::addColumn<qint64>("spentTodayMicro");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("messagePart");

    const Money cent = Money::fromMicroUsd(10'000);
    BudgetPolicy none;
    BudgetPolicy turnCap;
    turnCap.perTurn = Money::fromMicroUsd(1'000);
    BudgetPolicy turnCapRefuse = turnCap;
    turnCapRefuse.overCap = BudgetPolicy::OverCap::Refuse;
    BudgetPolicy dayCap;
    dayCap.perDay = cent;

    QTest::newRow("no caps") << none << qint64(0) << int(BudgetDecision::Verdict::Send) << QString();
    QTest::newRow("turn over cap asks") << turnCap << qint64(0) << int(BudgetDecision::Verdict::AskUser)
                                        << QStringLiteral("per-turn cap of $0.0010");
    QTest::newRow("turn over cap refused") << turnCapRefuse << qint64(0) << int(BudgetDecision::Verdict::Refuse)
                                           << QStringLiteral("per-turn");
    QTest::newRow("day still has room") << dayCap << qint64(5'000) << int(BudgetDecision::Verdict::Send) << QString();
    QTest::newRow("day cap reached") << dayCap << qint64(9'000) << int(BudgetDecision::Verdict::AskUser)
                                     << QStringLiteral("already spent $0.0090");
}

void TestCostEstimator::budgetVerdicts()
{
    QFETCH(BudgetPolicy, policy);
    QFETCH(qint64, spentTodayMicro);
    QFETCH(int, verdict);
    QFETCH(QString, messagePart);

    CostEstimate estimate;
    estimate.calls.append(PlannedCall{});
    estimate.low = Money::fromMicroUsd(900);
    estimate.high = Money::fromMicroUsd(2'100);
    const BudgetDecision decision = checkBudget(policy, estimate, Money::fromMicroUsd(spentTodayMicro), Money());
    QCOMPARE(int(decision.verdict), verdict);
    QVERIFY2(decision.message.contains(messagePart), qPrintable(decision.message));
}

void TestCostEstimator::hundredThousandCallsSumExactly()
{
    // Each call: 1,234 prompt tokens at $0.15/M and 567 completion tokens
    // at $0.6/M, i.e. 0.0001851 + 0.0003402 = $0.0005253.
    ModelInfo model;
    model.promptPrice = TokenPrice::parse(QJsonValue(QStringLiteral("0.00000015")));
    model.completionPrice = TokenPrice::parse(QJsonValue(QStringLiteral("0.0000006")));
    CallOutcome outcome;
    outcome.usage = Usage{1234, 567, 0, 0, std::nullopt};

    Money total;
    for (int i = 0; i < 100'000; ++i) {
        const CallCost cost = computeCallCost(outcome, &model, 0);
        total += *cost.cost;
    }
    QCOMPARE(total.picoUsd(), 52'530'000'000'000LL); // $52.53 exactly
    QCOMPARE(total.roundedMicroUsd(), 52'530'000);
    QCOMPARE(total.toDecimalString(), QStringLiteral("52.53"));
}

QTEST_GUILESS_MAIN(TestCostEstimator)
#include "tst_CostEstimator.moc"
