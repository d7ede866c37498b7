#pragma once

#include "fusion/FusionSettings.h"
#include "fusion/Turn.h"
#include "provider/ChatRequest.h"

#include <QList>
#include <QSet>

#include <functional>

namespace Consilium {

class TurnRunner;

// One stage of parallel calls, one per member: the panel, a MoA layer, a
// debate round or a cascade tier. Every strategy runs its parallel work
// through this class, so quorum, deadline, stragglers, reuse of earlier
// answers (re-fuse, retry) and the failure summary behave the same in all.
class PanelStage
{
public:
    // When the stage may end before every member has finished.
    struct Rule
    {
        int quorum = 0;     // end once this many answered; 0 waits for all
        int deadlineMs = 0; // end this long after the start; 0 never
        StragglerPolicy stragglers = StragglerPolicy::Cancel;
    };
    using MessagesFor = std::function<QList<ChatMessage>(const Member &member, int position)>;

    static Rule ruleFrom(const FusionSettings &settings);

    // Starts one call per member (or reuses an earlier answer of the
    // member) and calls `onDone` once, from the event loop or from
    // handle(), when the stage ends.
    void start(TurnRunner &runner, const QList<Member> &members, Stage stage, int number,
               const MessagesFor &messagesFor, const Rule &rule, std::function<void()> onDone);
    // Returns true when the call belongs to this stage (finished or not).
    bool handle(TurnRunner &runner, int callIndex);

    bool isDone() const { return m_done; }
    bool contains(int callIndex) const { return m_calls.contains(callIndex); }
    const QList<int> &calls() const { return m_calls; }
    const QList<Member> &members() const { return m_members; }
    // Returns the calls that succeeded, in member order.
    QList<int> answered(const Turn &turn) const;
    // Returns the member that made `callIndex`.
    Member memberOf(int callIndex) const { return m_members.value(m_calls.indexOf(callIndex)); }

    // Fails the turn when fewer than `minAnswers` members answered, with a
    // typed reason; returns true when it did.
    bool failIfTooFew(TurnRunner &runner, int minAnswers) const;
    // Describes failed and cut-off members for Turn::degradedReason; empty
    // when every member answered.
    QString degradedReason(const Turn &turn) const;

private:
    void finishIfReady(TurnRunner &runner);
    void end(TurnRunner &runner);

    QList<Member> m_members;
    QList<int> m_calls;
    QSet<int> m_cutOff; // stragglers cancelled or left running when the stage ended
    Stage m_stage = Stage::Panel;
    int m_number = 0;
    Rule m_rule;
    std::function<void()> m_onDone;
    bool m_done = false;
    bool m_deadlinePassed = false;
};

// Returns messages that ask each member the turn's prompt after its own
// conversation history.
PanelStage::MessagesFor askPrompt(const TurnRunner &runner);
// Returns messages that ask each member `prompt` after its history.
PanelStage::MessagesFor askText(const TurnRunner &runner, const QString &prompt);

// Picks the typed reason for a stage in which nobody answered: a shared
// cause when every call failed the same way, the generic one otherwise.
TurnFailure failureForCalls(const QList<CallRecord> &calls, const QList<int> &indexes);
// Returns "model: message; model: message" for the calls that did not succeed.
QString describeFailures(const QList<CallRecord> &calls, const QList<int> &indexes);

} // namespace Consilium
