#include "TurnRecorder.h"

#include "common/Logging.h"
#include "fusion/TurnRunner.h"
#include "store/RecorderWorker.h"

#include <QPointer>

namespace Consilium {

TurnRecorder::TurnRecorder(const QString &databasePath, QObject *parent)
    : QObject(parent), m_worker(new RecorderWorker)
{
    m_thread.setObjectName(QStringLiteral("consilium-store"));
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &RecorderWorker::turnStored, this, &TurnRecorder::turnStored);
    connect(m_worker, &RecorderWorker::failed, this, &TurnRecorder::failed);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, databasePath] { worker->open(databasePath); },
                              Qt::QueuedConnection);
}

TurnRecorder::~TurnRecorder()
{
    shutdown();
}

void TurnRecorder::shutdown()
{
    if (!m_worker)
        return;
    // Queued after every event already sent, so all of them are written
    // before the thread's loop ends.
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] {
        worker->close();
        QThread::currentThread()->quit();
    }, Qt::QueuedConnection);
    m_thread.wait();
    delete m_worker;
    m_worker = nullptr;
}

void TurnRecorder::record(TurnRunner *runner, qint64 conversationId, const QJsonObject &presetSnapshot,
                          Privacy privacy)
{
    if (!m_worker || !runner)
        return;
    if (privacy == Privacy::Incognito) {
        qCDebug(lcStore) << "incognito turn: not recorded";
        return;
    }
    const int key = m_nextKey++;
    m_recordings.insert(key, Recording{conversationId, presetSnapshot, false});
    connectRunner(runner, key);
}

void TurnRecorder::beginIfNeeded(TurnRunner *runner, int key)
{
    Recording &recording = m_recordings[key];
    if (recording.begun)
        return;
    recording.begun = true;
    QMetaObject::invokeMethod(m_worker,
                              [worker = m_worker, key, conversationId = recording.conversationId,
                               prompt = runner->turn().prompt, strategy = runner->turn().strategy,
                               snapshot = recording.presetSnapshot] {
                                  worker->beginTurn(key, conversationId, prompt, strategy, snapshot);
                              },
                              Qt::QueuedConnection);
}

void TurnRecorder::forwardDelta(TurnRunner *runner, int key, int index, const QString &text, const QString &reasoning)
{
    beginIfNeeded(runner, key);
    const CallTimings timings = runner->turn().calls.value(index).outcome.timings;
    QMetaObject::invokeMethod(m_worker,
                              [worker = m_worker, key, index, text, reasoning, timings] {
                                  worker->appendDelta(key, index, text, reasoning, timings);
                              },
                              Qt::QueuedConnection);
}

void TurnRecorder::connectRunner(TurnRunner *runner, int key)
{
    // Every handler copies what it needs on this thread: the runner's turn
    // changes as events arrive and must not be read from the worker thread.
    connect(runner, &TurnRunner::callStarted, this, [this, runner, key](int index) {
        beginIfNeeded(runner, key);
        QMetaObject::invokeMethod(m_worker,
                                  [worker = m_worker, key, index, call = runner->turn().calls.value(index)] {
                                      worker->startCall(key, index, call);
                                  },
                                  Qt::QueuedConnection);
    });
    connect(runner, &TurnRunner::callContent, this, [this, runner, key](int index, const QString &delta) {
        forwardDelta(runner, key, index, delta, QString());
    });
    connect(runner, &TurnRunner::callReasoning, this, [this, runner, key](int index, const QString &delta) {
        forwardDelta(runner, key, index, QString(), delta);
    });
    connect(runner, &TurnRunner::callFinished, this, [this, runner, key](int index) {
        beginIfNeeded(runner, key);
        QMetaObject::invokeMethod(m_worker,
                                  [worker = m_worker, key, index, call = runner->turn().calls.value(index)] {
                                      worker->finishCall(key, index, call);
                                  },
                                  Qt::QueuedConnection);
    });
    connect(runner, &TurnRunner::finished, this, [this, runner, key] {
        beginIfNeeded(runner, key);
        m_recordings.remove(key);
        runner->disconnect(this);
        QMetaObject::invokeMethod(m_worker,
                                  [worker = m_worker, key, turn = runner->turn()] { worker->finishTurn(key, turn); },
                                  Qt::QueuedConnection);
    });
    connect(runner, &QObject::destroyed, this, [this, key] { m_recordings.remove(key); });
}

} // namespace Consilium
