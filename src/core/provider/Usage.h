#pragma once

#include "common/Money.h"

#include <QJsonObject>

#include <optional>

namespace Consilium {

// Token counts and, when the provider reports it, the cost of one call.
struct Usage
{
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 reasoningTokens = 0;
    qint64 cachedPromptTokens = 0;
    std::optional<Money> providerCost; // OpenRouter's usage.cost, in USD

    // Reads an OpenAI-style usage object. Missing counts stay zero.
    static Usage fromJson(const QJsonObject &object);
};

} // namespace Consilium
