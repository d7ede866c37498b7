#include "CompletionJson.h"

#include "ReplyPlan.h"

using namespace Qt::StringLiterals;

CompletionJson::CompletionJson(const QString &generationId, qint64 createdSeconds,
                               const QString &model)
    : m_generationId(generationId)
    , m_createdSeconds(createdSeconds)
    , m_model(model)
{
}

JsonObjectWriter CompletionJson::chunkHeader() const
{
    JsonObjectWriter writer;
    writer.addString("id"_L1, m_generationId)
        .addString("object"_L1, u"chat.completion.chunk")
        .addInteger("created"_L1, m_createdSeconds)
        .addString("model"_L1, m_model)
        .addString("provider"_L1, u"Emulator");
    return writer;
}

QByteArray CompletionJson::choiceChunk(const QByteArray &delta, const QByteArray &finishReason) const
{
    JsonObjectWriter choice;
    choice.addInteger("index"_L1, 0)
        .addRaw("delta"_L1, delta)
        .addRaw("finish_reason"_L1, finishReason)
        .addRaw("native_finish_reason"_L1, finishReason)
        .addNull("logprobs"_L1);
    return chunkHeader().addRaw("choices"_L1, '[' + choice.toJson() + ']').toJson();
}

QByteArray CompletionJson::contentChunk(QStringView piece) const
{
    JsonObjectWriter delta;
    delta.addString("role"_L1, u"assistant").addString("content"_L1, piece);
    return choiceChunk(delta.toJson(), "null");
}

QByteArray CompletionJson::reasoningChunk(QStringView piece) const
{
    JsonObjectWriter detail;
    detail.addString("type"_L1, u"reasoning.text")
        .addString("text"_L1, piece)
        .addInteger("index"_L1, 0)
        .addString("format"_L1, u"unknown");
    JsonObjectWriter delta;
    delta.addString("role"_L1, u"assistant")
        .addString("content"_L1, u"")
        .addString("reasoning"_L1, piece)
        .addRaw("reasoning_details"_L1, '[' + detail.toJson() + ']');
    return choiceChunk(delta.toJson(), "null");
}

QByteArray CompletionJson::finishChunk(QStringView finishReason) const
{
    JsonObjectWriter delta;
    delta.addString("role"_L1, u"assistant").addString("content"_L1, u"");
    return choiceChunk(delta.toJson(), JsonObjectWriter::quote(finishReason));
}

QByteArray CompletionJson::usageChunk(const QByteArray &usage) const
{
    return chunkHeader().addRaw("choices"_L1, "[]").addRaw("usage"_L1, usage).toJson();
}

QByteArray CompletionJson::errorChunk(int code, QStringView message, QStringView errorType) const
{
    JsonObjectWriter metadata;
    metadata.addString("error_type"_L1, errorType);
    JsonObjectWriter error;
    error.addInteger("code"_L1, code)
        .addString("message"_L1, message)
        .addRaw("metadata"_L1, metadata.toJson());
    JsonObjectWriter delta;
    delta.addString("content"_L1, u"");
    JsonObjectWriter choice;
    choice.addInteger("index"_L1, 0)
        .addRaw("delta"_L1, delta.toJson())
        .addString("finish_reason"_L1, u"error");
    return chunkHeader()
        .addRaw("error"_L1, error.toJson())
        .addRaw("choices"_L1, '[' + choice.toJson() + ']')
        .toJson();
}

QByteArray CompletionJson::completion(const ReplyPlan &plan, const QByteArray &usage) const
{
    JsonObjectWriter message;
    message.addString("role"_L1, u"assistant").addString("content"_L1, plan.answerTokens.join(QString()));
    if (plan.reasoningTokens.isEmpty())
        message.addNull("reasoning"_L1);
    else
        message.addString("reasoning"_L1, plan.reasoningTokens.join(QString()));

    JsonObjectWriter choice;
    choice.addNull("logprobs"_L1)
        .addString("finish_reason"_L1, plan.finishReason)
        .addString("native_finish_reason"_L1, plan.finishReason)
        .addInteger("index"_L1, 0)
        .addRaw("message"_L1, message.toJson());

    JsonObjectWriter body;
    body.addString("id"_L1, m_generationId)
        .addString("provider"_L1, u"Emulator")
        .addString("model"_L1, m_model)
        .addString("object"_L1, u"chat.completion")
        .addInteger("created"_L1, m_createdSeconds)
        .addRaw("choices"_L1, '[' + choice.toJson() + ']');
    if (!usage.isEmpty())
        body.addRaw("usage"_L1, usage);
    return body.toJson();
}

QByteArray CompletionJson::usage(const ReplyPlan &plan, bool reportCost)
{
    JsonObjectWriter promptDetails;
    promptDetails.addInteger("cached_tokens"_L1, 0);
    JsonObjectWriter completionDetails;
    completionDetails.addInteger("reasoning_tokens"_L1, plan.reasoningTokenCount);

    JsonObjectWriter usage;
    usage.addInteger("prompt_tokens"_L1, plan.promptTokens)
        .addInteger("completion_tokens"_L1, plan.completionTokens)
        .addInteger("total_tokens"_L1, plan.promptTokens + plan.completionTokens);
    if (reportCost)
        usage.addRaw("cost"_L1, plan.cost);
    usage.addBool("is_byok"_L1, false)
        .addRaw("prompt_tokens_details"_L1, promptDetails.toJson())
        .addRaw("completion_tokens_details"_L1, completionDetails.toJson());
    return usage.toJson();
}

QByteArray CompletionJson::errorBody(int code, QStringView message)
{
    JsonObjectWriter error;
    error.addInteger("code"_L1, code).addString("message"_L1, message);
    return JsonObjectWriter().addRaw("error"_L1, error.toJson()).toJson();
}
