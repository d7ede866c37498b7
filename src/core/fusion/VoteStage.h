#pragma once

#include "fusion/FusionSettings.h"
#include "fusion/VoteTally.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <functional>

namespace Consilium {

class TurnRunner;

// Reduces answers to votes and ends the turn with the majority: the "vote"
// strategy, and the vote that may close a debate. With ExtractionMode::Model
// an extractor call per answer normalises it (stage "extractor"); an
// extractor that fails leaves that answer to the Auto extraction, and the
// turn says so. Other modes extract in code, at once.
class VoteStage
{
public:
    // Extracts the votes of the succeeded calls `calls` and then calls
    // `onDone` once (synchronously when no extractor model is used).
    void start(TurnRunner &runner, const QList<int> &calls, const FusionSettings &settings,
               std::function<void()> onDone);
    // Returns true when the call is one of this stage's extractor calls.
    bool handle(TurnRunner &runner, int callIndex);

    const QList<Vote> &votes() const { return m_votes; }
    VoteResult result() const;
    // Completes the turn with the text of the first answer that voted for
    // the winner; the analysis holds the tally plus `extraAnalysis`.
    void completeTurn(TurnRunner &runner, const QStringList &earlierReasons,
                      const QJsonObject &extraAnalysis = {}) const;

private:
    void finish();

    FusionSettings m_settings;
    QList<Vote> m_votes;
    QList<int> m_extractorCalls; // parallel to m_votes when a model extracts
    QStringList m_extractorFailures;
    int m_pending = 0;
    std::function<void()> m_onDone;
};

} // namespace Consilium
