#pragma once

#include "common/Result.h"
#include "cost/ParetoFront.h"

#include <QByteArray>
#include <QList>

namespace Consilium {

// Reads the JSON that `bench_strategies --json FILE` writes:
//   {"rows": [{"label": "vote, 5 × 70%", "single_model": false,
//              "accuracy": 0.837, "questions": 1000,
//              "total_cost_usd": "0.0242", ...}, ...]}
// The cost is a decimal string so that it stays exact. Returns an error
// naming the first invalid row.
Result<QList<QualityCostPoint>> readEvaluationResults(const QByteArray &json);

} // namespace Consilium
