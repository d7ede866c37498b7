#include "ProviderProfile.h"

namespace Consilium {

namespace {

ProviderProfile remote(const QString &id, const QString &name, const QString &baseUrl, const QString &keyVariable)
{
    ProviderProfile profile;
    profile.id = id;
    profile.displayName = name;
    profile.defaultBaseUrl = QUrl(baseUrl);
    profile.apiKeyVariable = keyVariable;
    return profile;
}

ProviderProfile local(const QString &id, const QString &name, const QString &baseUrl)
{
    ProviderProfile profile = remote(id, name, baseUrl, QString());
    profile.requiresKey = false;
    profile.isLocal = true;
    return profile;
}

QList<ProviderProfile> makeBuiltIns()
{
    ProviderProfile openRouter = remote(QStringLiteral("openrouter"), QStringLiteral("OpenRouter"),
                                        QStringLiteral("https://openrouter.ai/api/v1"),
                                        QStringLiteral("OPENROUTER_API_KEY"));
    openRouter.catalogueShape = ProviderProfile::CatalogueShape::OpenRouter;
    openRouter.reportsUsageUnasked = true;
    // OpenRouter attributes requests to an app by these two headers.
    openRouter.extraHeaders = {// NOTE: the referer should become the project homepage once it has one.
                               {"HTTP-Referer", "https://consilium.invalid/"},
                               {"X-Title", "Consilium"}};

    ProviderProfile mistral = remote(QStringLiteral("mistral"), QStringLiteral("Mistral"),
                                     QStringLiteral("https://api.mistral.ai/v1"), QStringLiteral("MISTRAL_API_KEY"));
    // NOTE: Mistral's API reports usage in the last chunk unasked and has
    // rejected unknown request fields; stream_options is left out for it.
    mistral.reportsUsageUnasked = true;
    mistral.acceptsStreamOptions = false;

    ProviderProfile custom;
    custom.id = QStringLiteral("custom");
    custom.displayName = QStringLiteral("Custom endpoint");
    custom.requiresKey = false;

    return {
        openRouter,
        remote(QStringLiteral("openai"), QStringLiteral("OpenAI"), QStringLiteral("https://api.openai.com/v1"),
               QStringLiteral("OPENAI_API_KEY")),
        remote(QStringLiteral("groq"), QStringLiteral("Groq"), QStringLiteral("https://api.groq.com/openai/v1"),
               QStringLiteral("GROQ_API_KEY")),
        remote(QStringLiteral("deepseek"), QStringLiteral("DeepSeek"), QStringLiteral("https://api.deepseek.com/v1"),
               QStringLiteral("DEEPSEEK_API_KEY")),
        remote(QStringLiteral("together"), QStringLiteral("Together AI"), QStringLiteral("https://api.together.xyz/v1"),
               QStringLiteral("TOGETHER_API_KEY")),
        mistral,
        local(QStringLiteral("ollama"), QStringLiteral("Ollama"), QStringLiteral("http://127.0.0.1:11434/v1")),
        local(QStringLiteral("lmstudio"), QStringLiteral("LM Studio"), QStringLiteral("http://127.0.0.1:1234/v1")),
        local(QStringLiteral("llamacpp"), QStringLiteral("llama.cpp server"), QStringLiteral("http://127.0.0.1:8080/v1")),
        local(QStringLiteral("vllm"), QStringLiteral("vLLM"), QStringLiteral("http://127.0.0.1:8000/v1")),
        custom,
    };
}

} // namespace

const QList<ProviderProfile> &ProviderProfile::builtIns()
{
    static const QList<ProviderProfile> profiles = makeBuiltIns();
    return profiles;
}

const ProviderProfile *ProviderProfile::find(const QString &id)
{
    for (const ProviderProfile &profile : builtIns()) {
        if (profile.id == id)
            return &profile;
    }
    return nullptr;
}

const ProviderProfile &ProviderProfile::openRouter()
{
    return builtIns().first();
}

} // namespace Consilium
