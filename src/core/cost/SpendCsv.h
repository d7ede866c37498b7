#pragma once

#include <QList>
#include <QString>

namespace Consilium {

struct SpendRow;

// Quotes one CSV field as RFC 4180 requires: inside double quotes, with inner
// quotes doubled, when it contains a comma, a quote, CR or LF.
QString csvField(const QString &value);

// Formats spend rows as CSV with a header line and CRLF line ends
// (RFC 4180). Amounts are exact decimal US dollars ("0.000026"), never
// rounded for display.
QString spendRowsToCsv(const QList<SpendRow> &rows);

} // namespace Consilium
