#include "EmulatorProcess.h"
#include "ScenarioBuilder.h"

#include "FuseCommand.h"

#include "store/ConversationStore.h"

#include <QBuffer>
#include <QDateTime>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Consilium;
using namespace Consilium::Cli;
using namespace Consilium::Testing;

// --max-turn-cost and --max-daily-cost of consilium-cli, run in-process
// against the emulator. Every emulator model costs 1 µ$ per prompt token
// and 2 µ$ per completion token.
class TestCliBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void turnCapRejectsWithJsonRecord();
    void turnCapAllowsCheapTurn();
    void dailyCapCountsStoredSpend_data();
    void dailyCapCountsStoredSpend();
    void invalidCapIsUsageError_data();
    void invalidCapIsUsageError();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run runCommand(const QStringList &extraArguments);
    void storeSpendToday(const QString &path, Money cost);

    EmulatorProcess m_emulator;
    QTemporaryDir m_directory;
};

void TestCliBudget::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QVERIFY2(m_emulator.start(scenario({
                 fixedModel(QStringLiteral("emu/a"), QStringLiteral("Alpha."), 10, 2),
                 fixedModel(QStringLiteral("emu/b"), QStringLiteral("Beta."), 10, 2),
                 fixedModel(QStringLiteral("emu/w"), QStringLiteral("Fused."), 50, 1),
             })),
             qPrintable(m_emulator.error()));
}

TestCliBudget::Run TestCliBudget::runCommand(const QStringList &extraArguments)
{
    const QStringList arguments = QStringList{QStringLiteral("consilium-cli"), QStringLiteral("--base-url"),
                                              m_emulator.baseUrl().toString(), QStringLiteral("--panel"),
                                              QStringLiteral("emu/a,emu/b"), QStringLiteral("--writer"),
                                              QStringLiteral("emu/w"), QStringLiteral("--max-tokens"),
                                              QStringLiteral("10")}
        + extraArguments + QStringList{QStringLiteral("Which is best?")};
    Run run;
    QString help;
    auto options = FuseOptions::parse(arguments, &help);
    if (!options) {
        run.exitCode = FuseCommand::UsageError;
        run.err = options.error();
        return run;
    }
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    FuseCommand command(std::move(options).value(), out, err);
    QSignalSpy done(&command, &FuseCommand::done);
    QBuffer input;
    input.open(QIODevice::ReadOnly);
    command.start(&input);
    if (done.isEmpty() && !done.wait(20'000))
        return run;
    run.exitCode = done.first().first().toInt();
    return run;
}

void TestCliBudget::storeSpendToday(const QString &path, Money cost)
{
    ConversationStore store;
    QVERIFY(store.open(path).ok());
    const Result<qint64> conversation = store.createConversation(QStringLiteral("earlier"));
    QVERIFY(conversation.ok());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    StoredTurn stored;
    stored.state = TurnState::Complete;
    stored.turn.prompt = QStringLiteral("earlier prompt");
    stored.turn.strategy = QStringLiteral("fusion");
    CallRecord call;
    call.model = QStringLiteral("emu/a");
    call.outcome.status = CallStatus::Succeeded;
    call.outcome.timings = CallTimings{now, now, now, now};
    call.cost.cost = cost;
    call.cost.source = CostSource::Provider;
    stored.turn.calls = {call};
    stored.createdAtMs = now;
    stored.finishedAtMs = now;
    QVERIFY(store.appendTurn(*conversation, stored).ok());
}

void TestCliBudget::turnCapRejectsWithJsonRecord()
{
    const qsizetype requestsBefore = m_emulator.receivedRequests().size();
    // With --max-tokens 10 the high estimate is well under $0.01 but above $0.0001.
    const Run run = runCommand({QStringLiteral("--max-turn-cost"), QStringLiteral("0.0001"), QStringLiteral("--json")});

    QCOMPARE(run.exitCode, int(FuseCommand::TurnFailed));
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(report.value(QStringLiteral("failure_reason")).toString(), QStringLiteral("budget_exceeded"));
    QCOMPARE(report.value(QStringLiteral("calls")).toArray().size(), 0);
    QVERIFY2(run.err.contains(QStringLiteral("per-turn cap of $0.00010")), qPrintable(run.err));
    QVERIFY2(run.err.startsWith(QStringLiteral("consilium-cli: turn rejected (budget_exceeded): ")), qPrintable(run.err));
    QCOMPARE(run.err.count(u'\n'), 1);
    QCOMPARE(m_emulator.receivedRequests().size(), requestsBefore);
}

void TestCliBudget::turnCapAllowsCheapTurn()
{
    const Run run = runCommand({QStringLiteral("--max-turn-cost"), QStringLiteral("0.01"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, int(FuseCommand::Success));
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QVERIFY(report.value(QStringLiteral("failure_reason")).isNull());
    QCOMPARE(report.value(QStringLiteral("answer")).toString(), QStringLiteral("Fused."));
}

void TestCliBudget::dailyCapCountsStoredSpend_data()
{
    QTest::addColumn<bool>("useStore");
    QTest::addColumn<QString>("cap");
    QTest::addColumn<int>("exitCode");

    // $5 already spent today in the store; the turn's high estimate is under $0.01.
    QTest::newRow("store spend plus turn over cap") << true << QStringLiteral("5.0001") << int(FuseCommand::TurnFailed);
    QTest::newRow("store spend plus turn under cap") << true << QStringLiteral("5.01") << int(FuseCommand::Success);
    QTest::newRow("no store counts only this turn") << false << QStringLiteral("0.01") << int(FuseCommand::Success);
}

void TestCliBudget::dailyCapCountsStoredSpend()
{
    QFETCH(bool, useStore);
    QFETCH(QString, cap);
    QFETCH(int, exitCode);

    QStringList arguments{QStringLiteral("--max-daily-cost"), cap};
    if (useStore) {
        const QString path = m_directory.filePath(QString::fromLatin1(QTest::currentDataTag()) + u".sqlite");
        storeSpendToday(path, Money::fromMicroUsd(5'000'000));
        arguments << QStringLiteral("--store") << path;
    }
    const Run run = runCommand(arguments);
    QCOMPARE(run.exitCode, exitCode);
    if (exitCode == FuseCommand::TurnFailed)
        QVERIFY2(run.err.contains(QStringLiteral("daily cap of $5.00")), qPrintable(run.err));
}

void TestCliBudget::invalidCapIsUsageError_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");

    QTest::newRow("turn cap not a number") << QStringLiteral("--max-turn-cost") << QStringLiteral("cheap");
    QTest::newRow("turn cap negative") << QStringLiteral("--max-turn-cost") << QStringLiteral("-1");
    QTest::newRow("daily cap with unit") << QStringLiteral("--max-daily-cost") << QStringLiteral("5USD");
}

void TestCliBudget::invalidCapIsUsageError()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    // One "--option=value" argument, so that "-1" is not read as an option.
    const Run run = runCommand({option + u'=' + value});
    QCOMPARE(run.exitCode, int(FuseCommand::UsageError));
    QVERIFY2(run.err.contains(option + QStringLiteral(" must be an amount of US dollars")), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestCliBudget)
#include "tst_CliBudget.moc"
