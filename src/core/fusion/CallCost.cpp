#include "CallCost.h"

#include "provider/ModelInfo.h"

namespace Consilium {

QString costSourceName(CostSource source)
{
    switch (source) {
    case CostSource::Provider: return QStringLiteral("provider");
    case CostSource::Computed: return QStringLiteral("computed");
    case CostSource::Estimated: return QStringLiteral("estimated");
    case CostSource::Unknown: return QStringLiteral("unknown");
    }
    return QStringLiteral("unknown");
}

qint64 estimateTokens(qsizetype characters)
{
    return characters <= 0 ? 0 : (characters + 3) / 4;
}

CallCost computeCallCost(const CallOutcome &outcome, const ModelInfo *model, qsizetype promptCharacters)
{
    CallCost result;
    if (outcome.usage) {
        result.promptTokens = outcome.usage->promptTokens;
        result.completionTokens = outcome.usage->completionTokens;
        if (outcome.usage->providerCost) {
            result.cost = outcome.usage->providerCost;
            result.source = CostSource::Provider;
            return result;
        }
    } else {
        // A request that reached no server used no tokens; any other call
        // without usage is estimated from its text.
        const bool reachedServer = outcome.timings.firstTokenAtMs != 0 || !outcome.text.isEmpty();
        if (!reachedServer) {
            // An HTTP error status means the provider rejected the request
            // before generating anything, and rejected requests are not billed.
            // An error inside a 200 stream came after acceptance: it may be billed.
            if (outcome.error.httpStatus >= 400 && outcome.error.kind != ErrorKind::InStream) {
                result.cost = Money();
                result.source = CostSource::Computed;
            }
            return result;
        }
        result.promptTokens = estimateTokens(promptCharacters);
        result.completionTokens = estimateTokens(outcome.text.size() + outcome.reasoning.size());
        result.tokensEstimated = true;
    }

    const bool pricesKnown = model && model->promptPrice.isKnown() && model->completionPrice.isKnown();
    if (!pricesKnown)
        return result;
    // Token counts come from the response, so the arithmetic is checked:
    // an absurd count leaves the cost unknown rather than wrapping around.
    const std::optional<Money> input = model->promptPrice.perToken->checkedTimes(result.promptTokens);
    const std::optional<Money> output = model->completionPrice.perToken->checkedTimes(result.completionTokens);
    if (!input || !output || !input->checkedPlus(*output))
        return result;
    result.cost = *input + *output;
    result.source = result.tokensEstimated ? CostSource::Estimated : CostSource::Computed;
    return result;
}

} // namespace Consilium
