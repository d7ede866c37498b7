#pragma once

#include "provider/ModelInfo.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace Consilium::App {

// The chat models of the catalogue as a table, with a check box in the id
// column that picks panel members. Picks are kept by id, so they survive a
// refresh of the catalogue.
class ModelListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { IdColumn, NameColumn, InputPriceColumn, OutputPriceColumn, ContextColumn, ColumnCount };
    enum Role {
        SearchTextRole = Qt::UserRole + 1, // id and name, for the filter
        SortRole,                          // numbers for the price and context columns
        ModelIdRole,
    };

    // Largest panel the picker accepts.
    static constexpr int kMaxPanelModels = 16;

    explicit ModelListModel(QObject *parent = nullptr);

    // Replaces the list, leaving out models that cannot chat (embeddings).
    void setModels(const QList<ModelInfo> &models);
    const QList<ModelInfo> &models() const { return m_models; }
    QStringList modelIds() const;

    // Returns the picked ids that the current list contains, in pick order.
    QStringList checkedIds() const;
    void setCheckedIds(const QStringList &ids);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void checkedIdsChanged();

private:
    QVariant displayData(const ModelInfo &model, int column) const;
    QVariant sortData(const ModelInfo &model, int column) const;
    bool setChecked(int row, bool checked);

    QList<ModelInfo> m_models;
    QStringList m_checked; // may name models missing from the current list
};

} // namespace Consilium::App
