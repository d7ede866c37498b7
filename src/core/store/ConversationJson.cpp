#include "ConversationJson.h"

#include "store/EnumNames.h"
#include "store/JsonFieldReader.h"
#include "store/RecordJson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Consilium::ConversationJson {

namespace {

QJsonValue stringOrNull(const std::optional<QString> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QJsonObject errorToJson(const ProviderError &error)
{
    return QJsonObject{
        {QStringLiteral("kind"), error.kindName()},
        {QStringLiteral("http_status"), error.httpStatus},
        {QStringLiteral("code"), error.code},
        {QStringLiteral("message"), error.message},
        {QStringLiteral("type"), error.type},
        {QStringLiteral("metadata"), error.metadata},
        {QStringLiteral("retry_after_ms"),
         error.retryAfter ? QJsonValue(qint64(error.retryAfter->count())) : QJsonValue()},
    };
}

QJsonObject callToJson(const CallRecord &call)
{
    const CallOutcome &outcome = call.outcome;
    const CallTimings &timings = outcome.timings;
    return QJsonObject{
        {QStringLiteral("model"), call.model},
        {QStringLiteral("provider"), call.provider},
        {QStringLiteral("stage"), stageName(call.stage)},
        {QStringLiteral("stage_number"), call.stageNumber},
        {QStringLiteral("reused"), call.reused},
        {QStringLiteral("status"), callStatusName(outcome.status)},
        {QStringLiteral("text"), outcome.text},
        {QStringLiteral("reasoning"), outcome.reasoning},
        {QStringLiteral("reasoning_details"), reasoningDetailsToJson(outcome.reasoningDetails)},
        {QStringLiteral("finish_reason"), stringOrNull(outcome.finishReason)},
        {QStringLiteral("usage"), outcome.usage ? QJsonValue(usageToJson(*outcome.usage)) : QJsonValue()},
        {QStringLiteral("error"), errorToJson(outcome.error)},
        {QStringLiteral("upstream_provider"), outcome.upstreamProvider},
        {QStringLiteral("timings"), QJsonObject{{QStringLiteral("queued_at_ms"), timings.queuedAtMs},
                                                {QStringLiteral("sent_at_ms"), timings.sentAtMs},
                                                {QStringLiteral("first_token_at_ms"), timings.firstTokenAtMs},
                                                {QStringLiteral("finished_at_ms"), timings.finishedAtMs}}},
        {QStringLiteral("keep_alives"), outcome.keepAlives},
        {QStringLiteral("attempts"), outcome.attempts},
        {QStringLiteral("skipped_events"), outcome.skippedEvents},
        {QStringLiteral("cost"),
         QJsonObject{{QStringLiteral("prompt_tokens"), call.cost.promptTokens},
                     {QStringLiteral("completion_tokens"), call.cost.completionTokens},
                     {QStringLiteral("tokens_estimated"), call.cost.tokensEstimated},
                     {QStringLiteral("cost_usd"),
                      call.cost.cost ? QJsonValue(call.cost.cost->toDecimalString()) : QJsonValue()},
                     {QStringLiteral("source"), costSourceName(call.cost.source)}}},
    };
}

QJsonObject labelsToJson(const QMap<QString, QString> &labels)
{
    QJsonObject object;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

CallRecord readCall(JsonFieldReader &in, const QJsonObject &object)
{
    CallRecord call;
    CallOutcome &outcome = call.outcome;
    call.model = in.string(object, u"model");
    call.provider = in.string(object, u"provider");
    call.stage = in.enumValue(object, u"stage", stageFromName);
    call.stageNumber = int(in.integer(object, u"stage_number"));
    call.reused = in.boolean(object, u"reused");
    outcome.status = in.enumValue(object, u"status", callStatusFromName);
    outcome.text = in.string(object, u"text");
    outcome.reasoning = in.string(object, u"reasoning");
    outcome.reasoningDetails = reasoningDetailsFromJson(in.array(object, u"reasoning_details"));
    outcome.finishReason = in.optionalString(object, u"finish_reason");
    if (const std::optional<QJsonObject> usage = in.optionalObject(object, u"usage"))
        outcome.usage = usageFromJson(*usage);
    outcome.upstreamProvider = in.string(object, u"upstream_provider");
    outcome.keepAlives = int(in.integer(object, u"keep_alives"));
    outcome.attempts = int(in.integer(object, u"attempts"));
    outcome.skippedEvents = int(in.integer(object, u"skipped_events"));

    const QJsonObject error = in.enter(object, u"error");
    outcome.error.kind = in.enumValue(error, u"kind", errorKindFromName);
    outcome.error.httpStatus = int(in.integer(error, u"http_status"));
    outcome.error.code = in.string(error, u"code");
    outcome.error.message = in.string(error, u"message");
    outcome.error.type = in.string(error, u"type");
    outcome.error.metadata = in.object(error, u"metadata");
    if (const std::optional<qint64> retry = in.optionalInteger(error, u"retry_after_ms"))
        outcome.error.retryAfter = std::chrono::milliseconds(*retry);
    in.leave();

    const QJsonObject timings = in.enter(object, u"timings");
    outcome.timings = CallTimings{in.integer(timings, u"queued_at_ms"), in.integer(timings, u"sent_at_ms"),
                                  in.integer(timings, u"first_token_at_ms"), in.integer(timings, u"finished_at_ms")};
    in.leave();

    const QJsonObject cost = in.enter(object, u"cost");
    call.cost.promptTokens = in.integer(cost, u"prompt_tokens");
    call.cost.completionTokens = in.integer(cost, u"completion_tokens");
    call.cost.tokensEstimated = in.boolean(cost, u"tokens_estimated");
    call.cost.cost = in.optionalMoney(cost, u"cost_usd");
    call.cost.source = in.enumValue(cost, u"source", costSourceFromName);
    in.leave();
    return call;
}

StoredTurn readTurn(JsonFieldReader &in, const QJsonObject &object)
{
    StoredTurn stored;
    Turn &turn = stored.turn;
    turn.prompt = in.string(object, u"prompt");
    turn.strategy = in.string(object, u"strategy");
    turn.answer = in.string(object, u"answer");
    turn.analysis = in.object(object, u"analysis");
    const QJsonObject labels = in.object(object, u"anonymous_labels");
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
        turn.anonymousLabels.insert(it.key(), it.value().toString());
    turn.degraded = in.boolean(object, u"degraded");
    turn.degradedReason = in.string(object, u"degraded_reason");
    if (in.optionalString(object, u"failure_reason"))
        turn.failure = in.enumValue(object, u"failure_reason", turnFailureFromName);
    turn.failureMessage = in.string(object, u"failure_message");
    stored.state = in.enumValue(object, u"state", turnStateFromName);
    stored.presetSnapshot = in.object(object, u"preset_snapshot");
    stored.createdAtMs = in.integer(object, u"created_at_ms");
    stored.finishedAtMs = in.integer(object, u"finished_at_ms");

    const QJsonArray calls = in.array(object, u"calls");
    for (qsizetype i = 0; i < calls.size() && in.ok(); ++i) {
        const QJsonObject call = in.enterIndex(u"calls", i, calls.at(i));
        turn.calls.append(readCall(in, call));
        in.leave();
    }
    return stored;
}

} // namespace

QJsonObject turnToJson(const StoredTurn &stored)
{
    const Turn &turn = stored.turn;
    QJsonArray calls;
    for (const CallRecord &call : turn.calls)
        calls.append(callToJson(call));
    return QJsonObject{
        {QStringLiteral("prompt"), turn.prompt},
        {QStringLiteral("strategy"), turn.strategy},
        {QStringLiteral("answer"), turn.answer},
        {QStringLiteral("analysis"), turn.analysis},
        {QStringLiteral("anonymous_labels"), labelsToJson(turn.anonymousLabels)},
        {QStringLiteral("degraded"), turn.degraded},
        {QStringLiteral("degraded_reason"), turn.degradedReason},
        {QStringLiteral("failure_reason"), turn.failure ? QJsonValue(turnFailureName(*turn.failure)) : QJsonValue()},
        {QStringLiteral("failure_message"), turn.failureMessage},
        {QStringLiteral("state"), turnStateName(stored.state)},
        {QStringLiteral("preset_snapshot"), stored.presetSnapshot},
        {QStringLiteral("created_at_ms"), stored.createdAtMs},
        {QStringLiteral("finished_at_ms"), stored.finishedAtMs},
        {QStringLiteral("calls"), calls},
    };
}

QJsonObject toJson(const Conversation &conversation, const QList<qint64> &turnIds)
{
    QJsonArray turns;
    for (const StoredTurn &turn : conversation.turns) {
        if (turnIds.isEmpty() || turnIds.contains(turn.id))
            turns.append(turnToJson(turn));
    }
    return QJsonObject{
        {QStringLiteral("format_version"), kFormatVersion},
        {QStringLiteral("kind"), QStringLiteral("consilium.conversation")},
        {QStringLiteral("title"), conversation.summary.title},
        {QStringLiteral("created_at_ms"), conversation.summary.createdAtMs},
        {QStringLiteral("updated_at_ms"), conversation.summary.updatedAtMs},
        {QStringLiteral("turns"), turns},
    };
}

Result<Conversation> fromJson(const QByteArray &contents, const QString &sourceName)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(contents, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Result<Conversation>::failure(QStringLiteral("%1: invalid JSON at byte %2: %3")
                                                 .arg(sourceName)
                                                 .arg(parseError.offset)
                                                 .arg(parseError.errorString()));
    if (!document.isObject())
        return Result<Conversation>::failure(QStringLiteral("%1: the top level must be a JSON object").arg(sourceName));

    const QJsonObject root = document.object();
    JsonFieldReader in;
    if (in.string(root, u"kind") != u"consilium.conversation" && in.ok())
        in.fail(QStringLiteral("kind: not a Consilium conversation export"));
    const qint64 version = in.integer(root, u"format_version");
    if (in.ok() && version > kFormatVersion)
        in.fail(QStringLiteral("format_version: %1 is newer than this Consilium (%2)").arg(version).arg(kFormatVersion));

    Conversation conversation;
    conversation.summary.title = in.string(root, u"title");
    conversation.summary.createdAtMs = in.integer(root, u"created_at_ms");
    conversation.summary.updatedAtMs = in.integer(root, u"updated_at_ms");
    const QJsonArray turns = in.array(root, u"turns");
    for (qsizetype i = 0; i < turns.size() && in.ok(); ++i) {
        const QJsonObject turn = in.enterIndex(u"turns", i, turns.at(i));
        conversation.turns.append(readTurn(in, turn));
        in.leave();
    }
    if (!in.ok())
        return Result<Conversation>::failure(QStringLiteral("%1: %2").arg(sourceName, in.error()));
    conversation.summary.turnCount = int(conversation.turns.size());
    return conversation;
}

} // namespace Consilium::ConversationJson
