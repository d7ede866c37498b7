#pragma once

#include "provider/CallOutcome.h"
#include "provider/ChatRequest.h"
#include "provider/SseParser.h"

#include <QObject>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

#include <functional>



namespace Consilium {

// One HTTP request to one model. It owns its QNetworkReply, parses the
// stream as bytes arrive, enforces the call's timeouts and ends in exactly
// one finished() signal, after which outcome() is final.
class ChatCall : public QObject
{
    Q_OBJECT

public:
    using EpochClock = std::function<qint64()>;

    ChatCall(ChatRequest request, CallTimeouts timeouts, EpochClock clock, QObject *parent = nullptr);
    ~ChatCall() override;

    // Takes ownership of the reply; called once by ChatClient.
    void attach(QNetworkReply *reply);

    const ChatRequest &request() const { return m_request; }
    const CallOutcome &outcome() const { return m_outcome; }
    bool isFinished() const;

    // Aborts the request at once; the outcome becomes Cancelled.
    void cancel();

Q_SIGNALS:
    void contentReceived(const QString &delta);
    void reasoningReceived(const QString &delta);
    void keepAliveReceived();
    void finished();

private:
    void onMetaDataChanged();
    void onReadyRead();
    void onReplyFinished();
    void onTimeout();

    void handleEvents(const SseBatch &batch);
    void applyChunk(const StreamChunk &chunk);
    void mergeReasoningDetails(const QList<ReasoningDetail> &details);
    void concludeStream();
    void concludeFullBody();
    void fail(ProviderError error);
    void finish(CallStatus status);
    void armTimer(int milliseconds);

    ChatRequest m_request;
    CallTimeouts m_timeouts;
    EpochClock m_clock;
    QPointer<QNetworkReply> m_reply;
    SseParser m_parser;
    CallOutcome m_outcome;
    QTimer m_timer;
    QByteArray m_errorBody; // the body of a non-2xx reply, or a non-streamed 200
    int m_httpStatus = 0;
    bool m_isEventStream = false;
    bool m_sawDone = false;
    bool m_cancelRequested = false;
    bool m_timedOut = false;
    QString m_timeoutName;
};

} // namespace Consilium
