#include "LocalServerProbe.h"

#include "common/Logging.h"
#include "provider/ModelInfo.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace Consilium {

LocalServerProbe::LocalServerProbe(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

QList<Endpoint> LocalServerProbe::defaultLocalEndpoints()
{
    QList<Endpoint> endpoints;
    for (const ProviderProfile &profile : ProviderProfile::builtIns()) {
        if (profile.isLocal)
            endpoints.append(Endpoint::forProfile(profile));
    }
    return endpoints;
}

void LocalServerProbe::probe(const QList<Endpoint> &endpoints)
{
    for (const Endpoint &endpoint : endpoints) {
        if (!endpoint.isLoopback()) {
            qCDebug(lcProvider) << "not probing" << endpoint.providerId << ": not a loopback URL";
            continue;
        }
        QNetworkRequest request(endpoint.modelsUrl());
        request.setTransferTimeout(kTimeoutMs);
        QNetworkReply *reply = m_network->get(request);
        ++m_pending;
        connect(reply, &QNetworkReply::finished, this,
                [this, reply, endpoint] { onReplyFinished(reply, endpoint); });
    }
    if (m_pending == 0)
        Q_EMIT finished();
}

void LocalServerProbe::onReplyFinished(QNetworkReply *reply, const Endpoint &endpoint)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 200) {
        const Result<QList<ModelInfo>> models = parseModelCatalogue(reply->readAll());
        if (models) {
            qCInfo(lcProvider) << "found" << endpoint.providerId << "at" << endpoint.baseUrl.toDisplayString()
                               << "with" << models->size() << "models";
            Q_EMIT found(endpoint, int(models->size()));
        }
    } else {
        qCDebug(lcProvider) << "no" << endpoint.providerId << "server at" << endpoint.baseUrl.toDisplayString();
    }
    if (--m_pending == 0)
        Q_EMIT finished();
}

} // namespace Consilium
