#pragma once

#include "fusion/FusionSettings.h"

#include <QString>

#include <optional>

namespace Consilium {

// Deterministic reduction of a free-text answer to a comparable final
// answer, for vote, debate and cascade. ExtractionMode::Model is not
// handled here (see VoteStage); passed here it behaves as Auto.
namespace AnswerExtractor {

// Returns the normalised final answer, or nothing when the text has none
// in the form `mode` looks for:
//   Number: the last number ("1,234.50" becomes "1234.5")
//   Choice: a letter A to J after "answer", alone on the last line, in
//           bold or in parentheses; returned in upper case
//   Phrase: the text after the last "answer:" / "answer is", else the last line
//   Auto:   "answer: X" (X normalised as a number, a letter or a phrase),
//           then a choice letter, then the last number
std::optional<QString> extract(const QString &text, ExtractionMode mode);

// Normalises a short answer: trimmed, Markdown emphasis and quotes and
// trailing punctuation removed, numbers in canonical form, a lone letter
// A to J in upper case, other text in lower case with single spaces.
QString normalize(const QString &value);

} // namespace AnswerExtractor

} // namespace Consilium
