#pragma once

#include "common/Result.h"
#include "fusion/FusionSettings.h"

class QCommandLineParser;

namespace Consilium::Cli {

// The options that choose and tune the fusion strategy: --strategy,
// --analyst, --judge, --layers, --quorum, ... They live apart from
// FuseOptions so the strategy list can grow without touching the rest.
void addStrategyOptions(QCommandLineParser &parser);

// Reads the strategy options into settings for the given panel; the error
// is the one-line message for stderr.
Result<FusionSettings> readStrategyOptions(const QCommandLineParser &parser, const QStringList &panel);

// Returns whether the strategy in `settings` needs a --writer model.
bool needsWriter(const FusionSettings &settings);

} // namespace Consilium::Cli
