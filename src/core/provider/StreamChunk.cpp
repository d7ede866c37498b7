#include "StreamChunk.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Consilium {

namespace {

void readReasoningDetails(const QJsonArray &details, StreamChunk &chunk)
{
    for (const QJsonValue &value : details) {
        const QJsonObject object = value.toObject();
        ReasoningDetail detail;
        detail.type = object.value(u"type").toString();
        if (detail.type == u"reasoning.summary")
            detail.text = object.value(u"summary").toString();
        else if (detail.type == u"reasoning.encrypted")
            detail.text = object.value(u"data").toString();
        else
            detail.text = object.value(u"text").toString();
        detail.raw = object;
        chunk.reasoningDetails.append(detail);
    }
}

// Reads the delta of a stream chunk or the message of a full completion.
void readMessage(const QJsonObject &message, StreamChunk &chunk)
{
    chunk.content = message.value(u"content").toString(); // null is allowed
    chunk.refusal = message.value(u"refusal").toString();
    chunk.hasToolCalls = message.value(u"tool_calls").isArray();

    // reasoning_content (DeepSeek, vLLM) and reasoning (OpenRouter) carry the
    // same text as reasoning_details, so the details never add display text.
    chunk.reasoning = message.value(u"reasoning_content").toString();
    if (chunk.reasoning.isEmpty())
        chunk.reasoning = message.value(u"reasoning").toString();
    readReasoningDetails(message.value(u"reasoning_details").toArray(), chunk);
}

const QJsonObject firstChoice(const QJsonArray &choices)
{
    // Choices are matched by their "index" field, not their position.
    for (const QJsonValue &value : choices) {
        const QJsonObject choice = value.toObject();
        if (choice.value(u"index").toInt(0) == 0)
            return choice;
    }
    return {};
}

} // namespace

Result<StreamChunk> parseChatChunk(QByteArrayView data, ChunkShape shape)
{
    StreamChunk chunk;
    const QByteArrayView trimmed = data.trimmed();
    if (trimmed.startsWith(':')) {
        // A proxy wrapped a keep-alive comment in a data line.
        chunk.isKeepAlive = true;
        return chunk;
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Result<StreamChunk>::failure(
            QStringLiteral("invalid JSON in chunk at offset %1: %2")
                .arg(parseError.offset)
                .arg(parseError.errorString()));
    }
    if (!document.isObject())
        return Result<StreamChunk>::failure(QStringLiteral("chunk is JSON but not an object"));
    const QJsonObject root = document.object();
    chunk.model = root.value(u"model").toString();
    chunk.provider = root.value(u"provider").toString();

    // The error check comes first: an error chunk may also carry empty
    // choices or usage, and must not read as a normal end.
    if (root.contains(u"error") && !root.value(u"error").isNull())
        chunk.error = ProviderError::fromStreamError(root.value(u"error"));

    const QJsonValue usage = root.value(u"usage");
    if (usage.isObject())
        chunk.usage = Usage::fromJson(usage.toObject());

    const QJsonObject choice = firstChoice(root.value(u"choices").toArray());
    if (!choice.isEmpty()) {
        const QString messageKey = shape == ChunkShape::StreamDelta ? QStringLiteral("delta")
                                                                     : QStringLiteral("message");
        readMessage(choice.value(messageKey).toObject(), chunk);
        const QJsonValue finish = choice.value(u"finish_reason");
        if (finish.isString())
            chunk.finishReason = finish.toString();
    }
    return chunk;
}

} // namespace Consilium
