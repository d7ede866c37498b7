#include "ModelPickerWidget.h"

#include "AppSettings.h"
#include "ModelListModel.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QHeaderView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStringListModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Consilium::App {

ModelPickerWidget::ModelPickerWidget(QWidget *parent)
    : QWidget(parent)
    , m_model(new ModelListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_writerIds(new QStringListModel(this))
    , m_filter(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_cancelLoading(new QToolButton(this))
    , m_view(new QTableView(this))
    , m_writer(new QComboBox(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("modelPicker"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(ModelListModel::SearchTextRole);
    m_proxy->setFilterKeyColumn(ModelListModel::IdColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(ModelListModel::SortRole);

    m_filter->setObjectName(QStringLiteral("modelFilter"));
    m_filter->setPlaceholderText(tr("Filter by name or id"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Model filter"));
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_status->setObjectName(QStringLiteral("pickerStatus"));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Model list status"));
    m_status->hide();
    m_cancelLoading->setObjectName(QStringLiteral("cancelLoadingButton"));
    m_cancelLoading->setText(tr("Cancel"));
    m_cancelLoading->setAccessibleName(tr("Cancel loading the model list"));
    m_cancelLoading->hide();
    connect(m_cancelLoading, &QToolButton::clicked, this, &ModelPickerWidget::cancelLoadingRequested);

    m_view->setObjectName(QStringLiteral("modelTable"));
    m_view->setAccessibleName(tr("Models; check a model to add it to the panel"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // keep the catalogue's order until a header is clicked
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    // The name column takes what is left, so the prices stay in view.
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ModelListModel::NameColumn, QHeaderView::Stretch);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setWordWrap(false);

    m_writer->setObjectName(QStringLiteral("writerBox"));
    m_writer->setAccessibleName(tr("Writer model"));
    m_writer->setToolTip(tr("The model that fuses the panel's answers into one"));
    m_writer->setEditable(true);
    m_writer->setInsertPolicy(QComboBox::NoInsert);
    m_writer->setModel(m_writerIds);
    m_writer->completer()->setFilterMode(Qt::MatchContains);
    m_writer->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_writer->lineEdit()->setPlaceholderText(tr("Model id"));
    connect(m_writer, &QComboBox::currentTextChanged, this, &ModelPickerWidget::updateHint);

    m_hint->setObjectName(QStringLiteral("pickerHint"));
    m_hint->setWordWrap(true);
    m_hint->setAccessibleName(tr("Panel summary"));
    connect(m_model, &ModelListModel::checkedIdsChanged, this, &ModelPickerWidget::updateHint);

    auto *writerRow = new QFormLayout;
    writerRow->addRow(tr("&Writer:"), m_writer);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_cancelLoading);
    layout->addLayout(statusRow);
    layout->addWidget(m_view, 1);
    layout->addLayout(writerRow);
    layout->addWidget(m_hint);

    m_model->setCheckedIds(AppSettings::panelModels());
    m_writer->setEditText(AppSettings::writerModel());
    updateHint();
}

void ModelPickerWidget::setModels(const QList<ModelInfo> &models)
{
    // Resetting the combo's list would replace the typed writer id.
    const QString writer = writerModel();
    m_model->setModels(models);
    m_writerIds->setStringList(m_model->modelIds());
    const int writerIndex = m_writer->findText(writer);
    if (writerIndex >= 0)
        m_writer->setCurrentIndex(writerIndex);
    else
        m_writer->setEditText(writer);
    setStatusText(QString());
}

void ModelPickerWidget::setLoading(bool loading)
{
    m_cancelLoading->setVisible(loading);
}

void ModelPickerWidget::setStatusText(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

QStringList ModelPickerWidget::panelModels() const
{
    return m_model->checkedIds();
}

QString ModelPickerWidget::writerModel() const
{
    return m_writer->currentText().trimmed();
}

void ModelPickerWidget::saveChoices() const
{
    AppSettings::savePicks(panelModels(), writerModel());
}

void ModelPickerWidget::updateHint()
{
    const int count = int(panelModels().size());
    QString text;
    if (count == 0)
        text = tr("Check the panel models: three or more work best.");
    else if (count == 1)
        text = tr("1 panel model picked; three or more work best.");
    else if (count < 3)
        text = tr("%1 panel models picked; three or more work best.").arg(count);
    else
        text = tr("%1 panel models picked.").arg(count);
    if (count >= ModelListModel::kMaxPanelModels)
        text += u' ' + tr("That is the maximum of %1.").arg(ModelListModel::kMaxPanelModels);
    if (writerModel().isEmpty())
        text += u' ' + tr("Pick a writer to fuse their answers.");
    m_hint->setText(text);
    Q_EMIT choicesChanged();
}

} // namespace Consilium::App
