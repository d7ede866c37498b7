#pragma once

#include "fusion/CallCost.h"
#include "fusion/Turn.h"
#include "provider/CallOutcome.h"
#include "provider/ProviderError.h"

#include <QString>

#include <optional>

namespace Consilium {

// Reverse look-ups of the stable enum names the core writes (stageName(),
// callStatusName(), ...), for reading stored rows and imported JSON.
// Each returns nothing for a name this build does not know.
std::optional<Stage> stageFromName(const QString &name);
std::optional<CallStatus> callStatusFromName(const QString &name);
std::optional<TurnFailure> turnFailureFromName(const QString &name);
std::optional<CostSource> costSourceFromName(const QString &name);
std::optional<ErrorKind> errorKindFromName(const QString &name);

} // namespace Consilium
