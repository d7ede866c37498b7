#include "JsonFieldReader.h"

#include "DecimalPrice.h"

#include <QJsonValue>

#include <cmath>

using namespace Qt::StringLiterals;

JsonFieldReader::JsonFieldReader(const QJsonObject &object, const QString &path)
    : m_object(object)
    , m_path(path)
{
}

QString JsonFieldReader::fieldPath(QLatin1StringView key) const
{
    return m_path.isEmpty() ? QString(key) : m_path + u'.' + key;
}

bool JsonFieldReader::has(QLatin1StringView key) const
{
    return m_object.contains(key);
}

void JsonFieldReader::fail(QLatin1StringView key, const QString &problem) const
{
    const QString where = key.isEmpty() ? (m_path.isEmpty() ? u"(top level)"_s : m_path)
                                        : fieldPath(key);
    throw JsonFieldError{where + u": "_s + problem};
}

void JsonFieldReader::rejectUnknownKeys(const QStringList &allowed) const
{
    const QStringList keys = m_object.keys();
    for (const QString &key : keys) {
        if (!allowed.contains(key)) {
            fail(QLatin1StringView(), u"unknown key '"_s + key + u"', expected one of "_s
                                          + allowed.join(u", "_s));
        }
    }
}

QString JsonFieldReader::requiredString(QLatin1StringView key) const
{
    if (!has(key))
        fail(key, u"missing required string"_s);
    return *optionalString(key);
}

std::optional<QString> JsonFieldReader::optionalString(QLatin1StringView key) const
{
    if (!has(key))
        return std::nullopt;
    const QJsonValue value = m_object.value(key);
    if (!value.isString())
        fail(key, u"expected a string"_s);
    return value.toString();
}

std::optional<qint64> JsonFieldReader::optionalInteger(QLatin1StringView key, qint64 min,
                                                       qint64 max) const
{
    if (!has(key))
        return std::nullopt;
    const QJsonValue value = m_object.value(key);
    const double number = value.toDouble();
    if (!value.isDouble() || std::trunc(number) != number)
        fail(key, u"expected an integer"_s);
    if (number < static_cast<double>(min) || number > static_cast<double>(max)) {
        fail(key, u"value %1 is out of range, expected %2 to %3"_s.arg(number).arg(min).arg(max));
    }
    return static_cast<qint64>(number);
}

std::optional<double> JsonFieldReader::optionalNumber(QLatin1StringView key, double min,
                                                      double max) const
{
    if (!has(key))
        return std::nullopt;
    const QJsonValue value = m_object.value(key);
    if (!value.isDouble())
        fail(key, u"expected a number"_s);
    const double number = value.toDouble();
    if (number < min || number > max)
        fail(key, u"value %1 is out of range, expected %2 to %3"_s.arg(number).arg(min).arg(max));
    return number;
}

std::optional<bool> JsonFieldReader::optionalBool(QLatin1StringView key) const
{
    if (!has(key))
        return std::nullopt;
    const QJsonValue value = m_object.value(key);
    if (!value.isBool())
        fail(key, u"expected true or false"_s);
    return value.toBool();
}

QString JsonFieldReader::requiredChoice(QLatin1StringView key, const QStringList &allowed) const
{
    const QString value = requiredString(key);
    if (!allowed.contains(value)) {
        fail(key, u"unknown value '"_s + value + u"', expected one of "_s
                      + allowed.join(u", "_s));
    }
    return value;
}

std::optional<QString> JsonFieldReader::optionalDecimal(QLatin1StringView key) const
{
    if (!has(key))
        return std::nullopt;
    if (!m_object.value(key).isString())
        fail(key, u"expected a decimal number written as a string, such as \"0.000003\""_s);
    const QString text = m_object.value(key).toString();
    if (!DecimalPrice::parsePico(text)) {
        fail(key, u"invalid decimal '"_s + text
                      + u"', expected digits with an optional '-' and at most 12 decimals"_s);
    }
    return text;
}

JsonFieldReader JsonFieldReader::requiredObject(QLatin1StringView key) const
{
    if (!has(key))
        fail(key, u"missing required object"_s);
    return *optionalObject(key);
}

std::optional<JsonFieldReader> JsonFieldReader::optionalObject(QLatin1StringView key) const
{
    if (!has(key))
        return std::nullopt;
    const QJsonValue value = m_object.value(key);
    if (!value.isObject())
        fail(key, u"expected an object"_s);
    return JsonFieldReader(value.toObject(), fieldPath(key));
}
