// Measures how close together the requests of a 16-member panel reach the
// server, over plain HTTP and over HTTPS, with the client's manager pool
// and, for comparison, with every call on one QNetworkAccessManager.
//
// Run: build/dev/bin/bench_parallel_calls [--runs N]
// Prints one row per configuration: the spread between the first and the
// last request arriving at the emulator, over N runs.

#include "EmulatorProcess.h"

#include "provider/ChatClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace Consilium;
using namespace Consilium::Testing;

namespace {

constexpr int kMembers = 16;
constexpr int kFirstTokenMs = 3000; // longer than any spread the pool allows

QJsonObject slowScenario()
{
    const QJsonObject model{{QStringLiteral("id"), QStringLiteral("emu/slow")},
                            {QStringLiteral("reply"), QJsonObject{{QStringLiteral("text"), QStringLiteral("ok")}}},
                            {QStringLiteral("ttft_ms"), kFirstTokenMs},
                            {QStringLiteral("keepalive_before_first_token"), 0}};
    return QJsonObject{{QStringLiteral("models"), QJsonArray{model}}};
}

// Writes a self-signed certificate for 127.0.0.1 and trusts it in this process.
bool prepareTls(const QTemporaryDir &directory, QStringList &emulatorArguments)
{
    const QString certificate = directory.filePath(QStringLiteral("cert.pem"));
    const QString key = directory.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(
        QStringLiteral("openssl"),
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
         QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
         QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
         QStringLiteral("-keyout"), key, QStringLiteral("-out"), certificate});
    const bool finished = openssl.waitForFinished(60'000);
    const int status = finished && openssl.exitStatus() == QProcess::NormalExit ? openssl.exitCode() : -1;
    if (status != 0)
        return false;

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(QSslCertificate::fromPath(certificate));
    QSslConfiguration::setDefaultConfiguration(configuration);
    emulatorArguments = {QStringLiteral("--tls-cert"), certificate, QStringLiteral("--tls-key"), key};
    return true;
}

// Sends 16 calls at once and returns the arrival spread in milliseconds,
// or -1 when a call failed.
qint64 measureSpread(const QStringList &emulatorArguments, int callsPerManager)
{
    EmulatorProcess emulator;
    emulator.setExtraArguments(emulatorArguments);
    if (!emulator.start(slowScenario())) {
        qWarning("%s", qPrintable(emulator.error()));
        return -1;
    }
    ChatClient client;
    Endpoint endpoint;
    endpoint.baseUrl = emulator.baseUrl();
    client.setEndpoint(endpoint);
    client.setCallsPerManager(callsPerManager);

    QObject owner;
    QList<ChatCall *> calls;
    ChatRequest request;
    request.model = QStringLiteral("emu/slow");
    request.messages.append(ChatMessage{QStringLiteral("user"), QStringLiteral("Hi")});
    for (int i = 0; i < kMembers; ++i)
        calls.append(client.send(request, &owner));
    for (ChatCall *call : std::as_const(calls)) {
        if (!call->isFinished())
            QSignalSpy(call, &ChatCall::finished).wait(60'000);
        if (call->outcome().status != CallStatus::Succeeded)
            return -1;
    }

    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = 0;
    const QJsonArray requests = emulator.receivedRequests();
    for (const QJsonValue &value : requests) {
        const qint64 arrived = qint64(value.toObject().value(QStringLiteral("arrived_at_ms")).toDouble());
        first = std::min(first, arrived);
        last = std::max(last, arrived);
    }
    return requests.size() == kMembers ? last - first : -1;
}

QString summary(QList<qint64> spreads)
{
    if (spreads.contains(-1))
        return QStringLiteral("failed");
    std::sort(spreads.begin(), spreads.end());
    return QStringLiteral("%1 / %2 / %3").arg(spreads.first()).arg(spreads.at(spreads.size() / 2)).arg(spreads.last());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs per configuration (default 5)."), QStringLiteral("N"),
                      QStringLiteral("5")});
    parser.process(app);
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());

    QTemporaryDir directory;
    QStringList tlsArguments;
    if (!prepareTls(directory, tlsArguments)) {
        qCritical("openssl could not create a test certificate");
        return 1;
    }

    QTextStream out(stdout);
    out << "16 calls at once, first token after " << kFirstTokenMs << " ms; arrival spread in ms, min / median / max of "
        << runs << " runs\n\n";
    out << "| transport | network managers | spread (ms) |\n|---|---|---|\n";
    const struct
    {
        const char *transport;
        bool tls;
        int callsPerManager;
        const char *managers;
    } rows[] = {{"HTTP", false, ChatClient::kCallsPerManager, "pool of 3 (6 calls each)"},
                {"HTTPS", true, ChatClient::kCallsPerManager, "pool of 3 (6 calls each)"},
                {"HTTP", false, 1000, "1 (all calls)"},
                {"HTTPS", true, 1000, "1 (all calls)"}};
    for (const auto &row : rows) {
        QList<qint64> spreads;
        for (int run = 0; run < runs; ++run)
            spreads.append(measureSpread(row.tls ? tlsArguments : QStringList(), row.callsPerManager));
        out << "| " << row.transport << " | " << row.managers << " | " << summary(spreads) << " |\n";
        out.flush();
    }
    return 0;
}
