#include "BudgetCheck.h"

#include "fusion/Turn.h"
#include "store/SpendQueries.h"

namespace Consilium {

Result<BudgetDecision> checkTurnBudget(const BudgetPolicy &policy, const CostEstimate &estimate, SpendQueries &spend,
                                       const QString &presetName, qint64 nowMs)
{
    const qint64 dayStart = spend.startOfDayMs(nowMs);
    // The end is open: a call finishing during the check still counts.
    const qint64 dayEnd = std::numeric_limits<qint64>::max();
    const Result<SpendRow> today = spend.totalSpend(dayStart, dayEnd);
    if (!today)
        return Result<BudgetDecision>::failure(today.error());

    Money presetToday;
    if (policy.perPreset && !presetName.isEmpty()) {
        const Result<SpendRow> preset = spend.totalSpend(dayStart, dayEnd, presetName);
        if (!preset)
            return Result<BudgetDecision>::failure(preset.error());
        presetToday = preset->cost;
    }
    // NOTE: calls of unknown cost today count as zero here, since there is
    // no figure to add; the dashboard shows how many there were.
    return checkBudget(policy, estimate, today->cost, presetToday);
}

Turn budgetRejectedTurn(const QString &prompt, const QString &strategy, const BudgetDecision &decision)
{
    Turn turn;
    turn.prompt = prompt;
    turn.strategy = strategy;
    turn.failure = TurnFailure::BudgetExceeded;
    turn.failureMessage = decision.message;
    return turn;
}

} // namespace Consilium
