#include "PdfExport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Consilium;
using namespace Consilium::App;

// PDF export of a conversation through QTextDocument and QPdfWriter.
class PdfExportTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesPdfWithEveryTurn();
    void selectedTurnsOnly();
    void cancelledExportLeavesNoFile();
    void unwritablePathNamesTheFile();

private:
    static Conversation sampleConversation(int turns);
    static int pageCount(const QByteArray &pdf);

    QTemporaryDir m_directory;
};

Conversation PdfExportTest::sampleConversation(int turns)
{
    Conversation conversation;
    conversation.summary.id = 1;
    conversation.summary.title = QStringLiteral("Sorting ages");
    for (int i = 0; i < turns; ++i) {
        StoredTurn stored;
        stored.id = 100 + i;
        stored.position = i;
        stored.state = TurnState::Complete;
        stored.turn.prompt = QStringLiteral("Question %1: how do I sort ages?").arg(i);
        stored.turn.strategy = QStringLiteral("fusion");
        stored.turn.answer = QStringLiteral("Use std::ranges::sort. ").repeated(200);
        CallRecord call;
        call.model = QStringLiteral("emu/alpha");
        call.outcome.status = CallStatus::Succeeded;
        call.outcome.text = QStringLiteral("Alpha's answer to question %1.").arg(i);
        call.cost.cost = Money::fromMicroUsd(42);
        call.cost.source = CostSource::Provider;
        stored.turn.calls.append(call);
        conversation.turns.append(stored);
    }
    return conversation;
}

int PdfExportTest::pageCount(const QByteArray &pdf)
{
    // Every page object carries "/Type /Page" (the page tree says "/Pages").
    return int(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page "));
}

void PdfExportTest::writesPdfWithEveryTurn()
{
    const QString path = m_directory.filePath(QStringLiteral("chat.pdf"));
    QList<int> progress;
    const Result<qint64> written = exportConversationPdf(sampleConversation(3), {}, path,
                                                         [&progress](int done, int) { progress.append(done); });
    QVERIFY2(written.ok(), qPrintable(written.error()));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QCOMPARE(qint64(pdf.size()), written.value());
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    QCOMPARE(progress, (QList<int>{1, 2, 3}));
    // Three long answers do not fit on one A4 page.
    QVERIFY2(pageCount(pdf) >= 2, qPrintable(QString::number(pageCount(pdf))));
}

void PdfExportTest::selectedTurnsOnly()
{
    const QString all = m_directory.filePath(QStringLiteral("all.pdf"));
    const QString one = m_directory.filePath(QStringLiteral("one.pdf"));
    const Result<qint64> allWritten = exportConversationPdf(sampleConversation(4), {}, all);
    const Result<qint64> oneWritten = exportConversationPdf(sampleConversation(4), {101}, one);
    QVERIFY(allWritten.ok());
    QVERIFY(oneWritten.ok());
    QVERIFY(oneWritten.value() < allWritten.value());
}

void PdfExportTest::cancelledExportLeavesNoFile()
{
    const QString path = m_directory.filePath(QStringLiteral("cancelled.pdf"));
    const std::atomic<bool> cancelled{true};
    const Result<qint64> written = exportConversationPdf(sampleConversation(2), {}, path, {}, &cancelled);
    QVERIFY(!written.ok());
    QVERIFY(written.error().contains(QStringLiteral("cancelled")));
    QVERIFY(!QFile::exists(path));
}

void PdfExportTest::unwritablePathNamesTheFile()
{
    const QString path = m_directory.filePath(QStringLiteral("missing-folder/chat.pdf"));
    const Result<qint64> written = exportConversationPdf(sampleConversation(1), {}, path);
    QVERIFY(!written.ok());
    QVERIFY2(written.error().contains(path), qPrintable(written.error()));
}

QTEST_MAIN(PdfExportTest)
#include "tst_PdfExport.moc"
