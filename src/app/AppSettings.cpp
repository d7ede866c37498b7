#include "AppSettings.h"

#include <QSettings>

namespace Consilium::App::AppSettings {

namespace {

const QString kBaseUrlKey = QStringLiteral("endpoint/baseUrl");
const QString kPanelKey = QStringLiteral("picks/panel");
const QString kWriterKey = QStringLiteral("picks/writer");
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");

QString splitterKey(const QString &name)
{
    return QStringLiteral("window/splitter-") + name;
}

} // namespace

Endpoint initialEndpoint()
{
    Endpoint endpoint = Endpoint::fromEnvironment();
    if (qEnvironmentVariableIsEmpty("OPENROUTER_BASE_URL")) {
        const QString saved = QSettings().value(kBaseUrlKey).toString().trimmed();
        if (!saved.isEmpty())
            endpoint.baseUrl = QUrl(saved);
    }
    return endpoint;
}

void saveBaseUrl(const QUrl &baseUrl)
{
    QSettings().setValue(kBaseUrlKey, baseUrl.toString());
}

QStringList panelModels()
{
    return QSettings().value(kPanelKey).toStringList();
}

QString writerModel()
{
    return QSettings().value(kWriterKey).toString();
}

void savePicks(const QStringList &panelModels, const QString &writerModel)
{
    QSettings settings;
    settings.setValue(kPanelKey, panelModels);
    settings.setValue(kWriterKey, writerModel);
}

QByteArray windowGeometry()
{
    return QSettings().value(kGeometryKey).toByteArray();
}

QByteArray windowState()
{
    return QSettings().value(kStateKey).toByteArray();
}

QByteArray splitterState(const QString &name)
{
    return QSettings().value(splitterKey(name)).toByteArray();
}

void saveWindow(const QByteArray &geometry, const QByteArray &state)
{
    QSettings settings;
    settings.setValue(kGeometryKey, geometry);
    settings.setValue(kStateKey, state);
}

void saveSplitter(const QString &name, const QByteArray &state)
{
    QSettings().setValue(splitterKey(name), state);
}

QUrl providerBaseUrl(const QString &providerId)
{
    return QUrl(QSettings().value(QStringLiteral("providers/%1/baseUrl").arg(providerId)).toString());
}

void saveProviderBaseUrl(const QString &providerId, const QUrl &baseUrl)
{
    QSettings().setValue(QStringLiteral("providers/%1/baseUrl").arg(providerId), baseUrl.toString());
}

QString paneLayout()
{
    return QSettings().value(QStringLiteral("view/paneLayout"), QStringLiteral("columns")).toString();
}

void savePaneLayout(const QString &name)
{
    QSettings().setValue(QStringLiteral("view/paneLayout"), name);
}

QString theme()
{
    return QSettings().value(QStringLiteral("view/theme"), QStringLiteral("system")).toString();
}

void saveTheme(const QString &name)
{
    QSettings().setValue(QStringLiteral("view/theme"), name);
}

int maxTokens()
{
    return QSettings().value(QStringLiteral("defaults/maxTokens"), 4096).toInt();
}

void saveMaxTokens(int maxTokens)
{
    QSettings().setValue(QStringLiteral("defaults/maxTokens"), maxTokens);
}

// NOTE: the cap is stored as a decimal string of US dollars, never as a
// floating-point number.
std::optional<Money> dailyCap()
{
    const QString text = QSettings().value(QStringLiteral("budget/dailyCapUsd")).toString();
    return text.isEmpty() ? std::nullopt : Money::fromDecimalString(text);
}

void saveDailyCap(const std::optional<Money> &cap)
{
    QSettings settings;
    if (cap)
        settings.setValue(QStringLiteral("budget/dailyCapUsd"), cap->toDecimalString());
    else
        settings.remove(QStringLiteral("budget/dailyCapUsd"));
}

bool refuseOverCap()
{
    return QSettings().value(QStringLiteral("budget/refuseOverCap"), false).toBool();
}

void saveRefuseOverCap(bool refuse)
{
    QSettings().setValue(QStringLiteral("budget/refuseOverCap"), refuse);
}

CallTimeouts timeouts()
{
    QSettings settings;
    CallTimeouts result;
    result.connectMs = settings.value(QStringLiteral("defaults/connectMs"), result.connectMs).toInt();
    result.firstTokenMs = settings.value(QStringLiteral("defaults/firstTokenMs"), result.firstTokenMs).toInt();
    result.idleMs = settings.value(QStringLiteral("defaults/idleMs"), result.idleMs).toInt();
    return result;
}

void saveTimeouts(const CallTimeouts &timeouts)
{
    QSettings settings;
    settings.setValue(QStringLiteral("defaults/connectMs"), timeouts.connectMs);
    settings.setValue(QStringLiteral("defaults/firstTokenMs"), timeouts.firstTokenMs);
    settings.setValue(QStringLiteral("defaults/idleMs"), timeouts.idleMs);
}

QString preset()
{
    return QSettings().value(QStringLiteral("ensemble/preset")).toString();
}

QString strategy()
{
    return QSettings().value(QStringLiteral("ensemble/strategy"), QStringLiteral("fusion")).toString();
}

void saveEnsembleChoice(const QString &preset, const QString &strategy)
{
    QSettings settings;
    settings.setValue(QStringLiteral("ensemble/preset"), preset);
    settings.setValue(QStringLiteral("ensemble/strategy"), strategy);
}

} // namespace Consilium::App::AppSettings
