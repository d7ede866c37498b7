#pragma once

#include "PaneText.h"

#include <QFrame>
#include <QTimer>

class QLabel;
class QTextBrowser;

namespace Consilium::App {

// One streamed answer: a header with the model id and a state badge, the
// answer rendered as Markdown, a stats line and a footer for progress and
// errors. The panel panes and the fused answer pane share this class.
class ModelPane : public QFrame
{
    Q_OBJECT

public:
    // Maximum delay between a delta and its appearance on screen. Rendering
    // Markdown costs time proportional to the whole text, so deltas are
    // coalesced instead of re-rendering for each one.
    static constexpr int kRenderIntervalMs = 50;

    explicit ModelPane(const QString &title, QWidget *parent = nullptr);

    void setTitle(const QString &title);
    QString title() const { return m_titleText; }

    // Clears the text, stats and footer and shows the state.
    void reset(PaneState state);
    void setState(PaneState state);
    PaneState state() const { return m_state; }

    void appendText(const QString &delta);
    void setText(const QString &markdown);
    // Marks a keep-alive from a provider that has not sent tokens yet.
    void showKeepAlive();
    // Shows the final state, stats and error of a finished call.
    void showOutcome(const CallRecord &record);
    void setFooter(const QString &text, bool isError);
    // Sets the text the empty body shows.
    void setPlaceholderText(const QString &text);

    QString markdown() const { return m_markdown; }
    QString renderedText() const;
    QString statsText() const;
    QString footerText() const;
    QString badgeText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();
    void applyBadgeColours();
    void applyFooterColour();

    QString m_titleText;
    QString m_markdown;
    PaneState m_state = PaneState::Idle;
    bool m_footerIsError = false;

    QLabel *m_title;
    QLabel *m_badge;
    QTextBrowser *m_body;
    QLabel *m_stats;
    QLabel *m_footer;
    QTimer m_renderTimer;
};

} // namespace Consilium::App
