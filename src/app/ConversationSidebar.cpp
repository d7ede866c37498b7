#include "ConversationSidebar.h"

#include "store/ConversationStore.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Consilium::App {

namespace {

enum ItemRole { ConversationIdRole = Qt::UserRole + 1, TurnIdRole };

// Searching runs on each pause in typing, not on each key.
constexpr int kSearchDelayMs = 200;

QToolButton *makeButton(const QString &text, const QString &accessibleName, const QString &objectName)
{
    auto *button = new QToolButton;
    button->setText(text);
    button->setAccessibleName(accessibleName);
    button->setToolTip(accessibleName);
    button->setObjectName(objectName);
    return button;
}

} // namespace

ConversationSidebar::ConversationSidebar(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit)
    , m_newButton(makeButton(tr("New"), tr("New chat"), QStringLiteral("newChatButton")))
    , m_renameButton(makeButton(tr("Rename"), tr("Rename the selected chat"), QStringLiteral("renameChatButton")))
    , m_deleteButton(makeButton(tr("Delete"), tr("Delete the selected chat"), QStringLiteral("deleteChatButton")))
    , m_list(new QListWidget)
    , m_undoStrip(new QWidget)
    , m_undoLabel(new QLabel)
    , m_undoButton(makeButton(tr("Undo"), tr("Restore the deleted chat"), QStringLiteral("undoDeleteButton")))
{
    setObjectName(QStringLiteral("conversationSidebar"));
    m_search->setObjectName(QStringLiteral("chatSearch"));
    m_search->setAccessibleName(tr("Search all chats"));
    m_search->setPlaceholderText(tr("Search chats"));
    m_search->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("conversationList"));
    m_list->setAccessibleName(tr("Chats"));
    m_list->setWordWrap(true);
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_undoLabel->setWordWrap(true);
    m_undoLabel->setAccessibleName(tr("Deleted chat"));

    auto *undoRow = new QHBoxLayout(m_undoStrip);
    undoRow->setContentsMargins(0, 0, 0, 0);
    undoRow->addWidget(m_undoLabel, 1);
    undoRow->addWidget(m_undoButton);
    m_undoStrip->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_newButton);
    buttons->addWidget(m_renameButton);
    buttons->addWidget(m_deleteButton);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addLayout(buttons);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_undoStrip);

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(kSearchDelayMs);
    connect(&m_searchTimer, &QTimer::timeout, this, [this] { search(m_search->text()); });
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchTimer.start(); });
    connect(m_newButton, &QToolButton::clicked, this, &ConversationSidebar::newChatRequested);
    connect(m_renameButton, &QToolButton::clicked, this, &ConversationSidebar::renameCurrent);
    connect(m_deleteButton, &QToolButton::clicked, this, &ConversationSidebar::deleteCurrent);
    connect(m_undoButton, &QToolButton::clicked, this, &ConversationSidebar::undoDelete);
    connect(m_list, &QListWidget::itemActivated, this, &ConversationSidebar::onItemActivated);
    connect(m_list, &QListWidget::itemClicked, this, &ConversationSidebar::onItemActivated);
    connect(m_list, &QListWidget::itemChanged, this, &ConversationSidebar::onItemChanged);
    connect(m_list, &QListWidget::currentItemChanged, this, &ConversationSidebar::updateButtons);
    updateButtons();
}

void ConversationSidebar::setStore(ConversationStore *store)
{
    m_store = store;
    setEnabled(store != nullptr);
    reload();
}

void ConversationSidebar::reload()
{
    if (m_showingHits) {
        search(m_search->text());
        return;
    }
    const qint64 selected = currentConversationId();
    m_filling = true;
    m_list->clear();
    if (m_store) {
        const Result<QList<ConversationSummary>> listed = m_store->listConversations();
        if (!listed)
            Q_EMIT problem(tr("Could not list the chats: %1").arg(listed.error()));
        for (const ConversationSummary &summary : listed ? listed.value() : QList<ConversationSummary>()) {
            auto *item = new QListWidgetItem(summary.title.isEmpty() ? tr("Untitled chat") : summary.title);
            item->setData(ConversationIdRole, summary.id);
            item->setToolTip(tr("%n turn(s)", nullptr, summary.turnCount));
            item->setFlags(item->flags() | Qt::ItemIsEditable);
            m_list->addItem(item);
        }
    }
    m_filling = false;
    selectConversation(selected);
    updateButtons();
}

void ConversationSidebar::selectConversation(qint64 conversationId)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(ConversationIdRole).toLongLong() == conversationId) {
            m_list->setCurrentRow(row);
            return;
        }
    }
}

qint64 ConversationSidebar::currentConversationId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(ConversationIdRole).toLongLong() : 0;
}

void ConversationSidebar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ConversationSidebar::search(const QString &query)
{
    m_searchTimer.stop();
    m_showingHits = !query.trimmed().isEmpty();
    if (!m_showingHits || !m_store) {
        m_showingHits = false;
        reload();
        return;
    }
    const Result<QList<SearchHit>> hits = m_store->search(query.trimmed());
    m_filling = true;
    m_list->clear();
    if (!hits)
        Q_EMIT problem(tr("Search failed: %1").arg(hits.error()));
    for (const SearchHit &hit : hits ? hits.value() : QList<SearchHit>()) {
        QString snippet = hit.snippet;
        snippet.remove(SearchHit::kHighlightStart).remove(SearchHit::kHighlightEnd);
        auto *item = new QListWidgetItem(hit.conversationTitle + u'\n' + snippet.simplified());
        item->setData(ConversationIdRole, hit.conversationId);
        item->setData(TurnIdRole, hit.turnId);
        m_list->addItem(item);
    }
    m_filling = false;
    updateButtons();
}

void ConversationSidebar::onItemActivated(QListWidgetItem *item)
{
    if (!item)
        return;
    const qint64 conversationId = item->data(ConversationIdRole).toLongLong();
    if (m_showingHits)
        Q_EMIT hitActivated(conversationId, item->data(TurnIdRole).toLongLong());
    else
        Q_EMIT conversationActivated(conversationId);
}

void ConversationSidebar::onItemChanged(QListWidgetItem *item)
{
    if (m_filling || m_showingHits)
        return;
    renameConversation(item->data(ConversationIdRole).toLongLong(), item->text());
}

bool ConversationSidebar::renameConversation(qint64 conversationId, const QString &title)
{
    if (!m_store || title.trimmed().isEmpty())
        return false;
    const StoreStatus status = m_store->renameConversation(conversationId, title.trimmed());
    if (!status)
        Q_EMIT problem(tr("Could not rename the chat: %1").arg(status.error()));
    reload();
    return bool(status);
}

void ConversationSidebar::renameCurrent()
{
    if (QListWidgetItem *item = m_list->currentItem())
        m_list->editItem(item);
}

void ConversationSidebar::deleteCurrent()
{
    deleteConversation(currentConversationId());
}

bool ConversationSidebar::deleteConversation(qint64 conversationId)
{
    if (!m_store || conversationId == 0)
        return false;
    QString title;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(ConversationIdRole).toLongLong() == conversationId)
            title = m_list->item(row)->text().section(u'\n', 0, 0);
    }
    const StoreStatus status = m_store->deleteConversation(conversationId);
    if (!status) {
        Q_EMIT problem(tr("Could not delete the chat: %1").arg(status.error()));
        return false;
    }
    m_deletedId = conversationId;
    m_undoLabel->setText(tr("Deleted “%1”.").arg(title));
    m_undoStrip->show();
    reload();
    Q_EMIT conversationDeleted(conversationId);
    return true;
}

bool ConversationSidebar::undoDelete()
{
    if (!m_store || m_deletedId == 0)
        return false;
    const StoreStatus status = m_store->restoreConversation(m_deletedId);
    if (!status) {
        Q_EMIT problem(tr("Could not restore the chat: %1").arg(status.error()));
        return false;
    }
    const qint64 restored = std::exchange(m_deletedId, 0);
    m_undoStrip->hide();
    reload();
    selectConversation(restored);
    Q_EMIT conversationActivated(restored);
    return true;
}

void ConversationSidebar::updateButtons()
{
    const bool hasConversation = !m_showingHits && m_list->currentItem() != nullptr;
    m_renameButton->setEnabled(hasConversation);
    m_deleteButton->setEnabled(hasConversation);
}

} // namespace Consilium::App
