#include "fusion/CallCost.h"
#include "provider/ModelInfo.h"

#include <QJsonDocument>
#include <QTest>

using namespace Consilium;
using namespace Qt::StringLiterals;

namespace Consilium {

// Lets QCOMPARE print the names of cost sources instead of their numbers.
char *toString(CostSource source)
{
    return QTest::toString(costSourceName(source));
}

} // namespace Consilium

namespace {

// A catalogue entry priced at $1 per million prompt tokens and $2 per
// million completion tokens.
ModelInfo pricedModel()
{
    ModelInfo model;
    model.id = u"vendor/priced"_s;
    model.promptPrice.perToken = Money::fromDecimalString(u"0.000001");
    model.completionPrice.perToken = Money::fromDecimalString(u"0.000002");
    return model;
}

Usage usageOf(qint64 promptTokens, qint64 completionTokens)
{
    Usage usage;
    usage.promptTokens = promptTokens;
    usage.completionTokens = completionTokens;
    return usage;
}

// A call that streamed text but whose provider sent no usage object.
CallOutcome outcomeWithoutUsage(const QString &text, const QString &reasoning)
{
    CallOutcome outcome;
    outcome.status = CallStatus::Succeeded;
    outcome.text = text;
    outcome.reasoning = reasoning;
    outcome.finishReason = u"stop"_s;
    outcome.timings.sentAtMs = 1'000;
    outcome.timings.firstTokenAtMs = 1'200;
    outcome.timings.finishedAtMs = 2'000;
    return outcome;
}

} // namespace

class TestCallCost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void absurdTokenCountLeavesCostUnknown();
    void providerCostWins();
    void computedFromCatalogue();
    void zeroTokensCostZero();
    void pricesMissingGiveUnknown_data();
    void pricesMissingGiveUnknown();
    void noUsageEstimated();
    void noUsageNoPricesUnknown();
    void httpErrorBeforeTokensFree_data();
    void httpErrorBeforeTokensFree();
    void networkErrorBeforeTokensUnknown();
    void streamErrorBeforeTokensUnknown();
    void estimateTokensRoundsUp_data();
    void estimateTokensRoundsUp();
    void costSourceNames_data();
    void costSourceNames();
};

void TestCallCost::providerCostWins()
{
    CallOutcome outcome;
    outcome.status = CallStatus::Succeeded;
    outcome.text = u"Hi"_s;
    outcome.usage = usageOf(24, 58);
    outcome.usage->providerCost = Money::fromUsd(0.00012);
    const ModelInfo model = pricedModel();

    const CallCost cost = computeCallCost(outcome, &model, 100);

    QCOMPARE(cost.source, CostSource::Provider);
    QVERIFY(cost.cost.has_value());
    QCOMPARE(cost.cost->picoUsd(), 120'000'000);
    QCOMPARE(cost.promptTokens, 24);
    QCOMPARE(cost.completionTokens, 58);
    QVERIFY(!cost.tokensEstimated);
}

void TestCallCost::computedFromCatalogue()
{
    CallOutcome outcome;
    outcome.status = CallStatus::Succeeded;
    outcome.usage = usageOf(12, 7);
    const ModelInfo model = pricedModel();

    const CallCost cost = computeCallCost(outcome, &model, 0);

    QCOMPARE(cost.source, CostSource::Computed);
    QVERIFY(cost.cost.has_value());
    // 12 × 0.000001 + 7 × 0.000002 = 0.000026, with no rounding error.
    QCOMPARE(cost.cost->picoUsd(), 26'000'000);
    QCOMPARE(cost.cost->toDecimalString(), u"0.000026");
    QCOMPARE(cost.promptTokens, 12);
    QCOMPARE(cost.completionTokens, 7);
    QVERIFY(!cost.tokensEstimated);
}

void TestCallCost::zeroTokensCostZero()
{
    CallOutcome outcome;
    outcome.usage = usageOf(0, 0);
    const ModelInfo model = pricedModel();

    const CallCost cost = computeCallCost(outcome, &model, 0);

    QCOMPARE(cost.source, CostSource::Computed);
    QVERIFY(cost.cost.has_value());
    QCOMPARE(cost.cost->picoUsd(), 0);
}

void TestCallCost::pricesMissingGiveUnknown_data()
{
    QTest::addColumn<bool>("inCatalogue");
    QTest::addColumn<QString>("promptPrice");
    QTest::addColumn<QString>("completionPrice");

    QTest::newRow("model not in catalogue") << false << QString() << QString();
    QTest::newRow("router price varies") << true << u"-1"_s << u"-1"_s;
    QTest::newRow("prompt price missing") << true << QString() << u"0.000002"_s;
    QTest::newRow("completion price missing") << true << u"0.000001"_s << QString();
}

void TestCallCost::pricesMissingGiveUnknown()
{
    QFETCH(bool, inCatalogue);
    QFETCH(QString, promptPrice);
    QFETCH(QString, completionPrice);
    ModelInfo model;
    model.id = u"vendor/unpriced"_s;
    if (!promptPrice.isNull())
        model.promptPrice = TokenPrice::parse(QJsonValue(promptPrice));
    if (!completionPrice.isNull())
        model.completionPrice = TokenPrice::parse(QJsonValue(completionPrice));
    CallOutcome outcome;
    outcome.status = CallStatus::Succeeded;
    outcome.usage = usageOf(12, 7);

    const CallCost cost = computeCallCost(outcome, inCatalogue ? &model : nullptr, 0);

    QCOMPARE(cost.source, CostSource::Unknown);
    // An unknown cost is absent, never a zero that would read as free.
    QVERIFY(!cost.cost.has_value());
    QCOMPARE(cost.promptTokens, 12);
    QCOMPARE(cost.completionTokens, 7);
}

void TestCallCost::noUsageEstimated()
{
    // 10 + 2 characters of answer and reasoning, 40 of prompt.
    const CallOutcome outcome = outcomeWithoutUsage(u"abcdefghij"_s, u"xy"_s);
    const ModelInfo model = pricedModel();

    const CallCost cost = computeCallCost(outcome, &model, 40);

    QCOMPARE(cost.source, CostSource::Estimated);
    QVERIFY(cost.tokensEstimated);
    QCOMPARE(cost.promptTokens, 10);
    QCOMPARE(cost.completionTokens, 3);
    QVERIFY(cost.cost.has_value());
    // 10 × 0.000001 + 3 × 0.000002 = 0.000016.
    QCOMPARE(cost.cost->picoUsd(), 16'000'000);
}

void TestCallCost::noUsageNoPricesUnknown()
{
    const CallOutcome outcome = outcomeWithoutUsage(u"abcdefgh"_s, QString());

    const CallCost cost = computeCallCost(outcome, nullptr, 40);

    QCOMPARE(cost.source, CostSource::Unknown);
    QVERIFY(!cost.cost.has_value());
    QVERIFY(cost.tokensEstimated);
    QCOMPARE(cost.promptTokens, 10);
    QCOMPARE(cost.completionTokens, 2);
}

void TestCallCost::httpErrorBeforeTokensFree_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("rate limited")
        << 429 << QByteArrayLiteral(R"({"error":{"code":429,"message":"Rate limited."}})");
    QTest::newRow("bad key")
        << 401 << QByteArrayLiteral(R"({"error":{"code":401,"message":"User not found."}})");
    QTest::newRow("no credits")
        << 402 << QByteArrayLiteral(R"({"error":{"code":402,"message":"Insufficient credits."}})");
    QTest::newRow("proxy page") << 502 << QByteArrayLiteral("<html>Bad Gateway</html>");
}

void TestCallCost::httpErrorBeforeTokensFree()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    CallOutcome outcome;
    outcome.status = CallStatus::Failed;
    outcome.error = ProviderError::fromHttpResponse(status, body, QByteArrayLiteral("application/json"));
    const ModelInfo model = pricedModel();

    const CallCost withModel = computeCallCost(outcome, &model, 400);
    const CallCost withoutModel = computeCallCost(outcome, nullptr, 400);

    QCOMPARE(withModel.source, CostSource::Computed);
    QVERIFY(withModel.cost.has_value());
    QCOMPARE(withModel.cost->picoUsd(), 0);
    QCOMPARE(withModel.promptTokens, 0);
    QCOMPARE(withModel.completionTokens, 0);
    QVERIFY(!withModel.tokensEstimated);
    QCOMPARE(withoutModel.source, CostSource::Computed);
    QVERIFY(withoutModel.cost.has_value());
    QCOMPARE(withoutModel.cost->picoUsd(), 0);
}

void TestCallCost::networkErrorBeforeTokensUnknown()
{
    CallOutcome outcome;
    outcome.status = CallStatus::Failed;
    outcome.error = ProviderError::fromClient(ErrorKind::Network, u"Connection refused."_s);
    const ModelInfo model = pricedModel();

    const CallCost cost = computeCallCost(outcome, &model, 400);

    QCOMPARE(cost.source, CostSource::Unknown);
    QVERIFY(!cost.cost.has_value());
    QCOMPARE(cost.promptTokens, 0);
    QCOMPARE(cost.completionTokens, 0);
}

void TestCallCost::streamErrorBeforeTokensUnknown()
{
    // The server accepted the request with 200 and then sent an error event,
    // so the request was not rejected up front and may have been billed.
    CallOutcome outcome;
    outcome.status = CallStatus::Failed;
    outcome.error = ProviderError::fromStreamError(QJsonDocument::fromJson(QByteArrayLiteral(
        R"({"code":502,"message":"Provider disconnected","metadata":{"error_type":"provider_unavailable"}})")).object());
    outcome.timings.sentAtMs = 1'000;
    outcome.timings.finishedAtMs = 9'000;
    QCOMPARE(outcome.error.httpStatus, 502);
    const ModelInfo model = pricedModel();

    const CallCost cost = computeCallCost(outcome, &model, 400);

    QCOMPARE(cost.source, CostSource::Unknown);
    QVERIFY(!cost.cost.has_value());
}

void TestCallCost::estimateTokensRoundsUp_data()
{
    QTest::addColumn<qsizetype>("characters");
    QTest::addColumn<qint64>("expectedTokens");

    QTest::newRow("none") << qsizetype(0) << qint64(0);
    QTest::newRow("negative") << qsizetype(-5) << qint64(0);
    QTest::newRow("one character") << qsizetype(1) << qint64(1);
    QTest::newRow("four characters") << qsizetype(4) << qint64(1);
    QTest::newRow("five characters") << qsizetype(5) << qint64(2);
    QTest::newRow("forty characters") << qsizetype(40) << qint64(10);
}

void TestCallCost::estimateTokensRoundsUp()
{
    QFETCH(qsizetype, characters);
    QFETCH(qint64, expectedTokens);

    QCOMPARE(estimateTokens(characters), expectedTokens);
}

void TestCallCost::costSourceNames_data()
{
    QTest::addColumn<CostSource>("source");
    QTest::addColumn<QString>("expectedName");

    QTest::newRow("provider") << CostSource::Provider << u"provider"_s;
    QTest::newRow("computed") << CostSource::Computed << u"computed"_s;
    QTest::newRow("estimated") << CostSource::Estimated << u"estimated"_s;
    QTest::newRow("unknown") << CostSource::Unknown << u"unknown"_s;
}

void TestCallCost::costSourceNames()
{
    QFETCH(CostSource, source);
    QFETCH(QString, expectedName);

    QCOMPARE(costSourceName(source), expectedName);
}

void TestCallCost::absurdTokenCountLeavesCostUnknown()
{
    // $1 per token times 1e14 tokens does not fit in qint64 pico-dollars.
    ModelInfo model;
    model.promptPrice = TokenPrice::parse(QJsonValue(QStringLiteral("1")));
    model.completionPrice = TokenPrice::parse(QJsonValue(QStringLiteral("1")));
    CallOutcome outcome;
    outcome.usage = Usage{100'000'000'000'000, 1, 0, 0, std::nullopt};

    const CallCost cost = computeCallCost(outcome, &model, 0);
    QVERIFY(!cost.cost.has_value());
    QCOMPARE(cost.source, CostSource::Unknown);
    QCOMPARE(cost.promptTokens, 100'000'000'000'000);
}

QTEST_APPLESS_MAIN(TestCallCost)
#include "tst_CallCost.moc"
