#pragma once

#include <QString>
#include <QStringView>

#include <compare>
#include <optional>

namespace Consilium {

// An exact amount of US dollars, stored as integer pico-dollars (1e-12 USD).
// OpenRouter prices are decimal strings per token, as small as 1e-10 USD,
// so sums stay exact where binary floating point would drift.
class Money
{
public:
    constexpr Money() = default;

    static constexpr Money fromPicoUsd(qint64 pico) { return Money(pico); }
    static Money fromMicroUsd(qint64 micro) { return Money(micro * 1'000'000); }

    // Parses a plain decimal such as "0.000003", "-1", "15" or "1e-6".
    // Digits beyond the twelfth decimal place are rounded half away from zero.
    static std::optional<Money> fromDecimalString(QStringView text);

    // Converts a JSON number such as usage.cost to the nearest pico-dollar.
    static std::optional<Money> fromUsd(double usd);

    constexpr qint64 picoUsd() const { return m_pico; }
    qint64 roundedMicroUsd() const;
    double usd() const { return double(m_pico) / 1e12; }
    constexpr bool isNegative() const { return m_pico < 0; }

    // Formats as a plain decimal with no trailing zeros, e.g. "0.000026".
    QString toDecimalString() const;
    // Formats for display with enough digits to show small amounts, e.g. "$0.0042".
    QString toDisplayString() const;

    constexpr Money operator+(Money other) const { return Money(m_pico + other.m_pico); }
    constexpr Money &operator+=(Money other)
    {
        m_pico += other.m_pico;
        return *this;
    }
    constexpr Money operator*(qint64 count) const { return Money(m_pico * count); }
    // Multiplies by a count from outside (token counts in a response),
    // returning nothing when the product would overflow.
    std::optional<Money> checkedTimes(qint64 count) const;
    std::optional<Money> checkedPlus(Money other) const;
    constexpr auto operator<=>(const Money &) const = default;

private:
    constexpr explicit Money(qint64 pico) : m_pico(pico) {}

    qint64 m_pico = 0;
};

} // namespace Consilium
