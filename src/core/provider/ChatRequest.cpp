#include "ChatRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Consilium {

QByteArray ChatRequest::toJson() const
{
    QJsonArray messageArray;
    for (const ChatMessage &message : messages) {
        messageArray.append(QJsonObject{{QStringLiteral("role"), message.role},
                                        {QStringLiteral("content"), message.content}});
    }

    QJsonObject body{{QStringLiteral("model"), model},
                     {QStringLiteral("messages"), messageArray},
                     {QStringLiteral("stream"), stream},
                     {QStringLiteral("max_tokens"), maxTokens}};
    if (temperature)
        body.insert(QStringLiteral("temperature"), *temperature);
    if (stream && askForUsage) {
        body.insert(QStringLiteral("stream_options"),
                    QJsonObject{{QStringLiteral("include_usage"), true}});
    }
    for (auto it = extraBody.constBegin(); it != extraBody.constEnd(); ++it) {
        if (!body.contains(it.key()))
            body.insert(it.key(), it.value());
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

qsizetype ChatRequest::promptCharacters() const
{
    qsizetype total = 0;
    for (const ChatMessage &message : messages)
        total += message.content.size();
    return total;
}

} // namespace Consilium
