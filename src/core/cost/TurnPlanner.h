#pragma once

#include "cost/CostEstimator.h"
#include "fusion/Ensemble.h"

#include <QString>

namespace Consilium {

// The parts of a strategy's settings that decide how many calls a turn
// makes and how much each reads.
struct TurnShape
{
    QString strategy = QStringLiteral("fusion"); // a strategy name as the CLI spells it
    Member analyst;     // fusion's analyst, best-of-n's judge
    int layers = 2;     // mixture of agents
    int rounds = 1;     // debate revision rounds
    int cascadeFirstTier = 3; // cascade: members asked before any escalation
};

// Lists the calls a turn will probably make, with token counts estimated
// from the prompt's length and each model's usual answer length.
// `contextCharacters` is the prompt plus the history sent with it.
QList<PlannedCall> planTurn(const Ensemble &ensemble, const TurnShape &shape, qsizetype contextCharacters,
                            const CostEstimator &estimator);

} // namespace Consilium
