#include "CostEstimateLabel.h"

namespace Consilium::App {

CostEstimateLabel::CostEstimateLabel(QWidget *parent)
    : QLabel(parent)
    , m_estimator([this](const QString &provider, const QString &model) {
        return m_lookup ? m_lookup(provider, model) : nullptr;
    })
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDebounceMs);
    connect(&m_timer, &QTimer::timeout, this, &CostEstimateLabel::updateNow);
    setTextFormat(Qt::PlainText);
    setToolTip(tr("Estimated cost of sending this prompt"));
}

void CostEstimateLabel::setPriceLookup(CostEstimator::PriceLookup lookup)
{
    m_lookup = std::move(lookup);
    scheduleUpdate();
}

void CostEstimateLabel::setEnsemble(const Ensemble &ensemble)
{
    m_ensemble = ensemble;
    scheduleUpdate();
}

void CostEstimateLabel::setShape(const TurnShape &shape)
{
    m_shape = shape;
    scheduleUpdate();
}

void CostEstimateLabel::setPrompt(const QString &prompt)
{
    m_promptCharacters = prompt.size();
    scheduleUpdate();
}

void CostEstimateLabel::setHistoryCharacters(qsizetype characters)
{
    m_historyCharacters = characters;
    scheduleUpdate();
}

void CostEstimateLabel::scheduleUpdate()
{
    m_timer.start();
}

void CostEstimateLabel::updateNow()
{
    m_timer.stop();
    const QList<PlannedCall> plan =
        planTurn(m_ensemble, m_shape, m_promptCharacters + m_historyCharacters, m_estimator);
    m_estimate = m_estimator.estimate(plan);
    setText(m_estimate.rangeText());
    setToolTip(tr("Estimated cost of %n call(s): the low end assumes each model's usual answer length, "
                  "the high end the maximum output tokens.", nullptr, int(plan.size())));
    Q_EMIT estimateChanged(m_estimate);
}

} // namespace Consilium::App
