#pragma once

#include "store/ConversationStore.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace Consilium {

// The database side of TurnRecorder. It lives in the recorder's own
// thread, owns that thread's ConversationStore connection, and is only
// called through queued invocations, in the order the turn emitted them.
//
// Deltas are kept in memory and written together at most every
// kFlushIntervalMs, so a crash loses at most that much text plus the time
// of one write, while a fast stream does not cost one transaction per token.
class RecorderWorker : public QObject
{
    Q_OBJECT

public:
    static constexpr int kFlushIntervalMs = 500;

    RecorderWorker();
    ~RecorderWorker() override;

    void open(const QString &path);
    // Writes what is pending and closes the database.
    void close();

    // `key` names one recorded turn for the calls below.
    void beginTurn(int key, qint64 conversationId, const QString &prompt, const QString &strategy,
                   const QJsonObject &presetSnapshot);
    void startCall(int key, int index, const CallRecord &call);
    void appendDelta(int key, int index, const QString &text, const QString &reasoning, const CallTimings &timings);
    void finishCall(int key, int index, const CallRecord &call);
    void finishTurn(int key, const Turn &turn);

Q_SIGNALS:
    void turnStored(qint64 conversationId, qint64 turnId);
    void failed(const QString &message);

private:
    struct PendingText
    {
        QString text;
        QString reasoning;
        CallTimings timings;
    };
    struct ActiveTurn
    {
        qint64 turnId = 0;
        qint64 conversationId = 0;
        QHash<int, qint64> callIds; // call index in the turn -> row id
        QHash<int, PendingText> pending;
    };

    void flush();
    StoreStatus writeCall(ActiveTurn &turn, int index, const CallRecord &call);
    void report(const QString &message);

    ConversationStore m_store;
    QTimer *m_flushTimer = nullptr;
    QHash<int, ActiveTurn> m_turns;
};

} // namespace Consilium
