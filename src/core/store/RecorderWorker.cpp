#include "RecorderWorker.h"

#include "common/Logging.h"
#include "store/SqlSupport.h"

namespace Consilium {

RecorderWorker::RecorderWorker() : m_flushTimer(new QTimer(this))
{
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(kFlushIntervalMs);
    connect(m_flushTimer, &QTimer::timeout, this, &RecorderWorker::flush);
}

RecorderWorker::~RecorderWorker() = default;

void RecorderWorker::open(const QString &path)
{
    // The UI's store marks leftovers of a crash as interrupted; this second
    // connection must not touch turns that may be live.
    const StoreStatus opened = m_store.open(path, ConversationStore::RunningTurns::Keep);
    if (!opened)
        report(opened.error());
}

void RecorderWorker::close()
{
    flush();
    m_flushTimer->stop();
    if (!m_turns.isEmpty())
        qCInfo(lcStore) << m_turns.size() << "turns were still running at shutdown and stay 'running' until the next start";
    m_store.close();
}

void RecorderWorker::beginTurn(int key, qint64 conversationId, const QString &prompt, const QString &strategy,
                               const QJsonObject &presetSnapshot)
{
    const Result<StoredTurn> begun = m_store.beginTurn(conversationId, prompt, strategy, presetSnapshot);
    if (!begun) {
        report(begun.error());
        return;
    }
    ActiveTurn turn;
    turn.turnId = begun->id;
    turn.conversationId = conversationId;
    m_turns.insert(key, turn);
}

void RecorderWorker::startCall(int key, int index, const CallRecord &call)
{
    const auto turn = m_turns.find(key);
    if (turn == m_turns.end())
        return;
    const StoreStatus status = writeCall(*turn, index, call);
    if (!status)
        report(status.error());
}

void RecorderWorker::appendDelta(int key, int index, const QString &text, const QString &reasoning,
                                 const CallTimings &timings)
{
    const auto turn = m_turns.find(key);
    if (turn == m_turns.end())
        return;
    PendingText &pending = turn->pending[index];
    pending.text += text;
    pending.reasoning += reasoning;
    pending.timings = timings;
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void RecorderWorker::finishCall(int key, int index, const CallRecord &call)
{
    const auto turn = m_turns.find(key);
    if (turn == m_turns.end())
        return;
    // The full record replaces whatever deltas are still pending.
    turn->pending.remove(index);
    const StoreStatus status = writeCall(*turn, index, call);
    if (!status)
        report(status.error());
}

void RecorderWorker::finishTurn(int key, const Turn &finished)
{
    if (!m_turns.contains(key))
        return;
    // Pending text of a call missing from the final record would be lost.
    flush();
    const auto found = m_turns.find(key);
    ActiveTurn turn = *found;
    m_turns.erase(found);

    // Calls that never emitted callStarted (answers reused from an earlier
    // turn) are inserted here; the others get their final record.
    Sql::Transaction transaction(m_store.database());
    StoreStatus status = transaction.isActive() ? StoreStatus(std::monostate{}) : StoreStatus::failure(transaction.error());
    for (int index = 0; status && index < finished.calls.size(); ++index)
        status = writeCall(turn, index, finished.calls[index]);
    if (status)
        status = m_store.finishTurn(turn.turnId, finished);
    if (status)
        status = transaction.commit();
    if (!status) {
        report(status.error());
        return;
    }
    Q_EMIT turnStored(turn.conversationId, turn.turnId);
}

void RecorderWorker::flush()
{
    bool anyPending = false;
    for (const ActiveTurn &turn : std::as_const(m_turns))
        anyPending = anyPending || !turn.pending.isEmpty();
    if (!anyPending)
        return;

    Sql::Transaction transaction(m_store.database());
    StoreStatus status = transaction.isActive() ? StoreStatus(std::monostate{}) : StoreStatus::failure(transaction.error());
    for (auto turn = m_turns.begin(); status && turn != m_turns.end(); ++turn) {
        for (auto pending = turn->pending.cbegin(); status && pending != turn->pending.cend(); ++pending) {
            const qint64 callId = turn->callIds.value(pending.key());
            if (callId)
                status = m_store.appendCallText(callId, pending->text, pending->reasoning, pending->timings);
        }
    }
    if (status)
        status = transaction.commit();
    if (!status) {
        // Keep the text in memory: the next flush or finishCall retries it.
        report(QStringLiteral("cannot save streamed text: %1").arg(status.error()));
        return;
    }
    for (ActiveTurn &turn : m_turns)
        turn.pending.clear();
}

StoreStatus RecorderWorker::writeCall(ActiveTurn &turn, int index, const CallRecord &call)
{
    const qint64 existing = turn.callIds.value(index);
    if (existing)
        return m_store.updateCall(existing, call);
    const Result<qint64> inserted = m_store.addCall(turn.turnId, index, call);
    if (!inserted)
        return StoreStatus::failure(inserted.error());
    turn.callIds.insert(index, *inserted);
    return std::monostate{};
}

void RecorderWorker::report(const QString &message)
{
    qCWarning(lcStore) << "recorder:" << message;
    Q_EMIT failed(message);
}

} // namespace Consilium
