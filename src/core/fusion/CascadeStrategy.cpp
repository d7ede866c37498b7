#include "CascadeStrategy.h"

#include "fusion/AnswerExtractor.h"
#include "fusion/JsonExtraction.h"
#include "fusion/PromptTemplates.h"
#include "fusion/TurnRunner.h"
#include "fusion/WriterStage.h"
#include "provider/ModelInfo.h"

#include <QJsonArray>

namespace Consilium {

namespace {

// Price per token of prompt plus completion, or nothing when unknown.
std::optional<Money> pricePerToken(const ModelInfo *model)
{
    if (!model || !model->promptPrice.isKnown() || !model->completionPrice.isKnown())
        return std::nullopt;
    return *model->promptPrice.perToken + *model->completionPrice.perToken;
}

} // namespace

CascadeStrategy::CascadeStrategy(FusionSettings settings)
    : m_settings(std::move(settings))
{
}

int CascadeStrategy::requiredAgreement() const
{
    return m_settings.agreeCount;
}

QList<QList<Member>> CascadeStrategy::tiersFor(const TurnRunner &runner, const QList<Member> &members, int k)
{
    QList<QPair<std::optional<Money>, Member>> priced;
    for (const Member &member : members)
        priced.append({pricePerToken(runner.modelInfo(member)), member});
    std::stable_sort(priced.begin(), priced.end(), [](const auto &a, const auto &b) {
        if (a.first.has_value() != b.first.has_value())
            return a.first.has_value();
        return a.first.has_value() && *a.first < *b.first;
    });

    QList<QList<Member>> tiers;
    std::optional<Money> tierPrice;
    for (int i = 0; i < priced.size(); ++i) {
        const bool samePrice = !tiers.isEmpty() && priced[i].first == tierPrice;
        const bool firstTierShort = tiers.size() == 1 && tiers.first().size() < k;
        if (tiers.isEmpty() || (!samePrice && !firstTierShort))
            tiers.append(QList<Member>());
        tiers.last().append(priced[i].second);
        tierPrice = priced[i].first;
    }
    return tiers;
}

void CascadeStrategy::begin(TurnRunner &runner)
{
    const int panelSize = int(runner.ensemble().panel.size());
    if (m_settings.agreeCount <= 0)
        m_settings.agreeCount = panelSize / 2 + 1;
    m_tiers = tiersFor(runner, runner.ensemble().panel, m_settings.agreeCount);
    startTier(runner);
}

void CascadeStrategy::startTier(TurnRunner &runner)
{
    const int number = int(m_stages.size()) + 1;
    m_stages.push_back(std::make_unique<PanelStage>());
    m_stages.back()->start(runner, m_tiers[number - 1], Stage::Tier, number, askPrompt(runner), PanelStage::Rule{},
                           [this, &runner] { onTierDone(runner); });
}

void CascadeStrategy::onCallFinished(TurnRunner &runner, int callIndex)
{
    for (const auto &stage : m_stages) {
        if (stage->handle(runner, callIndex))
            return;
    }
    if (callIndex == m_judgeCall)
        onJudgeDone(runner);
}

QList<int> CascadeStrategy::answeredSoFar(const Turn &turn) const
{
    QList<int> calls;
    for (const auto &stage : m_stages)
        calls.append(stage->answered(turn));
    return calls;
}

void CascadeStrategy::onTierDone(TurnRunner &runner)
{
    if (runner.isCancelled()) {
        runner.fail(TurnFailure::Cancelled, QStringLiteral("The turn was stopped."));
        return;
    }
    m_degradedReasons.append(m_stages.back()->degradedReason(runner.turn()));
    if (m_settings.agreement == AgreementMode::Judge && !answeredSoFar(runner.turn()).isEmpty())
        startAgreementJudge(runner);
    else
        checkByExtraction(runner);
}

void CascadeStrategy::checkByExtraction(TurnRunner &runner)
{
    const Turn &turn = runner.turn();
    const ExtractionMode mode = m_settings.extraction == ExtractionMode::Model ? ExtractionMode::Auto
                                                                               : m_settings.extraction;
    QList<Vote> votes;
    for (int index : answeredSoFar(turn))
        votes.append(Vote{turn.calls[index].model, index, AnswerExtractor::extract(turn.calls[index].outcome.text, mode)});
    const VoteResult tally = tallyVotes(votes, m_settings.tieBreaker);
    if (tally.winnerVotes >= requiredAgreement()) {
        finish(runner, votes[tally.firstWinningVote(votes)].callIndex, true, tally.winner, tally.toJson(votes));
        return;
    }
    if (int(m_stages.size()) < m_tiers.size()) {
        startTier(runner);
        return;
    }
    if (votes.isEmpty()) {
        QList<int> all;
        for (const auto &stage : m_stages)
            all.append(stage->calls());
        runner.fail(failureForCalls(turn.calls, all), QStringLiteral("No member of any tier answered."));
        return;
    }
    const int winning = tally.firstWinningVote(votes);
    finish(runner, winning >= 0 ? votes[winning].callIndex : votes.first().callIndex, false, tally.winner,
           tally.toJson(votes));
}

void CascadeStrategy::startAgreementJudge(TurnRunner &runner)
{
    m_judgeAnswers = AnswerSet::fromCalls(runner.turn(), answeredSoFar(runner.turn()), AnswerSet::Labels::Letters);
    Member judge = m_settings.judge;
    if (!judge.temperature)
        judge.temperature = 0.0;
    const QString prompt = PromptTemplates::fill(m_settings.templateFor(QStringLiteral("agreement")),
                                                 {{QStringLiteral("question"), runner.turn().prompt},
                                                  {QStringLiteral("count"), QString::number(requiredAgreement())},
                                                  {QStringLiteral("answers"), m_judgeAnswers.toPrompt(m_settings)}});
    m_judgeCall = runner.startCall(judge, Stage::Judge, {ChatMessage{QStringLiteral("user"), prompt}});
}

void CascadeStrategy::onJudgeDone(TurnRunner &runner)
{
    if (runner.isCancelled()) {
        runner.fail(TurnFailure::Cancelled, QStringLiteral("The turn was stopped."));
        return;
    }
    const CallRecord &call = runner.turn().calls[m_judgeCall];
    const Result<QJsonObject> parsed = call.outcome.status == CallStatus::Succeeded
                                           ? extractJsonObject(call.outcome.text)
                                           : Result<QJsonObject>::failure(call.outcome.error.message);
    if (!parsed) {
        m_degradedReasons.append(QStringLiteral("The agreement judge %1 gave no usable verdict (%2); answers were compared by extraction")
                                     .arg(call.model, parsed.error()));
        checkByExtraction(runner);
        return;
    }
    QList<int> supporting;
    for (const QJsonValue &label : parsed->value(QStringLiteral("labels")).toArray()) {
        for (const LabelledAnswer &answer : m_judgeAnswers.answers()) {
            if (answer.label == label.toString() && !supporting.contains(answer.callIndex))
                supporting.append(answer.callIndex);
        }
    }
    const bool agreed = parsed->value(QStringLiteral("agree")).toBool() && supporting.size() >= requiredAgreement();
    if (agreed) {
        finish(runner, supporting.first(), true, parsed->value(QStringLiteral("answer")).toString(),
               QJsonObject{{QStringLiteral("judge"), call.model}});
        return;
    }
    if (int(m_stages.size()) < m_tiers.size()) {
        startTier(runner);
        return;
    }
    checkByExtraction(runner);
}

void CascadeStrategy::finish(TurnRunner &runner, int answerCall, bool agreed, const QString &finalAnswer,
                             const QJsonObject &extra)
{
    QJsonObject analysis = extra;
    analysis.insert(QStringLiteral("agreed"), agreed);
    analysis.insert(QStringLiteral("required_agreement"), requiredAgreement());
    analysis.insert(QStringLiteral("final_answer"), finalAnswer.isEmpty() ? QJsonValue() : QJsonValue(finalAnswer));
    analysis.insert(QStringLiteral("tiers_used"), int(m_stages.size()));
    analysis.insert(QStringLiteral("tiers_total"), int(m_tiers.size()));
    analysis.insert(QStringLiteral("agreement"), m_settings.agreement == AgreementMode::Judge ? QStringLiteral("judge")
                                                                                              : QStringLiteral("extraction"));
    runner.setAnalysis(analysis);
    const QString reason = joinReasons(m_degradedReasons);
    runner.complete(runner.turn().calls[answerCall].outcome.text, !reason.isEmpty(), reason);
}

} // namespace Consilium
