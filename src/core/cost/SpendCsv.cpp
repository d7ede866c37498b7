#include "SpendCsv.h"

#include "store/SpendQueries.h"

#include <QStringList>

namespace Consilium {

QString csvField(const QString &value)
{
    const bool needsQuotes = value.contains(u',') || value.contains(u'"') || value.contains(u'\r')
        || value.contains(u'\n');
    if (!needsQuotes)
        return value;
    QString escaped = value;
    escaped.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + escaped + u'"';
}

QString spendRowsToCsv(const QList<SpendRow> &rows)
{
    const QString lineEnd = QStringLiteral("\r\n");
    QString csv = QStringLiteral("period,model,provider,stage,cost_usd,priced_calls,unknown_cost_calls") + lineEnd;
    for (const SpendRow &row : rows) {
        const QStringList fields{
            csvField(row.period),
            csvField(row.model),
            csvField(row.provider),
            csvField(row.stage),
            row.cost.toDecimalString(),
            QString::number(row.pricedCallCount),
            QString::number(row.unknownCostCount),
        };
        csv += fields.join(u',') + lineEnd;
    }
    return csv;
}

} // namespace Consilium
