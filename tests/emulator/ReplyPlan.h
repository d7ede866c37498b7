#pragma once

#include "Scenario.h"

#include <QJsonObject>
#include <QStringList>

// What one chat request will receive: the reasoning and answer tokens after
// the max_tokens cut, the finish reason and the usage numbers.
struct ReplyPlan
{
    QStringList reasoningTokens;
    QStringList answerTokens;
    QString finishReason; // "stop", or "length" when max_tokens cut the answer
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 reasoningTokenCount = 0;
    QByteArray cost; // JSON number text, such as "0.000026"

    // Builds the plan for a validated request. applyHuge replaces the answer
    // with the generated text of a "huge" fault.
    static ReplyPlan build(const ModelSpec &model, const QJsonObject &request, bool applyHuge);

    // Returns the answer text the model's reply rules select for the request.
    static QString selectAnswer(const ReplySpec &reply, const QJsonObject &request);

    // Returns deterministic ASCII filler text of exactly byteCount bytes.
    static QString fillerText(qint64 byteCount);
};
