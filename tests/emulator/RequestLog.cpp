#include "RequestLog.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

RequestLog::RequestLog()
    : m_epochAtStartMs(QDateTime::currentMSecsSinceEpoch())
{
    m_monotonic.start();
}

qint64 RequestLog::nowEpochMs() const
{
    return m_epochAtStartMs + m_monotonic.nsecsElapsed() / 1'000'000;
}

void RequestLog::record(const HttpRequest &request, const QString &model, bool stream,
                        qint64 arrivedAtMs)
{
    QJsonObject headers;
    for (const auto &[name, value] : request.headers) {
        const QString key = QString::fromLatin1(name);
        const bool secret = name.compare("Authorization", Qt::CaseInsensitive) == 0;
        const QString text = secret ? u"<redacted>"_s : QString::fromUtf8(value);
        // Repeated headers are joined as RFC 9110 allows for list-valued fields.
        headers.insert(key, headers.contains(key) ? headers.value(key).toString() + u", "_s + text
                                                  : text);
    }

    QJsonParseError parseError;
    const QJsonDocument body = QJsonDocument::fromJson(request.body, &parseError);
    const QJsonValue bodyValue = parseError.error == QJsonParseError::NoError && body.isObject()
                                     ? QJsonValue(body.object())
                                     : QJsonValue(QString::fromUtf8(request.body));

    m_entries.append(QJsonObject{
        {u"model"_s, model},
        {u"path"_s, QString::fromLatin1(request.path)},
        {u"arrived_at_ms"_s, arrivedAtMs},
        {u"stream"_s, stream},
        {u"headers"_s, headers},
        {u"body"_s, bodyValue},
    });
}

void RequestLog::clear()
{
    m_entries = QJsonArray();
}

QJsonArray RequestLog::toJson() const
{
    return m_entries;
}
