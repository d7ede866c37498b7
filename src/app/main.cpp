#include "AppSettings.h"
#include "MainWindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Consilium"));
    QApplication::setApplicationName(QStringLiteral("Consilium"));
    QApplication::setApplicationVersion(QStringLiteral(CONSILIUM_VERSION));

    Consilium::App::MainWindow window;
    window.show();
    window.setEndpoint(Consilium::App::AppSettings::initialEndpoint());
    return app.exec();
}
