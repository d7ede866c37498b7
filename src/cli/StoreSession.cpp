#include "StoreSession.h"

#include "fusion/TurnRunner.h"
#include "store/Preset.h"
#include "store/TurnRecorder.h"

namespace Consilium::Cli {

namespace {

// Conversation titles are the start of the first prompt, on one line.
constexpr int kTitleCharacters = 60;

} // namespace

StoreSession::StoreSession(QObject *parent) : QObject(parent)
{
}

// The recorder, a child, is destroyed after this body: it writes what is
// pending and stops its thread then.
StoreSession::~StoreSession() = default;

Result<qint64> StoreSession::open(const QString &path, qint64 conversationId, const QString &prompt)
{
    const StoreStatus opened = m_store.open(path);
    if (!opened)
        return Result<qint64>::failure(opened.error());

    if (conversationId == 0) {
        const QString title = prompt.simplified().left(kTitleCharacters);
        const Result<qint64> created = m_store.createConversation(title);
        if (!created)
            return created;
        m_conversationId = *created;
    } else {
        const Result<Conversation> conversation = m_store.loadConversation(conversationId);
        if (!conversation)
            return Result<qint64>::failure(conversation.error());
        for (const StoredTurn &turn : conversation->turns) {
            if (turn.state != TurnState::Complete)
                continue;
            m_history.append(ChatMessage{QStringLiteral("user"), turn.turn.prompt});
            m_history.append(ChatMessage{QStringLiteral("assistant"), turn.turn.answer});
        }
        m_conversationId = conversationId;
    }
    // The recorder opens its own connection in its own thread.
    m_recorder = new TurnRecorder(path, this);
    connect(m_recorder, &TurnRecorder::failed, this, &StoreSession::failed);
    return m_conversationId;
}

void StoreSession::record(TurnRunner *runner, const Ensemble &ensemble)
{
    if (!m_recorder)
        return;
    Preset snapshot;
    snapshot.name = QStringLiteral("consilium-cli");
    snapshot.ensemble = ensemble;
    snapshot.strategy = runner->turn().strategy;
    m_recorder->record(runner, m_conversationId, snapshot.toJson());
}

} // namespace Consilium::Cli
