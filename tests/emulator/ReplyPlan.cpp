#include "ReplyPlan.h"

#include "DecimalPrice.h"
#include "OracleReply.h"
#include "TextTokens.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

QString lastUserMessage(const QJsonObject &request)
{
    const QJsonArray messages = request.value("messages"_L1).toArray();
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        const QJsonObject message = messages.at(i).toObject();
        if (message.value("role"_L1).toString() == "user"_L1)
            return TextTokens::contentText(message.value("content"_L1));
    }
    return QString();
}

qint64 requestedMaxTokens(const QJsonObject &request)
{
    // Newer OpenAI clients send max_completion_tokens in place of max_tokens.
    for (const QLatin1StringView key : {"max_tokens"_L1, "max_completion_tokens"_L1}) {
        const QJsonValue value = request.value(key);
        if (value.isDouble() && value.toDouble() >= 1)
            return static_cast<qint64>(value.toDouble());
    }
    return -1;
}

QByteArray computeCost(const ModelSpec &model, qint64 promptTokens, qint64 completionTokens)
{
    if (model.usage.cost)
        return *model.usage.cost;
    if (!model.pricing)
        return QByteArrayLiteral("0");

    // Negative prices mark variable pricing and contribute nothing.
    const qint64 promptPrice = std::max<qint64>(model.pricing->promptPico, 0);
    const qint64 completionPrice = std::max<qint64>(model.pricing->completionPico, 0);
    const auto promptCost = DecimalPrice::multiply(promptTokens, promptPrice);
    const auto completionCost = DecimalPrice::multiply(completionTokens, completionPrice);
    qint64 total = 0;
    if (!promptCost || !completionCost
        || __builtin_add_overflow(*promptCost, *completionCost, &total)) {
        // NOTE: only reachable with absurd prices; the cost is reported as 0.
        return QByteArrayLiteral("0");
    }
    return DecimalPrice::formatPico(total);
}

} // namespace

QString ReplyPlan::selectAnswer(const ReplySpec &reply, const QJsonObject &request)
{
    if (reply.oracle)
        return OracleReply::answerFor(reply, lastUserMessage(request));
    if (!reply.ruleBased)
        return reply.text;

    const QString question = lastUserMessage(request);
    for (const ReplyRule &rule : reply.rules) {
        if (rule.pattern.match(question).hasMatch())
            return rule.text;
    }
    return reply.defaultText;
}

QString ReplyPlan::fillerText(qint64 byteCount)
{
    static const QString words = u"lorem ipsum dolor sit amet consectetur adipiscing elit sed "
                                 u"do eiusmod tempor incididunt ut labore et dolore magna aliqua "_s;
    QString text;
    text.reserve(byteCount);
    while (text.size() < byteCount)
        text += words;
    text.truncate(byteCount);
    return text;
}

ReplyPlan ReplyPlan::build(const ModelSpec &model, const QJsonObject &request, bool applyHuge)
{
    ReplyPlan plan;
    const QString answer = applyHuge ? fillerText(model.fault.bytes)
                                     : selectAnswer(model.reply, request);
    plan.answerTokens = TextTokens::split(answer);
    plan.reasoningTokens = TextTokens::split(model.reasoning);
    plan.finishReason = u"stop"_s;

    const qint64 maxTokens = requestedMaxTokens(request);
    if (maxTokens >= 0 && plan.answerTokens.size() > maxTokens) {
        plan.answerTokens = plan.answerTokens.mid(0, maxTokens);
        plan.finishReason = u"length"_s;
    }

    plan.reasoningTokenCount = plan.reasoningTokens.size();
    plan.promptTokens = model.usage.promptTokens.value_or(
        TextTokens::countPromptTokens(request.value("messages"_L1).toArray()));
    // As with OpenAI, completion tokens include the reasoning tokens.
    plan.completionTokens = model.usage.completionTokens.value_or(plan.answerTokens.size()
                                                                  + plan.reasoningTokenCount);
    plan.cost = computeCost(model, plan.promptTokens, plan.completionTokens);
    return plan;
}
