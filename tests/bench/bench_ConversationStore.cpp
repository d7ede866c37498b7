// Times the two storage operations a user waits for: opening a long
// conversation and searching a large history. Prints one line per figure.
//
//   bench_ConversationStore load [TURNS] [MEMBERS]   (default 1000 × 8)
//   bench_ConversationStore search [ANSWERS]         (default 100000)

#include "store/ConversationStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Consilium;

namespace {

constexpr int kRepeats = 7;
constexpr int kWordsPerAnswer = 120;

// A fixed vocabulary so that common and rare words both exist.
QString randomText(QRandomGenerator &random, int words)
{
    static const QStringList vocabulary = [] {
        QStringList list;
        for (int i = 0; i < 5000; ++i)
            list.append(QStringLiteral("w%1").arg(i));
        return list;
    }();
    QString text;
    for (int i = 0; i < words; ++i) {
        // Squaring skews the choice toward low indexes, like word frequencies.
        const double x = random.generateDouble();
        text += vocabulary[int(x * x * vocabulary.size())] + u' ';
    }
    return text;
}

Conversation makeConversation(int turns, int members, QRandomGenerator &random)
{
    Conversation conversation;
    conversation.summary.title = QStringLiteral("Benchmark");
    for (int t = 0; t < turns; ++t) {
        StoredTurn stored;
        stored.state = TurnState::Complete;
        stored.createdAtMs = 1'700'000'000'000 + t;
        stored.turn.prompt = randomText(random, 20);
        stored.turn.strategy = QStringLiteral("fusion");
        for (int m = 0; m < members; ++m) {
            CallRecord call;
            call.model = QStringLiteral("vendor/model-%1").arg(m);
            call.stage = m + 1 == members ? Stage::Writer : Stage::Panel;
            call.outcome.status = CallStatus::Succeeded;
            call.outcome.text = randomText(random, kWordsPerAnswer);
            call.outcome.finishReason = QStringLiteral("stop");
            call.cost.promptTokens = 500;
            call.cost.completionTokens = 300;
            call.cost.cost = Money::fromPicoUsd(123'456);
            call.cost.source = CostSource::Provider;
            stored.turn.calls.append(call);
        }
        stored.turn.answer = stored.turn.calls.last().outcome.text;
        conversation.turns.append(stored);
    }
    return conversation;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

int benchLoad(const QString &path, int turns, int members)
{
    QRandomGenerator random(1);
    QElapsedTimer timer;
    timer.start();
    qint64 id = 0;
    {
        ConversationStore store;
        if (!store.open(path).ok())
            return 1;
        id = store.importConversation(makeConversation(turns, members, random)).value();
    }
    std::printf("built %d turns x %d members in %.1f s\n", turns, members, timer.elapsed() / 1000.0);

    QList<double> times;
    for (int i = 0; i < kRepeats; ++i) {
        ConversationStore store;
        timer.restart();
        if (!store.open(path).ok())
            return 1;
        const Result<Conversation> loaded = store.loadConversation(id);
        times.append(timer.nsecsElapsed() / 1e6);
        if (!loaded || loaded->turns.size() != turns)
            return 1;
    }
    std::printf("open + load conversation (%d turns, %d calls): median %.1f ms, min %.1f ms over %d runs\n", turns,
                turns * members, median(times), *std::min_element(times.begin(), times.end()), kRepeats);
    return 0;
}

int benchSearch(const QString &path, int answers)
{
    constexpr int members = 8;
    QRandomGenerator random(2);
    QElapsedTimer timer;
    timer.start();
    {
        ConversationStore store;
        if (!store.open(path).ok())
            return 1;
        // Several conversations, as a real history has.
        for (int done = 0; done < answers; done += 1000 * members) {
            const int turns = std::min(1000, (answers - done) / members);
            if (!store.importConversation(makeConversation(turns, members, random)).ok())
                return 1;
        }
    }
    std::printf("built %d answers of %d words in %.1f s\n", answers, kWordsPerAnswer, timer.elapsed() / 1000.0);

    ConversationStore store;
    if (!store.open(path).ok())
        return 1;
    // From the most common word (in about 80 % of answers) to a rare one;
    // "w432" is also a prefix of w4320 to w4329.
    const QStringList queries{QStringLiteral("w0"), QStringLiteral("w10 w20"), QStringLiteral("w432"),
                              QStringLiteral("w4321")};
    for (const QString &query : queries) {
        QList<double> times;
        qsizetype hits = 0;
        for (int i = 0; i < kRepeats; ++i) {
            timer.restart();
            const Result<QList<SearchHit>> found = store.search(query, 50);
            times.append(timer.nsecsElapsed() / 1e6);
            hits = found ? found->size() : -1;
        }
        std::printf("search \"%s\" (top 50, %lld hits returned): median %.1f ms over %d runs\n", qPrintable(query),
                    qlonglong(hits), median(times), kRepeats);
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("bench.sqlite"));
    if (arguments.value(1) == u"load")
        return benchLoad(path, arguments.value(2, QStringLiteral("1000")).toInt(), arguments.value(3, QStringLiteral("8")).toInt());
    if (arguments.value(1) == u"search")
        return benchSearch(path, arguments.value(2, QStringLiteral("100000")).toInt());
    std::fprintf(stderr, "usage: bench_ConversationStore load [TURNS] [MEMBERS] | search [ANSWERS]\n");
    return 2;
}
