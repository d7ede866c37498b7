#include "cost/BudgetCheck.h"
#include "cost/CostEstimator.h"
#include "store/ConversationStore.h"
#include "store/SpendQueries.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <limits>

using namespace Consilium;

namespace {

constexpr qint64 kEndOfTime = std::numeric_limits<qint64>::max();

qint64 utcMs(int year, int month, int day, int hour, int minute = 0, int second = 0, int ms = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), QTimeZone::utc()).toMSecsSinceEpoch();
}

CallRecord makeCall(const QString &model, Stage stage, int stageNumber, std::optional<Money> cost, qint64 finishedAtMs,
                    qint64 completionTokens = 100)
{
    CallRecord call;
    call.model = model;
    call.stage = stage;
    call.stageNumber = stageNumber;
    call.outcome.status = CallStatus::Succeeded;
    call.outcome.text = QStringLiteral("answer");
    call.outcome.timings = CallTimings{finishedAtMs - 3, finishedAtMs - 2, finishedAtMs - 1, finishedAtMs};
    call.cost.promptTokens = 10;
    call.cost.completionTokens = completionTokens;
    call.cost.cost = cost;
    call.cost.source = cost ? CostSource::Provider : CostSource::Unknown;
    return call;
}

Money pico(qint64 value)
{
    return Money::fromPicoUsd(value);
}

// One line per row, so a failing comparison shows the whole row.
QStringList describe(const QList<SpendRow> &rows)
{
    QStringList lines;
    for (const SpendRow &row : rows) {
        lines.append(QStringList{row.period, row.model, row.provider, row.stage, QString::number(row.cost.picoUsd()),
                                 QString::number(row.pricedCallCount), QString::number(row.unknownCostCount)}
                         .join(u'|'));
    }
    return lines;
}

} // namespace

// Spending reports over a real SQLite store in a temporary folder, filled
// through ConversationStore's public API with fixed UTC timestamps.
class TestSpendQueries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void spendByPeriod_data();
    void spendByPeriod();
    void rangeEndIsExclusive();
    void spendByStage();
    void spendByConversation();
    void reusedCallsSkipped();
    void totalSpendByPreset();
    void recentCompletionTokensFeedEstimator();
    void estimatesVsActual();
    void budgetCheckAddsTodaySpend();
    void startOfDayInUtc();
    void exactSumOfManyCalls();

private:
    qint64 addTurn(const QList<CallRecord> &calls, const QString &presetName = {}, qint64 conversation = 0);
    void addBoundaryTurns();

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<ConversationStore> m_store;
    qint64 m_conversation = 0;
};

void TestSpendQueries::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_store = std::make_unique<ConversationStore>();
    QVERIFY(m_store->open(m_directory->filePath(QStringLiteral("spend.sqlite"))).ok());
    const Result<qint64> conversation = m_store->createConversation(QStringLiteral("spend"));
    QVERIFY(conversation.ok());
    m_conversation = *conversation;
}

void TestSpendQueries::cleanup()
{
    m_store.reset();
    m_directory.reset();
}

qint64 TestSpendQueries::addTurn(const QList<CallRecord> &calls, const QString &presetName, qint64 conversation)
{
    StoredTurn stored;
    stored.state = TurnState::Complete;
    stored.turn.prompt = QStringLiteral("prompt");
    stored.turn.strategy = QStringLiteral("fusion");
    stored.turn.calls = calls;
    stored.createdAtMs = calls.isEmpty() ? 1 : calls.first().outcome.timings.queuedAtMs;
    stored.finishedAtMs = stored.createdAtMs + 10;
    if (!presetName.isEmpty())
        stored.presetSnapshot = QJsonObject{{QStringLiteral("name"), presetName}};
    const Result<StoredTurn> appended = m_store->appendTurn(conversation ? conversation : m_conversation, stored);
    if (!appended) {
        qWarning("appendTurn failed: %s", qPrintable(appended.error()));
        return 0;
    }
    return appended->id;
}

// Sunday 1 March 2026 ends one ISO week; Monday 2 March starts the next.
void TestSpendQueries::addBoundaryTurns()
{
    addTurn({makeCall(QStringLiteral("a"), Stage::Panel, 0, pico(1'000), utcMs(2026, 2, 28, 12)),
             makeCall(QStringLiteral("b"), Stage::Panel, 0, pico(20), utcMs(2026, 2, 28, 12))});
    addTurn({makeCall(QStringLiteral("a"), Stage::Panel, 0, pico(300), utcMs(2026, 3, 1, 23, 59, 59, 999))});
    addTurn({makeCall(QStringLiteral("a"), Stage::Panel, 0, pico(4), utcMs(2026, 3, 2, 0)),
             makeCall(QStringLiteral("a"), Stage::Round, 1, std::nullopt, utcMs(2026, 3, 2, 10)),
             makeCall(QStringLiteral("w"), Stage::Writer, 0, pico(50'000), utcMs(2026, 3, 2, 10))});
}

void TestSpendQueries::spendByPeriod_data()
{
    QTest::addColumn<SpendQueries::Period>("period");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("day") << SpendQueries::Period::Day
                         << QStringList{QStringLiteral("2026-02-28|a|||1000|1|0"),
                                        QStringLiteral("2026-02-28|b|||20|1|0"),
                                        QStringLiteral("2026-03-01|a|||300|1|0"),
                                        QStringLiteral("2026-03-02|a|||4|1|1"),
                                        QStringLiteral("2026-03-02|w|||50000|1|0")};
    QTest::newRow("week starts on Monday") << SpendQueries::Period::Week
                                           << QStringList{QStringLiteral("2026-02-23|a|||1300|2|0"),
                                                          QStringLiteral("2026-02-23|b|||20|1|0"),
                                                          QStringLiteral("2026-03-02|a|||4|1|1"),
                                                          QStringLiteral("2026-03-02|w|||50000|1|0")};
    QTest::newRow("month") << SpendQueries::Period::Month
                           << QStringList{QStringLiteral("2026-02|a|||1000|1|0"),
                                          QStringLiteral("2026-02|b|||20|1|0"),
                                          QStringLiteral("2026-03|a|||304|2|1"),
                                          QStringLiteral("2026-03|w|||50000|1|0")};
}

void TestSpendQueries::spendByPeriod()
{
    QFETCH(SpendQueries::Period, period);
    QFETCH(QStringList, expected);
    addBoundaryTurns();
    SpendQueries queries(m_store->database(), SpendQueries::TimeZone::Utc);
    const Result<QList<SpendRow>> rows = queries.spendByPeriod(period, 0, kEndOfTime);
    QVERIFY2(rows.ok(), qPrintable(rows.error()));
    QCOMPARE(describe(*rows), expected);
}

void TestSpendQueries::rangeEndIsExclusive()
{
    addBoundaryTurns();
    SpendQueries queries(m_store->database(), SpendQueries::TimeZone::Utc);
    const Result<SpendRow> sunday = queries.totalSpend(utcMs(2026, 3, 1, 0), utcMs(2026, 3, 2, 0));
    QVERIFY(sunday.ok());
    QCOMPARE(sunday->cost, pico(300));
    QCOMPARE(sunday->pricedCallCount, 1);
    QCOMPARE(sunday->unknownCostCount, 0);
}

void TestSpendQueries::spendByStage()
{
    addBoundaryTurns();
    SpendQueries queries(m_store->database(), SpendQueries::TimeZone::Utc);
    const Result<QList<SpendRow>> rows = queries.spendByStage(0, kEndOfTime);
    QVERIFY2(rows.ok(), qPrintable(rows.error()));
    QCOMPARE(describe(*rows), (QStringList{QStringLiteral("|||panel|1324|4|0"),
                                           QStringLiteral("|||round 1|0|0|1"),
                                           QStringLiteral("|||writer|50000|1|0")}));
}

void TestSpendQueries::spendByConversation()
{
    addBoundaryTurns();
    const Result<qint64> other = m_store->createConversation(QStringLiteral("other"));
    QVERIFY(other.ok());
    addTurn({makeCall(QStringLiteral("a"), Stage::Panel, 0, pico(9), utcMs(2026, 3, 3, 0))}, {}, *other);

    SpendQueries queries(m_store->database(), SpendQueries::TimeZone::Utc);
    const Result<QList<SpendRow>> first = queries.spendByConversation(m_conversation);
    QVERIFY(first.ok());
    QCOMPARE(describe(*first), (QStringList{QStringLiteral("|a|||1304|3|1"), QStringLiteral("|b|||20|1|0"),
                                            QStringLiteral("|w|||50000|1|0")}));
    const Result<QList<SpendRow>> second = queries.spendByConversation(*other);
    QVERIFY(second.ok());
    QCOMPARE(describe(*second), QStringList{QStringLiteral("|a|||9|1|0")});
}

void TestSpendQueries::reusedCallsSkipped()
{
    CallRecord reused = makeCall(QStringLiteral("a"), Stage::Panel, 0, pico(777), utcMs(2026, 3, 2, 0));
    reused.reused = true;
    CallRecord reusedUnknown = makeCall(QStringLiteral("a"), Stage::Panel, 0, std::nullopt, utcMs(2026, 3, 2, 0));
    reusedUnknown.reused = true;
    addTurn({reused, reusedUnknown, makeCall(QStringLiteral("w"), Stage::Writer, 0, pico(5), utcMs(2026, 3, 2, 0))});

    SpendQueries queries(m_store->database(), SpendQueries::TimeZone::Utc);
    const Result<SpendRow> total = queries.totalSpend(0, kEndOfTime);
    QVERIFY(total.ok());
    QCOMPARE(total->cost, pico(5));
    QCOMPARE(total->pricedCallCount, 1);
    QCOMPARE(total->unknownCostCount, 0);
}

void TestSpendQueries::totalSpendByPreset()
{
    addTurn({makeCall(QStringLiteral("a"), Stage::Panel, 0, pico(10), utcMs(2026, 3, 2, 1))}, QStringLiteral("budget"));
    addTurn({makeCall(QStringLiteral("a"), Stage::Panel, 0, pico(200), utcMs(2026, 3, 2, 2))}, QStringLiteral("quality"));
    addTurn({makeCall(QStringLiteral("a"), Stage::Panel, 0, std::nullopt, utcMs(2026, 3, 2, 3))}, QStringLiteral("budget"));

    SpendQueries queries(m_store->database(), SpendQueries::TimeZone::Utc);
    const Result<SpendRow> budget = queries.totalSpend(0, kEndOfTime, QStringLiteral("budget"));
    QVERIFY2(budget.ok(), qPrintable(budget.error()));
    QCOMPARE(budget->cost, pico(10));
    QCOMPARE(budget->unknownCostCount, 1);
    const Result<SpendRow> all = queries.totalSpend(0, kEndOfTime);
    QVERIFY(all.ok());
    QCOMPARE(all->cost, pico(210));
}

void TestSpendQueries::recentCompletionTokensFeedEstimator()
{
    // 25 calls with 1..25 completion tokens; only the last 20 (6..25) count.
    QList<CallRecord> calls;
    for (int i = 1; i <= 25; ++i)
        calls.append(makeCall(QStringLiteral("m"), Stage::Panel, 0, pico(1), utcMs(2026, 3, 2, 0, i), i));
    CallRecord estimated = makeCall(QStringLiteral("m"), Stage::Panel, 0, pico(1), utcMs(2026, 3, 2, 1), 9999);
    estimated.cost.tokensEstimated = true;
    calls.append(estimated);
    addTurn(calls);

    SpendQueries queries(m_store->database(), SpendQueries::TimeZone::Utc);
    const Result<QList<qint64>> tokens = queries.recentCompletionTokens(QStringLiteral("m"));
    QVERIFY(tokens.ok());
    QCOMPARE(tokens->size(), 20);
    QCOMPARE(tokens->first(), 6);
    QCOMPARE(tokens->last(), 25);

    CostEstimator estimator(nullptr);
    QVERIFY(queries.loadOutputHistory(estimator, {QStringLiteral("m"), QStringLiteral("unseen")}).ok());
    QCOMPARE(estimator.typicalOutputTokens(QStringLiteral("m")), 16); // upper median of 6..25
    QCOMPARE(estimator.typicalOutputTokens(QStringLiteral("unseen")), CostEstimator::kDefaultOutputTokens);
}

void TestSpendQueries::estimatesVsActual()
{
    const qint64 first = addTurn({makeCall(QStringLiteral("a"), Stage::Panel, 0, pico(150), utcMs(2026, 3, 2, 0)),
                                  makeCall(QStringLiteral("b"), Stage::Panel, 0, std::nullopt, utcMs(2026, 3, 2, 0))});
    const qint64 second = addTurn({makeCall(QStringLiteral("a"), Stage::Panel, 0, pico(90), utcMs(2026, 3, 3, 0))});
    addTurn({makeCall(QStringLiteral("a"), Stage::Panel, 0, pico(1), utcMs(2026, 3, 4, 0))}); // no estimate

    SpendQueries queries(m_store->database(), SpendQueries::TimeZone::Utc);
    CostEstimate estimate;
    estimate.low = pico(100);
    estimate.high = pico(400);
    QVERIFY(queries.recordEstimate(first, estimate).ok());
    estimate.low = pico(50);
    estimate.high = pico(80);
    QVERIFY(queries.recordEstimate(second, estimate).ok());

    const Result<QList<EstimateVsActual>> rows = queries.estimatesVsActual();
    QVERIFY2(rows.ok(), qPrintable(rows.error()));
    QCOMPARE(rows->size(), 2);
    QCOMPARE(rows->at(0).turnId, second);
    QCOMPARE(rows->at(0).low, pico(50));
    QCOMPARE(rows->at(0).high, pico(80));
    QCOMPARE(rows->at(0).actual, pico(90));
    QCOMPARE(rows->at(1).turnId, first);
    QCOMPARE(rows->at(1).actual, pico(150));
    QCOMPARE(rows->at(1).unknownCostCount, 1);
}

void TestSpendQueries::budgetCheckAddsTodaySpend()
{
    addTurn({makeCall(QStringLiteral("a"), Stage::Panel, 0, Money::fromMicroUsd(900), utcMs(2026, 3, 1, 23))});
    addTurn({makeCall(QStringLiteral("a"), Stage::Panel, 0, Money::fromMicroUsd(600), utcMs(2026, 3, 2, 8))});
    SpendQueries queries(m_store->database(), SpendQueries::TimeZone::Utc);
    BudgetPolicy policy;
    policy.perDay = Money::fromMicroUsd(1000);
    policy.overCap = BudgetPolicy::OverCap::Refuse;
    CostEstimate estimate;
    estimate.high = Money::fromMicroUsd(300);

    // Yesterday's 900 µ$ do not count: 600 + 300 fits the 1000 µ$ cap.
    const Result<BudgetDecision> fits = checkTurnBudget(policy, estimate, queries, {}, utcMs(2026, 3, 2, 12));
    QVERIFY(fits.ok());
    QCOMPARE(fits->verdict, BudgetDecision::Verdict::Send);

    estimate.high = Money::fromMicroUsd(401);
    const Result<BudgetDecision> over = checkTurnBudget(policy, estimate, queries, {}, utcMs(2026, 3, 2, 12));
    QVERIFY(over.ok());
    QCOMPARE(over->verdict, BudgetDecision::Verdict::Refuse);
    const Turn rejected = budgetRejectedTurn(QStringLiteral("p"), QStringLiteral("fusion"), *over);
    QCOMPARE(rejected.failure, std::optional<TurnFailure>(TurnFailure::BudgetExceeded));
    QCOMPARE(turnFailureName(*rejected.failure), QStringLiteral("budget_exceeded"));
    QCOMPARE(rejected.failureMessage, over->message);
}

void TestSpendQueries::startOfDayInUtc()
{
    SpendQueries queries(m_store->database(), SpendQueries::TimeZone::Utc);
    QCOMPARE(queries.startOfDayMs(utcMs(2026, 3, 1, 23, 59, 59, 999)), utcMs(2026, 3, 1, 0));
    QCOMPARE(queries.startOfDayMs(utcMs(2026, 3, 2, 0)), utcMs(2026, 3, 2, 0));
}

void TestSpendQueries::exactSumOfManyCalls()
{
    // 100,000 calls of odd pico-dollar amounts, such as 3e-10 USD per
    // token prices give, in 10 turns written through the public API.
    constexpr int kTurns = 10;
    constexpr int kCallsPerTurn = 10'000;
    qint64 expectedPico = 0;
    const qint64 start = utcMs(2026, 3, 2, 0);
    for (int turn = 0; turn < kTurns; ++turn) {
        QList<CallRecord> calls;
        calls.reserve(kCallsPerTurn);
        for (int i = 0; i < kCallsPerTurn; ++i) {
            const qint64 amount = 1'234'567 + qint64(turn) * 1'000'003 + qint64(i) * 7'919;
            expectedPico += amount;
            calls.append(makeCall(QStringLiteral("m%1").arg(i % 7), Stage::Panel, 0, pico(amount), start + i));
        }
        QVERIFY(addTurn(calls) > 0);
    }

    SpendQueries queries(m_store->database(), SpendQueries::TimeZone::Utc);
    const Result<SpendRow> total = queries.totalSpend(0, kEndOfTime);
    QVERIFY(total.ok());
    QCOMPARE(total->pricedCallCount, kTurns * kCallsPerTurn);
    QCOMPARE(total->cost.picoUsd(), expectedPico);
    QCOMPARE(expectedPico, 4'532'562'100'000);
    QCOMPARE(total->cost.roundedMicroUsd(), 4'532'562);
    QCOMPARE(total->cost.toDecimalString(), QStringLiteral("4.5325621"));

    // The per-model rows add up to the same exact total.
    const Result<QList<SpendRow>> byModel = queries.spendByPeriod(SpendQueries::Period::Month, 0, kEndOfTime);
    QVERIFY(byModel.ok());
    Money sum;
    for (const SpendRow &row : *byModel)
        sum += row.cost;
    QCOMPARE(sum.picoUsd(), expectedPico);
}

QTEST_GUILESS_MAIN(TestSpendQueries)
#include "tst_SpendQueries.moc"
