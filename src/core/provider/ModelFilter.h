#pragma once

#include "common/Money.h"
#include "provider/ModelInfo.h"

#include <QString>

#include <optional>

namespace Consilium {

// A search over a catalogue: text in the name or id, price caps per
// million tokens, a minimum context length and an input modality.
// A model whose price is unknown or varies never passes a price cap.
struct ModelFilter
{
    QString text;
    std::optional<Money> maxPromptPerMillion;
    std::optional<Money> maxCompletionPerMillion;
    qint64 minContextLength = 0;
    QString inputModality; // "image", "audio", ...; empty for any
    bool chatModelsOnly = true;

    bool matches(const ModelInfo &model) const;
};

} // namespace Consilium
