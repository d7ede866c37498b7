#pragma once

#include "common/Money.h"

#include <QList>
#include <QString>

namespace Consilium {

// One evaluated configuration: an ensemble with a strategy, or a single
// model, with its accuracy on an evaluation run and what the run cost.
struct QualityCostPoint
{
    QString label;
    double accuracy = 0; // fraction of questions answered right, 0..1
    Money cost;          // total cost of the run
    int questions = 0;
    bool singleModel = false;
};

// Returns the indices of the points no other point dominates, ordered by
// cost. A point is dominated when another has at least its accuracy and
// at most its cost, and is strictly better in one of them. Equal points
// do not dominate each other, so both stay on the front.
QList<qsizetype> paretoFront(const QList<QualityCostPoint> &points);

} // namespace Consilium
