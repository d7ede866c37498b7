#include "HttpRequestParser.h"

using namespace Qt::StringLiterals;

namespace {

bool isTokenChar(char c)
{
    // RFC 9110 "tchar": the characters allowed in methods and header names.
    static constexpr QByteArrayView extra("!#$%&'*+-.^_`|~");
    const auto byte = static_cast<unsigned char>(c);
    return (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z')
           || (byte >= 'A' && byte <= 'Z') || extra.contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    return std::any_of(headers.cbegin(), headers.cend(), [name](const auto &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}

HttpRequestParser::Result HttpRequestParser::parse(QByteArray &buffer)
{
    if (!m_headParsed) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (buffer.size() > MaxHeaderBytes)
                return fail(431, u"request header is larger than 64 KiB"_s);
            return Result::NeedMoreData;
        }
        if (headEnd > MaxHeaderBytes)
            return fail(431, u"request header is larger than 64 KiB"_s);
        const Result headResult = parseHead(buffer.left(headEnd));
        buffer.remove(0, headEnd + 4);
        if (headResult == Result::Error)
            return headResult;
        m_headParsed = true;
    }

    if (buffer.size() < m_bodyLength)
        return Result::NeedMoreData;
    m_request.body = buffer.left(m_bodyLength);
    buffer.remove(0, m_bodyLength);
    m_continuePending = false;
    return Result::Complete;
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest request = std::move(m_request);
    m_request = HttpRequest();
    m_headParsed = false;
    m_bodyLength = 0;
    return request;
}

bool HttpRequestParser::takeContinueRequest()
{
    return std::exchange(m_continuePending, false);
}

HttpRequestParser::Result HttpRequestParser::parseHead(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (!line.endsWith('\r') && i + 1 < lines.size())
            return fail(400, u"header line does not end with CRLF"_s);
        if (line.endsWith('\r'))
            line.chop(1);
        const bool valid = i == 0 ? parseRequestLine(line) : parseHeaderLine(line);
        if (!valid)
            return Result::Error;
    }

    const QByteArray version = m_request.version;
    const QByteArray connection = m_request.header("Connection").toLower();
    m_request.keepAlive = version == "HTTP/1.1" ? !connection.contains("close")
                                                : connection.contains("keep-alive");
    if (version == "HTTP/1.1" && !m_request.hasHeader("Host"))
        return fail(400, u"HTTP/1.1 request without Host header"_s);
    if (m_request.hasHeader("Transfer-Encoding"))
        return fail(501, u"request bodies with Transfer-Encoding are not supported"_s);

    qsizetype length = 0;
    bool lengthSeen = false;
    for (const auto &[name, value] : std::as_const(m_request.headers)) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray text = value.trimmed();
        bool ok = !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) {
            return c >= '0' && c <= '9';
        });
        const qsizetype parsed = ok ? text.toLongLong(&ok) : 0;
        if (!ok || (lengthSeen && parsed != length))
            return fail(400, u"invalid Content-Length"_s);
        length = parsed;
        lengthSeen = true;
    }
    if (length > MaxBodyBytes)
        return fail(413, u"request body is larger than 8 MiB"_s);
    m_bodyLength = length;
    m_continuePending = length > 0 && m_request.header("Expect").toLower() == "100-continue";
    return Result::Complete;
}

bool HttpRequestParser::parseRequestLine(const QByteArray &line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || !parts.at(1).startsWith('/')) {
        fail(400, u"malformed request line"_s);
        return false;
    }
    if (parts.at(2) != "HTTP/1.1" && parts.at(2) != "HTTP/1.0") {
        fail(400, u"unsupported HTTP version"_s);
        return false;
    }
    m_request.method = parts.at(0);
    m_request.target = parts.at(1);
    const qsizetype query = m_request.target.indexOf('?');
    m_request.path = query < 0 ? m_request.target : m_request.target.left(query);
    m_request.version = parts.at(2);
    return true;
}

bool HttpRequestParser::parseHeaderLine(const QByteArray &line)
{
    const qsizetype colon = line.indexOf(':');
    // A name with surrounding spaces or a folded continuation line is invalid.
    if (colon <= 0 || !isToken(QByteArrayView(line).first(colon))) {
        fail(400, u"malformed header line"_s);
        return false;
    }
    m_request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    return true;
}

HttpRequestParser::Result HttpRequestParser::fail(int status, const QString &message)
{
    m_errorStatus = status;
    m_errorMessage = message;
    return Result::Error;
}
