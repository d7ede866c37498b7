#include "CostControls.h"

#include "AppLogging.h"

#include "cost/BudgetCheck.h"
#include "cost/BudgetConfirmation.h"
#include "cost/CostDashboard.h"
#include "cost/CostEstimateLabel.h"
#include "cost/TurnShapeSettings.h"
#include "provider/ModelCatalogue.h"
#include "provider/ProviderRegistry.h"
#include "store/ConversationStore.h"
#include "store/SpendQueries.h"

#include <QDateTime>

namespace Consilium::App {

CostControls::CostControls(ProviderRegistry *registry, QWidget *window)
    : QObject(window)
    , m_registry(registry)
    , m_window(window)
    , m_label(new CostEstimateLabel(window))
{
    m_label->setAccessibleName(tr("Estimated cost of the next turn"));
    m_label->setPriceLookup([this](const QString &provider, const QString &model) -> const ModelInfo * {
        return m_registry->modelFor(provider, model);
    });
}

void CostControls::update(const Ensemble &ensemble, const FusionSettings &settings, const QString &prompt)
{
    // The usual answer length of each model comes from its stored calls, and
    // it is read once per model and session.
    if (m_store) {
        QStringList models;
        for (const Member &member : ensemble.panel) {
            if (!m_historyLoadedFor.contains(member.model))
                models.append(member.model);
        }
        if (!models.isEmpty() && SpendQueries(m_store->database()).loadOutputHistory(m_label->estimator(), models))
            m_historyLoadedFor.append(models);
    }
    m_label->setEnsemble(ensemble);
    m_label->setShape(turnShapeFor(settings, ensemble.panel.size()));
    m_label->setPrompt(prompt);
}

bool CostControls::approveTurn(const BudgetPolicy &policy, const QString &presetName, QString *reason)
{
    if ((!policy.perTurn && !policy.perDay && !policy.perPreset) || !m_store)
        return true;
    m_label->updateNow();
    SpendQueries spend(m_store->database());
    const Result<BudgetDecision> decision = checkTurnBudget(policy, m_label->estimate(), spend, presetName,
                                                            QDateTime::currentMSecsSinceEpoch());
    if (!decision) {
        // A failed spend query must not block the user's turn.
        qCWarning(lcApp) << "budget check skipped:" << decision.error();
        return true;
    }
    if (decision->verdict == BudgetDecision::Verdict::Send)
        return true;
    if (decision->verdict == BudgetDecision::Verdict::AskUser && BudgetConfirmation::askToSend(m_window, *decision))
        return true;
    *reason = decision->message;
    return false;
}

void CostControls::openDashboard()
{
    if (!m_store)
        return;
    auto *dashboard = new CostDashboard(*m_store, SpendQueries::TimeZone::Local, m_window);
    dashboard->setAttribute(Qt::WA_DeleteOnClose);
    dashboard->open();
}

} // namespace Consilium::App
