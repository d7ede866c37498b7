#pragma once

#include "cost/TurnPlanner.h"
#include "fusion/FusionSettings.h"

namespace Consilium {

// Returns the TurnShape of a turn run with `settings` by a panel of
// `panelSize` members, for planTurn().
TurnShape turnShapeFor(const FusionSettings &settings, qsizetype panelSize);

} // namespace Consilium
