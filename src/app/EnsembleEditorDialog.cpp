#include "EnsembleEditorDialog.h"

#include "StrategySettingsForm.h"

#include "FileDialogs.h"
#include "PaletteColors.h"

#include "fusion/StrategyRegistry.h"
#include "provider/ModelFilter.h"
#include "store/PresetStore.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Consilium::App {

namespace {

enum MemberColumn { ModelColumn, PromptColumn, TemperatureColumn, MemberColumnCount };

QPushButton *makeButton(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    button->setAccessibleName(QString(text).remove(u'&').remove(u'…'));
    return button;
}

} // namespace

EnsembleEditorDialog::EnsembleEditorDialog(PresetStore *store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_list(new QListWidget)
    , m_name(new QLineEdit)
    , m_nameProblem(new QLabel)
    , m_strategy(new QComboBox)
    , m_filter(new QLineEdit)
    , m_maxPrice(new QDoubleSpinBox)
    , m_minContext(new QSpinBox)
    , m_modality(new QComboBox)
    , m_catalogueList(new QListWidget)
    , m_members(new QTableWidget(0, MemberColumnCount))
    , m_panelProblem(new QLabel)
    , m_writer(new QComboBox)
    , m_writerProblem(new QLabel)
    , m_maxTokens(new QSpinBox)
    , m_budget(new QDoubleSpinBox)
    , m_strategySettings(new StrategySettingsForm)
    , m_settingsProblem(new QLabel)
    , m_status(new QLabel)
{
    setObjectName(QStringLiteral("ensembleEditor"));
    setWindowTitle(tr("Ensembles"));
    setAccessibleName(tr("Ensemble editor"));
    resize(1100, 720);

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(createListSide());
    layout->addWidget(createForm(), 1);
    connect(m_list, &QListWidget::currentRowChanged, this, &EnsembleEditorDialog::showSelected);
}

QWidget *EnsembleEditorDialog::createListSide()
{
    m_list->setObjectName(QStringLiteral("presetList"));
    m_list->setAccessibleName(tr("Presets"));
    auto *side = new QWidget;
    auto *box = new QVBoxLayout(side);
    box->setContentsMargins(0, 0, 0, 0);
    box->addWidget(m_list, 1);
    QPushButton *newButton = makeButton(tr("&New"), QStringLiteral("newPresetButton"), side);
    QPushButton *duplicateButton = makeButton(tr("D&uplicate"), QStringLiteral("duplicatePresetButton"), side);
    QPushButton *deleteButton = makeButton(tr("&Delete"), QStringLiteral("deletePresetButton"), side);
    QPushButton *importButton = makeButton(tr("&Import…"), QStringLiteral("importPresetButton"), side);
    QPushButton *exportButton = makeButton(tr("E&xport…"), QStringLiteral("exportPresetButton"), side);
    for (QPushButton *button : {newButton, duplicateButton, deleteButton, importButton, exportButton})
        box->addWidget(button);
    connect(newButton, &QPushButton::clicked, this, [this] {
        m_list->clearSelection();
        Preset empty;
        empty.name = tr("New ensemble");
        loadPreset(empty);
    });
    connect(duplicateButton, &QPushButton::clicked, this, &EnsembleEditorDialog::duplicate);
    connect(deleteButton, &QPushButton::clicked, this, &EnsembleEditorDialog::removeCurrent);
    connect(importButton, &QPushButton::clicked, this, &EnsembleEditorDialog::importPreset);
    connect(exportButton, &QPushButton::clicked, this, &EnsembleEditorDialog::exportCurrent);
    side->setMaximumWidth(220);
    return side;
}

QWidget *EnsembleEditorDialog::createCatalogueBox()
{
    m_filter->setObjectName(QStringLiteral("catalogueFilter"));
    m_filter->setAccessibleName(tr("Search the catalogue"));
    m_filter->setPlaceholderText(tr("Search by name or id"));
    m_maxPrice->setObjectName(QStringLiteral("maxPriceBox"));
    m_maxPrice->setAccessibleName(tr("Maximum output price per million tokens"));
    m_maxPrice->setRange(0, 1000);
    m_maxPrice->setPrefix(QStringLiteral("$"));
    m_maxPrice->setSpecialValueText(tr("any price"));
    m_minContext->setObjectName(QStringLiteral("minContextBox"));
    m_minContext->setAccessibleName(tr("Minimum context length in thousands of tokens"));
    m_minContext->setRange(0, 10'000);
    m_minContext->setSuffix(tr(" k tokens"));
    m_minContext->setSpecialValueText(tr("any context"));
    m_modality->setObjectName(QStringLiteral("modalityBox"));
    m_modality->setAccessibleName(tr("Input the model must accept"));
    m_modality->addItem(tr("any input"), QString());
    m_modality->addItem(tr("images"), QStringLiteral("image"));
    m_modality->addItem(tr("audio"), QStringLiteral("audio"));
    m_modality->addItem(tr("files"), QStringLiteral("file"));
    m_catalogueList->setObjectName(QStringLiteral("catalogueList"));
    m_catalogueList->setAccessibleName(tr("Catalogue models"));
    QPushButton *add = makeButton(tr("&Add to panel"), QStringLiteral("addMemberButton"), this);
    connect(m_filter, &QLineEdit::textChanged, this, &EnsembleEditorDialog::filterCatalogue);
    connect(m_maxPrice, &QDoubleSpinBox::valueChanged, this, &EnsembleEditorDialog::filterCatalogue);
    connect(m_minContext, &QSpinBox::valueChanged, this, &EnsembleEditorDialog::filterCatalogue);
    connect(m_modality, &QComboBox::currentIndexChanged, this, &EnsembleEditorDialog::filterCatalogue);
    connect(add, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_catalogueList->currentItem())
            addCatalogueModel(item->data(Qt::UserRole).toString());
    });

    auto *group = new QGroupBox(tr("Catalogue"));
    auto *form = new QFormLayout(group);
    form->addRow(tr("&Search:"), m_filter);
    form->addRow(tr("Output &price up to:"), m_maxPrice);
    form->addRow(tr("&Context at least:"), m_minContext);
    form->addRow(tr("&Accepts:"), m_modality);
    form->addRow(m_catalogueList);
    form->addRow(add);
    return group;
}

QWidget *EnsembleEditorDialog::createForm()
{
    m_name->setObjectName(QStringLiteral("presetName"));
    m_name->setAccessibleName(tr("Preset name"));
    m_strategy->setObjectName(QStringLiteral("presetStrategy"));
    m_strategy->setAccessibleName(tr("Strategy"));
    for (const StrategyInfo &info : availableStrategies())
        m_strategy->addItem(info.displayName, info.name);
    m_members->setObjectName(QStringLiteral("memberTable"));
    m_members->setAccessibleName(tr("Panel members"));
    m_members->setHorizontalHeaderLabels({tr("Model"), tr("System prompt"), tr("Temperature")});
    m_members->horizontalHeader()->setSectionResizeMode(PromptColumn, QHeaderView::Stretch);
    m_members->horizontalHeader()->resizeSection(ModelColumn, 200);
    m_members->horizontalHeader()->setSectionResizeMode(TemperatureColumn, QHeaderView::ResizeToContents);
    QPushButton *remove = makeButton(tr("&Remove member"), QStringLiteral("removeMemberButton"), this);
    connect(remove, &QPushButton::clicked, this, [this] { m_members->removeRow(m_members->currentRow()); });
    m_writer->setObjectName(QStringLiteral("presetWriter"));
    m_writer->setAccessibleName(tr("Writer model"));
    m_writer->setEditable(true);
    m_maxTokens->setObjectName(QStringLiteral("presetMaxTokens"));
    m_maxTokens->setAccessibleName(tr("Max tokens per answer"));
    m_maxTokens->setRange(16, 1'000'000);
    m_budget->setObjectName(QStringLiteral("presetBudget"));
    m_budget->setAccessibleName(tr("Budget per turn in US dollars"));
    m_budget->setRange(0, 1000);
    m_budget->setDecimals(2);
    m_budget->setPrefix(QStringLiteral("$"));
    m_budget->setSpecialValueText(tr("no cap"));
    m_nameProblem->setObjectName(QStringLiteral("nameProblem"));
    m_panelProblem->setObjectName(QStringLiteral("panelProblem"));
    m_writerProblem->setObjectName(QStringLiteral("writerProblem"));
    m_settingsProblem->setObjectName(QStringLiteral("settingsProblem"));
    for (QLabel *label : {m_nameProblem, m_panelProblem, m_writerProblem, m_settingsProblem}) {
        label->setWordWrap(true);
        label->setAccessibleName(tr("Problem"));
        label->hide();
    }
    m_status->setObjectName(QStringLiteral("presetStatus"));
    m_status->setAccessibleName(tr("Preset status"));
    m_status->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_nameProblem);
    form->addRow(tr("S&trategy:"), m_strategy);
    form->addRow(tr("&Panel:"), m_members);
    form->addRow(QString(), remove);
    form->addRow(QString(), m_panelProblem);
    form->addRow(tr("&Writer:"), m_writer);
    form->addRow(QString(), m_writerProblem);
    form->addRow(tr("&Max tokens:"), m_maxTokens);
    form->addRow(tr("&Budget per turn:"), m_budget);
    form->addRow(tr("Strategy settings:"), m_strategySettings);
    form->addRow(QString(), m_settingsProblem);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("savePresetButton"));
    connect(buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this, &EnsembleEditorDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *right = new QWidget;
    auto *rows = new QHBoxLayout;
    rows->addLayout(form, 3);
    rows->addWidget(createCatalogueBox(), 2);
    auto *column = new QVBoxLayout(right);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(rows, 1);
    column->addWidget(m_status);
    column->addWidget(buttons);
    return right;
}

void EnsembleEditorDialog::setCatalogue(const QList<ModelInfo> &models)
{
    m_catalogue = models;
    QStringList ids;
    for (const ModelInfo &model : models)
        ids.append(model.id);
    const QString writer = m_writer->currentText();
    m_writer->clear();
    m_writer->addItems(ids);
    m_writer->setEditText(writer);
    m_strategySettings->setModelIds(ids);
    filterCatalogue();
}

void EnsembleEditorDialog::filterCatalogue()
{
    ModelFilter filter;
    filter.text = m_filter->text().trimmed();
    if (m_maxPrice->value() > 0)
        filter.maxCompletionPerMillion = Money::fromUsd(m_maxPrice->value());
    filter.minContextLength = qint64(m_minContext->value()) * 1000;
    filter.inputModality = m_modality->currentData().toString();
    m_catalogueList->clear();
    for (const ModelInfo &model : std::as_const(m_catalogue)) {
        if (!filter.matches(model))
            continue;
        auto *item = new QListWidgetItem(QStringLiteral("%1 · out %2/M · %3k")
                                             .arg(model.id, model.completionPrice.perMillionText())
                                             .arg(model.contextLength / 1000));
        item->setData(Qt::UserRole, model.id);
        m_catalogueList->addItem(item);
    }
}

QStringList EnsembleEditorDialog::catalogueMatches() const
{
    QStringList ids;
    for (int row = 0; row < m_catalogueList->count(); ++row)
        ids.append(m_catalogueList->item(row)->data(Qt::UserRole).toString());
    return ids;
}

void EnsembleEditorDialog::addCatalogueModel(const QString &modelId)
{
    const int row = m_members->rowCount();
    m_members->insertRow(row);
    m_members->setItem(row, ModelColumn, new QTableWidgetItem(modelId));
    m_members->setItem(row, PromptColumn, new QTableWidgetItem());
    m_members->setItem(row, TemperatureColumn, new QTableWidgetItem());
}

void EnsembleEditorDialog::openWith(const QString &presetName)
{
    reloadList(presetName);
    if (m_list->currentRow() < 0 && m_list->count() > 0)
        m_list->setCurrentRow(0);
    open();
}

void EnsembleEditorDialog::reloadList(const QString &select)
{
    QStringList problems;
    const Result<QList<Preset>> listed = m_store->list(&problems);
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const Preset &preset : listed ? listed.value() : QList<Preset>())
        m_list->addItem(preset.name);
    const QList<QListWidgetItem *> found = m_list->findItems(select, Qt::MatchExactly);
    if (!found.isEmpty()) {
        m_list->setCurrentItem(found.first());
        showSelected();
    }
    if (!listed)
        m_status->setText(listed.error());
    else if (!problems.isEmpty())
        m_status->setText(tr("Skipped invalid files: %1").arg(problems.join(QStringLiteral("; "))));
}

void EnsembleEditorDialog::showSelected()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const Result<Preset> loaded = m_store->load(item->text());
    if (loaded)
        loadPreset(loaded.value());
    else
        m_status->setText(loaded.error());
}

void EnsembleEditorDialog::loadPreset(const Preset &preset)
{
    m_name->setText(preset.name);
    m_strategy->setCurrentIndex(qMax(0, m_strategy->findData(preset.strategy)));
    m_members->setRowCount(0);
    for (const Member &member : preset.ensemble.panel) {
        addCatalogueModel(member.model);
        const int row = m_members->rowCount() - 1;
        m_members->item(row, PromptColumn)->setText(member.systemPrompt);
        if (member.temperature)
            m_members->item(row, TemperatureColumn)->setText(QString::number(*member.temperature));
    }
    m_writer->setEditText(preset.ensemble.writer.model);
    m_maxTokens->setValue(preset.ensemble.maxTokens);
    m_budget->setValue(preset.budget ? preset.budget->toDecimalString().toDouble() : 0.0);
    m_strategySettings->load(preset.strategySettings, preset.timeouts);
    m_loaded = preset;
    for (QLabel *label : {m_nameProblem, m_panelProblem, m_writerProblem, m_settingsProblem})
        setProblem(label, QString());
    m_status->clear();
}

Preset EnsembleEditorDialog::preset() const
{
    Preset result;
    result.name = m_name->text().trimmed();
    result.strategy = m_strategy->currentData().toString();
    for (int row = 0; row < m_members->rowCount(); ++row) {
        Member member;
        member.model = m_members->item(row, ModelColumn)->text().trimmed();
        member.systemPrompt = m_members->item(row, PromptColumn)->text();
        bool isNumber = false;
        const double temperature = m_members->item(row, TemperatureColumn)->text().toDouble(&isNumber);
        if (isNumber)
            member.temperature = temperature;
        result.ensemble.panel.append(member);
    }
    result.ensemble.writer.model = m_writer->currentText().trimmed();
    result.ensemble.maxTokens = m_maxTokens->value();
    if (m_budget->value() > 0)
        result.budget = Money::fromUsd(m_budget->value());
    result.strategySettings = m_strategySettings->settings(m_loaded.strategySettings);
    result.strategySettings.strategy = result.strategy;
    result.timeouts = m_strategySettings->timeouts();
    result.privacyTier = m_loaded.privacyTier;
    return result;
}

void EnsembleEditorDialog::setProblem(QLabel *label, const QString &text)
{
    QPalette errorPalette = label->palette();
    errorPalette.setColor(QPalette::WindowText, PaletteColors::errorText(palette()));
    label->setPalette(errorPalette);
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QString EnsembleEditorDialog::problemText(const QString &field) const
{
    if (field == QStringLiteral("name"))
        return m_nameProblem->text();
    if (field == QStringLiteral("panel"))
        return m_panelProblem->text();
    if (field == QStringLiteral("writer"))
        return m_writerProblem->text();
    if (field == QStringLiteral("settings"))
        return m_settingsProblem->text();
    return QString();
}

bool EnsembleEditorDialog::validate()
{
    const Preset candidate = preset();
    const auto known = [this](const QString &id) {
        // Without a catalogue every id is accepted: it may be typed offline.
        return m_catalogue.isEmpty() || std::any_of(m_catalogue.cbegin(), m_catalogue.cend(),
                                                    [&id](const ModelInfo &model) { return model.id == id; });
    };
    setProblem(m_nameProblem, candidate.name.isEmpty() ? tr("Give the preset a name.") : QString());

    QString panelProblem;
    if (candidate.ensemble.panel.isEmpty())
        panelProblem = tr("The panel is empty: add at least one model from the catalogue.");
    for (const Member &member : candidate.ensemble.panel) {
        if (member.model.isEmpty())
            panelProblem = tr("A panel row has no model id.");
        else if (!known(member.model))
            panelProblem = tr("Unknown model \"%1\": it is not in the catalogue.").arg(member.model);
    }
    setProblem(m_panelProblem, panelProblem);

    QString writerProblem;
    if (candidate.ensemble.writer.model.isEmpty())
        writerProblem = tr("The writer is missing: pick the model that fuses the answers.");
    else if (!known(candidate.ensemble.writer.model))
        writerProblem = tr("Unknown model \"%1\": it is not in the catalogue.").arg(candidate.ensemble.writer.model);
    setProblem(m_writerProblem, writerProblem);

    QStringList settingsProblems = candidate.strategySettings.validate(candidate.ensemble);
    for (const Member &role : {candidate.strategySettings.analyst, candidate.strategySettings.judge}) {
        if (!role.model.isEmpty() && !known(role.model))
            settingsProblems.append(tr("Unknown model \"%1\": it is not in the catalogue.").arg(role.model));
    }
    setProblem(m_settingsProblem, settingsProblems.join(u' '));

    return m_nameProblem->text().isEmpty() && panelProblem.isEmpty() && writerProblem.isEmpty()
           && settingsProblems.isEmpty();
}

bool EnsembleEditorDialog::save()
{
    if (!validate()) {
        m_status->setText(tr("Not saved: fix the problems shown next to the fields."));
        return false;
    }
    const Preset candidate = preset();
    const StoreStatus status = m_store->save(candidate, PresetStore::Overwrite::Yes);
    if (!status) {
        m_status->setText(tr("Not saved: %1").arg(status.error()));
        return false;
    }
    m_status->setText(tr("Saved “%1”.").arg(candidate.name));
    reloadList(candidate.name);
    Q_EMIT presetsChanged();
    return true;
}

bool EnsembleEditorDialog::duplicate()
{
    Preset copy = preset();
    copy.name = tr("%1 copy").arg(copy.name);
    loadPreset(copy);
    return save();
}

bool EnsembleEditorDialog::removeCurrent()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return false;
    const QString name = item->text();
    const StoreStatus status = m_store->remove(name);
    m_status->setText(status ? tr("Deleted “%1”.").arg(name) : tr("Not deleted: %1").arg(status.error()));
    reloadList();
    Q_EMIT presetsChanged();
    return bool(status);
}

bool EnsembleEditorDialog::importPreset()
{
    const QString path = FileDialogs::openFile(this, tr("Import Ensemble"), tr("Ensemble presets (*.json)"));
    if (path.isEmpty())
        return false;
    const Result<Preset> imported = m_store->importFile(path, PresetStore::Overwrite::Yes);
    if (!imported) {
        m_status->setText(tr("Not imported: %1").arg(imported.error()));
        return false;
    }
    m_status->setText(tr("Imported “%1”.").arg(imported->name));
    reloadList(imported->name);
    Q_EMIT presetsChanged();
    return true;
}

bool EnsembleEditorDialog::exportCurrent()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return false;
    const QString path = FileDialogs::saveFile(this, tr("Export Ensemble"), item->text() + QStringLiteral(".json"),
                                               tr("Ensemble presets (*.json)"));
    if (path.isEmpty())
        return false;
    const StoreStatus status = m_store->exportFile(item->text(), path);
    m_status->setText(status ? tr("Exported to %1.").arg(path) : tr("Not exported: %1").arg(status.error()));
    return bool(status);
}

} // namespace Consilium::App
