#pragma once

#include "cost/ParetoFront.h"
#include "store/SpendQueries.h"

#include <QList>

class QChart;

namespace Consilium::App::CostCharts {

// Chart builders for the cost dashboard. Bar heights are US dollars as
// double, which is fine for drawing; exact amounts are in the table.
// The caller owns the returned chart.

// Stacked bars: one category per period, one bar set per model.
QChart *spendOverTime(const QList<SpendRow> &rows);
// One bar per stage label.
QChart *spendByStage(const QList<SpendRow> &rows);
// Accuracy (%) against cost: series "Ensembles" and "Single models", and
// "Pareto front", a line through the points paretoFront() returns.
QChart *qualityPerDollar(const QList<QualityCostPoint> &points);

// Object names of the quality chart's series, for tests and styling.
inline constexpr char kEnsembleSeries[] = "ensembles";
inline constexpr char kSingleModelSeries[] = "singleModels";
inline constexpr char kParetoSeries[] = "paretoFront";

} // namespace Consilium::App::CostCharts
