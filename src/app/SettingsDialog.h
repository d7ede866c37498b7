#pragma once

#include "common/Money.h"
#include "provider/ChatRequest.h"
#include "provider/Endpoint.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QDoubleSpinBox;
class QSpinBox;

namespace Consilium {
class ModelCatalogue;
}

namespace Consilium::App {

// Everything the settings dialog edits.
struct SettingsValues
{
    QList<Endpoint> providers; // one per built-in profile, keys included
    QString defaultProvider = QStringLiteral("openrouter");
    int maxTokens = 4096;
    CallTimeouts timeouts;
    std::optional<Money> dailyCap;     // spending cap per day; empty for none
    bool refuseOverCap = false;        // refuse, instead of asking, over a cap
    QString theme = QStringLiteral("system");
    QString paneLayout = QStringLiteral("columns");
    // Whether keys may be used for this session when no keychain runs.
    bool keepKeysForSession = true;
};

// Edits providers (base URL and key each, with a connection test),
// defaults for calls, and appearance. The window keeps one instance and
// shows it with open(), so nothing blocks while it is up.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    void load(const SettingsValues &values);
    SettingsValues values() const;
    // Returns the default provider's endpoint as edited.
    Endpoint endpoint() const;

    void selectProvider(const QString &providerId);
    QString currentProvider() const;
    // Says that keys cannot be saved, and offers to keep them for the session.
    void setKeychainMissing(const QString &message);
    // Fetches the model list of the provider on screen and reports it.
    void testConnection();
    QString connectionResult() const;

    // Accepts only a base URL that Endpoint::validate() accepts.
    void accept() override;

Q_SIGNALS:
    void connectionTested(bool ok, const QString &message);

private:
    QWidget *createProvidersPage();
    QWidget *createDefaultsPage();
    QWidget *createAppearancePage();
    void storeForm();
    void showProvider(int row);
    Endpoint formEndpoint() const;
    void validateBaseUrl();
    void reportConnection(bool ok, const QString &message);

    QList<Endpoint> m_providers;
    QString m_defaultProvider;
    int m_shownRow = -1;

    QListWidget *m_providerList;
    QLineEdit *m_baseUrl;
    QLabel *m_baseUrlError;
    QLineEdit *m_apiKey;
    QCheckBox *m_showKey;
    QLabel *m_keyNote;
    QLabel *m_keychainWarning;
    QCheckBox *m_sessionKeys;
    QPushButton *m_testButton;
    QLabel *m_testResult;
    ModelCatalogue *m_probe;

    QSpinBox *m_maxTokens;
    QDoubleSpinBox *m_dailyCap;
    QCheckBox *m_refuseOverCap;
    QSpinBox *m_connectTimeout;
    QSpinBox *m_firstTokenTimeout;
    QSpinBox *m_idleTimeout;
    QComboBox *m_theme;
    QComboBox *m_paneLayout;
    QDialogButtonBox *m_buttons;
};

} // namespace Consilium::App
