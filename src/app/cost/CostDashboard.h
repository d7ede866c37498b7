#pragma once

#include "cost/ParetoFront.h"
#include "store/SpendQueries.h"

#include <QDialog>

#include <limits>

#include <memory>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace Consilium {
class ConversationStore;
}

namespace Consilium::App {

class SpendTableModel;

// A dialog with the history's spend: by model over time (day, week or month),
// spend by stage, a sortable table with CSV export, each turn's estimate
// next to its actual cost, and accuracy per dollar from evaluation runs.
// Reads the store on the GUI thread, so it must be the GUI thread's store.
class CostDashboard : public QDialog
{
    Q_OBJECT

public:
    explicit CostDashboard(ConversationStore &store, SpendQueries::TimeZone zone = SpendQueries::TimeZone::Local,
                           QWidget *parent = nullptr);
    ~CostDashboard() override;

    // Limits every view to calls in [fromMs, toMs); all time by default.
    void setRange(qint64 fromMs, qint64 toMs);
    void setPeriod(SpendQueries::Period period);
    // Re-reads the store; returns false (and shows the error) on failure.
    bool reload();

    // Asks for a file name and writes the table's rows as CSV.
    bool exportCsv();
    // Writes the table's rows as CSV to `path`, atomically.
    bool writeCsv(const QString &path);
    // Asks for a bench_strategies --json file and shows it.
    bool loadEvaluationResults();
    bool loadEvaluationResults(const QString &path);

    // The views, for tests.
    QChart *spendChart() const { return m_spendChart; }
    QChart *stageChart() const { return m_stageChart; }
    QChart *qualityChart() const { return m_qualityChart; }
    QTableView *spendTable() const { return m_table; }
    SpendTableModel *spendModel() const { return m_model; }
    QSortFilterProxyModel *sortedSpendModel() const { return m_sorted; }
    QStandardItemModel *estimatesModel() const { return m_estimates; }
    QString errorText() const;

private:
    QWidget *makeTimeTab();
    QWidget *makeTableTab();
    QWidget *makeEstimatesTab();
    QWidget *makeQualityTab();
    bool reloadEstimates();
    void showError(const QString &message);
    void replaceChart(QChartView *view, QChart *&current, QChart *replacement);

    std::unique_ptr<SpendQueries> m_queries;
    SpendQueries::Period m_period = SpendQueries::Period::Day;
    qint64 m_fromMs = 0;
    qint64 m_toMs = std::numeric_limits<qint64>::max();

    QComboBox *m_periodBox = nullptr;
    QChartView *m_spendView = nullptr;
    QChartView *m_stageView = nullptr;
    QChartView *m_qualityView = nullptr;
    QChart *m_spendChart = nullptr;
    QChart *m_stageChart = nullptr;
    QChart *m_qualityChart = nullptr;
    QTableView *m_table = nullptr;
    SpendTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QStandardItemModel *m_estimates = nullptr;
    QLabel *m_frontLabel = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace Consilium::App
