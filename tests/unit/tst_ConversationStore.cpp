#include "StoreFixtures.h"

#include "store/ConversationStore.h"
#include "store/SqlSupport.h"
#include "store/StoreSchema.h"
#include "store/StoreSearch.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Consilium;
using namespace Consilium::Testing;

// The SQLite conversation store on real files in a temporary folder:
// schema and migrations, round trips, search, delete and interrupted turns.
class TestConversationStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void schemaStartsAtLatestVersion();
    void migratesFromVersionZero();
    void rejectsNewerSchema();
    void walModeIsOn();
    void foreignKeysAreOn();
    void fullTextIndexIsAvailable();
    void turnRoundTrip_data();
    void turnRoundTrip();
    void unknownCostStoredAsNull();
    void presetAndAnalysisRoundTrip();
    void listsMostRecentFirst();
    void renameChangesTitle();
    void renameUnknownConversationFails();
    void searchFindsCallText();
    void searchFindsPromptAndAnswer();
    void searchTakesOperatorsLiterally();
    void searchSkipsDeletedConversation();
    void likeSearchMarksMatch();
    void deleteThenRestore();
    void purgeRemovesRowsAndIndex();
    void runningTurnBecomesInterrupted();
    void keepModeLeavesRunningTurns();

private:
    QString databasePath() const { return m_directory->filePath(QStringLiteral("conversations.sqlite")); }
    // Runs a one-value query on a separate connection.
    QVariant scalar(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_directory;
};

void TestConversationStore::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
}

QVariant TestConversationStore::scalar(const QString &sql)
{
    const QString name = Sql::uniqueConnectionName(QStringLiteral("test"));
    QVariant value;
    {
        Result<QSqlDatabase> database = Sql::open(databasePath(), name);
        if (!database) {
            qWarning("%s", qPrintable(database.error()));
            return {};
        }
        QSqlQuery query(database.value());
        if (query.exec(sql) && query.next())
            value = query.value(0);
    }
    Sql::close(name);
    return value;
}

void TestConversationStore::schemaStartsAtLatestVersion()
{
    ConversationStore store;
    QVERIFY2(store.open(databasePath()).ok(), "open failed");
    store.close();

    QCOMPARE(scalar(QStringLiteral("PRAGMA user_version")).toInt(), 1);
    QCOMPARE(StoreSchema::latestVersion(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                                   "('conversations', 'turns', 'calls')"))
                 .toInt(),
             3);
}

void TestConversationStore::migratesFromVersionZero()
{
    // A file that SQLite created but Consilium never migrated.
    QCOMPARE(scalar(QStringLiteral("PRAGMA user_version")).toInt(), 0);

    ConversationStore store;
    const StoreStatus opened = store.open(databasePath());
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    QCOMPARE(StoreSchema::currentVersion(store.database()).value(), 1);
}

void TestConversationStore::rejectsNewerSchema()
{
    scalar(QStringLiteral("PRAGMA user_version = 7"));

    ConversationStore store;
    const StoreStatus opened = store.open(databasePath());
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().contains(QStringLiteral("schema version 7, newer than this Consilium (1)")),
             qPrintable(opened.error()));
    QVERIFY(!store.isOpen());
}

void TestConversationStore::walModeIsOn()
{
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    QCOMPARE(scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
}

void TestConversationStore::foreignKeysAreOn()
{
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    QSqlQuery query(store.database());
    QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_keys")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void TestConversationStore::fullTextIndexIsAvailable()
{
    // Debian 12's libsqlite3, which Qt's QSQLITE plugin links, has FTS5.
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    QCOMPARE(store.hasFullTextIndex(), true);
}

void TestConversationStore::turnRoundTrip_data()
{
    QTest::addColumn<bool>("costKnown");
    QTest::addColumn<qint64>("costPico");
    QTest::newRow("known cost") << true << qint64(42'000'000);
    QTest::newRow("zero cost") << true << qint64(0);
    QTest::newRow("unknown cost") << false << qint64(0);
}

void TestConversationStore::turnRoundTrip()
{
    QFETCH(bool, costKnown);
    QFETCH(qint64, costPico);
    const Turn turn = sampleTurn(costKnown ? std::optional<Money>(Money::fromPicoUsd(costPico)) : std::nullopt);

    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const Result<qint64> conversation = store.createConversation(QStringLiteral("Sorting"));
    QVERIFY(conversation.ok());
    StoredTurn input;
    input.turn = turn;
    input.state = TurnState::Complete;
    input.createdAtMs = 1'700'000'000'000;
    input.finishedAtMs = 1'700'000'003'000;
    const Result<StoredTurn> appended = store.appendTurn(*conversation, input);
    QVERIFY2(appended.ok(), qPrintable(appended.error()));
    QCOMPARE(appended->callIds.size(), 4);
    store.close();

    ConversationStore reopened;
    QVERIFY(reopened.open(databasePath()).ok());
    const Result<Conversation> loaded = reopened.loadConversation(*conversation);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->turns.size(), 1);
    const StoredTurn &stored = loaded->turns.first();
    QCOMPARE(stored.id, appended->id);
    QCOMPARE(stored.callIds, appended->callIds);
    QCOMPARE(stored.position, 0);
    QCOMPARE(stored.state, TurnState::Complete);
    QCOMPARE(stored.createdAtMs, input.createdAtMs);
    QCOMPARE(stored.finishedAtMs, input.finishedAtMs);
    compareTurns(stored.turn, turn);
}

void TestConversationStore::unknownCostStoredAsNull()
{
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const qint64 conversation = store.createConversation(QStringLiteral("Costs")).value();
    StoredTurn input;
    input.turn = sampleTurn(Money());
    QVERIFY(store.appendTurn(conversation, input).ok());

    // Call 0 costs exactly zero, call 1 has no known cost.
    QCOMPARE(scalar(QStringLiteral("SELECT typeof(cost_pico) FROM calls WHERE position = 0")).toString(),
             QStringLiteral("integer"));
    QCOMPARE(scalar(QStringLiteral("SELECT cost_pico FROM calls WHERE position = 0")).toLongLong(), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT typeof(cost_pico) FROM calls WHERE position = 1")).toString(),
             QStringLiteral("null"));
}

void TestConversationStore::presetAndAnalysisRoundTrip()
{
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const qint64 conversation = store.createConversation(QStringLiteral("Snapshot")).value();
    StoredTurn input;
    input.turn = sampleTurn();
    input.presetSnapshot = QJsonObject{{QStringLiteral("name"), QStringLiteral("Quality")}};
    const StoredTurn appended = store.appendTurn(conversation, input).value();
    const QJsonObject analysis{{QStringLiteral("agreement"), 0.5}};
    QVERIFY(store.setTurnAnalysis(appended.id, analysis).ok());

    const Conversation loaded = store.loadConversation(conversation).value();
    QCOMPARE(loaded.turns.first().presetSnapshot, input.presetSnapshot);
    QCOMPARE(loaded.turns.first().turn.analysis, analysis);
}

void TestConversationStore::listsMostRecentFirst()
{
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const qint64 first = store.createConversation(QStringLiteral("first")).value();
    const qint64 second = store.createConversation(QStringLiteral("second")).value();
    QTest::qSleep(5);
    StoredTurn turn;
    turn.turn = sampleTurn();
    QVERIFY(store.appendTurn(first, turn).ok());

    const QList<ConversationSummary> list = store.listConversations().value();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[0].id, first);
    QCOMPARE(list[0].turnCount, 1);
    QCOMPARE(list[1].id, second);
    QCOMPARE(list[1].turnCount, 0);
}

void TestConversationStore::renameChangesTitle()
{
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const qint64 id = store.createConversation(QStringLiteral("Untitled")).value();
    QVERIFY(store.renameConversation(id, QStringLiteral("Sorting in C++")).ok());
    QCOMPARE(store.loadConversation(id)->summary.title, QStringLiteral("Sorting in C++"));
}

void TestConversationStore::renameUnknownConversationFails()
{
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const StoreStatus renamed = store.renameConversation(999, QStringLiteral("x"));
    QVERIFY(!renamed.ok());
    QCOMPARE(renamed.error(), QStringLiteral("conversation 999 not found"));
}

void TestConversationStore::searchFindsCallText()
{
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const qint64 id = store.createConversation(QStringLiteral("Sorting")).value();
    StoredTurn input;
    input.turn = sampleTurn();
    const StoredTurn stored = store.appendTurn(id, input).value();

    const QList<SearchHit> hits = store.search(QStringLiteral("introsort")).value();
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].conversationId, id);
    QCOMPARE(hits[0].conversationTitle, QStringLiteral("Sorting"));
    QCOMPARE(hits[0].turnId, stored.id);
    QCOMPARE(hits[0].callId, stored.callIds[0]);
    QCOMPARE(hits[0].field, SearchField::CallText);
    const QString marked = QString(SearchHit::kHighlightStart) + QStringLiteral("introsort") + SearchHit::kHighlightEnd;
    QVERIFY2(hits[0].snippet.contains(marked), qPrintable(hits[0].snippet));
}

void TestConversationStore::searchFindsPromptAndAnswer()
{
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const qint64 id = store.createConversation(QStringLiteral("Sorting")).value();
    StoredTurn input;
    input.turn = sampleTurn();
    input.turn.prompt = QStringLiteral("Which quokka sorts fastest?");
    input.turn.answer = QStringLiteral("The platypus answer.");
    QVERIFY(store.appendTurn(id, input).ok());

    const QList<SearchHit> prompt = store.search(QStringLiteral("quokka")).value();
    QCOMPARE(prompt.size(), 1);
    QCOMPARE(prompt[0].field, SearchField::Prompt);
    const QList<SearchHit> answer = store.search(QStringLiteral("platy")).value();
    QCOMPARE(answer.size(), 1);
    QCOMPARE(answer[0].field, SearchField::Answer);
}

void TestConversationStore::searchTakesOperatorsLiterally()
{
    QCOMPARE(StoreSearch::toFtsQuery(QStringLiteral(" sort AND \"x  ")), QStringLiteral("\"sort\" \"AND\" \"\"\"x\""));
    QCOMPARE(StoreSearch::toFtsQuery(QStringLiteral("quick sor")), QStringLiteral("\"quick\" \"sor\"*"));
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const Result<QList<SearchHit>> hits = store.search(QStringLiteral("NEAR( \" OR * -"));
    QVERIFY2(hits.ok(), qPrintable(hits.error()));
    QCOMPARE(hits->size(), 0);
}

void TestConversationStore::searchSkipsDeletedConversation()
{
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const qint64 kept = store.createConversation(QStringLiteral("kept")).value();
    const qint64 deleted = store.createConversation(QStringLiteral("deleted")).value();
    StoredTurn input;
    input.turn = sampleTurn();
    QVERIFY(store.appendTurn(kept, input).ok());
    QVERIFY(store.appendTurn(deleted, input).ok());
    QVERIFY(store.deleteConversation(deleted).ok());

    const QList<SearchHit> hits = store.search(QStringLiteral("introsort")).value();
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].conversationId, kept);
}

void TestConversationStore::likeSearchMarksMatch()
{
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const qint64 id = store.createConversation(QStringLiteral("Sorting")).value();
    StoredTurn input;
    input.turn = sampleTurn();
    QVERIFY(store.appendTurn(id, input).ok());

    const Result<QList<SearchHit>> hits = StoreSearch::like(store.database(), QStringLiteral("IntroSort"), 10);
    QVERIFY2(hits.ok(), qPrintable(hits.error()));
    QCOMPARE(hits->size(), 1);
    QCOMPARE(hits->at(0).field, SearchField::CallText);
    const QString marked = QString(SearchHit::kHighlightStart) + QStringLiteral("introsort") + SearchHit::kHighlightEnd;
    QVERIFY2(hits->at(0).snippet.contains(marked), qPrintable(hits->at(0).snippet));
}

void TestConversationStore::deleteThenRestore()
{
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const qint64 id = store.createConversation(QStringLiteral("Sorting")).value();
    StoredTurn input;
    input.turn = sampleTurn();
    QVERIFY(store.appendTurn(id, input).ok());

    QVERIFY(store.deleteConversation(id).ok());
    QCOMPARE(store.listConversations()->size(), 0);
    QVERIFY(!store.loadConversation(id).ok());

    QVERIFY(store.restoreConversation(id).ok());
    QCOMPARE(store.listConversations()->size(), 1);
    const Result<Conversation> restored = store.loadConversation(id);
    QVERIFY(restored.ok());
    compareTurns(restored->turns.first().turn, input.turn);
    QCOMPARE(store.search(QStringLiteral("introsort"))->size(), 1);
}

void TestConversationStore::purgeRemovesRowsAndIndex()
{
    ConversationStore store;
    QVERIFY(store.open(databasePath()).ok());
    const qint64 id = store.createConversation(QStringLiteral("Sorting")).value();
    StoredTurn input;
    input.turn = sampleTurn();
    QVERIFY(store.appendTurn(id, input).ok());
    QVERIFY(store.deleteConversation(id).ok());

    QCOMPARE(store.purgeDeletedConversations(QDateTime::currentMSecsSinceEpoch() + 1).value(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM calls")).toInt(), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM turns")).toInt(), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM search_index")).toInt(), 0);
    QVERIFY(!store.restoreConversation(id).ok());
}

void TestConversationStore::runningTurnBecomesInterrupted()
{
    qint64 turnId = 0;
    {
        ConversationStore store;
        QVERIFY(store.open(databasePath()).ok());
        const qint64 id = store.createConversation(QStringLiteral("Crash")).value();
        const StoredTurn turn = store.beginTurn(id, QStringLiteral("Tell me a long story"), QStringLiteral("fusion"),
                                                QJsonObject())
                                    .value();
        turnId = turn.id;
        CallRecord call;
        call.model = QStringLiteral("emu/slow");
        call.outcome.status = CallStatus::Running;
        const qint64 callId = store.addCall(turn.id, 0, call).value();
        QVERIFY(store.appendCallText(callId, QStringLiteral("Once upon "), QString(), CallTimings{1, 2, 3, 0}).ok());
        QVERIFY(store.appendCallText(callId, QStringLiteral("a time"), QStringLiteral("hmm"), CallTimings{1, 2, 3, 0}).ok());
        // Closed without finishTurn(), as a killed process would leave it.
    }

    ConversationStore reopened;
    QVERIFY(reopened.open(databasePath()).ok());
    const QList<StoredTurn> interrupted = reopened.interruptedTurns().value();
    QCOMPARE(interrupted.size(), 1);
    QCOMPARE(interrupted[0].id, turnId);
    QCOMPARE(interrupted[0].state, TurnState::Interrupted);
    QCOMPARE(interrupted[0].turn.prompt, QStringLiteral("Tell me a long story"));
    QCOMPARE(interrupted[0].turn.calls.size(), 1);
    QCOMPARE(interrupted[0].turn.calls[0].outcome.text, QStringLiteral("Once upon a time"));
    QCOMPARE(interrupted[0].turn.calls[0].outcome.reasoning, QStringLiteral("hmm"));
    QCOMPARE(interrupted[0].turn.calls[0].outcome.timings.firstTokenAtMs, 3);
}

void TestConversationStore::keepModeLeavesRunningTurns()
{
    ConversationStore writer;
    QVERIFY(writer.open(databasePath()).ok());
    const qint64 id = writer.createConversation(QStringLiteral("Live")).value();
    QVERIFY(writer.beginTurn(id, QStringLiteral("p"), QStringLiteral("fusion"), QJsonObject()).ok());

    ConversationStore second;
    QVERIFY(second.open(databasePath(), ConversationStore::RunningTurns::Keep).ok());
    QCOMPARE(second.interruptedTurns()->size(), 0);
    QCOMPARE(second.loadConversation(id)->turns.first().state, TurnState::Running);
}

QTEST_GUILESS_MAIN(TestConversationStore)
#include "tst_ConversationStore.moc"
