#include "StrategyHarness.h"

#include <QTest>

using namespace Consilium;
using namespace Consilium::Testing;

// Strategies with several rounds of member calls: moa and debate.
class TestLayeredStrategy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void moaRunsEveryLayer();
    void moaFailedProposerDegrades();
    void debateRecordsChanges();
    void debateClosedByVote();
};

namespace {

// A member that answers "Answer: 5" first and "Answer: 6" once it sees others.
QJsonObject persuadable(const QString &id)
{
    QJsonObject model = fixedModel(id, QString(), 10, 5);
    model.insert(QStringLiteral("reply"),
                 QJsonObject{{QStringLiteral("rules"),
                              QJsonArray{QJsonObject{{QStringLiteral("pattern"), QStringLiteral("The other answers")},
                                                     {QStringLiteral("text"), QStringLiteral("Convinced. Answer: 6")}}}},
                             {QStringLiteral("default"), QStringLiteral("Answer: 5")}});
    return model;
}

} // namespace

void TestLayeredStrategy::moaRunsEveryLayer()
{
    StrategyHarness harness;
    QVERIFY(harness.start({fixedModel(QStringLiteral("m/a"), QStringLiteral("Proposal A."), 5, 5),
                           fixedModel(QStringLiteral("m/b"), QStringLiteral("Proposal B."), 5, 5),
                           fixedModel(QStringLiteral("m/w"), QStringLiteral("Aggregated."), 5, 5)}));
    FusionSettings settings = settingsFor(QStringLiteral("moa"));
    settings.layers = 3;
    auto runner = harness.runner({QStringLiteral("m/a"), QStringLiteral("m/b")}, QStringLiteral("m/w"), settings);
    QSignalSpy answer(runner.get(), &TurnRunner::answerContent);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Plan a trip.")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.degraded, false);
    QCOMPARE(turn.answer, QStringLiteral("Aggregated."));
    QVERIFY(answer.size() > 0);
    const QStringList stages{QStringLiteral("layer 1"), QStringLiteral("layer 1"), QStringLiteral("layer 2"),
                             QStringLiteral("layer 2"), QStringLiteral("layer 3"), QStringLiteral("layer 3"),
                             QStringLiteral("writer")};
    QCOMPARE(turn.calls.size(), stages.size());
    for (int i = 0; i < stages.size(); ++i)
        QCOMPARE(turn.calls[i].stageText(), stages[i]);

    const QList<QJsonObject> requestsA = harness.requestsTo(QStringLiteral("m/a"));
    QCOMPARE(requestsA.size(), 3);
    QCOMPARE(StrategyHarness::lastUserText(requestsA[0]), QStringLiteral("Plan a trip."));
    QVERIFY(StrategyHarness::lastUserText(requestsA[1]).contains(QStringLiteral("Proposal B.")));
    const QString aggregatorPrompt = StrategyHarness::lastUserText(harness.requestsTo(QStringLiteral("m/w")).first());
    QVERIFY(aggregatorPrompt.contains(QStringLiteral("aggregator")));
    QVERIFY(aggregatorPrompt.contains(QStringLiteral("Proposal A.")));
}

void TestLayeredStrategy::moaFailedProposerDegrades()
{
    StrategyHarness harness;
    QVERIFY(harness.start({fixedModel(QStringLiteral("m/a"), QStringLiteral("Proposal A."), 5, 5),
                           withField(fixedModel(QStringLiteral("m/b"), QStringLiteral("Proposal B."), 5, 5),
                                     QStringLiteral("fault"), httpError(500, QStringLiteral("gone"))),
                           fixedModel(QStringLiteral("m/w"), QStringLiteral("Aggregated."), 5, 5)}));
    FusionSettings settings = settingsFor(QStringLiteral("moa"));
    settings.layers = 2;
    auto runner = harness.runner({QStringLiteral("m/a"), QStringLiteral("m/b")}, QStringLiteral("m/w"), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("Plan a trip.")));

    const Turn &turn = runner->turn();
    QVERIFY(!turn.failure);
    QCOMPARE(turn.degraded, true);
    QVERIFY2(turn.degradedReason.contains(QStringLiteral("1 of 2 layer 1 members failed: m/b: gone")),
             qPrintable(turn.degradedReason));
    QVERIFY(turn.degradedReason.contains(QStringLiteral("1 of 2 layer 2 members failed: m/b: gone")));
    QCOMPARE(turn.answer, QStringLiteral("Aggregated."));
    QCOMPARE(turn.calls.size(), 5);
    const QString layerTwoPrompt = StrategyHarness::lastUserText(harness.requestsTo(QStringLiteral("m/a"))[1]);
    QVERIFY(layerTwoPrompt.contains(QStringLiteral("Proposal A.")));
    QVERIFY(!layerTwoPrompt.contains(QStringLiteral("Proposal B.")));
}

void TestLayeredStrategy::debateRecordsChanges()
{
    StrategyHarness harness;
    QVERIFY(harness.start({persuadable(QStringLiteral("d/a")),
                           fixedModel(QStringLiteral("d/b"), QStringLiteral("Answer: 6"), 5, 5),
                           fixedModel(QStringLiteral("d/w"), QStringLiteral("It is 6."), 5, 5)}));
    FusionSettings settings = settingsFor(QStringLiteral("debate"));
    settings.rounds = 2;
    auto runner = harness.runner({QStringLiteral("d/a"), QStringLiteral("d/b")}, QStringLiteral("d/w"), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("What is 3 + 3?")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.answer, QStringLiteral("It is 6."));
    QCOMPARE(turn.calls.size(), 7);
    QCOMPARE(turn.calls[2].stageText(), QStringLiteral("round 1"));
    QCOMPARE(turn.calls[4].stageText(), QStringLiteral("round 2"));
    const QJsonArray rounds = turn.analysis[QStringLiteral("rounds")].toArray();
    QCOMPARE(rounds.size(), 2);
    QCOMPARE(rounds[0][QStringLiteral("members")][0][QStringLiteral("model")].toString(), QStringLiteral("d/a"));
    QCOMPARE(rounds[0][QStringLiteral("members")][0][QStringLiteral("changed")].toBool(), true);
    QCOMPARE(rounds[0][QStringLiteral("members")][0][QStringLiteral("answer")].toString(), QStringLiteral("6"));
    QCOMPARE(rounds[0][QStringLiteral("members")][1][QStringLiteral("changed")].toBool(), false);
    QCOMPARE(rounds[1][QStringLiteral("members")][0][QStringLiteral("changed")].toBool(), false);
    QCOMPARE(turn.analysis[QStringLiteral("closed_by")].toString(), QStringLiteral("writer"));
    const QString revisionPrompt = StrategyHarness::lastUserText(harness.requestsTo(QStringLiteral("d/a"))[1]);
    QVERIFY(revisionPrompt.contains(QStringLiteral("# Your latest answer\n\nAnswer: 5")));
}

void TestLayeredStrategy::debateClosedByVote()
{
    StrategyHarness harness;
    QVERIFY(harness.start({persuadable(QStringLiteral("d/a")), persuadable(QStringLiteral("d/b")),
                           fixedModel(QStringLiteral("d/c"), QStringLiteral("Answer: 6"), 5, 5)}));
    FusionSettings settings = settingsFor(QStringLiteral("debate"));
    settings.debateCloser = DebateCloser::Vote;
    auto runner = harness.runner({QStringLiteral("d/a"), QStringLiteral("d/b"), QStringLiteral("d/c")}, QString(), settings);
    QVERIFY(StrategyHarness::run(*runner, QStringLiteral("What is 3 + 3?")));

    const Turn &turn = runner->turn();
    QCOMPARE(turn.calls.size(), 6);
    QCOMPARE(turn.analysis[QStringLiteral("closed_by")].toString(), QStringLiteral("vote"));
    QCOMPARE(turn.analysis[QStringLiteral("final_answer")].toString(), QStringLiteral("6"));
    QCOMPARE(turn.analysis[QStringLiteral("winner_votes")].toInt(), 3);
    QCOMPARE(turn.answer, QStringLiteral("Convinced. Answer: 6"));
}

QTEST_GUILESS_MAIN(TestLayeredStrategy)
#include "tst_LayeredStrategy.moc"
