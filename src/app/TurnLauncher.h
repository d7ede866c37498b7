#pragma once

#include "fusion/Ensemble.h"
#include "fusion/FusionSettings.h"
#include "fusion/Turn.h"
#include "fusion/TurnRunner.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace Consilium {
class CallRouter;
class TurnRecorder;
class TurnRunner;
}

namespace Consilium::App {

class ChatView;
class TurnView;

// Starts turns for the window: a new prompt, a retry of one member, or a
// rewrite of the answer from ticked analysis points. Each gets a new
// TurnView in the chat and, when a recorder is set, is saved as it streams.
// One turn runs at a time.
class TurnLauncher : public QObject
{
    Q_OBJECT

public:
    TurnLauncher(CallRouter *router, ChatView *chat, QObject *parent = nullptr);

    void setRecorder(TurnRecorder *recorder) { m_recorder = recorder; }

    // Each returns an error message, or an empty string once the turn runs.
    QString start(const QString &prompt, const Ensemble &ensemble, const FusionSettings &settings,
                  qint64 conversationId, const QJsonObject &presetSnapshot);
    QString retryMember(TurnView *source, int callIndex);
    QString rewrite(TurnView *source, const QJsonObject &selectedAnalysis);
    void stop();

    bool isRunning() const;
    TurnRunner *runner() const { return m_runner; }
    TurnView *runningView() const { return m_view; }
    // Remembers how a turn loaded from the store ran, for its follow-ups.
    void adopt(TurnView *view, const Ensemble &ensemble, const FusionSettings &settings, qint64 conversationId);

    // Returns the writer prompt template with `selectedAnalysis` written
    // in, for a rewrite that runs no analyst.
    static QString writerTemplateWith(const FusionSettings &settings, const QJsonObject &selectedAnalysis);

Q_SIGNALS:
    void started(Consilium::TurnRunner *runner, Consilium::App::TurnView *view);
    void callFinished();
    void finished(Consilium::TurnRunner *runner, Consilium::App::TurnView *view);

private:
    struct Launch
    {
        Ensemble ensemble;
        FusionSettings settings;
        qint64 conversationId = 0;
        QJsonObject presetSnapshot;
    };

    TurnRunner *prepare(const Launch &launch, const QString &heading);
    QList<Turn> earlierTurns(const TurnView *before) const;

    CallRouter *m_router;
    ChatView *m_chat;
    TurnRecorder *m_recorder = nullptr;
    QPointer<TurnRunner> m_runner;
    QPointer<TurnView> m_view;
    QHash<const TurnView *, Launch> m_launches;
};

} // namespace Consilium::App
