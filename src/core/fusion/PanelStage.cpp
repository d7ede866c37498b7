#include "PanelStage.h"

#include "common/Logging.h"
#include "fusion/TurnRunner.h"

#include <QStringList>

namespace Consilium {

PanelStage::Rule PanelStage::ruleFrom(const FusionSettings &settings)
{
    return Rule{settings.quorum, settings.deadlineMs, settings.stragglers};
}

void PanelStage::start(TurnRunner &runner, const QList<Member> &members, Stage stage, int number,
                       const MessagesFor &messagesFor, const Rule &rule, std::function<void()> onDone)
{
    m_members = members;
    m_stage = stage;
    m_number = number;
    m_rule = rule;
    m_onDone = std::move(onDone);

    CallOptions options;
    options.stage = stage;
    options.stageNumber = number;
    for (int position = 0; position < members.size(); ++position) {
        const Member &member = members[position];
        const int reused = runner.takeReusedCall(member);
        m_calls.append(reused >= 0 ? reused : runner.startCall(member, messagesFor(member, position), options));
    }
    if (rule.deadlineMs > 0) {
        runner.schedule(rule.deadlineMs, [this, &runner] {
            if (m_done)
                return;
            qCInfo(lcFusion) << stageLabel(m_stage, m_number) << "deadline passed";
            m_deadlinePassed = true;
            end(runner);
        });
    }
    // Reused answers are final already; end from the event loop so that a
    // strategy never sees its stage end inside its own start().
    runner.schedule(0, [this, &runner] { finishIfReady(runner); });
}

bool PanelStage::handle(TurnRunner &runner, int callIndex)
{
    if (!m_calls.contains(callIndex))
        return false;
    finishIfReady(runner);
    return true;
}

void PanelStage::finishIfReady(TurnRunner &runner)
{
    if (m_done)
        return;
    const Turn &turn = runner.turn();
    int finished = 0;
    for (int index : std::as_const(m_calls))
        finished += runner.isCallFinished(index) ? 1 : 0;
    const int answeredCount = int(answered(turn).size());
    const bool quorumReached = m_rule.quorum > 0 && answeredCount >= m_rule.quorum;
    if (finished == m_calls.size() || quorumReached)
        end(runner);
}

void PanelStage::end(TurnRunner &runner)
{
    // Mark the stage done first: cancelling a straggler finishes it at once,
    // and handle() must then ignore it.
    m_done = true;
    for (int index : std::as_const(m_calls)) {
        if (runner.isCallFinished(index))
            continue;
        m_cutOff.insert(index);
        if (m_rule.stragglers == StragglerPolicy::Cancel)
            runner.cancelCall(index);
    }
    if (!m_cutOff.isEmpty())
        qCInfo(lcFusion) << stageLabel(m_stage, m_number) << "ended with" << m_cutOff.size()
                         << "members still answering";
    if (runner.isRunning() && m_onDone)
        m_onDone();
}

QList<int> PanelStage::answered(const Turn &turn) const
{
    QList<int> result;
    for (int index : m_calls) {
        if (turn.calls[index].outcome.status == CallStatus::Succeeded && !m_cutOff.contains(index))
            result.append(index);
    }
    return result;
}

bool PanelStage::failIfTooFew(TurnRunner &runner, int minAnswers) const
{
    const Turn &turn = runner.turn();
    const int count = int(answered(turn).size());
    if (runner.isCancelled()) {
        runner.fail(TurnFailure::Cancelled, QStringLiteral("The turn was stopped."));
        return true;
    }
    const QString label = stageLabel(m_stage, m_number);
    if (count == 0) {
        QList<int> failed;
        for (int index : m_calls) {
            if (!m_cutOff.contains(index))
                failed.append(index);
        }
        const TurnFailure failure = failed.isEmpty() ? TurnFailure::BelowQuorum
                                                     : failureForCalls(turn.calls, failed);
        runner.fail(failure, QStringLiteral("No %1 member answered. %2").arg(label, degradedReason(turn)));
        return true;
    }
    if (count < minAnswers) {
        runner.fail(TurnFailure::BelowQuorum,
                    QStringLiteral("Only %1 of %2 %3 members answered; at least %4 are required. %5")
                        .arg(count)
                        .arg(m_calls.size())
                        .arg(label)
                        .arg(minAnswers)
                        .arg(degradedReason(turn)));
        return true;
    }
    return false;
}

QString PanelStage::degradedReason(const Turn &turn) const
{
    QList<int> failed;
    for (int index : m_calls) {
        if (turn.calls[index].outcome.status != CallStatus::Succeeded && !m_cutOff.contains(index))
            failed.append(index);
    }
    QStringList parts;
    const QString label = stageLabel(m_stage, m_number);
    if (!failed.isEmpty()) {
        parts.append(QStringLiteral("%1 of %2 %3 members failed: %4")
                         .arg(failed.size())
                         .arg(m_calls.size())
                         .arg(label, describeFailures(turn.calls, failed)));
    }
    // Members cut off by a quorum were not needed; a deadline cut them short.
    if (m_deadlinePassed && !m_cutOff.isEmpty()) {
        QStringList models;
        for (int index : m_cutOff)
            models.append(turn.calls[index].model);
        models.sort();
        parts.append(QStringLiteral("the %1 deadline of %2 ms passed before %3 answered")
                         .arg(label)
                         .arg(m_rule.deadlineMs)
                         .arg(models.join(QStringLiteral(", "))));
    }
    return parts.join(QStringLiteral("; "));
}

PanelStage::MessagesFor askPrompt(const TurnRunner &runner)
{
    return askText(runner, runner.turn().prompt);
}

PanelStage::MessagesFor askText(const TurnRunner &runner, const QString &prompt)
{
    return [&runner, prompt](const Member &member, int) {
        QList<ChatMessage> messages = runner.historyFor(member);
        messages.append(ChatMessage{QStringLiteral("user"), prompt});
        return messages;
    };
}

TurnFailure failureForCalls(const QList<CallRecord> &calls, const QList<int> &indexes)
{
    bool allCredits = !indexes.isEmpty();
    bool allRateLimited = !indexes.isEmpty();
    bool allCancelled = !indexes.isEmpty();
    for (int index : indexes) {
        const CallOutcome &outcome = calls[index].outcome;
        allCredits = allCredits && outcome.error.kind == ErrorKind::Credits;
        allRateLimited = allRateLimited && outcome.error.kind == ErrorKind::RateLimited;
        allCancelled = allCancelled && outcome.status == CallStatus::Cancelled;
    }
    if (allCredits)
        return TurnFailure::InsufficientCredits;
    if (allRateLimited)
        return TurnFailure::RateLimited;
    if (allCancelled)
        return TurnFailure::Cancelled;
    return TurnFailure::AllMembersFailed;
}

QString describeFailures(const QList<CallRecord> &calls, const QList<int> &indexes)
{
    QStringList parts;
    for (int index : indexes) {
        const CallRecord &call = calls[index];
        if (call.outcome.status != CallStatus::Succeeded)
            parts.append(QStringLiteral("%1: %2").arg(call.model, call.outcome.error.message));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace Consilium
