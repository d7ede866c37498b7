#include "RecordJson.h"

namespace Consilium {

namespace {

qint64 readInteger(const QJsonObject &object, QStringView key)
{
    return qint64(object.value(key).toDouble(0));
}

} // namespace

QJsonObject usageToJson(const Usage &usage)
{
    return QJsonObject{
        {QStringLiteral("prompt_tokens"), usage.promptTokens},
        {QStringLiteral("completion_tokens"), usage.completionTokens},
        {QStringLiteral("reasoning_tokens"), usage.reasoningTokens},
        {QStringLiteral("cached_prompt_tokens"), usage.cachedPromptTokens},
        {QStringLiteral("provider_cost_usd"),
         usage.providerCost ? QJsonValue(usage.providerCost->toDecimalString()) : QJsonValue()},
    };
}

Usage usageFromJson(const QJsonObject &object)
{
    Usage usage;
    usage.promptTokens = readInteger(object, u"prompt_tokens");
    usage.completionTokens = readInteger(object, u"completion_tokens");
    usage.reasoningTokens = readInteger(object, u"reasoning_tokens");
    usage.cachedPromptTokens = readInteger(object, u"cached_prompt_tokens");
    const QJsonValue cost = object.value(u"provider_cost_usd");
    if (cost.isString())
        usage.providerCost = Money::fromDecimalString(cost.toString());
    return usage;
}

QJsonArray reasoningDetailsToJson(const QList<ReasoningDetail> &details)
{
    QJsonArray array;
    for (const ReasoningDetail &detail : details) {
        array.append(QJsonObject{
            {QStringLiteral("type"), detail.type},
            {QStringLiteral("text"), detail.text},
            {QStringLiteral("raw"), detail.raw},
        });
    }
    return array;
}

QList<ReasoningDetail> reasoningDetailsFromJson(const QJsonArray &array)
{
    QList<ReasoningDetail> details;
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        details.append(ReasoningDetail{object.value(u"type").toString(), object.value(u"text").toString(),
                                       object.value(u"raw").toObject()});
    }
    return details;
}

} // namespace Consilium
