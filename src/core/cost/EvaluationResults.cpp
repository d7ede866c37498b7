#include "EvaluationResults.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Consilium {

namespace {

Result<QualityCostPoint> readRow(const QJsonObject &row, qsizetype index)
{
    QualityCostPoint point;
    point.label = row.value(QStringLiteral("label")).toString();
    point.accuracy = row.value(QStringLiteral("accuracy")).toDouble(-1);
    point.questions = row.value(QStringLiteral("questions")).toInt();
    point.singleModel = row.value(QStringLiteral("single_model")).toBool();
    const std::optional<Money> cost =
        Money::fromDecimalString(row.value(QStringLiteral("total_cost_usd")).toString());

    const auto invalid = [index](const QString &what) {
        return Result<QualityCostPoint>::failure(
            QStringLiteral("row %1 of the evaluation results is invalid: %2").arg(index + 1).arg(what));
    };
    if (point.label.isEmpty())
        return invalid(QStringLiteral("the label is missing"));
    if (point.accuracy < 0 || point.accuracy > 1)
        return invalid(QStringLiteral("accuracy must be a number from 0 to 1"));
    if (!cost || cost->isNegative())
        return invalid(QStringLiteral("total_cost_usd must be a decimal string such as \"0.0125\""));
    point.cost = *cost;
    return point;
}

} // namespace

Result<QList<QualityCostPoint>> readEvaluationResults(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Result<QList<QualityCostPoint>>::failure(
            QStringLiteral("the evaluation results are not valid JSON: %1").arg(parseError.errorString()));
    }
    const QJsonArray rows = document.object().value(QStringLiteral("rows")).toArray();
    if (rows.isEmpty())
        return Result<QList<QualityCostPoint>>::failure(QStringLiteral("the evaluation results have no \"rows\""));

    QList<QualityCostPoint> points;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        Result<QualityCostPoint> point = readRow(rows[i].toObject(), i);
        if (!point)
            return Result<QList<QualityCostPoint>>::failure(point.error());
        points.append(std::move(point).value());
    }
    return points;
}

} // namespace Consilium
