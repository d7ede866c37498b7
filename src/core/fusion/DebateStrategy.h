#pragma once

#include "fusion/FusionSettings.h"
#include "fusion/FusionStrategy.h"
#include "fusion/PanelStage.h"
#include "fusion/VoteStage.h"
#include "fusion/WriterStage.h"

#include <QJsonArray>
#include <QMap>

#include <memory>
#include <vector>

namespace Consilium {

// "debate": the panel answers; then, for 1 to 3 rounds ("round 1", ...),
// every member that has an answer sees the others' latest answers and
// revises its own. Per member and round the analysis records whether the
// answer changed: by the extracted final answer when both versions have
// one, else by word-set similarity below kChangedBelow. A writer, or a
// vote over the latest answers, closes the debate. A member whose revision
// fails keeps its previous answer.
class DebateStrategy : public FusionStrategy
{
public:
    static constexpr double kChangedBelow = 0.8;

    explicit DebateStrategy(FusionSettings settings);

    QString name() const override { return QStringLiteral("debate"); }
    void begin(TurnRunner &runner) override;
    void onCallFinished(TurnRunner &runner, int callIndex) override;

private:
    void onPanelDone(TurnRunner &runner);
    void startRound(TurnRunner &runner);
    void onRoundDone(TurnRunner &runner);
    void close(TurnRunner &runner);
    QList<int> latestAnswers() const;

    FusionSettings m_settings;
    std::vector<std::unique_ptr<PanelStage>> m_stages; // the panel, then one per round
    QList<int> m_active;        // panel positions of members with an answer
    QMap<int, int> m_latest;    // panel position -> call index of its latest answer
    QJsonArray m_rounds;
    QStringList m_degradedReasons;
    WriterStage m_writer;
    VoteStage m_vote;
};

} // namespace Consilium
