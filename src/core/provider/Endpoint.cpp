#include "Endpoint.h"

#include <QHostAddress>
#include <QProcessEnvironment>

namespace Consilium {

Endpoint Endpoint::fromEnvironment(const QString &keyVariable)
{
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    Endpoint endpoint;
    const QString baseUrl = environment.value(QStringLiteral("OPENROUTER_BASE_URL")).trimmed();
    if (!baseUrl.isEmpty())
        endpoint.baseUrl = QUrl(baseUrl);
    endpoint.apiKey = environment.value(keyVariable).trimmed();
    return endpoint;
}

Endpoint Endpoint::forProfile(const ProviderProfile &profile)
{
    Endpoint endpoint;
    endpoint.providerId = profile.id;
    endpoint.baseUrl = profile.defaultBaseUrl;
    if (!profile.apiKeyVariable.isEmpty())
        endpoint.apiKey = qEnvironmentVariable(qPrintable(profile.apiKeyVariable)).trimmed();
    return endpoint;
}

const ProviderProfile &Endpoint::profile() const
{
    const ProviderProfile *found = ProviderProfile::find(providerId);
    return found ? *found : *ProviderProfile::find(QStringLiteral("custom"));
}

QUrl Endpoint::modelsUrl() const
{
    return resolve(profile().modelsPath);
}

bool Endpoint::isLoopback() const
{
    const QString host = baseUrl.host();
    if (host == u"localhost")
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString Endpoint::validate() const
{
    if (!baseUrl.isValid() || baseUrl.host().isEmpty())
        return QStringLiteral("The base URL \"%1\" is not a valid URL; use a form such as "
                              "https://openrouter.ai/api/v1.")
            .arg(baseUrl.toString());
    if (baseUrl.scheme() != u"http" && baseUrl.scheme() != u"https")
        return QStringLiteral("The base URL \"%1\" must start with http:// or https://.")
            .arg(baseUrl.toString());
    return {};
}

QUrl Endpoint::resolve(const QString &path) const
{
    QUrl url = baseUrl;
    QString basePath = url.path();
    if (!basePath.endsWith(u'/'))
        basePath += u'/';
    url.setPath(basePath + path);
    return url;
}

} // namespace Consilium
