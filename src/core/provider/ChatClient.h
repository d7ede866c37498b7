#pragma once

#include "provider/ChatCall.h"
#include "provider/Endpoint.h"

#include <QHash>
#include <QList>
#include <QObject>

class QNetworkAccessManager;
class QNetworkRequest;

namespace Consilium {

// Sends chat requests to one endpoint. QNetworkAccessManager opens at most
// six HTTP/1.1 connections per host and queues the rest, so the client
// spreads calls over as many managers as it takes to keep every member of
// a large panel on the wire at once.
class ChatClient : public QObject
{
    Q_OBJECT

public:
    // Connections one manager opens per host before it queues requests.
    static constexpr int kCallsPerManager = 6;

    // Sets how many calls share one network manager. Only benchmarks that
    // show the queueing change it.
    void setCallsPerManager(int calls) { m_callsPerManager = std::max(1, calls); }

    explicit ChatClient(QObject *parent = nullptr);

    void setEndpoint(const Endpoint &endpoint) { m_endpoint = endpoint; }
    const Endpoint &endpoint() const { return m_endpoint; }
    void setTimeouts(const CallTimeouts &timeouts) { m_timeouts = timeouts; }
    const CallTimeouts &timeouts() const { return m_timeouts; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    void setClock(ChatCall::EpochClock clock) { m_clock = std::move(clock); }

    // Starts the request now. The call belongs to `owner` and reports
    // through ChatCall::finished(); deleting it aborts the request.
    ChatCall *send(const ChatRequest &request, QObject *owner);

    int managerCount() const { return int(m_managers.size()); }

private:
    QNetworkAccessManager *pickManager();
    QNetworkRequest networkRequestFor(const ChatRequest &request) const;

    Endpoint m_endpoint;
    CallTimeouts m_timeouts;
    RetryPolicy m_retryPolicy;
    ChatCall::EpochClock m_clock;
    int m_callsPerManager = kCallsPerManager;
    QList<QNetworkAccessManager *> m_managers;
    QHash<QNetworkAccessManager *, int> m_callsInFlight;
};

} // namespace Consilium
