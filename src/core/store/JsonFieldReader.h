#pragma once

#include "common/Money.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace Consilium {

// Reads required and optional fields of untrusted JSON and keeps the first
// problem with its place, e.g. "turns[2].calls[0].text: missing". After a
// problem every read returns a default value, so a reader can go on
// without checking each field and look at ok() once at the end.
class JsonFieldReader
{
public:
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    // Records `message` (which names its field) unless a problem is known.
    void fail(const QString &message);

    QString string(const QJsonObject &object, QStringView key);
    qint64 integer(const QJsonObject &object, QStringView key);
    bool boolean(const QJsonObject &object, QStringView key);
    QJsonObject object(const QJsonObject &object, QStringView key);
    QJsonArray array(const QJsonObject &object, QStringView key);

    // Absent or null give nothing; another type is a problem.
    std::optional<QString> optionalString(const QJsonObject &object, QStringView key);
    std::optional<qint64> optionalInteger(const QJsonObject &object, QStringView key);
    std::optional<QJsonObject> optionalObject(const QJsonObject &object, QStringView key);
    // A decimal string of USD such as "0.000123".
    std::optional<Money> optionalMoney(const QJsonObject &object, QStringView key);

    template <typename Enum>
    Enum enumValue(const QJsonObject &object, QStringView key, std::optional<Enum> (*fromName)(const QString &))
    {
        const QString name = string(object, key);
        if (!ok())
            return Enum{};
        const std::optional<Enum> value = fromName(name);
        if (!value)
            failAt(key, QStringLiteral("unknown value \"%1\"").arg(name));
        return value.value_or(Enum{});
    }

    // Steps into a nested object (`key`) or array element (`key`[index]);
    // leave() steps out again.
    QJsonObject enter(const QJsonObject &object, QStringView key);
    QJsonObject enterIndex(QStringView arrayKey, qsizetype index, const QJsonValue &element);
    void leave();

private:
    // Returns the value, or records "missing" / "must be TYPE".
    QJsonValue required(const QJsonObject &object, QStringView key, QJsonValue::Type type, const char *typeName);
    void failAt(QStringView key, const QString &problem);

    QStringList m_path;
    QString m_error;
};

} // namespace Consilium
