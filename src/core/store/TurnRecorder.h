#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QThread>

namespace Consilium {

class RecorderWorker;
class TurnRunner;

// Saves running turns into the conversation database while they stream,
// without ever blocking the calling thread on SQL.
//
// The recorder lives on the UI (or CLI main) thread and listens to each
// TurnRunner it is given. It forwards every event to a RecorderWorker in
// its own QThread with its own database connection. The turn row is
// 'running' from the start, calls get a row at callStarted, streamed text
// is written in batches at most every RecorderWorker::kFlushIntervalMs,
// and finished() stores the whole turn as complete or failed. A process
// that dies mid-turn leaves the row 'running' with the text written so
// far; ConversationStore::open() then marks it 'interrupted'.
//
// The destructor (or shutdown()) writes what is pending and waits for the
// thread: the only place where the caller blocks.
class TurnRecorder : public QObject
{
    Q_OBJECT

public:
    enum class Privacy {
        Stored,
        Incognito, // nothing about the turn reaches the database
    };

    // Opens `databasePath` in the recorder's thread. Open errors arrive
    // through failed().
    explicit TurnRecorder(const QString &databasePath, QObject *parent = nullptr);
    ~TurnRecorder() override;

    // Records the turn `runner` is about to run (connect before start()).
    // `presetSnapshot` is stored with the turn as the ensemble that ran it.
    void record(TurnRunner *runner, qint64 conversationId, const QJsonObject &presetSnapshot,
                Privacy privacy = Privacy::Stored);

    // Writes pending text, closes the database and stops the thread.
    void shutdown();

Q_SIGNALS:
    // The finished turn is fully written.
    void turnStored(qint64 conversationId, qint64 turnId);
    void failed(const QString &message);

private:
    struct Recording
    {
        qint64 conversationId = 0;
        QJsonObject presetSnapshot;
        bool begun = false;
    };

    void connectRunner(TurnRunner *runner, int key);
    // Sends the turn row on the first event: the prompt is only known
    // once the runner has started.
    void beginIfNeeded(TurnRunner *runner, int key);
    void forwardDelta(TurnRunner *runner, int key, int index, const QString &text, const QString &reasoning);

    QThread m_thread;
    QHash<int, Recording> m_recordings;
    RecorderWorker *m_worker = nullptr;
    int m_nextKey = 1;
};

} // namespace Consilium
