#pragma once

#include "provider/CallOutcome.h"
#include "provider/ChatRequest.h"
#include "provider/SseParser.h"

#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace Consilium {

// One request to one model, retries included. It owns its QNetworkReply,
// parses the stream as bytes arrive, enforces the call's timeouts, retries
// failures that happen before the first token, and ends in exactly one
// finished() signal, after which outcome() is final.
class ChatCall : public QObject
{
    Q_OBJECT

public:
    using EpochClock = std::function<qint64()>;
    using Sender = std::function<QNetworkReply *()>;
    // Returns extra random wait for a retry of the given base delay.
    using Jitter = std::function<int(int baseDelayMs)>;

    ChatCall(ChatRequest request, CallTimeouts timeouts, RetryPolicy retries, EpochClock clock,
             QObject *parent = nullptr);
    ~ChatCall() override;

    // Sends the first request; `sender` is called again for each retry.
    void start(Sender sender);
    void setJitter(Jitter jitter) { m_jitter = std::move(jitter); }

    const ChatRequest &request() const { return m_request; }
    const CallOutcome &outcome() const { return m_outcome; }
    bool isFinished() const;

    // Aborts the request (or the wait for a retry) at once; the outcome
    // becomes Cancelled.
    void cancel();

Q_SIGNALS:
    void contentReceived(const QString &delta);
    void reasoningReceived(const QString &delta);
    void keepAliveReceived();
    // A retryable failure happened before any token; the next attempt is
    // sent after delayMs. `reason` is the failure's user message.
    void retryScheduled(int nextAttempt, int delayMs, const QString &reason);
    void finished();

private:
    void sendAttempt();
    void onMetaDataChanged();
    void onReadyRead();
    void onReplyFinished();
    void onTimeout();

    void handleEvents(const SseBatch &batch);
    void applyChunk(const StreamChunk &chunk);
    void mergeReasoningDetails(const QList<ReasoningDetail> &details);
    void concludeHttpError();
    void concludeStream();
    void concludeFullBody();
    bool scheduleRetry(const ProviderError &error);
    void fail(ProviderError error);
    void finish(CallStatus status);
    void releaseReply();
    void armTimer(int milliseconds);

    ChatRequest m_request;
    CallTimeouts m_timeouts;
    RetryPolicy m_retries;
    EpochClock m_clock;
    Sender m_sender;
    Jitter m_jitter;
    QPointer<QNetworkReply> m_reply;
    SseParser m_parser;
    CallOutcome m_outcome;
    QTimer m_timer;      // the timeout in force
    QTimer m_retryTimer;
    int m_waitedMs = 0;  // retry waits so far
    QByteArray m_body;   // a non-2xx body, or a non-streamed 200 body
    int m_httpStatus = 0;
    bool m_isEventStream = false;
    bool m_sawDone = false;
    bool m_cancelRequested = false;
    bool m_timedOut = false;
    QString m_timeoutName;
};

} // namespace Consilium
