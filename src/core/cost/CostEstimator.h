#pragma once

#include "common/Money.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace Consilium {

struct ModelInfo;

// One call a turn is expected to make, in tokens. The fused stages read
// the panel's answers, so their input grows with the panel's output.
struct PlannedCall
{
    QString model;
    QString provider;
    qint64 inputTokens = 0;
    qint64 outputTokensLow = 0;  // typical length, from the model's history
    qint64 outputTokensHigh = 0; // max_tokens: the most the call can cost
};

// A cost range for a turn before it is sent. Calls whose model has no
// known price are left out of both bounds and counted instead.
struct CostEstimate
{
    Money low;
    Money high;
    int unpricedCalls = 0;
    QList<PlannedCall> calls;

    bool isComplete() const { return unpricedCalls == 0; }
    // Formats as "$0.0021 – $0.034", adding "+ 1 call of unknown price".
    QString rangeText() const;
};

// Estimates what a turn will cost from the prompt's size, the catalogue
// prices and each model's usual answer length.
class CostEstimator
{
public:
    using PriceLookup = std::function<const ModelInfo *(const QString &provider, const QString &model)>;

    // Answer length assumed for a model with no history, in tokens.
    static constexpr qint64 kDefaultOutputTokens = 400;

    explicit CostEstimator(PriceLookup lookup) : m_lookup(std::move(lookup)) {}

    // Records a finished call's output length, so later estimates use it.
    void recordOutput(const QString &model, qint64 completionTokens);
    // Returns the median of the recorded lengths, or the default.
    qint64 typicalOutputTokens(const QString &model) const;

    CostEstimate estimate(const QList<PlannedCall> &calls) const;

private:
    PriceLookup m_lookup;
    QHash<QString, QList<qint64>> m_outputHistory; // the last few lengths per model
};

} // namespace Consilium
