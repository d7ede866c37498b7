#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QStringView>

// Builder for one JSON object whose keys keep their insertion order, so the
// emulator can reproduce OpenRouter's field order and write exact decimal
// numbers (QJsonDocument sorts keys and formats numbers as doubles).
class JsonObjectWriter
{
public:
    JsonObjectWriter &addString(QLatin1StringView key, QStringView value);
    JsonObjectWriter &addInteger(QLatin1StringView key, qint64 value);
    JsonObjectWriter &addBool(QLatin1StringView key, bool value);
    JsonObjectWriter &addNull(QLatin1StringView key);
    // Adds a value that is already valid JSON text (object, array or number).
    JsonObjectWriter &addRaw(QLatin1StringView key, const QByteArray &json);

    QByteArray toJson() const;

    // Returns value as a quoted, escaped JSON string.
    static QByteArray quote(QStringView value);

private:
    void addKey(QLatin1StringView key);

    QByteArray m_body;
};
