#pragma once

#include <QJsonArray>
#include <QString>
#include <QStringList>

// The emulator's deterministic stand-in for a tokenizer. It has nothing to do
// with any real model's vocabulary but gives stable, easy-to-predict counts.
namespace TextTokens {

// Splits text into tokens matching \s*\S+. Trailing whitespace is attached to
// the last token, so the tokens concatenate back to exactly the input.
// Whitespace-only text is one token and empty text has none.
QStringList split(const QString &text);

// Returns the prompt token count of a Chat Completions "messages" array: the
// tokens of every message's text plus 4 per message for role and framing.
// Content given as an array of parts counts only the "text" parts.
qint64 countPromptTokens(const QJsonArray &messages);

// Returns the text of a message "content", joining text parts with "\n".
QString contentText(const QJsonValue &content);

} // namespace TextTokens
