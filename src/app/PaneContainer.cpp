#include "PaneContainer.h"

#include "ModelPane.h"

#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

namespace Consilium::App {

namespace {

// Minimum width of a column before the row scrolls sideways. Narrower
// panes wrap tables and code blocks into unreadable columns.
constexpr int kPaneMinimumWidth = 240;

} // namespace

QString paneLayoutName(PaneLayout layout)
{
    switch (layout) {
    case PaneLayout::Columns: return QStringLiteral("columns");
    case PaneLayout::Tabs: return QStringLiteral("tabs");
    case PaneLayout::Grid: return QStringLiteral("grid");
    }
    return QStringLiteral("columns");
}

PaneLayout paneLayoutFromName(const QString &name)
{
    if (name == QStringLiteral("tabs"))
        return PaneLayout::Tabs;
    if (name == QStringLiteral("grid"))
        return PaneLayout::Grid;
    return PaneLayout::Columns;
}

PaneContainer::PaneContainer(PaneLayout layout, QWidget *parent)
    : QWidget(parent)
    , m_layout(layout)
    , m_box(new QVBoxLayout(this))
    , m_placeholder(new QLabel(tr("Each panel model's answer appears here in its own pane.")))
{
    setObjectName(QStringLiteral("paneContainer"));
    m_box->setContentsMargins(0, 0, 0, 0);
    auto *placeholder = static_cast<QLabel *>(m_placeholder);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_box->addWidget(m_placeholder);
    rebuild();
}

void PaneContainer::setPaneLayout(PaneLayout layout)
{
    if (layout == m_layout)
        return;
    m_layout = layout;
    rebuild();
}

void PaneContainer::addPane(ModelPane *pane)
{
    m_panes.append(pane);
    pane->setMinimumWidth(kPaneMinimumWidth);
    if (m_layout == PaneLayout::Columns) {
        auto *scroll = static_cast<QScrollArea *>(m_arrangement);
        static_cast<QSplitter *>(scroll->widget())->addWidget(pane);
    } else if (m_layout == PaneLayout::Tabs) {
        static_cast<QTabWidget *>(m_arrangement)->addTab(pane, pane->title());
    } else {
        rebuild(); // the grid's shape depends on the pane count
    }
    m_placeholder->hide();
    m_arrangement->show();
}

void PaneContainer::clear()
{
    qDeleteAll(m_panes);
    m_panes.clear();
    rebuild();
}

void PaneContainer::setPlaceholderText(const QString &text)
{
    static_cast<QLabel *>(m_placeholder)->setText(text);
}

void PaneContainer::rebuild()
{
    // Panes leave the old arrangement before it is deleted with its splitters.
    for (ModelPane *pane : std::as_const(m_panes))
        pane->setParent(this);
    delete m_arrangement;
    switch (m_layout) {
    case PaneLayout::Columns: m_arrangement = buildColumns(); break;
    case PaneLayout::Tabs: m_arrangement = buildTabs(); break;
    case PaneLayout::Grid: m_arrangement = buildGrid(); break;
    }
    m_arrangement->setObjectName(QStringLiteral("paneArrangement"));
    m_box->addWidget(m_arrangement, 1);
    m_placeholder->setVisible(m_panes.isEmpty());
    m_arrangement->setVisible(!m_panes.isEmpty());
    // Tab pages are shown by their QTabWidget, one at a time.
    if (m_layout != PaneLayout::Tabs) {
        for (ModelPane *pane : std::as_const(m_panes))
            pane->show();
    }
}

QWidget *PaneContainer::buildColumns()
{
    auto *row = new QSplitter(Qt::Horizontal);
    row->setObjectName(QStringLiteral("paneRow"));
    row->setChildrenCollapsible(false);
    for (ModelPane *pane : std::as_const(m_panes))
        row->addWidget(pane);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(row);
    scroll->setAccessibleName(tr("Panel answers in columns"));
    return scroll;
}

QWidget *PaneContainer::buildTabs()
{
    auto *tabs = new QTabWidget;
    tabs->setDocumentMode(true);
    tabs->setAccessibleName(tr("Panel answers in tabs"));
    for (ModelPane *pane : std::as_const(m_panes))
        tabs->addTab(pane, pane->title());
    return tabs;
}

QWidget *PaneContainer::buildGrid()
{
    // As square as the count allows: 4 panes in 2 × 2, 5 or 6 in 3 × 2.
    const int count = int(m_panes.size());
    const int columns = qMax(1, int(std::ceil(std::sqrt(double(count)))));
    auto *rows = new QSplitter(Qt::Vertical);
    rows->setChildrenCollapsible(false);
    rows->setAccessibleName(tr("Panel answers in a grid"));
    QSplitter *row = nullptr;
    for (int i = 0; i < count; ++i) {
        if (i % columns == 0) {
            row = new QSplitter(Qt::Horizontal);
            row->setChildrenCollapsible(false);
            rows->addWidget(row);
        }
        row->addWidget(m_panes.at(i));
    }
    return rows;
}

void PaneContainer::revealPane(ModelPane *pane)
{
    if (auto *tabs = qobject_cast<QTabWidget *>(m_arrangement)) {
        tabs->setCurrentWidget(pane);
    } else if (auto *scroll = qobject_cast<QScrollArea *>(m_arrangement)) {
        scroll->ensureWidgetVisible(pane, 0, 0);
    }
    pane->setCollapsed(false);
    pane->setFocus(Qt::OtherFocusReason);
}

} // namespace Consilium::App
