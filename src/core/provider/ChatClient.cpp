#include "ChatClient.h"

#include "common/Logging.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <memory>

namespace Consilium {

ChatClient::ChatClient(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

QNetworkAccessManager *ChatClient::pickManager()
{
    for (QNetworkAccessManager *manager : std::as_const(m_managers)) {
        if (m_callsInFlight.value(manager) < m_callsPerManager)
            return manager;
    }
    auto *manager = new QNetworkAccessManager(this);
    m_managers.append(manager);
    qCDebug(lcProvider) << "opened network manager" << m_managers.size();
    return manager;
}

QNetworkRequest ChatClient::networkRequestFor(const ChatRequest &request) const
{
    QNetworkRequest networkRequest(m_endpoint.chatCompletionsUrl());
    networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    networkRequest.setRawHeader("Accept", request.stream ? "text/event-stream" : "application/json");
    if (!m_endpoint.apiKey.isEmpty())
        networkRequest.setRawHeader("Authorization", "Bearer " + m_endpoint.apiKey.toUtf8());
    for (const auto &[name, value] : m_endpoint.profile().extraHeaders)
        networkRequest.setRawHeader(name, value);
    for (auto it = request.extraHeaders.cbegin(); it != request.extraHeaders.cend(); ++it)
        networkRequest.setRawHeader(it.key(), it.value());
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::NoLessSafeRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    return networkRequest;
}

ChatCall *ChatClient::send(const ChatRequest &request, QObject *owner)
{
    ChatRequest adjusted = request;
    const ProviderProfile &profile = m_endpoint.profile();
    // Asked even where usage comes unasked: servers have changed this over time.
    adjusted.askForUsage = profile.acceptsStreamOptions;

    auto *call = new ChatCall(adjusted, m_timeouts, m_retryPolicy, m_clock, owner);
    QNetworkAccessManager *manager = pickManager();
    m_callsInFlight[manager] += 1;
    // A call ends by finishing or by being deleted first; count it out once.
    auto released = std::make_shared<bool>(false);
    auto release = [this, manager, released] {
        if (!*released) {
            *released = true;
            m_callsInFlight[manager] -= 1;
        }
    };
    connect(call, &ChatCall::finished, this, release);
    connect(call, &QObject::destroyed, this, release);

    const QNetworkRequest networkRequest = networkRequestFor(adjusted);
    const QByteArray body = adjusted.toJson();
    qCInfo(lcProvider) << "sending" << adjusted.model << "to" << networkRequest.url().host();
    // The manager outlives the call: managers are children of the client,
    // and the client is never deleted before the calls it started.
    call->start([manager, networkRequest, body] { return manager->post(networkRequest, body); });
    return call;
}

} // namespace Consilium
