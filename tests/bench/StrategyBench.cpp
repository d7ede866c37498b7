#include "StrategyBench.h"

#include "fusion/StrategyRegistry.h"
#include "fusion/TurnRunner.h"

#include <QEventLoop>
#include <QJsonArray>

namespace Consilium::Bench {

namespace {

QJsonObject oracleModel(const QString &id, double accuracy, const QString &promptPrice, const QString &completionPrice)
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("reply"), QJsonObject{{QStringLiteral("oracle"), QJsonObject{{QStringLiteral("accuracy"), accuracy}}}}},
        {QStringLiteral("pricing"), QJsonObject{{QStringLiteral("prompt"), promptPrice},
                                                {QStringLiteral("completion"), completionPrice}}},
    };
}

} // namespace

QJsonObject oracleScenario(quint64 seed, bool sameWrongAnswer)
{
    QJsonArray models;
    for (int i = 1; i <= 5; ++i)
        models.append(oracleModel(QStringLiteral("p70/m%1").arg(i), 0.7, QStringLiteral("0.000001"), QStringLiteral("0.000002")));
    for (int i = 1; i <= 3; ++i)
        models.append(oracleModel(QStringLiteral("cheap/m%1").arg(i), 0.7, QStringLiteral("0.000001"), QStringLiteral("0.000002")));
    for (int i = 1; i <= 2; ++i)
        models.append(oracleModel(QStringLiteral("strong/m%1").arg(i), 0.9, QStringLiteral("0.00001"), QStringLiteral("0.00002")));
    return QJsonObject{
        {QStringLiteral("defaults"), QJsonObject{{QStringLiteral("ttft_ms"), 0},
                                                 {QStringLiteral("tokens_per_second"), 0},
                                                 {QStringLiteral("keepalive_before_first_token"), 0}}},
        {QStringLiteral("oracle"), QJsonObject{{QStringLiteral("seed"), qint64(seed)},
                                               {QStringLiteral("wrong"), sameWrongAnswer ? QStringLiteral("same")
                                                                                         : QStringLiteral("random")}}},
        {QStringLiteral("models"), models},
    };
}

void runCase(BenchCase &benchCase, ChatClient &client, const ModelCatalogue &catalogue, int questions, int parallel)
{
    QEventLoop loop;
    int next = 1;
    int running = 0;
    std::function<void()> startNext = [&] {
        while (running < parallel && next <= questions) {
            const int n = next++;
            ++running;
            auto *runner = new TurnRunner(&client, &catalogue, Ensemble::fromModelIds(benchCase.panel, benchCase.writer),
                                          makeStrategy(benchCase.settings), &loop);
            QObject::connect(runner, &TurnRunner::finished, &loop, [&, runner, n] {
                const Turn &turn = runner->turn();
                const QString expected = QString::number((qint64(n) * 7919) % 97);
                benchCase.answered += turn.failure ? 0 : 1;
                benchCase.correct += turn.analysis.value(QStringLiteral("final_answer")).toString() == expected ? 1 : 0;
                benchCase.costPico += turn.totalCost().picoUsd();
                benchCase.callCount += turn.calls.size();
                runner->deleteLater();
                --running;
                startNext();
                if (running == 0)
                    loop.quit();
            });
            runner->start(QStringLiteral("Question #%1").arg(n));
        }
    };
    startNext();
    if (running > 0)
        loop.exec();
}

double majorityAccuracy(const QList<double> &accuracies)
{
    // Poisson-binomial distribution of the number of right members.
    QList<double> rightCount{1.0};
    for (double p : accuracies) {
        QList<double> next(rightCount.size() + 1, 0.0);
        for (int k = 0; k < rightCount.size(); ++k) {
            next[k] += rightCount[k] * (1 - p);
            next[k + 1] += rightCount[k] * p;
        }
        rightCount = next;
    }
    double total = 0;
    for (int k = 0; k < rightCount.size(); ++k) {
        if (2 * k > accuracies.size())
            total += rightCount[k];
    }
    return total;
}

} // namespace Consilium::Bench
