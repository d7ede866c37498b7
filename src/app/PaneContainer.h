#pragma once

#include <QList>
#include <QWidget>

class QScrollArea;
class QSplitter;
class QTabWidget;
class QVBoxLayout;

namespace Consilium::App {

class ModelPane;

// Arrangement of the panel's panes, a View menu choice that is saved.
enum class PaneLayout { Columns, Tabs, Grid };

QString paneLayoutName(PaneLayout layout);
PaneLayout paneLayoutFromName(const QString &name);

// Arranges the panel panes of one turn side by side in resizable columns,
// in tabs, or in a resizable grid. Switching moves the same pane widgets
// into a new arrangement, so their text and state survive.
class PaneContainer : public QWidget
{
    Q_OBJECT

public:
    explicit PaneContainer(PaneLayout layout, QWidget *parent = nullptr);

    void setPaneLayout(PaneLayout layout);
    PaneLayout paneLayout() const { return m_layout; }

    void addPane(ModelPane *pane);
    void clear();
    const QList<ModelPane *> &panes() const { return m_panes; }
    // Brings a pane into view: selects its tab or scrolls to its column.
    void revealPane(ModelPane *pane);
    void setPlaceholderText(const QString &text);

    // The widget that contains the panes now: a QScrollArea of a QSplitter,
    // a QTabWidget or a QSplitter of QSplitters.
    QWidget *arrangement() const { return m_arrangement; }

private:
    void rebuild();
    QWidget *buildColumns();
    QWidget *buildTabs();
    QWidget *buildGrid();

    PaneLayout m_layout;
    QList<ModelPane *> m_panes;
    QVBoxLayout *m_box;
    QWidget *m_arrangement = nullptr;
    QWidget *m_placeholder;
};

} // namespace Consilium::App
