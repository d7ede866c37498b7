#include "SettingsDialog.h"

#include "PaletteColors.h"

#include "provider/ModelCatalogue.h"
#include "provider/ProviderProfile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Consilium::App {

namespace {

QSpinBox *secondsBox(const QString &accessibleName, const QString &objectName)
{
    auto *box = new QSpinBox;
    box->setRange(1, 3600);
    box->setSuffix(QStringLiteral(" s"));
    box->setAccessibleName(accessibleName);
    box->setObjectName(objectName);
    return box;
}

void makeErrorLabel(QLabel *label, const QPalette &palette)
{
    label->setWordWrap(true);
    QPalette errorPalette = label->palette();
    errorPalette.setColor(QPalette::WindowText, PaletteColors::errorText(palette));
    label->setPalette(errorPalette);
    label->hide();
}

} // namespace

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_providerList(new QListWidget)
    , m_baseUrl(new QLineEdit)
    , m_baseUrlError(new QLabel)
    , m_apiKey(new QLineEdit)
    , m_showKey(new QCheckBox(tr("&Show key")))
    , m_keyNote(new QLabel)
    , m_keychainWarning(new QLabel)
    , m_sessionKeys(new QCheckBox(tr("&Use keys until Consilium quits")))
    , m_testButton(new QPushButton(tr("&Test connection")))
    , m_testResult(new QLabel)
    , m_probe(new ModelCatalogue(this))
    , m_maxTokens(new QSpinBox)
    , m_dailyCap(new QDoubleSpinBox)
    , m_refuseOverCap(new QCheckBox(tr("Refuse a turn over a cap instead of asking")))
    , m_connectTimeout(secondsBox(tr("Connect timeout"), QStringLiteral("connectTimeoutBox")))
    , m_firstTokenTimeout(secondsBox(tr("First token timeout"), QStringLiteral("firstTokenTimeoutBox")))
    , m_idleTimeout(secondsBox(tr("Idle timeout"), QStringLiteral("idleTimeoutBox")))
    , m_theme(new QComboBox)
    , m_paneLayout(new QComboBox)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setAccessibleName(tr("Settings"));
    setMinimumWidth(640);

    auto *tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("settingsTabs"));
    tabs->addTab(createProvidersPage(), tr("&Providers"));
    tabs->addTab(createDefaultsPage(), tr("&Defaults"));
    tabs->addTab(createAppearancePage(), tr("&Appearance"));

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_probe, &ModelCatalogue::updated, this, [this] {
        reportConnection(true, tr("Connected: %n model(s) found.", nullptr, int(m_probe->models().size())));
    });
    connect(m_probe, &ModelCatalogue::failed, this, [this](const QString &message) {
        reportConnection(false, message + u' ' + tr("Check the base URL and the key, then test again."));
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addWidget(m_buttons);
    load(SettingsValues());
}

QWidget *SettingsDialog::createProvidersPage()
{
    m_providerList->setObjectName(QStringLiteral("providerList"));
    m_providerList->setAccessibleName(tr("Providers"));
    m_providerList->setMaximumWidth(180);
    connect(m_providerList, &QListWidget::currentRowChanged, this, &SettingsDialog::showProvider);

    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrl->setAccessibleName(tr("Base URL"));
    connect(m_baseUrl, &QLineEdit::textChanged, this, &SettingsDialog::validateBaseUrl);
    m_baseUrlError->setObjectName(QStringLiteral("baseUrlError"));
    m_baseUrlError->setAccessibleName(tr("Base URL problem"));
    makeErrorLabel(m_baseUrlError, palette());

    m_apiKey->setObjectName(QStringLiteral("apiKeyEdit"));
    m_apiKey->setAccessibleName(tr("API key"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_showKey->setObjectName(QStringLiteral("showKeyBox"));
    m_showKey->setAccessibleName(tr("Show API key"));
    connect(m_showKey, &QCheckBox::toggled, this, [this](bool show) {
        m_apiKey->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
    });
    m_keyNote->setWordWrap(true);
    m_keyNote->setForegroundRole(QPalette::PlaceholderText);
    m_keychainWarning->setObjectName(QStringLiteral("keychainWarning"));
    m_keychainWarning->setAccessibleName(tr("Keychain problem"));
    makeErrorLabel(m_keychainWarning, palette());
    m_sessionKeys->setObjectName(QStringLiteral("sessionKeysBox"));
    m_sessionKeys->setAccessibleName(tr("Use keys until Consilium quits"));
    m_sessionKeys->setChecked(true);
    m_sessionKeys->hide();

    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    m_testButton->setAccessibleName(tr("Test connection"));
    m_testButton->setToolTip(tr("Fetch the provider's model list with this base URL and key"));
    connect(m_testButton, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setAccessibleName(tr("Connection test result"));
    m_testResult->setWordWrap(true);

    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_apiKey, 1);
    keyRow->addWidget(m_showKey);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_testResult, 1);

    auto *form = new QFormLayout;
    form->addRow(tr("&Base URL:"), m_baseUrl);
    form->addRow(QString(), m_baseUrlError);
    form->addRow(tr("API &key:"), keyRow);
    form->addRow(QString(), m_keyNote);
    form->addRow(QString(), m_keychainWarning);
    form->addRow(QString(), m_sessionKeys);
    form->addRow(QString(), testRow);

    auto *page = new QWidget;
    auto *row = new QHBoxLayout(page);
    row->addWidget(m_providerList);
    row->addLayout(form, 1);
    return page;
}

QWidget *SettingsDialog::createDefaultsPage()
{
    m_maxTokens->setObjectName(QStringLiteral("maxTokensBox"));
    m_maxTokens->setAccessibleName(tr("Max tokens per answer"));
    m_maxTokens->setRange(16, 1'000'000);
    m_maxTokens->setSingleStep(256);
    m_dailyCap->setObjectName(QStringLiteral("dailyCapBox"));
    m_dailyCap->setAccessibleName(tr("Daily spending cap in US dollars"));
    m_dailyCap->setRange(0, 100'000);
    m_dailyCap->setDecimals(2);
    m_dailyCap->setPrefix(QStringLiteral("$"));
    m_dailyCap->setSpecialValueText(tr("no cap"));
    m_refuseOverCap->setObjectName(QStringLiteral("refuseOverCapBox"));
    m_refuseOverCap->setAccessibleName(m_refuseOverCap->text());

    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    form->addRow(tr("&Max tokens per answer:"), m_maxTokens);
    form->addRow(tr("&Connect timeout:"), m_connectTimeout);
    form->addRow(tr("&First token timeout:"), m_firstTokenTimeout);
    form->addRow(tr("&Idle timeout:"), m_idleTimeout);
    form->addRow(tr("&Daily spending cap:"), m_dailyCap);
    form->addRow(QString(), m_refuseOverCap);
    return page;
}

QWidget *SettingsDialog::createAppearancePage()
{
    m_theme->setObjectName(QStringLiteral("themeBox"));
    m_theme->setAccessibleName(tr("Colour theme"));
    m_theme->addItem(tr("Follow the system"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_paneLayout->setObjectName(QStringLiteral("paneLayoutBox"));
    m_paneLayout->setAccessibleName(tr("Pane layout"));
    m_paneLayout->addItem(tr("Columns"), QStringLiteral("columns"));
    m_paneLayout->addItem(tr("Tabs"), QStringLiteral("tabs"));
    m_paneLayout->addItem(tr("Grid"), QStringLiteral("grid"));

    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(tr("Pane &layout:"), m_paneLayout);
    return page;
}

void SettingsDialog::load(const SettingsValues &values)
{
    m_providers.clear();
    m_shownRow = -1;
    const QSignalBlocker blocker(m_providerList);
    m_providerList->clear();
    for (const ProviderProfile &profile : ProviderProfile::builtIns()) {
        Endpoint endpoint = Endpoint::forProfile(profile);
        for (const Endpoint &given : values.providers) {
            if (given.providerId == profile.id)
                endpoint = given;
        }
        m_providers.append(endpoint);
        m_providerList->addItem(profile.displayName);
    }
    m_defaultProvider = values.defaultProvider;
    m_maxTokens->setValue(values.maxTokens);
    m_dailyCap->setValue(values.dailyCap ? values.dailyCap->usd() : 0.0);
    m_refuseOverCap->setChecked(values.refuseOverCap);
    m_connectTimeout->setValue(values.timeouts.connectMs / 1000);
    m_firstTokenTimeout->setValue(values.timeouts.firstTokenMs / 1000);
    m_idleTimeout->setValue(values.timeouts.idleMs / 1000);
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(values.theme)));
    m_paneLayout->setCurrentIndex(qMax(0, m_paneLayout->findData(values.paneLayout)));
    m_sessionKeys->setChecked(values.keepKeysForSession);
    m_testResult->clear();
    selectProvider(m_defaultProvider);
}

SettingsValues SettingsDialog::values() const
{
    SettingsValues result;
    result.providers = m_providers;
    if (m_shownRow >= 0)
        result.providers[m_shownRow] = formEndpoint();
    result.defaultProvider = m_defaultProvider;
    result.maxTokens = m_maxTokens->value();
    if (m_dailyCap->value() > 0)
        result.dailyCap = Money::fromDecimalString(QString::number(m_dailyCap->value(), 'f', 2));
    result.refuseOverCap = m_refuseOverCap->isChecked();
    result.timeouts.connectMs = m_connectTimeout->value() * 1000;
    result.timeouts.firstTokenMs = m_firstTokenTimeout->value() * 1000;
    result.timeouts.idleMs = m_idleTimeout->value() * 1000;
    result.theme = m_theme->currentData().toString();
    result.paneLayout = m_paneLayout->currentData().toString();
    result.keepKeysForSession = m_sessionKeys->isChecked();
    return result;
}

Endpoint SettingsDialog::endpoint() const
{
    for (const Endpoint &endpoint : values().providers) {
        if (endpoint.providerId == m_defaultProvider)
            return endpoint;
    }
    return Endpoint();
}

void SettingsDialog::selectProvider(const QString &providerId)
{
    for (int row = 0; row < m_providers.size(); ++row) {
        if (m_providers.at(row).providerId == providerId) {
            m_providerList->setCurrentRow(row);
            showProvider(row);
            return;
        }
    }
}

QString SettingsDialog::currentProvider() const
{
    return m_shownRow >= 0 ? m_providers.at(m_shownRow).providerId : QString();
}

void SettingsDialog::storeForm()
{
    if (m_shownRow >= 0)
        m_providers[m_shownRow] = formEndpoint();
}

void SettingsDialog::showProvider(int row)
{
    if (row < 0 || row >= m_providers.size() || row == m_shownRow)
        return;
    storeForm();
    m_shownRow = row;
    const Endpoint &endpoint = m_providers.at(row);
    const ProviderProfile &profile = endpoint.profile();
    m_baseUrl->setPlaceholderText(profile.defaultBaseUrl.isEmpty() ? tr("http://127.0.0.1:8080/v1")
                                                                    : profile.defaultBaseUrl.toString());
    m_baseUrl->setText(endpoint.baseUrl.toString());
    m_apiKey->setText(endpoint.apiKey);
    m_apiKey->setPlaceholderText(profile.requiresKey ? QString() : tr("not needed"));
    m_showKey->setChecked(false);
    m_keyNote->setText(profile.apiKeyVariable.isEmpty()
                           ? tr("Keys are saved in the system keychain, never in a file.")
                           : tr("Keys are saved in the system keychain, never in a file. %1 overrides "
                                "the saved key.").arg(profile.apiKeyVariable));
    m_testResult->clear();
    validateBaseUrl();
}

Endpoint SettingsDialog::formEndpoint() const
{
    Endpoint endpoint = m_shownRow >= 0 ? m_providers.at(m_shownRow) : Endpoint();
    endpoint.baseUrl = QUrl(m_baseUrl->text().trimmed());
    endpoint.apiKey = m_apiKey->text().trimmed();
    return endpoint;
}

void SettingsDialog::setKeychainMissing(const QString &message)
{
    m_keychainWarning->setText(message + u' '
                               + tr("Keys cannot be saved. Tick the box below to use them until Consilium "
                                    "quits; they are then kept in memory only."));
    m_keychainWarning->show();
    m_sessionKeys->show();
}

void SettingsDialog::testConnection()
{
    const Endpoint endpoint = formEndpoint();
    const QString problem = endpoint.validate();
    if (!problem.isEmpty()) {
        reportConnection(false, problem);
        return;
    }
    m_testButton->setEnabled(false);
    m_testResult->setText(tr("Fetching the model list from %1…").arg(endpoint.baseUrl.host()));
    m_probe->refresh(endpoint);
}

void SettingsDialog::reportConnection(bool ok, const QString &message)
{
    m_testButton->setEnabled(true);
    m_testResult->setText(message);
    QPalette resultPalette = palette();
    if (!ok)
        resultPalette.setColor(QPalette::WindowText, PaletteColors::errorText(palette()));
    m_testResult->setPalette(resultPalette);
    Q_EMIT connectionTested(ok, message);
}

QString SettingsDialog::connectionResult() const
{
    return m_testResult->text();
}

void SettingsDialog::accept()
{
    validateBaseUrl();
    if (!m_baseUrlError->text().isEmpty())
        return;
    QDialog::accept();
}

void SettingsDialog::validateBaseUrl()
{
    // Only the default provider must have a base URL; another provider
    // with none is simply not used.
    const Endpoint endpoint = formEndpoint();
    const bool unused = endpoint.baseUrl.isEmpty() && endpoint.providerId != m_defaultProvider;
    const QString problem = unused ? QString() : endpoint.validate();
    m_baseUrlError->setText(problem);
    m_baseUrlError->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace Consilium::App
