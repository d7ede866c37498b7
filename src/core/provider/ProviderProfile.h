#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace Consilium {

// What the client must know about one kind of OpenAI-compatible server:
// where it lives, how it authenticates, and its protocol quirks.
struct ProviderProfile
{
    enum class CatalogueShape {
        OpenRouter, // data[] with name, context_length and pricing strings
        OpenAiList, // data[] with id and owned_by only
    };

    QString id;          // stable key: "openrouter", "ollama", ...
    QString displayName;
    QUrl defaultBaseUrl; // empty for "custom"
    QString apiKeyVariable; // environment variable that overrides the stored key
    bool requiresKey = true;
    QString modelsPath = QStringLiteral("models");
    CatalogueShape catalogueShape = CatalogueShape::OpenAiList;
    // Whether streams carry usage without being asked. Others get
    // stream_options.include_usage, unless they reject unknown fields.
    bool reportsUsageUnasked = false;
    bool acceptsStreamOptions = true;
    QList<QPair<QByteArray, QByteArray>> extraHeaders;
    bool isLocal = false; // runs on this machine; probed on loopback at start

    // Returns every built-in profile, OpenRouter first and "custom" last.
    static const QList<ProviderProfile> &builtIns();
    // Returns the built-in profile with this id, or nullptr.
    static const ProviderProfile *find(const QString &id);
    static const ProviderProfile &openRouter();
};

} // namespace Consilium
