#include "HttpConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

HttpConnection::HttpConnection(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readIncoming);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::bytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    // Bytes may have arrived before the signal was connected.
    QTimer::singleShot(0, this, &HttpConnection::readIncoming);
}

void HttpConnection::readIncoming()
{
    m_buffer += m_socket->readAll();
    // While a response is in progress, pipelined requests wait in the buffer.
    // The bound stops a client from filling memory in the meantime.
    const qsizetype limit = HttpRequestParser::MaxHeaderBytes + HttpRequestParser::MaxBodyBytes;
    if (m_busy && m_buffer.size() > limit) {
        abort();
        return;
    }
    processBuffer();
}

void HttpConnection::processBuffer()
{
    if (m_busy || m_closing)
        return;

    switch (m_parser.parse(m_buffer)) {
    case HttpRequestParser::Result::NeedMoreData:
        if (m_parser.takeContinueRequest())
            send("HTTP/1.1 100 Continue\r\n\r\n");
        return;
    case HttpRequestParser::Result::Error:
        rejectRequest(m_parser.errorStatus(), m_parser.errorMessage());
        return;
    case HttpRequestParser::Result::Complete:
        break;
    }

    const HttpRequest request = m_parser.takeRequest();
    m_busy = true;
    m_keepAlive = request.keepAlive;
    Q_EMIT requestReady(this, request);
}

void HttpConnection::rejectRequest(int status, const QString &message)
{
    // The stream position is unknown after a parse error, so the connection
    // cannot serve another request.
    m_busy = true;
    m_keepAlive = false;
    const QJsonObject error{{u"code"_s, status}, {u"message"_s, message}};
    const QByteArray body = QJsonDocument(QJsonObject{{u"error"_s, error}})
                                .toJson(QJsonDocument::Compact);
    sendResponse(status, {{"Content-Type", "application/json"}}, body);
}

QByteArray HttpConnection::statusAndHeaders(int status, const Headers &headers) const
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
                      + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    head += m_keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    return head;
}

void HttpConnection::sendResponse(int status, const Headers &headers, const QByteArray &body)
{
    QByteArray data = statusAndHeaders(status, headers);
    data += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    data += body;
    send(data);
    finishResponse();
}

void HttpConnection::beginChunked(int status, const Headers &headers)
{
    send(statusAndHeaders(status, headers) + "Transfer-Encoding: chunked\r\n\r\n");
}

void HttpConnection::writeChunk(const QByteArray &data)
{
    if (data.isEmpty())
        return; // An empty chunk would end the body.
    send(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void HttpConnection::endChunked()
{
    send("0\r\n\r\n");
    finishResponse();
}

void HttpConnection::endChunkedAndClose()
{
    send("0\r\n\r\n");
    closeGracefully();
}

void HttpConnection::writeRaw(const QByteArray &data)
{
    send(data);
}

void HttpConnection::send(const QByteArray &data)
{
    // Timers of a response can fire after the peer left but before the
    // deferred delete runs, and writing then would only produce warnings.
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(data);
}

void HttpConnection::closeGracefully()
{
    m_closing = true;
    m_socket->disconnectFromHost();
}

void HttpConnection::abort()
{
    m_closing = true;
    m_socket->abort();
    deleteLater();
}

void HttpConnection::flush()
{
    m_socket->flush();
}

qint64 HttpConnection::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

bool HttpConnection::isConnected() const
{
    return !m_closing && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpConnection::finishResponse()
{
    if (!m_keepAlive) {
        closeGracefully();
        return;
    }
    m_busy = false;
    QTimer::singleShot(0, this, &HttpConnection::processBuffer);
}

QByteArray HttpConnection::reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}
