#include "CallRows.h"

#include "common/Logging.h"
#include "store/EnumNames.h"
#include "store/RecordJson.h"
#include "store/SqlSupport.h"

#include <QHash>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Consilium::CallRows {

namespace {

// The columns callValues() fills, in its order.
const QStringList kColumns{
    QStringLiteral("model"), QStringLiteral("provider"), QStringLiteral("upstream_provider"), QStringLiteral("stage"),
    QStringLiteral("stage_number"), QStringLiteral("reused"), QStringLiteral("status"),
    QStringLiteral("error_kind"), QStringLiteral("error_message"), QStringLiteral("error_code"),
    QStringLiteral("error_type"), QStringLiteral("error_metadata"), QStringLiteral("retry_after_ms"),
    QStringLiteral("http_status"), QStringLiteral("text"), QStringLiteral("reasoning"),
    QStringLiteral("reasoning_details"), QStringLiteral("finish_reason"), QStringLiteral("usage"),
    QStringLiteral("prompt_tokens"), QStringLiteral("completion_tokens"), QStringLiteral("tokens_estimated"),
    QStringLiteral("cost_pico"), QStringLiteral("cost_source"), QStringLiteral("keep_alives"),
    QStringLiteral("attempts"), QStringLiteral("skipped_events"), QStringLiteral("queued_at_ms"),
    QStringLiteral("sent_at_ms"), QStringLiteral("first_token_at_ms"), QStringLiteral("finished_at_ms"),
};

QString jsonText(const QJsonDocument &document)
{
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

QVariantList callValues(const CallRecord &call)
{
    const CallOutcome &outcome = call.outcome;
    const ProviderError &error = outcome.error;
    return {
        call.model,
        call.provider,
        outcome.upstreamProvider,
        stageName(call.stage),
        call.stageNumber,
        call.reused,
        callStatusName(outcome.status),
        error.kindName(),
        error.message,
        error.code,
        error.type,
        error.metadata.isEmpty() ? Sql::nullText() : QVariant(jsonText(QJsonDocument(error.metadata))),
        error.retryAfter ? QVariant(qint64(error.retryAfter->count())) : Sql::nullInteger(),
        error.httpStatus,
        outcome.text,
        outcome.reasoning,
        outcome.reasoningDetails.isEmpty()
            ? Sql::nullText()
            : QVariant(jsonText(QJsonDocument(reasoningDetailsToJson(outcome.reasoningDetails)))),
        outcome.finishReason ? QVariant(*outcome.finishReason) : Sql::nullText(),
        outcome.usage ? QVariant(jsonText(QJsonDocument(usageToJson(*outcome.usage)))) : Sql::nullText(),
        call.cost.promptTokens,
        call.cost.completionTokens,
        call.cost.tokensEstimated,
        // NULL, not 0, when the cost is unknown: a free call and an
        // unpriced one must stay different.
        call.cost.cost ? QVariant(call.cost.cost->picoUsd()) : Sql::nullInteger(),
        costSourceName(call.cost.source),
        outcome.keepAlives,
        outcome.attempts,
        outcome.skippedEvents,
        outcome.timings.queuedAtMs,
        outcome.timings.sentAtMs,
        outcome.timings.firstTokenAtMs,
        outcome.timings.finishedAtMs,
    };
}

template <typename Enum>
Enum readEnum(const QString &name, std::optional<Enum> (*fromName)(const QString &), Enum fallback)
{
    const std::optional<Enum> value = fromName(name);
    if (!value)
        qCWarning(lcStore) << "unknown stored value" << name << "read as the default";
    return value.value_or(fallback);
}

QJsonDocument parseJson(const QVariant &value)
{
    return value.isNull() ? QJsonDocument() : QJsonDocument::fromJson(value.toString().toUtf8());
}

// Reads one row whose columns are id, turn_id, position, then kColumns.
CallRecord readCall(const QSqlQuery &row)
{
    constexpr int first = 3;
    auto column = [&row](int index) { return row.value(first + index); };

    CallRecord call;
    CallOutcome &outcome = call.outcome;
    call.model = column(0).toString();
    call.provider = column(1).toString();
    outcome.upstreamProvider = column(2).toString();
    call.stage = readEnum(column(3).toString(), stageFromName, Stage::Panel);
    call.stageNumber = column(4).toInt();
    call.reused = column(5).toBool();
    outcome.status = readEnum(column(6).toString(), callStatusFromName, CallStatus::Failed);
    outcome.error.kind = readEnum(column(7).toString(), errorKindFromName, ErrorKind::None);
    outcome.error.message = column(8).toString();
    outcome.error.code = column(9).toString();
    outcome.error.type = column(10).toString();
    outcome.error.metadata = parseJson(column(11)).object();
    if (!column(12).isNull())
        outcome.error.retryAfter = std::chrono::milliseconds(column(12).toLongLong());
    outcome.error.httpStatus = column(13).toInt();
    outcome.text = column(14).toString();
    outcome.reasoning = column(15).toString();
    outcome.reasoningDetails = reasoningDetailsFromJson(parseJson(column(16)).array());
    if (!column(17).isNull())
        outcome.finishReason = column(17).toString();
    if (!column(18).isNull())
        outcome.usage = usageFromJson(parseJson(column(18)).object());
    call.cost.promptTokens = column(19).toLongLong();
    call.cost.completionTokens = column(20).toLongLong();
    call.cost.tokensEstimated = column(21).toBool();
    if (!column(22).isNull())
        call.cost.cost = Money::fromPicoUsd(column(22).toLongLong());
    call.cost.source = readEnum(column(23).toString(), costSourceFromName, CostSource::Unknown);
    outcome.keepAlives = column(24).toInt();
    outcome.attempts = column(25).toInt();
    outcome.skippedEvents = column(26).toInt();
    outcome.timings = CallTimings{column(27).toLongLong(), column(28).toLongLong(), column(29).toLongLong(),
                                  column(30).toLongLong()};
    return call;
}

} // namespace

Result<qint64> insert(QSqlDatabase &database, qint64 turnId, int position, const CallRecord &call)
{
    QStringList placeholders;
    placeholders.fill(QStringLiteral("?"), kColumns.size() + 2);
    const QString sql = QStringLiteral("INSERT INTO calls (turn_id, position, %1) VALUES (%2)")
                            .arg(kColumns.join(QStringLiteral(", ")), placeholders.join(QStringLiteral(", ")));
    const Result<QSqlQuery> query = Sql::run(database, sql, QVariantList{turnId, position} + callValues(call));
    if (!query)
        return Result<qint64>::failure(QStringLiteral("cannot store the call of %1: %2").arg(call.model, query.error()));
    return query->lastInsertId().toLongLong();
}

StoreStatus update(QSqlDatabase &database, qint64 callId, const CallRecord &call)
{
    const QString sql = QStringLiteral("UPDATE calls SET %1 = ? WHERE id = ?")
                            .arg(kColumns.join(QStringLiteral(" = ?, ")));
    const Result<QSqlQuery> query = Sql::run(database, sql, callValues(call) + QVariantList{callId});
    if (!query)
        return StoreStatus::failure(QStringLiteral("cannot update call %1: %2").arg(callId).arg(query.error()));
    return std::monostate{};
}

StoreStatus appendText(QSqlDatabase &database, qint64 callId, const QString &textDelta,
                       const QString &reasoningDelta, const CallTimings &timings)
{
    const Result<QSqlQuery> query = Sql::run(
        database,
        QStringLiteral("UPDATE calls SET text = text || ?, reasoning = reasoning || ?, status = 'running', "
                       "queued_at_ms = ?, sent_at_ms = ?, first_token_at_ms = ?, finished_at_ms = ? WHERE id = ?"),
        {textDelta, reasoningDelta, timings.queuedAtMs, timings.sentAtMs, timings.firstTokenAtMs,
         timings.finishedAtMs, callId});
    if (!query)
        return StoreStatus::failure(QStringLiteral("cannot append to call %1: %2").arg(callId).arg(query.error()));
    return std::monostate{};
}

StoreStatus loadInto(QSqlDatabase &database, const QString &turnFilter, const QVariant &filterValue,
                     QList<StoredTurn> &turns)
{
    QHash<qint64, qsizetype> indexById;
    for (qsizetype i = 0; i < turns.size(); ++i)
        indexById.insert(turns[i].id, i);

    const QString sql = QStringLiteral("SELECT id, turn_id, position, %1 FROM calls "
                                       "WHERE turn_id IN (SELECT id FROM turns WHERE %2) ORDER BY turn_id, position")
                            .arg(kColumns.join(QStringLiteral(", ")), turnFilter);
    QSqlQuery query(database);
    query.setForwardOnly(true);
    query.prepare(sql);
    const StoreStatus status = Sql::runPrepared(query, {filterValue});
    if (!status)
        return StoreStatus::failure(QStringLiteral("cannot load calls: %1").arg(status.error()));
    while (query.next()) {
        const auto found = indexById.constFind(query.value(1).toLongLong());
        if (found == indexById.cend())
            continue;
        StoredTurn &turn = turns[*found];
        turn.callIds.append(query.value(0).toLongLong());
        turn.turn.calls.append(readCall(query));
    }
    return std::monostate{};
}

} // namespace Consilium::CallRows
