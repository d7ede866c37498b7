#include "TurnRunner.h"

#include "common/Logging.h"
#include "fusion/FusionStrategy.h"
#include "provider/ChatClient.h"
#include "provider/ModelCatalogue.h"
#include "provider/ProviderRegistry.h"

namespace Consilium {

TurnRunner::TurnRunner(CallRouter *router, Ensemble ensemble, std::unique_ptr<FusionStrategy> strategy,
                       QObject *parent)
    : QObject(parent)
    , m_router(router)
    , m_ensemble(std::move(ensemble))
    , m_strategy(std::move(strategy))
{
    m_turn.strategy = m_strategy->name();
}

TurnRunner::TurnRunner(ChatClient *client, const ModelCatalogue *catalogue, Ensemble ensemble,
                       std::unique_ptr<FusionStrategy> strategy, QObject *parent)
    : TurnRunner(nullptr, std::move(ensemble), std::move(strategy), parent)
{
    m_ownedRouter = std::make_unique<SingleProviderRouter>(client, catalogue);
    m_router = m_ownedRouter.get();
}

TurnRunner::~TurnRunner() = default;

void TurnRunner::start(const QString &prompt, const QList<ChatMessage> &history)
{
    Q_ASSERT(!m_running);
    m_turn.prompt = prompt;
    m_history = history;
    m_running = true;
    qCInfo(lcFusion) << "turn started with" << m_ensemble.panel.size() << "panel members,"
                     << "strategy" << m_turn.strategy;
    m_strategy->begin(*this);
}

void TurnRunner::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    qCInfo(lcFusion) << "turn cancelled";
    // Copy first: each cancel() finishes its call synchronously, and the
    // strategy may react by ending the turn.
    const QList<QPointer<ChatCall>> calls = m_calls;
    for (const QPointer<ChatCall> &call : calls) {
        if (call)
            call->cancel();
    }
    if (m_running)
        fail(TurnFailure::Cancelled, QStringLiteral("The turn was stopped."));
}

int TurnRunner::startCall(const Member &member, Stage stage, const QList<ChatMessage> &messages,
                          bool isAnswer)
{
    ChatRequest request;
    request.model = member.model;
    request.temperature = member.temperature;
    request.maxTokens = m_ensemble.maxTokens;
    if (!member.systemPrompt.isEmpty())
        request.messages.append(ChatMessage{QStringLiteral("system"), member.systemPrompt});
    request.messages.append(messages);

    const int index = int(m_turn.calls.size());
    CallRecord record;
    record.model = member.model;
    record.provider = member.provider;
    record.stage = stage;
    m_turn.calls.append(record);

    ChatClient *client = m_router->clientFor(member.provider);
    // NOTE: a member naming an unconfigured provider falls back to the
    // default one; the ensemble editor checks providers before saving.
    if (!client)
        client = m_router->clientFor(QString());
    ChatCall *call = client->send(request, this);
    m_calls.append(call);
    m_turn.calls[index].outcome = call->outcome();

    connect(call, &ChatCall::contentReceived, this, [this, index, isAnswer](const QString &delta) {
        m_turn.calls[index].outcome.text += delta;
        Q_EMIT callContent(index, delta);
        if (isAnswer)
            Q_EMIT answerContent(delta);
    });
    connect(call, &ChatCall::reasoningReceived, this, [this, index](const QString &delta) {
        m_turn.calls[index].outcome.reasoning += delta;
        Q_EMIT callReasoning(index, delta);
    });
    connect(call, &ChatCall::keepAliveReceived, this, [this, index] { Q_EMIT callKeepAlive(index); });
    connect(call, &ChatCall::finished, this, [this, index] { onCallFinished(index); });

    Q_EMIT callStarted(index);
    return index;
}

void TurnRunner::onCallFinished(int callIndex)
{
    ChatCall *call = m_calls.at(callIndex);
    CallRecord &record = m_turn.calls[callIndex];
    record.outcome = call->outcome();
    const ModelInfo *model = m_router->modelFor(record.provider, record.model);
    record.cost = computeCallCost(record.outcome, model, call->request().promptCharacters());
    call->deleteLater();

    Q_EMIT callFinished(callIndex);
    if (m_running)
        m_strategy->onCallFinished(*this, callIndex);
}

void TurnRunner::complete(const QString &answer, bool degraded, const QString &degradedReason)
{
    m_turn.answer = answer;
    m_turn.degraded = degraded;
    m_turn.degradedReason = degradedReason;
    qCInfo(lcFusion) << "turn complete; degraded:" << degraded << degradedReason;
    end();
}

void TurnRunner::fail(TurnFailure failure, const QString &message)
{
    m_turn.failure = failure;
    m_turn.failureMessage = message;
    qCInfo(lcFusion) << "turn failed:" << turnFailureName(failure) << message;
    end();
}

void TurnRunner::end()
{
    if (!m_running)
        return;
    m_running = false;
    Q_EMIT finished();
}

} // namespace Consilium
