#include "ServerFusionStrategy.h"

#include "fusion/AnalysisSchema.h"
#include "fusion/JsonExtraction.h"
#include "fusion/PanelStage.h"
#include "fusion/TurnRunner.h"

#include <QJsonArray>

namespace Consilium {

ServerFusionStrategy::ServerFusionStrategy(FusionSettings settings)
    : m_settings(std::move(settings))
{
}

QJsonObject ServerFusionStrategy::pluginBody(const TurnRunner &runner, const FusionSettings &settings)
{
    QJsonArray analysisModels;
    for (const Member &member : runner.ensemble().panel)
        analysisModels.append(member.model);
    const QString judge = settings.judge.model.isEmpty() ? runner.ensemble().writer.model : settings.judge.model;
    // NOTE: field names from OpenRouter's Fusion plugin documentation (plugin
    // id "fusion", "analysis_models", "model" for the judge), not checked
    // against the live API.
    QJsonObject plugin{{QStringLiteral("id"), QStringLiteral("fusion")},
                       {QStringLiteral("analysis_models"), analysisModels}};
    if (!judge.isEmpty())
        plugin.insert(QStringLiteral("model"), judge);
    return QJsonObject{{QStringLiteral("plugins"), QJsonArray{plugin}}};
}

void ServerFusionStrategy::begin(TurnRunner &runner)
{
    Member fusion;
    fusion.model = m_settings.serverModel;
    fusion.provider = runner.ensemble().writer.provider;
    QList<ChatMessage> messages = runner.historyFor(fusion);
    messages.append(ChatMessage{QStringLiteral("user"), runner.turn().prompt});

    CallOptions options;
    options.stage = Stage::Writer;
    options.isAnswer = true;
    options.isServerFusion = true;
    options.extraBody = pluginBody(runner, m_settings);
    m_call = runner.startCall(fusion, messages, options);
}

void ServerFusionStrategy::onCallFinished(TurnRunner &runner, int callIndex)
{
    if (callIndex != m_call)
        return;
    const CallRecord &call = runner.turn().calls[callIndex];
    if (call.outcome.status != CallStatus::Succeeded) {
        runner.fail(failureForCalls(runner.turn().calls, {callIndex}),
                    QStringLiteral("The server fusion %1 failed: %2").arg(call.model, call.outcome.error.message));
        return;
    }
    QString degradedReason;
    // Plain reasoning text is no analysis; only JSON naming the schema's
    // first field is read as one.
    if (call.outcome.reasoning.contains(QLatin1StringView("\"consensus\""))) {
        QStringList models;
        for (const Member &member : runner.ensemble().panel)
            models.append(member.model);
        const Result<QJsonObject> analysis = extractJsonObject(call.outcome.reasoning);
        const QStringList problems = analysis ? AnalysisSchema::validate(*analysis, models) : QStringList{analysis.error()};
        if (problems.isEmpty())
            runner.setAnalysis(*analysis);
        else
            degradedReason = QStringLiteral("The server's analysis could not be read (%1); showing the answer alone.")
                                 .arg(problems.join(QStringLiteral("; ")));
    }
    runner.complete(call.outcome.text, !degradedReason.isEmpty(), degradedReason);
}

} // namespace Consilium
