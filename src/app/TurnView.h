#pragma once

#include <QHash>
#include <QPointer>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QSplitter;

namespace Consilium {
class TurnRunner;
}

namespace Consilium::App {

class ModelPane;

// Shows one turn: a row of panes, one per panel call, above the larger
// fused answer pane. It follows a TurnRunner through its signals and holds
// no turn logic of its own.
class TurnView : public QWidget
{
    Q_OBJECT

public:
    explicit TurnView(QWidget *parent = nullptr);

    // Drops the panes of the previous turn and follows `runner`, which must
    // not have started yet so that no callStarted() signal is missed.
    void watch(TurnRunner *runner);

    QList<ModelPane *> panelPanes() const;
    ModelPane *answerPane() const { return m_answerPane; }
    QSplitter *splitter() const { return m_splitter; }

private:
    void onCallStarted(int callIndex);
    void onCallContent(int callIndex, const QString &delta);
    void onCallKeepAlive(int callIndex);
    void onCallFinished(int callIndex);
    void onAnswerContent(const QString &delta);
    void onTurnFinished();
    void clearPanelPanes();

    QPointer<TurnRunner> m_runner;
    QSplitter *m_splitter;
    QSplitter *m_paneRow;
    QLabel *m_placeholder;
    ModelPane *m_answerPane;
    QHash<int, ModelPane *> m_panesByCall;
    int m_answerCall = -1;
};

} // namespace Consilium::App
