#include "TimelineWidget.h"

#include "PaletteColors.h"
#include "PaneText.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace Consilium::App {

namespace {

constexpr int kRowHeight = 22;
constexpr int kGroupHeaderHeight = 20;
constexpr int kLabelWidth = 190;
constexpr int kMargin = 8;
constexpr int kAxisHeight = 20;

qint64 orNow(qint64 moment, qint64 nowMs)
{
    return moment ? moment : nowMs;
}

} // namespace

TimelineWidget::TimelineWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("timeline"));
    setAccessibleName(tr("Timeline of the turn's calls"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void TimelineWidget::setTurn(const Turn &turn, qint64 nowMs)
{
    m_turn = turn;
    m_nowMs = nowMs;
    m_groups.clear();
    for (const CallRecord &call : turn.calls) {
        if (!m_groups.contains(call.stageText()))
            m_groups.append(call.stageText());
    }
    setFixedHeight(sizeHint().height());
    layoutBars();
    update();
}

int TimelineWidget::rowCount() const
{
    return int(m_turn.calls.size());
}

QSize TimelineWidget::sizeHint() const
{
    const int height = kMargin * 2 + kAxisHeight + int(m_groups.size()) * kGroupHeaderHeight + rowCount() * kRowHeight;
    return QSize(600, qMax(height, 60));
}

QSize TimelineWidget::minimumSizeHint() const
{
    return QSize(kLabelWidth + 120, sizeHint().height());
}

void TimelineWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutBars();
}

void TimelineWidget::layoutBars()
{
    m_bars.clear();
    m_startMs = 0;
    qint64 endMs = 0;
    for (const CallRecord &call : m_turn.calls) {
        const CallTimings &t = call.outcome.timings;
        const qint64 start = t.queuedAtMs ? t.queuedAtMs : t.sentAtMs;
        if (start && (!m_startMs || start < m_startMs))
            m_startMs = start;
        endMs = qMax(endMs, orNow(t.finishedAtMs, m_nowMs));
    }
    m_spanMs = qMax<qint64>(1, endMs - m_startMs);

    const double left = kLabelWidth + kMargin;
    const double width = qMax(1.0, double(this->width() - left - kMargin));
    const auto xFor = [&](qint64 ms) { return left + width * double(ms - m_startMs) / double(m_spanMs); };

    double y = kMargin + kAxisHeight;
    for (const QString &group : std::as_const(m_groups)) {
        y += kGroupHeaderHeight;
        for (int i = 0; i < m_turn.calls.size(); ++i) {
            const CallRecord &call = m_turn.calls.at(i);
            if (call.stageText() != group)
                continue;
            const CallTimings &t = call.outcome.timings;
            Bar bar{i, group, call.model, {}, {}, {}, call.outcome.status};
            const double top = y + 4;
            const double height = kRowHeight - 8;
            const qint64 queued = t.queuedAtMs ? t.queuedAtMs : t.sentAtMs;
            const qint64 end = orNow(t.finishedAtMs, m_nowMs);
            if (queued && t.sentAtMs)
                bar.queued = QRectF(QPointF(xFor(queued), top), QPointF(xFor(t.sentAtMs), top + height));
            if (t.sentAtMs)
                bar.waiting = QRectF(QPointF(xFor(t.sentAtMs), top),
                                     QPointF(xFor(t.firstTokenAtMs ? t.firstTokenAtMs : end), top + height));
            if (t.firstTokenAtMs)
                bar.streaming = QRectF(QPointF(xFor(t.firstTokenAtMs), top), QPointF(xFor(end), top + height));
            m_bars.append(bar);
            y += kRowHeight;
        }
    }
}

void TimelineWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));
    painter.setPen(pal.color(QPalette::PlaceholderText));
    painter.drawText(QRect(kLabelWidth + kMargin, kMargin, width(), kAxisHeight), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("0 ms"));
    painter.drawText(QRect(0, kMargin, width() - kMargin, kAxisHeight), Qt::AlignRight | Qt::AlignVCenter,
                     PaneText::durationText(m_spanMs));

    const QColor streamColor = PaletteColors::badgeBackground(PaneState::Streaming, pal).darker(
        PaletteColors::isDark(pal) ? 80 : 130);
    const QColor failedColor = PaletteColors::badgeBackground(PaneState::Failed, pal);
    QString lastGroup;
    for (const Bar &bar : std::as_const(m_bars)) {
        const double rowTop = bar.waiting.isNull() ? bar.streaming.top() - 4 : bar.waiting.top() - 4;
        if (bar.group != lastGroup) {
            lastGroup = bar.group;
            QFont bold = font();
            bold.setBold(true);
            painter.setFont(bold);
            painter.setPen(pal.color(QPalette::Text));
            painter.drawText(QRectF(kMargin, rowTop - kGroupHeaderHeight, kLabelWidth, kGroupHeaderHeight),
                             Qt::AlignLeft | Qt::AlignVCenter, bar.group);
            painter.setFont(font());
        }
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QRectF(kMargin + 10, rowTop, kLabelWidth - 12, kRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                         fontMetrics().elidedText(bar.label, Qt::ElideMiddle, kLabelWidth - 12));
        painter.setPen(Qt::NoPen);
        painter.setBrush(PaletteColors::blend(pal.color(QPalette::Base), pal.color(QPalette::Mid), 0.4));
        painter.drawRect(bar.queued);
        painter.setBrush(PaletteColors::blend(pal.color(QPalette::Base), streamColor, 0.45));
        painter.drawRect(bar.waiting);
        painter.setBrush(bar.status == CallStatus::Failed ? failedColor : streamColor);
        painter.drawRect(bar.streaming);
    }
}

bool TimelineWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        for (const Bar &bar : std::as_const(m_bars)) {
            const QRectF row = bar.queued.united(bar.waiting).united(bar.streaming).adjusted(-2, -4, 2, 4);
            if (row.contains(help->pos())) {
                QToolTip::showText(help->globalPos(), toolTipFor(bar), this);
                return true;
            }
        }
        QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

QString TimelineWidget::toolTipFor(const Bar &bar) const
{
    const CallTimings &t = m_turn.calls.at(bar.callIndex).outcome.timings;
    const auto since = [](qint64 from, qint64 to) { return from && to ? to - from : -1; };
    return tr("%1 (%2)\nqueued %3 · first token after %4 · done after %5")
        .arg(bar.label, callStatusName(bar.status),
             PaneText::durationText(since(t.queuedAtMs, t.sentAtMs)),
             PaneText::durationText(t.timeToFirstTokenMs()), PaneText::durationText(t.latencyMs()));
}

} // namespace Consilium::App
