#pragma once

#include "fusion/Ensemble.h"
#include "fusion/FusionSettings.h"
#include "fusion/Turn.h"
#include "provider/ChatRequest.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace Consilium {

class CallRouter;
class ChatCall;
class ChatClient;
class FusionStrategy;
class ModelCatalogue;
struct ModelInfo;

// The options of one call that a strategy starts.
struct CallOptions
{
    Stage stage = Stage::Panel;
    int stageNumber = 0;
    // Content of the call streams through answerContent() as the answer.
    bool isAnswer = false;
    // Top-level members added to the request body, e.g. OpenRouter's plugins.
    QJsonObject extraBody;
    // The call is a fusion itself (openrouter/fusion run by the server
    // strategy): it gets no depth header and is not rejected.
    bool isServerFusion = false;
};

// Runs one turn: starts the calls its strategy asks for, keeps the turn
// record current as deltas arrive, and reports every step as a signal.
// The GUI and the CLI both drive turns through this class.
//
// Every call a local strategy makes carries the header
// X-Consilium-Fusion-Depth: 1. A member that is itself a server fusion
// (openrouter/fusion) is rejected inside a local fusion: its call fails at
// once with ErrorKind::BadRequest and is never sent, so a fusion never
// runs a fusion.
class TurnRunner : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *kDepthHeader = "X-Consilium-Fusion-Depth";

    // Runs every call through `router`, which must outlive the runner.
    TurnRunner(CallRouter *router, Ensemble ensemble, std::unique_ptr<FusionStrategy> strategy,
               QObject *parent = nullptr);
    // Runs every call through one client, pricing from one catalogue.
    TurnRunner(ChatClient *client, const ModelCatalogue *catalogue, Ensemble ensemble,
               std::unique_ptr<FusionStrategy> strategy, QObject *parent = nullptr);
    ~TurnRunner() override;

    // Gives members the earlier turns of the conversation; `mode` says
    // whether they see the fused answers or their own. Call before start().
    void setEarlierTurns(const QList<Turn> &turns, HistoryMode mode);

    // Starts the turn. `history` holds earlier messages of the conversation
    // and is used when no earlier turns were set.
    void start(const QString &prompt, const QList<ChatMessage> &history = {});
    // Fuses a finished turn again with this runner's strategy and roles,
    // reusing its first-stage answers instead of asking the panel again.
    void fuseAgain(const Turn &finished, const QList<ChatMessage> &history = {});
    // Asks the member of `finished.calls[callIndex]` (a first-stage call)
    // again, reuses the other answers, and fuses as the strategy does.
    void retryMember(const Turn &finished, int callIndex, const QList<ChatMessage> &history = {});
    // Aborts every call in flight; the turn ends as cancelled.
    void cancel();

    const Turn &turn() const { return m_turn; }
    const Ensemble &ensemble() const { return m_ensemble; }
    const QList<ChatMessage> &history() const { return m_history; }
    bool isRunning() const { return m_running; }
    bool isCancelled() const { return m_cancelled; }

    // For strategies: the messages of earlier turns as `member` sees them.
    QList<ChatMessage> historyFor(const Member &member) const;
    // For strategies: starts one call and returns its index in turn().calls.
    int startCall(const Member &member, const QList<ChatMessage> &messages, const CallOptions &options);
    // Content of a call started with isAnswer set streams as the answer.
    int startCall(const Member &member, Stage stage, const QList<ChatMessage> &messages,
                  bool isAnswer = false);
    // For strategies: aborts one call; it finishes as cancelled at once.
    void cancelCall(int callIndex);
    bool isCallFinished(int callIndex) const;
    // For strategies: runs `task` after `delayMs` unless the turn has ended.
    void schedule(int delayMs, std::function<void()> task);
    // For strategies: returns the index of a reused call of `member` (a
    // re-fuse or a retry) and claims it, or -1 when there is none.
    int takeReusedCall(const Member &member);
    // For strategies: the catalogue entry of a member's model, or nullptr.
    const ModelInfo *modelInfo(const Member &member) const;
    // For strategies: records what the strategy found (see Turn::analysis).
    void setAnalysis(const QJsonObject &analysis, const QMap<QString, QString> &anonymousLabels = {});
    // For strategies: ends the turn with an answer, or with a failure.
    void complete(const QString &answer, bool degraded, const QString &degradedReason);
    void fail(TurnFailure failure, const QString &message);

Q_SIGNALS:
    void callStarted(int callIndex);
    void callContent(int callIndex, const QString &delta);
    void callReasoning(int callIndex, const QString &delta);
    void callKeepAlive(int callIndex);
    // A call failed before its first token and is sent again after delayMs.
    void callRetryScheduled(int callIndex, int nextAttempt, int delayMs, const QString &reason);
    void callFinished(int callIndex);
    void answerContent(const QString &delta);
    void finished();

private:
    void resume(const Turn &finished, int skippedIndex, const QList<ChatMessage> &history);
    ChatCall *sendCall(const Member &member, ChatRequest request, const QJsonObject &extraBody);
    void rejectNestedFusion(int callIndex);
    void onCallFinished(int callIndex);
    void end();

    std::unique_ptr<CallRouter> m_ownedRouter;
    CallRouter *m_router;
    Ensemble m_ensemble;
    std::unique_ptr<FusionStrategy> m_strategy;
    QList<ChatMessage> m_history;
    QList<Turn> m_earlierTurns;
    HistoryMode m_historyMode = HistoryMode::FusedAnswer;
    Turn m_turn;
    QList<QPointer<ChatCall>> m_calls; // parallel to m_turn.calls; null for reused or rejected calls
    QList<int> m_reusable;             // reused calls no strategy has claimed yet
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace Consilium
