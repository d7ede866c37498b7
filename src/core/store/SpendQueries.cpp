#include "SpendQueries.h"

#include "common/Logging.h"
#include "cost/CostEstimator.h"
#include "provider/CallOutcome.h"
#include "store/EnumNames.h"
#include "store/SqlSupport.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>

namespace Consilium {

namespace {

// The calls that cost this history money, each with the time it counts
// at (epoch ms): when it finished, else when its turn finished or began.
const QString kSpendCalls = QStringLiteral(
    "WITH spend_calls AS (SELECT calls.model, calls.provider, calls.stage, calls.stage_number, "
    "calls.cost_pico, turns.conversation_id, turns.preset_snapshot, "
    "COALESCE(NULLIF(calls.finished_at_ms, 0), NULLIF(turns.finished_at, 0), turns.created_at) AS at_ms "
    "FROM calls JOIN turns ON turns.id = calls.turn_id WHERE calls.reused = 0) ");

// SUM over INTEGER stays an exact 64-bit integer in SQLite (it reports an
// overflow instead of switching to floating point, unlike TOTAL).
const QString kAggregates = QStringLiteral(
    "COALESCE(SUM(cost_pico), 0), COUNT(cost_pico), COUNT(*) - COUNT(cost_pico)");

void readAggregates(const QSqlQuery &query, int first, SpendRow &row)
{
    row.cost = Money::fromPicoUsd(query.value(first).toLongLong());
    row.pricedCallCount = query.value(first + 1).toInt();
    row.unknownCostCount = query.value(first + 2).toInt();
}

} // namespace

SpendQueries::SpendQueries(QSqlDatabase &database, TimeZone zone) : m_database(database), m_zone(zone) {}

QString SpendQueries::timeModifier() const
{
    return m_zone == TimeZone::Local ? QStringLiteral("'unixepoch', 'localtime'") : QStringLiteral("'unixepoch'");
}

Result<QList<SpendRow>> SpendQueries::spendByPeriod(Period period, qint64 fromMs, qint64 toMs)
{
    const QString time = QStringLiteral("at_ms / 1000, ") + timeModifier();
    QString periodSql;
    switch (period) {
    case Period::Day: periodSql = QStringLiteral("date(") + time + u')'; break;
    // 'weekday 0' moves forward to Sunday (or stays), so six days back is
    // the Monday that starts the ISO week.
    case Period::Week: periodSql = QStringLiteral("date(") + time + QStringLiteral(", 'weekday 0', '-6 days')"); break;
    case Period::Month: periodSql = QStringLiteral("strftime('%Y-%m', ") + time + u')'; break;
    }
    const QString sql = kSpendCalls + QStringLiteral("SELECT ") + periodSql + QStringLiteral(" AS period, model, provider, ")
        + kAggregates + QStringLiteral(" FROM spend_calls WHERE at_ms >= ? AND at_ms < ? "
                                       "GROUP BY period, model, provider ORDER BY period, model, provider");
    Result<QSqlQuery> query = Sql::run(m_database, sql, {fromMs, toMs});
    if (!query)
        return Result<QList<SpendRow>>::failure(query.error());
    QSqlQuery rows = std::move(query).value();
    QList<SpendRow> result;
    while (rows.next()) {
        SpendRow row;
        row.period = rows.value(0).toString();
        row.model = rows.value(1).toString();
        row.provider = rows.value(2).toString();
        readAggregates(rows, 3, row);
        result.append(row);
    }
    return result;
}

Result<QList<SpendRow>> SpendQueries::spendByStage(qint64 fromMs, qint64 toMs)
{
    const QString sql = kSpendCalls + QStringLiteral("SELECT stage, stage_number, ") + kAggregates
        + QStringLiteral(" FROM spend_calls WHERE at_ms >= ? AND at_ms < ? "
                         "GROUP BY stage, stage_number ORDER BY stage, stage_number");
    Result<QSqlQuery> query = Sql::run(m_database, sql, {fromMs, toMs});
    if (!query)
        return Result<QList<SpendRow>>::failure(query.error());
    QSqlQuery rows = std::move(query).value();
    QList<SpendRow> result;
    while (rows.next()) {
        SpendRow row;
        const QString name = rows.value(0).toString();
        const std::optional<Stage> stage = stageFromName(name);
        // A stage name from a newer build is shown as stored.
        row.stage = stage ? stageLabel(*stage, rows.value(1).toInt()) : name;
        readAggregates(rows, 2, row);
        result.append(row);
    }
    return result;
}

Result<QList<SpendRow>> SpendQueries::spendByConversation(qint64 conversationId)
{
    const QString sql = kSpendCalls + QStringLiteral("SELECT model, provider, ") + kAggregates
        + QStringLiteral(" FROM spend_calls WHERE conversation_id = ? "
                         "GROUP BY model, provider ORDER BY model, provider");
    Result<QSqlQuery> query = Sql::run(m_database, sql, {conversationId});
    if (!query)
        return Result<QList<SpendRow>>::failure(query.error());
    QSqlQuery rows = std::move(query).value();
    QList<SpendRow> result;
    while (rows.next()) {
        SpendRow row;
        row.model = rows.value(0).toString();
        row.provider = rows.value(1).toString();
        readAggregates(rows, 2, row);
        result.append(row);
    }
    return result;
}

Result<SpendRow> SpendQueries::totalSpend(qint64 fromMs, qint64 toMs, const QString &presetName)
{
    QString sql = kSpendCalls + QStringLiteral("SELECT ") + kAggregates
        + QStringLiteral(" FROM spend_calls WHERE at_ms >= ? AND at_ms < ?");
    QVariantList values{fromMs, toMs};
    if (!presetName.isEmpty()) {
        sql += QStringLiteral(" AND json_extract(preset_snapshot, '$.name') = ?");
        values.append(presetName);
    }
    Result<QSqlQuery> query = Sql::run(m_database, sql, values);
    if (!query)
        return Result<SpendRow>::failure(query.error());
    QSqlQuery rows = std::move(query).value();
    SpendRow row;
    if (rows.next())
        readAggregates(rows, 0, row);
    return row;
}

Result<QList<qint64>> SpendQueries::recentCompletionTokens(const QString &model, int limit)
{
    // Estimated token counts would feed the estimator its own guesses.
    const QString sql = QStringLiteral(
        "SELECT completion_tokens FROM calls WHERE model = ? AND status = ? AND reused = 0 "
        "AND tokens_estimated = 0 ORDER BY finished_at_ms DESC, id DESC LIMIT ?");
    Result<QSqlQuery> query = Sql::run(m_database, sql, {model, callStatusName(CallStatus::Succeeded), limit});
    if (!query)
        return Result<QList<qint64>>::failure(query.error());
    QSqlQuery rows = std::move(query).value();
    QList<qint64> tokens;
    while (rows.next())
        tokens.append(rows.value(0).toLongLong());
    std::reverse(tokens.begin(), tokens.end());
    return tokens;
}

StoreStatus SpendQueries::loadOutputHistory(CostEstimator &estimator, const QStringList &models)
{
    for (const QString &model : models) {
        const Result<QList<qint64>> tokens = recentCompletionTokens(model);
        if (!tokens)
            return StoreStatus::failure(tokens.error());
        for (qint64 count : *tokens)
            estimator.recordOutput(model, count);
    }
    return std::monostate{};
}

qint64 SpendQueries::startOfDayMs(qint64 nowMs) const
{
    const QDateTime now = m_zone == TimeZone::Local ? QDateTime::fromMSecsSinceEpoch(nowMs)
                                                    : QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc());
    return QDateTime(now.date(), QTime(0, 0), now.timeZone()).toMSecsSinceEpoch();
}

StoreStatus SpendQueries::ensureEstimateTable()
{
    if (m_estimateTableReady)
        return std::monostate{};
    // NOTE: persisted data, kept beside the versioned schema rather than in
    // a migration: the estimate shown before each turn was sent, in
    // pico-dollars. Rows go with their turn when a conversation is purged.
    const StoreStatus status = Sql::execute(m_database, QStringLiteral(
        "CREATE TABLE IF NOT EXISTS turn_estimates (turn_id INTEGER PRIMARY KEY "
        "REFERENCES turns (id) ON DELETE CASCADE, low_pico INTEGER, high_pico INTEGER)"));
    m_estimateTableReady = status.ok();
    return status;
}

StoreStatus SpendQueries::recordEstimate(qint64 turnId, const CostEstimate &estimate)
{
    const StoreStatus ready = ensureEstimateTable();
    if (!ready)
        return ready;
    const Result<QSqlQuery> query = Sql::run(
        m_database, QStringLiteral("INSERT OR REPLACE INTO turn_estimates (turn_id, low_pico, high_pico) VALUES (?, ?, ?)"),
        {turnId, estimate.low.picoUsd(), estimate.high.picoUsd()});
    if (!query) {
        qCWarning(lcStore) << "cannot store the estimate of turn" << turnId << ":" << query.error();
        return StoreStatus::failure(query.error());
    }
    return std::monostate{};
}

Result<QList<EstimateVsActual>> SpendQueries::estimatesVsActual(int limit)
{
    const StoreStatus ready = ensureEstimateTable();
    if (!ready)
        return Result<QList<EstimateVsActual>>::failure(ready.error());
    const QString sql = QStringLiteral(
        "SELECT turns.id, turns.created_at, turn_estimates.low_pico, turn_estimates.high_pico, "
        "COALESCE(SUM(calls.cost_pico), 0), COUNT(calls.id) - COUNT(calls.cost_pico) "
        "FROM turn_estimates JOIN turns ON turns.id = turn_estimates.turn_id "
        "LEFT JOIN calls ON calls.turn_id = turns.id AND calls.reused = 0 "
        "GROUP BY turns.id ORDER BY turns.created_at DESC, turns.id DESC LIMIT ?");
    Result<QSqlQuery> query = Sql::run(m_database, sql, {limit});
    if (!query)
        return Result<QList<EstimateVsActual>>::failure(query.error());
    QSqlQuery rows = std::move(query).value();
    QList<EstimateVsActual> result;
    while (rows.next()) {
        EstimateVsActual row;
        row.turnId = rows.value(0).toLongLong();
        row.createdAtMs = rows.value(1).toLongLong();
        row.low = Money::fromPicoUsd(rows.value(2).toLongLong());
        row.high = Money::fromPicoUsd(rows.value(3).toLongLong());
        row.actual = Money::fromPicoUsd(rows.value(4).toLongLong());
        row.unknownCostCount = rows.value(5).toInt();
        result.append(row);
    }
    return result;
}

} // namespace Consilium
