#pragma once

#include "provider/Endpoint.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Consilium::App {

// Edits the endpoint: base URL and API key. The window keeps one instance
// and shows it with open(), so nothing blocks while it is up, and tests
// drive it through findChild() and accept().
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    // Fills the fields from the endpoint in use.
    void load(const Endpoint &endpoint);
    // Returns the endpoint the fields describe.
    Endpoint endpoint() const;

    // Accepts only a base URL that Endpoint::validate() accepts.
    void accept() override;

private:
    void validateBaseUrl();

    QLineEdit *m_baseUrl;
    QLabel *m_baseUrlError;
    QLineEdit *m_apiKey;
    QCheckBox *m_showKey;
    QDialogButtonBox *m_buttons;
};

} // namespace Consilium::App
