#include "ChatView.h"

#include "TurnView.h"

#include <QLabel>
#include <QResizeEvent>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

namespace Consilium::App {

ChatView::ChatView(PaneLayout layout, QWidget *parent)
    : QScrollArea(parent)
    , m_layout(layout)
    , m_column(new QWidget)
    , m_box(new QVBoxLayout(m_column))
    , m_emptyLabel(new QLabel(tr("Type a prompt below and press Ctrl+Enter: each panel model answers in "
                                 "its own pane, then the writer fuses their answers.")))
{
    setObjectName(QStringLiteral("chatView"));
    setAccessibleName(tr("Conversation"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_emptyLabel->setObjectName(QStringLiteral("chatEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_box->setContentsMargins(0, 0, 0, 0);
    m_box->setSpacing(8);
    m_box->addWidget(m_emptyLabel, 1);
    m_box->addStretch(0);
    setWidget(m_column);
}

TurnView *ChatView::addTurn()
{
    for (TurnView *turn : turns())
        turn->setCollapsed(true);
    auto *turn = new TurnView(m_layout);
    connect(turn, &TurnView::collapsedChanged, this, &ChatView::fitTurnHeights);
    m_box->insertWidget(m_box->count() - 1, turn);
    m_emptyLabel->hide();
    fitTurnHeights();
    // Scroll once the new turn has its geometry.
    QTimer::singleShot(0, this, [this, turn] { scrollToTurn(turn); });
    Q_EMIT turnAdded(turn);
    return turn;
}

void ChatView::clear()
{
    qDeleteAll(turns());
    m_emptyLabel->show();
}

QList<TurnView *> ChatView::turns() const
{
    QList<TurnView *> result;
    for (int i = 0; i < m_box->count(); ++i) {
        if (auto *turn = qobject_cast<TurnView *>(m_box->itemAt(i)->widget()))
            result.append(turn);
    }
    return result;
}

TurnView *ChatView::currentTurn() const
{
    const QList<TurnView *> all = turns();
    return all.isEmpty() ? nullptr : all.last();
}

TurnView *ChatView::turnForStoredId(qint64 storedTurnId) const
{
    for (TurnView *turn : turns()) {
        if (turn->storedTurnId() == storedTurnId)
            return turn;
    }
    return nullptr;
}

void ChatView::scrollToTurn(TurnView *turn)
{
    if (!turn)
        return;
    turn->setCollapsed(false);
    fitTurnHeights();
    m_column->adjustSize();
    verticalScrollBar()->setValue(turn->y());
}

void ChatView::setPaneLayout(PaneLayout layout)
{
    m_layout = layout;
    for (TurnView *turn : turns())
        turn->setPaneLayout(layout);
}

void ChatView::resizeEvent(QResizeEvent *event)
{
    QScrollArea::resizeEvent(event);
    fitTurnHeights();
}

void ChatView::fitTurnHeights()
{
    // An expanded turn is as tall as the view, so its panes get the room of
    // a whole window. A collapsed turn takes its header's height.
    const int height = viewport()->height();
    for (TurnView *turn : turns())
        turn->setMinimumHeight(turn->isCollapsed() ? 0 : height);
}

} // namespace Consilium::App
