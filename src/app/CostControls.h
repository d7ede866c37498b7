#pragma once

#include "common/Money.h"
#include "cost/Budget.h"
#include "fusion/Ensemble.h"
#include "fusion/FusionSettings.h"

#include <QObject>
#include <QPointer>

#include <optional>

class QWidget;

namespace Consilium {
class ConversationStore;
class ProviderRegistry;
}

namespace Consilium::App {

class CostEstimateLabel;

// The window's cost features in one place: the estimate beside Send, the
// budget check before a turn starts, and the cost dashboard.
class CostControls : public QObject
{
    Q_OBJECT

public:
    CostControls(ProviderRegistry *registry, QWidget *window);

    CostEstimateLabel *label() const { return m_label; }
    void setStore(ConversationStore *store) { m_store = store; }

    // Re-plans the estimate for what the next turn would send.
    void update(const Ensemble &ensemble, const FusionSettings &settings, const QString &prompt);

    // Checks the estimate against the caps and today's spend. Returns false
    // when a cap refuses the turn or the user declines it, and `reason` then
    // says which cap.
    bool approveTurn(const BudgetPolicy &policy, const QString &presetName, QString *reason);

    // Opens the dashboard; it needs the conversation store.
    void openDashboard();

private:
    ProviderRegistry *m_registry;
    QWidget *m_window;
    CostEstimateLabel *m_label;
    ConversationStore *m_store = nullptr;
    QStringList m_historyLoadedFor;
};

} // namespace Consilium::App
