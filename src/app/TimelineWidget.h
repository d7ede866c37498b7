#pragma once

#include "fusion/Turn.h"

#include <QRectF>
#include <QWidget>

namespace Consilium::App {

// A chart of where the time of a turn went: one bar per call, grouped by stage, from
// queued to sent (waiting for a connection), to the first token, to done.
class TimelineWidget : public QWidget
{
    Q_OBJECT

public:
    // The painted parts of one call's bar, in widget coordinates. A part
    // the call never reached is an empty rectangle.
    struct Bar
    {
        int callIndex = -1;
        QString group; // the stage label, e.g. "panel" or "layer 2"
        QString label; // the model id
        QRectF queued;    // queued until sent
        QRectF waiting;   // sent until the first token
        QRectF streaming; // first token until finished
        CallStatus status = CallStatus::Pending;
    };

    explicit TimelineWidget(QWidget *parent = nullptr);

    // Shows the calls of `turn`; calls still running end at `nowMs`.
    void setTurn(const Turn &turn, qint64 nowMs);
    const QList<Bar> &bars() const { return m_bars; }
    // Returns the span the axis covers, in milliseconds.
    qint64 spanMs() const { return m_spanMs; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    void layoutBars();
    int rowCount() const;
    QString toolTipFor(const Bar &bar) const;

    Turn m_turn;
    qint64 m_nowMs = 0;
    qint64 m_startMs = 0;
    qint64 m_spanMs = 0;
    QList<Bar> m_bars;
    QStringList m_groups; // in first-seen order
};

} // namespace Consilium::App
