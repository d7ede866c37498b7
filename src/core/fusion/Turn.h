#pragma once

#include "fusion/CallCost.h"
#include "provider/CallOutcome.h"

#include <QList>
#include <QString>

#include <optional>

namespace Consilium {

// The stage a call belongs to. Later strategies add analyst, judge,
// layer and round stages; the label carries the number ("round 2").
enum class Stage { Panel, Analyst, Writer };

QString stageName(Stage stage);

// Why a turn produced no answer at all.
enum class TurnFailure {
    AllMembersFailed,
    InsufficientCredits,
    RateLimited,
    Cancelled,
    BudgetExceeded,
    BelowQuorum,
};

QString turnFailureName(TurnFailure failure);

// One call of a turn: who was asked, in which stage, and what came back.
struct CallRecord
{
    QString model;
    QString provider; // empty for the default provider
    Stage stage = Stage::Panel;
    CallOutcome outcome;
    CallCost cost;
};

// One user prompt and everything that answered it.
struct Turn
{
    QString prompt;
    QString strategy;
    QList<CallRecord> calls;
    QString answer;
    bool degraded = false;
    QString degradedReason;
    std::optional<TurnFailure> failure;
    QString failureMessage;

    // Sums the known costs; unknown ones are counted by unknownCostCount().
    Money totalCost() const;
    int unknownCostCount() const;
    bool isComplete() const { return !failure.has_value(); }
};

} // namespace Consilium
