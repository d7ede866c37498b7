#include "StoreFixtures.h"

#include "store/ConversationJson.h"
#include "store/ConversationStore.h"
#include "store/ExportJob.h"

#include <QFile>
#include <QJsonDocument>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

using namespace Consilium;
using namespace Consilium::Testing;

// Markdown, HTML and JSON exports of stored conversations, the JSON
// import round trip and the rejection of damaged files.
class TestConversationExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void markdownHasHeadingPerModel();
    void htmlEscapesText();
    void jsonRoundTripKeepsEveryField();
    void jsonExportsSelectedTurns();
    void damagedImportRejected_data();
    void damagedImportRejected();
    void asyncExportReportsProgress();
    void cancelledExportWritesNothing();

private:
    QString path(const QString &name) const { return m_directory->filePath(name); }
    QByteArray readAll(const QString &name) const;
    // Stores two turns in a new conversation and returns it as loaded.
    Conversation storeSample();

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<ConversationStore> m_store;
};

void TestConversationExport::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_store = std::make_unique<ConversationStore>();
    QVERIFY(m_store->open(path(QStringLiteral("conversations.sqlite"))).ok());
}

QByteArray TestConversationExport::readAll(const QString &name) const
{
    QFile file(path(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Conversation TestConversationExport::storeSample()
{
    const qint64 id = m_store->createConversation(QStringLiteral("Sorting <fast>")).value();
    StoredTurn first;
    first.turn = sampleTurn();
    first.state = TurnState::Complete;
    first.presetSnapshot = QJsonObject{{QStringLiteral("name"), QStringLiteral("Quality")}};
    first.createdAtMs = 1'700'000'000'000;
    first.finishedAtMs = 1'700'000'004'000;
    StoredTurn second;
    second.turn = sampleTurn(std::nullopt);
    second.turn.prompt = QStringLiteral("<script>alert('x')</script> and more?");
    second.turn.failure = TurnFailure::BelowQuorum;
    second.turn.failureMessage = QStringLiteral("only one member answered");
    second.state = TurnState::Interrupted;
    second.createdAtMs = 1'700'000'100'000;
    if (!m_store->appendTurn(id, first).ok() || !m_store->appendTurn(id, second).ok())
        qWarning("cannot store the sample turns");
    return m_store->loadConversation(id).value();
}

void TestConversationExport::markdownHasHeadingPerModel()
{
    const Conversation conversation = storeSample();
    QVERIFY(exportConversation(conversation, {}, ExportFormat::Markdown, path(QStringLiteral("c.md"))).ok());
    const QString markdown = QString::fromUtf8(readAll(QStringLiteral("c.md")));

    QVERIFY(markdown.startsWith(QStringLiteral("# Sorting \\<fast\\>\n")));
    QVERIFY(markdown.contains(QStringLiteral("## Turn 1\n")));
    QVERIFY(markdown.contains(QStringLiteral("## Turn 2\n")));
    QVERIFY2(markdown.contains(QStringLiteral("### anthropic/claude-sonnet-4 (panel 2, ok)\n")), qPrintable(markdown));
    QVERIFY(markdown.contains(QStringLiteral("### google/gemini-2.5-pro (panel, failed)\n")));
    QVERIFY(markdown.contains(QStringLiteral("### openai/gpt-4o (writer, ok)\n")));
    QVERIFY(markdown.contains(QStringLiteral("Use std::ranges::sort; it is introsort underneath.")));
    QVERIFY(markdown.contains(QStringLiteral("| Model | Stage | Status | Prompt tokens | Completion tokens | Cost |")));
    QVERIFY(markdown.contains(QStringLiteral("### Analysis")));
}

void TestConversationExport::htmlEscapesText()
{
    const Conversation conversation = storeSample();
    QVERIFY(exportConversation(conversation, {}, ExportFormat::Html, path(QStringLiteral("c.html"))).ok());
    const QString html = QString::fromUtf8(readAll(QStringLiteral("c.html")));

    QVERIFY(!html.contains(QStringLiteral("<script")));
    QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"))
            || html.contains(QStringLiteral("&lt;script&gt;alert('x')&lt;/script&gt;")));
    QVERIFY(html.contains(QStringLiteral("<title>Sorting &lt;fast&gt;</title>")));
    QCOMPARE(html.count(QStringLiteral("<details>")), 8);
    QVERIFY(html.contains(QStringLiteral("<summary>google/gemini-2.5-pro (panel, failed)</summary>")));
    QVERIFY(html.contains(QStringLiteral("<h3>Costs</h3>")));
    QVERIFY(html.contains(QStringLiteral("<style>")));
    QVERIFY(!html.contains(QStringLiteral("http://")));
    QVERIFY(!html.contains(QStringLiteral("https://")));
}

void TestConversationExport::jsonRoundTripKeepsEveryField()
{
    const Conversation original = storeSample();
    QVERIFY(exportConversation(original, {}, ExportFormat::Json, path(QStringLiteral("c.json"))).ok());

    const Result<Conversation> parsed = ConversationJson::fromJson(readAll(QStringLiteral("c.json")), QStringLiteral("c.json"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    const Result<qint64> imported = m_store->importConversation(*parsed);
    QVERIFY2(imported.ok(), qPrintable(imported.error()));
    QVERIFY(*imported != original.summary.id);
    const Conversation copy = m_store->loadConversation(*imported).value();

    QCOMPARE(copy.summary.title, original.summary.title);
    QCOMPARE(copy.summary.createdAtMs, original.summary.createdAtMs);
    QCOMPARE(copy.summary.updatedAtMs, original.summary.updatedAtMs);
    QCOMPARE(copy.turns.size(), original.turns.size());
    for (qsizetype i = 0; i < original.turns.size(); ++i) {
        QCOMPARE(copy.turns[i].position, original.turns[i].position);
        QCOMPARE(copy.turns[i].state, original.turns[i].state);
        QCOMPARE(copy.turns[i].presetSnapshot, original.turns[i].presetSnapshot);
        QCOMPARE(copy.turns[i].createdAtMs, original.turns[i].createdAtMs);
        QCOMPARE(copy.turns[i].finishedAtMs, original.turns[i].finishedAtMs);
        compareTurns(copy.turns[i].turn, original.turns[i].turn);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestConversationExport::jsonExportsSelectedTurns()
{
    const Conversation conversation = storeSample();
    const qint64 secondId = conversation.turns[1].id;
    QVERIFY(exportConversation(conversation, {secondId}, ExportFormat::Json, path(QStringLiteral("one.json"))).ok());
    const Conversation parsed = ConversationJson::fromJson(readAll(QStringLiteral("one.json")), QStringLiteral("one.json")).value();
    QCOMPARE(parsed.turns.size(), 1);
    QCOMPARE(parsed.turns[0].turn.prompt, conversation.turns[1].turn.prompt);
}

void TestConversationExport::damagedImportRejected_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expectedStart");
    QTest::newRow("truncated") << QStringLiteral("truncate") << QStringLiteral("conversation.json: invalid JSON at byte ");
    QTest::newRow("unknown call status") << QStringLiteral("status")
                                         << QStringLiteral("conversation.json: turns[1].calls[2].status: unknown value \"done\"");
    QTest::newRow("text not a string") << QStringLiteral("text")
                                       << QStringLiteral("conversation.json: turns[0].calls[0].text: must be a string");
    QTest::newRow("cost not decimal") << QStringLiteral("cost")
                                      << QStringLiteral("conversation.json: turns[0].calls[0].cost.cost_usd: \"lots\" is not a decimal amount of USD");
    QTest::newRow("newer format") << QStringLiteral("version")
                                  << QStringLiteral("conversation.json: format_version: 2 is newer than this Consilium (1)");
}

void TestConversationExport::damagedImportRejected()
{
    QFETCH(QString, damage);
    QFETCH(QString, expectedStart);
    const Conversation conversation = storeSample();
    QJsonObject root = ConversationJson::toJson(conversation);
    QByteArray contents;
    if (damage == u"truncate") {
        contents = QJsonDocument(root).toJson();
        contents.truncate(contents.size() / 2);
    } else {
        QJsonArray turns = root.value(QStringLiteral("turns")).toArray();
        const int turnIndex = damage == u"status" ? 1 : 0;
        const int callIndex = damage == u"status" ? 2 : 0;
        QJsonObject turn = turns[turnIndex].toObject();
        QJsonArray calls = turn.value(QStringLiteral("calls")).toArray();
        QJsonObject call = calls[callIndex].toObject();
        if (damage == u"status")
            call.insert(QStringLiteral("status"), QStringLiteral("done"));
        else if (damage == u"text")
            call.insert(QStringLiteral("text"), 42);
        else if (damage == u"cost")
            call.insert(QStringLiteral("cost"), QJsonObject{{QStringLiteral("prompt_tokens"), 1},
                                                            {QStringLiteral("completion_tokens"), 1},
                                                            {QStringLiteral("tokens_estimated"), false},
                                                            {QStringLiteral("cost_usd"), QStringLiteral("lots")},
                                                            {QStringLiteral("source"), QStringLiteral("provider")}});
        calls[callIndex] = call;
        turn.insert(QStringLiteral("calls"), calls);
        turns[turnIndex] = turn;
        root.insert(QStringLiteral("turns"), turns);
        if (damage == u"version")
            root.insert(QStringLiteral("format_version"), 2);
        contents = QJsonDocument(root).toJson();
    }

    const Result<Conversation> parsed = ConversationJson::fromJson(contents, QStringLiteral("conversation.json"));
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().startsWith(expectedStart), qPrintable(parsed.error()));
    QCOMPARE(m_store->listConversations()->size(), 1);
}

void TestConversationExport::asyncExportReportsProgress()
{
    const Conversation conversation = storeSample();
    QList<int> progress;
    QMutex mutex;
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    QFuture<Result<qint64>> future = exportConversationAsync(
        conversation, {}, ExportFormat::Html, path(QStringLiteral("async.html")),
        [&progress, &mutex](int done, int total) {
            QMutexLocker lock(&mutex);
            progress.append(done * 10 + total);
        },
        cancelled);
    future.waitForFinished();
    const Result<qint64> result = future.result();
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(*result, qint64(readAll(QStringLiteral("async.html")).size()));
    QCOMPARE(progress, (QList<int>{12, 22}));
}

void TestConversationExport::cancelledExportWritesNothing()
{
    const Conversation conversation = storeSample();
    auto cancelled = std::make_shared<std::atomic<bool>>(true);
    QFuture<Result<qint64>> future = exportConversationAsync(conversation, {}, ExportFormat::Markdown,
                                                             path(QStringLiteral("cancelled.md")), {}, cancelled);
    future.waitForFinished();
    QCOMPARE(future.result().error(), QStringLiteral("export cancelled"));
    QVERIFY(!QFile::exists(path(QStringLiteral("cancelled.md"))));
}

QTEST_GUILESS_MAIN(TestConversationExport)
#include "tst_ConversationExport.moc"
