#include "EmulatorProcess.h"
#include "ScenarioBuilder.h"

#include "FuseCommand.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Consilium;
using namespace Consilium::Cli;
using namespace Consilium::Testing;

// consilium-cli's --strategy options and the fields they add to --json.
class TestCliStrategyOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void voteJsonHasAnalysis();
    void unknownStrategyRejected();
    void fusionNeedsWriter();
    void quorumOutOfRange();

private:
    QJsonObject runJson(const QStringList &arguments, int *exitCode);

    EmulatorProcess m_emulator;
};

void TestCliStrategyOptions::initTestCase()
{
    QVERIFY2(m_emulator.start(scenario({fixedModel(QStringLiteral("emu/a"), QStringLiteral("Answer: 4"), 5, 2),
                                        fixedModel(QStringLiteral("emu/b"), QStringLiteral("Answer: 4"), 5, 2),
                                        fixedModel(QStringLiteral("emu/c"), QStringLiteral("Answer: 5"), 5, 2)})),
             qPrintable(m_emulator.error()));
}

QJsonObject TestCliStrategyOptions::runJson(const QStringList &arguments, int *exitCode)
{
    auto options = FuseOptions::parse(QStringList{QStringLiteral("consilium-cli"), QStringLiteral("--base-url"),
                                                  m_emulator.baseUrl().toString(), QStringLiteral("--json")}
                                          + arguments,
                                      nullptr);
    if (!options) {
        *exitCode = FuseCommand::UsageError;
        return QJsonObject{{QStringLiteral("usage_error"), options.error()}};
    }
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    FuseCommand command(std::move(options).value(), outStream, errStream);
    QSignalSpy done(&command, &FuseCommand::done);
    command.start(nullptr);
    if (done.isEmpty() && !done.wait(20'000))
        return {};
    *exitCode = done.first().first().toInt();
    return QJsonDocument::fromJson(out.toUtf8()).object();
}

void TestCliStrategyOptions::voteJsonHasAnalysis()
{
    int exitCode = -1;
    const QJsonObject report = runJson({QStringLiteral("--panel"), QStringLiteral("emu/a,emu/b,emu/c"),
                                        QStringLiteral("--strategy"), QStringLiteral("vote"), QStringLiteral("2 + 2?")},
                                       &exitCode);
    QCOMPARE(exitCode, 0);
    QCOMPARE(report[QStringLiteral("strategy")].toString(), QStringLiteral("vote"));
    QCOMPARE(report[QStringLiteral("answer")].toString(), QStringLiteral("Answer: 4"));
    QCOMPARE(report[QStringLiteral("analysis")][QStringLiteral("final_answer")].toString(), QStringLiteral("4"));
    QCOMPARE(report[QStringLiteral("analysis")][QStringLiteral("winner_votes")].toInt(), 2);
    QVERIFY(report.contains(QStringLiteral("degraded_reason")));
    QVERIFY(report[QStringLiteral("degraded_reason")].isNull());
    QCOMPARE(report[QStringLiteral("failed_calls")].toArray().size(), 0);
}

void TestCliStrategyOptions::unknownStrategyRejected()
{
    int exitCode = -1;
    const QJsonObject report = runJson({QStringLiteral("--panel"), QStringLiteral("emu/a"), QStringLiteral("--strategy"),
                                        QStringLiteral("magic"), QStringLiteral("x")},
                                       &exitCode);
    QCOMPARE(exitCode, int(FuseCommand::UsageError));
    QVERIFY(report[QStringLiteral("usage_error")].toString().startsWith(
        QStringLiteral("--strategy must be one of fusion, moa, vote, best-of-n, debate, cascade, openrouter-fusion")));
}

void TestCliStrategyOptions::fusionNeedsWriter()
{
    int exitCode = -1;
    const QJsonObject report = runJson({QStringLiteral("--panel"), QStringLiteral("emu/a"), QStringLiteral("x")}, &exitCode);
    QCOMPARE(exitCode, int(FuseCommand::UsageError));
    QVERIFY(report[QStringLiteral("usage_error")].toString().startsWith(QStringLiteral("--writer is missing")));
}

void TestCliStrategyOptions::quorumOutOfRange()
{
    int exitCode = -1;
    const QJsonObject report = runJson({QStringLiteral("--panel"), QStringLiteral("emu/a,emu/b"), QStringLiteral("--strategy"),
                                        QStringLiteral("best-of-n"), QStringLiteral("--quorum"), QStringLiteral("3"),
                                        QStringLiteral("x")},
                                       &exitCode);
    QCOMPARE(exitCode, int(FuseCommand::UsageError));
    QCOMPARE(report[QStringLiteral("usage_error")].toString(),
             QStringLiteral("--quorum must be a whole number from 1 to 2, not \"3\""));
}

QTEST_GUILESS_MAIN(TestCliStrategyOptions)
#include "tst_CliStrategyOptions.moc"
