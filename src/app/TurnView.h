#pragma once

#include "PaneContainer.h"

#include "fusion/Turn.h"
#include "fusion/TurnRunner.h"

#include <QFrame>
#include <QHash>
#include <QPointer>
#include <QTimer>

class QLabel;
class QSplitter;
class QTabWidget;
class QToolButton;

namespace Consilium {
class TurnRunner;
}

namespace Consilium::App {

class AnalysisView;
class ModelPane;
class TimelineWidget;

// One turn of the chat: the prompt, the panel's panes, the fused answer
// and, below them, the analysis and the timeline. It follows a live
// TurnRunner through its signals, or shows a finished turn, and contains no
// turn logic of its own. Once the answer is done it moves above the panel.
class TurnView : public QFrame
{
    Q_OBJECT

public:
    explicit TurnView(PaneLayout layout = PaneLayout::Columns, QWidget *parent = nullptr);

    // Follows `runner`, which must not have started yet so that no
    // callStarted() signal is missed.
    void watch(TurnRunner *runner);
    // Shows a finished turn, e.g. one loaded from the conversation store.
    void showTurn(const Turn &turn);
    // Returns the live turn while one runs, else the turn shown.
    const Turn &turn() const;
    bool isRunning() const;

    void setStoredTurnId(qint64 id) { m_storedTurnId = id; }
    qint64 storedTurnId() const { return m_storedTurnId; }
    // Replaces the header's prompt text, e.g. for a rewrite of a turn.
    void setHeading(const QString &text);
    QString heading() const;

    void setPaneLayout(PaneLayout layout);
    void setCollapsed(bool collapsed);
    bool isCollapsed() const { return m_collapsed; }
    // Enables the panes' Retry and the analysis' rewrite, which start turns.
    void setFollowUpsEnabled(bool enabled);

    QList<ModelPane *> panelPanes() const;
    ModelPane *paneForModel(const QString &model) const;
    int callIndexOf(const ModelPane *pane) const;
    ModelPane *answerPane() const { return m_answerPane; }
    bool isAnswerForemost() const;
    QSplitter *splitter() const { return m_splitter; }
    PaneContainer *paneContainer() const { return m_panes; }
    AnalysisView *analysisView() const { return m_analysis; }
    TimelineWidget *timeline() const { return m_timeline; }
    QTabWidget *detailsTabs() const { return m_details; }
    // Brings the pane of `model` into view and gives it focus.
    void revealModel(const QString &model);

Q_SIGNALS:
    void retryMemberRequested(int callIndex);
    void rewriteRequested(const QJsonObject &selectedAnalysis);
    // The user made a member's answer the final one.
    void answerChosen(int callIndex);
    void turnShown();
    void collapsedChanged(bool collapsed);

private:
    QWidget *createHeader();
    ModelPane *createPane(int callIndex, const CallRecord &record);
    void onCallStarted(int callIndex);
    void onCallContent(int callIndex, const QString &delta);
    void onCallReasoning(int callIndex, const QString &delta);
    void onCallKeepAlive(int callIndex);
    void onCallFinished(int callIndex);
    void onTurnFinished();
    void showAnswerOutcome(const Turn &turn);
    void chooseAnswer(int callIndex);
    void bringAnswerForward();
    void refreshTimeline();
    ModelPane *paneForCall(int callIndex) const;

    QPointer<TurnRunner> m_runner;
    Turn m_turn; // the turn shown once no runner is live
    qint64 m_storedTurnId = 0;
    bool m_collapsed = false;
    bool m_followUpsEnabled = true;

    QToolButton *m_collapseButton;
    QLabel *m_heading;
    QLabel *m_strategyLabel;
    QSplitter *m_splitter;
    PaneContainer *m_panes;
    ModelPane *m_answerPane;
    QTabWidget *m_details;
    AnalysisView *m_analysis;
    TimelineWidget *m_timeline;
    QTimer m_timelineTimer;
    QHash<int, ModelPane *> m_panesByCall;
    int m_answerCall = -1;
};

} // namespace Consilium::App
