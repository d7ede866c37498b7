#pragma once

#include "common/Money.h"
#include "provider/ChatRequest.h"
#include "provider/Endpoint.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <QStringList>

namespace Consilium::App {

// The values the window keeps in QSettings between runs. The API key is
// deliberately absent: it lives in memory only.
namespace AppSettings {

// Builds the endpoint for start-up: OPENROUTER_BASE_URL and
// OPENROUTER_API_KEY win, then the saved base URL, then OpenRouter's.
Endpoint initialEndpoint();
void saveBaseUrl(const QUrl &baseUrl);

QStringList panelModels();
QString writerModel();
void savePicks(const QStringList &panelModels, const QString &writerModel);

QByteArray windowGeometry();
QByteArray windowState();
QByteArray splitterState(const QString &name);
void saveWindow(const QByteArray &geometry, const QByteArray &state);
void saveSplitter(const QString &name, const QByteArray &state);

// Base URL of a provider other than the default one; empty when never set.
QUrl providerBaseUrl(const QString &providerId);
void saveProviderBaseUrl(const QString &providerId, const QUrl &baseUrl);

// "columns", "tabs" or "grid" (see paneLayoutName()).
QString paneLayout();
void savePaneLayout(const QString &name);
// "system", "light" or "dark".
QString theme();
void saveTheme(const QString &name);

int maxTokens();
void saveMaxTokens(int maxTokens);
// Spending cap per day; empty when none is set.
std::optional<Money> dailyCap();
void saveDailyCap(const std::optional<Money> &cap);
// Whether a turn over a cap is refused outright instead of asking.
bool refuseOverCap();
void saveRefuseOverCap(bool refuse);
CallTimeouts timeouts();
void saveTimeouts(const CallTimeouts &timeouts);

QString preset();
QString strategy();
void saveEnsembleChoice(const QString &preset, const QString &strategy);

} // namespace AppSettings

} // namespace Consilium::App
