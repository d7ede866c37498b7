#include "ConversationImport.h"

#include "store/ConversationJson.h"
#include "store/ConversationStore.h"

#include <QFile>
#include <QFileInfo>

namespace Consilium::App {

Result<qint64> importConversationFile(ConversationStore &store, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<qint64>::failure(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    const Result<Conversation> conversation = ConversationJson::fromJson(file.readAll(), QFileInfo(path).fileName());
    if (!conversation)
        return Result<qint64>::failure(conversation.error());
    return store.importConversation(conversation.value());
}

} // namespace Consilium::App
