#include "ConversationStore.h"

#include "common/Logging.h"
#include "store/CallRows.h"
#include "store/SqlSupport.h"
#include "store/StoreSchema.h"
#include "store/StoreSearch.h"
#include "store/TurnRows.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QStandardPaths>

namespace Consilium {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

template <typename T>
Result<T> notOpen()
{
    return Result<T>::failure(QStringLiteral("the conversation database is not open"));
}

// Runs an UPDATE that must change exactly one row of a visible conversation.
StoreStatus updateOneConversation(QSqlDatabase &database, const QString &sql, const QVariantList &values,
                                  qint64 conversationId)
{
    const Result<QSqlQuery> query = Sql::run(database, sql, values);
    if (!query)
        return StoreStatus::failure(query.error());
    if (query->numRowsAffected() != 1)
        return StoreStatus::failure(QStringLiteral("conversation %1 not found").arg(conversationId));
    return std::monostate{};
}

} // namespace

QString turnStateName(TurnState state)
{
    switch (state) {
    case TurnState::Running: return QStringLiteral("running");
    case TurnState::Complete: return QStringLiteral("complete");
    case TurnState::Failed: return QStringLiteral("failed");
    case TurnState::Interrupted: return QStringLiteral("interrupted");
    }
    return QStringLiteral("interrupted");
}

std::optional<TurnState> turnStateFromName(const QString &name)
{
    for (TurnState state : {TurnState::Running, TurnState::Complete, TurnState::Failed, TurnState::Interrupted}) {
        if (turnStateName(state) == name)
            return state;
    }
    return std::nullopt;
}

ConversationStore::ConversationStore() : m_connectionName(Sql::uniqueConnectionName(QStringLiteral("conversations")))
{
}

ConversationStore::~ConversationStore()
{
    close();
}

QString ConversationStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/conversations.sqlite");
}

StoreStatus ConversationStore::open(const QString &path, RunningTurns running)
{
    close();
    {
        // QSqlDatabase has no move constructor, so the Result keeps a copy
        // of the handle until this scope ends; close() needs it gone.
        Result<QSqlDatabase> opened = Sql::open(path, m_connectionName);
        if (!opened)
            return StoreStatus::failure(opened.error());
        m_database = opened.value();
    }
    m_path = path;

    StoreStatus status = StoreSchema::migrate(m_database);
    if (status && running == RunningTurns::MarkInterrupted)
        status = markRunningTurnsInterrupted();
    const Result<bool> index = status ? StoreSchema::ensureSearchIndex(m_database) : Result<bool>(false);
    if (!status || !index) {
        const QString message = status ? index.error() : status.error();
        qCWarning(lcStore) << "cannot open" << path << ":" << message;
        close();
        return StoreStatus::failure(QStringLiteral("%1: %2").arg(path, message));
    }
    m_hasFullTextIndex = index.value();
    qCDebug(lcStore) << "opened" << path << "full-text index:" << m_hasFullTextIndex;
    return std::monostate{};
}

void ConversationStore::close()
{
    if (!m_database.isValid())
        return;
    m_database = QSqlDatabase();
    Sql::close(m_connectionName);
    m_path.clear();
}

bool ConversationStore::isOpen() const
{
    return m_database.isValid() && m_database.isOpen();
}

StoreStatus ConversationStore::markRunningTurnsInterrupted()
{
    const Result<QSqlQuery> query =
        Sql::run(m_database, QStringLiteral("UPDATE turns SET state = 'interrupted' WHERE state = 'running'"));
    if (!query)
        return StoreStatus::failure(query.error());
    if (const int count = query->numRowsAffected(); count > 0)
        qCInfo(lcStore) << count << "turns were left running by an earlier process and are now interrupted";
    return std::monostate{};
}

Result<qint64> ConversationStore::createConversation(const QString &title)
{
    if (!isOpen())
        return notOpen<qint64>();
    const qint64 now = nowMs();
    const Result<QSqlQuery> query = Sql::run(
        m_database, QStringLiteral("INSERT INTO conversations (title, created_at, updated_at) VALUES (?, ?, ?)"),
        {title, now, now});
    if (!query)
        return Result<qint64>::failure(QStringLiteral("cannot create a conversation: %1").arg(query.error()));
    return query->lastInsertId().toLongLong();
}

StoreStatus ConversationStore::renameConversation(qint64 conversationId, const QString &title)
{
    if (!isOpen())
        return notOpen<std::monostate>();
    return updateOneConversation(
        m_database, QStringLiteral("UPDATE conversations SET title = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL"),
        {title, nowMs(), conversationId}, conversationId);
}

StoreStatus ConversationStore::deleteConversation(qint64 conversationId)
{
    if (!isOpen())
        return notOpen<std::monostate>();
    return updateOneConversation(
        m_database, QStringLiteral("UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL"),
        {nowMs(), conversationId}, conversationId);
}

StoreStatus ConversationStore::restoreConversation(qint64 conversationId)
{
    if (!isOpen())
        return notOpen<std::monostate>();
    return updateOneConversation(
        m_database, QStringLiteral("UPDATE conversations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL"),
        {conversationId}, conversationId);
}

Result<int> ConversationStore::purgeDeletedConversations(qint64 deletedBeforeMs)
{
    if (!isOpen())
        return notOpen<int>();
    // Turns and calls go with their conversation through ON DELETE CASCADE,
    // and the index triggers remove their search entries.
    const Result<QSqlQuery> query = Sql::run(
        m_database, QStringLiteral("DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at < ?"),
        {deletedBeforeMs});
    if (!query)
        return Result<int>::failure(QStringLiteral("cannot purge deleted conversations: %1").arg(query.error()));
    return query->numRowsAffected();
}

Result<QList<ConversationSummary>> ConversationStore::listConversations()
{
    if (!isOpen())
        return notOpen<QList<ConversationSummary>>();
    Result<QSqlQuery> query = Sql::run(
        m_database, QStringLiteral("SELECT id, title, created_at, updated_at, "
                                   "(SELECT count(*) FROM turns WHERE conversation_id = conversations.id) "
                                   "FROM conversations WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC"));
    if (!query)
        return Result<QList<ConversationSummary>>::failure(query.error());
    QSqlQuery rows = std::move(query).value();
    QList<ConversationSummary> list;
    while (rows.next()) {
        list.append(ConversationSummary{rows.value(0).toLongLong(), rows.value(1).toString(),
                                        rows.value(2).toLongLong(), rows.value(3).toLongLong(), rows.value(4).toInt()});
    }
    return list;
}

Result<Conversation> ConversationStore::loadConversation(qint64 conversationId)
{
    if (!isOpen())
        return notOpen<Conversation>();
    Result<QSqlQuery> query = Sql::run(
        m_database,
        QStringLiteral("SELECT id, title, created_at, updated_at FROM conversations WHERE id = ? AND deleted_at IS NULL"),
        {conversationId});
    if (!query)
        return Result<Conversation>::failure(query.error());
    QSqlQuery row = std::move(query).value();
    if (!row.next())
        return Result<Conversation>::failure(QStringLiteral("conversation %1 not found").arg(conversationId));

    Conversation conversation;
    conversation.summary = ConversationSummary{row.value(0).toLongLong(), row.value(1).toString(),
                                               row.value(2).toLongLong(), row.value(3).toLongLong(), 0};
    Result<QList<StoredTurn>> turns = TurnRows::load(m_database, QStringLiteral("conversation_id = ?"), conversationId);
    if (!turns)
        return Result<Conversation>::failure(turns.error());
    conversation.turns = std::move(turns).value();
    conversation.summary.turnCount = int(conversation.turns.size());
    return conversation;
}

Result<StoredTurn> ConversationStore::appendTurn(qint64 conversationId, const StoredTurn &turn)
{
    if (!isOpen())
        return notOpen<StoredTurn>();
    Sql::Transaction transaction(m_database);
    if (!transaction.isActive())
        return Result<StoredTurn>::failure(transaction.error());

    StoredTurn stored = turn;
    stored.conversationId = conversationId;
    stored.callIds.clear();
    if (!stored.createdAtMs)
        stored.createdAtMs = nowMs();
    const Result<TurnRows::Inserted> inserted = TurnRows::insert(m_database, stored);
    if (!inserted)
        return Result<StoredTurn>::failure(inserted.error());
    stored.id = inserted->id;
    stored.position = inserted->position;
    for (int i = 0; i < stored.turn.calls.size(); ++i) {
        const Result<qint64> callId = CallRows::insert(m_database, stored.id, i, stored.turn.calls[i]);
        if (!callId)
            return Result<StoredTurn>::failure(callId.error());
        stored.callIds.append(*callId);
    }
    const StoreStatus touched = touchConversation(conversationId);
    if (!touched)
        return Result<StoredTurn>::failure(touched.error());
    const StoreStatus committed = transaction.commit();
    if (!committed)
        return Result<StoredTurn>::failure(committed.error());
    return stored;
}

Result<qint64> ConversationStore::importConversation(const Conversation &conversation)
{
    if (!isOpen())
        return notOpen<qint64>();
    Sql::Transaction transaction(m_database);
    if (!transaction.isActive())
        return Result<qint64>::failure(transaction.error());
    const ConversationSummary &summary = conversation.summary;
    const Result<QSqlQuery> created = Sql::run(
        m_database, QStringLiteral("INSERT INTO conversations (title, created_at, updated_at) VALUES (?, ?, ?)"),
        {summary.title, summary.createdAtMs, summary.updatedAtMs});
    if (!created)
        return Result<qint64>::failure(QStringLiteral("cannot import the conversation: %1").arg(created.error()));
    const qint64 conversationId = created->lastInsertId().toLongLong();

    for (const StoredTurn &turn : conversation.turns) {
        StoredTurn copy = turn;
        copy.conversationId = conversationId;
        const Result<TurnRows::Inserted> inserted = TurnRows::insert(m_database, copy);
        if (!inserted)
            return Result<qint64>::failure(inserted.error());
        for (int i = 0; i < turn.turn.calls.size(); ++i) {
            const Result<qint64> call = CallRows::insert(m_database, inserted->id, i, turn.turn.calls[i]);
            if (!call)
                return Result<qint64>::failure(call.error());
        }
    }
    const StoreStatus committed = transaction.commit();
    if (!committed)
        return Result<qint64>::failure(committed.error());
    return conversationId;
}

StoreStatus ConversationStore::setTurnAnalysis(qint64 turnId, const QJsonObject &analysis)
{
    if (!isOpen())
        return notOpen<std::monostate>();
    const Result<QSqlQuery> query = Sql::run(
        m_database, QStringLiteral("UPDATE turns SET analysis = ? WHERE id = ?"),
        {QString::fromUtf8(QJsonDocument(analysis).toJson(QJsonDocument::Compact)), turnId});
    if (!query)
        return StoreStatus::failure(query.error());
    if (query->numRowsAffected() != 1)
        return StoreStatus::failure(QStringLiteral("turn %1 not found").arg(turnId));
    return std::monostate{};
}

Result<QList<SearchHit>> ConversationStore::search(const QString &query, int limit)
{
    if (!isOpen())
        return notOpen<QList<SearchHit>>();
    return m_hasFullTextIndex ? StoreSearch::fullText(m_database, query, limit)
                              : StoreSearch::like(m_database, query, limit);
}

Result<QList<StoredTurn>> ConversationStore::interruptedTurns()
{
    if (!isOpen())
        return notOpen<QList<StoredTurn>>();
    return TurnRows::load(m_database,
                          QStringLiteral("state = ? AND conversation_id IN "
                                         "(SELECT id FROM conversations WHERE deleted_at IS NULL)"),
                          turnStateName(TurnState::Interrupted));
}

Result<StoredTurn> ConversationStore::beginTurn(qint64 conversationId, const QString &prompt,
                                                const QString &strategy, const QJsonObject &presetSnapshot)
{
    if (!isOpen())
        return notOpen<StoredTurn>();
    StoredTurn stored;
    stored.conversationId = conversationId;
    stored.turn.prompt = prompt;
    stored.turn.strategy = strategy;
    stored.presetSnapshot = presetSnapshot;
    stored.state = TurnState::Running;
    stored.createdAtMs = nowMs();
    const Result<TurnRows::Inserted> inserted = TurnRows::insert(m_database, stored);
    if (!inserted)
        return Result<StoredTurn>::failure(inserted.error());
    stored.id = inserted->id;
    stored.position = inserted->position;
    return stored;
}

Result<qint64> ConversationStore::addCall(qint64 turnId, int position, const CallRecord &call)
{
    if (!isOpen())
        return notOpen<qint64>();
    return CallRows::insert(m_database, turnId, position, call);
}

StoreStatus ConversationStore::appendCallText(qint64 callId, const QString &textDelta, const QString &reasoningDelta,
                                              const CallTimings &timings)
{
    if (!isOpen())
        return notOpen<std::monostate>();
    return CallRows::appendText(m_database, callId, textDelta, reasoningDelta, timings);
}

StoreStatus ConversationStore::updateCall(qint64 callId, const CallRecord &call)
{
    if (!isOpen())
        return notOpen<std::monostate>();
    return CallRows::update(m_database, callId, call);
}

StoreStatus ConversationStore::finishTurn(qint64 turnId, const Turn &turn)
{
    if (!isOpen())
        return notOpen<std::monostate>();
    const TurnState state = turn.failure ? TurnState::Failed : TurnState::Complete;
    const StoreStatus status = TurnRows::finish(m_database, turnId, turn, state, nowMs());
    if (!status)
        return status;
    Result<QSqlQuery> owner =
        Sql::run(m_database, QStringLiteral("SELECT conversation_id FROM turns WHERE id = ?"), {turnId});
    if (!owner)
        return StoreStatus::failure(owner.error());
    QSqlQuery row = std::move(owner).value();
    return row.next() ? touchConversation(row.value(0).toLongLong()) : StoreStatus(std::monostate{});
}

StoreStatus ConversationStore::touchConversation(qint64 conversationId)
{
    const Result<QSqlQuery> query = Sql::run(
        m_database, QStringLiteral("UPDATE conversations SET updated_at = ? WHERE id = ?"), {nowMs(), conversationId});
    if (!query)
        return StoreStatus::failure(query.error());
    return std::monostate{};
}

} // namespace Consilium
