#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// Thrown by JsonFieldReader. message starts with the JSON path of the field.
struct JsonFieldError
{
    QString message;
};

// Typed, range-checked access to the fields of one JSON object, with errors
// that name the field by its path (for example "models[1].reply.text").
class JsonFieldReader
{
public:
    JsonFieldReader(const QJsonObject &object, const QString &path);

    const QJsonObject &object() const { return m_object; }
    const QString &path() const { return m_path; }
    QString fieldPath(QLatin1StringView key) const;
    bool has(QLatin1StringView key) const;

    // Throws if the object has a key outside allowed.
    void rejectUnknownKeys(const QStringList &allowed) const;

    QString requiredString(QLatin1StringView key) const;
    std::optional<QString> optionalString(QLatin1StringView key) const;
    std::optional<qint64> optionalInteger(QLatin1StringView key, qint64 min, qint64 max) const;
    std::optional<double> optionalNumber(QLatin1StringView key, double min, double max) const;
    std::optional<bool> optionalBool(QLatin1StringView key) const;
    // Returns the string if it is one of allowed, else throws listing them.
    QString requiredChoice(QLatin1StringView key, const QStringList &allowed) const;
    // Decimal number given as a JSON string, such as "0.000003".
    std::optional<QString> optionalDecimal(QLatin1StringView key) const;

    JsonFieldReader requiredObject(QLatin1StringView key) const;
    std::optional<JsonFieldReader> optionalObject(QLatin1StringView key) const;

    [[noreturn]] void fail(QLatin1StringView key, const QString &problem) const;

private:
    QJsonObject m_object;
    QString m_path;
};
