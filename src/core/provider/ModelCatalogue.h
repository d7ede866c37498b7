#pragma once

#include "provider/Endpoint.h"
#include "provider/ModelInfo.h"

#include <QHash>
#include <QObject>
#include <QNetworkReply>
#include <QPointer>

class QNetworkAccessManager;


namespace Consilium {

// The models of one endpoint, fetched from its /models route.
class ModelCatalogue : public QObject
{
    Q_OBJECT

public:
    explicit ModelCatalogue(QObject *parent = nullptr);

    // Fetches the list again; a fetch already running is abandoned.
    void refresh(const Endpoint &endpoint);
    bool isLoading() const { return m_reply != nullptr; }

    const QList<ModelInfo> &models() const { return m_models; }
    // Returns the entry for a model id, or nullptr when the catalogue lacks it.
    const ModelInfo *find(const QString &id) const;
    // Replaces the list, for callers that read it from elsewhere.
    void setModels(QList<ModelInfo> models);

Q_SIGNALS:
    void updated();
    void failed(const QString &message);

private:
    void onFinished();

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QList<ModelInfo> m_models;
    QHash<QString, qsizetype> m_indexById;
};

} // namespace Consilium
