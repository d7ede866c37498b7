#pragma once

#include "fusion/AnswerSet.h"
#include "fusion/FusionSettings.h"
#include "fusion/FusionStrategy.h"
#include "fusion/PanelStage.h"

#include <QJsonArray>

namespace Consilium {

// "best-of-n": the panel answers; a judge ranks the answers, and the best
// one is returned verbatim. Listwise: one judge call ranks every answer.
// Pairwise: one judge call per pair of answers, ranked by wins (ties in
// panel order). Turn::analysis holds the method, the ranking with real
// model ids and the judge's reasons. A judge that fails or replies with
// unusable JSON leaves the first answer, and the turn says so.
class BestOfNStrategy : public FusionStrategy
{
public:
    explicit BestOfNStrategy(FusionSettings settings);

    QString name() const override { return QStringLiteral("best-of-n"); }
    void begin(TurnRunner &runner) override;
    void onCallFinished(TurnRunner &runner, int callIndex) override;

private:
    struct Pair
    {
        int first = 0; // positions in m_answers
        int second = 0;
        int call = -1;
    };

    void onPanelDone(TurnRunner &runner);
    void startListwise(TurnRunner &runner);
    void startPairwise(TurnRunner &runner);
    int startJudge(TurnRunner &runner, const QString &templateName, const QString &answers);
    void finishListwise(TurnRunner &runner);
    void finishPairwise(TurnRunner &runner);
    void completeWith(TurnRunner &runner, const QList<int> &order, const QJsonArray &reasons,
                      const QString &judgeProblem);

    FusionSettings m_settings;
    PanelStage m_panel;
    AnswerSet m_answers;
    bool m_pairwise = false;
    int m_listCall = -1;
    QList<Pair> m_pairs;
    int m_pendingPairs = 0;
    QStringList m_degradedReasons;
};

} // namespace Consilium
