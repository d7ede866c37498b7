#pragma once

#include "store/StoreTypes.h"

#include <QSqlDatabase>

namespace Consilium::TurnRows {

// Reading and writing rows of the turns table, calls not included.

// Inserts the turn after the last one of its conversation and returns the
// new id and position; `turn.conversationId` picks the conversation.
struct Inserted
{
    qint64 id = 0;
    int position = 0;
};
Result<Inserted> insert(QSqlDatabase &database, const StoredTurn &turn);

// Stores the outcome columns (answer, degraded, failure) and the state.
StoreStatus finish(QSqlDatabase &database, qint64 turnId, const Turn &turn, TurnState state, qint64 finishedAtMs);

// Loads the turns that `filter` selects (an SQL condition with one
// placeholder bound to `filterValue`) with their calls, in conversation
// and position order.
Result<QList<StoredTurn>> load(QSqlDatabase &database, const QString &filter, const QVariant &filterValue);

} // namespace Consilium::TurnRows
