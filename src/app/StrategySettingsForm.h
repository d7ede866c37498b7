#pragma once

#include "fusion/FusionSettings.h"
#include "provider/ChatRequest.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace Consilium::App {

// The strategy's roles and options and the call timeouts of a preset, as
// one form inside the ensemble editor.
class StrategySettingsForm : public QWidget
{
    Q_OBJECT

public:
    explicit StrategySettingsForm(QWidget *parent = nullptr);

    // Offers these model ids in the analyst and judge boxes.
    void setModelIds(const QStringList &ids);

    void load(const FusionSettings &settings, const CallTimeouts &timeouts);
    // Returns the settings shown, over `base` for the fields the form lacks.
    FusionSettings settings(const FusionSettings &base = {}) const;
    CallTimeouts timeouts() const;

private:
    QComboBox *m_analyst;
    QComboBox *m_judge;
    QCheckBox *m_anonymize;
    QSpinBox *m_layers;
    QSpinBox *m_rounds;
    QSpinBox *m_quorum;
    QSpinBox *m_minAnswers;
    QSpinBox *m_deadline;
    QCheckBox *m_keepStragglers;
    QSpinBox *m_connectTimeout;
    QSpinBox *m_firstTokenTimeout;
    QSpinBox *m_idleTimeout;
};

} // namespace Consilium::App
