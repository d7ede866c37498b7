#include "cost/CostBreakdown.h"
#include "cost/ParetoFront.h"
#include "fusion/Turn.h"

#include <QTest>

using namespace Consilium;

namespace {

CallRecord pricedCall(const QString &model, Stage stage, int stageNumber, std::optional<Money> cost, bool reused = false)
{
    CallRecord call;
    call.model = model;
    call.stage = stage;
    call.stageNumber = stageNumber;
    call.cost.cost = cost;
    call.cost.source = cost ? CostSource::Provider : CostSource::Unknown;
    call.reused = reused;
    return call;
}

Money pico(qint64 value)
{
    return Money::fromPicoUsd(value);
}

QualityCostPoint point(const QString &label, double accuracy, qint64 costPico)
{
    return QualityCostPoint{label, accuracy, pico(costPico), 100, false};
}

} // namespace

// A turn's cost split by member and stage, and the Pareto front of
// evaluated configurations.
class TestCostBreakdown : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupsByModelAndStage();
    void unknownCostsCountedNotSummed();
    void reusedCallsExcluded();
    void emptyTurnHasNoRows();
    void paretoFront_data();
    void paretoFront();
};

void TestCostBreakdown::groupsByModelAndStage()
{
    Turn turn;
    turn.calls = {
        pricedCall(QStringLiteral("a"), Stage::Layer, 1, pico(100)),
        pricedCall(QStringLiteral("b"), Stage::Layer, 1, pico(20)),
        pricedCall(QStringLiteral("a"), Stage::Layer, 2, pico(300)),
        pricedCall(QStringLiteral("w"), Stage::Writer, 0, pico(4000)),
    };
    const CostBreakdown breakdown = CostBreakdown::fromTurn(turn);

    QCOMPARE(breakdown.byModel.size(), 3);
    QCOMPARE(breakdown.byModel[0].key, QStringLiteral("a"));
    QCOMPARE(breakdown.byModel[0].knownCost, pico(400));
    QCOMPARE(breakdown.byModel[0].callCount, 2);
    QCOMPARE(breakdown.byModel[1].key, QStringLiteral("b"));
    QCOMPARE(breakdown.byModel[1].knownCost, pico(20));
    QCOMPARE(breakdown.byModel[2].key, QStringLiteral("w"));
    QCOMPARE(breakdown.byModel[2].knownCost, pico(4000));

    QCOMPARE(breakdown.byStage.size(), 3);
    QCOMPARE(breakdown.byStage[0].key, QStringLiteral("layer 1"));
    QCOMPARE(breakdown.byStage[0].knownCost, pico(120));
    QCOMPARE(breakdown.byStage[0].callCount, 2);
    QCOMPARE(breakdown.byStage[1].key, QStringLiteral("layer 2"));
    QCOMPARE(breakdown.byStage[1].knownCost, pico(300));
    QCOMPARE(breakdown.byStage[2].key, QStringLiteral("writer"));
    QCOMPARE(breakdown.byStage[2].knownCost, pico(4000));

    QCOMPARE(breakdown.knownTotal, pico(4420));
    QCOMPARE(breakdown.knownTotal, turn.totalCost());
    QCOMPARE(breakdown.unknownCostCount, 0);
}

void TestCostBreakdown::unknownCostsCountedNotSummed()
{
    Turn turn;
    turn.calls = {
        pricedCall(QStringLiteral("a"), Stage::Panel, 0, pico(5)),
        pricedCall(QStringLiteral("a"), Stage::Round, 1, std::nullopt),
        pricedCall(QStringLiteral("b"), Stage::Panel, 0, std::nullopt),
        pricedCall(QStringLiteral("b"), Stage::Analyst, 0, pico(0)),
    };
    const CostBreakdown breakdown = CostBreakdown::fromTurn(turn);

    QCOMPARE(breakdown.knownTotal, pico(5));
    QCOMPARE(breakdown.unknownCostCount, 2);
    QCOMPARE(breakdown.unknownCostCount, turn.unknownCostCount());
    QCOMPARE(breakdown.byModel[0].unknownCostCount, 1);
    QCOMPARE(breakdown.byModel[1].unknownCostCount, 1);
    QCOMPARE(breakdown.byModel[1].knownCost, pico(0));
    QCOMPARE(breakdown.byModel[1].callCount, 2);
    QCOMPARE(breakdown.byStage[0].key, QStringLiteral("panel"));
    QCOMPARE(breakdown.byStage[0].unknownCostCount, 1);
    QCOMPARE(breakdown.byStage[1].key, QStringLiteral("round 1"));
    QCOMPARE(breakdown.byStage[1].unknownCostCount, 1);
    QCOMPARE(breakdown.byStage[2].key, QStringLiteral("analyst"));
    QCOMPARE(breakdown.byStage[2].unknownCostCount, 0);
}

void TestCostBreakdown::reusedCallsExcluded()
{
    Turn turn;
    turn.calls = {
        pricedCall(QStringLiteral("a"), Stage::Panel, 0, pico(1000), true),
        pricedCall(QStringLiteral("b"), Stage::Panel, 0, std::nullopt, true),
        pricedCall(QStringLiteral("w"), Stage::Writer, 0, pico(7)),
    };
    const CostBreakdown breakdown = CostBreakdown::fromTurn(turn);

    QCOMPARE(breakdown.knownTotal, pico(7));
    QCOMPARE(breakdown.unknownCostCount, 0);
    QCOMPARE(breakdown.reusedCallCount, 2);
    QCOMPARE(breakdown.byModel.size(), 1);
    QCOMPARE(breakdown.byModel[0].key, QStringLiteral("w"));
    QCOMPARE(breakdown.byStage.size(), 1);
}

void TestCostBreakdown::emptyTurnHasNoRows()
{
    const CostBreakdown breakdown = CostBreakdown::fromTurn(Turn{});
    QVERIFY(breakdown.byModel.isEmpty());
    QVERIFY(breakdown.byStage.isEmpty());
    QCOMPARE(breakdown.knownTotal, Money());
}

void TestCostBreakdown::paretoFront_data()
{
    QTest::addColumn<QList<QualityCostPoint>>("points");
    QTest::addColumn<QList<qsizetype>>("expected");

    QTest::newRow("empty") << QList<QualityCostPoint>{} << QList<qsizetype>{};
    QTest::newRow("single point") << QList<QualityCostPoint>{point(QStringLiteral("a"), 0.5, 10)}
                                  << QList<qsizetype>{0};
    QTest::newRow("cheaper and better dominates")
        << QList<QualityCostPoint>{point(QStringLiteral("worse"), 0.7, 20), point(QStringLiteral("better"), 0.8, 10)}
        << QList<qsizetype>{1};
    QTest::newRow("trade-off keeps both, ordered by cost")
        << QList<QualityCostPoint>{point(QStringLiteral("strong"), 0.9, 100), point(QStringLiteral("cheap"), 0.7, 10)}
        << QList<qsizetype>{1, 0};
    QTest::newRow("same accuracy higher cost dominated")
        << QList<QualityCostPoint>{point(QStringLiteral("a"), 0.8, 10), point(QStringLiteral("b"), 0.8, 11)}
        << QList<qsizetype>{0};
    QTest::newRow("same cost lower accuracy dominated")
        << QList<QualityCostPoint>{point(QStringLiteral("a"), 0.79, 10), point(QStringLiteral("b"), 0.8, 10)}
        << QList<qsizetype>{1};
    QTest::newRow("identical points both kept")
        << QList<QualityCostPoint>{point(QStringLiteral("a"), 0.8, 10), point(QStringLiteral("b"), 0.8, 10)}
        << QList<qsizetype>{0, 1};
    QTest::newRow("one pico-dollar decides")
        << QList<QualityCostPoint>{point(QStringLiteral("a"), 0.8, 1'000'000'000'001),
                                   point(QStringLiteral("b"), 0.8, 1'000'000'000'000)}
        << QList<qsizetype>{1};
    QTest::newRow("benchmark-like mix")
        << QList<QualityCostPoint>{point(QStringLiteral("vote 5x70"), 0.837, 5000),
                                   point(QStringLiteral("cascade"), 0.93, 9000),
                                   point(QStringLiteral("vote mixed"), 0.91, 30000),
                                   point(QStringLiteral("strong single"), 0.9, 20000),
                                   point(QStringLiteral("cheap single"), 0.7, 1000)}
        << QList<qsizetype>{4, 0, 1};
}

void TestCostBreakdown::paretoFront()
{
    QFETCH(QList<QualityCostPoint>, points);
    QFETCH(QList<qsizetype>, expected);
    QCOMPARE(Consilium::paretoFront(points), expected);
}

QTEST_GUILESS_MAIN(TestCostBreakdown)
#include "tst_CostBreakdown.moc"
