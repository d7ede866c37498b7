#include "CostDashboard.h"

#include "AppLogging.h"
#include "CostCharts.h"
#include "FileDialogs.h"
#include "SpendTableModel.h"

#include "cost/EvaluationResults.h"
#include "cost/SpendCsv.h"
#include "store/ConversationStore.h"

#include <QtCharts/QChart>
#include <QtCharts/QChartView>

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Consilium::App {

CostDashboard::CostDashboard(ConversationStore &store, SpendQueries::TimeZone zone, QWidget *parent)
    : QDialog(parent)
    , m_queries(std::make_unique<SpendQueries>(store.database(), zone))
{
    setWindowTitle(tr("Cost dashboard"));
    auto *tabs = new QTabWidget(this);
    tabs->addTab(makeTimeTab(), tr("Over time"));
    m_stageView = new QChartView(this);
    m_stageView->setRenderHint(QPainter::Antialiasing);
    tabs->addTab(m_stageView, tr("By stage"));
    tabs->addTab(makeTableTab(), tr("Table"));
    tabs->addTab(makeEstimatesTab(), tr("Estimate vs actual"));
    tabs->addTab(makeQualityTab(), tr("Quality per dollar"));

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(1000, 640);
    reload();
}

CostDashboard::~CostDashboard() = default;

QWidget *CostDashboard::makeTimeTab()
{
    auto *tab = new QWidget(this);
    m_periodBox = new QComboBox(tab);
    m_periodBox->addItem(tr("By day"), int(SpendQueries::Period::Day));
    m_periodBox->addItem(tr("By week"), int(SpendQueries::Period::Week));
    m_periodBox->addItem(tr("By month"), int(SpendQueries::Period::Month));
    connect(m_periodBox, &QComboBox::currentIndexChanged, this, [this] {
        setPeriod(SpendQueries::Period(m_periodBox->currentData().toInt()));
    });
    m_spendView = new QChartView(tab);
    m_spendView->setRenderHint(QPainter::Antialiasing);

    auto *layout = new QVBoxLayout(tab);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Group:"), tab));
    bar->addWidget(m_periodBox);
    bar->addStretch();
    layout->addLayout(bar);
    layout->addWidget(m_spendView);
    return tab;
}

QWidget *CostDashboard::makeTableTab()
{
    auto *tab = new QWidget(this);
    m_model = new SpendTableModel(this);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(SpendTableModel::kSortRole);
    m_table = new QTableView(tab);
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SpendTableModel::PeriodColumn, Qt::AscendingOrder);
    m_table->horizontalHeader()->setSectionResizeMode(SpendTableModel::ModelColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();

    auto *exportButton = new QPushButton(tr("Export CSV…"), tab);
    connect(exportButton, &QPushButton::clicked, this, [this] { exportCsv(); });
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(m_table);
    layout->addWidget(exportButton, 0, Qt::AlignRight);
    return tab;
}

QWidget *CostDashboard::makeEstimatesTab()
{
    m_estimates = new QStandardItemModel(0, 6, this);
    m_estimates->setHorizontalHeaderLabels({tr("Turn"), tr("Started"), tr("Estimate"), tr("Actual"),
                                            tr("Unknown-cost calls"), tr("Within estimate")});
    auto *view = new QTableView(this);
    view->setModel(m_estimates);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

QWidget *CostDashboard::makeQualityTab()
{
    auto *tab = new QWidget(this);
    auto *loadButton = new QPushButton(tr("Load evaluation results…"), tab);
    connect(loadButton, &QPushButton::clicked, this, [this] { loadEvaluationResults(); });
    m_qualityView = new QChartView(tab);
    m_qualityView->setRenderHint(QPainter::Antialiasing);
    replaceChart(m_qualityView, m_qualityChart, CostCharts::qualityPerDollar({}));
    m_frontLabel = new QLabel(tr("Run bench_strategies --json FILE, then load the file here."), tab);
    m_frontLabel->setWordWrap(true);

    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(loadButton, 0, Qt::AlignLeft);
    layout->addWidget(m_qualityView);
    layout->addWidget(m_frontLabel);
    return tab;
}

void CostDashboard::replaceChart(QChartView *view, QChart *&current, QChart *replacement)
{
    // QChartView deletes the chart it held when given a new one.
    view->setChart(replacement);
    current = replacement;
}

void CostDashboard::setRange(qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = toMs;
    reload();
}

void CostDashboard::setPeriod(SpendQueries::Period period)
{
    m_period = period;
    const int index = m_periodBox->findData(int(period));
    if (index != m_periodBox->currentIndex()) {
        m_periodBox->setCurrentIndex(index); // emits, which reloads
        return;
    }
    reload();
}

bool CostDashboard::reload()
{
    const Result<QList<SpendRow>> byPeriod = m_queries->spendByPeriod(m_period, m_fromMs, m_toMs);
    const Result<QList<SpendRow>> byStage = m_queries->spendByStage(m_fromMs, m_toMs);
    if (!byPeriod || !byStage) {
        showError(byPeriod ? byStage.error() : byPeriod.error());
        return false;
    }
    m_model->setRows(*byPeriod);
    replaceChart(m_spendView, m_spendChart, CostCharts::spendOverTime(*byPeriod));
    replaceChart(m_stageView, m_stageChart, CostCharts::spendByStage(*byStage));
    m_error->hide();
    return reloadEstimates();
}

bool CostDashboard::reloadEstimates()
{
    const Result<QList<EstimateVsActual>> rows = m_queries->estimatesVsActual();
    if (!rows) {
        showError(rows.error());
        return false;
    }
    m_estimates->setRowCount(0);
    for (const EstimateVsActual &row : *rows) {
        QString placement = tr("yes");
        if (row.actual < row.low)
            placement = tr("below");
        else if (row.actual > row.high)
            placement = tr("above");
        m_estimates->appendRow({
            new QStandardItem(QString::number(row.turnId)),
            new QStandardItem(QDateTime::fromMSecsSinceEpoch(row.createdAtMs).toString(Qt::ISODate)),
            new QStandardItem(row.low.toDisplayString() + QStringLiteral(" – ") + row.high.toDisplayString()),
            new QStandardItem(row.actual.toDisplayString()),
            new QStandardItem(QString::number(row.unknownCostCount)),
            new QStandardItem(placement),
        });
    }
    return true;
}

bool CostDashboard::exportCsv()
{
    const QString path = FileDialogs::saveFile(this, tr("Export spend as CSV"), QStringLiteral("spend.csv"),
                                               tr("CSV files (*.csv)"));
    return !path.isEmpty() && writeCsv(path);
}

bool CostDashboard::writeCsv(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        showError(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    file.write(spendRowsToCsv(m_model->rows()).toUtf8());
    if (!file.commit()) {
        showError(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

bool CostDashboard::loadEvaluationResults()
{
    const QString path = FileDialogs::openFile(this, tr("Load evaluation results"), tr("JSON files (*.json)"));
    return !path.isEmpty() && loadEvaluationResults(path);
}

bool CostDashboard::loadEvaluationResults(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    const Result<QList<QualityCostPoint>> points = readEvaluationResults(file.readAll());
    if (!points) {
        showError(points.error());
        return false;
    }
    replaceChart(m_qualityView, m_qualityChart, CostCharts::qualityPerDollar(*points));
    QStringList front;
    for (qsizetype index : paretoFront(*points))
        front.append(points->at(index).label + QStringLiteral(" (") + points->at(index).cost.toDisplayString() + u')');
    m_frontLabel->setText(tr("Pareto front, cheapest first: %1").arg(front.join(QStringLiteral("; "))));
    m_error->hide();
    return true;
}

void CostDashboard::showError(const QString &message)
{
    qCWarning(lcApp) << "cost dashboard:" << message;
    m_error->setText(message);
    m_error->show();
}

QString CostDashboard::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace Consilium::App
