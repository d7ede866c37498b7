#include "ParetoFront.h"

#include <algorithm>

namespace Consilium {

namespace {

bool dominates(const QualityCostPoint &a, const QualityCostPoint &b)
{
    const bool noWorse = a.accuracy >= b.accuracy && a.cost <= b.cost;
    const bool better = a.accuracy > b.accuracy || a.cost < b.cost;
    return noWorse && better;
}

} // namespace

QList<qsizetype> paretoFront(const QList<QualityCostPoint> &points)
{
    // Quadratic, but evaluation files hold tens of rows, not thousands.
    QList<qsizetype> front;
    for (qsizetype i = 0; i < points.size(); ++i) {
        const bool dominated = std::any_of(points.cbegin(), points.cend(), [&](const QualityCostPoint &other) {
            return dominates(other, points[i]);
        });
        if (!dominated)
            front.append(i);
    }
    std::stable_sort(front.begin(), front.end(),
                     [&](qsizetype a, qsizetype b) { return points[a].cost < points[b].cost; });
    return front;
}

} // namespace Consilium
