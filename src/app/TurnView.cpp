#include "TurnView.h"

#include "AnalysisView.h"
#include "ModelPane.h"
#include "TimelineWidget.h"

#include "fusion/TurnRunner.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Consilium::App {

namespace {

// Timeline repaints while calls run; a bar grows by a few pixels a frame
// at most, so four updates a second read as smooth.
constexpr int kTimelineRefreshMs = 250;

bool isFirstStage(const CallRecord &record)
{
    return record.stage == Stage::Panel || (record.stage == Stage::Layer && record.stageNumber <= 1);
}

} // namespace

TurnView::TurnView(PaneLayout layout, QWidget *parent)
    : QFrame(parent)
    , m_collapseButton(new QToolButton)
    , m_heading(new QLabel)
    , m_strategyLabel(new QLabel)
    , m_splitter(new QSplitter(Qt::Vertical))
    , m_panes(new PaneContainer(layout))
    , m_answerPane(new ModelPane(tr("Fused answer")))
    , m_details(new QTabWidget)
    , m_analysis(new AnalysisView)
    , m_timeline(new TimelineWidget)
{
    setObjectName(QStringLiteral("turnView"));
    setFrameShape(QFrame::NoFrame);
    m_splitter->setObjectName(QStringLiteral("turnSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_answerPane->setObjectName(QStringLiteral("answerPane"));
    m_answerPane->setPlaceholderText(tr("The writer's fused answer streams here once the panel has answered."));

    auto *timelineScroll = new QScrollArea;
    timelineScroll->setWidgetResizable(true);
    timelineScroll->setFrameShape(QFrame::NoFrame);
    timelineScroll->setWidget(m_timeline);
    timelineScroll->setAccessibleName(tr("Timeline"));
    m_details->setObjectName(QStringLiteral("turnDetails"));
    m_details->setDocumentMode(true);
    m_details->addTab(m_analysis, tr("&Analysis"));
    m_details->addTab(timelineScroll, tr("T&imeline"));
    m_details->setAccessibleName(tr("Turn details"));

    m_splitter->addWidget(m_panes);
    m_splitter->addWidget(m_answerPane);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 1);
    m_splitter->setSizes({440, 320, 120});

    auto *layoutBox = new QVBoxLayout(this);
    layoutBox->setContentsMargins(0, 0, 0, 0);
    layoutBox->setSpacing(2);
    layoutBox->addWidget(createHeader());
    layoutBox->addWidget(m_splitter, 1);

    m_timelineTimer.setInterval(kTimelineRefreshMs);
    connect(&m_timelineTimer, &QTimer::timeout, this, &TurnView::refreshTimeline);
    connect(m_analysis, &AnalysisView::modelActivated, this, &TurnView::revealModel);
    connect(m_analysis, &AnalysisView::rewriteRequested, this, &TurnView::rewriteRequested);
    setHeading(QString());
}

QWidget *TurnView::createHeader()
{
    m_collapseButton->setObjectName(QStringLiteral("turnCollapseButton"));
    m_collapseButton->setAutoRaise(true);
    m_collapseButton->setText(QStringLiteral("▾"));
    m_collapseButton->setToolTip(tr("Collapse or expand this turn"));
    connect(m_collapseButton, &QToolButton::clicked, this, [this] { setCollapsed(!m_collapsed); });
    m_heading->setObjectName(QStringLiteral("turnHeading"));
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_heading->setAccessibleName(tr("Prompt of the turn"));
    m_strategyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_strategyLabel->setAccessibleName(tr("Strategy of the turn"));

    auto *header = new QWidget;
    auto *row = new QHBoxLayout(header);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_collapseButton);
    row->addWidget(m_heading, 1);
    row->addWidget(m_strategyLabel);
    return header;
}

void TurnView::setHeading(const QString &text)
{
    const QString firstLine = text.section(u'\n', 0, 0).trimmed();
    m_heading->setText(firstLine.isEmpty() ? tr("New turn") : firstLine);
    m_heading->setToolTip(text);
    m_collapseButton->setAccessibleName(tr("Collapse turn: %1").arg(m_heading->text()));
}

QString TurnView::heading() const
{
    return m_heading->text();
}

void TurnView::watch(TurnRunner *runner)
{
    if (m_runner)
        m_runner->disconnect(this);
    m_runner = runner;
    m_panes->clear();
    m_panesByCall.clear();
    m_answerCall = -1;
    m_answerPane->setTitle(tr("Fused answer"));
    m_answerPane->reset(PaneState::Waiting);
    m_answerPane->setFooter(tr("waiting for the panel…"), false);
    m_analysis->setAnalysis(QJsonObject());
    setFollowUpsEnabled(false);

    connect(runner, &TurnRunner::callStarted, this, &TurnView::onCallStarted);
    connect(runner, &TurnRunner::callContent, this, &TurnView::onCallContent);
    connect(runner, &TurnRunner::callReasoning, this, &TurnView::onCallReasoning);
    connect(runner, &TurnRunner::callKeepAlive, this, &TurnView::onCallKeepAlive);
    connect(runner, &TurnRunner::callRetryScheduled, this,
            [this](int callIndex, int nextAttempt, int delayMs, const QString &reason) {
                if (ModelPane *pane = paneForCall(callIndex))
                    pane->showRetry(nextAttempt, delayMs, reason);
            });
    connect(runner, &TurnRunner::callFinished, this, &TurnView::onCallFinished);
    connect(runner, &TurnRunner::answerContent, m_answerPane, &ModelPane::appendText);
    connect(runner, &TurnRunner::finished, this, &TurnView::onTurnFinished);
    m_timelineTimer.start();
}

void TurnView::showTurn(const Turn &turn)
{
    if (m_runner)
        m_runner->disconnect(this);
    m_runner = nullptr;
    m_turn = turn;
    m_panes->clear();
    m_panesByCall.clear();
    m_answerCall = -1;
    setHeading(turn.prompt);
    m_strategyLabel->setText(turn.strategy);
    m_answerPane->reset(PaneState::Done);
    for (int i = 0; i < turn.calls.size(); ++i) {
        const CallRecord &record = turn.calls.at(i);
        if (record.stage == Stage::Writer) {
            m_answerCall = i;
            m_answerPane->setTitle(tr("Fused answer · %1").arg(record.model));
            m_answerPane->showOutcome(record);
            continue;
        }
        createPane(i, record)->showOutcome(record);
    }
    showAnswerOutcome(turn);
    setFollowUpsEnabled(true);
    Q_EMIT turnShown();
}

const Turn &TurnView::turn() const
{
    return m_runner ? m_runner->turn() : m_turn;
}

bool TurnView::isRunning() const
{
    return m_runner && m_runner->isRunning();
}

ModelPane *TurnView::createPane(int callIndex, const CallRecord &record)
{
    QString title = record.model;
    if (record.stage != Stage::Panel)
        title += QStringLiteral(" · ") + record.stageText();
    auto *pane = new ModelPane(title);
    pane->setObjectName(QStringLiteral("panelPane%1").arg(callIndex));
    pane->reset(PaneState::Waiting);
    pane->setMemberActionsVisible(isFirstStage(record));
    pane->retryButton()->setEnabled(m_followUpsEnabled);
    connect(pane, &ModelPane::retryRequested, this, [this, callIndex] { Q_EMIT retryMemberRequested(callIndex); });
    connect(pane, &ModelPane::useAsAnswerRequested, this, [this, callIndex] { chooseAnswer(callIndex); });
    m_panes->addPane(pane);
    m_panesByCall.insert(callIndex, pane);
    return pane;
}

void TurnView::onCallStarted(int callIndex)
{
    const CallRecord &record = m_runner->turn().calls.at(callIndex);
    if (m_heading->text() == tr("New turn") || m_heading->toolTip().isEmpty())
        setHeading(m_runner->turn().prompt);
    m_strategyLabel->setText(m_runner->turn().strategy);
    if (record.stage == Stage::Writer) {
        m_answerCall = callIndex;
        m_answerPane->setTitle(tr("Fused answer · %1").arg(record.model));
        m_answerPane->setState(PaneState::Waiting);
    } else {
        createPane(callIndex, record);
    }
    refreshTimeline();
}

void TurnView::onCallContent(int callIndex, const QString &delta)
{
    // The writer's text arrives through answerContent().
    if (ModelPane *pane = m_panesByCall.value(callIndex))
        pane->appendText(delta);
}

void TurnView::onCallReasoning(int callIndex, const QString &delta)
{
    if (ModelPane *pane = paneForCall(callIndex))
        pane->appendReasoning(delta);
}

void TurnView::onCallKeepAlive(int callIndex)
{
    if (ModelPane *pane = paneForCall(callIndex))
        pane->showKeepAlive();
}

void TurnView::onCallFinished(int callIndex)
{
    const CallRecord &record = m_runner->turn().calls.at(callIndex);
    if (ModelPane *pane = paneForCall(callIndex))
        pane->showOutcome(record);
    refreshTimeline();
}

ModelPane *TurnView::paneForCall(int callIndex) const
{
    return callIndex == m_answerCall ? m_answerPane : m_panesByCall.value(callIndex);
}

void TurnView::onTurnFinished()
{
    m_timelineTimer.stop();
    m_turn = m_runner->turn();
    const Turn &turn = m_turn;
    if (turn.failure) {
        const bool cancelled = *turn.failure == TurnFailure::Cancelled;
        if (m_answerCall < 0)
            m_answerPane->setState(cancelled ? PaneState::Cancelled : PaneState::Failed);
        if (!cancelled)
            m_answerPane->setFooter(turn.failureMessage, true);
        else if (m_answerCall < 0)
            m_answerPane->setFooter(turn.failureMessage, false);
    } else {
        showAnswerOutcome(turn);
    }
    refreshTimeline();
    setFollowUpsEnabled(true);
}

void TurnView::showAnswerOutcome(const Turn &turn)
{
    // When the writer fails, the turn falls back to a panel answer that was
    // never streamed as the answer, so it replaces the partial text here.
    if (!turn.answer.isEmpty() && turn.answer != m_answerPane->markdown()) {
        m_answerPane->setText(turn.answer);
        m_answerPane->setState(PaneState::Done);
    }
    m_analysis->setAnalysis(turn.analysis);
    refreshTimeline();
    if (!turn.answer.isEmpty())
        bringAnswerForward();
}

void TurnView::bringAnswerForward()
{
    // The fused answer is what the user came for: once it is done it goes
    // on top with most of the room, and the panel moves below it.
    if (m_splitter->indexOf(m_answerPane) == 0)
        return;
    const int total = qMax(600, m_splitter->height());
    m_splitter->insertWidget(0, m_answerPane);
    m_splitter->setSizes({total * 55 / 100, total * 30 / 100, total * 15 / 100});
}

bool TurnView::isAnswerForemost() const
{
    return m_splitter->indexOf(m_answerPane) == 0;
}

void TurnView::chooseAnswer(int callIndex)
{
    const CallRecord &record = turn().calls.at(callIndex);
    m_turn.answer = record.outcome.text;
    m_answerPane->setTitle(tr("Final answer · chosen from %1").arg(record.model));
    m_answerPane->setText(record.outcome.text);
    m_answerPane->setState(PaneState::Done);
    m_answerPane->setFooter(tr("You chose %1's answer as the final one.").arg(record.model), false);
    bringAnswerForward();
    Q_EMIT answerChosen(callIndex);
}

void TurnView::refreshTimeline()
{
    m_timeline->setTurn(turn(), QDateTime::currentMSecsSinceEpoch());
}

void TurnView::setPaneLayout(PaneLayout layout)
{
    m_panes->setPaneLayout(layout);
}

void TurnView::setCollapsed(bool collapsed)
{
    m_collapsed = collapsed;
    m_splitter->setVisible(!collapsed);
    m_collapseButton->setText(collapsed ? QStringLiteral("▸") : QStringLiteral("▾"));
    m_collapseButton->setAccessibleName((collapsed ? tr("Expand turn: %1") : tr("Collapse turn: %1"))
                                            .arg(m_heading->text()));
    updateGeometry();
    Q_EMIT collapsedChanged(collapsed);
}

void TurnView::setFollowUpsEnabled(bool enabled)
{
    m_followUpsEnabled = enabled;
    for (ModelPane *pane : m_panes->panes())
        pane->retryButton()->setEnabled(enabled);
    m_analysis->setRewriteEnabled(enabled);
}

QList<ModelPane *> TurnView::panelPanes() const
{
    return m_panes->panes();
}

ModelPane *TurnView::paneForModel(const QString &model) const
{
    for (auto it = m_panesByCall.cbegin(); it != m_panesByCall.cend(); ++it) {
        if (turn().calls.value(it.key()).model == model)
            return it.value();
    }
    return nullptr;
}

int TurnView::callIndexOf(const ModelPane *pane) const
{
    for (auto it = m_panesByCall.cbegin(); it != m_panesByCall.cend(); ++it) {
        if (it.value() == pane)
            return it.key();
    }
    return -1;
}

void TurnView::revealModel(const QString &model)
{
    if (ModelPane *pane = paneForModel(model))
        m_panes->revealPane(pane);
}

} // namespace Consilium::App
