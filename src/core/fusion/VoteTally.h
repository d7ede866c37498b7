#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Consilium {

// One member's vote: its reduced final answer, or nothing when none could
// be extracted (such a vote counts as cast but supports no value).
struct Vote
{
    QString model;
    int callIndex = -1;
    std::optional<QString> value;
};

// The majority over a list of votes.
struct VoteResult
{
    QString winner;     // empty when no vote had a value
    int winnerVotes = 0;
    int castVotes = 0;  // every vote, with or without a value
    bool tied = false;  // several values had the winner's count
    QString decidedBy;  // "majority", "tie-breaker <model>" or "first in panel order"
    QList<QPair<QString, int>> counts; // values in order of first appearance

    // The agreement ratio shown as confidence: winner votes / cast votes.
    double confidence() const { return castVotes ? double(winnerVotes) / castVotes : 0.0; }
    // Returns the index of the first vote for the winner, or -1.
    int firstWinningVote(const QList<Vote> &votes) const;
    QJsonObject toJson(const QList<Vote> &votes) const;
};

// Counts the votes. A tie goes to `tieBreakerModel`'s value when that
// member voted for one of the tied values, else to the tied value that
// appeared first (panel order).
VoteResult tallyVotes(const QList<Vote> &votes, const QString &tieBreakerModel);

} // namespace Consilium
