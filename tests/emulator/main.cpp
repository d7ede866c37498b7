// consilium-emulator: serves the OpenRouter Chat Completions API on loopback
// from a scenario file, for offline tests of Consilium.

#include "EmulatorServer.h"
#include "ScenarioLoader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int signalPipe[2] = {-1, -1};

void forwardSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe calls here. The event loop reads the pipe.
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

// Turns SIGTERM and SIGINT into a normal event-loop exit, so sockets close cleanly.
void quitOnTerminationSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return; // The default handlers still end the process.
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app] {
        qCInfo(lcEmulator) << "termination signal received, stopping";
        app.quit();
    });
    struct sigaction action = {};
    action.sa_handler = forwardSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

int fail(const QString &message)
{
    std::fprintf(stderr, "consilium-emulator: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"consilium-emulator"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Serves the OpenRouter Chat Completions API on loopback from a scenario file."_s);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption scenarioOption(u"scenario"_s, u"Scenario JSON file to play."_s,
                                            u"file"_s);
    const QCommandLineOption portOption(u"port"_s, u"TCP port, 0 or absent picks a free one."_s,
                                        u"port"_s, u"0"_s);
    const QCommandLineOption hostOption(u"host"_s, u"Loopback address: 127.0.0.1 or ::1."_s,
                                        u"address"_s, u"127.0.0.1"_s);
    const QCommandLineOption certificateOption(u"tls-cert"_s, u"PEM certificate; serves HTTPS with --tls-key."_s,
                                               u"file"_s);
    const QCommandLineOption keyOption(u"tls-key"_s, u"PEM RSA private key of --tls-cert."_s, u"file"_s);
    parser.addOptions({scenarioOption, portOption, hostOption, certificateOption, keyOption});
    if (!parser.parse(QCoreApplication::arguments()))
        return fail(parser.errorText());
    if (parser.isSet(helpOption))
        parser.showHelp(0);

    if (!parser.isSet(scenarioOption))
        return fail(u"missing --scenario FILE"_s);

    bool portValid = false;
    const uint port = parser.value(portOption).toUInt(&portValid);
    if (!portValid || port > 65535)
        return fail(u"invalid --port '%1', expected 0 to 65535"_s.arg(parser.value(portOption)));

    const QHostAddress host(parser.value(hostOption));
    if (!EmulatorServer::isLoopbackAddress(host)) {
        return fail(u"invalid --host '%1', only loopback addresses such as 127.0.0.1 or ::1 "
                    u"are allowed"_s.arg(parser.value(hostOption)));
    }

    QString error;
    std::optional<Scenario> scenario = ScenarioLoader::loadFile(parser.value(scenarioOption), &error);
    if (!scenario)
        return fail(error);

    EmulatorServer server(std::move(*scenario));
    if (parser.isSet(certificateOption) != parser.isSet(keyOption))
        return fail(u"--tls-cert and --tls-key go together"_s);
    if (parser.isSet(certificateOption)
        && !server.enableTls(parser.value(certificateOption), parser.value(keyOption), &error))
        return fail(error);
    if (!server.listen(host, quint16(port), &error))
        return fail(error);

    // Test harnesses read this first line to learn the port.
    std::printf("listening on %s\n", qPrintable(server.baseUrl().toString()));
    std::fflush(stdout);

    quitOnTerminationSignals(app);
    return app.exec();
}
