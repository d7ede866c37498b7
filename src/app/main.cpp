#include "AppSettings.h"
#include "AppTheme.h"
#include "MainWindow.h"

#include "provider/LocalServerProbe.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Consilium"));
    QApplication::setApplicationName(QStringLiteral("Consilium"));
    QApplication::setApplicationVersion(QStringLiteral(CONSILIUM_VERSION));
    Consilium::App::AppTheme::captureSystemPalette();
    Consilium::App::AppTheme::apply(Consilium::App::AppSettings::theme());

    Consilium::App::MainWindow window;
    window.show();
    window.setEndpoint(Consilium::App::AppSettings::initialEndpoint());
    window.loadSavedKeys();
    window.probeLocalServers(Consilium::LocalServerProbe::defaultLocalEndpoints());
    return app.exec();
}
