#include "cost/EvaluationResults.h"
#include "cost/SpendCsv.h"
#include "store/SpendQueries.h"

#include <QTest>

using namespace Consilium;

// CSV quoting and layout of spend exports, and reading the evaluation
// results that bench_strategies writes.
class TestCostCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quotesField_data();
    void quotesField();
    void writesHeaderAndExactAmounts();
    void readsEvaluationResults();
    void rejectsInvalidEvaluation_data();
    void rejectsInvalidEvaluation();
};

void TestCostCsv::quotesField_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QStringLiteral("openai/gpt-4o") << QStringLiteral("openai/gpt-4o");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
    QTest::newRow("double quote doubled") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("line feed") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
    QTest::newRow("carriage return") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
    QTest::newRow("leading space kept bare") << QStringLiteral(" x") << QStringLiteral(" x");
}

void TestCostCsv::quotesField()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(csvField(value), expected);
}

void TestCostCsv::writesHeaderAndExactAmounts()
{
    SpendRow first;
    first.period = QStringLiteral("2026-03-02");
    first.model = QStringLiteral("vendor/model,large");
    first.provider = QStringLiteral("openrouter");
    first.cost = Money::fromPicoUsd(26'000'001);
    first.pricedCallCount = 3;
    first.unknownCostCount = 1;
    SpendRow second;
    second.stage = QStringLiteral("round 2");
    second.cost = Money::fromPicoUsd(12'000'000'000'000);

    const QString expected = QStringLiteral(
        "period,model,provider,stage,cost_usd,priced_calls,unknown_cost_calls\r\n"
        "2026-03-02,\"vendor/model,large\",openrouter,,0.000026000001,3,1\r\n"
        ",,,round 2,12,0,0\r\n");
    QCOMPARE(spendRowsToCsv({first, second}), expected);
}

void TestCostCsv::readsEvaluationResults()
{
    const QByteArray json = R"({"rows": [
        {"label": "vote, 5 x 70%", "single_model": false, "accuracy": 0.837, "questions": 1000,
         "total_cost_usd": "0.024200000001"},
        {"label": "strong/m1", "single_model": true, "accuracy": 0.9, "questions": 1000, "total_cost_usd": "1.5"}
    ]})";
    const Result<QList<QualityCostPoint>> points = readEvaluationResults(json);
    QVERIFY2(points.ok(), qPrintable(points.error()));
    QCOMPARE(points->size(), 2);
    QCOMPARE(points->at(0).label, QStringLiteral("vote, 5 x 70%"));
    QCOMPARE(points->at(0).accuracy, 0.837);
    QCOMPARE(points->at(0).cost, Money::fromPicoUsd(24'200'000'001));
    QCOMPARE(points->at(0).questions, 1000);
    QCOMPARE(points->at(0).singleModel, false);
    QCOMPARE(points->at(1).singleModel, true);
    QCOMPARE(points->at(1).cost, Money::fromPicoUsd(1'500'000'000'000));
}

void TestCostCsv::rejectsInvalidEvaluation_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    QTest::newRow("not JSON") << QByteArray("{rows") << QStringLiteral("not valid JSON");
    QTest::newRow("no rows") << QByteArray("{}") << QStringLiteral("no \"rows\"");
    QTest::newRow("cost as number")
        << QByteArray(R"({"rows": [{"label": "x", "accuracy": 0.5, "total_cost_usd": 1.5}]})")
        << QStringLiteral("row 1 of the evaluation results is invalid: total_cost_usd");
    QTest::newRow("accuracy above one")
        << QByteArray(R"({"rows": [{"label": "x", "accuracy": 50, "total_cost_usd": "1"}]})")
        << QStringLiteral("accuracy must be a number from 0 to 1");
    QTest::newRow("label missing")
        << QByteArray(R"({"rows": [{"accuracy": 0.5, "total_cost_usd": "1"}]})")
        << QStringLiteral("the label is missing");
}

void TestCostCsv::rejectsInvalidEvaluation()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const Result<QList<QualityCostPoint>> points = readEvaluationResults(json);
    QVERIFY(!points.ok());
    QVERIFY2(points.error().contains(error), qPrintable(points.error()));
}

QTEST_GUILESS_MAIN(TestCostCsv)
#include "tst_CostCsv.moc"
