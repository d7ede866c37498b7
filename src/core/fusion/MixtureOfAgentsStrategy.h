#pragma once

#include "fusion/FusionSettings.h"
#include "fusion/FusionStrategy.h"
#include "fusion/PanelStage.h"
#include "fusion/WriterStage.h"

#include <memory>
#include <vector>

namespace Consilium {

// "moa", mixture of agents: 1 to 4 layers of proposers (the panel); layer
// 1 answers the prompt, and each later layer answers it again given the
// previous layer's answers. The aggregator (the writer) writes the answer
// from the last layer. Stages are "layer 1", "layer 2", ... and "writer".
// A layer in which nobody answered ends the layers early: the aggregator
// then works from the last layer that answered, and the turn says so.
class MixtureOfAgentsStrategy : public FusionStrategy
{
public:
    explicit MixtureOfAgentsStrategy(FusionSettings settings);

    QString name() const override { return QStringLiteral("moa"); }
    void begin(TurnRunner &runner) override;
    void onCallFinished(TurnRunner &runner, int callIndex) override;

private:
    void startLayer(TurnRunner &runner, int number, const QString &prompt);
    void onLayerDone(TurnRunner &runner);
    void startAggregator(TurnRunner &runner);

    FusionSettings m_settings;
    // Stable addresses: each stage's callbacks capture it.
    std::vector<std::unique_ptr<PanelStage>> m_layers;
    QList<int> m_latestAnswers; // the answers the next layer or the aggregator sees
    QStringList m_degradedReasons;
    WriterStage m_aggregator;
};

} // namespace Consilium
