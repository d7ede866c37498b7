#include "ModelCatalogue.h"

#include "common/Logging.h"
#include "provider/ProviderError.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSaveFile>
#include <QNetworkReply>

namespace Consilium {

ModelCatalogue::ModelCatalogue(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

void ModelCatalogue::refresh(const Endpoint &endpoint)
{
    abandonReply();
    const QString invalid = endpoint.validate();
    if (!invalid.isEmpty()) {
        Q_EMIT failed(invalid);
        return;
    }

    QNetworkRequest request(endpoint.modelsUrl());
    if (!endpoint.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + endpoint.apiKey.toUtf8());
    request.setTransferTimeout(30'000);
    qCInfo(lcCatalogue) << "fetching models from" << request.url().toDisplayString();
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::finished, this, &ModelCatalogue::onFinished);
}

void ModelCatalogue::cancel()
{
    if (!m_reply)
        return;
    abandonReply();
    qCInfo(lcCatalogue) << "model list fetch cancelled";
    Q_EMIT cancelled();
}

void ModelCatalogue::abandonReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void ModelCatalogue::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 0) {
        Q_EMIT failed(QStringLiteral("Could not fetch the model list from %1: %2. Check the base URL.")
                          .arg(reply->url().toDisplayString(), reply->errorString()));
        return;
    }
    if (status >= 300) {
        const ProviderError error = ProviderError::fromHttpResponse(
            status, body, reply->header(QNetworkRequest::ContentTypeHeader).toByteArray());
        Q_EMIT failed(QStringLiteral("The model list request failed with HTTP %1: %2")
                          .arg(status)
                          .arg(error.userMessage()));
        return;
    }

    Result<QList<ModelInfo>> parsed = parseModelCatalogue(body);
    if (!parsed) {
        Q_EMIT failed(parsed.error());
        return;
    }
    qCInfo(lcCatalogue) << "fetched" << parsed->size() << "models";
    m_fetchedAtMs = QDateTime::currentMSecsSinceEpoch();
    writeCache(reply->url().adjusted(QUrl::RemoveQuery), body);
    setModels(std::move(parsed).value());
}

// NOTE: the cache file is {"fetched_at_ms", "models_url", "body"} where body
// is the endpoint's response as received; keep old files readable.
void ModelCatalogue::writeCache(const QUrl &modelsUrl, const QByteArray &body) const
{
    if (m_cacheFile.isEmpty())
        return;
    QDir().mkpath(QFileInfo(m_cacheFile).absolutePath());
    QSaveFile file(m_cacheFile);
    const QJsonObject envelope{{QStringLiteral("fetched_at_ms"), m_fetchedAtMs},
                               {QStringLiteral("models_url"), modelsUrl.toString()},
                               {QStringLiteral("body"), QString::fromUtf8(body)}};
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(envelope).toJson(QJsonDocument::Compact)) < 0
        || !file.commit())
        qCWarning(lcCatalogue) << "cannot write the model cache" << m_cacheFile << ":" << file.errorString();
}

bool ModelCatalogue::loadCache(const QUrl &baseUrl)
{
    QFile file(m_cacheFile);
    if (m_cacheFile.isEmpty() || !file.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject envelope = QJsonDocument::fromJson(file.readAll()).object();
    Endpoint endpoint;
    endpoint.baseUrl = baseUrl;
    if (envelope.value(u"models_url").toString() != endpoint.modelsUrl().toString())
        return false;

    Result<QList<ModelInfo>> parsed = parseModelCatalogue(envelope.value(u"body").toString().toUtf8());
    if (!parsed) {
        qCWarning(lcCatalogue) << "ignoring the model cache" << m_cacheFile << ":" << parsed.error();
        return false;
    }
    m_fetchedAtMs = qint64(envelope.value(u"fetched_at_ms").toDouble());
    qCInfo(lcCatalogue) << "loaded" << parsed->size() << "models from the cache";
    setModels(std::move(parsed).value());
    return true;
}

void ModelCatalogue::setModels(QList<ModelInfo> models)
{
    m_models = std::move(models);
    m_indexById.clear();
    for (qsizetype i = 0; i < m_models.size(); ++i)
        m_indexById.insert(m_models[i].id, i);
    Q_EMIT updated();
}

const ModelInfo *ModelCatalogue::find(const QString &id) const
{
    const auto it = m_indexById.constFind(id);
    return it == m_indexById.cend() ? nullptr : &m_models[*it];
}

} // namespace Consilium
