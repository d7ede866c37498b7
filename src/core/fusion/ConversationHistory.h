#pragma once

#include "fusion/FusionSettings.h"
#include "fusion/Turn.h"
#include "provider/ChatRequest.h"

#include <QList>

namespace Consilium {

// Builds the messages of earlier turns as one member sees them: each turn's
// prompt, then either the fused answer or the member's own first answer
// (falling back to the fused answer when the member did not answer that
// turn). Failed turns are left out, as their prompt got no answer.
QList<ChatMessage> conversationFor(const QList<Turn> &turns, const Member &member, HistoryMode mode);

} // namespace Consilium
