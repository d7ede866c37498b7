#include "SpendTableModel.h"

namespace Consilium::App {

SpendTableModel::SpendTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void SpendTableModel::setRows(const QList<SpendRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int SpendTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SpendTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SpendTableModel::displayValue(const SpendRow &row, int column) const
{
    switch (column) {
    case PeriodColumn: return row.period;
    case ModelColumn: return row.model;
    case ProviderColumn: return row.provider.isEmpty() ? tr("default") : row.provider;
    case CostColumn: return row.cost.toDisplayString();
    case PricedColumn: return row.pricedCallCount;
    case UnknownColumn: return row.unknownCostCount;
    }
    return {};
}

QVariant SpendTableModel::sortValue(const SpendRow &row, int column) const
{
    if (column == CostColumn)
        return QVariant::fromValue<qlonglong>(row.cost.picoUsd());
    return displayValue(row, column);
}

QVariant SpendTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SpendRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayValue(row, index.column());
    case kSortRole: return sortValue(row, index.column());
    case Qt::ToolTipRole:
        return index.column() == CostColumn ? QVariant(QStringLiteral("$") + row.cost.toDecimalString()) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() >= CostColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    }
    return {};
}

QVariant SpendTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PeriodColumn: return tr("Period");
    case ModelColumn: return tr("Model");
    case ProviderColumn: return tr("Provider");
    case CostColumn: return tr("Cost");
    case PricedColumn: return tr("Priced calls");
    case UnknownColumn: return tr("Unknown-cost calls");
    }
    return {};
}

} // namespace Consilium::App
