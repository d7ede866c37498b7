#include "EmulatorServer.h"

#include "CompletionJson.h"
#include "CompletionResponder.h"
#include "HttpConnection.h"
#include "ModelCatalogue.h"
#include "ScenarioFaultReader.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEmulator, "consilium.emulator")

namespace {

bool isChatPath(QByteArrayView path)
{
    return path == "/api/v1/chat/completions" || path == "/v1/chat/completions";
}

bool isModelsPath(QByteArrayView path)
{
    return path == "/api/v1/models" || path == "/v1/models";
}

const HttpConnection::Headers JsonContentType{{"Content-Type", "application/json"}};

} // namespace

EmulatorServer::EmulatorServer(Scenario scenario, QObject *parent)
    : QObject(parent)
    , m_scenario(std::move(scenario))
{
    attachServer(std::make_unique<QTcpServer>());
}

void EmulatorServer::attachServer(std::unique_ptr<QTcpServer> server)
{
    m_server = std::move(server);
    // Queue far more connections than the default 30, for parallel panels.
    m_server->setMaxPendingConnections(256);
    // pendingConnectionAvailable, unlike newConnection, waits for the TLS
    // handshake when the server is a QSslServer.
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &EmulatorServer::acceptConnections);
}

bool EmulatorServer::enableTls(const QString &certificatePath, const QString &keyPath, QString *error)
{
    QFile certificateFile(certificatePath);
    QFile keyFile(keyPath);
    if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the TLS certificate %1 or key %2"_s.arg(certificatePath, keyPath);
        return false;
    }
    const QSslCertificate certificate(&certificateFile, QSsl::Pem);
    const QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
    if (certificate.isNull() || key.isNull()) {
        *error = u"%1 or %2 is not a PEM certificate and RSA key"_s.arg(certificatePath, keyPath);
        return false;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(configuration);
    attachServer(std::move(server));
    m_tls = true;
    return true;
}

bool EmulatorServer::isLoopbackAddress(const QHostAddress &address)
{
    return !address.isNull() && address.isLoopback();
}

bool EmulatorServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!isLoopbackAddress(address)) {
        *error = u"cannot listen on %1: only loopback addresses such as 127.0.0.1 or ::1 "
                 u"are allowed"_s.arg(address.toString());
        return false;
    }
    if (!m_server->listen(address, port)) {
        *error = u"cannot listen on %1 port %2: %3"_s.arg(address.toString()).arg(port)
                     .arg(m_server->errorString());
        return false;
    }
    qCInfo(lcEmulator).noquote() << "listening on" << baseUrl().toString() << "with"
                                 << m_scenario.models.size() << "models";
    return true;
}

QHostAddress EmulatorServer::serverAddress() const
{
    return m_server->serverAddress();
}

quint16 EmulatorServer::serverPort() const
{
    return m_server->serverPort();
}

QUrl EmulatorServer::baseUrl() const
{
    QUrl url;
    url.setScheme(m_tls ? u"https"_s : u"http"_s);
    url.setHost(serverAddress().toString());
    url.setPort(serverPort());
    return url;
}

void EmulatorServer::acceptConnections()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new HttpConnection(socket, this);
        connect(connection, &HttpConnection::requestReady, this, &EmulatorServer::handleRequest);
    }
}

void EmulatorServer::handleRequest(HttpConnection *connection, const HttpRequest &request)
{
    const QByteArray &path = request.path;
    const QByteArray &method = request.method;
    if (isChatPath(path) && method == "POST") {
        handleChat(connection, request);
    } else if (isModelsPath(path) && method == "GET") {
        if (rejectUnauthorized(connection, request))
            return;
        logRequest(request, QString(), u"status=200"_s);
        connection->sendResponse(200, JsonContentType, ModelCatalogue::toJson(m_scenario));
    } else if (path == "/emulator/requests" && (method == "GET" || method == "DELETE")) {
        handleRequestLog(connection, request);
    } else if (isChatPath(path) || isModelsPath(path) || path == "/emulator/requests") {
        sendError(connection, request, 405,
                  u"method %1 is not allowed on %2"_s.arg(QString::fromLatin1(method),
                                                          QString::fromLatin1(path)));
    } else {
        sendError(connection, request, 404,
                  u"no route for %1 %2"_s.arg(QString::fromLatin1(method),
                                              QString::fromLatin1(path)));
    }
}

void EmulatorServer::handleRequestLog(HttpConnection *connection, const HttpRequest &request)
{
    logRequest(request, QString(), u"status=200"_s);
    if (request.method == "DELETE") {
        m_requestLog.clear();
        connection->sendResponse(200, JsonContentType, "{\"cleared\":true}");
        return;
    }
    connection->sendResponse(200, JsonContentType,
                             QJsonDocument(m_requestLog.toJson()).toJson(QJsonDocument::Compact));
}

bool EmulatorServer::rejectUnauthorized(HttpConnection *connection, const HttpRequest &request)
{
    if (m_scenario.requireApiKey.isEmpty())
        return false;
    const QByteArray authorization = request.header("Authorization");
    if (authorization.isEmpty()) {
        sendError(connection, request, 401, u"No auth credentials found"_s);
        return true;
    }
    if (authorization != "Bearer " + m_scenario.requireApiKey.toUtf8()) {
        sendError(connection, request, 401, u"Invalid API key"_s);
        return true;
    }
    return false;
}

void EmulatorServer::handleChat(HttpConnection *connection, const HttpRequest &request)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    const QJsonObject body = document.object();
    const QString modelId = body.value("model"_L1).toString();
    const bool stream = body.value("stream"_L1).toBool(false);
    m_requestLog.record(request, modelId, stream, m_requestLog.nowEpochMs());

    if (rejectUnauthorized(connection, request))
        return;
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const QString detail = parseError.error != QJsonParseError::NoError
                                   ? u"%1 at offset %2"_s.arg(parseError.errorString())
                                         .arg(parseError.offset)
                                   : u"expected a JSON object"_s;
        sendError(connection, request, 400, u"Invalid JSON in request body: "_s + detail);
        return;
    }
    if (!body.value("model"_L1).isString() || !body.value("messages"_L1).isArray()) {
        sendError(connection, request, 400,
                  u"Invalid request: \"model\" must be a string and \"messages\" an array"_s);
        return;
    }
    const ModelSpec *model = m_scenario.findModel(modelId);
    if (!model) {
        sendError(connection, request, 404,
                  u"model '%1' not found in the emulator scenario"_s.arg(modelId), modelId);
        return;
    }

    CompletionResponder::Setup setup;
    setup.model = *model;
    setup.request = body;
    setup.stream = stream;
    setup.faultActive = takeFaultTurn(*model);
    setup.generationId = u"gen-emu-%1"_s.arg(++m_generationCount);
    setup.createdSeconds = QDateTime::currentSecsSinceEpoch();

    QString outcome = u"status=200"_s;
    if (setup.faultActive && model->replay)
        outcome = u"replay"_s;
    else if (setup.faultActive && model->fault.kind == FaultSpec::Kind::HttpError)
        outcome = u"status=%1 fault=http_error"_s.arg(model->fault.status);
    else if (setup.faultActive && model->fault.kind != FaultSpec::Kind::None)
        outcome += u" fault="_s + ScenarioFaultReader::kindName(model->fault.kind);
    logRequest(request, modelId, outcome + (stream ? u" stream=true"_s : u" stream=false"_s));

    auto *responder = new CompletionResponder(connection, std::move(setup));
    responder->start();
}

bool EmulatorServer::takeFaultTurn(const ModelSpec &model)
{
    if (model.fault.kind == FaultSpec::Kind::None && !model.replay)
        return false;
    const int turn = m_requestCountByModel.value(model.id, 0);
    m_requestCountByModel.insert(model.id, turn + 1);
    return model.failFirstN < 0 || turn < model.failFirstN;
}

void EmulatorServer::sendError(HttpConnection *connection, const HttpRequest &request, int status,
                               const QString &message, const QString &model)
{
    logRequest(request, model, u"status=%1"_s.arg(status));
    connection->sendResponse(status, JsonContentType, CompletionJson::errorBody(status, message));
}

void EmulatorServer::logRequest(const HttpRequest &request, const QString &model,
                                const QString &outcome) const
{
    // Only the method, path and model are logged, never headers, so no
    // Authorization value can reach the log.
    QString line = QString::fromLatin1(request.method + ' ' + request.path);
    if (!model.isEmpty())
        line += u" model="_s + model;
    qCInfo(lcEmulator).noquote() << line << outcome;
}
