#pragma once

#include "provider/Endpoint.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QPlainTextEdit;
class QSplitter;
class QToolButton;

namespace Consilium {
class ChatClient;
class ModelCatalogue;
class TurnRunner;
}

namespace Consilium::App {

class ErrorBanner;
class ModelPickerWidget;
class SettingsDialog;
class TurnView;

// The window: model picker on the left, the turn on the right, the prompt
// at the bottom. It wires widgets to the core, and turns run in TurnRunner.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Uses the endpoint for the next calls and fetches its model list. The
    // settings dialog applies its result through here too.
    void setEndpoint(const Endpoint &endpoint);
    const Endpoint &endpoint() const { return m_endpoint; }

    // Sends the prompt in the editor to the picked panel. Does nothing
    // while a turn runs or when sendBlockedReason() is not empty.
    void send();
    // Stops the running turn: every call is aborted at once.
    void stop();
    bool isTurnRunning() const;
    // Returns why Send is disabled, or an empty string when it is enabled.
    QString sendBlockedReason() const;

    ModelPickerWidget *picker() const { return m_picker; }
    TurnView *turnView() const { return m_turnView; }
    ErrorBanner *banner() const { return m_banner; }
    SettingsDialog *settingsDialog() const { return m_settingsDialog; }
    QAction *sendAction() const { return m_sendAction; }
    QAction *stopAction() const { return m_stopAction; }
    QAction *settingsAction() const { return m_settingsAction; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    QWidget *createPromptBar();
    void restoreLayout();
    void openSettings();
    void applySettings();
    void onCatalogueUpdated();
    void onCatalogueFailed(const QString &message);
    void onTurnFinished();
    void updateActions();
    void updateCostStatus();

    Endpoint m_endpoint;
    ChatClient *m_client;
    ModelCatalogue *m_catalogue;
    QPointer<TurnRunner> m_runner;

    ModelPickerWidget *m_picker;
    TurnView *m_turnView;
    ErrorBanner *m_banner;
    SettingsDialog *m_settingsDialog;
    QSplitter *m_mainSplitter;
    QPlainTextEdit *m_prompt;
    QToolButton *m_sendButton;
    QToolButton *m_stopButton;
    QLabel *m_costLabel;

    QAction *m_quitAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_sendAction = nullptr;
    QAction *m_stopAction = nullptr;
};

} // namespace Consilium::App
