#include "DecimalPrice.h"

#include <limits>

namespace DecimalPrice {

namespace {

bool appendDigits(QStringView digits, qint64 &value)
{
    for (const QChar c : digits) {
        if (!c.isDigit() || c.unicode() > u'9')
            return false;
        const qint64 digit = c.unicode() - u'0';
        if (value > (std::numeric_limits<qint64>::max() - digit) / 10)
            return false;
        value = value * 10 + digit;
    }
    return true;
}

} // namespace

std::optional<qint64> parsePico(QStringView text)
{
    bool negative = false;
    if (text.startsWith(u'-')) {
        negative = true;
        text = text.mid(1);
    }
    const qsizetype dot = text.indexOf(u'.');
    const QStringView whole = dot < 0 ? text : text.left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : text.mid(dot + 1);
    if (whole.isEmpty() || (dot >= 0 && fraction.isEmpty()) || fraction.size() > FractionDigits)
        return std::nullopt;

    qint64 value = 0;
    if (!appendDigits(whole, value) || !appendDigits(fraction, value))
        return std::nullopt;
    for (qsizetype i = fraction.size(); i < FractionDigits; ++i) {
        if (value > std::numeric_limits<qint64>::max() / 10)
            return std::nullopt;
        value *= 10;
    }
    return negative ? -value : value;
}

QByteArray formatPico(qint64 pico)
{
    const bool negative = pico < 0;
    // The magnitude of qint64's minimum does not fit in qint64, so use quint64.
    const quint64 magnitude = negative ? 0 - static_cast<quint64>(pico) : static_cast<quint64>(pico);
    quint64 scale = 1;
    for (int i = 0; i < FractionDigits; ++i)
        scale *= 10;

    QByteArray text = negative ? QByteArrayLiteral("-") : QByteArray();
    text += QByteArray::number(magnitude / scale);
    QByteArray fraction = QByteArray::number(magnitude % scale).rightJustified(FractionDigits, '0');
    while (fraction.endsWith('0'))
        fraction.chop(1);
    if (!fraction.isEmpty()) {
        text += '.';
        text += fraction;
    }
    return text;
}

std::optional<qint64> multiply(qint64 tokens, qint64 picoPerToken)
{
    qint64 result = 0;
    if (__builtin_mul_overflow(tokens, picoPerToken, &result))
        return std::nullopt;
    return result;
}

} // namespace DecimalPrice
