#include "CostEstimator.h"

#include "provider/ModelInfo.h"

#include <algorithm>

namespace Consilium {

namespace {

constexpr qsizetype kHistoryLength = 20;

} // namespace

QString CostEstimate::rangeText() const
{
    QString text = low == high ? low.toDisplayString()
                               : low.toDisplayString() + QStringLiteral(" – ") + high.toDisplayString();
    if (calls.isEmpty())
        return QStringLiteral("$0.00");
    if (unpricedCalls == int(calls.size()))
        return QStringLiteral("unknown");
    if (unpricedCalls == 1)
        text += QStringLiteral(" + 1 call of unknown price");
    else if (unpricedCalls > 1)
        text += QStringLiteral(" + %1 calls of unknown price").arg(unpricedCalls);
    return text;
}

void CostEstimator::recordOutput(const QString &model, qint64 completionTokens)
{
    QList<qint64> &history = m_outputHistory[model];
    history.append(completionTokens);
    if (history.size() > kHistoryLength)
        history.removeFirst();
}

qint64 CostEstimator::typicalOutputTokens(const QString &model) const
{
    QList<qint64> history = m_outputHistory.value(model);
    if (history.isEmpty())
        return kDefaultOutputTokens;
    std::sort(history.begin(), history.end());
    return history.at(history.size() / 2);
}

CostEstimate CostEstimator::estimate(const QList<PlannedCall> &calls) const
{
    CostEstimate result;
    result.calls = calls;
    for (const PlannedCall &call : calls) {
        const ModelInfo *model = m_lookup ? m_lookup(call.provider, call.model) : nullptr;
        const bool priced = model && model->promptPrice.isKnown() && model->completionPrice.isKnown();
        if (!priced) {
            ++result.unpricedCalls;
            continue;
        }
        const Money input = *model->promptPrice.perToken * call.inputTokens;
        result.low += input + *model->completionPrice.perToken * std::min(call.outputTokensLow, call.outputTokensHigh);
        result.high += input + *model->completionPrice.perToken * call.outputTokensHigh;
    }
    return result;
}

} // namespace Consilium
