#include "VoteStage.h"

#include "fusion/AnswerExtractor.h"
#include "fusion/PromptTemplates.h"
#include "fusion/TurnRunner.h"
#include "fusion/WriterStage.h"

namespace Consilium {

void VoteStage::start(TurnRunner &runner, const QList<int> &calls, const FusionSettings &settings,
                      std::function<void()> onDone)
{
    m_settings = settings;
    m_onDone = std::move(onDone);
    const Turn &turn = runner.turn();
    for (int index : calls) {
        const CallRecord &call = turn.calls[index];
        m_votes.append(Vote{call.model, index, AnswerExtractor::extract(call.outcome.text, settings.extraction)});
    }
    if (settings.extraction != ExtractionMode::Model) {
        finish();
        return;
    }

    Member extractor = settings.extractor;
    if (!extractor.temperature)
        extractor.temperature = 0.0;
    for (const Vote &vote : std::as_const(m_votes)) {
        const QString prompt = PromptTemplates::fill(
            settings.templateFor(QStringLiteral("extractor")),
            {{QStringLiteral("question"), turn.prompt}, {QStringLiteral("answer"), turn.calls[vote.callIndex].outcome.text}});
        m_extractorCalls.append(
            runner.startCall(extractor, Stage::Extractor, {ChatMessage{QStringLiteral("user"), prompt}}));
    }
    m_pending = int(m_extractorCalls.size());
    if (m_pending == 0)
        finish();
}

bool VoteStage::handle(TurnRunner &runner, int callIndex)
{
    const int position = int(m_extractorCalls.indexOf(callIndex));
    if (position < 0)
        return false;
    const CallRecord &call = runner.turn().calls[callIndex];
    const QString normalized = AnswerExtractor::normalize(call.outcome.text);
    if (call.outcome.status == CallStatus::Succeeded && !normalized.isEmpty() && normalized != u"none") {
        m_votes[position].value = normalized;
    } else if (call.outcome.status != CallStatus::Succeeded) {
        // The Auto extraction made in start() stays as this vote's value.
        m_extractorFailures.append(QStringLiteral("%1 (%2)").arg(m_votes[position].model, call.outcome.error.message));
    } else {
        m_votes[position].value.reset();
    }
    if (--m_pending == 0)
        finish();
    return true;
}

void VoteStage::finish()
{
    if (m_onDone)
        m_onDone();
}

VoteResult VoteStage::result() const
{
    return tallyVotes(m_votes, m_settings.tieBreaker);
}

void VoteStage::completeTurn(TurnRunner &runner, const QStringList &earlierReasons,
                             const QJsonObject &extraAnalysis) const
{
    if (runner.isCancelled()) {
        runner.fail(TurnFailure::Cancelled, QStringLiteral("The turn was stopped."));
        return;
    }
    const VoteResult tally = result();
    QJsonObject analysis = tally.toJson(m_votes);
    analysis.insert(QStringLiteral("extraction"), extractionModeName(m_settings.extraction));
    for (auto it = extraAnalysis.constBegin(); it != extraAnalysis.constEnd(); ++it)
        analysis.insert(it.key(), it.value());
    runner.setAnalysis(analysis);

    QStringList reasons = earlierReasons;
    if (!m_extractorFailures.isEmpty()) {
        reasons.append(QStringLiteral("The extractor failed for %1; those answers were reduced in code")
                           .arg(m_extractorFailures.join(QStringLiteral(", "))));
    }
    const int winning = tally.firstWinningVote(m_votes);
    if (winning < 0) {
        reasons.append(QStringLiteral("No final answer could be extracted from any answer; showing the first answer"));
        runner.complete(runner.turn().calls[m_votes.first().callIndex].outcome.text, true, joinReasons(reasons));
        return;
    }
    const QString reason = joinReasons(reasons);
    runner.complete(runner.turn().calls[m_votes[winning].callIndex].outcome.text, !reason.isEmpty(), reason);
}

} // namespace Consilium
