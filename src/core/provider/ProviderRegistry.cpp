#include "ProviderRegistry.h"

#include "provider/ChatClient.h"
#include "provider/ModelCatalogue.h"

namespace Consilium {

const ModelInfo *SingleProviderRouter::modelFor(const QString &, const QString &modelId) const
{
    return m_catalogue ? m_catalogue->find(modelId) : nullptr;
}

ProviderRegistry::ProviderRegistry(QObject *parent)
    : QObject(parent)
{
}

void ProviderRegistry::setEndpoint(const Endpoint &endpoint)
{
    Provider &provider = m_providers[endpoint.providerId];
    if (!provider.client) {
        provider.client = new ChatClient(this);
        provider.catalogue = new ModelCatalogue(this);
    }
    provider.client->setEndpoint(endpoint);
    if (m_defaultProvider.isEmpty())
        m_defaultProvider = endpoint.providerId;
}

void ProviderRegistry::setDefaultProvider(const QString &providerId)
{
    m_defaultProvider = providerId;
}

QString ProviderRegistry::resolve(const QString &providerId) const
{
    return providerId.isEmpty() ? m_defaultProvider : providerId;
}

Endpoint ProviderRegistry::endpoint(const QString &providerId) const
{
    const auto it = m_providers.constFind(resolve(providerId));
    return it == m_providers.cend() ? Endpoint() : it->client->endpoint();
}

ModelCatalogue *ProviderRegistry::catalogue(const QString &providerId) const
{
    const auto it = m_providers.constFind(resolve(providerId));
    return it == m_providers.cend() ? nullptr : it->catalogue;
}

ChatClient *ProviderRegistry::clientFor(const QString &providerId)
{
    const auto it = m_providers.constFind(resolve(providerId));
    return it == m_providers.cend() ? nullptr : it->client;
}

const ModelInfo *ProviderRegistry::modelFor(const QString &providerId, const QString &modelId) const
{
    const ModelCatalogue *found = catalogue(providerId);
    return found ? found->find(modelId) : nullptr;
}

} // namespace Consilium
