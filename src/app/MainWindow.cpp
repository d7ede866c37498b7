#include "MainWindow.h"

#include "AppLogging.h"
#include "AppSettings.h"
#include "ErrorBanner.h"
#include "ModelPickerWidget.h"
#include "PaneText.h"
#include "SettingsDialog.h"
#include "TurnView.h"

#include "fusion/PanelWriterStrategy.h"
#include "fusion/TurnRunner.h"
#include "provider/ChatClient.h"
#include "provider/ModelCatalogue.h"

#include <QAction>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace Consilium::App {

namespace {

const QString kMainSplitterName = QStringLiteral("main");
const QString kTurnSplitterName = QStringLiteral("turn");

// Shortcut text for tooltips, in the platform's notation.
QString shortcutText(const QAction *action)
{
    return action->shortcut().toString(QKeySequence::NativeText);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_client(new ChatClient(this))
    , m_catalogue(new ModelCatalogue(this))
    , m_picker(new ModelPickerWidget)
    , m_turnView(new TurnView)
    , m_banner(new ErrorBanner)
    , m_settingsDialog(new SettingsDialog(this))
    , m_mainSplitter(new QSplitter(Qt::Horizontal))
    , m_prompt(new QPlainTextEdit)
    , m_sendButton(new QToolButton)
    , m_stopButton(new QToolButton)
    , m_costLabel(new QLabel)
{
    setWindowTitle(tr("Consilium"));
    createActions();
    createMenus();

    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->setChildrenCollapsible(false);
    m_mainSplitter->addWidget(m_picker);
    m_mainSplitter->addWidget(m_turnView);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setSizes({470, 1090});

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_banner);
    layout->addWidget(m_mainSplitter, 1);
    layout->addWidget(createPromptBar());
    setCentralWidget(central);

    m_costLabel->setObjectName(QStringLiteral("costLabel"));
    m_costLabel->setAccessibleName(tr("Turn cost"));
    statusBar()->addPermanentWidget(m_costLabel);

    connect(m_catalogue, &ModelCatalogue::updated, this, &MainWindow::onCatalogueUpdated);
    connect(m_catalogue, &ModelCatalogue::failed, this, &MainWindow::onCatalogueFailed);
    connect(m_picker, &ModelPickerWidget::choicesChanged, this, &MainWindow::updateActions);
    connect(m_prompt, &QPlainTextEdit::textChanged, this, &MainWindow::updateActions);
    connect(m_settingsDialog, &SettingsDialog::accepted, this, &MainWindow::applySettings);

    resize(1400, 900);
    restoreLayout();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &MainWindow::close);

    m_settingsAction = new QAction(tr("&Settings…"), this);
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);

    // Qt calls the keypad key Enter and the main key Return. Both send, and
    // Ctrl+Enter comes first so that the menu shows the name users look for.
    m_sendAction = new QAction(tr("Se&nd"), this);
    m_sendAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Enter), QKeySequence(Qt::CTRL | Qt::Key_Return)});
    connect(m_sendAction, &QAction::triggered, this, &MainWindow::send);

    m_stopAction = new QAction(tr("S&top"), this);
    m_stopAction->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stop);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_quitAction);
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(m_settingsAction);
    QMenu *turn = menuBar()->addMenu(tr("T&urn"));
    turn->addAction(m_sendAction);
    turn->addAction(m_stopAction);
}

QWidget *MainWindow::createPromptBar()
{
    m_prompt->setObjectName(QStringLiteral("promptEditor"));
    m_prompt->setAccessibleName(tr("Prompt"));
    m_prompt->setPlaceholderText(tr("Ask the panel… (%1 sends)").arg(shortcutText(m_sendAction)));
    m_prompt->setTabChangesFocus(true);
    m_prompt->setFixedHeight(m_prompt->fontMetrics().lineSpacing() * 5 + 12);

    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setDefaultAction(m_sendAction);
    m_sendButton->setAccessibleName(tr("Send prompt"));
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setDefaultAction(m_stopAction);
    m_stopButton->setAccessibleName(tr("Stop turn"));
    m_stopAction->setToolTip(tr("Stop every call of the running turn (%1)").arg(shortcutText(m_stopAction)));
    for (QToolButton *button : {m_sendButton, m_stopButton}) {
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
        button->setMinimumWidth(96);
    }

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_sendButton);
    buttons->addWidget(m_stopButton);

    auto *bar = new QWidget;
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_prompt, 1);
    layout->addLayout(buttons);
    return bar;
}

void MainWindow::restoreLayout()
{
    restoreGeometry(AppSettings::windowGeometry());
    restoreState(AppSettings::windowState());
    m_mainSplitter->restoreState(AppSettings::splitterState(kMainSplitterName));
    m_turnView->splitter()->restoreState(AppSettings::splitterState(kTurnSplitterName));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (isTurnRunning())
        m_runner->cancel();
    AppSettings::saveWindow(saveGeometry(), saveState());
    AppSettings::saveSplitter(kMainSplitterName, m_mainSplitter->saveState());
    AppSettings::saveSplitter(kTurnSplitterName, m_turnView->splitter()->saveState());
    m_picker->saveChoices();
    event->accept();
}

void MainWindow::setEndpoint(const Endpoint &endpoint)
{
    m_endpoint = endpoint;
    m_client->setEndpoint(endpoint);
    qCInfo(lcApp) << "endpoint set to" << endpoint.baseUrl.toDisplayString()
                  << (endpoint.apiKey.isEmpty() ? "without an API key" : "with an API key");

    m_banner->clear();
    const bool isOpenRouter = endpoint.baseUrl.host() == Endpoint::defaultBaseUrl().host();
    if (endpoint.apiKey.isEmpty() && isOpenRouter) {
        m_banner->showMessage(tr("No API key: open Settings (%1) to enter one.").arg(shortcutText(m_settingsAction)),
                              ErrorBanner::Severity::Warning);
    }
    m_picker->setStatusText(tr("Loading the model list from %1…").arg(endpoint.baseUrl.host()));
    m_catalogue->refresh(endpoint);
}

void MainWindow::openSettings()
{
    m_settingsDialog->load(m_endpoint);
    m_settingsDialog->open();
}

void MainWindow::applySettings()
{
    const Endpoint endpoint = m_settingsDialog->endpoint();
    AppSettings::saveBaseUrl(endpoint.baseUrl);
    setEndpoint(endpoint);
}

void MainWindow::onCatalogueUpdated()
{
    m_picker->setModels(m_catalogue->models());
    statusBar()->showMessage(tr("Fetched %1 models from %2.")
                                 .arg(m_catalogue->models().size())
                                 .arg(m_endpoint.baseUrl.host()),
                             5000);
}

void MainWindow::onCatalogueFailed(const QString &message)
{
    qCWarning(lcApp) << "model list failed:" << message;
    m_picker->setStatusText(tr("No model list. Model ids can still be typed as the writer."));
    m_banner->showMessage(message + u' ' + tr("Open Settings (%1) to change the base URL or key.")
                                               .arg(shortcutText(m_settingsAction)),
                          ErrorBanner::Severity::Error);
}

bool MainWindow::isTurnRunning() const
{
    return m_runner && m_runner->isRunning();
}

QString MainWindow::sendBlockedReason() const
{
    if (isTurnRunning())
        return tr("A turn is running; press %1 to stop it.").arg(shortcutText(m_stopAction));
    if (m_picker->panelModels().isEmpty())
        return tr("Check at least one panel model in the list (three or more work best).");
    if (m_picker->writerModel().isEmpty())
        return tr("Pick a writer model below the list.");
    if (m_prompt->toPlainText().trimmed().isEmpty())
        return tr("Type a prompt first.");
    return QString();
}

void MainWindow::send()
{
    if (!sendBlockedReason().isEmpty())
        return;
    const Ensemble ensemble = Ensemble::fromModelIds(m_picker->panelModels(), m_picker->writerModel());
    const QStringList problems = ensemble.validate();
    if (!problems.isEmpty()) {
        m_banner->showMessage(problems.join(u' '), ErrorBanner::Severity::Error);
        return;
    }
    m_picker->saveChoices();
    m_banner->clear();

    if (m_runner)
        m_runner->deleteLater();
    m_runner = new TurnRunner(m_client, m_catalogue, ensemble, std::make_unique<PanelWriterStrategy>(), this);
    m_turnView->watch(m_runner);
    connect(m_runner, &TurnRunner::callFinished, this, &MainWindow::updateCostStatus);
    connect(m_runner, &TurnRunner::finished, this, &MainWindow::onTurnFinished);

    qCInfo(lcApp) << "sending to" << ensemble.panel.size() << "panel models, writer" << ensemble.writer.model;
    m_runner->start(m_prompt->toPlainText().trimmed());
    updateCostStatus();
    updateActions();
}

void MainWindow::stop()
{
    if (isTurnRunning())
        m_runner->cancel();
}

void MainWindow::onTurnFinished()
{
    const Turn &turn = m_runner->turn();
    if (turn.failure == TurnFailure::Cancelled) {
        statusBar()->showMessage(tr("Turn stopped."), 5000);
    } else if (turn.failure) {
        m_banner->showMessage(tr("The turn failed: %1").arg(turn.failureMessage), ErrorBanner::Severity::Error);
    } else if (turn.degraded) {
        m_banner->showMessage(tr("Degraded answer: %1").arg(turn.degradedReason), ErrorBanner::Severity::Warning);
    }
    updateCostStatus();
    updateActions();
}

void MainWindow::updateActions()
{
    const QString blocked = sendBlockedReason();
    m_sendAction->setEnabled(blocked.isEmpty());
    m_sendAction->setToolTip(blocked.isEmpty()
                                 ? tr("Send the prompt to the panel (%1)").arg(shortcutText(m_sendAction))
                                 : blocked);
    m_stopAction->setEnabled(isTurnRunning());
}

void MainWindow::updateCostStatus()
{
    if (m_runner)
        m_costLabel->setText(PaneText::turnCostText(m_runner->turn()));
}

} // namespace Consilium::App
