#pragma once

#include "fusion/AnswerSet.h"
#include "fusion/FusionSettings.h"
#include "fusion/FusionStrategy.h"
#include "fusion/PanelStage.h"
#include "fusion/VoteTally.h"

#include <memory>
#include <vector>

namespace Consilium {

// "cascade": members ordered cheap to expensive by catalogue price (prompt
// plus completion price per token; unknown prices last) answer in tiers,
// "tier 1", "tier 2", ... Members of equal price share a tier, and tier 1
// grows until it has the k members that must agree. After each tier the
// answers so far (earlier tiers are reused, never asked again) are checked:
// when k agree, by extracted final answer or by a judge, the turn stops
// with that answer; otherwise the next tier is asked. When the last tier
// leaves no k in agreement, the plurality wins and the analysis says so.
class CascadeStrategy : public FusionStrategy
{
public:
    explicit CascadeStrategy(FusionSettings settings);

    QString name() const override { return QStringLiteral("cascade"); }
    void begin(TurnRunner &runner) override;
    void onCallFinished(TurnRunner &runner, int callIndex) override;

    // Groups `members` into tiers by price as described above; `k` is the
    // number that must agree. Exposed for the GUI's tier preview.
    static QList<QList<Member>> tiersFor(const TurnRunner &runner, const QList<Member> &members, int k);

private:
    void startTier(TurnRunner &runner);
    void onTierDone(TurnRunner &runner);
    void checkByExtraction(TurnRunner &runner);
    void startAgreementJudge(TurnRunner &runner);
    void onJudgeDone(TurnRunner &runner);
    void finish(TurnRunner &runner, int answerCall, bool agreed, const QString &finalAnswer, const QJsonObject &extra);
    QList<int> answeredSoFar(const Turn &turn) const;
    int requiredAgreement() const;

    FusionSettings m_settings;
    QList<QList<Member>> m_tiers;
    std::vector<std::unique_ptr<PanelStage>> m_stages;
    AnswerSet m_judgeAnswers;
    int m_judgeCall = -1;
    QStringList m_degradedReasons;
};

} // namespace Consilium
