#include "FuseCommand.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <csignal>

namespace {

Consilium::Cli::FuseCommand *g_command = nullptr;

void onInterrupt(int)
{
    // Only queue the cancellation: the handler must not touch Qt objects.
    if (g_command)
        QMetaObject::invokeMethod(g_command, &Consilium::Cli::FuseCommand::cancel, Qt::QueuedConnection);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("consilium-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONSILIUM_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QString help;
    auto options = Consilium::Cli::FuseOptions::parse(QCoreApplication::arguments(), &help);
    if (!options) {
        if (options.error().isEmpty()) {
            out << help;
            return 0;
        }
        err << "consilium-cli: " << options.error() << '\n' << "Try 'consilium-cli --help'.\n";
        return Consilium::Cli::FuseCommand::UsageError;
    }

    Consilium::Cli::FuseCommand command(std::move(options).value(), out, err);
    QObject::connect(&command, &Consilium::Cli::FuseCommand::done, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    g_command = &command;
    std::signal(SIGINT, onInterrupt);

    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        input.close();
    command.start(input.isOpen() ? &input : nullptr);
    const int code = app.exec();
    g_command = nullptr;
    return code;
}
