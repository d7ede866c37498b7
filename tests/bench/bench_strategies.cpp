// Measures the accuracy and cost of the vote, cascade and single-model
// strategies on the emulator's noisy oracle, through the real core. Not a
// test: it prints a Markdown table (see docs/strategies.md).
//
//   bench_strategies [--questions N] [--seed S] [--parallel P] [--json FILE]
//
// --json also writes every row to FILE for the app's cost dashboard
// ("Load evaluation results…"), with the total cost as an exact decimal.

#include "EmulatorProcess.h"
#include "StrategyBench.h"

#include "common/Money.h"
#include "provider/ChatClient.h"
#include "provider/ModelCatalogue.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTextStream>

#include <cmath>

using namespace Consilium;
using namespace Consilium::Bench;

namespace {

BenchCase makeCase(const QString &label, const QString &strategy, const QStringList &panel)
{
    BenchCase benchCase;
    benchCase.label = label;
    benchCase.panel = panel;
    benchCase.settings.strategy = strategy;
    return benchCase;
}

QString usd(qint64 pico)
{
    return QStringLiteral("$%1").arg(double(pico) / 1e12, 0, 'f', 4);
}

void printRow(QTextStream &out, const BenchCase &row, int questions, double expected)
{
    const double accuracy = double(row.correct) / questions;
    const double margin = 1.96 * std::sqrt(accuracy * (1 - accuracy) / questions);
    out << "| " << row.label << " | " << QString::number(100 * accuracy, 'f', 1) << "% ± "
        << QString::number(100 * margin, 'f', 1) << " | "
        << (expected > 0 ? QString::number(100 * expected, 'f', 1) + u'%' : QStringLiteral("–")) << " | "
        << usd(row.costPico) << " | " << QString::number(double(row.callCount) / questions, 'f', 2) << " |\n";
}

QJsonObject jsonRow(const BenchCase &row, int questions, bool sameWrong)
{
    const QString wrong = sameWrong ? QStringLiteral("same") : QStringLiteral("random");
    return QJsonObject{
        {QStringLiteral("label"), QString(row.label + QStringLiteral(" (wrong answers: ") + wrong + u')')},
        {QStringLiteral("single_model"), row.panel.size() == 1},
        {QStringLiteral("strategy"), row.settings.strategy},
        {QStringLiteral("panel"), QJsonArray::fromStringList(row.panel)},
        {QStringLiteral("wrong_answers"), wrong},
        {QStringLiteral("questions"), questions},
        {QStringLiteral("correct"), row.correct},
        {QStringLiteral("accuracy"), double(row.correct) / questions},
        {QStringLiteral("total_cost_usd"), Money::fromPicoUsd(row.costPico).toDecimalString()},
        {QStringLiteral("calls"), row.callCount},
    };
}

bool runScenario(QTextStream &out, bool sameWrong, quint64 seed, int questions, int parallel, QJsonArray &jsonRows)
{
    Testing::EmulatorProcess emulator;
    if (!emulator.start(oracleScenario(seed, sameWrong))) {
        out << "emulator failed: " << emulator.error() << '\n';
        return false;
    }
    ChatClient client;
    Endpoint endpoint;
    endpoint.baseUrl = emulator.baseUrl();
    client.setEndpoint(endpoint);
    ModelCatalogue catalogue;
    QSignalSpy updated(&catalogue, &ModelCatalogue::updated);
    catalogue.refresh(endpoint);
    if (!updated.wait(10'000)) {
        out << "catalogue fetch failed\n";
        return false;
    }

    const QStringList p70{QStringLiteral("p70/m1"), QStringLiteral("p70/m2"), QStringLiteral("p70/m3"),
                          QStringLiteral("p70/m4"), QStringLiteral("p70/m5")};
    const QStringList mixed{QStringLiteral("cheap/m1"), QStringLiteral("cheap/m2"), QStringLiteral("cheap/m3"),
                            QStringLiteral("strong/m1"), QStringLiteral("strong/m2")};
    QList<QPair<BenchCase, double>> rows{
        {makeCase(QStringLiteral("vote, 5 × 70%"), QStringLiteral("vote"), p70), majorityAccuracy({.7, .7, .7, .7, .7})},
        {makeCase(QStringLiteral("cascade, 3 × 70% cheap + 2 × 90% (k = 3)"), QStringLiteral("cascade"), mixed),
         majorityAccuracy({.7, .7, .7, .9, .9})},
        {makeCase(QStringLiteral("vote, same five"), QStringLiteral("vote"), mixed), majorityAccuracy({.7, .7, .7, .9, .9})},
        {makeCase(QStringLiteral("best single member (90%)"), QStringLiteral("vote"), {QStringLiteral("strong/m1")}), 0.9},
        {makeCase(QStringLiteral("cheapest single member (70%)"), QStringLiteral("vote"), {QStringLiteral("cheap/m1")}), 0.7},
    };
    out << "\nWrong answers: " << (sameWrong ? "all the same value (worst case)" : "random") << ", " << questions
        << " questions, seed " << seed << "\n\n";
    out << "| strategy | accuracy (95% CI) | expected | total cost | calls per question |\n";
    out << "| --- | --- | --- | --- | --- |\n";
    for (auto &[row, expected] : rows) {
        runCase(row, client, catalogue, questions, parallel);
        // With random wrong answers a vote is right more often than the
        // strict-majority figure, so no expectation is printed for it.
        printRow(out, row, questions, sameWrong || row.panel.size() == 1 ? expected : 0.0);
        jsonRows.append(jsonRow(row, questions, sameWrong));
        out.flush();
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // Thousands of turns: keep the per-call info lines out of the table.
    QLoggingCategory::setFilterRules(QStringLiteral("consilium.*.info=false"));
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{QStringLiteral("questions"), QStringLiteral("Questions per row (default: 1000)."), QStringLiteral("N")},
                       {QStringLiteral("seed"), QStringLiteral("Oracle seed (default: 1)."), QStringLiteral("S")},
                       {QStringLiteral("parallel"), QStringLiteral("Turns run at once (default: 8)."), QStringLiteral("P")},
                       {QStringLiteral("json"), QStringLiteral("Also write the rows as JSON to FILE."), QStringLiteral("FILE")}});
    parser.process(app);
    const int questions = parser.isSet(QStringLiteral("questions")) ? parser.value(QStringLiteral("questions")).toInt() : 1000;
    const quint64 seed = parser.isSet(QStringLiteral("seed")) ? parser.value(QStringLiteral("seed")).toULongLong() : 1;
    const int parallel = parser.isSet(QStringLiteral("parallel")) ? parser.value(QStringLiteral("parallel")).toInt() : 8;

    QTextStream out(stdout);
    QJsonArray jsonRows;
    if (!runScenario(out, true, seed, questions, parallel, jsonRows)
        || !runScenario(out, false, seed, questions, parallel, jsonRows))
        return 1;
    if (parser.isSet(QStringLiteral("json"))) {
        QSaveFile file(parser.value(QStringLiteral("json")));
        const QJsonObject document{{QStringLiteral("seed"), qint64(seed)}, {QStringLiteral("rows"), jsonRows}};
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(document).toJson()) < 0 || !file.commit()) {
            out << "cannot write " << file.fileName() << ": " << file.errorString() << '\n';
            return 1;
        }
    }
    return 0;
}
