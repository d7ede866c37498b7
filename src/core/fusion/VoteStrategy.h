#pragma once

#include "fusion/FusionSettings.h"
#include "fusion/FusionStrategy.h"
#include "fusion/PanelStage.h"
#include "fusion/VoteStage.h"

namespace Consilium {

// "vote": the panel answers; each answer is reduced to a final answer (in
// code, or by an extractor model) and the majority wins. The answer shown
// is the first answer that voted for the winner; the tally, the agreement
// ratio (confidence) and how a tie was broken are in Turn::analysis.
class VoteStrategy : public FusionStrategy
{
public:
    explicit VoteStrategy(FusionSettings settings);

    QString name() const override { return QStringLiteral("vote"); }
    void begin(TurnRunner &runner) override;
    void onCallFinished(TurnRunner &runner, int callIndex) override;

private:
    void onPanelDone(TurnRunner &runner);

    FusionSettings m_settings;
    PanelStage m_panel;
    VoteStage m_vote;
};

} // namespace Consilium
