#pragma once

#include "common/Result.h"
#include "provider/ChatRequest.h"
#include "store/ConversationStore.h"

#include <QObject>

namespace Consilium {
class TurnRecorder;
class TurnRunner;
struct Ensemble;
}

namespace Consilium::Cli {

// What --store and --conversation do: open the conversation database,
// pick or create the conversation, supply its history, and record the
// turn while it streams, so a killed process keeps what had arrived.
class StoreSession : public QObject
{
    Q_OBJECT

public:
    explicit StoreSession(QObject *parent = nullptr);
    ~StoreSession() override;

    // Opens `path` (created when missing) and loads conversation
    // `conversationId`, or creates one titled after the prompt when 0.
    [[nodiscard]] Result<qint64> open(const QString &path, qint64 conversationId, const QString &prompt);

    // The earlier turns that completed, as user and assistant messages.
    QList<ChatMessage> history() const { return m_history; }

    // Starts recording; call before runner->start().
    void record(TurnRunner *runner, const Ensemble &ensemble);

Q_SIGNALS:
    void failed(const QString &message);

private:
    ConversationStore m_store;
    TurnRecorder *m_recorder = nullptr;
    qint64 m_conversationId = 0;
    QList<ChatMessage> m_history;
};

} // namespace Consilium::Cli
