#include "JsonFieldReader.h"

namespace Consilium {

void JsonFieldReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

void JsonFieldReader::failAt(QStringView key, const QString &problem)
{
    QStringList place = m_path;
    place.append(key.toString());
    fail(place.join(u'.') + QStringLiteral(": ") + problem);
}

QJsonValue JsonFieldReader::required(const QJsonObject &object, QStringView key, QJsonValue::Type type,
                                     const char *typeName)
{
    if (!ok())
        return {};
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        failAt(key, QStringLiteral("missing"));
        return {};
    }
    if (value.type() != type) {
        failAt(key, QStringLiteral("must be %1").arg(QLatin1StringView(typeName)));
        return {};
    }
    return value;
}

QString JsonFieldReader::string(const QJsonObject &object, QStringView key)
{
    return required(object, key, QJsonValue::String, "a string").toString();
}

qint64 JsonFieldReader::integer(const QJsonObject &object, QStringView key)
{
    const QJsonValue value = required(object, key, QJsonValue::Double, "a number");
    if (!ok())
        return 0;
    const qint64 whole = value.toInteger();
    if (double(whole) != value.toDouble())
        failAt(key, QStringLiteral("must be a whole number"));
    return whole;
}

bool JsonFieldReader::boolean(const QJsonObject &object, QStringView key)
{
    return required(object, key, QJsonValue::Bool, "true or false").toBool();
}

QJsonObject JsonFieldReader::object(const QJsonObject &object, QStringView key)
{
    return required(object, key, QJsonValue::Object, "an object").toObject();
}

QJsonArray JsonFieldReader::array(const QJsonObject &object, QStringView key)
{
    return required(object, key, QJsonValue::Array, "an array").toArray();
}

std::optional<QString> JsonFieldReader::optionalString(const QJsonObject &object, QStringView key)
{
    const QJsonValue value = object.value(key);
    if (!ok() || value.isUndefined() || value.isNull())
        return std::nullopt;
    return string(object, key);
}

std::optional<qint64> JsonFieldReader::optionalInteger(const QJsonObject &object, QStringView key)
{
    const QJsonValue value = object.value(key);
    if (!ok() || value.isUndefined() || value.isNull())
        return std::nullopt;
    return integer(object, key);
}

std::optional<QJsonObject> JsonFieldReader::optionalObject(const QJsonObject &object, QStringView key)
{
    const QJsonValue value = object.value(key);
    if (!ok() || value.isUndefined() || value.isNull())
        return std::nullopt;
    return this->object(object, key);
}

std::optional<Money> JsonFieldReader::optionalMoney(const QJsonObject &object, QStringView key)
{
    const std::optional<QString> text = optionalString(object, key);
    if (!text)
        return std::nullopt;
    const std::optional<Money> amount = Money::fromDecimalString(*text);
    if (!amount)
        failAt(key, QStringLiteral("\"%1\" is not a decimal amount of USD").arg(*text));
    return amount;
}

QJsonObject JsonFieldReader::enter(const QJsonObject &object, QStringView key)
{
    const QJsonObject nested = this->object(object, key);
    m_path.append(key.toString());
    return nested;
}

QJsonObject JsonFieldReader::enterIndex(QStringView arrayKey, qsizetype index, const QJsonValue &element)
{
    const QString segment = QStringLiteral("%1[%2]").arg(arrayKey).arg(index);
    if (ok() && !element.isObject()) {
        QStringList place = m_path;
        place.append(segment);
        fail(place.join(u'.') + QStringLiteral(": must be an object"));
    }
    m_path.append(segment);
    return element.toObject();
}

void JsonFieldReader::leave()
{
    if (!m_path.isEmpty())
        m_path.removeLast();
}

} // namespace Consilium
