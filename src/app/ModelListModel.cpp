#include "ModelListModel.h"

#include <QLocale>

namespace Consilium::App {

namespace {

// Sorts unknown prices after every known one.
double priceSortKey(const TokenPrice &price)
{
    return price.perToken ? price.perToken->usd() : std::numeric_limits<double>::max();
}

} // namespace

ModelListModel::ModelListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ModelListModel::setModels(const QList<ModelInfo> &models)
{
    beginResetModel();
    m_models.clear();
    for (const ModelInfo &model : models) {
        if (model.isChatModel())
            m_models.append(model);
    }
    endResetModel();
    Q_EMIT checkedIdsChanged();
}

QStringList ModelListModel::modelIds() const
{
    QStringList ids;
    ids.reserve(m_models.size());
    for (const ModelInfo &model : m_models)
        ids.append(model.id);
    return ids;
}

QStringList ModelListModel::checkedIds() const
{
    const QStringList present = modelIds();
    QStringList ids;
    for (const QString &id : m_checked) {
        if (present.contains(id))
            ids.append(id);
    }
    return ids;
}

void ModelListModel::setCheckedIds(const QStringList &ids)
{
    m_checked = ids.mid(0, kMaxPanelModels);
    if (!m_models.isEmpty())
        Q_EMIT dataChanged(index(0, IdColumn), index(rowCount() - 1, IdColumn), {Qt::CheckStateRole});
    Q_EMIT checkedIdsChanged();
}

int ModelListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_models.size());
}

int ModelListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ModelInfo &model = m_models.at(index.row());

    switch (role) {
    case Qt::DisplayRole:
        return displayData(model, index.column());
    case Qt::ToolTipRole:
        return model.displayName();
    case Qt::CheckStateRole:
        if (index.column() == IdColumn)
            return m_checked.contains(model.id) ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn || index.column() == NameColumn)
            return {};
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case SearchTextRole:
        return QString(model.id + u' ' + model.name);
    case SortRole:
        return sortData(model, index.column());
    case ModelIdRole:
        return model.id;
    default:
        return {};
    }
}

QVariant ModelListModel::displayData(const ModelInfo &model, int column) const
{
    switch (column) {
    case IdColumn: return model.id;
    case NameColumn: return model.name;
    case InputPriceColumn: return model.promptPrice.perMillionText();
    case OutputPriceColumn: return model.completionPrice.perMillionText();
    case ContextColumn:
        return model.contextLength > 0 ? QLocale().toString(model.contextLength) : tr("unknown");
    default: return {};
    }
}

QVariant ModelListModel::sortData(const ModelInfo &model, int column) const
{
    switch (column) {
    case InputPriceColumn: return priceSortKey(model.promptPrice);
    case OutputPriceColumn: return priceSortKey(model.completionPrice);
    case ContextColumn: return model.contextLength;
    default: return displayData(model, column);
    }
}

bool ModelListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || index.column() != IdColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    return setChecked(index.row(), value.toInt() == Qt::Checked);
}

bool ModelListModel::setChecked(int row, bool checked)
{
    const QString &id = m_models.at(row).id;
    if (checked == m_checked.contains(id))
        return true;
    if (checked && checkedIds().size() >= kMaxPanelModels)
        return false;

    if (checked)
        m_checked.append(id);
    else
        m_checked.removeAll(id);
    const QModelIndex changed = index(row, IdColumn);
    Q_EMIT dataChanged(changed, changed, {Qt::CheckStateRole});
    Q_EMIT checkedIdsChanged();
    return true;
}

Qt::ItemFlags ModelListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags result = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == IdColumn)
        result |= Qt::ItemIsUserCheckable;
    return result;
}

QVariant ModelListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn: return tr("Model");
    case NameColumn: return tr("Name");
    case InputPriceColumn: return tr("Input $/M");
    case OutputPriceColumn: return tr("Output $/M");
    case ContextColumn: return tr("Context");
    default: return {};
    }
}

} // namespace Consilium::App
