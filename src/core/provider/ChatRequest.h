#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Consilium {

struct ChatMessage
{
    QString role; // "system", "user" or "assistant"
    QString content;
};

// One Chat Completions request, as sent to one model.
struct ChatRequest
{
    QString model;
    QList<ChatMessage> messages;
    std::optional<double> temperature;
    // OpenRouter reserves credit for max_tokens before it answers, so an
    // explicit, modest limit avoids 402 errors on small balances.
    int maxTokens = 4096;
    bool stream = true;
    // Adds stream_options.include_usage, for servers that report usage in
    // streams only when asked. Some servers reject the unknown field.
    bool askForUsage = true;
    QMap<QByteArray, QByteArray> extraHeaders;
    // Members added to the top level of the JSON body, for provider
    // extensions such as OpenRouter's "plugins". They never replace the
    // fields above.
    QJsonObject extraBody;

    QByteArray toJson() const;
    qsizetype promptCharacters() const;
};

// Timeouts of one call, in milliseconds; 0 disables one.
struct CallTimeouts
{
    int connectMs = 15'000;     // until the response headers arrive
    int firstTokenMs = 120'000; // until the first content or reasoning delta
    int idleMs = 90'000;        // between two reads; keep-alive comments count
};

// When a failed call is sent again. Only failures before the first token
// are retried: a retry after tokens would bill twice and repeat text.
struct RetryPolicy
{
    int maxAttempts = 3;          // the first request included
    int baseDelayMs = 1'000;      // doubled after each attempt
    int maxDelayMs = 30'000;      // cap of one backoff step
    int maxTotalWaitMs = 60'000;  // waits of one call added up
};

} // namespace Consilium
