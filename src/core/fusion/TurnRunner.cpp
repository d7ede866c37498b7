#include "TurnRunner.h"

#include "common/Logging.h"
#include "fusion/ConversationHistory.h"
#include "fusion/FusionStrategy.h"
#include "provider/ChatClient.h"
#include "provider/ModelCatalogue.h"
#include "provider/ProviderRegistry.h"

#include <QTimer>

namespace Consilium {

namespace {

bool isServerFusionModel(const QString &model)
{
    return model.startsWith(QLatin1StringView("openrouter/fusion"));
}

} // namespace

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

void TurnRunner::setEarlierTurns(const QList<Turn> &turns, HistoryMode mode)
{
    m_earlierTurns = turns;
    m_historyMode = mode;
}

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

void TurnRunner::fuseAgain(const Turn &finished, const QList<ChatMessage> &history)
{
    resume(finished, -1, history);
}

void TurnRunner::retryMember(const Turn &finished, int callIndex, const QList<ChatMessage> &history)
{
    Q_ASSERT(callIndex >= 0 && callIndex < finished.calls.size());
    resume(finished, callIndex, history);
}

void TurnRunner::resume(const Turn &finished, int skippedIndex, const QList<ChatMessage> &history)
{
    Q_ASSERT(!m_running);
    m_turn.prompt = finished.prompt;
    m_history = history;
    m_running = true;
    // Only first-stage answers are reused: later stages depend on the
    // strategy, which is the thing a re-fuse changes.
    for (int i = 0; i < finished.calls.size(); ++i) {
        const CallRecord &call = finished.calls[i];
        const bool firstStage = call.stage == Stage::Panel || call.stage == Stage::Tier
                                || (call.stage == Stage::Layer && call.stageNumber == 1);
        if (!firstStage || i == skippedIndex)
            continue;
        CallRecord copy = call;
        copy.reused = true;
        m_reusable.append(int(m_turn.calls.size()));
        m_turn.calls.append(copy);
        m_calls.append(nullptr);
    }
    qCInfo(lcFusion) << "turn resumed with" << m_reusable.size() << "reused calls, strategy" << m_turn.strategy
                     << (skippedIndex >= 0 ? "retrying one member" : "re-fusing");
    for (int index : std::as_const(m_reusable)) {
        Q_EMIT callStarted(index);
        Q_EMIT callFinished(index);
    }
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

QList<ChatMessage> TurnRunner::historyFor(const Member &member) const
{
    if (m_earlierTurns.isEmpty())
        return m_history;
    return conversationFor(m_earlierTurns, member, m_historyMode);
}

int TurnRunner::startCall(const Member &member, Stage stage, const QList<ChatMessage> &messages, bool isAnswer)
{
    CallOptions options;
    options.stage = stage;
    options.isAnswer = isAnswer;
    return startCall(member, messages, options);
}

int TurnRunner::startCall(const Member &member, const QList<ChatMessage> &messages, const CallOptions &options)
{
    ChatRequest request;
    request.model = member.model;
    request.temperature = member.temperature;
    request.maxTokens = m_ensemble.maxTokens;
    if (!options.isServerFusion)
        request.extraHeaders.insert(kDepthHeader, "1");
    if (!member.systemPrompt.isEmpty())
        request.messages.append(ChatMessage{QStringLiteral("system"), member.systemPrompt});
    request.messages.append(messages);

    const int index = int(m_turn.calls.size());
    CallRecord record;
    record.model = member.model;
    record.provider = member.provider;
    record.stage = options.stage;
    record.stageNumber = options.stageNumber;
    m_turn.calls.append(record);

    if (!options.isServerFusion && isServerFusionModel(member.model)) {
        m_calls.append(nullptr);
        rejectNestedFusion(index);
        return index;
    }

    ChatCall *call = sendCall(member, request, options.extraBody);
    m_calls.append(call);
    m_turn.calls[index].outcome = call->outcome();

    const bool isAnswer = options.isAnswer;
    connect(call, &ChatCall::contentReceived, this, [this, index, isAnswer](const QString &delta) {
        m_turn.calls[index].outcome.text += delta;
        Q_EMIT callContent(index, delta);
        if (isAnswer && m_running)
            Q_EMIT answerContent(delta);
    });
    connect(call, &ChatCall::reasoningReceived, this, [this, index](const QString &delta) {
        m_turn.calls[index].outcome.reasoning += delta;
        Q_EMIT callReasoning(index, delta);
    });
    connect(call, &ChatCall::keepAliveReceived, this, [this, index] { Q_EMIT callKeepAlive(index); });
    connect(call, &ChatCall::retryScheduled, this, [this, index](int nextAttempt, int delayMs, const QString &reason) {
        Q_EMIT callRetryScheduled(index, nextAttempt, delayMs, reason);
    });
    connect(call, &ChatCall::finished, this, [this, index] { onCallFinished(index); });

    Q_EMIT callStarted(index);
    return index;
}

ChatCall *TurnRunner::sendCall(const Member &member, ChatRequest request, const QJsonObject &extraBody)
{
    ChatClient *client = m_router->clientFor(member.provider);
    // NOTE: a member naming an unconfigured provider falls back to the
    // default one; the ensemble editor checks providers before saving.
    if (!client)
        client = m_router->clientFor(QString());
    request.extraBody = extraBody;
    return client->send(request, this);
}

void TurnRunner::rejectNestedFusion(int callIndex)
{
    CallOutcome &outcome = m_turn.calls[callIndex].outcome;
    outcome.status = CallStatus::Failed;
    outcome.error = ProviderError::fromClient(
        ErrorKind::BadRequest,
        QStringLiteral("%1 is a fusion itself and cannot be a member of a local fusion; it was not called.")
            .arg(m_turn.calls[callIndex].model));
    qCWarning(lcFusion) << "rejected a nested fusion call to" << m_turn.calls[callIndex].model;
    Q_EMIT callStarted(callIndex);
    // Report the end from the event loop, as a real call would, so the
    // strategy never sees a call finish inside its own startCall().
    schedule(0, [this, callIndex] {
        Q_EMIT callFinished(callIndex);
        m_strategy->onCallFinished(*this, callIndex);
    });
}

void TurnRunner::cancelCall(int callIndex)
{
    if (ChatCall *call = m_calls.value(callIndex))
        call->cancel();
}

bool TurnRunner::isCallFinished(int callIndex) const
{
    const CallStatus status = m_turn.calls[callIndex].outcome.status;
    return status != CallStatus::Pending && status != CallStatus::Running;
}

void TurnRunner::schedule(int delayMs, std::function<void()> task)
{
    QTimer::singleShot(delayMs, this, [this, task = std::move(task)] {
        if (m_running)
            task();
    });
}

int TurnRunner::takeReusedCall(const Member &member)
{
    for (int i = 0; i < m_reusable.size(); ++i) {
        const CallRecord &call = m_turn.calls[m_reusable[i]];
        if (call.model == member.model && call.provider == member.provider)
            return m_reusable.takeAt(i);
    }
    return -1;
}

const ModelInfo *TurnRunner::modelInfo(const Member &member) const
{
    return m_router->modelFor(member.provider, member.model);
}

void TurnRunner::setAnalysis(const QJsonObject &analysis, const QMap<QString, QString> &anonymousLabels)
{
    m_turn.analysis = analysis;
    m_turn.anonymousLabels = anonymousLabels;
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
