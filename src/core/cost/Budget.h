#pragma once

#include "common/Money.h"
#include "cost/CostEstimator.h"

#include <QString>

#include <optional>

namespace Consilium {

// Spending limits. A cap left empty does not apply.
struct BudgetPolicy
{
    enum class OverCap { Confirm, Refuse };

    std::optional<Money> perTurn;
    std::optional<Money> perDay;
    std::optional<Money> perPreset; // what one preset may spend in a day
    OverCap overCap = OverCap::Confirm;
};

// What to do with a turn before sending it.
struct BudgetDecision
{
    enum class Verdict { Send, AskUser, Refuse };

    Verdict verdict = Verdict::Send;
    QString message; // which cap the estimate exceeds, and by how much
};

// Compares a turn's estimate with the caps. The high bound is used: a turn
// is allowed only when even its most expensive outcome fits.
BudgetDecision checkBudget(const BudgetPolicy &policy, const CostEstimate &estimate, Money spentToday,
                           Money spentTodayByPreset);

} // namespace Consilium
