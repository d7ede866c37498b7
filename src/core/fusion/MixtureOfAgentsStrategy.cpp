#include "MixtureOfAgentsStrategy.h"

#include "fusion/AnswerSet.h"
#include "fusion/PromptTemplates.h"
#include "fusion/TurnRunner.h"

namespace Consilium {

MixtureOfAgentsStrategy::MixtureOfAgentsStrategy(FusionSettings settings)
    : m_settings(std::move(settings))
{
}

void MixtureOfAgentsStrategy::begin(TurnRunner &runner)
{
    startLayer(runner, 1, runner.turn().prompt);
}

void MixtureOfAgentsStrategy::startLayer(TurnRunner &runner, int number, const QString &prompt)
{
    m_layers.push_back(std::make_unique<PanelStage>());
    // Quorum and deadline apply to the first layer, as to every panel.
    const PanelStage::Rule rule = number == 1 ? PanelStage::ruleFrom(m_settings) : PanelStage::Rule{};
    m_layers.back()->start(runner, runner.ensemble().panel, Stage::Layer, number, askText(runner, prompt), rule,
                           [this, &runner] { onLayerDone(runner); });
}

void MixtureOfAgentsStrategy::onCallFinished(TurnRunner &runner, int callIndex)
{
    for (const auto &layer : m_layers) {
        if (layer->handle(runner, callIndex))
            return;
    }
    const Turn &turn = runner.turn();
    const int fallback = m_latestAnswers.value(0, -1);
    m_aggregator.handle(runner, callIndex,
                        {fallback >= 0 ? turn.calls[fallback].outcome.text : QString(),
                         fallback >= 0 ? turn.calls[fallback].model : QString()},
                        joinReasons(m_degradedReasons));
}

void MixtureOfAgentsStrategy::onLayerDone(TurnRunner &runner)
{
    const PanelStage &layer = *m_layers.back();
    const int number = int(m_layers.size());
    if (number == 1 && layer.failIfTooFew(runner, m_settings.minAnswers))
        return;
    if (runner.isCancelled()) {
        runner.fail(TurnFailure::Cancelled, QStringLiteral("The turn was stopped."));
        return;
    }
    const QList<int> answered = layer.answered(runner.turn());
    m_degradedReasons.append(layer.degradedReason(runner.turn()));
    if (answered.isEmpty()) {
        m_degradedReasons.append(QStringLiteral("Nobody answered in layer %1; the aggregator used layer %2")
                                     .arg(number)
                                     .arg(number - 1));
        startAggregator(runner);
        return;
    }
    m_latestAnswers = answered;
    if (number >= m_settings.layers) {
        startAggregator(runner);
        return;
    }
    const AnswerSet previous = AnswerSet::fromCalls(runner.turn(), answered, AnswerSet::Labels::Letters);
    const QString prompt = PromptTemplates::fill(m_settings.templateFor(QStringLiteral("proposer")),
                                                 {{QStringLiteral("question"), runner.turn().prompt},
                                                  {QStringLiteral("answers"), previous.toPrompt(m_settings)}});
    startLayer(runner, number + 1, prompt);
}

void MixtureOfAgentsStrategy::startAggregator(TurnRunner &runner)
{
    const AnswerSet latest = AnswerSet::fromCalls(runner.turn(), m_latestAnswers, AnswerSet::Labels::Letters);
    const QString prompt = PromptTemplates::fill(m_settings.templateFor(QStringLiteral("aggregator")),
                                                 {{QStringLiteral("question"), runner.turn().prompt},
                                                  {QStringLiteral("answers"), latest.toPrompt(m_settings)}});
    m_aggregator.start(runner, runner.ensemble().writer, Stage::Writer, prompt);
}

} // namespace Consilium
