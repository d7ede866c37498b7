#pragma once

#include "PaneContainer.h"

#include <QScrollArea>

class QLabel;
class QVBoxLayout;

namespace Consilium::App {

class TurnView;

// The conversation: turn after turn in one scrolling column. The newest
// turn fills the view. Earlier turns collapse to their prompt line and
// expand on demand, so only the turns the user opens are laid out.
class ChatView : public QScrollArea
{
    Q_OBJECT

public:
    explicit ChatView(PaneLayout layout, QWidget *parent = nullptr);

    // Appends an empty turn and collapses the ones before it.
    TurnView *addTurn();
    void clear();
    QList<TurnView *> turns() const;
    TurnView *currentTurn() const;
    TurnView *turnForStoredId(qint64 storedTurnId) const;
    // Expands the turn and scrolls so that its header is at the top.
    void scrollToTurn(TurnView *turn);

    void setPaneLayout(PaneLayout layout);
    PaneLayout paneLayout() const { return m_layout; }

Q_SIGNALS:
    void turnAdded(Consilium::App::TurnView *turn);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitTurnHeights();

    PaneLayout m_layout;
    QWidget *m_column;
    QVBoxLayout *m_box;
    QLabel *m_emptyLabel;
};

} // namespace Consilium::App
