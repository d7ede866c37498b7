#include "TurnJson.h"

#include "fusion/Turn.h"

#include <QJsonArray>

namespace Consilium {

namespace {

QJsonValue nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue millisecondsOrNull(qint64 value)
{
    return value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

} // namespace

QJsonObject callToJson(const CallRecord &call)
{
    const CallOutcome &outcome = call.outcome;
    const bool hasError = outcome.status == CallStatus::Failed || outcome.status == CallStatus::Cancelled;
    QJsonObject json{
        {QStringLiteral("model"), call.model},
        {QStringLiteral("stage"), call.stageText()},
        {QStringLiteral("reused"), call.reused},
        {QStringLiteral("status"), callStatusName(outcome.status)},
        {QStringLiteral("error"), hasError ? nullIfEmpty(outcome.error.message) : QJsonValue()},
        {QStringLiteral("error_kind"), hasError ? QJsonValue(outcome.error.kindName()) : QJsonValue()},
        {QStringLiteral("http_status"), outcome.error.httpStatus ? QJsonValue(outcome.error.httpStatus) : QJsonValue()},
        {QStringLiteral("text"), outcome.text},
        {QStringLiteral("reasoning"), nullIfEmpty(outcome.reasoning)},
        {QStringLiteral("finish_reason"), outcome.finishReason ? QJsonValue(*outcome.finishReason) : QJsonValue()},
        {QStringLiteral("upstream_provider"), nullIfEmpty(outcome.upstreamProvider)},
        {QStringLiteral("prompt_tokens"), call.cost.promptTokens},
        {QStringLiteral("completion_tokens"), call.cost.completionTokens},
        {QStringLiteral("tokens_estimated"), call.cost.tokensEstimated},
        {QStringLiteral("cost_usd"), call.cost.cost ? QJsonValue(call.cost.cost->usd()) : QJsonValue()},
        {QStringLiteral("cost_source"), costSourceName(call.cost.source)},
        {QStringLiteral("started_at_ms"), outcome.timings.sentAtMs},
        {QStringLiteral("ttft_ms"), millisecondsOrNull(outcome.timings.timeToFirstTokenMs())},
        {QStringLiteral("latency_ms"), millisecondsOrNull(outcome.timings.latencyMs())},
    };
    return json;
}

QJsonObject turnToJson(const Turn &turn)
{
    QJsonArray calls;
    QJsonArray failedMembers;
    for (const CallRecord &call : turn.calls) {
        calls.append(callToJson(call));
        if (call.outcome.status == CallStatus::Failed || call.outcome.status == CallStatus::Cancelled) {
            failedMembers.append(QJsonObject{{QStringLiteral("model"), call.model},
                                             {QStringLiteral("stage"), call.stageText()},
                                             {QStringLiteral("status"), callStatusName(call.outcome.status)},
                                             {QStringLiteral("error_kind"), call.outcome.error.kindName()},
                                             {QStringLiteral("error"), call.outcome.error.message}});
        }
    }
    QJsonObject labels;
    for (auto it = turn.anonymousLabels.cbegin(); it != turn.anonymousLabels.cend(); ++it)
        labels.insert(it.key(), it.value());

    return QJsonObject{
        {QStringLiteral("prompt"), turn.prompt},
        {QStringLiteral("strategy"), turn.strategy},
        {QStringLiteral("answer"), turn.answer},
        {QStringLiteral("analysis"), turn.analysis.isEmpty() ? QJsonValue() : QJsonValue(turn.analysis)},
        {QStringLiteral("anonymous_labels"), labels.isEmpty() ? QJsonValue() : QJsonValue(labels)},
        {QStringLiteral("degraded"), turn.degraded},
        {QStringLiteral("degraded_reason"), nullIfEmpty(turn.degradedReason)},
        {QStringLiteral("failure_reason"), turn.failure ? QJsonValue(turnFailureName(*turn.failure)) : QJsonValue()},
        {QStringLiteral("failure_message"), nullIfEmpty(turn.failureMessage)},
        {QStringLiteral("total_cost_usd"), turn.totalCost().usd()},
        {QStringLiteral("unknown_cost_calls"), turn.unknownCostCount()},
        {QStringLiteral("failed_calls"), failedMembers},
        {QStringLiteral("calls"), calls},
    };
}

} // namespace Consilium
