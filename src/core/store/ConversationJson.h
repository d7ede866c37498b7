#pragma once

#include "store/StoreTypes.h"

#include <QByteArray>
#include <QJsonObject>

namespace Consilium {

// The lossless JSON export of a conversation: every field of every turn
// and call, money as exact decimal strings of USD, times as epoch ms.
//
// NOTE: this is a file format that users keep and exchange. Readers reject
// a "format_version" above kFormatVersion; bump it for any change that an
// older reader would misread.
namespace ConversationJson {

constexpr int kFormatVersion = 1;

// Writes the conversation; with `turnIds` non-empty only those turns.
QJsonObject toJson(const Conversation &conversation, const QList<qint64> &turnIds = {});
QJsonObject turnToJson(const StoredTurn &turn);

// Reads an export. Errors name the source, the place and the problem, e.g.
// "conversation.json: turns[2].calls[0].status: unknown value \"done\"".
// Ids in the result are 0: the import gives new ones.
Result<Conversation> fromJson(const QByteArray &contents, const QString &sourceName);

} // namespace ConversationJson

} // namespace Consilium
