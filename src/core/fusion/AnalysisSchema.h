#pragma once

#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace Consilium {

// The analyst's JSON, as the "fusion" strategy expects it:
//
//   consensus         array of strings
//   contradictions    array of {topic: string, stances: [{model, stance}]}
//   partial_coverage  array of {point: string, models: [model]}
//   unique_insights   array of {model, insight: string}
//   blind_spots       array of strings
//
// where every model is one of the labels the analyst was shown.
namespace AnalysisSchema {

// Returns one message per problem, each naming its path, e.g.
// "contradictions[1].stances: expected an array"; empty when valid.
QStringList validate(const QJsonObject &analysis, const QStringList &knownModels);

// Returns the analysis with every model label replaced through
// `labelToModel` ("Model A" to the real model id). Unknown labels stay.
QJsonObject relabel(const QJsonObject &analysis, const QMap<QString, QString> &labelToModel);

} // namespace AnalysisSchema

} // namespace Consilium
