#pragma once

#include "common/Result.h"

#include <QString>

namespace Consilium {
class ConversationStore;
}

namespace Consilium::App {

// Reads a conversation from the app's own JSON export and stores it as a
// new conversation. A corrupt or truncated file is rejected with a message
// naming the file and the problem, and the store is left unchanged.
// Returns the new conversation's id.
Result<qint64> importConversationFile(ConversationStore &store, const QString &path);

} // namespace Consilium::App
