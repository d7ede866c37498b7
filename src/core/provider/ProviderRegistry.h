#pragma once

#include "provider/Endpoint.h"

#include <QMap>
#include <QObject>
#include <QString>

namespace Consilium {

class ChatClient;
class ModelCatalogue;
struct ModelInfo;

// Finds the client and the catalogue entry for a member's provider. A turn
// asks this for every call, so one panel can mix providers.
class CallRouter
{
public:
    virtual ~CallRouter() = default;
    // Returns the client for a provider id; an empty id means the default.
    virtual ChatClient *clientFor(const QString &providerId) = 0;
    // Returns the catalogue entry of a model, or nullptr when unknown.
    virtual const ModelInfo *modelFor(const QString &providerId, const QString &modelId) const = 0;
};

// Routes every call to one client and one catalogue, neither owned.
class SingleProviderRouter : public CallRouter
{
public:
    SingleProviderRouter(ChatClient *client, const ModelCatalogue *catalogue)
        : m_client(client), m_catalogue(catalogue) {}
    ChatClient *clientFor(const QString &) override { return m_client; }
    const ModelInfo *modelFor(const QString &providerId, const QString &modelId) const override;

private:
    ChatClient *m_client;
    const ModelCatalogue *m_catalogue;
};

// The configured providers, each with its endpoint, client and catalogue.
class ProviderRegistry : public QObject, public CallRouter
{
    Q_OBJECT

public:
    explicit ProviderRegistry(QObject *parent = nullptr);

    // Adds or updates a provider; the first one added is the default.
    void setEndpoint(const Endpoint &endpoint);
    void setDefaultProvider(const QString &providerId);
    QString defaultProvider() const { return m_defaultProvider; }
    QStringList providerIds() const { return m_providers.keys(); }
    bool contains(const QString &providerId) const { return m_providers.contains(providerId); }

    Endpoint endpoint(const QString &providerId) const;
    ModelCatalogue *catalogue(const QString &providerId) const;

    ChatClient *clientFor(const QString &providerId) override;
    const ModelInfo *modelFor(const QString &providerId, const QString &modelId) const override;

private:
    struct Provider
    {
        ChatClient *client = nullptr;
        ModelCatalogue *catalogue = nullptr;
    };
    QString resolve(const QString &providerId) const;

    QMap<QString, Provider> m_providers;
    QString m_defaultProvider;
};

} // namespace Consilium
