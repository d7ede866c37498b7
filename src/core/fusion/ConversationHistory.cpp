#include "ConversationHistory.h"

namespace Consilium {

namespace {

QString ownAnswer(const Turn &turn, const Member &member)
{
    for (const CallRecord &call : turn.calls) {
        const bool firstStage = call.stage == Stage::Panel || call.stage == Stage::Tier
                                || (call.stage == Stage::Layer && call.stageNumber == 1);
        if (firstStage && call.model == member.model && call.provider == member.provider
            && call.outcome.status == CallStatus::Succeeded)
            return call.outcome.text;
    }
    return turn.answer;
}

} // namespace

QList<ChatMessage> conversationFor(const QList<Turn> &turns, const Member &member, HistoryMode mode)
{
    QList<ChatMessage> messages;
    for (const Turn &turn : turns) {
        if (turn.failure)
            continue;
        messages.append(ChatMessage{QStringLiteral("user"), turn.prompt});
        const QString answer = mode == HistoryMode::OwnAnswers ? ownAnswer(turn, member) : turn.answer;
        messages.append(ChatMessage{QStringLiteral("assistant"), answer});
    }
    return messages;
}

} // namespace Consilium
