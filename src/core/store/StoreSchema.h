#pragma once

#include "store/StoreTypes.h"

#include <QSqlDatabase>

namespace Consilium {

// The schema of the conversation database and its migrations.
//
// PRAGMA user_version stores the number of migrations applied. Opening a
// database runs the missing ones in order, each in its own transaction
// together with the user_version bump, so a crash leaves the database at
// the previous version. To change the schema, append a function to the
// list in StoreSchema.cpp; never edit a migration that has shipped.
namespace StoreSchema {

// Returns the version a fully migrated database has.
int latestVersion();

// Reads PRAGMA user_version.
Result<int> currentVersion(QSqlDatabase &database);

// Applies every migration above the current version. Rejects a database
// written by a newer Consilium instead of guessing at its layout.
StoreStatus migrate(QSqlDatabase &database);

// Whether this SQLite build has FTS5. Debian 12's libsqlite3 3.40, which
// Qt's QSQLITE driver links there, has it; other builds may not.
bool hasFts5(QSqlDatabase &database);

// Creates the FTS5 search index and its triggers when missing, filling it
// from the stored turns. Returns whether the index exists afterwards
// (false without FTS5, after logging a warning).
Result<bool> ensureSearchIndex(QSqlDatabase &database);

} // namespace StoreSchema

} // namespace Consilium
