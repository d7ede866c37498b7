#pragma once

#include "provider/ProviderError.h"
#include "provider/Usage.h"
#include "common/Result.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Consilium {

// One piece of structured reasoning as OpenRouter sends it in
// reasoning_details: "reasoning.text", "reasoning.summary" or
// "reasoning.encrypted" (opaque, kept untouched for replay).
struct ReasoningDetail
{
    QString type;
    QString text; // text, summary or encrypted data, by type
    QJsonObject raw;
};

// The content of one chat.completion.chunk (or one chat.completion) for
// the first choice, plus the parts that belong to the whole response.
struct StreamChunk
{
    QString content;
    QString reasoning;
    QList<ReasoningDetail> reasoningDetails;
    QString refusal;
    bool hasToolCalls = false;
    std::optional<QString> finishReason;
    std::optional<Usage> usage;
    ProviderError error;  // kind None unless the chunk carries "error"
    QString model;
    QString provider;     // OpenRouter's upstream provider name
    bool isKeepAlive = false; // a data value that is itself a comment
};

enum class ChunkShape { StreamDelta, FullCompletion };

// Parses one data event of a chat completion stream, or a whole
// non-streamed chat.completion body. Returns an error for invalid JSON;
// unknown fields, tool calls and refusals never fail the parse.
Result<StreamChunk> parseChatChunk(QByteArrayView data, ChunkShape shape = ChunkShape::StreamDelta);

} // namespace Consilium
