#pragma once

#include "provider/ProviderError.h"
#include "provider/StreamChunk.h"
#include "provider/Usage.h"

#include <QList>
#include <QString>

#include <optional>

namespace Consilium {

enum class CallStatus { Pending, Running, Succeeded, Failed, Cancelled };

// Moments of one call as Unix epoch milliseconds; 0 until reached.
struct CallTimings
{
    qint64 queuedAtMs = 0;
    qint64 sentAtMs = 0;
    qint64 firstTokenAtMs = 0;
    qint64 finishedAtMs = 0;

    qint64 timeToFirstTokenMs() const { return firstTokenAtMs ? firstTokenAtMs - sentAtMs : -1; }
    qint64 latencyMs() const { return finishedAtMs ? finishedAtMs - sentAtMs : -1; }
};

// Everything one call produced, complete or not. Text received before a
// failure stays here: nothing the user received is dropped.
struct CallOutcome
{
    CallStatus status = CallStatus::Pending;
    QString text;
    QString reasoning;
    QList<ReasoningDetail> reasoningDetails; // consecutive pieces of one type merged
    std::optional<QString> finishReason;
    std::optional<Usage> usage;
    ProviderError error;
    QString upstreamProvider;
    CallTimings timings;
    int keepAlives = 0;
    int attempts = 0;      // requests sent, retries included
    int skippedEvents = 0; // data events that were not valid JSON

    bool isTruncated() const { return finishReason == QStringLiteral("length"); }
};

QString callStatusName(CallStatus status);

} // namespace Consilium
