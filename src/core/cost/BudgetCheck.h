#pragma once

#include "common/Result.h"
#include "cost/Budget.h"

#include <QString>

namespace Consilium {

class SpendQueries;
struct Turn;

// Runs checkBudget() with today's spend (all turns, and the preset's
// turns) read from the store. `nowMs` is epoch ms; "today" starts at the
// queries' local or UTC midnight. Fails only when the store does.
Result<BudgetDecision> checkTurnBudget(const BudgetPolicy &policy, const CostEstimate &estimate, SpendQueries &spend,
                                       const QString &presetName, qint64 nowMs);

// Returns the turn to record and show when a budget check rejects a turn:
// no calls, failure BudgetExceeded ("budget_exceeded") and the decision's
// message.
Turn budgetRejectedTurn(const QString &prompt, const QString &strategy, const BudgetDecision &decision);

} // namespace Consilium
