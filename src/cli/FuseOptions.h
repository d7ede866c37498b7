#pragma once

#include "common/Money.h"
#include "common/Result.h"
#include "fusion/FusionSettings.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Consilium::Cli {

// The command line of consilium-cli, parsed and checked.
struct FuseOptions
{
    QString baseUrl;          // empty: OPENROUTER_BASE_URL, else OpenRouter
    QString apiKeyVariable = QStringLiteral("OPENROUTER_API_KEY");
    QStringList panel;
    QString writer;
    QString prompt;           // empty: read from standard input
    bool json = false;
    int maxTokens = 4096;
    int connectTimeoutMs = 15'000;
    int firstTokenTimeoutMs = 120'000;
    int idleTimeoutMs = 90'000;
    FusionSettings fusion; // --strategy and the options that tune it
    QString storePath;          // --store: record the turn in this database
    qint64 conversationId = 0;  // --conversation: append to it (0: a new one)
    // Caps checked against the high end of the turn's estimate before
    // sending; the daily one adds today's spend recorded in --store.
    std::optional<Money> maxTurnCost;  // --max-turn-cost USD
    std::optional<Money> maxDailyCost; // --max-daily-cost USD

    // Parses arguments (arguments[0] is the program). On failure the
    // error is the one-line message for stderr.
    static Result<FuseOptions> parse(const QStringList &arguments, QString *helpText);
};

} // namespace Consilium::Cli
