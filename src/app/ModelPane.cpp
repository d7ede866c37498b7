#include "ModelPane.h"

#include "PaletteColors.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Consilium::App {

namespace {

// Distance in pixels from the end within which the view counts as "at the
// bottom" and follows new text.
constexpr int kFollowSlackPx = 8;

QString styleSheetFor(const QColor &background, const QColor &text)
{
    return QStringLiteral("QLabel { background-color: %1; color: %2; border-radius: 4px;"
                          " padding: 1px 8px; }")
        .arg(background.name(), text.name());
}

} // namespace

ModelPane::ModelPane(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_badge(new QLabel(this))
    , m_body(new QTextBrowser(this))
    , m_stats(new QLabel(this))
    , m_footer(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);

    m_title->setObjectName(QStringLiteral("paneTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_badge->setObjectName(QStringLiteral("paneBadge"));
    m_body->setObjectName(QStringLiteral("paneBody"));
    m_body->setOpenExternalLinks(true);
    m_body->setFrameShape(QFrame::NoFrame);
    m_stats->setObjectName(QStringLiteral("paneStats"));
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stats->setWordWrap(true);
    m_footer->setObjectName(QStringLiteral("paneFooter"));
    m_footer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_footer->setWordWrap(true);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_badge);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_body, 1);
    layout->addWidget(m_stats);
    layout->addWidget(m_footer);

    m_renderTimer.setSingleShot(true);
    m_renderTimer.setInterval(kRenderIntervalMs);
    connect(&m_renderTimer, &QTimer::timeout, this, &ModelPane::render);

    setTitle(title);
    reset(PaneState::Idle);
}

void ModelPane::setTitle(const QString &title)
{
    m_titleText = title;
    m_title->setText(title);
    setAccessibleName(tr("%1 pane").arg(title));
    m_badge->setAccessibleName(tr("%1 state").arg(title));
    m_body->setAccessibleName(tr("%1 text").arg(title));
    m_stats->setAccessibleName(tr("%1 statistics").arg(title));
    m_footer->setAccessibleName(tr("%1 messages").arg(title));
}

void ModelPane::reset(PaneState state)
{
    m_renderTimer.stop();
    m_markdown.clear();
    m_body->clear();
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
    m_markdown += delta;
    if (!m_renderTimer.isActive())
        m_renderTimer.start();
}

void ModelPane::setText(const QString &markdown)
{
    m_markdown = markdown;
    m_renderTimer.stop();
    render();
}

void ModelPane::showKeepAlive()
{
    if (m_state == PaneState::Waiting)
        setFooter(tr("provider is processing…"), false);
}

void ModelPane::showOutcome(const CallRecord &record)
{
    // Show exactly what arrived, even when the last deltas are still waiting
    // for the render timer.
    m_markdown = record.outcome.text;
    m_renderTimer.stop();
    render();

    setState(PaneText::stateForStatus(record.outcome.status));
    m_stats->setText(PaneText::statsText(record));
    m_stats->show();

    switch (record.outcome.status) {
    case CallStatus::Failed: setFooter(record.outcome.error.userMessage(), true); break;
    case CallStatus::Cancelled: setFooter(tr("Stopped. The text received so far is kept."), false); break;
    default: setFooter(QString(), false); break;
    }
}

void ModelPane::setFooter(const QString &text, bool isError)
{
    m_footerIsError = isError && !text.isEmpty();
    m_footer->setText(text);
    m_footer->setVisible(!text.isEmpty());
    applyFooterColour();
}

QString ModelPane::renderedText() const
{
    return m_body->document()->toPlainText();
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
    QScrollBar *scrollBar = m_body->verticalScrollBar();
    const bool followEnd = scrollBar->value() >= scrollBar->maximum() - kFollowSlackPx;
    const int previousValue = scrollBar->value();

    m_body->document()->setMarkdown(m_markdown);

    scrollBar->setValue(followEnd ? scrollBar->maximum() : previousValue);
}

void ModelPane::applyBadgeColours()
{
    m_badge->setStyleSheet(styleSheetFor(PaletteColors::badgeBackground(m_state, palette()),
                                         palette().color(QPalette::Text)));
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
