#pragma once

#include "provider/ModelInfo.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStringListModel;
class QTableView;
class QToolButton;

namespace Consilium::App {

class ModelListModel;

// Picks the panel (check boxes in a filtered table of the catalogue) and
// the writer (an editable combo box that completes model ids).
class ModelPickerWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ModelPickerWidget(QWidget *parent = nullptr);

    void setModels(const QList<ModelInfo> &models);
    // Shows a line such as "Loading the model list…" above the table.
    void setStatusText(const QString &text);
    // Shows a Cancel button beside the status while the list loads.
    void setLoading(bool loading);

    QStringList panelModels() const;
    QString writerModel() const;
    // Stores the current picks in QSettings for the next run.
    void saveChoices() const;

    ModelListModel *listModel() const { return m_model; }
    QTableView *view() const { return m_view; }
    QComboBox *writerBox() const { return m_writer; }

Q_SIGNALS:
    void choicesChanged();
    void cancelLoadingRequested();

private:
    void updateHint();

    ModelListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QStringListModel *m_writerIds;
    QLineEdit *m_filter;
    QLabel *m_status;
    QToolButton *m_cancelLoading;
    QTableView *m_view;
    QComboBox *m_writer;
    QLabel *m_hint;
};

} // namespace Consilium::App
