#include "ModelFilter.h"

namespace Consilium {

namespace {

bool withinCap(const TokenPrice &price, const std::optional<Money> &capPerMillion)
{
    if (!capPerMillion)
        return true;
    return price.isKnown() && *price.perToken * 1'000'000 <= *capPerMillion;
}

} // namespace

bool ModelFilter::matches(const ModelInfo &model) const
{
    if (chatModelsOnly && !model.isChatModel())
        return false;
    const QString needle = text.trimmed();
    if (!needle.isEmpty() && !model.id.contains(needle, Qt::CaseInsensitive)
        && !model.name.contains(needle, Qt::CaseInsensitive))
        return false;
    if (!withinCap(model.promptPrice, maxPromptPerMillion)
        || !withinCap(model.completionPrice, maxCompletionPerMillion))
        return false;
    if (minContextLength > 0 && model.contextLength < minContextLength)
        return false;
    // Endpoints that list no modalities are taken to be text-only.
    if (!inputModality.isEmpty()) {
        const QStringList inputs = model.inputModalities.isEmpty() ? QStringList{QStringLiteral("text")}
                                                                   : model.inputModalities;
        if (!inputs.contains(inputModality))
            return false;
    }
    return true;
}

} // namespace Consilium
