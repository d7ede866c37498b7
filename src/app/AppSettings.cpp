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

} // namespace Consilium::App::AppSettings
