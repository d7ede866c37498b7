#include "EmulatorProcess.h"

#include "store/ConversationStore.h"
#include "store/SqlSupport.h"

#include <QDateTime>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Consilium;
using namespace Consilium::Testing;

namespace {

constexpr int kTurns = 50;
constexpr quint32 kSeed = 20'261'204;
// Kill moments, in ms after the CLI starts; the panel needs about 7 s to
// finish, so every kill lands while text is streaming or about to.
constexpr int kEarliestKillMs = 300;
constexpr int kLatestKillMs = 2300;
// What the store may lose: one flush interval (500 ms) plus the write and
// scheduling delays. The check allows 1 s.
constexpr qint64 kAllowedLossMs = 1000;
constexpr int kTtftMs = 100;
constexpr double kTokensPerSecond = 40;

const QStringList kPanel{QStringLiteral("emu/a"), QStringLiteral("emu/b"), QStringLiteral("emu/c")};

QString answerOf(const QString &model)
{
    QStringList words;
    for (int i = 0; i < 300; ++i)
        words.append(QStringLiteral("%1-word%2").arg(model.mid(4)).arg(i));
    return words.join(u' ');
}

// The emulator's token split: \s*\S+ pieces that concatenate to the text.
QStringList tokensOf(const QString &text)
{
    static const QRegularExpression token(QStringLiteral("\\s*\\S+"));
    QStringList tokens;
    auto matches = token.globalMatch(text);
    while (matches.hasNext())
        tokens.append(matches.next().captured());
    return tokens;
}

QJsonObject slowModel(const QString &id)
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), id},
        {QStringLiteral("pricing"), QJsonObject{{QStringLiteral("prompt"), QStringLiteral("0.000001")},
                                                {QStringLiteral("completion"), QStringLiteral("0.000002")}}},
        {QStringLiteral("reply"), QJsonObject{{QStringLiteral("text"), answerOf(id)}}},
        {QStringLiteral("ttft_ms"), kTtftMs},
        {QStringLiteral("tokens_per_second"), kTokensPerSecond},
        {QStringLiteral("keepalive_before_first_token"), 0},
    };
}

} // namespace

// consilium-cli --store killed with SIGKILL at a random moment of each of
// 50 turns: the database must stay intact and keep the streamed text.
class TestCrashRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedTurnsKeepStreamedText();

private:
    // Returns the text the emulator had sent to `model` by `atMs`.
    static QString sentBy(const QJsonArray &requests, const QString &model, qint64 sinceMs, qint64 atMs);
    void checkDatabase(const QString &path, const QJsonArray &requests, qint64 startMs, qint64 killMs);

    int m_turnsWithCalls = 0;
    int m_callsChecked = 0;
    qint64 m_charactersKept = 0;
    qint64 m_charactersRequired = 0;
};

QString TestCrashRecovery::sentBy(const QJsonArray &requests, const QString &model, qint64 sinceMs, qint64 atMs)
{
    for (const QJsonValue &value : requests) {
        const QJsonObject request = value.toObject();
        const qint64 arrived = qint64(request.value(QStringLiteral("arrived_at_ms")).toDouble());
        if (request.value(QStringLiteral("model")).toString() != model || arrived < sinceMs)
            continue;
        // Token k leaves at arrival + ttft + k / rate (one token per chunk).
        const QStringList tokens = tokensOf(answerOf(model));
        QString sent;
        for (int k = 0; k < tokens.size(); ++k) {
            if (arrived + kTtftMs + qint64(1000.0 * k / kTokensPerSecond) > atMs)
                break;
            sent += tokens[k];
        }
        return sent;
    }
    return QString();
}

void TestCrashRecovery::checkDatabase(const QString &path, const QJsonArray &requests, qint64 startMs, qint64 killMs)
{
    const QString name = Sql::uniqueConnectionName(QStringLiteral("crash"));
    {
        Result<QSqlDatabase> database = Sql::open(path, name);
        QVERIFY2(database.ok(), qPrintable(database.error()));
        QSqlQuery integrity(database.value());
        QVERIFY(integrity.exec(QStringLiteral("PRAGMA integrity_check")));
        QVERIFY(integrity.next());
        QCOMPARE(integrity.value(0).toString(), QStringLiteral("ok"));

        QSqlQuery calls(database.value());
        QVERIFY(calls.exec(QStringLiteral("SELECT model, text FROM calls WHERE turn_id = (SELECT max(id) FROM turns "
                                          "WHERE created_at >= %1)").arg(startMs)));
        bool any = false;
        while (calls.next()) {
            any = true;
            const QString model = calls.value(0).toString();
            const QString text = calls.value(1).toString();
            const QString required = sentBy(requests, model, startMs, killMs - kAllowedLossMs);
            QVERIFY2(answerOf(model).startsWith(text), qPrintable(model + QStringLiteral(": not a prefix")));
            QVERIFY2(text.size() >= required.size(),
                     qPrintable(QStringLiteral("%1 kept %2 characters, %3 were sent a second before the kill")
                                    .arg(model).arg(text.size()).arg(required.size())));
            ++m_callsChecked;
            m_charactersKept += text.size();
            m_charactersRequired += required.size();
        }
        m_turnsWithCalls += any ? 1 : 0;
    }
    Sql::close(name);
}

void TestCrashRecovery::killedTurnsKeepStreamedText()
{
    EmulatorProcess emulator;
    QJsonArray models;
    for (const QString &id : kPanel + QStringList{QStringLiteral("emu/w")})
        models.append(slowModel(id));
    QVERIFY2(emulator.start(QJsonObject{{QStringLiteral("models"), models}}), qPrintable(emulator.error()));
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("crash.sqlite"));
    QRandomGenerator random(kSeed);

    for (int turn = 0; turn < kTurns; ++turn) {
        const int killAfterMs = int(random.bounded(kEarliestKillMs, kLatestKillMs + 1));
        QProcess cli;
        cli.setStandardOutputFile(QProcess::nullDevice());
        cli.setStandardErrorFile(QProcess::nullDevice());
        const qint64 startMs = QDateTime::currentMSecsSinceEpoch();
        cli.start(QStringLiteral(CONSILIUM_CLI_PATH),
                  {QStringLiteral("--base-url"), emulator.baseUrl().toString(), QStringLiteral("--store"), path,
                   QStringLiteral("--panel"), kPanel.join(u','), QStringLiteral("--writer"), QStringLiteral("emu/w"),
                   QStringLiteral("Tell a long story, part %1").arg(turn)});
        QVERIFY(cli.waitForStarted(5000));
        QTest::qWait(killAfterMs);
        const qint64 killMs = QDateTime::currentMSecsSinceEpoch();
        cli.kill(); // SIGKILL: no handler, no flush
        QVERIFY(cli.waitForFinished(5000));

        checkDatabase(path, emulator.receivedRequests(), startMs, killMs);
        if (QTest::currentTestFailed()) {
            qWarning("turn %d, killed after %d ms", turn, killAfterMs);
            return;
        }
    }

    ConversationStore store;
    QVERIFY(store.open(path).ok());
    QVERIFY(store.interruptedTurns()->size() >= m_turnsWithCalls);
    qInfo("%d kills, %d turns with calls, %d calls checked, %lld characters kept, %lld required",
          kTurns, m_turnsWithCalls, m_callsChecked, m_charactersKept, m_charactersRequired);
    QVERIFY(m_turnsWithCalls >= kTurns / 2);
}

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_CrashRecovery.moc"
