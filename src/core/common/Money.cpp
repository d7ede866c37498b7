#include "Money.h"

#include <QtNumeric>

#include <cmath>
#include <limits>

namespace Consilium {

namespace {

constexpr int kScaleDigits = 12; // pico-dollars
constexpr qint64 kMaxPico = std::numeric_limits<qint64>::max() / 10;

struct DecimalParts
{
    bool negative = false;
    QString digits;    // significant digits, no dot
    int exponent = 0;  // value = digits * 10^exponent
};

std::optional<DecimalParts> splitDecimal(QStringView text)
{
    DecimalParts parts;
    text = text.trimmed();
    if (text.startsWith(u'-') || text.startsWith(u'+')) {
        parts.negative = text.front() == u'-';
        text = text.mid(1);
    }

    qsizetype i = 0;
    bool seenDot = false;
    for (; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isDigit() && c.unicode() < 128) {
            parts.digits.append(c);
            if (seenDot)
                --parts.exponent;
        } else if (c == u'.' && !seenDot) {
            seenDot = true;
        } else {
            break;
        }
    }
    if (parts.digits.isEmpty())
        return std::nullopt;

    if (i < text.size()) {
        if (text[i] != u'e' && text[i] != u'E')
            return std::nullopt;
        bool ok = false;
        const int exponent = text.mid(i + 1).toInt(&ok);
        if (!ok || exponent < -400 || exponent > 400)
            return std::nullopt;
        parts.exponent += exponent;
    }
    return parts;
}

} // namespace

std::optional<Money> Money::fromDecimalString(QStringView text)
{
    const std::optional<DecimalParts> parts = splitDecimal(text);
    if (!parts)
        return std::nullopt;

    // Shift the digit string to a scale of 10^-12, rounding what falls off.
    const int shift = parts->exponent + kScaleDigits;
    qint64 value = 0;
    const qsizetype kept = shift >= 0 ? parts->digits.size() : parts->digits.size() + shift;
    for (qsizetype i = 0; i < kept; ++i) {
        const int digit = parts->digits[i].digitValue();
        if (value > (std::numeric_limits<qint64>::max() - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    for (int i = 0; i < shift; ++i) {
        if (value > kMaxPico)
            return std::nullopt;
        value *= 10;
    }
    if (kept >= 0 && kept < parts->digits.size() && parts->digits[kept].digitValue() >= 5) {
        if (value == std::numeric_limits<qint64>::max())
            return std::nullopt;
        ++value;
    }

    return Money(parts->negative ? -value : value);
}

std::optional<Money> Money::fromUsd(double usd)
{
    if (!std::isfinite(usd) || std::fabs(usd) > 1e6)
        return std::nullopt;
    return Money(std::llround(usd * 1e12));
}

std::optional<Money> Money::checkedTimes(qint64 count) const
{
    qint64 product = 0;
    if (qMulOverflow(m_pico, count, &product))
        return std::nullopt;
    return Money(product);
}

std::optional<Money> Money::checkedPlus(Money other) const
{
    qint64 sum = 0;
    if (qAddOverflow(m_pico, other.m_pico, &sum))
        return std::nullopt;
    return Money(sum);
}

qint64 Money::roundedMicroUsd() const
{
    // Dividing before rounding keeps values near the ends of qint64's
    // range from overflowing when half a micro-dollar is added.
    const qint64 micro = m_pico / 1'000'000;
    const qint64 remainder = m_pico % 1'000'000;
    if (remainder >= 500'000)
        return micro + 1;
    if (remainder <= -500'000)
        return micro - 1;
    return micro;
}

QString Money::toDecimalString() const
{
    const bool negative = m_pico < 0;
    const quint64 magnitude = negative ? quint64(-(m_pico + 1)) + 1 : quint64(m_pico);
    QString fraction = QString::number(magnitude % 1'000'000'000'000ULL)
                           .rightJustified(kScaleDigits, u'0');
    while (fraction.endsWith(u'0'))
        fraction.chop(1);

    QString text = QString::number(magnitude / 1'000'000'000'000ULL);
    if (!fraction.isEmpty())
        text += u'.' + fraction;
    return negative ? u'-' + text : text;
}

QString Money::toDisplayString() const
{
    const double value = usd();
    const double magnitude = std::fabs(value);
    // Keep two significant digits for sub-cent amounts, so that a small
    // cost never reads as $0.00.
    int decimals = 2;
    if (magnitude > 0 && magnitude < 0.01)
        decimals = std::min(kScaleDigits, 1 - int(std::floor(std::log10(magnitude))));
    return QStringLiteral("$") + QString::number(value, 'f', decimals);
}

} // namespace Consilium
