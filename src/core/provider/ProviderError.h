#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <chrono>
#include <optional>

namespace Consilium {

// Why a call failed, in the terms a user can act on.
enum class ErrorKind {
    None,
    BadRequest,      // 400: the request itself is wrong (context length, parameters)
    Authentication,  // 401: missing or invalid API key
    Credits,         // 402: not enough credits, or max_tokens too high for them
    Moderation,      // 403 with metadata.reasons: the input was flagged
    Forbidden,       // 403 without moderation details
    NotFound,        // 404: unknown model or endpoint
    RateLimited,     // 429
    Overloaded,      // 503, 529
    Server,          // other 5xx, and 408
    InStream,        // an error object inside a 200 stream
    Network,         // connection refused, reset, DNS, TLS
    Timeout,         // one of the client's timeouts fired
    Incomplete,      // the stream ended before a finish_reason
    InvalidResponse, // the body could not be read as the protocol says
    Cancelled,       // the user pressed Stop
};

// A failed call: the provider's own message plus what the client made of it.
struct ProviderError
{
    ErrorKind kind = ErrorKind::None;
    int httpStatus = 0;
    QString code;     // provider code, number or string ("rate_limit_exceeded")
    QString message;  // the provider's message, or the client's when it has none
    QString type;
    QJsonObject metadata;
    std::optional<std::chrono::milliseconds> retryAfter;

    bool isError() const { return kind != ErrorKind::None; }
    bool isRetryable() const;

    // Returns the message followed by what the user can do about it.
    QString userMessage() const;
    // Returns a stable name for scripts, such as "rate_limited".
    QString kindName() const;

    // Reads any of the error body shapes seen from OpenAI-compatible servers:
    // {"error":{"message"}}, {"error":"text"}, {"error":{"error":{...}}},
    // {"message"} or {"detail"} at the top level, any of these as the first
    // element of an array, or a non-JSON page.
    static ProviderError fromHttpResponse(int httpStatus, const QByteArray &body,
                                          const QByteArray &contentType);
    // Reads the "error" object of a data event inside a 200 stream.
    static ProviderError fromStreamError(const QJsonValue &error);

    // Makes an error that the client detected itself (timeout, network, stream).
    static ProviderError fromClient(ErrorKind kind, QString message, int httpStatus = 0);

    static ErrorKind kindForStatus(int httpStatus, const QJsonObject &metadata);
};

// Parses Retry-After as delta-seconds (fractions accepted) or an HTTP-date,
// relative to now. Returns nothing for an unreadable value.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value,
                                                         const QDateTime &now);

} // namespace Consilium
