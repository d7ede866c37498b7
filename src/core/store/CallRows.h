#pragma once

#include "store/StoreTypes.h"

#include <QSqlDatabase>

namespace Consilium::CallRows {

// Reading and writing rows of the calls table. Every column of a call
// lives here so that insert, update and load cannot drift apart.

Result<qint64> insert(QSqlDatabase &database, qint64 turnId, int position, const CallRecord &call);

// Overwrites every column with the record, e.g. when the call finishes.
StoreStatus update(QSqlDatabase &database, qint64 callId, const CallRecord &call);

// Appends streamed text to a running call and stores its timings so far.
StoreStatus appendText(QSqlDatabase &database, qint64 callId, const QString &textDelta,
                       const QString &reasoningDelta, const CallTimings &timings);

// Loads the calls of the turns that `turnFilter` selects (an SQL
// condition on the turns table with one placeholder bound to
// `filterValue`) into `turns`, matched by turn id.
StoreStatus loadInto(QSqlDatabase &database, const QString &turnFilter, const QVariant &filterValue,
                     QList<StoredTurn> &turns);

} // namespace Consilium::CallRows
