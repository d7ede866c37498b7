#include "CostCharts.h"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QStackedBarSeries>
#include <QtCharts/QValueAxis>

#include <QMap>

#include <algorithm>

namespace Consilium::App::CostCharts {

namespace {

QValueAxis *dollarAxis(const QString &title)
{
    auto *axis = new QValueAxis;
    axis->setTitleText(title);
    axis->setLabelFormat(QStringLiteral("$%.4f"));
    axis->setMin(0);
    return axis;
}

void attachAxes(QChart *chart, QAbstractSeries *series, QAbstractAxis *x, QAbstractAxis *y)
{
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setAnimationOptions(QChart::NoAnimation);
    return chart;
}

} // namespace

QChart *spendOverTime(const QList<SpendRow> &rows)
{
    QStringList periods;
    QMap<QString, QMap<QString, double>> usdByModel; // model -> period -> USD
    for (const SpendRow &row : rows) {
        if (!periods.contains(row.period))
            periods.append(row.period);
        usdByModel[row.model][row.period] += row.cost.usd();
    }
    std::sort(periods.begin(), periods.end());

    auto *series = new QStackedBarSeries;
    double highest = 0;
    QList<double> stackHeights(periods.size(), 0.0);
    for (auto model = usdByModel.cbegin(); model != usdByModel.cend(); ++model) {
        auto *set = new QBarSet(model.key());
        for (qsizetype i = 0; i < periods.size(); ++i) {
            const double usd = model.value().value(periods[i], 0.0);
            set->append(usd);
            stackHeights[i] += usd;
        }
        series->append(set);
    }
    for (double height : stackHeights)
        highest = std::max(highest, height);

    QChart *chart = newChart(QObject::tr("Spend by model over time"));
    chart->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    categories->append(periods);
    QValueAxis *dollars = dollarAxis(QObject::tr("US dollars"));
    dollars->setMax(highest > 0 ? highest * 1.1 : 1.0);
    dollars->applyNiceNumbers(); // round tick values such as $0.0050
    attachAxes(chart, series, categories, dollars);
    return chart;
}

QChart *spendByStage(const QList<SpendRow> &rows)
{
    auto *set = new QBarSet(QObject::tr("Known spend"));
    QStringList stages;
    double highest = 0;
    for (const SpendRow &row : rows) {
        stages.append(row.stage);
        set->append(row.cost.usd());
        highest = std::max(highest, row.cost.usd());
    }
    auto *series = new QBarSeries;
    series->append(set);

    QChart *chart = newChart(QObject::tr("Spend by stage"));
    chart->addSeries(series);
    chart->legend()->hide();
    auto *categories = new QBarCategoryAxis;
    categories->append(stages);
    QValueAxis *dollars = dollarAxis(QObject::tr("US dollars"));
    dollars->setMax(highest > 0 ? highest * 1.1 : 1.0);
    dollars->applyNiceNumbers(); // round tick values such as $0.0050
    attachAxes(chart, series, categories, dollars);
    return chart;
}

QChart *qualityPerDollar(const QList<QualityCostPoint> &points)
{
    auto *ensembles = new QScatterSeries;
    ensembles->setName(QObject::tr("Ensembles"));
    ensembles->setObjectName(QString::fromLatin1(kEnsembleSeries));
    auto *singles = new QScatterSeries;
    singles->setName(QObject::tr("Single models"));
    singles->setObjectName(QString::fromLatin1(kSingleModelSeries));
    singles->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    auto *front = new QLineSeries;
    front->setName(QObject::tr("Pareto front"));
    front->setObjectName(QString::fromLatin1(kParetoSeries));
    front->setPointsVisible(true);

    double maxCost = 0;
    for (const QualityCostPoint &point : points) {
        const QPointF position(point.cost.usd(), 100 * point.accuracy);
        (point.singleModel ? singles : ensembles)->append(position);
        maxCost = std::max(maxCost, point.cost.usd());
    }
    for (qsizetype index : paretoFront(points))
        front->append(points[index].cost.usd(), 100 * points[index].accuracy);

    QChart *chart = newChart(QObject::tr("Accuracy against cost"));
    QValueAxis *cost = dollarAxis(QObject::tr("Total cost of the evaluation run"));
    cost->setMax(maxCost > 0 ? maxCost * 1.1 : 1.0);
    cost->applyNiceNumbers();
    auto *accuracy = new QValueAxis;
    accuracy->setTitleText(QObject::tr("Accuracy (%)"));
    accuracy->setRange(0, 100);
    chart->addAxis(cost, Qt::AlignBottom);
    chart->addAxis(accuracy, Qt::AlignLeft);
    for (QAbstractSeries *series : QList<QAbstractSeries *>{front, ensembles, singles}) {
        chart->addSeries(series);
        series->attachAxis(cost);
        series->attachAxis(accuracy);
    }
    return chart;
}

} // namespace Consilium::App::CostCharts
