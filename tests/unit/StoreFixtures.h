#pragma once

#include "fusion/Turn.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <optional>

// Turns with every field set, and a field-by-field comparison, for the
// store, export and import tests.
namespace Consilium::Testing {

inline CallRecord sampleCall(const QString &model, Stage stage, const QString &text, std::optional<Money> cost)
{
    CallRecord call;
    call.model = model;
    call.provider = QStringLiteral("openrouter");
    call.stage = stage;
    call.stageNumber = stage == Stage::Writer ? 0 : 2;
    call.reused = stage == Stage::Panel;
    CallOutcome &outcome = call.outcome;
    outcome.status = CallStatus::Succeeded;
    outcome.text = text;
    outcome.reasoning = QStringLiteral("Thinking about ") + model;
    outcome.reasoningDetails = {
        ReasoningDetail{QStringLiteral("reasoning.text"), QStringLiteral("step one"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("reasoning.text")},
                                    {QStringLiteral("index"), 0}}},
        ReasoningDetail{QStringLiteral("reasoning.encrypted"), QStringLiteral("b3BhcXVl"), QJsonObject{}},
    };
    outcome.finishReason = QStringLiteral("stop");
    Usage usage;
    usage.promptTokens = 1234;
    usage.completionTokens = 567;
    usage.reasoningTokens = 89;
    usage.cachedPromptTokens = 100;
    usage.providerCost = Money::fromPicoUsd(123'456'789);
    outcome.usage = usage;
    outcome.upstreamProvider = QStringLiteral("Upstream-") + model;
    outcome.timings = CallTimings{1'700'000'000'000, 1'700'000'000'010, 1'700'000'000'450, 1'700'000'002'000};
    outcome.keepAlives = 3;
    outcome.attempts = 2;
    outcome.skippedEvents = 1;
    call.cost.promptTokens = 1234;
    call.cost.completionTokens = 567;
    call.cost.tokensEstimated = true;
    call.cost.cost = cost;
    call.cost.source = cost ? CostSource::Estimated : CostSource::Unknown;
    return call;
}

inline CallRecord failedCall(const QString &model)
{
    CallRecord call;
    call.model = model;
    call.outcome.status = CallStatus::Failed;
    call.outcome.text = QStringLiteral("partial answer before the 429");
    call.outcome.error.kind = ErrorKind::RateLimited;
    call.outcome.error.httpStatus = 429;
    call.outcome.error.code = QStringLiteral("rate_limit_exceeded");
    call.outcome.error.message = QStringLiteral("Rate limit exceeded upstream");
    call.outcome.error.type = QStringLiteral("rate_limit");
    call.outcome.error.metadata = QJsonObject{{QStringLiteral("provider_name"), QStringLiteral("Example")}};
    call.outcome.error.retryAfter = std::chrono::milliseconds(2500);
    call.cost.cost = Money();
    call.cost.source = CostSource::Computed;
    return call;
}

// A degraded turn: two panel answers (known and unknown cost), one failed
// member and a writer. `panelCost` is the first member's cost.
inline Turn sampleTurn(std::optional<Money> panelCost = Money::fromPicoUsd(42'000'000))
{
    Turn turn;
    turn.prompt = QStringLiteral("How do I sort a list in C++?");
    turn.strategy = QStringLiteral("fusion");
    turn.calls = {
        sampleCall(QStringLiteral("anthropic/claude-sonnet-4"), Stage::Panel,
                   QStringLiteral("Use std::ranges::sort; it is introsort underneath."), panelCost),
        sampleCall(QStringLiteral("openai/gpt-4o"), Stage::Panel, QStringLiteral("Call std::sort with iterators."),
                   std::nullopt),
        failedCall(QStringLiteral("google/gemini-2.5-pro")),
        sampleCall(QStringLiteral("openai/gpt-4o"), Stage::Writer,
                   QStringLiteral("## Answer\n\nUse `std::ranges::sort`."), Money::fromPicoUsd(7)),
    };
    turn.answer = QStringLiteral("## Answer\n\nUse `std::ranges::sort`.");
    turn.analysis = QJsonObject{{QStringLiteral("agreement"), 0.75},
                                {QStringLiteral("points"), QJsonArray{QStringLiteral("use the library")}}};
    turn.anonymousLabels = {{QStringLiteral("Model A"), QStringLiteral("anthropic/claude-sonnet-4")},
                            {QStringLiteral("Model B"), QStringLiteral("openai/gpt-4o")}};
    turn.degraded = true;
    turn.degradedReason = QStringLiteral("google/gemini-2.5-pro failed: rate limited");
    return turn;
}

inline void compareCalls(const CallRecord &actual, const CallRecord &expected)
{
    QCOMPARE(actual.model, expected.model);
    QCOMPARE(actual.provider, expected.provider);
    QCOMPARE(actual.stage, expected.stage);
    QCOMPARE(actual.stageNumber, expected.stageNumber);
    QCOMPARE(actual.reused, expected.reused);
    QCOMPARE(actual.outcome.status, expected.outcome.status);
    QCOMPARE(actual.outcome.text, expected.outcome.text);
    QCOMPARE(actual.outcome.reasoning, expected.outcome.reasoning);
    QCOMPARE(actual.outcome.reasoningDetails.size(), expected.outcome.reasoningDetails.size());
    for (qsizetype i = 0; i < expected.outcome.reasoningDetails.size(); ++i) {
        QCOMPARE(actual.outcome.reasoningDetails[i].type, expected.outcome.reasoningDetails[i].type);
        QCOMPARE(actual.outcome.reasoningDetails[i].text, expected.outcome.reasoningDetails[i].text);
        QCOMPARE(actual.outcome.reasoningDetails[i].raw, expected.outcome.reasoningDetails[i].raw);
    }
    QCOMPARE(actual.outcome.finishReason, expected.outcome.finishReason);
    QCOMPARE(actual.outcome.usage.has_value(), expected.outcome.usage.has_value());
    if (expected.outcome.usage) {
        QCOMPARE(actual.outcome.usage->promptTokens, expected.outcome.usage->promptTokens);
        QCOMPARE(actual.outcome.usage->completionTokens, expected.outcome.usage->completionTokens);
        QCOMPARE(actual.outcome.usage->reasoningTokens, expected.outcome.usage->reasoningTokens);
        QCOMPARE(actual.outcome.usage->cachedPromptTokens, expected.outcome.usage->cachedPromptTokens);
        QCOMPARE(actual.outcome.usage->providerCost, expected.outcome.usage->providerCost);
    }
    const ProviderError &error = actual.outcome.error;
    QCOMPARE(error.kind, expected.outcome.error.kind);
    QCOMPARE(error.httpStatus, expected.outcome.error.httpStatus);
    QCOMPARE(error.code, expected.outcome.error.code);
    QCOMPARE(error.message, expected.outcome.error.message);
    QCOMPARE(error.type, expected.outcome.error.type);
    QCOMPARE(error.metadata, expected.outcome.error.metadata);
    QCOMPARE(error.retryAfter, expected.outcome.error.retryAfter);
    QCOMPARE(actual.outcome.upstreamProvider, expected.outcome.upstreamProvider);
    QCOMPARE(actual.outcome.timings.queuedAtMs, expected.outcome.timings.queuedAtMs);
    QCOMPARE(actual.outcome.timings.sentAtMs, expected.outcome.timings.sentAtMs);
    QCOMPARE(actual.outcome.timings.firstTokenAtMs, expected.outcome.timings.firstTokenAtMs);
    QCOMPARE(actual.outcome.timings.finishedAtMs, expected.outcome.timings.finishedAtMs);
    QCOMPARE(actual.outcome.keepAlives, expected.outcome.keepAlives);
    QCOMPARE(actual.outcome.attempts, expected.outcome.attempts);
    QCOMPARE(actual.outcome.skippedEvents, expected.outcome.skippedEvents);
    QCOMPARE(actual.cost.promptTokens, expected.cost.promptTokens);
    QCOMPARE(actual.cost.completionTokens, expected.cost.completionTokens);
    QCOMPARE(actual.cost.tokensEstimated, expected.cost.tokensEstimated);
    QCOMPARE(actual.cost.cost, expected.cost.cost);
    QCOMPARE(actual.cost.source, expected.cost.source);
}

inline void compareTurns(const Turn &actual, const Turn &expected)
{
    QCOMPARE(actual.prompt, expected.prompt);
    QCOMPARE(actual.strategy, expected.strategy);
    QCOMPARE(actual.answer, expected.answer);
    QCOMPARE(actual.analysis, expected.analysis);
    QCOMPARE(actual.anonymousLabels, expected.anonymousLabels);
    QCOMPARE(actual.degraded, expected.degraded);
    QCOMPARE(actual.degradedReason, expected.degradedReason);
    QCOMPARE(actual.failure, expected.failure);
    QCOMPARE(actual.failureMessage, expected.failureMessage);
    QCOMPARE(actual.calls.size(), expected.calls.size());
    for (qsizetype i = 0; i < expected.calls.size(); ++i) {
        compareCalls(actual.calls[i], expected.calls[i]);
        if (QTest::currentTestFailed()) {
            qWarning("call %lld differs", qlonglong(i));
            return;
        }
    }
}

} // namespace Consilium::Testing
