#pragma once

#include "fusion/Turn.h"

#include <QString>

namespace Consilium {

class TurnRunner;
struct Member;

// The last call of a turn, whose content streams as the answer: the
// writer of "fusion" and "debate", the aggregator of "moa". When it fails
// the turn still answers with a fallback answer and says so.
class WriterStage
{
public:
    // What the turn shows when the writer fails.
    struct Fallback
    {
        QString text;
        QString model;
    };

    // Starts the call; `prompt` follows the member's conversation history.
    void start(TurnRunner &runner, const Member &member, Stage stage, const QString &prompt);
    // Ends the turn when `callIndex` is the writer's call, with
    // `degradedReason` from earlier stages; returns false for other calls.
    bool handle(TurnRunner &runner, int callIndex, const Fallback &fallback, const QString &degradedReason) const;

    int call() const { return m_call; }

private:
    int m_call = -1;
};

// Joins non-empty reasons into one sentence list.
QString joinReasons(const QStringList &reasons);

} // namespace Consilium
