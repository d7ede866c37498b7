#include "EmulatorProcess.h"
#include "../unit/StoreFixtures.h"

#include "fusion/PanelWriterStrategy.h"
#include "fusion/TurnRunner.h"
#include "provider/ChatClient.h"
#include "provider/ModelCatalogue.h"
#include "store/ConversationStore.h"
#include "store/TurnRecorder.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Consilium;
using namespace Consilium::Testing;

namespace {

QJsonObject model(const QString &id, const QString &text, int tokensPerSecond)
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), id},
        {QStringLiteral("pricing"), QJsonObject{{QStringLiteral("prompt"), QStringLiteral("0.000001")},
                                                {QStringLiteral("completion"), QStringLiteral("0.000002")}}},
        {QStringLiteral("reply"), QJsonObject{{QStringLiteral("text"), text}}},
        {QStringLiteral("ttft_ms"), 50},
        {QStringLiteral("tokens_per_second"), tokensPerSecond},
        {QStringLiteral("reasoning"), QString(QStringLiteral("Short reasoning for ") + id)},
    };
}

} // namespace

// TurnRecorder on a real TurnRunner against the emulator: what the store
// holds equals the runner's turn, and text is saved while it streams.
class TestRecorderEmulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storedTurnEqualsRunnerTurn();
    void textSavedWhileStreaming();

private:
    struct Setup
    {
        EmulatorProcess emulator;
        ChatClient client;
        ModelCatalogue catalogue;
        QTemporaryDir directory;
        qint64 conversationId = 0;
        QString databasePath() const { return directory.filePath(QStringLiteral("c.sqlite")); }
    };
    static bool prepare(Setup &setup, int tokensPerSecond);
};

bool TestRecorderEmulator::prepare(Setup &setup, int tokensPerSecond)
{
    QString longText;
    for (int i = 0; i < 200; ++i)
        longText += QStringLiteral("word%1 ").arg(i);
    const QJsonArray models{model(QStringLiteral("emu/a"), QStringLiteral("Alpha: ") + longText, tokensPerSecond),
                            model(QStringLiteral("emu/b"), QStringLiteral("Beta: ") + longText, tokensPerSecond),
                            model(QStringLiteral("emu/w"), QStringLiteral("Fused: ") + longText, tokensPerSecond)};
    if (!setup.emulator.start(QJsonObject{{QStringLiteral("models"), models}}))
        return false;
    Endpoint endpoint;
    endpoint.baseUrl = setup.emulator.baseUrl();
    endpoint.apiKey = QStringLiteral("sk-test-recorder");
    setup.client.setEndpoint(endpoint);
    QSignalSpy updated(&setup.catalogue, &ModelCatalogue::updated);
    setup.catalogue.refresh(endpoint);
    if (!updated.wait(10'000))
        return false;
    ConversationStore store;
    if (!store.open(setup.databasePath()).ok())
        return false;
    setup.conversationId = store.createConversation(QStringLiteral("Live")).value();
    return true;
}

void TestRecorderEmulator::storedTurnEqualsRunnerTurn()
{
    Setup setup;
    QVERIFY(prepare(setup, 2000));
    TurnRecorder recorder(setup.databasePath());
    QSignalSpy stored(&recorder, &TurnRecorder::turnStored);
    TurnRunner runner(&setup.client, &setup.catalogue,
                      Ensemble::fromModelIds({QStringLiteral("emu/a"), QStringLiteral("emu/b")}, QStringLiteral("emu/w")),
                      std::make_unique<PanelWriterStrategy>());
    recorder.record(&runner, setup.conversationId, QJsonObject{{QStringLiteral("name"), QStringLiteral("test")}});
    runner.start(QStringLiteral("Count words"));
    QVERIFY(stored.wait(30'000));

    ConversationStore store;
    QVERIFY(store.open(setup.databasePath()).ok());
    const Conversation conversation = store.loadConversation(setup.conversationId).value();
    QCOMPARE(conversation.turns.size(), 1);
    QCOMPARE(conversation.turns[0].state, TurnState::Complete);
    QCOMPARE(runner.turn().calls.size(), 3);
    compareTurns(conversation.turns[0].turn, runner.turn());
}

void TestRecorderEmulator::textSavedWhileStreaming()
{
    Setup setup;
    QVERIFY(prepare(setup, 40));
    TurnRecorder recorder(setup.databasePath());
    TurnRunner runner(&setup.client, &setup.catalogue,
                      Ensemble::fromModelIds({QStringLiteral("emu/a"), QStringLiteral("emu/b")}, QStringLiteral("emu/w")),
                      std::make_unique<PanelWriterStrategy>());
    recorder.record(&runner, setup.conversationId, QJsonObject());
    runner.start(QStringLiteral("Count words slowly"));
    QTest::qWait(2000);

    // About 75 tokens have arrived per call; the store must hold most of them.
    ConversationStore reader;
    QVERIFY(reader.open(setup.databasePath(), ConversationStore::RunningTurns::Keep).ok());
    const StoredTurn turn = reader.loadConversation(setup.conversationId)->turns.value(0);
    QCOMPARE(turn.state, TurnState::Running);
    QCOMPARE(turn.turn.calls.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const QString live = runner.turn().calls[i].outcome.text;
        const QString saved = turn.turn.calls[i].outcome.text;
        QVERIFY(live.startsWith(saved));
        QVERIFY2(saved.size() >= live.size() / 2, qPrintable(QStringLiteral("%1 of %2").arg(saved.size()).arg(live.size())));
    }
    runner.cancel();
}

QTEST_GUILESS_MAIN(TestRecorderEmulator)
#include "tst_RecorderEmulator.moc"
