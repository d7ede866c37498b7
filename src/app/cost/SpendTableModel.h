#pragma once

#include "store/SpendQueries.h"

#include <QAbstractTableModel>

namespace Consilium::App {

// Spend rows for a QTableView. The cost column shows
// Money::toDisplayString() and sorts by the exact pico-dollar amount
// through kSortRole, because display strings sort wrongly as text.
class SpendTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { PeriodColumn, ModelColumn, ProviderColumn, CostColumn, PricedColumn, UnknownColumn, ColumnCount };
    static constexpr int kSortRole = Qt::UserRole + 1;

    explicit SpendTableModel(QObject *parent = nullptr);

    void setRows(const QList<SpendRow> &rows);
    const QList<SpendRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayValue(const SpendRow &row, int column) const;
    QVariant sortValue(const SpendRow &row, int column) const;

    QList<SpendRow> m_rows;
};

} // namespace Consilium::App
