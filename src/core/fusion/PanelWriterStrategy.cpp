#include "PanelWriterStrategy.h"

#include "fusion/PromptTemplates.h"
#include "fusion/TurnRunner.h"

#include <QStringList>

namespace Consilium {

namespace {

// Picks the typed reason for a turn in which no member answered: a shared
// cause when every member failed the same way, the generic one otherwise.
TurnFailure failureForPanel(const QList<CallRecord> &calls, const QList<int> &panelCalls)
{
    bool allCredits = true;
    bool allRateLimited = true;
    for (int index : panelCalls) {
        const ErrorKind kind = calls[index].outcome.error.kind;
        allCredits = allCredits && kind == ErrorKind::Credits;
        allRateLimited = allRateLimited && kind == ErrorKind::RateLimited;
    }
    if (allCredits)
        return TurnFailure::InsufficientCredits;
    if (allRateLimited)
        return TurnFailure::RateLimited;
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

} // namespace

void PanelWriterStrategy::begin(TurnRunner &runner)
{
    QList<ChatMessage> messages = runner.history();
    messages.append(ChatMessage{QStringLiteral("user"), runner.turn().prompt});
    for (const Member &member : runner.ensemble().panel)
        m_panelCalls.append(runner.startCall(member, Stage::Panel, messages));
}

void PanelWriterStrategy::onCallFinished(TurnRunner &runner, int callIndex)
{
    if (m_panelCalls.contains(callIndex)) {
        if (runner.turn().calls[callIndex].outcome.status == CallStatus::Succeeded)
            m_answered.append(callIndex);
        if (++m_panelFinished == m_panelCalls.size())
            onPanelDone(runner);
    } else {
        onWriterDone(runner, callIndex);
    }
}

void PanelWriterStrategy::onPanelDone(TurnRunner &runner)
{
    const QList<CallRecord> &calls = runner.turn().calls;
    if (runner.isCancelled()) {
        runner.fail(TurnFailure::Cancelled, QStringLiteral("The turn was stopped."));
        return;
    }
    if (m_answered.isEmpty()) {
        runner.fail(failureForPanel(calls, m_panelCalls),
                    QStringLiteral("No panel member answered. %1").arg(describeFailures(calls, m_panelCalls)));
        return;
    }
    // Keep panel order, so the writer sees answers in a stable order.
    std::sort(m_answered.begin(), m_answered.end());
    if (m_answered.size() < m_panelCalls.size()) {
        m_degradedReason = QStringLiteral("%1 of %2 panel members failed: %3")
                               .arg(m_panelCalls.size() - m_answered.size())
                               .arg(m_panelCalls.size())
                               .arg(describeFailures(calls, m_panelCalls));
    }

    QList<ChatMessage> messages = runner.history();
    messages.append(ChatMessage{QStringLiteral("user"), writerPrompt(runner)});
    runner.startCall(runner.ensemble().writer, Stage::Writer, messages, true);
}

void PanelWriterStrategy::onWriterDone(TurnRunner &runner, int callIndex)
{
    const CallRecord &writer = runner.turn().calls[callIndex];
    const bool degraded = !m_degradedReason.isEmpty();
    if (writer.outcome.status == CallStatus::Succeeded) {
        runner.complete(writer.outcome.text, degraded, m_degradedReason);
        return;
    }
    if (runner.isCancelled()) {
        runner.fail(TurnFailure::Cancelled, QStringLiteral("The turn was stopped while the writer was answering."));
        return;
    }
    // A degraded panel still answers: show the first member's answer as is.
    const CallRecord &fallback = runner.turn().calls[m_answered.first()];
    QString reason = QStringLiteral("The writer %1 failed (%2); showing %3's answer unfused.")
                         .arg(writer.model, writer.outcome.error.message, fallback.model);
    if (degraded)
        reason = m_degradedReason + QStringLiteral(". ") + reason;
    runner.complete(fallback.outcome.text, true, reason);
}

QString PanelWriterStrategy::writerPrompt(const TurnRunner &runner) const
{
    const QString block = PromptTemplates::load(QStringLiteral("answer-block"));
    QString answers;
    int position = 0;
    for (int index : m_answered) {
        const QString label = QString(QChar(u'A' + position % 26));
        answers += PromptTemplates::fill(block, {{QStringLiteral("label"), label},
                                                 {QStringLiteral("answer"), runner.turn().calls[index].outcome.text}});
        ++position;
    }
    return PromptTemplates::fill(PromptTemplates::load(QStringLiteral("writer")),
                                 {{QStringLiteral("question"), runner.turn().prompt},
                                  {QStringLiteral("answers"), answers.trimmed()}});
}

} // namespace Consilium
