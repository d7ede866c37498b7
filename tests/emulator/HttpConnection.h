#pragma once

#include "HttpRequestParser.h"

#include <QObject>

class QTcpSocket;

// One HTTP/1.1 connection. It parses requests one at a time, emits each, and
// waits until the handler completes the response before reading the next one,
// so keep-alive and pipelined requests get their responses in order.
//
// A handler completes a response with sendResponse() or beginChunked() ...
// endChunked(). The fault paths (writeRaw, closeGracefully, abort) leave the
// response incomplete on purpose and end the connection instead.
// The connection deletes itself, and every child object, once the socket closes.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    HttpConnection(QTcpSocket *socket, QObject *parent);

    void sendResponse(int status, const Headers &headers, const QByteArray &body);
    void beginChunked(int status, const Headers &headers);
    void writeChunk(const QByteArray &data);
    void endChunked();
    // Ends the chunked body properly, then closes instead of keeping the
    // connection alive, as OpenRouter does after an in-band error.
    void endChunkedAndClose();

    // Writes bytes without any framing, for replayed and deliberately broken responses.
    void writeRaw(const QByteArray &data);
    // Flushes what is queued, then closes the connection with a FIN.
    void closeGracefully();
    // Drops the connection at once. The peer usually receives a TCP reset.
    void abort();

    // Writes as much queued data to the socket as it accepts without blocking.
    void flush();
    qint64 bytesToWrite() const;
    bool isConnected() const;

    static QByteArray reasonPhrase(int status);

Q_SIGNALS:
    void requestReady(HttpConnection *connection, const HttpRequest &request);
    void bytesWritten();

private:
    void readIncoming();
    void processBuffer();
    void send(const QByteArray &data);
    void finishResponse();
    void rejectRequest(int status, const QString &message);
    QByteArray statusAndHeaders(int status, const Headers &headers) const;

    QTcpSocket *m_socket;
    QByteArray m_buffer;
    HttpRequestParser m_parser;
    bool m_busy = false;
    bool m_keepAlive = true;
    bool m_closing = false;
};
