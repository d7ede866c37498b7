#include "FuseCommand.h"

#include "StoreSession.h"

#include "cost/BudgetCheck.h"
#include "cost/CostEstimator.h"
#include "cost/TurnShapeSettings.h"
#include "store/SpendQueries.h"
#include "fusion/StrategyRegistry.h"
#include "fusion/TurnJson.h"
#include "fusion/TurnRunner.h"
#include "provider/ChatClient.h"
#include "provider/ModelCatalogue.h"

#include <QDateTime>
#include <QJsonDocument>

namespace Consilium::Cli {

namespace {

// Checks --max-turn-cost and --max-daily-cost against the high end of the
// turn's estimate. Today's spend comes from --store when given, through a
// second connection to it; without --store only this turn counts.
Result<BudgetDecision> checkCostCaps(const FuseOptions &options, const Ensemble &ensemble,
                                     const ModelCatalogue &catalogue, const QList<ChatMessage> &history)
{
    CostEstimator estimator([&catalogue](const QString &, const QString &model) { return catalogue.find(model); });
    BudgetPolicy policy;
    policy.perTurn = options.maxTurnCost;
    policy.perDay = options.maxDailyCost;
    policy.overCap = BudgetPolicy::OverCap::Refuse;

    qsizetype contextCharacters = options.prompt.size();
    for (const ChatMessage &message : history)
        contextCharacters += message.content.size();

    if (options.storePath.isEmpty()) {
        const QList<PlannedCall> plan = planTurn(ensemble, turnShapeFor(options.fusion, ensemble.panel.size()),
                                                 contextCharacters, estimator);
        return checkBudget(policy, estimator.estimate(plan), Money(), Money());
    }
    ConversationStore store;
    const StoreStatus opened = store.open(options.storePath, ConversationStore::RunningTurns::Keep);
    if (!opened)
        return Result<BudgetDecision>::failure(opened.error());
    SpendQueries spend(store.database());
    QStringList models;
    for (const Member &member : ensemble.panel)
        models.append(member.model);
    models.append(ensemble.writer.model);
    const StoreStatus loaded = spend.loadOutputHistory(estimator, models);
    if (!loaded)
        return Result<BudgetDecision>::failure(loaded.error());
    const QList<PlannedCall> plan = planTurn(ensemble, turnShapeFor(options.fusion, ensemble.panel.size()),
                                             contextCharacters, estimator);
    return checkTurnBudget(policy, estimator.estimate(plan), spend, {}, QDateTime::currentMSecsSinceEpoch());
}

} // namespace

FuseCommand::FuseCommand(FuseOptions options, QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_out(out)
    , m_err(err)
    , m_client(new ChatClient(this))
    , m_catalogue(new ModelCatalogue(this))
{
}

void FuseCommand::start(QIODevice *standardInput)
{
    if (m_options.prompt.trimmed().isEmpty() && standardInput)
        m_options.prompt = QString::fromUtf8(standardInput->readAll()).trimmed();
    if (m_options.prompt.isEmpty()) {
        stop(UsageError, QStringLiteral("no prompt: pass it as an argument or on standard input"));
        return;
    }

    Endpoint endpoint = Endpoint::fromEnvironment(m_options.apiKeyVariable);
    if (!m_options.baseUrl.isEmpty())
        endpoint.baseUrl = QUrl(m_options.baseUrl);
    const QString invalid = endpoint.validate();
    if (!invalid.isEmpty()) {
        stop(UsageError, invalid);
        return;
    }
    if (endpoint.apiKey.isEmpty() && !endpoint.isLoopback()) {
        stop(UsageError, QStringLiteral("no API key: set %1 or name another variable with --api-key-env")
                             .arg(m_options.apiKeyVariable));
        return;
    }

    m_client->setEndpoint(endpoint);
    m_client->setTimeouts({m_options.connectTimeoutMs, m_options.firstTokenTimeoutMs, m_options.idleTimeoutMs});

    // Prices come from the catalogue; without it costs are still read from
    // the provider's usage, so a failed fetch only warns.
    connect(m_catalogue, &ModelCatalogue::updated, this, &FuseCommand::runTurn, Qt::SingleShotConnection);
    connect(m_catalogue, &ModelCatalogue::failed, this, [this](const QString &message) {
        m_err << "warning: " << message << " Costs not reported by the provider will show as unknown.\n";
        m_err.flush();
        runTurn();
    }, Qt::SingleShotConnection);
    m_catalogue->refresh(endpoint);
}

void FuseCommand::runTurn()
{
    if (m_runner)
        return;
    Ensemble ensemble = Ensemble::fromModelIds(m_options.panel, m_options.writer);
    ensemble.maxTokens = m_options.maxTokens;
    m_runner = new TurnRunner(m_client, m_catalogue, ensemble, makeStrategy(m_options.fusion), this);

    if (!m_options.json) {
        connect(m_runner, &TurnRunner::answerContent, this, [this](const QString &delta) {
            m_answerStreamed = true;
            m_out << delta;
            m_out.flush();
        });
    }
    connect(m_runner, &TurnRunner::finished, this, &FuseCommand::onTurnFinished);

    QList<ChatMessage> history;
    if (!m_options.storePath.isEmpty()) {
        m_storeSession = new StoreSession(this);
        const Result<qint64> conversation =
            m_storeSession->open(m_options.storePath, m_options.conversationId, m_options.prompt);
        if (!conversation) {
            stop(UsageError, QStringLiteral("cannot use --store: %1").arg(conversation.error()));
            return;
        }
        connect(m_storeSession, &StoreSession::failed, this, [this](const QString &message) {
            m_err << "warning: the turn may not be fully saved: " << message << '\n';
            m_err.flush();
        });
        m_err << "conversation " << *conversation << " in " << m_options.storePath << '\n';
        m_err.flush();
        history = m_storeSession->history();
    }
    if (m_options.maxTurnCost || m_options.maxDailyCost) {
        const Result<BudgetDecision> decision = checkCostCaps(m_options, ensemble, *m_catalogue, history);
        if (!decision) {
            stop(UsageError, QStringLiteral("cannot check the cost caps: %1").arg(decision.error()));
            return;
        }
        if (decision->verdict != BudgetDecision::Verdict::Send) {
            // Scripts reading --json still get a record, with failure_reason budget_exceeded.
            const Turn rejected = budgetRejectedTurn(m_options.prompt, m_options.fusion.strategy, *decision);
            if (m_options.json)
                m_out << QJsonDocument(turnToJson(rejected)).toJson(QJsonDocument::Indented);
            m_out.flush();
            stop(TurnFailed, QStringLiteral("turn rejected (budget_exceeded): %1").arg(decision->message));
            return;
        }
        if (!decision->message.isEmpty())
            m_err << "warning: " << decision->message << '\n';
    }
    if (m_storeSession)
        m_storeSession->record(m_runner, ensemble);
    m_runner->start(m_options.prompt, history);
}

void FuseCommand::cancel()
{
    if (m_runner)
        m_runner->cancel();
    else
        stop(TurnFailed, QStringLiteral("cancelled before the turn started"));
}

void FuseCommand::onTurnFinished()
{
    const Turn &turn = m_runner->turn();
    if (m_options.json) {
        m_out << QJsonDocument(turnToJson(turn)).toJson(QJsonDocument::Indented);
    } else {
        // A fallback answer (writer failed) was not streamed; print it now.
        if (!m_answerStreamed)
            m_out << turn.answer;
        m_out << "\n\n";
        printTable(turn);
    }
    m_out.flush();

    if (turn.failure) {
        stop(TurnFailed, QStringLiteral("turn failed (%1): %2")
                             .arg(turnFailureName(*turn.failure), turn.failureMessage));
        return;
    }
    if (turn.degraded)
        m_err << "warning: degraded answer: " << turn.degradedReason << '\n';
    m_err.flush();
    Q_EMIT done(Success);
}

void FuseCommand::stop(int exitCode, const QString &message)
{
    m_err << "consilium-cli: " << QString(message).replace(u'\n', u' ') << '\n';
    m_err.flush();
    Q_EMIT done(exitCode);
}

} // namespace Consilium::Cli
