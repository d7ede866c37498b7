#include "TurnShapeSettings.h"

namespace Consilium {

TurnShape turnShapeFor(const FusionSettings &settings, qsizetype panelSize)
{
    TurnShape shape;
    shape.strategy = settings.strategy;
    // TurnShape::analyst doubles as best-of-n's judge.
    shape.analyst = settings.strategy == u"best-of-n" ? settings.judge : settings.analyst;
    shape.layers = settings.layers;
    shape.rounds = settings.rounds;
    // CascadeStrategy starts with a majority of the panel unless
    // agreeCount names the number.
    shape.cascadeFirstTier = settings.agreeCount > 0 ? settings.agreeCount : int(panelSize / 2 + 1);
    return shape;
}

} // namespace Consilium
