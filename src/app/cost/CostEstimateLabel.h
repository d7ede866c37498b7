#pragma once

#include "cost/CostEstimator.h"
#include "cost/TurnPlanner.h"
#include "fusion/Ensemble.h"

#include <QLabel>
#include <QTimer>

namespace Consilium::App {

// The estimated cost range of the turn being typed, for beside the Send
// button. Every setter restarts a short timer, so typing re-plans the turn
// once per pause instead of on every key.
class CostEstimateLabel : public QLabel
{
    Q_OBJECT

public:
    static constexpr int kDebounceMs = 150;

    explicit CostEstimateLabel(QWidget *parent = nullptr);

    // Where prices come from, e.g. the model catalogue's find().
    void setPriceLookup(CostEstimator::PriceLookup lookup);
    // The estimator whose output history the caller fills, e.g. with
    // SpendQueries::loadOutputHistory() for the ensemble's models.
    CostEstimator &estimator() { return m_estimator; }

    void setEnsemble(const Ensemble &ensemble);
    void setShape(const TurnShape &shape);
    void setPrompt(const QString &prompt);
    // Characters of the conversation history sent with the prompt.
    void setHistoryCharacters(qsizetype characters);

    // The estimate shown now (computed after the last pause).
    const CostEstimate &estimate() const { return m_estimate; }
    // Re-estimates at once, skipping the timer.
    void updateNow();

Q_SIGNALS:
    void estimateChanged(const Consilium::CostEstimate &estimate);

private:
    void scheduleUpdate();

    CostEstimator::PriceLookup m_lookup;
    CostEstimator m_estimator;
    Ensemble m_ensemble;
    TurnShape m_shape;
    qsizetype m_promptCharacters = 0;
    qsizetype m_historyCharacters = 0;
    CostEstimate m_estimate;
    QTimer m_timer;
};

} // namespace Consilium::App
