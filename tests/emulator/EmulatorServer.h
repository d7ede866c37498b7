#pragma once

#include "RequestLog.h"
#include "Scenario.h"

#include <QHash>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcEmulator)

class HttpConnection;
struct HttpRequest;

// Loopback HTTP server that plays the OpenRouter API from a scenario:
// chat completions (stream and non-stream), the model catalogue, and
// /emulator/requests for inspecting what the client sent.
class EmulatorServer : public QObject
{
    Q_OBJECT

public:
    explicit EmulatorServer(Scenario scenario, QObject *parent = nullptr);

    // Binds to address and port (0 picks a free port). Rejects any address
    // that is not loopback, so the emulator is never reachable from outside.
    bool listen(const QHostAddress &address, quint16 port, QString *error);

    static bool isLoopbackAddress(const QHostAddress &address);

    // Serves HTTPS with this PEM certificate and key instead of plain HTTP.
    // Call before listen(). Returns false with a message when a file is
    // missing or not valid PEM.
    bool enableTls(const QString &certificatePath, const QString &keyPath, QString *error);

    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    // Returns "http://127.0.0.1:PORT" or "http://[::1]:PORT" (https with TLS).
    QUrl baseUrl() const;

    const RequestLog &requestLog() const { return m_requestLog; }

private:
    void acceptConnections();
    void handleRequest(HttpConnection *connection, const HttpRequest &request);
    void handleChat(HttpConnection *connection, const HttpRequest &request);
    void handleRequestLog(HttpConnection *connection, const HttpRequest &request);
    bool rejectUnauthorized(HttpConnection *connection, const HttpRequest &request);
    bool takeFaultTurn(const ModelSpec &model);
    void sendError(HttpConnection *connection, const HttpRequest &request, int status,
                   const QString &message, const QString &model = QString());
    void logRequest(const HttpRequest &request, const QString &model, const QString &outcome) const;

    Scenario m_scenario;
    void attachServer(std::unique_ptr<QTcpServer> server);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    RequestLog m_requestLog;
    QHash<QString, int> m_requestCountByModel;
    quint64 m_generationCount = 0;
};
