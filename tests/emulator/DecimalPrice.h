#pragma once

#include <QByteArray>
#include <QStringView>

#include <optional>

// Exact decimal arithmetic for OpenRouter prices and costs. Amounts are held
// as integer pico-dollars (1e-12 USD), so a price string such as "0.000003"
// and any cost built from it stay free of binary rounding.
namespace DecimalPrice {

inline constexpr int FractionDigits = 12;

// Parses a plain decimal such as "0.000003", "15" or "-1". Returns nullopt
// for anything else, including exponents and more than 12 fraction digits.
std::optional<qint64> parsePico(QStringView text);

// Formats pico-dollars as a JSON number without exponent or trailing zeros,
// for example 26000000 -> "0.000026" and 0 -> "0".
QByteArray formatPico(qint64 pico);

// Returns tokens * picoPerToken, or nullopt on overflow.
std::optional<qint64> multiply(qint64 tokens, qint64 picoPerToken);

} // namespace DecimalPrice
