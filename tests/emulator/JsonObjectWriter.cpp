#include "JsonObjectWriter.h"

JsonObjectWriter &JsonObjectWriter::addString(QLatin1StringView key, QStringView value)
{
    addKey(key);
    m_body += quote(value);
    return *this;
}

JsonObjectWriter &JsonObjectWriter::addInteger(QLatin1StringView key, qint64 value)
{
    addKey(key);
    m_body += QByteArray::number(value);
    return *this;
}

JsonObjectWriter &JsonObjectWriter::addBool(QLatin1StringView key, bool value)
{
    addKey(key);
    m_body += value ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    return *this;
}

JsonObjectWriter &JsonObjectWriter::addNull(QLatin1StringView key)
{
    addKey(key);
    m_body += QByteArrayLiteral("null");
    return *this;
}

JsonObjectWriter &JsonObjectWriter::addRaw(QLatin1StringView key, const QByteArray &json)
{
    addKey(key);
    m_body += json;
    return *this;
}

QByteArray JsonObjectWriter::toJson() const
{
    return '{' + m_body + '}';
}

void JsonObjectWriter::addKey(QLatin1StringView key)
{
    if (!m_body.isEmpty())
        m_body += ',';
    m_body += quote(QString(key)) + ':';
}

QByteArray JsonObjectWriter::quote(QStringView value)
{
    // Escapes as RFC 8259 requires: quote, backslash and control characters.
    // Everything else is written as UTF-8, like OpenRouter does.
    QByteArray out;
    out.reserve(value.size() + 2);
    out += '"';
    const QByteArray utf8 = value.toUtf8();
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (byte < 0x20)
                out += "\\u00" + QByteArray::number(byte, 16).rightJustified(2, '0');
            else
                out += c;
        }
    }
    out += '"';
    return out;
}
