#include "FileDialogs.h"
#include "cost/BudgetConfirmation.h"
#include "cost/CostCharts.h"
#include "cost/CostDashboard.h"
#include "cost/CostEstimateLabel.h"
#include "cost/SpendTableModel.h"

#include "provider/ModelInfo.h"
#include "store/ConversationStore.h"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QStackedBarSeries>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Consilium;
using namespace Consilium::App;

namespace {

qint64 utcMs(int month, int day, int hour)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

CallRecord makeCall(const QString &model, Stage stage, std::optional<Money> cost, qint64 finishedAtMs)
{
    CallRecord call;
    call.model = model;
    call.stage = stage;
    call.outcome.status = CallStatus::Succeeded;
    call.outcome.timings = CallTimings{finishedAtMs, finishedAtMs, finishedAtMs, finishedAtMs};
    call.cost.cost = cost;
    call.cost.source = cost ? CostSource::Provider : CostSource::Unknown;
    return call;
}

Money micro(qint64 value)
{
    return Money::fromMicroUsd(value);
}

template <typename Series>
Series *seriesNamed(QChart *chart, const char *objectName)
{
    for (QAbstractSeries *series : chart->series()) {
        if (series->objectName() == QLatin1String(objectName))
            return qobject_cast<Series *>(series);
    }
    return nullptr;
}

} // namespace

// The cost dashboard and the estimate label on the offscreen platform,
// over a real SQLite store filled with fixed UTC timestamps.
class TestCostDashboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void spendChartStacksModelsByDay();
    void periodSwitchRegroupsByMonth();
    void stageChartHasOneBarPerStage();
    void tableSortsByExactAmount();
    void tableModelPassesTester();
    void csvExportWritesExactText();
    void estimatesTableShowsRange();
    void qualityChartMarksParetoFront();
    void estimateLabelUpdatesAfterTyping();
    void budgetConfirmationTakesQueuedAnswer();
    void screenshotWhenRequested();

private:
    qint64 addTurn(const QList<CallRecord> &calls);

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<ConversationStore> m_store;
    qint64 m_conversation = 0;
};

void TestCostDashboard::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_store = std::make_unique<ConversationStore>();
    QVERIFY(m_store->open(m_directory->filePath(QStringLiteral("costs.sqlite"))).ok());
    m_conversation = m_store->createConversation(QStringLiteral("costs")).value();

    // 2 March: alpha $10 + $0.0042 (panel), writer $9; 3 March: alpha
    // 4,200,000,001 pico-dollars, beta unknown, writer $0.50.
    addTurn({makeCall(QStringLiteral("alpha"), Stage::Panel, micro(10'000'000), utcMs(3, 2, 9)),
             makeCall(QStringLiteral("alpha"), Stage::Panel, micro(4'200), utcMs(3, 2, 9)),
             makeCall(QStringLiteral("writer"), Stage::Writer, micro(9'000'000), utcMs(3, 2, 9))});
    addTurn({makeCall(QStringLiteral("alpha"), Stage::Panel, Money::fromPicoUsd(4'200'000'001), utcMs(3, 3, 9)),
             makeCall(QStringLiteral("beta"), Stage::Panel, std::nullopt, utcMs(3, 3, 9)),
             makeCall(QStringLiteral("writer"), Stage::Writer, micro(500'000), utcMs(3, 3, 9))});
}

void TestCostDashboard::cleanup()
{
    m_store.reset();
    m_directory.reset();
}

qint64 TestCostDashboard::addTurn(const QList<CallRecord> &calls)
{
    StoredTurn stored;
    stored.state = TurnState::Complete;
    stored.turn.prompt = QStringLiteral("prompt");
    stored.turn.strategy = QStringLiteral("fusion");
    stored.turn.calls = calls;
    stored.createdAtMs = calls.first().outcome.timings.queuedAtMs;
    stored.finishedAtMs = stored.createdAtMs;
    return m_store->appendTurn(m_conversation, stored).value().id;
}

void TestCostDashboard::spendChartStacksModelsByDay()
{
    CostDashboard dashboard(*m_store, SpendQueries::TimeZone::Utc);
    QChart *chart = dashboard.spendChart();
    QVERIFY(chart);
    QCOMPARE(chart->series().size(), 1);
    auto *series = qobject_cast<QStackedBarSeries *>(chart->series().first());
    QVERIFY(series);
    QCOMPARE(series->count(), 3);
    QCOMPARE(series->barSets()[0]->label(), QStringLiteral("alpha"));
    QCOMPARE(series->barSets()[1]->label(), QStringLiteral("beta"));
    QCOMPARE(series->barSets()[2]->label(), QStringLiteral("writer"));
    QCOMPARE(series->barSets()[0]->at(0), micro(10'004'200).usd());
    QCOMPARE(series->barSets()[0]->at(1), Money::fromPicoUsd(4'200'000'001).usd());
    QCOMPARE(series->barSets()[1]->at(1), 0.0);
    QCOMPARE(series->barSets()[2]->at(0), 9.0);
    QCOMPARE(series->barSets()[2]->at(1), 0.5);
    auto *axis = qobject_cast<QBarCategoryAxis *>(chart->axes(Qt::Horizontal).first());
    QVERIFY(axis);
    QCOMPARE(axis->categories(), (QStringList{QStringLiteral("2026-03-02"), QStringLiteral("2026-03-03")}));
}

void TestCostDashboard::periodSwitchRegroupsByMonth()
{
    CostDashboard dashboard(*m_store, SpendQueries::TimeZone::Utc);
    dashboard.setPeriod(SpendQueries::Period::Month);
    auto *axis = qobject_cast<QBarCategoryAxis *>(dashboard.spendChart()->axes(Qt::Horizontal).first());
    QVERIFY(axis);
    QCOMPARE(axis->categories(), QStringList{QStringLiteral("2026-03")});
    QCOMPARE(dashboard.spendModel()->rowCount(), 3);
    QCOMPARE(dashboard.spendModel()->rows()[0].cost, micro(10'004'200) + Money::fromPicoUsd(4'200'000'001));
    QCOMPARE(dashboard.spendModel()->rows()[1].unknownCostCount, 1);
}

void TestCostDashboard::stageChartHasOneBarPerStage()
{
    CostDashboard dashboard(*m_store, SpendQueries::TimeZone::Utc);
    auto *series = qobject_cast<QBarSeries *>(dashboard.stageChart()->series().first());
    QVERIFY(series);
    QCOMPARE(series->count(), 1);
    QBarSet *set = series->barSets().first();
    QCOMPARE(set->count(), 2);
    QCOMPARE(set->at(0), (micro(10'004'200) + Money::fromPicoUsd(4'200'000'001)).usd());
    QCOMPARE(set->at(1), 9.5);
    auto *axis = qobject_cast<QBarCategoryAxis *>(dashboard.stageChart()->axes(Qt::Horizontal).first());
    QCOMPARE(axis->categories(), (QStringList{QStringLiteral("panel"), QStringLiteral("writer")}));
}

void TestCostDashboard::tableSortsByExactAmount()
{
    CostDashboard dashboard(*m_store, SpendQueries::TimeZone::Utc);
    dashboard.spendTable()->sortByColumn(SpendTableModel::CostColumn, Qt::AscendingOrder);
    QSortFilterProxyModel *sorted = dashboard.sortedSpendModel();
    QCOMPARE(sorted->rowCount(), 5);

    // As text "$10.00" would sort before "$9.00"; the sort role is exact.
    QList<qlonglong> picos;
    for (int row = 0; row < sorted->rowCount(); ++row)
        picos.append(sorted->index(row, SpendTableModel::CostColumn).data(SpendTableModel::kSortRole).toLongLong());
    QCOMPARE(picos, (QList<qlonglong>{0, 4'200'000'001, 500'000'000'000, 9'000'000'000'000, 10'004'200'000'000}));
    QCOMPARE(sorted->index(4, SpendTableModel::CostColumn).data().toString(), QStringLiteral("$10.00"));
    QCOMPARE(sorted->index(1, SpendTableModel::CostColumn).data().toString(), QStringLiteral("$0.0042"));
    QCOMPARE(sorted->index(0, SpendTableModel::UnknownColumn).data().toInt(), 1);
}

void TestCostDashboard::tableModelPassesTester()
{
    CostDashboard dashboard(*m_store, SpendQueries::TimeZone::Utc);
    QAbstractItemModelTester sourceTester(dashboard.spendModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(dashboard.sortedSpendModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    dashboard.setPeriod(SpendQueries::Period::Week);
    dashboard.spendTable()->sortByColumn(SpendTableModel::ModelColumn, Qt::DescendingOrder);
    dashboard.reload();
    QCOMPARE(dashboard.spendModel()->rowCount(), 3);
}

void TestCostDashboard::csvExportWritesExactText()
{
    CostDashboard dashboard(*m_store, SpendQueries::TimeZone::Utc);
    const QString path = m_directory->filePath(QStringLiteral("spend.csv"));
    FileDialogs::queueAnswers({path});
    QVERIFY(dashboard.exportCsv());
    QCOMPARE(FileDialogs::queuedAnswerCount(), 0);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString expected = QStringLiteral(
        "period,model,provider,stage,cost_usd,priced_calls,unknown_cost_calls\r\n"
        "2026-03-02,alpha,,,10.0042,2,0\r\n"
        "2026-03-02,writer,,,9,1,0\r\n"
        "2026-03-03,alpha,,,0.004200000001,1,0\r\n"
        "2026-03-03,beta,,,0,0,1\r\n"
        "2026-03-03,writer,,,0.5,1,0\r\n");
    QCOMPARE(QString::fromUtf8(file.readAll()), expected);

    FileDialogs::queueAnswers({QString()});
    QVERIFY(!dashboard.exportCsv()); // cancelled
}

void TestCostDashboard::estimatesTableShowsRange()
{
    const qint64 turn = addTurn({makeCall(QStringLiteral("alpha"), Stage::Panel, micro(300), utcMs(3, 4, 9))});
    SpendQueries queries(m_store->database(), SpendQueries::TimeZone::Utc);
    CostEstimate estimate;
    estimate.low = micro(100);
    estimate.high = micro(250);
    QVERIFY(queries.recordEstimate(turn, estimate).ok());

    CostDashboard dashboard(*m_store, SpendQueries::TimeZone::Utc);
    QStandardItemModel *model = dashboard.estimatesModel();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->item(0, 0)->text(), QString::number(turn));
    QCOMPARE(model->item(0, 2)->text(), QStringLiteral("$0.00010 – $0.00025"));
    QCOMPARE(model->item(0, 3)->text(), QStringLiteral("$0.00030"));
    QCOMPARE(model->item(0, 5)->text(), QStringLiteral("above"));
}

void TestCostDashboard::qualityChartMarksParetoFront()
{
    const QString path = m_directory->filePath(QStringLiteral("evaluation.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"rows": [
        {"label": "vote cheap", "single_model": false, "accuracy": 0.84, "questions": 100, "total_cost_usd": "0.5"},
        {"label": "cascade", "single_model": false, "accuracy": 0.93, "questions": 100, "total_cost_usd": "0.9"},
        {"label": "vote mixed", "single_model": false, "accuracy": 0.91, "questions": 100, "total_cost_usd": "3"},
        {"label": "strong", "single_model": true, "accuracy": 0.9, "questions": 100, "total_cost_usd": "2"},
        {"label": "cheap", "single_model": true, "accuracy": 0.7, "questions": 100, "total_cost_usd": "0.1"}
    ]})");
    file.close();

    CostDashboard dashboard(*m_store, SpendQueries::TimeZone::Utc);
    FileDialogs::queueAnswers({path});
    QVERIFY2(dashboard.loadEvaluationResults(), qPrintable(dashboard.errorText()));
    QChart *chart = dashboard.qualityChart();
    auto *ensembles = seriesNamed<QScatterSeries>(chart, CostCharts::kEnsembleSeries);
    auto *singles = seriesNamed<QScatterSeries>(chart, CostCharts::kSingleModelSeries);
    auto *front = seriesNamed<QLineSeries>(chart, CostCharts::kParetoSeries);
    QVERIFY(ensembles);
    QVERIFY(singles);
    QVERIFY(front);
    QCOMPARE(ensembles->count(), 3);
    QCOMPARE(singles->count(), 2);
    QCOMPARE(front->points(), (QList<QPointF>{QPointF(0.1, 70), QPointF(0.5, 84), QPointF(0.9, 93)}));
}

void TestCostDashboard::estimateLabelUpdatesAfterTyping()
{
    ModelInfo alpha;
    alpha.id = QStringLiteral("alpha");
    alpha.promptPrice.perToken = micro(1);
    alpha.completionPrice.perToken = micro(2);
    ModelInfo beta;
    beta.id = QStringLiteral("beta");
    beta.promptPrice.perToken = micro(3);
    beta.completionPrice.perToken = micro(4);

    CostEstimateLabel label;
    label.setPriceLookup([&](const QString &, const QString &model) -> const ModelInfo * {
        if (model == alpha.id)
            return &alpha;
        if (model == beta.id)
            return &beta;
        return nullptr;
    });
    Ensemble ensemble = Ensemble::fromModelIds({QStringLiteral("alpha"), QStringLiteral("beta")}, {});
    ensemble.maxTokens = 1000;
    label.setEnsemble(ensemble);
    TurnShape shape;
    shape.strategy = QStringLiteral("vote"); // panel calls only
    label.setShape(shape);
    QLineEdit editor;
    connect(&editor, &QLineEdit::textChanged, &label, &CostEstimateLabel::setPrompt);

    // 10 characters are 3 tokens. Low: 400 output tokens each; high: 1000.
    QTest::keyClicks(&editor, QStringLiteral("abcdefghij"));
    QTRY_COMPARE(label.estimate().low, micro((3 + 800) + (9 + 1600)));
    QCOMPARE(label.estimate().high, micro((3 + 2000) + (9 + 4000)));
    QCOMPARE(label.text(), QStringLiteral("$0.0024 – $0.0060"));

    // Ten more characters: 5 tokens. Nothing changes before the pause.
    QTest::keyClicks(&editor, QStringLiteral("klmnopqrst"));
    QCOMPARE(label.estimate().low, micro(2412));
    QTRY_COMPARE(label.estimate().low, micro((5 + 800) + (15 + 1600)));
    QCOMPARE(label.estimate().high, micro((5 + 2000) + (15 + 4000)));
}

void TestCostDashboard::budgetConfirmationTakesQueuedAnswer()
{
    BudgetDecision decision;
    decision.verdict = BudgetDecision::Verdict::AskUser;
    decision.message = QStringLiteral("This turn may exceed the daily cap.");
    BudgetConfirmation::queueAnswers({true, false});
    QCOMPARE(BudgetConfirmation::askToSend(nullptr, decision), true);
    QCOMPARE(BudgetConfirmation::askToSend(nullptr, decision), false);
    QCOMPARE(BudgetConfirmation::queuedAnswerCount(), 0);
}

// Not a check: with CONSILIUM_COST_SCREENSHOT=FILE (and a real display,
// e.g. under xvfb-run) saves the dashboard with a week of sample spend.
void TestCostDashboard::screenshotWhenRequested()
{
    const QString path = qEnvironmentVariable("CONSILIUM_COST_SCREENSHOT");
    if (path.isEmpty())
        QSKIP("set CONSILIUM_COST_SCREENSHOT=FILE to save a screenshot");
    const QStringList models{QStringLiteral("anthropic/claude-sonnet-4"), QStringLiteral("openai/gpt-4o"),
                             QStringLiteral("google/gemini-2.5-pro")};
    for (int day = 4; day <= 10; ++day) {
        QList<CallRecord> calls;
        for (int i = 0; i < models.size(); ++i)
            calls.append(makeCall(models[i], Stage::Panel, micro(1'500 * (i + 1) * (day % 3 + 1)), utcMs(3, day, 9)));
        calls.append(makeCall(QStringLiteral("writer"), Stage::Writer, micro(2'000 + 300 * day), utcMs(3, day, 9)));
        addTurn(calls);
    }
    CostDashboard dashboard(*m_store, SpendQueries::TimeZone::Utc);
    dashboard.setRange(utcMs(3, 4, 0), utcMs(3, 11, 0));
    dashboard.resize(1100, 680);
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    QTest::qWait(200);
    QVERIFY(dashboard.grab().save(path));
}

QTEST_MAIN(TestCostDashboard)
#include "tst_CostDashboard.moc"
