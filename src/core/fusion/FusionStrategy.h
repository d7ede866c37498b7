#pragma once

#include <QString>

namespace Consilium {

class TurnRunner;

// How a turn goes from the prompt to the fused answer. The runner owns the
// calls and the turn record; a strategy only decides which calls to start
// and when the turn is done.
class FusionStrategy
{
public:
    virtual ~FusionStrategy() = default;

    virtual QString name() const = 0;
    // Starts the first calls of the turn.
    virtual void begin(TurnRunner &runner) = 0;
    // Reacts to one call ending (any status); the call's record is final.
    virtual void onCallFinished(TurnRunner &runner, int callIndex) = 0;
};

} // namespace Consilium
