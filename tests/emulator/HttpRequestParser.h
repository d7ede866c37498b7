#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

struct HttpRequest
{
    QByteArray method;
    QByteArray target; // as sent, including any query string
    QByteArray path;   // target without the query string
    QByteArray version;
    // Header names keep the case the client sent, in the order it sent them.
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool keepAlive = true;

    // Returns the first value of the header, matching the name case-insensitively.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

// Incremental HTTP/1.x request parser. Feed it the connection's receive
// buffer as data arrives. It consumes exactly one request per call, so
// pipelined requests stay in the buffer for the next call.
class HttpRequestParser
{
public:
    static constexpr qsizetype MaxHeaderBytes = 64 * 1024;
    static constexpr qsizetype MaxBodyBytes = 8 * 1024 * 1024;

    enum class Result { NeedMoreData, Complete, Error };

    // Parses from the front of buffer and removes what it consumed.
    Result parse(QByteArray &buffer);

    // Valid after Complete: the parsed request. Resets the parser for the next one.
    HttpRequest takeRequest();

    // Valid after Error: the status to respond with (400, 413, 431 or 501) and why.
    int errorStatus() const { return m_errorStatus; }
    QString errorMessage() const { return m_errorMessage; }

    // True once per request when the client sent "Expect: 100-continue" and
    // waits for the interim response before sending the body.
    bool takeContinueRequest();

private:
    Result parseHead(const QByteArray &head);
    bool parseRequestLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line);
    Result fail(int status, const QString &message);

    HttpRequest m_request;
    bool m_headParsed = false;
    bool m_continuePending = false;
    qsizetype m_bodyLength = 0;
    int m_errorStatus = 0;
    QString m_errorMessage;
};
