#pragma once

#include "provider/ModelInfo.h"
#include "store/Preset.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Consilium {
class PresetStore;
}

namespace Consilium::App {

class StrategySettingsForm;

// Builds and keeps ensemble presets: the panel chosen from the catalogue
// (searched by text, price and context length), each member's system
// prompt and temperature, the writer, the strategy, max tokens and a
// budget. Problems show next to their field before anything is saved.
class EnsembleEditorDialog : public QDialog
{
    Q_OBJECT

public:
    EnsembleEditorDialog(PresetStore *store, QWidget *parent = nullptr);

    // Offers these models in the catalogue list and checks ids against them.
    void setCatalogue(const QList<ModelInfo> &models);
    // Shows the dialog with `presetName` selected (the first when empty).
    void openWith(const QString &presetName);

    // Returns the preset the fields describe.
    Preset preset() const;
    void loadPreset(const Preset &preset);
    // Shows each problem next to its field; returns whether there were none.
    bool validate();
    // Saves after validate(); returns whether it was saved.
    bool save();
    bool duplicate();
    bool removeCurrent();
    bool importPreset();
    bool exportCurrent();
    void addCatalogueModel(const QString &modelId);
    void reloadList(const QString &select = QString());
    QString problemText(const QString &field) const;
    QStringList catalogueMatches() const;

Q_SIGNALS:
    void presetsChanged();

private:
    QWidget *createListSide();
    QWidget *createCatalogueBox();
    QWidget *createForm();
    void showSelected();
    void filterCatalogue();
    void setProblem(QLabel *label, const QString &text);

    PresetStore *m_store;
    QList<ModelInfo> m_catalogue;
    Preset m_loaded; // keeps fields the editor does not show
    QListWidget *m_list;
    QLineEdit *m_name;
    QLabel *m_nameProblem;
    QComboBox *m_strategy;
    QLineEdit *m_filter;
    QDoubleSpinBox *m_maxPrice;
    QSpinBox *m_minContext;
    QComboBox *m_modality;
    QListWidget *m_catalogueList;
    QTableWidget *m_members;
    QLabel *m_panelProblem;
    QComboBox *m_writer;
    QLabel *m_writerProblem;
    QSpinBox *m_maxTokens;
    QDoubleSpinBox *m_budget;
    StrategySettingsForm *m_strategySettings;
    QLabel *m_settingsProblem;
    QLabel *m_status;
};

} // namespace Consilium::App
