#pragma once

#include "provider/Endpoint.h"

#include <QList>
#include <QObject>

class QNetworkAccessManager;
class QNetworkReply;

namespace Consilium {

// Looks for local model servers (Ollama, LM Studio, llama.cpp, vLLM) on
// their default loopback ports. A server that is absent is the normal
// case, so it is logged at debug level only and never reported as an error.
class LocalServerProbe : public QObject
{
    Q_OBJECT

public:
    static constexpr int kTimeoutMs = 800;

    explicit LocalServerProbe(QObject *parent = nullptr);

    // Returns an endpoint for each built-in local profile.
    static QList<Endpoint> defaultLocalEndpoints();

    // Asks each endpoint for its model list; only loopback URLs are probed.
    void probe(const QList<Endpoint> &endpoints);

Q_SIGNALS:
    void found(const Consilium::Endpoint &endpoint, int modelCount);
    void finished();

private:
    void onReplyFinished(QNetworkReply *reply, const Endpoint &endpoint);

    QNetworkAccessManager *m_network;
    int m_pending = 0;
};

} // namespace Consilium
