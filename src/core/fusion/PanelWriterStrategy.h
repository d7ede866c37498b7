#pragma once

#include "fusion/FusionStrategy.h"

#include <QList>

namespace Consilium {

// The panel answers in parallel; the writer then answers the user from
// the panel's answers. A failed member degrades the turn; a failed writer
// falls back to the first panel answer; no answer at all fails the turn.
class PanelWriterStrategy : public FusionStrategy
{
public:
    QString name() const override { return QStringLiteral("panel-writer"); }
    void begin(TurnRunner &runner) override;
    void onCallFinished(TurnRunner &runner, int callIndex) override;

private:
    void onPanelDone(TurnRunner &runner);
    void onWriterDone(TurnRunner &runner, int callIndex);
    QString writerPrompt(const TurnRunner &runner) const;

    QList<int> m_panelCalls;
    int m_panelFinished = 0;
    QList<int> m_answered;   // panel calls that succeeded, in panel order
    QString m_degradedReason;
};

} // namespace Consilium
