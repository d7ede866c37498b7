#include "WriterStage.h"

#include "fusion/TurnRunner.h"

namespace Consilium {

void WriterStage::start(TurnRunner &runner, const Member &member, Stage stage, const QString &prompt)
{
    QList<ChatMessage> messages = runner.historyFor(member);
    messages.append(ChatMessage{QStringLiteral("user"), prompt});
    CallOptions options;
    options.stage = stage;
    options.isAnswer = true;
    m_call = runner.startCall(member, messages, options);
}

bool WriterStage::handle(TurnRunner &runner, int callIndex, const Fallback &fallback,
                         const QString &degradedReason) const
{
    if (callIndex != m_call || m_call < 0)
        return false;
    const CallRecord &writer = runner.turn().calls[callIndex];
    if (writer.outcome.status == CallStatus::Succeeded) {
        runner.complete(writer.outcome.text, !degradedReason.isEmpty(), degradedReason);
        return true;
    }
    if (runner.isCancelled()) {
        runner.fail(TurnFailure::Cancelled,
                    QStringLiteral("The turn was stopped while the %1 was answering.").arg(writer.stageText()));
        return true;
    }
    // The turn still answers: show one earlier answer as is.
    const QString reason = QStringLiteral("The %1 %2 failed (%3); showing %4's answer unfused.")
                               .arg(writer.stageText(), writer.model, writer.outcome.error.message, fallback.model);
    runner.complete(fallback.text, true, joinReasons({degradedReason, reason}));
    return true;
}

QString joinReasons(const QStringList &reasons)
{
    QStringList parts;
    for (const QString &reason : reasons) {
        QString part = reason.trimmed();
        if (part.isEmpty())
            continue;
        if (!part.endsWith(u'.'))
            part += u'.';
        part[0] = part[0].toUpper();
        parts.append(part);
    }
    return parts.join(u' ');
}

} // namespace Consilium
