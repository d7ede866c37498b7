#include "VoteTally.h"

#include <QJsonArray>

namespace Consilium {

int VoteResult::firstWinningVote(const QList<Vote> &votes) const
{
    for (int i = 0; i < votes.size(); ++i) {
        if (votes[i].value == winner)
            return i;
    }
    return -1;
}

QJsonObject VoteResult::toJson(const QList<Vote> &votes) const
{
    QJsonArray voteArray;
    for (const Vote &vote : votes) {
        voteArray.append(QJsonObject{{QStringLiteral("model"), vote.model},
                                     {QStringLiteral("answer"), vote.value ? QJsonValue(*vote.value) : QJsonValue()}});
    }
    QJsonArray countArray;
    for (const auto &[value, count] : counts)
        countArray.append(QJsonObject{{QStringLiteral("answer"), value}, {QStringLiteral("votes"), count}});
    return QJsonObject{
        {QStringLiteral("final_answer"), winner.isEmpty() ? QJsonValue() : QJsonValue(winner)},
        {QStringLiteral("confidence"), confidence()},
        {QStringLiteral("winner_votes"), winnerVotes},
        {QStringLiteral("cast_votes"), castVotes},
        {QStringLiteral("tied"), tied},
        {QStringLiteral("decided_by"), decidedBy},
        {QStringLiteral("tally"), countArray},
        {QStringLiteral("votes"), voteArray},
    };
}

VoteResult tallyVotes(const QList<Vote> &votes, const QString &tieBreakerModel)
{
    VoteResult result;
    result.castVotes = int(votes.size());
    for (const Vote &vote : votes) {
        if (!vote.value)
            continue;
        auto it = std::find_if(result.counts.begin(), result.counts.end(),
                               [&vote](const QPair<QString, int> &entry) { return entry.first == *vote.value; });
        if (it == result.counts.end())
            result.counts.append({*vote.value, 1});
        else
            ++it->second;
    }
    QStringList tiedValues;
    for (const auto &[value, count] : std::as_const(result.counts)) {
        if (count > result.winnerVotes) {
            result.winnerVotes = count;
            tiedValues = {value};
        } else if (count == result.winnerVotes) {
            tiedValues.append(value);
        }
    }
    if (tiedValues.isEmpty())
        return result;
    result.winner = tiedValues.first();
    result.tied = tiedValues.size() > 1;
    result.decidedBy = QStringLiteral("majority");
    if (!result.tied)
        return result;
    result.decidedBy = QStringLiteral("first in panel order");
    for (const Vote &vote : votes) {
        if (vote.model == tieBreakerModel && vote.value && tiedValues.contains(*vote.value)) {
            result.winner = *vote.value;
            result.decidedBy = QStringLiteral("tie-breaker ") + tieBreakerModel;
        }
    }
    return result;
}

} // namespace Consilium
