#pragma once

#include "fusion/AnswerSet.h"
#include "fusion/FusionSettings.h"
#include "fusion/FusionStrategy.h"
#include "fusion/PanelStage.h"
#include "fusion/WriterStage.h"

namespace Consilium {

// "fusion": the panel answers in parallel; an analyst (when one is set)
// compares the answers and returns JSON (see AnalysisSchema); the writer
// then answers the user from the analysis and the answers. The analyst may
// see the answers anonymised and shuffled, and the analysis stored on the
// turn names the real models.
//
// Degradations: failed members are left out and named; an analyst that
// fails, returns nothing, invalid JSON or JSON off the schema leaves the
// writer to fuse the raw answers; a failed writer falls back to the first
// answer. No answer at all fails the turn with a typed reason.
class PanelWriterStrategy : public FusionStrategy
{
public:
    explicit PanelWriterStrategy(FusionSettings settings = {});

    QString name() const override { return QStringLiteral("fusion"); }
    void begin(TurnRunner &runner) override;
    void onCallFinished(TurnRunner &runner, int callIndex) override;

private:
    void onPanelDone(TurnRunner &runner);
    void startAnalyst(TurnRunner &runner);
    void onAnalystDone(TurnRunner &runner);
    void startWriter(TurnRunner &runner, const QString &analysisText);

    FusionSettings m_settings;
    PanelStage m_panel;
    AnswerSet m_answers; // as the analyst and the writer see them
    int m_analystCall = -1;
    WriterStage m_writer;
    QStringList m_degradedReasons;
};

} // namespace Consilium
