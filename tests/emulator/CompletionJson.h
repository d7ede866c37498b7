#pragma once

#include "JsonObjectWriter.h"

#include <QString>

struct ReplyPlan;

// JSON texts of one generation in OpenRouter's shapes and key order: stream
// chunks, the non-stream chat.completion object, usage and error bodies.
class CompletionJson
{
public:
    CompletionJson(const QString &generationId, qint64 createdSeconds, const QString &model);

    QByteArray contentChunk(QStringView piece) const;
    QByteArray reasoningChunk(QStringView piece) const;
    QByteArray finishChunk(QStringView finishReason) const;
    QByteArray usageChunk(const QByteArray &usage) const;
    // In-band error chunk OpenRouter sends when the provider fails mid-stream.
    QByteArray errorChunk(int code, QStringView message, QStringView errorType) const;

    // Non-stream response body. An empty usage leaves the "usage" key out.
    QByteArray completion(const ReplyPlan &plan, const QByteArray &usage) const;

    static QByteArray usage(const ReplyPlan &plan, bool reportCost);
    static QByteArray errorBody(int code, QStringView message);

private:
    JsonObjectWriter chunkHeader() const;
    QByteArray choiceChunk(const QByteArray &delta, const QByteArray &finishReason) const;

    QString m_generationId;
    qint64 m_createdSeconds;
    QString m_model;
};
