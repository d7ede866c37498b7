#include "CostBreakdown.h"

#include "fusion/Turn.h"

namespace Consilium {

namespace {

CostBreakdownRow &rowFor(QList<CostBreakdownRow> &rows, const QString &key)
{
    for (CostBreakdownRow &row : rows) {
        if (row.key == key)
            return row;
    }
    rows.append(CostBreakdownRow{key, Money(), 0, 0});
    return rows.last();
}

void addCall(CostBreakdownRow &row, const CallRecord &call)
{
    ++row.callCount;
    if (call.cost.cost)
        row.knownCost += *call.cost.cost;
    else
        ++row.unknownCostCount;
}

} // namespace

CostBreakdown CostBreakdown::fromTurn(const Turn &turn)
{
    CostBreakdown breakdown;
    for (const CallRecord &call : turn.calls) {
        if (call.reused) {
            ++breakdown.reusedCallCount;
            continue;
        }
        addCall(rowFor(breakdown.byModel, call.model), call);
        addCall(rowFor(breakdown.byStage, call.stageText()), call);
        if (call.cost.cost)
            breakdown.knownTotal += *call.cost.cost;
        else
            ++breakdown.unknownCostCount;
    }
    return breakdown;
}

} // namespace Consilium
