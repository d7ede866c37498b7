#include "FuseOptions.h"

#include "StrategyOptions.h"

#include <QCommandLineParser>

namespace Consilium::Cli {

namespace {

bool readPositive(const QCommandLineParser &parser, const QString &name, int &target, QString &error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value <= 0) {
        error = QStringLiteral("--%1 must be a positive whole number, not \"%2\"").arg(name, parser.value(name));
        return false;
    }
    target = value;
    return true;
}

// Reads an amount of US dollars such as "0.05" exactly, as Money.
bool readUsd(const QCommandLineParser &parser, const QString &name, std::optional<Money> &target, QString &error)
{
    if (!parser.isSet(name))
        return true;
    const std::optional<Money> value = Money::fromDecimalString(parser.value(name));
    if (!value || value->isNegative()) {
        error = QStringLiteral("--%1 must be an amount of US dollars such as 0.05, not \"%2\"")
                    .arg(name, parser.value(name));
        return false;
    }
    target = value;
    return true;
}

} // namespace

Result<FuseOptions> FuseOptions::parse(const QStringList &arguments, QString *helpText)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Sends PROMPT to a panel of models in parallel and prints the fused answer."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("base-url"),
         QStringLiteral("OpenAI-compatible base URL (default: $OPENROUTER_BASE_URL, else https://openrouter.ai/api/v1)."),
         QStringLiteral("URL")},
        {QStringLiteral("api-key-env"),
         QStringLiteral("Name of the environment variable that holds the API key (default: OPENROUTER_API_KEY)."),
         QStringLiteral("NAME")},
        {QStringLiteral("panel"), QStringLiteral("Comma-separated model ids that answer in parallel."),
         QStringLiteral("a,b,c")},
        {QStringLiteral("writer"), QStringLiteral("Model id that writes the fused answer."), QStringLiteral("MODEL")},
        {QStringLiteral("json"), QStringLiteral("Print one JSON document with the answer and every call.")},
        {QStringLiteral("max-tokens"), QStringLiteral("Maximum output tokens per call (default: 4096)."),
         QStringLiteral("N")},
        {QStringLiteral("connect-timeout"), QStringLiteral("Seconds to wait for response headers (default: 15)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("first-token-timeout"),
         QStringLiteral("Seconds to wait for the first token (default: 120)."), QStringLiteral("SECONDS")},
        {QStringLiteral("store"),
         QStringLiteral("Record the turn, while it streams, in this conversation database (created if missing)."),
         QStringLiteral("PATH")},
        {QStringLiteral("conversation"),
         QStringLiteral("With --store: append to this conversation and send its earlier turns as history."),
         QStringLiteral("ID")},
        {QStringLiteral("idle-timeout"),
         QStringLiteral("Seconds a stream may stay silent between chunks (default: 90)."), QStringLiteral("SECONDS")},
        {QStringLiteral("max-turn-cost"),
         QStringLiteral("Reject the turn when its estimated cost may exceed USD dollars."), QStringLiteral("USD")},
        {QStringLiteral("max-daily-cost"),
         QStringLiteral("Reject the turn when today's spend (recorded in --store, if given) plus its estimated "
                        "cost may exceed USD dollars."),
         QStringLiteral("USD")},
    });
    addStrategyOptions(parser);
    parser.addPositionalArgument(QStringLiteral("PROMPT"),
                                 QStringLiteral("The prompt; read from standard input when absent."));
    if (helpText)
        *helpText = parser.helpText();

    if (!parser.parse(arguments))
        return Result<FuseOptions>::failure(parser.errorText());

    FuseOptions options;
    if (parser.isSet(QStringLiteral("help")))
        return Result<FuseOptions>::failure(QString());

    options.baseUrl = parser.value(QStringLiteral("base-url"));
    if (parser.isSet(QStringLiteral("api-key-env")))
        options.apiKeyVariable = parser.value(QStringLiteral("api-key-env"));
    options.panel = parser.value(QStringLiteral("panel")).split(u',', Qt::SkipEmptyParts);
    for (QString &model : options.panel)
        model = model.trimmed();
    options.writer = parser.value(QStringLiteral("writer")).trimmed();
    options.json = parser.isSet(QStringLiteral("json"));
    options.prompt = parser.positionalArguments().join(u' ');

    QString error;
    int connectSeconds = 0;
    int firstTokenSeconds = 0;
    int idleSeconds = 0;
    if (!readPositive(parser, QStringLiteral("max-tokens"), options.maxTokens, error)
        || !readPositive(parser, QStringLiteral("connect-timeout"), connectSeconds, error)
        || !readPositive(parser, QStringLiteral("first-token-timeout"), firstTokenSeconds, error)
        || !readPositive(parser, QStringLiteral("idle-timeout"), idleSeconds, error)
        || !readUsd(parser, QStringLiteral("max-turn-cost"), options.maxTurnCost, error)
        || !readUsd(parser, QStringLiteral("max-daily-cost"), options.maxDailyCost, error))
        return Result<FuseOptions>::failure(error);
    if (connectSeconds)
        options.connectTimeoutMs = connectSeconds * 1000;
    if (firstTokenSeconds)
        options.firstTokenTimeoutMs = firstTokenSeconds * 1000;
    if (idleSeconds)
        options.idleTimeoutMs = idleSeconds * 1000;

    if (options.panel.isEmpty())
        return Result<FuseOptions>::failure(QStringLiteral("--panel is missing; name one or more models, e.g. --panel a,b,c"));
    options.storePath = parser.value(QStringLiteral("store"));
    if (parser.isSet(QStringLiteral("conversation"))) {
        bool ok = false;
        options.conversationId = parser.value(QStringLiteral("conversation")).toLongLong(&ok);
        if (!ok || options.conversationId <= 0)
            return Result<FuseOptions>::failure(QStringLiteral("--conversation must be a positive conversation id, not \"%1\"")
                                                    .arg(parser.value(QStringLiteral("conversation"))));
        if (options.storePath.isEmpty())
            return Result<FuseOptions>::failure(QStringLiteral("--conversation needs --store PATH"));
    }

    Result<FusionSettings> fusion = readStrategyOptions(parser, options.panel);
    if (!fusion)
        return Result<FuseOptions>::failure(fusion.error());
    options.fusion = std::move(fusion).value();
    if (options.writer.isEmpty() && needsWriter(options.fusion))
        return Result<FuseOptions>::failure(QStringLiteral("--writer is missing; name the model that writes the fused answer"));
    const QStringList problems = options.fusion.validate(Ensemble::fromModelIds(options.panel, options.writer));
    if (!problems.isEmpty())
        return Result<FuseOptions>::failure(problems.first());
    return options;
}

} // namespace Consilium::Cli
