#include "StoreSchema.h"

#include "common/Logging.h"
#include "store/SqlSupport.h"

#include <QSqlQuery>
#include <QStringList>

#include <functional>

namespace Consilium::StoreSchema {

namespace {

// NOTE: these tables are the on-disk format of every user's history.
// Times are Unix epoch milliseconds, money is INTEGER pico-dollars (NULL
// when unknown, which is not the same as 0), JSON columns hold UTF-8 text.
// Incognito conversations have no column because they are never written.
const QStringList kMigration1{
    QStringLiteral(R"(CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER))"),
    QStringLiteral("CREATE INDEX conversations_by_update ON conversations (deleted_at, updated_at DESC)"),
    QStringLiteral(R"(CREATE TABLE turns (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        prompt TEXT NOT NULL,
        strategy TEXT NOT NULL,
        answer TEXT NOT NULL DEFAULT '',
        degraded INTEGER NOT NULL DEFAULT 0,
        degraded_reason TEXT NOT NULL DEFAULT '',
        failure_reason TEXT,
        failure_message TEXT NOT NULL DEFAULT '',
        preset_snapshot TEXT NOT NULL DEFAULT '{}',
        analysis TEXT,
        anonymous_labels TEXT,
        state TEXT NOT NULL CHECK (state IN ('running', 'complete', 'failed', 'interrupted')),
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        UNIQUE (conversation_id, position)))"),
    QStringLiteral("CREATE INDEX turns_by_state ON turns (state)"),
    QStringLiteral(R"(CREATE TABLE calls (
        id INTEGER PRIMARY KEY,
        turn_id INTEGER NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        model TEXT NOT NULL,
        provider TEXT NOT NULL DEFAULT '',
        upstream_provider TEXT NOT NULL DEFAULT '',
        stage TEXT NOT NULL,
        stage_number INTEGER NOT NULL DEFAULT 0,
        reused INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        error_kind TEXT NOT NULL DEFAULT 'none',
        error_message TEXT NOT NULL DEFAULT '',
        error_code TEXT NOT NULL DEFAULT '',
        error_type TEXT NOT NULL DEFAULT '',
        error_metadata TEXT,
        retry_after_ms INTEGER,
        http_status INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL DEFAULT '',
        reasoning TEXT NOT NULL DEFAULT '',
        reasoning_details TEXT,
        finish_reason TEXT,
        usage TEXT,
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        tokens_estimated INTEGER NOT NULL DEFAULT 0,
        cost_pico INTEGER,
        cost_source TEXT NOT NULL DEFAULT 'unknown',
        keep_alives INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        skipped_events INTEGER NOT NULL DEFAULT 0,
        queued_at_ms INTEGER NOT NULL DEFAULT 0,
        sent_at_ms INTEGER NOT NULL DEFAULT 0,
        first_token_at_ms INTEGER NOT NULL DEFAULT 0,
        finished_at_ms INTEGER NOT NULL DEFAULT 0,
        UNIQUE (turn_id, position)))"),
};

// The search index is not part of a migration: it is created (and filled
// from the tables) whenever it is missing and FTS5 is present, so a
// database made without FTS5 gains search when opened by a build with it.
// Each source text has its own rowid: turn id * 4 + 1 for the prompt,
// + 2 for the answer, call id * 4 + 3 for a call's text.
const QStringList kSearchIndex{
    QStringLiteral(R"(CREATE VIRTUAL TABLE search_index USING fts5 (
        body, conversation_id UNINDEXED, turn_id UNINDEXED, call_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2'))"),
    QStringLiteral(R"(CREATE TRIGGER turns_index_insert AFTER INSERT ON turns BEGIN
        INSERT INTO search_index (rowid, body, conversation_id, turn_id, call_id) VALUES
            (new.id * 4 + 1, new.prompt, new.conversation_id, new.id, 0),
            (new.id * 4 + 2, new.answer, new.conversation_id, new.id, 0);
        END)"),
    QStringLiteral(R"(CREATE TRIGGER turns_index_update AFTER UPDATE OF prompt, answer ON turns BEGIN
        DELETE FROM search_index WHERE rowid IN (old.id * 4 + 1, old.id * 4 + 2);
        INSERT INTO search_index (rowid, body, conversation_id, turn_id, call_id) VALUES
            (new.id * 4 + 1, new.prompt, new.conversation_id, new.id, 0),
            (new.id * 4 + 2, new.answer, new.conversation_id, new.id, 0);
        END)"),
    QStringLiteral(R"(CREATE TRIGGER turns_index_delete AFTER DELETE ON turns BEGIN
        DELETE FROM search_index WHERE rowid IN (old.id * 4 + 1, old.id * 4 + 2);
        END)"),
    QStringLiteral(R"(CREATE TRIGGER calls_index_insert AFTER INSERT ON calls BEGIN
        INSERT INTO search_index (rowid, body, conversation_id, turn_id, call_id)
            SELECT new.id * 4 + 3, new.text, conversation_id, new.turn_id, new.id FROM turns WHERE id = new.turn_id;
        END)"),
    QStringLiteral(R"(CREATE TRIGGER calls_index_update AFTER UPDATE OF text ON calls BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
        INSERT INTO search_index (rowid, body, conversation_id, turn_id, call_id)
            SELECT new.id * 4 + 3, new.text, conversation_id, new.turn_id, new.id FROM turns WHERE id = new.turn_id;
        END)"),
    QStringLiteral(R"(CREATE TRIGGER calls_index_delete AFTER DELETE ON calls BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
        END)"),
    QStringLiteral(R"(INSERT INTO search_index (rowid, body, conversation_id, turn_id, call_id)
        SELECT id * 4 + 1, prompt, conversation_id, id, 0 FROM turns
        UNION ALL SELECT id * 4 + 2, answer, conversation_id, id, 0 FROM turns
        UNION ALL SELECT calls.id * 4 + 3, calls.text, turns.conversation_id, calls.turn_id, calls.id
            FROM calls JOIN turns ON turns.id = calls.turn_id)"),
};

using Migration = std::function<StoreStatus(QSqlDatabase &)>;

StoreStatus executeAll(QSqlDatabase &database, const QStringList &statements)
{
    for (const QString &statement : statements) {
        const StoreStatus status = Sql::execute(database, statement);
        if (!status)
            return status;
    }
    return std::monostate{};
}

// Migration N takes a database at version N - 1 to version N. Append new
// ones at the end, e.g. [](QSqlDatabase &db) { return executeAll(db, kMigration2); }.
const QList<Migration> &migrations()
{
    static const QList<Migration> list{
        [](QSqlDatabase &database) { return executeAll(database, kMigration1); },
    };
    return list;
}

StoreStatus applyOne(QSqlDatabase &database, int version)
{
    Sql::Transaction transaction(database);
    if (!transaction.isActive())
        return StoreStatus::failure(transaction.error());
    StoreStatus status = migrations().at(version - 1)(database);
    if (status)
        status = Sql::execute(database, QStringLiteral("PRAGMA user_version = %1").arg(version));
    if (!status)
        return StoreStatus::failure(QStringLiteral("migration to schema version %1 failed: %2").arg(version).arg(status.error()));
    return transaction.commit();
}

} // namespace

int latestVersion()
{
    return int(migrations().size());
}

Result<int> currentVersion(QSqlDatabase &database)
{
    Result<QSqlQuery> query = Sql::run(database, QStringLiteral("PRAGMA user_version"));
    if (!query)
        return Result<int>::failure(query.error());
    QSqlQuery rows = std::move(query).value();
    return rows.next() ? rows.value(0).toInt() : 0;
}

StoreStatus migrate(QSqlDatabase &database)
{
    const Result<int> current = currentVersion(database);
    if (!current)
        return StoreStatus::failure(current.error());
    if (*current > latestVersion())
        return StoreStatus::failure(QStringLiteral("the database has schema version %1, newer than this Consilium (%2); "
                                                   "update Consilium to open it")
                                        .arg(*current)
                                        .arg(latestVersion()));
    for (int version = *current + 1; version <= latestVersion(); ++version) {
        qCInfo(lcStore) << "migrating the database to schema version" << version;
        const StoreStatus status = applyOne(database, version);
        if (!status)
            return status;
    }
    return std::monostate{};
}

bool hasFts5(QSqlDatabase &database)
{
    QSqlQuery query(database);
    const bool ok = query.exec(QStringLiteral("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5 (x)"));
    if (ok)
        query.exec(QStringLiteral("DROP TABLE temp.fts5_probe"));
    return ok;
}

Result<bool> ensureSearchIndex(QSqlDatabase &database)
{
    Result<QSqlQuery> existing = Sql::run(
        database, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'search_index'"));
    if (!existing)
        return Result<bool>::failure(existing.error());
    QSqlQuery rows = std::move(existing).value();
    if (rows.next() && rows.value(0).toInt() > 0)
        return true;
    if (!hasFts5(database)) {
        qCWarning(lcStore) << "this SQLite has no FTS5; search falls back to LIKE, which is slower";
        return false;
    }

    Sql::Transaction transaction(database);
    if (!transaction.isActive())
        return Result<bool>::failure(transaction.error());
    const StoreStatus status = executeAll(database, kSearchIndex);
    if (!status)
        return Result<bool>::failure(QStringLiteral("cannot create the search index: %1").arg(status.error()));
    const StoreStatus committed = transaction.commit();
    if (!committed)
        return Result<bool>::failure(committed.error());
    return true;
}

} // namespace Consilium::StoreSchema
