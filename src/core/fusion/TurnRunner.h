#pragma once

#include "fusion/Ensemble.h"
#include "fusion/Turn.h"
#include "provider/ChatRequest.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

namespace Consilium {

class CallRouter;
class ChatCall;
class ChatClient;
class FusionStrategy;
class ModelCatalogue;

// Runs one turn: starts the calls its strategy asks for, keeps the turn
// record current as deltas arrive, and reports every step as a signal.
// The GUI and the CLI both drive turns through this class.
class TurnRunner : public QObject
{
    Q_OBJECT

public:
    // Runs every call through `router`, which must outlive the runner.
    TurnRunner(CallRouter *router, Ensemble ensemble, std::unique_ptr<FusionStrategy> strategy,
               QObject *parent = nullptr);
    // Runs every call through one client, pricing from one catalogue.
    TurnRunner(ChatClient *client, const ModelCatalogue *catalogue, Ensemble ensemble,
               std::unique_ptr<FusionStrategy> strategy, QObject *parent = nullptr);
    ~TurnRunner() override;

    // Starts the turn. `history` holds earlier messages of the conversation.
    void start(const QString &prompt, const QList<ChatMessage> &history = {});
    // Aborts every call in flight; the turn ends as cancelled.
    void cancel();

    const Turn &turn() const { return m_turn; }
    const Ensemble &ensemble() const { return m_ensemble; }
    const QList<ChatMessage> &history() const { return m_history; }
    bool isRunning() const { return m_running; }
    bool isCancelled() const { return m_cancelled; }

    // For strategies: starts one call and returns its index in turn().calls.
    // Content of a call started with isAnswer set streams as the answer.
    int startCall(const Member &member, Stage stage, const QList<ChatMessage> &messages,
                  bool isAnswer = false);
    // For strategies: ends the turn with an answer, or with a failure.
    void complete(const QString &answer, bool degraded, const QString &degradedReason);
    void fail(TurnFailure failure, const QString &message);

Q_SIGNALS:
    void callStarted(int callIndex);
    void callContent(int callIndex, const QString &delta);
    void callReasoning(int callIndex, const QString &delta);
    void callKeepAlive(int callIndex);
    void callFinished(int callIndex);
    void answerContent(const QString &delta);
    void finished();

private:
    void onCallFinished(int callIndex);
    void end();

    std::unique_ptr<CallRouter> m_ownedRouter;
    CallRouter *m_router;
    Ensemble m_ensemble;
    std::unique_ptr<FusionStrategy> m_strategy;
    QList<ChatMessage> m_history;
    Turn m_turn;
    QList<QPointer<ChatCall>> m_calls; // parallel to m_turn.calls
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace Consilium
