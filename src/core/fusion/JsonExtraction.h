#pragma once

#include "common/Result.h"

#include <QJsonObject>
#include <QString>

namespace Consilium {

// Finds the JSON object in a model's reply. Models wrap JSON in ```json
// fences or in prose despite instructions, so this tries, in order: the
// first fenced block that parses as an object, the span from the first
// "{" to the last "}", and every balanced {...} span. The error says why
// nothing parsed ("the reply is empty", "no JSON object found", or the
// parser's message with its offset).
Result<QJsonObject> extractJsonObject(const QString &text);

} // namespace Consilium
