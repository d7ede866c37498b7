#include "ModelPane.h"

#include "MarkdownView.h"
#include "PaletteColors.h"

#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace Consilium::App {

namespace {

// Distance in pixels from the end within which the view counts as "at the
// bottom" and follows new text.
constexpr int kFollowSlackPx = 8;
// Used when the platform reports no refresh rate (some offscreen setups).
constexpr double kFallbackRefreshHz = 60.0;

QString styleSheetFor(const QColor &background, const QColor &text)
{
    return QStringLiteral("QLabel { background-color: %1; color: %2; border-radius: 4px;"
                          " padding: 1px 8px; }")
        .arg(background.name(), text.name());
}

QToolButton *makeButton(const QString &text, const QString &toolTip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    return button;
}

} // namespace

ModelPane::ModelPane(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_badge(new QLabel(this))
    , m_truncatedTag(new QLabel(this))
    , m_reasoningButton(makeButton(tr("Reasoning"), tr("Show or hide the model's reasoning"), this))
    , m_retryButton(makeButton(tr("Retry"), tr("Ask this model again and fuse anew"), this))
    , m_copyButton(makeButton(tr("Copy"), tr("Copy this answer as Markdown"), this))
    , m_useButton(makeButton(tr("Use"), tr("Use this answer as the turn's final answer"), this))
    , m_collapseButton(makeButton(QStringLiteral("▾"), tr("Collapse or expand this pane"), this))
    , m_reasoning(new QPlainTextEdit(this))
    , m_scroll(new QScrollArea(this))
    , m_body(new MarkdownView)
    , m_stats(new QLabel(this))
    , m_footer(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);

    m_reasoning->setObjectName(QStringLiteral("paneReasoning"));
    m_reasoning->setReadOnly(true);
    m_reasoning->setMaximumHeight(160);
    m_reasoning->setForegroundRole(QPalette::PlaceholderText);
    m_reasoning->hide();

    m_scroll->setObjectName(QStringLiteral("paneScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidget(m_body);
    m_body->setObjectName(QStringLiteral("paneBody"));

    m_stats->setObjectName(QStringLiteral("paneStats"));
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stats->setWordWrap(true);
    m_footer->setObjectName(QStringLiteral("paneFooter"));
    m_footer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_footer->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addLayout(createHeader());
    // The reasoning toggle gets its own line: its label carries a count.
    layout->addWidget(m_reasoningButton, 0, Qt::AlignLeft);
    layout->addWidget(m_reasoning);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_stats);
    layout->addWidget(m_footer);

    m_renderTimer.setSingleShot(true);
    connect(&m_renderTimer, &QTimer::timeout, this, &ModelPane::render);
    m_retryTimer.setInterval(250);
    connect(&m_retryTimer, &QTimer::timeout, this, &ModelPane::updateRetryCountdown);

    connect(m_reasoningButton, &QToolButton::toggled, m_reasoning, &QWidget::setVisible);
    connect(m_retryButton, &QToolButton::clicked, this, &ModelPane::retryRequested);
    connect(m_useButton, &QToolButton::clicked, this, &ModelPane::useAsAnswerRequested);
    connect(m_copyButton, &QToolButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(markdown()); });
    connect(m_collapseButton, &QToolButton::clicked, this, [this] { setCollapsed(!m_collapsed); });

    setTitle(title);
    setMemberActionsVisible(false);
    reset(PaneState::Idle);
}

QLayout *ModelPane::createHeader()
{
    m_title->setObjectName(QStringLiteral("paneTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_badge->setObjectName(QStringLiteral("paneBadge"));
    m_truncatedTag->setObjectName(QStringLiteral("paneTruncated"));
    m_truncatedTag->setText(tr("truncated"));
    m_truncatedTag->setToolTip(tr("The answer stopped at the max tokens limit (finish reason \"length\")."));
    m_truncatedTag->hide();

    m_reasoningButton->setObjectName(QStringLiteral("reasoningButton"));
    m_reasoningButton->setCheckable(true);
    m_reasoningButton->hide();
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    m_copyButton->setObjectName(QStringLiteral("copyAnswerButton"));
    m_useButton->setObjectName(QStringLiteral("useAnswerButton"));
    m_collapseButton->setObjectName(QStringLiteral("collapseButton"));

    // Title and state on the first line, actions on the second, so that a
    // narrow column still shows the whole badge and every button.
    m_badge->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_truncatedTag->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_title->setMinimumWidth(40);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_badge);
    titleRow->addWidget(m_truncatedTag);
    auto *actionRow = new QHBoxLayout;
    actionRow->setSpacing(0);
    actionRow->addStretch(1);
    for (QToolButton *button : {m_retryButton, m_copyButton, m_useButton, m_collapseButton})
        actionRow->addWidget(button);
    auto *header = new QVBoxLayout;
    header->setSpacing(0);
    header->addLayout(titleRow);
    header->addLayout(actionRow);
    return header;
}

int ModelPane::renderIntervalMs() const
{
    const QScreen *screen = this->screen();
    double hz = screen ? screen->refreshRate() : 0.0;
    if (hz < 1.0)
        hz = kFallbackRefreshHz;
    return qMax(4, int(std::lround(1000.0 / hz)));
}

void ModelPane::setTitle(const QString &title)
{
    m_titleText = title;
    m_title->setText(title);
    setAccessibleName(tr("%1 pane").arg(title));
    m_badge->setAccessibleName(tr("%1 state").arg(title));
    m_truncatedTag->setAccessibleName(tr("%1 truncated").arg(title));
    m_body->setAccessibleOwner(title);
    m_reasoning->setAccessibleName(tr("%1 reasoning").arg(title));
    m_reasoningButton->setAccessibleName(tr("Show reasoning of %1").arg(title));
    m_retryButton->setAccessibleName(tr("Retry %1").arg(title));
    m_copyButton->setAccessibleName(tr("Copy answer of %1").arg(title));
    m_useButton->setAccessibleName(tr("Use answer of %1 as the final answer").arg(title));
    m_collapseButton->setAccessibleName(tr("Collapse %1 pane").arg(title));
    m_scroll->setAccessibleName(tr("%1 answer").arg(title));
    m_stats->setAccessibleName(tr("%1 statistics").arg(title));
    m_footer->setAccessibleName(tr("%1 messages").arg(title));
}

void ModelPane::reset(PaneState state)
{
    m_renderTimer.stop();
    m_retryTimer.stop();
    m_body->clear();
    m_reasoning->clear();
    m_reasoningButton->setChecked(false);
    m_reasoningButton->hide();
    m_truncated = false;
    m_truncatedTag->hide();
    m_stats->clear();
    m_stats->hide();
    setFooter(QString(), false);
    setState(state);
}

void ModelPane::setState(PaneState state)
{
    m_state = state;
    m_badge->setText(PaneText::stateName(state));
    m_badge->setVisible(state != PaneState::Idle);
    applyBadgeColours();
    if (state == PaneState::Waiting)
        setFooter(tr("waiting for first token…"), false);
    else if (state == PaneState::Streaming && !m_footerIsError)
        setFooter(QString(), false);
}

void ModelPane::appendText(const QString &delta)
{
    if (m_state == PaneState::Waiting || m_state == PaneState::Idle)
        setState(PaneState::Streaming);
    m_retryTimer.stop();
    m_body->appendText(delta);
    scheduleRender();
}

void ModelPane::appendReasoning(const QString &delta)
{
    if (m_state == PaneState::Waiting)
        setFooter(tr("reasoning…"), false);
    m_reasoning->moveCursor(QTextCursor::End);
    m_reasoning->insertPlainText(delta);
    updateReasoningButton(0);
}

void ModelPane::setText(const QString &markdown)
{
    m_renderTimer.stop();
    m_body->setText(markdown);
}

void ModelPane::flush()
{
    if (m_body->hasPendingText()) {
        m_renderTimer.stop();
        render();
    }
}

void ModelPane::scheduleRender()
{
    if (!m_renderTimer.isActive())
        m_renderTimer.start(renderIntervalMs());
}

void ModelPane::showKeepAlive()
{
    if (m_state == PaneState::Waiting && !m_retryTimer.isActive())
        setFooter(tr("provider is processing…"), false);
}

void ModelPane::showRetry(int nextAttempt, int delayMs, const QString &reason)
{
    m_retryAttempt = nextAttempt;
    m_retryDelayMs = delayMs;
    m_retryReason = reason;
    m_retryClock.start();
    m_retryTimer.start();
    updateRetryCountdown();
}

void ModelPane::updateRetryCountdown()
{
    const qint64 leftMs = m_retryDelayMs - m_retryClock.elapsed();
    if (leftMs <= 0) {
        m_retryTimer.stop();
        setFooter(tr("Attempt %1 sent after: %2").arg(m_retryAttempt).arg(m_retryReason), false);
        return;
    }
    const int seconds = int((leftMs + 999) / 1000);
    setFooter(tr("Retrying in %1 s (attempt %2): %3").arg(seconds).arg(m_retryAttempt).arg(m_retryReason), false);
}

void ModelPane::showOutcome(const CallRecord &record)
{
    m_retryTimer.stop();
    // Show exactly what arrived, even when the last deltas still wait for
    // the render timer. Text that already matches is not rendered again.
    if (m_body->markdown() != record.outcome.text)
        setText(record.outcome.text);
    else
        flush();
    if (m_reasoning->toPlainText() != record.outcome.reasoning)
        m_reasoning->setPlainText(record.outcome.reasoning);
    updateReasoningButton(record.outcome.usage ? record.outcome.usage->reasoningTokens : 0);

    setState(PaneText::stateForStatus(record.outcome.status));
    m_truncated = record.outcome.isTruncated();
    m_truncatedTag->setVisible(m_truncated);
    applyBadgeColours();
    m_stats->setText(PaneText::statsText(record));
    m_stats->show();

    switch (record.outcome.status) {
    case CallStatus::Failed: setFooter(record.outcome.error.userMessage(), true); break;
    case CallStatus::Cancelled: setFooter(tr("Stopped. The text received so far is kept."), false); break;
    default:
        setFooter(m_truncated ? tr("Cut off at the max tokens limit; raise it in Settings or the ensemble.")
                              : QString(),
                  false);
        break;
    }
}

void ModelPane::updateReasoningButton(qint64 reasoningTokens)
{
    const QString text = m_reasoning->toPlainText();
    m_reasoningButton->setVisible(!text.isEmpty());
    if (text.isEmpty())
        return;
    // Providers that do not report reasoning tokens get an estimate of
    // four characters per token, marked with "~".
    const QString count = reasoningTokens > 0 ? QString::number(reasoningTokens)
                                              : QStringLiteral("~%1").arg((text.size() + 3) / 4);
    m_reasoningButton->setText(tr("Reasoning (%1 tokens)").arg(count));
}

void ModelPane::setFooter(const QString &text, bool isError)
{
    m_footerIsError = isError && !text.isEmpty();
    m_footer->setText(text);
    m_footer->setVisible(!text.isEmpty());
    applyFooterColour();
}

void ModelPane::setMemberActionsVisible(bool visible)
{
    m_retryButton->setVisible(visible);
    m_useButton->setVisible(visible);
}

void ModelPane::setCollapsed(bool collapsed)
{
    m_collapsed = collapsed;
    m_scroll->setVisible(!collapsed);
    m_stats->setVisible(!collapsed && !m_stats->text().isEmpty());
    if (collapsed)
        m_reasoning->hide();
    else
        m_reasoning->setVisible(m_reasoningButton->isChecked());
    m_collapseButton->setText(collapsed ? QStringLiteral("▸") : QStringLiteral("▾"));
    m_collapseButton->setAccessibleName(collapsed ? tr("Expand %1 pane").arg(m_titleText)
                                                  : tr("Collapse %1 pane").arg(m_titleText));
}

QString ModelPane::markdown() const
{
    return m_body->markdown();
}

QString ModelPane::renderedText() const
{
    return m_body->plainText();
}

QString ModelPane::reasoningText() const
{
    return m_reasoning->toPlainText();
}

QString ModelPane::statsText() const
{
    return m_stats->text();
}

QString ModelPane::footerText() const
{
    return m_footer->text();
}

QString ModelPane::badgeText() const
{
    return m_badge->text();
}

bool ModelPane::isReasoningVisible() const
{
    return m_reasoning->isVisibleTo(this);
}

void ModelPane::setPlaceholderText(const QString &text)
{
    m_body->setPlaceholderText(text);
}

void ModelPane::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyBadgeColours();
        applyFooterColour();
    }
}

void ModelPane::render()
{
    QScrollBar *scrollBar = m_scroll->verticalScrollBar();
    const bool followEnd = scrollBar->value() >= scrollBar->maximum() - kFollowSlackPx;
    m_body->flush();
    if (followEnd) {
        // The new maximum is known once the layout has run.
        QTimer::singleShot(0, this, [this] {
            QScrollBar *bar = m_scroll->verticalScrollBar();
            bar->setValue(bar->maximum());
        });
    }
}

void ModelPane::applyBadgeColours()
{
    const QColor text = palette().color(QPalette::Text);
    m_badge->setStyleSheet(styleSheetFor(PaletteColors::badgeBackground(m_state, palette()), text));
    m_truncatedTag->setStyleSheet(styleSheetFor(PaletteColors::badgeBackground(PaneState::Cancelled, palette()), text));
}

void ModelPane::applyFooterColour()
{
    QPalette footerPalette = palette();
    if (m_footerIsError)
        footerPalette.setColor(QPalette::WindowText, PaletteColors::errorText(palette()));
    else
        footerPalette.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    m_footer->setPalette(footerPalette);
}

} // namespace Consilium::App
