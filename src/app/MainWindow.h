#pragma once

#include "PaneContainer.h"

#include "common/Money.h"
#include "common/Result.h"
#include "fusion/Ensemble.h"
#include "fusion/FusionSettings.h"
#include "provider/ChatRequest.h"
#include "provider/Endpoint.h"

#include <QJsonObject>
#include <QMainWindow>

#include <memory>
#include <optional>

class QAction;
class QActionGroup;
class QLabel;
class QSplitter;
class QTabWidget;

namespace Consilium {
class ConversationStore;
class KeyStore;
class PresetStore;
class ProviderRegistry;
class TurnRecorder;
class TurnRunner;
}

namespace Consilium::App {

class CostControls;

class ChatView;
class ConversationSidebar;
class EnsembleEditorDialog;
class ErrorBanner;
class ModelPickerWidget;
class PromptBar;
class SettingsDialog;
class TurnLauncher;
class TurnView;

// The window: chats and the model list on the left, the conversation in
// the middle, the prompt at the bottom. It wires widgets to the core;
// turns run in TurnRunner, history lives in ConversationStore.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Uses the endpoint for its provider and fetches its model list. The
    // default provider's endpoint feeds the model list.
    void setEndpoint(const Endpoint &endpoint);
    const Endpoint &endpoint() const { return m_endpoint; }
    // Looks up keys saved in the keychain for every provider.
    void loadSavedKeys();
    // Adds the local servers among `candidates` that respond, silently.
    void probeLocalServers(const QList<Endpoint> &candidates);

    // Sends the prompt to the chosen ensemble. Does nothing while a turn
    // runs or when sendBlockedReason() is not empty.
    void send();
    // Stops the running turn: every call is aborted at once.
    void stop();
    bool isTurnRunning() const;
    // Returns why Send is disabled, or an empty string when it is enabled.
    QString sendBlockedReason() const;

    void newChat();
    void openConversation(qint64 conversationId);
    // Opens the conversation of a search hit and scrolls to its turn.
    void openSearchHit(qint64 conversationId, qint64 turnId);
    qint64 conversationId() const { return m_conversationId; }
    void setPaneLayout(PaneLayout layout);
    PaneLayout paneLayout() const;
    // Re-reads the presets, e.g. after the ensemble editor saved one.
    void reloadPresets();

    ModelPickerWidget *picker() const { return m_picker; }
    ChatView *chatView() const { return m_chat; }
    // Returns the newest turn, or nullptr before the first one.
    TurnView *turnView() const;
    ConversationSidebar *sidebar() const { return m_sidebar; }
    PromptBar *promptBar() const { return m_promptBar; }
    ErrorBanner *banner() const { return m_banner; }
    SettingsDialog *settingsDialog() const { return m_settingsDialog; }
    EnsembleEditorDialog *ensembleEditor() const { return m_ensembleEditor; }
    ProviderRegistry *registry() const { return m_registry; }
    KeyStore *keyStore() const { return m_keys; }
    ConversationStore *store() const { return m_store.get(); }
    TurnLauncher *launcher() const { return m_launcher; }
    QAction *sendAction() const { return m_sendAction; }
    QAction *incognitoAction() const { return m_incognitoAction; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *importAction() const { return m_importAction; }
    QAction *stopAction() const { return m_stopAction; }
    QAction *settingsAction() const { return m_settingsAction; }
    QAction *newChatAction() const { return m_newChatAction; }
    QAction *findAction() const { return m_findAction; }
    QAction *switchPresetAction() const { return m_switchPresetAction; }
    QAction *editEnsemblesAction() const { return m_editEnsemblesAction; }
    QAction *layoutAction(PaneLayout layout) const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    // What the next Send would run: the picked models or the chosen preset,
    // with the preset's strategy settings and budget.
    struct NextTurn
    {
        Ensemble ensemble;
        FusionSettings settings;
        QJsonObject snapshot;
        std::optional<Money> budget;
        QString presetName;
        CallTimeouts timeouts;
    };
    Result<NextTurn> nextTurn() const;
    void refreshEstimate();
    void importConversation();
    void setIncognito(bool incognito);
    void reportInterruptedTurns();

    void createActions();
    void createMenus();
    QWidget *createSidebar();
    void openStore();
    void restoreLayout();
    void openSettings();
    void applySettings();
    void connectCatalogue(const QString &providerId);
    void onCatalogueUpdated(const QString &providerId);
    void onCatalogueFailed(const QString &providerId, const QString &message);
    void onKeyLoaded(const QString &providerId, const QString &key);
    void onTurnStarted(TurnRunner *runner, TurnView *view);
    void onTurnFinished(TurnRunner *runner, TurnView *view);
    void onPresetChanged(const QString &name);
    void exportConversation();
    void updateActions();
    void updateCostStatus();
    bool ensureConversation(const QString &prompt);

    Endpoint m_endpoint;
    ProviderRegistry *m_registry;
    KeyStore *m_keys;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<PresetStore> m_presets;
    TurnRecorder *m_recorder = nullptr;
    QStringList m_connectedCatalogues;
    qint64 m_conversationId = 0;
    QList<TurnView *> m_unstoredViews; // recorded turns waiting for their row id

    ModelPickerWidget *m_picker;
    ConversationSidebar *m_sidebar;
    ChatView *m_chat;
    TurnLauncher *m_launcher;
    ErrorBanner *m_banner;
    PromptBar *m_promptBar = nullptr;
    CostControls *m_costs = nullptr;
    QAction *m_incognitoAction = nullptr;
    SettingsDialog *m_settingsDialog;
    EnsembleEditorDialog *m_ensembleEditor;
    QTabWidget *m_sideTabs;
    QSplitter *m_mainSplitter;
    QLabel *m_costLabel;

    QAction *m_quitAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_sendAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_newChatAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_switchPresetAction = nullptr;
    QAction *m_editEnsemblesAction = nullptr;
    QAction *m_refreshModelsAction = nullptr;
    QActionGroup *m_layoutGroup = nullptr;
};

} // namespace Consilium::App
