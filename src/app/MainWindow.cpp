#include "MainWindow.h"

#include "ConversationImport.h"
#include "FileDialogs.h"
#include "CostControls.h"
#include "cost/Budget.h"
#include "cost/CostEstimateLabel.h"

#include "AppLogging.h"
#include "AppSettings.h"
#include "AppTheme.h"
#include "ChatView.h"
#include "ConversationExporter.h"
#include "ConversationSidebar.h"
#include "EnsembleEditorDialog.h"
#include "ErrorBanner.h"
#include "ModelPickerWidget.h"
#include "PaneText.h"
#include "PromptBar.h"
#include "SettingsDialog.h"
#include "TurnLauncher.h"
#include "TurnView.h"

#include "fusion/TurnRunner.h"
#include "provider/ChatClient.h"
#include "provider/KeyStore.h"
#include "provider/LocalServerProbe.h"
#include "provider/ModelCatalogue.h"
#include "provider/ProviderProfile.h"
#include "provider/ProviderRegistry.h"
#include "store/ConversationStore.h"
#include "store/PresetStore.h"
#include "store/TurnRecorder.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Consilium::App {

namespace {

const QString kMainSplitterName = QStringLiteral("main");
constexpr int kStatusMessageMs = 5000;

QString shortcutText(const QAction *action)
{
    return action->shortcut().toString(QKeySequence::NativeText);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_registry(new ProviderRegistry(this))
    // The key store outlives the window: a keychain job still running when
    // a window closes must find its owner alive. The service is named after
    // the organization, so test runs keep their keys apart from the app's.
    , m_keys(new KeyStore(QCoreApplication::organizationName(), QCoreApplication::instance()))
    , m_presets(std::make_unique<PresetStore>())
    , m_picker(new ModelPickerWidget)
    , m_sidebar(new ConversationSidebar)
    , m_chat(new ChatView(paneLayoutFromName(AppSettings::paneLayout())))
    , m_launcher(new TurnLauncher(m_registry, m_chat, this))
    , m_banner(new ErrorBanner)
    , m_settingsDialog(new SettingsDialog(this))
    , m_ensembleEditor(new EnsembleEditorDialog(m_presets.get(), this))
    , m_sideTabs(new QTabWidget)
    , m_mainSplitter(new QSplitter(Qt::Horizontal))
    , m_costLabel(new QLabel)
{
    setWindowTitle(tr("Consilium"));
    createActions();
    createMenus();
    m_promptBar = new PromptBar(m_sendAction, m_stopAction);

    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->setChildrenCollapsible(false);
    m_mainSplitter->addWidget(createSidebar());
    m_mainSplitter->addWidget(m_chat);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setSizes({430, 1130});

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_banner);
    layout->addWidget(m_mainSplitter, 1);
    layout->addWidget(m_promptBar);
    setCentralWidget(central);

    m_costLabel->setObjectName(QStringLiteral("costLabel"));
    m_costLabel->setAccessibleName(tr("Turn cost"));
    statusBar()->addPermanentWidget(m_costLabel);

    m_costs = new CostControls(m_registry, this);
    m_promptBar->addBesideButtons(m_costs->label());
    connect(m_picker, &ModelPickerWidget::choicesChanged, this, &MainWindow::updateActions);
    connect(m_picker, &ModelPickerWidget::cancelLoadingRequested, this, [this] {
        if (ModelCatalogue *catalogue = m_registry->catalogue(m_registry->defaultProvider()))
            catalogue->cancel();
    });
    connect(m_promptBar, &PromptBar::promptChanged, this, &MainWindow::updateActions);
    for (auto signal : {&PromptBar::presetChanged, &PromptBar::strategyChanged})
        connect(m_promptBar, signal, this, &MainWindow::refreshEstimate);
    // Typing changes only the prompt; the ensemble is re-read (a preset file
    // on disk) only when the choices change.
    connect(m_promptBar, &PromptBar::promptChanged, this,
            [this] { m_costs->label()->setPrompt(m_promptBar->prompt()); });
    connect(m_picker, &ModelPickerWidget::choicesChanged, this, &MainWindow::refreshEstimate);
    connect(m_promptBar, &PromptBar::presetChanged, this, &MainWindow::onPresetChanged);
    connect(m_settingsDialog, &SettingsDialog::accepted, this, &MainWindow::applySettings);
    connect(m_keys, &KeyStore::keyLoaded, this,
            [this](const QString &providerId, const QString &key) { onKeyLoaded(providerId, key); });
    connect(m_keys, &KeyStore::keychainMissing, m_settingsDialog, &SettingsDialog::setKeychainMissing);
    connect(m_keys, &KeyStore::failed, this, [this](const QString &, const QString &message) {
        m_banner->showMessage(message, ErrorBanner::Severity::Warning);
    });
    connect(m_launcher, &TurnLauncher::started, this, &MainWindow::onTurnStarted);
    connect(m_launcher, &TurnLauncher::finished, this, &MainWindow::onTurnFinished);
    connect(m_launcher, &TurnLauncher::callFinished, this, &MainWindow::updateCostStatus);
    connect(m_ensembleEditor, &EnsembleEditorDialog::presetsChanged, this, &MainWindow::reloadPresets);

    openStore();
    reloadPresets();
    m_promptBar->setStrategy(AppSettings::strategy());
    resize(1400, 900);
    restoreLayout();
    updateActions();
}

MainWindow::~MainWindow()
{
    // The recorder writes what is pending before the store closes.
    delete m_recorder;
}

QWidget *MainWindow::createSidebar()
{
    m_sideTabs->setObjectName(QStringLiteral("sideTabs"));
    m_sideTabs->addTab(m_sidebar, tr("C&hats"));
    m_sideTabs->addTab(m_picker, tr("&Models"));
    m_sideTabs->setCurrentWidget(m_picker);
    connect(m_sidebar, &ConversationSidebar::newChatRequested, this, &MainWindow::newChat);
    connect(m_sidebar, &ConversationSidebar::conversationActivated, this, &MainWindow::openConversation);
    connect(m_sidebar, &ConversationSidebar::hitActivated, this, &MainWindow::openSearchHit);
    connect(m_sidebar, &ConversationSidebar::conversationDeleted, this, [this](qint64 id) {
        if (id == m_conversationId)
            newChat();
    });
    connect(m_sidebar, &ConversationSidebar::problem, this,
            [this](const QString &message) { m_banner->showMessage(message, ErrorBanner::Severity::Error); });
    return m_sideTabs;
}

void MainWindow::createActions()
{
    const auto make = [this](const QString &text, const QKeySequence &keys, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(keys);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_quitAction = make(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), &MainWindow::close);
    m_quitAction->setMenuRole(QAction::QuitRole);
    m_settingsAction = make(tr("&Settings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), &MainWindow::openSettings);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    // Qt calls the keypad key Enter and the main key Return. Both send, and
    // Ctrl+Enter comes first so that the menu shows the name users look for.
    m_sendAction = make(tr("Se&nd"), QKeySequence(Qt::CTRL | Qt::Key_Enter), &MainWindow::send);
    m_sendAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Enter), QKeySequence(Qt::CTRL | Qt::Key_Return)});
    m_stopAction = make(tr("S&top"), QKeySequence(Qt::Key_Escape), &MainWindow::stop);
    m_stopAction->setToolTip(tr("Stop every call of the running turn (%1)").arg(shortcutText(m_stopAction)));
    m_newChatAction = make(tr("&New Chat"), QKeySequence(Qt::CTRL | Qt::Key_N), &MainWindow::newChat);
    m_incognitoAction = new QAction(tr("&Incognito Chat"), this);
    m_incognitoAction->setObjectName(QStringLiteral("incognitoAction"));
    m_incognitoAction->setCheckable(true);
    m_incognitoAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_incognitoAction->setToolTip(tr("Chats started now are not stored at all"));
    connect(m_incognitoAction, &QAction::toggled, this, &MainWindow::setIncognito);
    m_findAction = make(tr("&Find in Chats"), QKeySequence(Qt::CTRL | Qt::Key_F), [this] {
        m_sideTabs->setCurrentWidget(m_sidebar);
        m_sidebar->focusSearch();
    });
    m_exportAction = make(tr("&Export Chat…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                          &MainWindow::exportConversation);
    m_importAction = make(tr("&Import Chat…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
                          &MainWindow::importConversation);
    m_switchPresetAction = make(tr("S&witch Ensemble…"), QKeySequence(Qt::CTRL | Qt::Key_K),
                                [this] { m_promptBar->showPresetPopup(); });
    m_editEnsemblesAction = make(tr("&Edit Ensembles…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
                                 [this] { m_ensembleEditor->openWith(m_promptBar->presetName()); });
    m_refreshModelsAction = make(tr("&Refresh Model List"), QKeySequence(Qt::Key_F5),
                                 [this] { setEndpoint(m_endpoint); });

    m_layoutGroup = new QActionGroup(this);
    const QList<QPair<PaneLayout, QString>> layouts{{PaneLayout::Columns, tr("&Columns")},
                                                    {PaneLayout::Tabs, tr("&Tabs")},
                                                    {PaneLayout::Grid, tr("&Grid")}};
    int number = 1;
    for (const auto &[layout, text] : layouts) {
        QAction *action = make(text, QKeySequence(Qt::CTRL | Qt::ALT | (Qt::Key_0 + number++)),
                               [this, layout = layout] { setPaneLayout(layout); });
        action->setCheckable(true);
        action->setData(paneLayoutName(layout));
        action->setChecked(layout == paneLayoutFromName(AppSettings::paneLayout()));
        m_layoutGroup->addAction(action);
    }
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newChatAction);
    file->addAction(m_incognitoAction);
    file->addAction(m_exportAction);
    file->addAction(m_importAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_findAction);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *layouts = view->addMenu(tr("Pane &Layout"));
    layouts->addActions(m_layoutGroup->actions());
    QMenu *ensemble = menuBar()->addMenu(tr("E&nsemble"));
    ensemble->addAction(m_switchPresetAction);
    ensemble->addAction(m_editEnsemblesAction);
    QMenu *turn = menuBar()->addMenu(tr("T&urn"));
    turn->addAction(m_sendAction);
    turn->addAction(m_stopAction);
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(m_refreshModelsAction);
    QAction *costs = tools->addAction(tr("&Cost Dashboard…"));
    costs->setObjectName(QStringLiteral("costDashboardAction"));
    costs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(costs, &QAction::triggered, this, [this] { m_costs->openDashboard(); });
    tools->addAction(m_settingsAction);
}

QAction *MainWindow::layoutAction(PaneLayout layout) const
{
    for (QAction *action : m_layoutGroup->actions()) {
        if (action->data().toString() == paneLayoutName(layout))
            return action;
    }
    return nullptr;
}

void MainWindow::openStore()
{
    const QString path = ConversationStore::defaultPath();
    auto store = std::make_unique<ConversationStore>();
    const StoreStatus status = store->open(path);
    if (!status) {
        qCWarning(lcApp) << "conversation store failed to open:" << status.error();
        m_banner->showMessage(tr("Chats will not be saved: %1").arg(status.error()), ErrorBanner::Severity::Warning);
        m_sidebar->setStore(nullptr);
        return;
    }
    m_store = std::move(store);
    m_recorder = new TurnRecorder(path);
    m_launcher->setRecorder(m_recorder);
    connect(m_recorder, &TurnRecorder::turnStored, this, [this](qint64 conversationId, qint64 turnId) {
        if (!m_unstoredViews.isEmpty() && m_unstoredViews.first())
            m_unstoredViews.takeFirst()->setStoredTurnId(turnId);
        if (conversationId == m_conversationId)
            m_sidebar->reload();
    });
    connect(m_recorder, &TurnRecorder::failed, this, [this](const QString &message) {
        m_banner->showMessage(tr("Saving the chat failed: %1").arg(message), ErrorBanner::Severity::Warning);
    });
    m_sidebar->setStore(m_store.get());
    m_costs->setStore(m_store.get());
    reportInterruptedTurns();
}

void MainWindow::restoreLayout()
{
    restoreGeometry(AppSettings::windowGeometry());
    restoreState(AppSettings::windowState());
    m_mainSplitter->restoreState(AppSettings::splitterState(kMainSplitterName));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    stop();
    AppSettings::saveWindow(saveGeometry(), saveState());
    AppSettings::saveSplitter(kMainSplitterName, m_mainSplitter->saveState());
    AppSettings::saveEnsembleChoice(m_promptBar->presetName(), m_promptBar->strategy());
    m_picker->saveChoices();
    event->accept();
}

TurnView *MainWindow::turnView() const
{
    return m_chat->currentTurn();
}

PaneLayout MainWindow::paneLayout() const
{
    return m_chat->paneLayout();
}

void MainWindow::setPaneLayout(PaneLayout layout)
{
    m_chat->setPaneLayout(layout);
    AppSettings::savePaneLayout(paneLayoutName(layout));
    if (QAction *action = layoutAction(layout))
        action->setChecked(true);
}

void MainWindow::setEndpoint(const Endpoint &endpoint)
{
    m_registry->setEndpoint(endpoint);
    m_registry->clientFor(endpoint.providerId)->setTimeouts(AppSettings::timeouts());
    connectCatalogue(endpoint.providerId);
    qCInfo(lcApp) << "endpoint of" << endpoint.providerId << "set to" << endpoint.baseUrl.toDisplayString()
                  << (endpoint.apiKey.isEmpty() ? "without an API key" : "with an API key");
    if (endpoint.providerId != m_registry->defaultProvider()) {
        m_registry->catalogue(endpoint.providerId)->refresh(endpoint);
        return;
    }

    m_endpoint = endpoint;
    m_banner->clear();
    if (endpoint.apiKey.isEmpty() && endpoint.profile().requiresKey
        && endpoint.baseUrl.host() == Endpoint::defaultBaseUrl().host()) {
        m_banner->showMessage(tr("No API key: open Settings (%1) to enter one.").arg(shortcutText(m_settingsAction)),
                              ErrorBanner::Severity::Warning);
    }
    m_picker->setStatusText(tr("Loading the model list from %1…").arg(endpoint.baseUrl.host()));
    m_picker->setLoading(true);
    m_registry->catalogue(endpoint.providerId)->refresh(endpoint);
}

void MainWindow::connectCatalogue(const QString &providerId)
{
    if (m_connectedCatalogues.contains(providerId))
        return;
    m_connectedCatalogues.append(providerId);
    ModelCatalogue *catalogue = m_registry->catalogue(providerId);
    connect(catalogue, &ModelCatalogue::updated, this, [this, providerId] { onCatalogueUpdated(providerId); });
    connect(catalogue, &ModelCatalogue::failed, this,
            [this, providerId](const QString &message) { onCatalogueFailed(providerId, message); });
    connect(catalogue, &ModelCatalogue::cancelled, this, [this, providerId] {
        if (providerId != m_registry->defaultProvider())
            return;
        m_picker->setLoading(false);
        m_picker->setStatusText(tr("Loading the model list was cancelled; %1 reloads it.")
                                    .arg(shortcutText(m_refreshModelsAction)));
    });
}

void MainWindow::loadSavedKeys()
{
    for (const ProviderProfile &profile : ProviderProfile::builtIns())
        m_keys->load(profile);
}

void MainWindow::onKeyLoaded(const QString &providerId, const QString &key)
{
    // A key typed in Settings meanwhile wins over the saved one.
    if (key.isEmpty() || !m_registry->contains(providerId) || !m_registry->endpoint(providerId).apiKey.isEmpty())
        return;
    Endpoint endpoint = m_registry->endpoint(providerId);
    endpoint.apiKey = key;
    setEndpoint(endpoint);
}

void MainWindow::probeLocalServers(const QList<Endpoint> &candidates)
{
    auto *probe = new LocalServerProbe(this);
    connect(probe, &LocalServerProbe::found, this, [this](const Endpoint &endpoint, int modelCount) {
        qCInfo(lcApp) << "found a local server for" << endpoint.providerId << "with" << modelCount << "models";
        if (!m_registry->contains(endpoint.providerId))
            setEndpoint(endpoint);
    });
    connect(probe, &LocalServerProbe::finished, probe, &QObject::deleteLater);
    probe->probe(candidates);
}

void MainWindow::openSettings()
{
    SettingsValues values;
    for (const QString &id : m_registry->providerIds())
        values.providers.append(m_registry->endpoint(id));
    values.defaultProvider = m_registry->defaultProvider().isEmpty() ? m_endpoint.providerId
                                                                      : m_registry->defaultProvider();
    values.maxTokens = AppSettings::maxTokens();
    values.timeouts = AppSettings::timeouts();
    values.dailyCap = AppSettings::dailyCap();
    values.refuseOverCap = AppSettings::refuseOverCap();
    values.theme = AppSettings::theme();
    values.paneLayout = paneLayoutName(paneLayout());
    m_settingsDialog->load(values);
    m_settingsDialog->open();
}

void MainWindow::applySettings()
{
    const SettingsValues values = m_settingsDialog->values();
    AppSettings::saveMaxTokens(values.maxTokens);
    AppSettings::saveTimeouts(values.timeouts);
    AppSettings::saveDailyCap(values.dailyCap);
    AppSettings::saveRefuseOverCap(values.refuseOverCap);
    AppSettings::saveTheme(values.theme);
    AppTheme::apply(values.theme);
    setPaneLayout(paneLayoutFromName(values.paneLayout));

    for (Endpoint endpoint : values.providers) {
        // A provider left at its defaults without a key is not in use. Local
        // servers join through probeLocalServers() when they respond.
        const bool untouched = endpoint.apiKey.isEmpty() && endpoint.baseUrl == endpoint.profile().defaultBaseUrl;
        const bool isDefault = endpoint.providerId == values.defaultProvider;
        if (endpoint.baseUrl.isEmpty() || (untouched && !isDefault && !m_registry->contains(endpoint.providerId)))
            continue;
        const bool keyChanged = endpoint.apiKey != m_registry->endpoint(endpoint.providerId).apiKey
                                || !m_registry->contains(endpoint.providerId);
        if (keyChanged && !endpoint.apiKey.isEmpty()) {
            if (!m_keys->keychainUnavailable())
                m_keys->save(endpoint.providerId, endpoint.apiKey);
            else if (values.keepKeysForSession)
                m_keys->useForSession(endpoint.providerId, endpoint.apiKey);
            else
                endpoint.apiKey.clear(); // the user declined to keep it anywhere
        }
        if (isDefault)
            AppSettings::saveBaseUrl(endpoint.baseUrl);
        else
            AppSettings::saveProviderBaseUrl(endpoint.providerId, endpoint.baseUrl);
        if (keyChanged || endpoint.baseUrl != m_registry->endpoint(endpoint.providerId).baseUrl
            || isDefault)
            setEndpoint(endpoint);
    }
}

void MainWindow::onCatalogueUpdated(const QString &providerId)
{
    const ModelCatalogue *catalogue = m_registry->catalogue(providerId);
    if (providerId != m_registry->defaultProvider())
        return;
    m_picker->setLoading(false);
    m_picker->setModels(catalogue->models());
    m_ensembleEditor->setCatalogue(catalogue->models());
    statusBar()->showMessage(tr("Fetched %1 models from %2.")
                                 .arg(catalogue->models().size())
                                 .arg(m_registry->endpoint(providerId).baseUrl.host()),
                             kStatusMessageMs);
}

void MainWindow::onCatalogueFailed(const QString &providerId, const QString &message)
{
    qCWarning(lcApp) << "model list of" << providerId << "failed:" << message;
    if (providerId != m_registry->defaultProvider())
        return;
    m_picker->setLoading(false);
    m_picker->setStatusText(tr("No model list. Model ids can still be typed as the writer."));
    m_banner->showMessage(message + u' ' + tr("Open Settings (%1) to change the base URL or key.")
                                               .arg(shortcutText(m_settingsAction)),
                          ErrorBanner::Severity::Error);
}

void MainWindow::reloadPresets()
{
    QStringList names;
    if (const Result<int> installed = m_presets->installBuiltIns(); !installed)
        qCWarning(lcApp) << "built-in presets not installed:" << installed.error();
    const Result<QList<Preset>> listed = m_presets->list();
    for (const Preset &preset : listed ? listed.value() : QList<Preset>())
        names.append(preset.name);
    const QString current = m_promptBar->presetName().isEmpty() ? AppSettings::preset() : m_promptBar->presetName();
    m_promptBar->setPresets(names, current);
}

void MainWindow::onPresetChanged(const QString &name)
{
    if (name.isEmpty())
        return;
    const Result<Preset> preset = m_presets->load(name);
    if (preset)
        m_promptBar->setStrategy(preset->strategy);
    updateActions();
}

bool MainWindow::isTurnRunning() const
{
    return m_launcher->isRunning();
}

QString MainWindow::sendBlockedReason() const
{
    if (isTurnRunning())
        return tr("A turn is running; press %1 to stop it.").arg(shortcutText(m_stopAction));
    if (m_promptBar->presetName().isEmpty()) {
        if (m_picker->panelModels().isEmpty())
            return tr("Check at least one panel model in the list (three or more work best).");
        if (m_picker->writerModel().isEmpty())
            return tr("Pick a writer model below the list.");
    }
    if (m_promptBar->prompt().isEmpty())
        return tr("Type a prompt first.");
    return QString();
}

bool MainWindow::ensureConversation(const QString &prompt)
{
    // An incognito chat leaves no row at all, not even its title.
    if (m_incognitoAction->isChecked())
        return false;
    if (m_conversationId > 0 || !m_store)
        return m_store != nullptr;
    const Result<qint64> created = m_store->createConversation(prompt.section(u'\n', 0, 0).left(60));
    if (!created) {
        m_banner->showMessage(tr("This chat will not be saved: %1").arg(created.error()),
                              ErrorBanner::Severity::Warning);
        return false;
    }
    m_conversationId = created.value();
    m_sidebar->reload();
    m_sidebar->selectConversation(m_conversationId);
    return true;
}

Result<MainWindow::NextTurn> MainWindow::nextTurn() const
{
    NextTurn next;
    next.ensemble = Ensemble::fromModelIds(m_picker->panelModels(), m_picker->writerModel());
    next.ensemble.maxTokens = AppSettings::maxTokens();
    next.timeouts = AppSettings::timeouts();
    next.presetName = m_promptBar->presetName();
    if (!next.presetName.isEmpty()) {
        const Result<Preset> preset = m_presets->load(next.presetName);
        if (!preset)
            return Result<NextTurn>::failure(preset.error());
        next.ensemble = preset->ensemble;
        next.settings = preset->strategySettings;
        next.snapshot = preset->toJson();
        next.budget = preset->budget;
        next.timeouts = preset->timeouts;
    }
    next.settings.strategy = m_promptBar->strategy();
    return next;
}

void MainWindow::refreshEstimate()
{
    const Result<NextTurn> next = nextTurn();
    if (next)
        m_costs->update(next->ensemble, next->settings, m_promptBar->prompt());
}

void MainWindow::send()
{
    if (!sendBlockedReason().isEmpty())
        return;
    const Result<NextTurn> next = nextTurn();
    if (!next) {
        m_banner->showMessage(next.error(), ErrorBanner::Severity::Error);
        return;
    }
    refreshEstimate();
    QString refusal;
    BudgetPolicy policy;
    policy.perTurn = next->budget;
    policy.perDay = AppSettings::dailyCap();
    policy.overCap = AppSettings::refuseOverCap() ? BudgetPolicy::OverCap::Refuse : BudgetPolicy::OverCap::Confirm;
    if (!m_costs->approveTurn(policy, next->presetName, &refusal)) {
        m_banner->showMessage(tr("The turn was not sent (budget_exceeded): %1").arg(refusal),
                              ErrorBanner::Severity::Error);
        return;
    }
    const QString prompt = m_promptBar->prompt();
    ensureConversation(prompt);
    // The preset's timeouts hold for this turn's calls, on every provider.
    for (const QString &providerId : m_registry->providerIds())
        m_registry->clientFor(providerId)->setTimeouts(next->timeouts);

    m_picker->saveChoices();
    m_banner->clear();
    const QString problem = m_launcher->start(prompt, next->ensemble, next->settings, m_conversationId,
                                              next->snapshot);
    if (!problem.isEmpty()) {
        m_banner->showMessage(problem, ErrorBanner::Severity::Error);
        return;
    }
    updateCostStatus();
    updateActions();
}

void MainWindow::stop()
{
    m_launcher->stop();
}

void MainWindow::onTurnStarted(TurnRunner *, TurnView *view)
{
    if (m_recorder && m_conversationId > 0)
        m_unstoredViews.append(view);
    connect(view, &TurnView::retryMemberRequested, this, [this, view](int callIndex) {
        const QString problem = m_launcher->retryMember(view, callIndex);
        if (!problem.isEmpty())
            m_banner->showMessage(problem, ErrorBanner::Severity::Error);
    });
    connect(view, &TurnView::rewriteRequested, this, [this, view](const QJsonObject &selected) {
        const QString problem = m_launcher->rewrite(view, selected);
        if (!problem.isEmpty())
            m_banner->showMessage(problem, ErrorBanner::Severity::Error);
    });
    updateActions();
}

void MainWindow::onTurnFinished(TurnRunner *runner, TurnView *)
{
    const Turn &turn = runner->turn();
    if (turn.failure == TurnFailure::Cancelled) {
        statusBar()->showMessage(tr("Turn stopped."), kStatusMessageMs);
    } else if (turn.failure) {
        m_banner->showMessage(tr("The turn failed: %1").arg(turn.failureMessage), ErrorBanner::Severity::Error);
    } else if (turn.degraded) {
        m_banner->showMessage(tr("Degraded answer: %1").arg(turn.degradedReason), ErrorBanner::Severity::Warning);
    }
    updateCostStatus();
    updateActions();
}

void MainWindow::setIncognito(bool incognito)
{
    newChat();
    if (incognito) {
        m_banner->showMessage(tr("Incognito: this chat is not stored. Turn it off in the File menu (%1).")
                                  .arg(shortcutText(m_incognitoAction)),
                              ErrorBanner::Severity::Info);
    } else {
        m_banner->clear();
    }
}

void MainWindow::reportInterruptedTurns()
{
    const Result<QList<StoredTurn>> interrupted = m_store->interruptedTurns();
    if (!interrupted || interrupted->isEmpty())
        return;
    m_banner->showMessage(tr("%n turn(s) stopped when Consilium last closed; their partial text is kept. "
                             "Open the chat to see it and send the prompt again.",
                             nullptr, int(interrupted->size())),
                          ErrorBanner::Severity::Warning);
}

void MainWindow::newChat()
{
    if (isTurnRunning())
        return;
    m_conversationId = 0;
    m_chat->clear();
    m_sidebar->list()->clearSelection();
    m_promptBar->clearPrompt();
    m_promptBar->editor()->setFocus();
    updateActions();
}

void MainWindow::openConversation(qint64 conversationId)
{
    if (!m_store || isTurnRunning() || conversationId == m_conversationId)
        return;
    const Result<Conversation> loaded = m_store->loadConversation(conversationId);
    if (!loaded) {
        m_banner->showMessage(tr("Could not open the chat: %1").arg(loaded.error()), ErrorBanner::Severity::Error);
        return;
    }
    m_conversationId = conversationId;
    m_chat->clear();
    for (const StoredTurn &stored : loaded->turns) {
        TurnView *view = m_chat->addTurn();
        view->showTurn(stored.turn);
        view->setStoredTurnId(stored.id);
        if (stored.state == TurnState::Interrupted) {
            // Re-running starts from the same prompt; the partial text stays.
            view->setHeading(tr("Interrupted: %1").arg(stored.turn.prompt));
            m_promptBar->setPrompt(stored.turn.prompt);
            m_banner->showMessage(tr("This turn was interrupted; its partial text is kept. Press %1 to run the "
                                     "prompt again.").arg(shortcutText(m_sendAction)),
                                  ErrorBanner::Severity::Warning);
        }
        FusionSettings settings;
        settings.strategy = stored.turn.strategy.isEmpty() ? settings.strategy : stored.turn.strategy;
        const Result<Preset> preset = Preset::fromJson(stored.presetSnapshot);
        m_launcher->adopt(view, preset ? preset->ensemble : Ensemble(), settings, conversationId);
        onTurnStarted(nullptr, view);
    }
    m_unstoredViews.clear();
    m_sidebar->selectConversation(conversationId);
    updateActions();
}

void MainWindow::openSearchHit(qint64 conversationId, qint64 turnId)
{
    openConversation(conversationId);
    if (conversationId == m_conversationId)
        m_chat->scrollToTurn(m_chat->turnForStoredId(turnId));
}

void MainWindow::exportConversation()
{
    if (!m_store || m_conversationId == 0) {
        statusBar()->showMessage(tr("Open or start a chat to export it."), kStatusMessageMs);
        return;
    }
    auto *exporter = new ConversationExporter(this);
    connect(exporter, &ConversationExporter::done, this, [this, exporter](const QString &message) {
        statusBar()->showMessage(message, kStatusMessageMs);
        exporter->deleteLater();
    });
    exporter->run(*m_store, m_conversationId);
}

void MainWindow::importConversation()
{
    if (!m_store || isTurnRunning())
        return;
    const QString path = FileDialogs::openFile(this, tr("Import Chat"), tr("Consilium JSON export (*.json)"));
    if (path.isEmpty())
        return;
    const Result<qint64> imported = importConversationFile(*m_store, path);
    if (!imported) {
        m_banner->showMessage(tr("The chat was not imported: %1").arg(imported.error()), ErrorBanner::Severity::Error);
        return;
    }
    m_sidebar->reload();
    openConversation(imported.value());
    statusBar()->showMessage(tr("Imported %1.").arg(QFileInfo(path).fileName()), kStatusMessageMs);
}

void MainWindow::updateActions()
{
    const QString blocked = sendBlockedReason();
    m_sendAction->setEnabled(blocked.isEmpty());
    m_sendAction->setToolTip(blocked.isEmpty()
                                 ? tr("Send the prompt to the panel (%1)").arg(shortcutText(m_sendAction))
                                 : blocked);
    m_stopAction->setEnabled(isTurnRunning());
    m_newChatAction->setEnabled(!isTurnRunning());
}

void MainWindow::updateCostStatus()
{
    if (m_launcher->runner())
        m_costLabel->setText(PaneText::turnCostText(m_launcher->runner()->turn()));
}

} // namespace Consilium::App
