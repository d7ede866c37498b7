#pragma once

#include "store/StoreTypes.h"

#include <QSqlDatabase>
#include <QString>

namespace Consilium {

// The conversation history in one SQLite file: conversations, their turns
// and every call of each turn, with full-text search over prompts, call
// texts and fused answers.
//
// Each instance owns one QtSql connection, and QtSql binds a connection to
// the thread that opened it, so use an instance only on the thread that
// called open(). Several instances (the UI's, the recorder's) may use the
// same file at once; WAL mode lets reads run while another writes.
class ConversationStore
{
public:
    enum class RunningTurns {
        // Turns left 'running' by a previous process become 'interrupted'.
        // NOTE: a second process recording into the same file at that
        // moment has its live turn marked too; nothing locks against it.
        MarkInterrupted,
        Keep,            // for a second connection while turns may be live
    };

    ConversationStore();
    ~ConversationStore();
    ConversationStore(const ConversationStore &) = delete;
    ConversationStore &operator=(const ConversationStore &) = delete;

    // Returns AppDataLocation/conversations.sqlite.
    static QString defaultPath();

    // Opens or creates the database and brings its schema up to date.
    [[nodiscard]] StoreStatus open(const QString &path, RunningTurns running = RunningTurns::MarkInterrupted);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    // False when SQLite lacks FTS5 and search() falls back to LIKE.
    bool hasFullTextIndex() const { return m_hasFullTextIndex; }
    // The connection, for callers that group several calls in one transaction.
    QSqlDatabase &database() { return m_database; }

    [[nodiscard]] Result<qint64> createConversation(const QString &title);
    [[nodiscard]] StoreStatus renameConversation(qint64 conversationId, const QString &title);
    // Hides the conversation from lists, loads and search until
    // restoreConversation() undoes it or purgeDeletedConversations() drops it.
    [[nodiscard]] StoreStatus deleteConversation(qint64 conversationId);
    [[nodiscard]] StoreStatus restoreConversation(qint64 conversationId);
    // Removes for good the conversations deleted before `deletedBeforeMs`
    // (epoch ms); returns how many.
    [[nodiscard]] Result<int> purgeDeletedConversations(qint64 deletedBeforeMs);

    // Lists the conversations not deleted, most recently updated first.
    [[nodiscard]] Result<QList<ConversationSummary>> listConversations();
    [[nodiscard]] Result<Conversation> loadConversation(qint64 conversationId);

    // Stores a finished turn with its calls in one transaction, after the
    // conversation's last turn. Returns it with ids and position set.
    [[nodiscard]] Result<StoredTurn> appendTurn(qint64 conversationId, const StoredTurn &turn);
    // Stores a whole conversation (e.g. read by ConversationJson::fromJson)
    // as a new one, keeping its times and states, in one transaction: on
    // any error nothing is stored. Returns the new conversation id.
    [[nodiscard]] Result<qint64> importConversation(const Conversation &conversation);
    [[nodiscard]] StoreStatus setTurnAnalysis(qint64 turnId, const QJsonObject &analysis);

    // Finds `query` (words, all of which must match; the last, from three
    // characters, may be a prefix) in prompts, call texts and answers of conversations not deleted.
    [[nodiscard]] Result<QList<SearchHit>> search(const QString &query, int limit = 50);

    // Lists turns cut short by a crash, with their partial text, so the
    // UI can offer to resume or re-run them.
    [[nodiscard]] Result<QList<StoredTurn>> interruptedTurns();

    // Streaming writes, as TurnRecorder issues them while a turn runs.
    [[nodiscard]] Result<StoredTurn> beginTurn(qint64 conversationId, const QString &prompt,
                                               const QString &strategy, const QJsonObject &presetSnapshot);
    [[nodiscard]] Result<qint64> addCall(qint64 turnId, int position, const CallRecord &call);
    [[nodiscard]] StoreStatus appendCallText(qint64 callId, const QString &textDelta, const QString &reasoningDelta,
                                             const CallTimings &timings);
    [[nodiscard]] StoreStatus updateCall(qint64 callId, const CallRecord &call);
    [[nodiscard]] StoreStatus finishTurn(qint64 turnId, const Turn &turn);

private:
    StoreStatus touchConversation(qint64 conversationId);
    StoreStatus markRunningTurnsInterrupted();

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_database;
    bool m_hasFullTextIndex = false;
};

} // namespace Consilium
