#pragma once

#include "common/Result.h"
#include "fusion/Turn.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace Consilium {

// The outcome of a store operation that returns no value.
using StoreStatus = Result<std::monostate>;

// Life cycle of a stored turn. A turn is Running while its calls stream.
// A turn still Running when the store is next opened was cut short by a
// crash or a kill, so it becomes Interrupted and keeps its partial text.
enum class TurnState { Running, Complete, Failed, Interrupted };

QString turnStateName(TurnState state);
std::optional<TurnState> turnStateFromName(const QString &name);

// A turn as the store keeps it: the in-memory Turn plus its row ids and
// the data that only the store keeps.
struct StoredTurn
{
    qint64 id = 0;
    qint64 conversationId = 0;
    int position = 0;             // 0-based order within the conversation
    TurnState state = TurnState::Running;
    Turn turn;
    QList<qint64> callIds;        // parallel to turn.calls
    QJsonObject presetSnapshot;   // the ensemble that ran the turn
    qint64 createdAtMs = 0;       // Unix epoch milliseconds
    qint64 finishedAtMs = 0;      // 0 while running or interrupted
};

// One row of the conversation list.
struct ConversationSummary
{
    qint64 id = 0;
    QString title;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    int turnCount = 0;
};

// A conversation with all its turns in order.
struct Conversation
{
    ConversationSummary summary;
    QList<StoredTurn> turns;
};

// The part of a turn that a search hit is in.
enum class SearchField { Prompt, CallText, Answer };

// One full-text search match. The snippet marks each matched term with
// kHighlightStart and kHighlightEnd, which the UI replaces with its style.
struct SearchHit
{
    static constexpr QChar kHighlightStart = QChar(0x2); // STX, never in model text
    static constexpr QChar kHighlightEnd = QChar(0x3);   // ETX

    qint64 conversationId = 0;
    QString conversationTitle;
    qint64 turnId = 0;
    qint64 callId = 0; // 0 unless field is CallText
    SearchField field = SearchField::Prompt;
    QString snippet;
};

} // namespace Consilium
