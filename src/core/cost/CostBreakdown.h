#pragma once

#include "common/Money.h"

#include <QList>
#include <QString>

namespace Consilium {

struct Turn;

// The calls of one group (a model, or a stage such as "round 2") of a turn.
struct CostBreakdownRow
{
    QString key;            // the model id, or CallRecord::stageText()
    Money knownCost;        // sum of the calls whose cost is known
    int callCount = 0;      // every call counted in the row, priced or not
    int unknownCostCount = 0;
};

// What a turn cost, by member and by stage. Calls reused from an earlier
// turn were paid for there, so they are left out and only counted.
struct CostBreakdown
{
    QList<CostBreakdownRow> byModel; // in order of each model's first call
    QList<CostBreakdownRow> byStage; // in order of each stage's first call
    Money knownTotal;
    int unknownCostCount = 0;
    int reusedCallCount = 0;

    static CostBreakdown fromTurn(const Turn &turn);
};

} // namespace Consilium
