#include "PaneText.h"

namespace Consilium::App::PaneText {

namespace {

QString tokenCount(qint64 tokens, bool estimated)
{
    return (estimated ? QStringLiteral("~") : QString()) + QString::number(tokens);
}

} // namespace

QString stateName(PaneState state)
{
    switch (state) {
    case PaneState::Idle: return QStringLiteral("idle");
    case PaneState::Waiting: return QStringLiteral("waiting");
    case PaneState::Streaming: return QStringLiteral("streaming");
    case PaneState::Done: return QStringLiteral("done");
    case PaneState::Failed: return QStringLiteral("failed");
    case PaneState::Cancelled: return QStringLiteral("cancelled");
    }
    return QString();
}

PaneState stateForStatus(CallStatus status)
{
    switch (status) {
    case CallStatus::Pending: return PaneState::Waiting;
    case CallStatus::Running: return PaneState::Streaming;
    case CallStatus::Succeeded: return PaneState::Done;
    case CallStatus::Failed: return PaneState::Failed;
    case CallStatus::Cancelled: return PaneState::Cancelled;
    }
    return PaneState::Failed;
}

QString durationText(qint64 milliseconds)
{
    if (milliseconds < 0)
        return QStringLiteral("–");
    if (milliseconds < 1000)
        return QStringLiteral("%1 ms").arg(milliseconds);
    return QStringLiteral("%1 s").arg(double(milliseconds) / 1000.0, 0, 'f', 2);
}

QString costText(const CallCost &cost)
{
    if (!cost.cost)
        return QStringLiteral("unknown");
    QString text = cost.cost->toDisplayString();
    if (cost.source == CostSource::Computed || cost.source == CostSource::Estimated)
        text += QStringLiteral(" (%1)").arg(costSourceName(cost.source));
    return text;
}

QString statsText(const CallRecord &record)
{
    const CallCost &cost = record.cost;
    const CallTimings &timings = record.outcome.timings;
    return QStringLiteral("in %1 · out %2 tokens · first token %3 · %4 · total %5 · cost %6")
        .arg(tokenCount(cost.promptTokens, cost.tokensEstimated),
             tokenCount(cost.completionTokens, cost.tokensEstimated),
             durationText(timings.timeToFirstTokenMs()), tokensPerSecondText(record),
             durationText(timings.latencyMs()), costText(cost));
}

QString tokensPerSecondText(const CallRecord &record)
{
    const CallTimings &timings = record.outcome.timings;
    const qint64 streamingMs = timings.firstTokenAtMs && timings.finishedAtMs
                                   ? timings.finishedAtMs - timings.firstTokenAtMs
                                   : 0;
    if (streamingMs <= 0 || record.cost.completionTokens <= 0)
        return QStringLiteral("– tok/s");
    const double rate = double(record.cost.completionTokens) * 1000.0 / double(streamingMs);
    return QStringLiteral("%1 tok/s").arg(rate, 0, 'f', rate < 10.0 ? 1 : 0);
}

QString turnCostText(const Turn &turn)
{
    // Calls still in flight have no cost yet, which Turn counts as unknown.
    int running = 0;
    for (const CallRecord &call : turn.calls) {
        if (call.outcome.status == CallStatus::Pending || call.outcome.status == CallStatus::Running)
            ++running;
    }
    const int unknown = turn.unknownCostCount() - running;

    QString text = QStringLiteral("Turn cost: %1").arg(turn.totalCost().toDisplayString());
    if (unknown == 1)
        text += QStringLiteral(" · 1 call with unknown cost");
    else if (unknown > 1)
        text += QStringLiteral(" · %1 calls with unknown cost").arg(unknown);
    if (running > 0)
        text += QStringLiteral(" · %1 running").arg(running);
    return text;
}

} // namespace Consilium::App::PaneText
