#pragma once

#include <QMap>
#include <QString>

namespace Consilium {

// Prompt templates ship as resources under :/prompts/ so that wording can
// change without touching code. Placeholders are written {{name}}.
namespace PromptTemplates {

// Returns the template stored as :/prompts/<name>.md, or an empty string.
QString load(const QString &name);

// Replaces each {{key}} with its value in one pass, so that a value
// containing "{{...}}" (a user prompt, say) is never expanded again.
QString fill(const QString &templateText, const QMap<QString, QString> &values);

} // namespace PromptTemplates

} // namespace Consilium
