#pragma once

#include "PaneText.h"

#include <QElapsedTimer>
#include <QFrame>
#include <QTimer>

class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QToolButton;

namespace Consilium::App {

class MarkdownView;

// One streamed answer: a header with the model id, a state badge and the
// pane's actions, the reasoning (collapsed), the answer as Markdown, a
// stats line and a footer for progress, retries and errors. The panel
// panes and the fused answer pane share this class.
class ModelPane : public QFrame
{
    Q_OBJECT

public:
    explicit ModelPane(const QString &title, QWidget *parent = nullptr);

    // Returns the delay between a delta and its appearance on screen: one
    // frame of the pane's screen, so repaints never outpace the display.
    int renderIntervalMs() const;

    void setTitle(const QString &title);
    QString title() const { return m_titleText; }

    // Clears the text, reasoning, stats and footer and shows the state.
    void reset(PaneState state);
    void setState(PaneState state);
    PaneState state() const { return m_state; }

    void appendText(const QString &delta);
    void appendReasoning(const QString &delta);
    void setText(const QString &markdown);
    // Renders pending deltas now instead of at the next frame.
    void flush();
    // Marks a keep-alive from a provider that has not sent tokens yet.
    void showKeepAlive();
    // Counts down to the next attempt of a call that failed before its
    // first token.
    void showRetry(int nextAttempt, int delayMs, const QString &reason);
    // Shows the final state, stats, reasoning and error of a finished call.
    void showOutcome(const CallRecord &record);
    void setFooter(const QString &text, bool isError);
    // Sets the text the empty body shows.
    void setPlaceholderText(const QString &text);

    // Shows the Retry and "Use as answer" buttons, for panel members.
    void setMemberActionsVisible(bool visible);
    void setCollapsed(bool collapsed);
    bool isCollapsed() const { return m_collapsed; }

    QString markdown() const;
    QString renderedText() const;
    QString reasoningText() const;
    QString statsText() const;
    QString footerText() const;
    QString badgeText() const;
    bool isTruncated() const { return m_truncated; }
    MarkdownView *body() const { return m_body; }
    QToolButton *reasoningButton() const { return m_reasoningButton; }
    QToolButton *retryButton() const { return m_retryButton; }
    QToolButton *copyButton() const { return m_copyButton; }
    QToolButton *useButton() const { return m_useButton; }
    QToolButton *collapseButton() const { return m_collapseButton; }
    bool isReasoningVisible() const;

Q_SIGNALS:
    void retryRequested();
    void useAsAnswerRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    QLayout *createHeader();
    void scheduleRender();
    void render();
    void updateRetryCountdown();
    void updateReasoningButton(qint64 reasoningTokens);
    void applyBadgeColours();
    void applyFooterColour();

    QString m_titleText;
    PaneState m_state = PaneState::Idle;
    bool m_footerIsError = false;
    bool m_truncated = false;
    bool m_collapsed = false;

    QLabel *m_title;
    QLabel *m_badge;
    QLabel *m_truncatedTag;
    QToolButton *m_reasoningButton;
    QToolButton *m_retryButton;
    QToolButton *m_copyButton;
    QToolButton *m_useButton;
    QToolButton *m_collapseButton;
    QPlainTextEdit *m_reasoning;
    QScrollArea *m_scroll;
    MarkdownView *m_body;
    QLabel *m_stats;
    QLabel *m_footer;
    QTimer m_renderTimer;
    QTimer m_retryTimer;
    QElapsedTimer m_retryClock;
    int m_retryDelayMs = 0;
    int m_retryAttempt = 0;
    QString m_retryReason;
};

} // namespace Consilium::App
