#pragma once

#include "CompletionJson.h"
#include "ReplyPlan.h"
#include "Scenario.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

class HttpConnection;

// Plays one chat completion on a connection: waits for the time to first
// token, paces the chunks at the model's token rate and injects the model's
// fault, all on QTimer so many responses run side by side. Non-stream
// requests get the whole body once the stream would have ended.
// The responder is a child of the connection and deletes itself when done.
class CompletionResponder : public QObject
{
    Q_OBJECT

public:
    struct Setup
    {
        ModelSpec model;
        QJsonObject request;
        bool stream = false;
        // False once fail_first_n requests of this model have had the fault.
        bool faultActive = false;
        QString generationId;
        qint64 createdSeconds = 0;
    };

    CompletionResponder(HttpConnection *connection, Setup setup);

    void start();

private:
    void sendHttpError();
    void sendNextReplayChunk();

    void startStream();
    void scheduleKeepalives();
    void pump();
    void onBytesWritten();
    qint64 chunkDueMs(qint64 chunkIndex) const;
    void sendStreamStep();
    bool handleFaultBeforeContent();
    void finishStream();
    void writeEvent(const QByteArray &json);

    void sendNonStream();
    qint64 tokensUntilFault() const;
    void done();

    HttpConnection *m_connection;
    Setup m_setup;
    FaultSpec::Kind m_fault = FaultSpec::Kind::None;
    ReplyPlan m_plan;
    CompletionJson m_json;
    QElapsedTimer m_sinceArrival;
    QTimer m_timer;

    qsizetype m_reasoningSent = 0;
    qsizetype m_answerSent = 0;
    qint64 m_chunksSent = 0;
    qsizetype m_replaySent = 0;
    bool m_finished = false;
    bool m_waitingForDrain = false;
};
