#include "VoteStrategy.h"

#include "fusion/TurnRunner.h"

namespace Consilium {

VoteStrategy::VoteStrategy(FusionSettings settings)
    : m_settings(std::move(settings))
{
}

void VoteStrategy::begin(TurnRunner &runner)
{
    m_panel.start(runner, runner.ensemble().panel, Stage::Panel, 0, askPrompt(runner),
                  PanelStage::ruleFrom(m_settings), [this, &runner] { onPanelDone(runner); });
}

void VoteStrategy::onCallFinished(TurnRunner &runner, int callIndex)
{
    if (m_panel.handle(runner, callIndex))
        return;
    m_vote.handle(runner, callIndex);
}

void VoteStrategy::onPanelDone(TurnRunner &runner)
{
    if (m_panel.failIfTooFew(runner, m_settings.minAnswers))
        return;
    const QString panelReason = m_panel.degradedReason(runner.turn());
    m_vote.start(runner, m_panel.answered(runner.turn()), m_settings,
                 [this, &runner, panelReason] { m_vote.completeTurn(runner, {panelReason}); });
}

} // namespace Consilium
