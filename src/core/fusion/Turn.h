#pragma once

#include "fusion/CallCost.h"
#include "provider/CallOutcome.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Consilium {

// The stage a call belongs to. Layer, Round and Tier repeat within a turn,
// so a call records its stage number too (CallRecord::stageNumber).
// NOTE: the store reads names back by value from Panel to Writer; values
// after Writer were added later and keep their order for that reason.
enum class Stage { Panel, Analyst, Writer, Judge, Extractor, Layer, Round, Tier };

// Returns the stable name of a stage kind: "panel", "layer", ...
QString stageName(Stage stage);
// Returns the label of a numbered stage, "layer 2", "round 1", "tier 1";
// stages without a number (or number 0) get stageName().
QString stageLabel(Stage stage, int number);

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
    int stageNumber = 0; // 1-based for Layer, Round and Tier; 0 otherwise
    CallOutcome outcome;
    CallCost cost;
    // Copied from an earlier turn by a re-fuse or a member retry; its cost
    // was paid by that turn and is not counted again.
    bool reused = false;

    QString stageText() const { return stageLabel(stage, stageNumber); }
};

// One user prompt and everything that answered it.
struct Turn
{
    QString prompt;
    QString strategy;
    QList<CallRecord> calls;
    QString answer;
    // What the strategy found on the way to the answer, with real model ids:
    // the analyst's analysis for "fusion", the tally for "vote", the ranking
    // for "best-of-n", ... Empty when the strategy produced none.
    QJsonObject analysis;
    // Anonymous labels the analyst saw ("Model A") mapped to model ids.
    QMap<QString, QString> anonymousLabels;
    bool degraded = false;
    QString degradedReason;
    std::optional<TurnFailure> failure;
    QString failureMessage;

    // Sums the known costs of the calls made by this turn (reused ones are
    // left out); unknown ones are counted by unknownCostCount().
    Money totalCost() const;
    int unknownCostCount() const;
    bool isComplete() const { return !failure.has_value(); }
};

} // namespace Consilium
