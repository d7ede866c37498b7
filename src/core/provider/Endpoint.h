#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include "provider/ProviderProfile.h"

namespace Consilium {

// Where calls go: an OpenAI-compatible base URL and the key for it.
struct Endpoint
{
    QString providerId = QStringLiteral("openrouter"); // a ProviderProfile id
    QUrl baseUrl = defaultBaseUrl();
    QString apiKey; // a secret: never logged, stored or exported

    static QUrl defaultBaseUrl() { return QUrl(QStringLiteral("https://openrouter.ai/api/v1")); }

    // Reads OPENROUTER_BASE_URL and the key variable (OPENROUTER_API_KEY
    // unless another name is given), falling back to the defaults.
    static Endpoint fromEnvironment(const QString &keyVariable = QStringLiteral("OPENROUTER_API_KEY"));

    // Returns an endpoint at the profile's default base URL, with the key
    // from the profile's environment variable when it is set.
    static Endpoint forProfile(const ProviderProfile &profile);

    // Returns the built-in profile named by providerId, or the custom one.
    const ProviderProfile &profile() const;

    QUrl chatCompletionsUrl() const { return resolve(QStringLiteral("chat/completions")); }
    QUrl modelsUrl() const;

    // Returns whether the base URL names this machine (localhost, 127.0.0.0/8
    // or ::1), where a server needs no key and may be probed freely.
    bool isLoopback() const;

    // Returns an error text for a base URL that cannot work, or an empty string.
    QString validate() const;

private:
    QUrl resolve(const QString &path) const;
};

} // namespace Consilium
