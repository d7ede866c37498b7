#pragma once

#include "store/StoreTypes.h"

#include <QSqlDatabase>

namespace Consilium::StoreSearch {

// Turns user input into an FTS5 query: every word quoted (so operators and
// punctuation are taken literally), all required, the last one also
// matching as a prefix when it has three or more characters. Returns an
// empty string when there is no word.
QString toFtsQuery(const QString &input);

// Searches the FTS5 index, best matches first.
Result<QList<SearchHit>> fullText(QSqlDatabase &database, const QString &query, int limit);

// Searches with LIKE for the whole input when SQLite has no FTS5: slower,
// no ranking, the same hit format.
Result<QList<SearchHit>> like(QSqlDatabase &database, const QString &query, int limit);

} // namespace Consilium::StoreSearch
