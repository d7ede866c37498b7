#include "Budget.h"

#include <QStringList>

namespace Consilium {

namespace {

void checkCap(const std::optional<Money> &cap, Money alreadySpent, Money estimate, const QString &capName,
              QStringList &problems)
{
    if (!cap || alreadySpent + estimate <= *cap)
        return;
    problems.append(QStringLiteral("the %1 cap of %2 (already spent %3, this turn up to %4)")
                        .arg(capName, cap->toDisplayString(), alreadySpent.toDisplayString(),
                             estimate.toDisplayString()));
}

} // namespace

BudgetDecision checkBudget(const BudgetPolicy &policy, const CostEstimate &estimate, Money spentToday,
                           Money spentTodayByPreset)
{
    QStringList problems;
    checkCap(policy.perTurn, Money(), estimate.high, QStringLiteral("per-turn"), problems);
    checkCap(policy.perDay, spentToday, estimate.high, QStringLiteral("daily"), problems);
    checkCap(policy.perPreset, spentTodayByPreset, estimate.high, QStringLiteral("preset's daily"), problems);

    BudgetDecision decision;
    if (problems.isEmpty()) {
        if (!estimate.isComplete() && (policy.perTurn || policy.perDay || policy.perPreset)) {
            decision.message = QStringLiteral("%1 of the calls have no known price, so the budget check "
                                              "covers only the priced ones.").arg(estimate.unpricedCalls);
        }
        return decision;
    }
    decision.verdict = policy.overCap == BudgetPolicy::OverCap::Refuse ? BudgetDecision::Verdict::Refuse
                                                                        : BudgetDecision::Verdict::AskUser;
    decision.message = QStringLiteral("This turn may exceed %1.").arg(problems.join(QStringLiteral(" and ")));
    return decision;
}

} // namespace Consilium
