#include "EmulatorProcess.h"
#include "ScenarioBuilder.h"

#include "FuseCommand.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Consilium;
using namespace Consilium::Cli;
using namespace Consilium::Testing;

// consilium-cli's fuse command run in-process, with captured output.
class TestFuseCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void jsonReportHasEveryField();
    void plainOutputHasAnswerAndTable();
    void promptComesFromStandardInput();
    void failedTurnExitsNonZero();
    void optionsRejectMissingPanel();
    void optionsRejectBadNumber();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run runCommand(const QStringList &arguments, const QByteArray &standardInput = {});

    EmulatorProcess m_emulator;
};

void TestFuseCommand::initTestCase()
{
    QJsonObject broken = fixedModel(QStringLiteral("emu/broken"), QStringLiteral("x"), 1, 1);
    broken.insert(QStringLiteral("fault"),
                  QJsonObject{{QStringLiteral("kind"), QStringLiteral("http_error")},
                              {QStringLiteral("status"), 404},
                              {QStringLiteral("body"), QJsonObject{{QStringLiteral("error"),
                                                                    QStringLiteral("model 'emu/broken' not found")}}}});
    QJsonObject unpriced = fixedModel(QStringLiteral("emu/c"), QStringLiteral("Gamma."), 4, 2);
    unpriced.remove(QStringLiteral("pricing"));
    unpriced.insert(QStringLiteral("report_cost"), false);
    QVERIFY2(m_emulator.start(scenario({
                 fixedModel(QStringLiteral("emu/a"), QStringLiteral("Alpha."), 10, 2),
                 withField(fixedModel(QStringLiteral("emu/b"), QStringLiteral("Beta."), 10, 2),
                           QStringLiteral("report_cost"), false),
                 unpriced,
                 fixedModel(QStringLiteral("emu/w"), QStringLiteral("Fused."), 50, 1),
                 broken,
             })),
             qPrintable(m_emulator.error()));
    qputenv("CONSILIUM_TEST_KEY", "sk-test-cli");
}

TestFuseCommand::Run TestFuseCommand::runCommand(const QStringList &arguments, const QByteArray &standardInput)
{
    Run run;
    QString help;
    auto options = FuseOptions::parse(QStringList{QStringLiteral("consilium-cli")} + arguments, &help);
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
    input.setData(standardInput);
    input.open(QIODevice::ReadOnly);
    command.start(&input);
    if (done.isEmpty() && !done.wait(20'000))
        return run;
    run.exitCode = done.first().first().toInt();
    return run;
}

void TestFuseCommand::jsonReportHasEveryField()
{
    const Run run = runCommand({QStringLiteral("--base-url"), m_emulator.baseUrl().toString(),
                                QStringLiteral("--api-key-env"), QStringLiteral("CONSILIUM_TEST_KEY"),
                                QStringLiteral("--panel"), QStringLiteral("emu/a,emu/b,emu/c,emu/broken"),
                                QStringLiteral("--writer"), QStringLiteral("emu/w"), QStringLiteral("--json"),
                                QStringLiteral("Which is best?")});
    QCOMPARE(run.exitCode, 0);
    QJsonParseError parseError;
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8(), &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);

    QCOMPARE(report.value(QStringLiteral("answer")).toString(), QStringLiteral("Fused."));
    QCOMPARE(report.value(QStringLiteral("degraded")).toBool(), true);
    QVERIFY(report.value(QStringLiteral("failure_reason")).isNull());
    // a: 10 × 1 + 2 × 2 = 14 µ$ reported; b: 14 µ$ computed; w: 50 + 2 = 52 µ$.
    QCOMPARE(qRound64(report.value(QStringLiteral("total_cost_usd")).toDouble() * 1e6), 14 + 14 + 52);

    const QJsonArray calls = report.value(QStringLiteral("calls")).toArray();
    QCOMPARE(calls.size(), 5);
    const QJsonObject a = calls[0].toObject();
    QCOMPARE(a.value(QStringLiteral("model")).toString(), QStringLiteral("emu/a"));
    QCOMPARE(a.value(QStringLiteral("stage")).toString(), QStringLiteral("panel"));
    QCOMPARE(a.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QVERIFY(a.value(QStringLiteral("error")).isNull());
    QCOMPARE(a.value(QStringLiteral("text")).toString(), QStringLiteral("Alpha."));
    QCOMPARE(a.value(QStringLiteral("prompt_tokens")).toInt(), 10);
    QCOMPARE(a.value(QStringLiteral("completion_tokens")).toInt(), 2);
    QCOMPARE(qRound64(a.value(QStringLiteral("cost_usd")).toDouble() * 1e6), 14);
    QCOMPARE(a.value(QStringLiteral("cost_source")).toString(), QStringLiteral("provider"));
    QVERIFY(a.value(QStringLiteral("started_at_ms")).toDouble() > 1.7e12);
    QVERIFY(a.value(QStringLiteral("ttft_ms")).toDouble() >= 0);
    QVERIFY(a.value(QStringLiteral("latency_ms")).toDouble() >= a.value(QStringLiteral("ttft_ms")).toDouble());

    QCOMPARE(calls[1].toObject().value(QStringLiteral("cost_source")).toString(), QStringLiteral("computed"));
    const QJsonObject unpriced = calls[2].toObject();
    QCOMPARE(unpriced.value(QStringLiteral("cost_source")).toString(), QStringLiteral("unknown"));
    QVERIFY(unpriced.value(QStringLiteral("cost_usd")).isNull());

    const QJsonObject broken = calls[3].toObject();
    QCOMPARE(broken.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(broken.value(QStringLiteral("error")).toString(), QStringLiteral("model 'emu/broken' not found"));

    const QJsonObject writer = calls[4].toObject();
    QCOMPARE(writer.value(QStringLiteral("stage")).toString(), QStringLiteral("writer"));
    QCOMPARE(writer.value(QStringLiteral("text")).toString(), QStringLiteral("Fused."));
}

void TestFuseCommand::plainOutputHasAnswerAndTable()
{
    const Run run = runCommand({QStringLiteral("--base-url"), m_emulator.baseUrl().toString(),
                                QStringLiteral("--panel"), QStringLiteral("emu/a,emu/b"),
                                QStringLiteral("--writer"), QStringLiteral("emu/w"), QStringLiteral("Hello")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith(QStringLiteral("Fused.\n\n")));
    QVERIFY(run.out.contains(QStringLiteral("model")));
    QVERIFY(run.out.contains(QRegularExpression(QStringLiteral("emu/b +panel +ok +10 +2 "))));
    QVERIFY(run.out.contains(QStringLiteral("$0.000014 (computed)")));
    QVERIFY(run.out.contains(QStringLiteral("total cost: $0.00008")));
}

void TestFuseCommand::promptComesFromStandardInput()
{
    const Run run = runCommand({QStringLiteral("--base-url"), m_emulator.baseUrl().toString(),
                                QStringLiteral("--panel"), QStringLiteral("emu/a"),
                                QStringLiteral("--writer"), QStringLiteral("emu/w"), QStringLiteral("--json")},
                               QByteArrayLiteral("A prompt from a pipe\n"));
    QCOMPARE(run.exitCode, 0);
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(report.value(QStringLiteral("prompt")).toString(), QStringLiteral("A prompt from a pipe"));
}

void TestFuseCommand::failedTurnExitsNonZero()
{
    const Run run = runCommand({QStringLiteral("--base-url"), m_emulator.baseUrl().toString(),
                                QStringLiteral("--panel"), QStringLiteral("emu/broken"),
                                QStringLiteral("--writer"), QStringLiteral("emu/w"), QStringLiteral("--json"),
                                QStringLiteral("Hi")});
    QCOMPARE(run.exitCode, int(FuseCommand::TurnFailed));
    QCOMPARE(run.err.count(u'\n'), 1);
    QVERIFY(run.err.contains(QStringLiteral("all_members_failed")));
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(report.value(QStringLiteral("failure_reason")).toString(), QStringLiteral("all_members_failed"));
}

void TestFuseCommand::optionsRejectMissingPanel()
{
    const Run run = runCommand({QStringLiteral("--writer"), QStringLiteral("emu/w"), QStringLiteral("Hi")});
    QCOMPARE(run.exitCode, int(FuseCommand::UsageError));
    QVERIFY(run.err.contains(QStringLiteral("--panel")));
}

void TestFuseCommand::optionsRejectBadNumber()
{
    const Run run = runCommand({QStringLiteral("--panel"), QStringLiteral("a"), QStringLiteral("--writer"),
                                QStringLiteral("w"), QStringLiteral("--max-tokens"), QStringLiteral("lots")});
    QCOMPARE(run.exitCode, int(FuseCommand::UsageError));
    QVERIFY(run.err.contains(QStringLiteral("\"lots\"")));
}

QTEST_GUILESS_MAIN(TestFuseCommand)
#include "tst_FuseCommand.moc"
