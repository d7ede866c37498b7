#pragma once

#include "common/Money.h"
#include "provider/CallOutcome.h"

#include <QString>

#include <optional>

namespace Consilium {

struct ModelInfo;

// Where a call's cost figure comes from. A cost is never a silent zero:
// when neither the provider nor the catalogue gives one, it is Unknown.
enum class CostSource {
    Provider, // the provider's usage.cost
    Computed, // reported tokens × catalogue prices
    Estimated, // estimated tokens × catalogue prices (no usage reported)
    Unknown,
};

QString costSourceName(CostSource source);

struct CallCost
{
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    bool tokensEstimated = false;
    std::optional<Money> cost;
    CostSource source = CostSource::Unknown;
};

// Works out the tokens and cost of a finished call. `model` may be null
// when the catalogue lacks the model; `promptCharacters` feeds the
// estimate when the provider sent no usage.
CallCost computeCallCost(const CallOutcome &outcome, const ModelInfo *model, qsizetype promptCharacters);

// A rough token count for text with no reported usage: about four
// characters per token for English text with BPE tokenizers.
qint64 estimateTokens(qsizetype characters);

} // namespace Consilium
