#include "fusion/FusionStrategy.h"
#include "fusion/TurnRunner.h"
#include "store/ConversationStore.h"
#include "store/RecorderWorker.h"
#include "store/TurnRecorder.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Consilium;

namespace {

// A strategy that starts no call, so the test can emit the runner's
// signals itself and end the turn with complete() or fail().
class ScriptedStrategy : public FusionStrategy
{
public:
    QString name() const override { return QStringLiteral("scripted"); }
    void begin(TurnRunner &) override {}
    void onCallFinished(TurnRunner &, int) override {}
};

std::unique_ptr<TurnRunner> makeRunner()
{
    return std::make_unique<TurnRunner>(nullptr, Ensemble::fromModelIds({QStringLiteral("emu/a")}, QStringLiteral("emu/w")),
                                        std::make_unique<ScriptedStrategy>());
}

} // namespace

// TurnRecorder and its worker with synthetic turn events: batching,
// finished turns, failures and incognito turns.
class TestConversationRecorder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void workerBatchesDeltas();
    void recorderStoresFinishedTurn();
    void failedTurnStoredAsFailed();
    void incognitoLeavesNoTrace();

private:
    QString databasePath() const { return m_directory->filePath(QStringLiteral("conversations.sqlite")); }
    qint64 createConversation();
    QString storedCallText(qint64 conversationId);
    // Whether any file of the temporary folder contains `text` as UTF-8.
    bool filesContain(const QString &text) const;

    std::unique_ptr<QTemporaryDir> m_directory;
};

void TestConversationRecorder::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
}

qint64 TestConversationRecorder::createConversation()
{
    ConversationStore store;
    if (!store.open(databasePath()).ok())
        return 0;
    return store.createConversation(QStringLiteral("Recorded")).value();
}

QString TestConversationRecorder::storedCallText(qint64 conversationId)
{
    ConversationStore store;
    if (!store.open(databasePath(), ConversationStore::RunningTurns::Keep).ok())
        return QStringLiteral("<cannot open>");
    const Result<Conversation> conversation = store.loadConversation(conversationId);
    if (!conversation || conversation->turns.isEmpty() || conversation->turns.first().turn.calls.isEmpty())
        return QString();
    return conversation->turns.first().turn.calls.first().outcome.text;
}

bool TestConversationRecorder::filesContain(const QString &text) const
{
    const QByteArray needle = text.toUtf8();
    QDirIterator files(m_directory->path(), QDir::Files);
    while (files.hasNext()) {
        QFile file(files.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            return true;
    }
    return false;
}

void TestConversationRecorder::workerBatchesDeltas()
{
    const qint64 conversationId = createConversation();
    QVERIFY(conversationId > 0);

    RecorderWorker worker;
    worker.open(databasePath());
    worker.beginTurn(1, conversationId, QStringLiteral("Count to three"), QStringLiteral("fusion"), QJsonObject());
    CallRecord call;
    call.model = QStringLiteral("emu/a");
    call.outcome.status = CallStatus::Running;
    worker.startCall(1, 0, call);
    worker.appendDelta(1, 0, QStringLiteral("one, "), QString(), CallTimings{1, 2, 3, 0});
    worker.appendDelta(1, 0, QStringLiteral("two"), QString(), CallTimings{1, 2, 3, 0});

    // Nothing is written until the flush timer fires.
    QCOMPARE(storedCallText(conversationId), QString());
    QElapsedTimer elapsed;
    elapsed.start();
    QTRY_COMPARE_WITH_TIMEOUT(storedCallText(conversationId), QStringLiteral("one, two"), 2000);
    QVERIFY(elapsed.elapsed() <= 1500);

    call.outcome.status = CallStatus::Succeeded;
    call.outcome.text = QStringLiteral("one, two, three");
    worker.finishCall(1, 0, call);
    QCOMPARE(storedCallText(conversationId), QStringLiteral("one, two, three"));
    worker.close();
}

void TestConversationRecorder::recorderStoresFinishedTurn()
{
    const qint64 conversationId = createConversation();
    QVERIFY(conversationId > 0);
    TurnRecorder recorder(databasePath());
    QSignalSpy stored(&recorder, &TurnRecorder::turnStored);
    QSignalSpy failed(&recorder, &TurnRecorder::failed);
    auto runner = makeRunner();
    recorder.record(runner.get(), conversationId, QJsonObject{{QStringLiteral("name"), QStringLiteral("Quality")}});

    runner->start(QStringLiteral("What is 2 + 2?"));
    Q_EMIT runner->callStarted(0);
    Q_EMIT runner->callContent(0, QStringLiteral("It is "));
    Q_EMIT runner->callReasoning(0, QStringLiteral("adding"));
    Q_EMIT runner->callContent(0, QStringLiteral("four."));
    runner->complete(QStringLiteral("Four."), false, QString());

    QVERIFY(stored.wait(5000));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(stored.first().at(0).toLongLong(), conversationId);

    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const Conversation conversation = store.loadConversation(conversationId).value();
    QCOMPARE(conversation.turns.size(), 1);
    const StoredTurn &turn = conversation.turns.first();
    QCOMPARE(turn.id, stored.first().at(1).toLongLong());
    QCOMPARE(turn.state, TurnState::Complete);
    QCOMPARE(turn.turn.prompt, QStringLiteral("What is 2 + 2?"));
    QCOMPARE(turn.turn.strategy, QStringLiteral("scripted"));
    QCOMPARE(turn.turn.answer, QStringLiteral("Four."));
    QCOMPARE(turn.presetSnapshot.value(QStringLiteral("name")).toString(), QStringLiteral("Quality"));
    QVERIFY(turn.finishedAtMs >= turn.createdAtMs);
    QCOMPARE(turn.turn.calls.size(), 1);
    QCOMPARE(turn.turn.calls.first().outcome.text, QStringLiteral("It is four."));
    QCOMPARE(turn.turn.calls.first().outcome.reasoning, QStringLiteral("adding"));
}

void TestConversationRecorder::failedTurnStoredAsFailed()
{
    const qint64 conversationId = createConversation();
    TurnRecorder recorder(databasePath());
    QSignalSpy stored(&recorder, &TurnRecorder::turnStored);
    auto runner = makeRunner();
    recorder.record(runner.get(), conversationId, QJsonObject());

    runner->start(QStringLiteral("Anyone there?"));
    runner->fail(TurnFailure::AllMembersFailed, QStringLiteral("every member failed"));
    QVERIFY(stored.wait(5000));

    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const StoredTurn turn = store.loadConversation(conversationId)->turns.value(0);
    QCOMPARE(turn.state, TurnState::Failed);
    QCOMPARE(turn.turn.failure, std::optional<TurnFailure>(TurnFailure::AllMembersFailed));
    QCOMPARE(turn.turn.failureMessage, QStringLiteral("every member failed"));
}

void TestConversationRecorder::incognitoLeavesNoTrace()
{
    const qint64 conversationId = createConversation();
    const QString visible = QStringLiteral("visible-prompt-5b1e");
    const QString secret = QStringLiteral("incognito-prompt-9c3f");
    {
        TurnRecorder recorder(databasePath());
        QSignalSpy stored(&recorder, &TurnRecorder::turnStored);
        auto visibleRunner = makeRunner();
        recorder.record(visibleRunner.get(), conversationId, QJsonObject());
        visibleRunner->start(visible);
        visibleRunner->complete(QStringLiteral("ok"), false, QString());
        QVERIFY(stored.wait(5000));

        auto secretRunner = makeRunner();
        recorder.record(secretRunner.get(), conversationId, QJsonObject(), TurnRecorder::Privacy::Incognito);
        secretRunner->start(secret);
        Q_EMIT secretRunner->callStarted(0);
        Q_EMIT secretRunner->callContent(0, secret + QStringLiteral(" answer"));
        secretRunner->complete(secret + QStringLiteral(" fused"), false, QString());
        recorder.shutdown();
    }

    // The scan finds the stored prompt, so it would find the other one too.
    QVERIFY(filesContain(visible));
    QVERIFY(!filesContain(secret));
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    QCOMPARE(store.loadConversation(conversationId)->turns.size(), 1);
}

QTEST_GUILESS_MAIN(TestConversationRecorder)
#include "tst_ConversationRecorder.moc"
