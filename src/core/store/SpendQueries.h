#pragma once

#include "common/Money.h"
#include "store/StoreTypes.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Consilium {

class CostEstimator;
struct CostEstimate;

// Spend of one group of calls. Calls with no known cost are counted in
// unknownCostCount and left out of `cost`: an unpriced call is not free.
struct SpendRow
{
    QString period;   // "2026-03-02" (day, or the Monday of a week), "2026-03" (month); empty when not grouped
    QString model;
    QString provider; // empty for the default provider
    QString stage;    // CallRecord::stageText(), e.g. "round 2"; empty when not grouped by stage
    Money cost;
    int pricedCallCount = 0;
    int unknownCostCount = 0;
};

// A turn's estimate before sending next to what its calls cost.
struct EstimateVsActual
{
    qint64 turnId = 0;
    qint64 createdAtMs = 0;
    Money low;
    Money high;
    Money actual;             // known costs of the turn's own calls
    int unknownCostCount = 0; // calls of the turn with no known cost
};

// Read-only spending reports over the conversation store's calls table,
// plus the turn_estimates side table that it owns. Sums run in SQLite over
// INTEGER pico-dollars, so totals are exact. Reused calls (copied from an
// earlier turn) are skipped because that turn paid for them. A call's time
// is when it finished, or its turn's time for calls that never finished.
// NOTE: calls of deleted conversations still count, as the money was
// spent; purged conversations take their rows, and so their spend, along.
class SpendQueries
{
public:
    enum class Period { Day, Week, Month };
    enum class TimeZone { Local, Utc }; // the calendar that days begin in

    // Uses the connection of a ConversationStore (same thread rules).
    explicit SpendQueries(QSqlDatabase &database, TimeZone zone = TimeZone::Local);

    // Spend per period, model and provider for calls in [fromMs, toMs).
    Result<QList<SpendRow>> spendByPeriod(Period period, qint64 fromMs, qint64 toMs);
    // Spend per stage label in [fromMs, toMs).
    Result<QList<SpendRow>> spendByStage(qint64 fromMs, qint64 toMs);
    // Spend per model and provider of one conversation.
    Result<QList<SpendRow>> spendByConversation(qint64 conversationId);
    // One row with the whole spend in [fromMs, toMs); with a preset name,
    // only turns whose preset snapshot has that "name".
    Result<SpendRow> totalSpend(qint64 fromMs, qint64 toMs, const QString &presetName = {});

    // Returns the completion tokens of the model's last `limit` finished,
    // non-reused calls with reported usage, oldest first.
    Result<QList<qint64>> recentCompletionTokens(const QString &model, int limit = 20);
    // Feeds recentCompletionTokens() of each model into the estimator.
    StoreStatus loadOutputHistory(CostEstimator &estimator, const QStringList &models);

    // Stores the estimate shown before a turn was sent (replacing one
    // stored before for the same turn).
    StoreStatus recordEstimate(qint64 turnId, const CostEstimate &estimate);
    // Returns the latest `limit` turns that have an estimate, newest first.
    Result<QList<EstimateVsActual>> estimatesVsActual(int limit = 500);

    // Returns the epoch ms of the start of the day containing `nowMs`, in
    // this object's time zone, e.g. for today's spend in a budget check.
    qint64 startOfDayMs(qint64 nowMs) const;

private:
    StoreStatus ensureEstimateTable();
    QString timeModifier() const;

    QSqlDatabase &m_database;
    TimeZone m_zone;
    bool m_estimateTableReady = false;
};

} // namespace Consilium
