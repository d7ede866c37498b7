#include "SettingsDialog.h"

#include "PaletteColors.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Consilium::App {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_baseUrl(new QLineEdit(this))
    , m_baseUrlError(new QLabel(this))
    , m_apiKey(new QLineEdit(this))
    , m_showKey(new QCheckBox(tr("&Show key"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setAccessibleName(tr("Settings"));
    setMinimumWidth(520);

    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrl->setAccessibleName(tr("Base URL"));
    m_baseUrl->setPlaceholderText(Endpoint::defaultBaseUrl().toString());
    connect(m_baseUrl, &QLineEdit::textChanged, this, &SettingsDialog::validateBaseUrl);

    m_baseUrlError->setObjectName(QStringLiteral("baseUrlError"));
    m_baseUrlError->setWordWrap(true);
    m_baseUrlError->setAccessibleName(tr("Base URL problem"));
    QPalette errorPalette = m_baseUrlError->palette();
    errorPalette.setColor(QPalette::WindowText, PaletteColors::errorText(palette()));
    m_baseUrlError->setPalette(errorPalette);
    m_baseUrlError->hide();

    m_apiKey->setObjectName(QStringLiteral("apiKeyEdit"));
    m_apiKey->setAccessibleName(tr("API key"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_showKey->setObjectName(QStringLiteral("showKeyBox"));
    m_showKey->setAccessibleName(tr("Show API key"));
    connect(m_showKey, &QCheckBox::toggled, this, [this](bool show) {
        m_apiKey->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
    });

    auto *keyNote = new QLabel(tr("The key is kept in memory until Consilium quits; set "
                                  "OPENROUTER_API_KEY to provide it at start."),
                               this);
    keyNote->setWordWrap(true);
    keyNote->setForegroundRole(QPalette::PlaceholderText);

    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_apiKey, 1);
    keyRow->addWidget(m_showKey);

    auto *form = new QFormLayout;
    form->addRow(tr("&Base URL:"), m_baseUrl);
    form->addRow(QString(), m_baseUrlError);
    form->addRow(tr("API &key:"), keyRow);
    form->addRow(QString(), keyNote);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
}

void SettingsDialog::load(const Endpoint &endpoint)
{
    m_baseUrl->setText(endpoint.baseUrl.toString());
    m_apiKey->setText(endpoint.apiKey);
    m_showKey->setChecked(false);
    validateBaseUrl();
}

Endpoint SettingsDialog::endpoint() const
{
    Endpoint result;
    result.baseUrl = QUrl(m_baseUrl->text().trimmed());
    result.apiKey = m_apiKey->text().trimmed();
    return result;
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
    const QString problem = endpoint().validate();
    m_baseUrlError->setText(problem);
    m_baseUrlError->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace Consilium::App
