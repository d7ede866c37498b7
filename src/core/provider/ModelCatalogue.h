#pragma once

#include "provider/Endpoint.h"
#include "provider/ModelInfo.h"

#include <QHash>
#include <QObject>
#include <QNetworkReply>
#include <QPointer>

class QNetworkAccessManager;


namespace Consilium {

// The models of one endpoint, fetched from its /models route and cached
// on disk with the time of the fetch, so the list shows at once on the
// next start while a fresh copy loads in the background.
class ModelCatalogue : public QObject
{
    Q_OBJECT

public:
    explicit ModelCatalogue(QObject *parent = nullptr);

    // Fetches the list again; a fetch already running is abandoned.
    void refresh(const Endpoint &endpoint);
    bool isLoading() const { return m_reply != nullptr; }
    // Abandons a fetch in progress; the current list stays. Emits cancelled().
    void cancel();

    // Sets the file the list is cached in; empty disables the cache.
    void setCacheFile(const QString &path) { m_cacheFile = path; }
    // Loads the cached list when it was fetched from this base URL.
    // Returns false when there is no usable cache.
    bool loadCache(const QUrl &baseUrl);
    // Epoch milliseconds of the fetch the current list comes from; 0 if none.
    qint64 fetchedAtMs() const { return m_fetchedAtMs; }

    const QList<ModelInfo> &models() const { return m_models; }
    // Returns the entry for a model id, or nullptr when the catalogue lacks it.
    const ModelInfo *find(const QString &id) const;
    // Replaces the list, for callers that read it from elsewhere.
    void setModels(QList<ModelInfo> models);

Q_SIGNALS:
    void updated();
    void failed(const QString &message);
    void cancelled();

private:
    void onFinished();
    void abandonReply();
    void writeCache(const QUrl &modelsUrl, const QByteArray &body) const;

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QList<ModelInfo> m_models;
    QHash<QString, qsizetype> m_indexById;
    QString m_cacheFile;
    qint64 m_fetchedAtMs = 0;
};

} // namespace Consilium
