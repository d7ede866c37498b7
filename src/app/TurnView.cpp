#include "TurnView.h"

#include "ModelPane.h"

#include "fusion/TurnRunner.h"

#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace Consilium::App {

namespace {

// Minimum width of a panel pane before the row scrolls sideways. Narrower
// panes wrap tables and code blocks into unreadable columns.
constexpr int kPaneMinimumWidth = 240;

} // namespace

TurnView::TurnView(QWidget *parent)
    : QWidget(parent)
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_paneRow(new QSplitter(Qt::Horizontal))
    , m_placeholder(new QLabel(tr("Each panel model's answer appears here in its own pane.")))
    , m_answerPane(new ModelPane(tr("Fused answer")))
{
    m_splitter->setObjectName(QStringLiteral("turnSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_paneRow->setObjectName(QStringLiteral("paneRow"));
    m_paneRow->setChildrenCollapsible(false);
    m_answerPane->setObjectName(QStringLiteral("answerPane"));
    m_answerPane->setPlaceholderText(tr("The writer's fused answer streams here once the panel has answered."));

    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_paneRow->addWidget(m_placeholder);

    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("paneScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(m_paneRow);
    scroll->setAccessibleName(tr("Panel answers"));

    m_splitter->addWidget(scroll);
    m_splitter->addWidget(m_answerPane);
    // The fused answer is what the user came for, so it gets more room.
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({360, 480});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
}

void TurnView::watch(TurnRunner *runner)
{
    if (m_runner)
        m_runner->disconnect(this);
    m_runner = runner;
    clearPanelPanes();
    m_answerCall = -1;
    m_answerPane->setTitle(tr("Fused answer"));
    m_answerPane->reset(PaneState::Waiting);
    m_answerPane->setFooter(tr("waiting for the panel…"), false);

    connect(runner, &TurnRunner::callStarted, this, &TurnView::onCallStarted);
    connect(runner, &TurnRunner::callContent, this, &TurnView::onCallContent);
    connect(runner, &TurnRunner::callKeepAlive, this, &TurnView::onCallKeepAlive);
    connect(runner, &TurnRunner::callFinished, this, &TurnView::onCallFinished);
    connect(runner, &TurnRunner::answerContent, this, &TurnView::onAnswerContent);
    connect(runner, &TurnRunner::finished, this, &TurnView::onTurnFinished);
}

QList<ModelPane *> TurnView::panelPanes() const
{
    QList<ModelPane *> panes;
    for (int i = 0; i < m_paneRow->count(); ++i) {
        if (auto *pane = qobject_cast<ModelPane *>(m_paneRow->widget(i)))
            panes.append(pane);
    }
    return panes;
}

void TurnView::onCallStarted(int callIndex)
{
    const CallRecord &record = m_runner->turn().calls.at(callIndex);
    if (record.stage == Stage::Writer) {
        m_answerCall = callIndex;
        m_answerPane->setTitle(tr("Fused answer · %1").arg(record.model));
        m_answerPane->setState(PaneState::Waiting);
        return;
    }

    QString title = record.model;
    if (record.stage != Stage::Panel)
        title += QStringLiteral(" · ") + stageName(record.stage);
    auto *pane = new ModelPane(title);
    pane->setObjectName(QStringLiteral("panelPane%1").arg(callIndex));
    pane->setMinimumWidth(kPaneMinimumWidth);
    pane->reset(PaneState::Waiting);
    m_placeholder->hide();
    m_paneRow->addWidget(pane);
    m_panesByCall.insert(callIndex, pane);
}

void TurnView::onCallContent(int callIndex, const QString &delta)
{
    // The writer's text arrives through answerContent().
    if (ModelPane *pane = m_panesByCall.value(callIndex))
        pane->appendText(delta);
}

void TurnView::onCallKeepAlive(int callIndex)
{
    if (callIndex == m_answerCall)
        m_answerPane->showKeepAlive();
    else if (ModelPane *pane = m_panesByCall.value(callIndex))
        pane->showKeepAlive();
}

void TurnView::onCallFinished(int callIndex)
{
    const CallRecord &record = m_runner->turn().calls.at(callIndex);
    if (callIndex == m_answerCall)
        m_answerPane->showOutcome(record);
    else if (ModelPane *pane = m_panesByCall.value(callIndex))
        pane->showOutcome(record);
}

void TurnView::onAnswerContent(const QString &delta)
{
    m_answerPane->appendText(delta);
}

void TurnView::onTurnFinished()
{
    const Turn &turn = m_runner->turn();
    if (turn.failure) {
        const bool cancelled = *turn.failure == TurnFailure::Cancelled;
        if (m_answerCall < 0)
            m_answerPane->setState(cancelled ? PaneState::Cancelled : PaneState::Failed);
        if (!cancelled)
            m_answerPane->setFooter(turn.failureMessage, true);
        else if (m_answerCall < 0)
            m_answerPane->setFooter(turn.failureMessage, false);
        return;
    }
    // When the writer fails, the turn falls back to a panel answer that was
    // never streamed as the answer, so it replaces the partial text here.
    if (turn.answer != m_answerPane->markdown()) {
        m_answerPane->setText(turn.answer);
        m_answerPane->setState(PaneState::Done);
    }
}

void TurnView::clearPanelPanes()
{
    for (ModelPane *pane : panelPanes())
        delete pane;
    m_panesByCall.clear();
    m_placeholder->show();
}

} // namespace Consilium::App
