#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QToolButton;

namespace Consilium {
class ConversationStore;
}

namespace Consilium::App {

// The saved conversations: a search box over all of them, the list, and
// New, Rename and Delete. A deleted conversation can be restored from the
// strip that appears below the list until the next deletion.
class ConversationSidebar : public QWidget
{
    Q_OBJECT

public:
    explicit ConversationSidebar(QWidget *parent = nullptr);

    // The store must stay open while the sidebar uses it; nullptr disables
    // the sidebar (the database could not be opened).
    void setStore(ConversationStore *store);
    // Reads the list again, keeping the selection.
    void reload();
    void selectConversation(qint64 conversationId);
    qint64 currentConversationId() const;

    void focusSearch();
    // Shows hits for `query`; an empty query shows the conversations again.
    void search(const QString &query);
    bool renameConversation(qint64 conversationId, const QString &title);
    bool deleteConversation(qint64 conversationId);
    bool undoDelete();

    QLineEdit *searchBox() const { return m_search; }
    QListWidget *list() const { return m_list; }
    QToolButton *undoButton() const { return m_undoButton; }

Q_SIGNALS:
    void conversationActivated(qint64 conversationId);
    void hitActivated(qint64 conversationId, qint64 turnId);
    void newChatRequested();
    void conversationDeleted(qint64 conversationId);
    void problem(const QString &message);

private:
    void onItemActivated(QListWidgetItem *item);
    void onItemChanged(QListWidgetItem *item);
    void renameCurrent();
    void deleteCurrent();
    void updateButtons();

    ConversationStore *m_store = nullptr;
    QLineEdit *m_search;
    QToolButton *m_newButton;
    QToolButton *m_renameButton;
    QToolButton *m_deleteButton;
    QListWidget *m_list;
    QWidget *m_undoStrip;
    QLabel *m_undoLabel;
    QToolButton *m_undoButton;
    QTimer m_searchTimer;
    qint64 m_deletedId = 0;
    bool m_showingHits = false;
    bool m_filling = false;
};

} // namespace Consilium::App
