#include "TurnRows.h"

#include "common/Logging.h"
#include "store/CallRows.h"
#include "store/EnumNames.h"
#include "store/SqlSupport.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace Consilium::TurnRows {

namespace {

QString jsonColumn(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// An empty object is stored as NULL: the strategy produced nothing.
QVariant jsonColumnOrNull(const QJsonObject &object)
{
    return object.isEmpty() ? Sql::nullText() : QVariant(jsonColumn(object));
}

QJsonObject labelsToJson(const QMap<QString, QString> &labels)
{
    QJsonObject object;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QMap<QString, QString> labelsFromJson(const QJsonObject &object)
{
    QMap<QString, QString> labels;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        labels.insert(it.key(), it.value().toString());
    return labels;
}

QJsonObject parseObject(const QVariant &value)
{
    return value.isNull() ? QJsonObject() : QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QVariant failureValue(const Turn &turn)
{
    return turn.failure ? QVariant(turnFailureName(*turn.failure)) : Sql::nullText();
}

StoredTurn readTurn(const QSqlQuery &row)
{
    StoredTurn stored;
    stored.id = row.value(0).toLongLong();
    stored.conversationId = row.value(1).toLongLong();
    stored.position = row.value(2).toInt();
    Turn &turn = stored.turn;
    turn.prompt = row.value(3).toString();
    turn.strategy = row.value(4).toString();
    turn.answer = row.value(5).toString();
    turn.degraded = row.value(6).toBool();
    turn.degradedReason = row.value(7).toString();
    if (!row.value(8).isNull()) {
        turn.failure = turnFailureFromName(row.value(8).toString());
        if (!turn.failure) {
            qCWarning(lcStore) << "turn" << stored.id << "has an unknown failure reason" << row.value(8).toString();
            turn.failure = TurnFailure::AllMembersFailed;
        }
    }
    turn.failureMessage = row.value(9).toString();
    stored.presetSnapshot = parseObject(row.value(10));
    turn.analysis = parseObject(row.value(11));
    turn.anonymousLabels = labelsFromJson(parseObject(row.value(12)));
    stored.state = turnStateFromName(row.value(13).toString()).value_or(TurnState::Interrupted);
    stored.createdAtMs = row.value(14).toLongLong();
    stored.finishedAtMs = row.value(15).toLongLong();
    return stored;
}

} // namespace

Result<Inserted> insert(QSqlDatabase &database, const StoredTurn &stored)
{
    Result<QSqlQuery> next = Sql::run(
        database, QStringLiteral("SELECT coalesce(max(position) + 1, 0) FROM turns WHERE conversation_id = ?"),
        {stored.conversationId});
    if (!next)
        return Result<Inserted>::failure(next.error());
    QSqlQuery positionRow = std::move(next).value();
    const int position = positionRow.next() ? positionRow.value(0).toInt() : 0;

    const Turn &turn = stored.turn;
    const Result<QSqlQuery> query = Sql::run(
        database,
        QStringLiteral("INSERT INTO turns (conversation_id, position, prompt, strategy, answer, degraded, "
                       "degraded_reason, failure_reason, failure_message, preset_snapshot, analysis, "
                       "anonymous_labels, state, created_at, finished_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {stored.conversationId, position, turn.prompt, turn.strategy, turn.answer, turn.degraded,
         turn.degradedReason, failureValue(turn), turn.failureMessage, jsonColumn(stored.presetSnapshot),
         jsonColumnOrNull(turn.analysis), jsonColumnOrNull(labelsToJson(turn.anonymousLabels)),
         turnStateName(stored.state),
         stored.createdAtMs, stored.finishedAtMs ? QVariant(stored.finishedAtMs) : Sql::nullInteger()});
    if (!query)
        return Result<Inserted>::failure(QStringLiteral("cannot store the turn: %1").arg(query.error()));
    return Inserted{query->lastInsertId().toLongLong(), position};
}

StoreStatus finish(QSqlDatabase &database, qint64 turnId, const Turn &turn, TurnState state, qint64 finishedAtMs)
{
    const Result<QSqlQuery> query = Sql::run(
        database,
        QStringLiteral("UPDATE turns SET answer = ?, degraded = ?, degraded_reason = ?, failure_reason = ?, "
                       "failure_message = ?, analysis = ?, anonymous_labels = ?, state = ?, finished_at = ? "
                       "WHERE id = ?"),
        {turn.answer, turn.degraded, turn.degradedReason, failureValue(turn), turn.failureMessage,
         jsonColumnOrNull(turn.analysis), jsonColumnOrNull(labelsToJson(turn.anonymousLabels)),
         turnStateName(state), finishedAtMs, turnId});
    if (!query)
        return StoreStatus::failure(QStringLiteral("cannot finish turn %1: %2").arg(turnId).arg(query.error()));
    return std::monostate{};
}

Result<QList<StoredTurn>> load(QSqlDatabase &database, const QString &filter, const QVariant &filterValue)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, conversation_id, position, prompt, strategy, answer, degraded, "
                                 "degraded_reason, failure_reason, failure_message, preset_snapshot, analysis, "
                                 "anonymous_labels, state, created_at, finished_at FROM turns WHERE %1 "
                                 "ORDER BY conversation_id, position")
                      .arg(filter));
    const StoreStatus status = Sql::runPrepared(query, {filterValue});
    if (!status)
        return Result<QList<StoredTurn>>::failure(QStringLiteral("cannot load turns: %1").arg(status.error()));

    QList<StoredTurn> turns;
    while (query.next())
        turns.append(readTurn(query));
    const StoreStatus calls = CallRows::loadInto(database, filter, filterValue, turns);
    if (!calls)
        return Result<QList<StoredTurn>>::failure(calls.error());
    return turns;
}

} // namespace Consilium::TurnRows
