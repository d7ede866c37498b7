#include "Turn.h"

namespace Consilium {

QString stageName(Stage stage)
{
    switch (stage) {
    case Stage::Panel: return QStringLiteral("panel");
    case Stage::Analyst: return QStringLiteral("analyst");
    case Stage::Writer: return QStringLiteral("writer");
    case Stage::Judge: return QStringLiteral("judge");
    case Stage::Extractor: return QStringLiteral("extractor");
    case Stage::Layer: return QStringLiteral("layer");
    case Stage::Round: return QStringLiteral("round");
    case Stage::Tier: return QStringLiteral("tier");
    }
    return QStringLiteral("unknown");
}

QString stageLabel(Stage stage, int number)
{
    if (number <= 0)
        return stageName(stage);
    return stageName(stage) + u' ' + QString::number(number);
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
        if (call.cost.cost && !call.reused)
            total += *call.cost.cost;
    }
    return total;
}

int Turn::unknownCostCount() const
{
    int count = 0;
    for (const CallRecord &call : calls) {
        if (!call.cost.cost && !call.reused)
            ++count;
    }
    return count;
}

} // namespace Consilium
