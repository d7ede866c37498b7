#include "Turn.h"

namespace Consilium {

QString stageName(Stage stage)
{
    switch (stage) {
    case Stage::Panel: return QStringLiteral("panel");
    case Stage::Analyst: return QStringLiteral("analyst");
    case Stage::Writer: return QStringLiteral("writer");
    }
    return QStringLiteral("unknown");
}

QString turnFailureName(TurnFailure failure)
{
    switch (failure) {
    case TurnFailure::AllMembersFailed: return QStringLiteral("all_members_failed");
    case TurnFailure::InsufficientCredits: return QStringLiteral("insufficient_credits");
    case TurnFailure::RateLimited: return QStringLiteral("rate_limited");
    case TurnFailure::Cancelled: return QStringLiteral("cancelled");
    case TurnFailure::BudgetExceeded: return QStringLiteral("budget_exceeded");
    case TurnFailure::BelowQuorum: return QStringLiteral("below_quorum");
    }
    return QStringLiteral("unknown");
}

Money Turn::totalCost() const
{
    Money total;
    for (const CallRecord &call : calls) {
        if (call.cost.cost)
            total += *call.cost.cost;
    }
    return total;
}

int Turn::unknownCostCount() const
{
    int count = 0;
    for (const CallRecord &call : calls) {
        if (!call.cost.cost)
            ++count;
    }
    return count;
}

} // namespace Consilium
