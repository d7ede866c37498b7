#include "Usage.h"

#include <QJsonValue>

namespace Consilium {

namespace {

qint64 readCount(const QJsonValue &value)
{
    const double number = value.toDouble(0);
    return number > 0 && number < 1e15 ? qint64(number) : 0;
}

} // namespace

Usage Usage::fromJson(const QJsonObject &object)
{
    Usage usage;
    usage.promptTokens = readCount(object.value(u"prompt_tokens"));
    usage.completionTokens = readCount(object.value(u"completion_tokens"));
    usage.reasoningTokens = readCount(
        object.value(u"completion_tokens_details").toObject().value(u"reasoning_tokens"));
    usage.cachedPromptTokens = readCount(
        object.value(u"prompt_tokens_details").toObject().value(u"cached_tokens"));

    const QJsonValue cost = object.value(u"cost");
    if (cost.isDouble())
        usage.providerCost = Money::fromUsd(cost.toDouble());
    else if (cost.isString())
        usage.providerCost = Money::fromDecimalString(cost.toString());
    if (usage.providerCost && usage.providerCost->isNegative())
        usage.providerCost.reset();
    return usage;
}

} // namespace Consilium
