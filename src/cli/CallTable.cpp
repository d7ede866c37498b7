// The per-call table that consilium-cli prints after the answer.
#include "FuseCommand.h"

#include "fusion/Turn.h"

#include <QList>
#include <QStringList>

namespace Consilium::Cli {

namespace {

QString millisecondsText(qint64 milliseconds)
{
    return milliseconds < 0 ? QStringLiteral("-") : QStringLiteral("%1 ms").arg(milliseconds);
}

QString costText(const CallCost &cost)
{
    if (!cost.cost)
        return QStringLiteral("unknown");
    QString text = QStringLiteral("$") + cost.cost->toDecimalString();
    if (cost.source != CostSource::Provider)
        text += QStringLiteral(" (%1)").arg(costSourceName(cost.source));
    return text;
}

QStringList rowFor(const CallRecord &call)
{
    const CallOutcome &outcome = call.outcome;
    const QString tokensMark = call.cost.tokensEstimated ? QStringLiteral("~") : QString();
    return {call.model,
            call.stageText(),
            callStatusName(outcome.status),
            tokensMark + QString::number(call.cost.promptTokens),
            tokensMark + QString::number(call.cost.completionTokens),
            millisecondsText(outcome.timings.timeToFirstTokenMs()),
            millisecondsText(outcome.timings.latencyMs()),
            costText(call.cost)};
}

} // namespace

void FuseCommand::printTable(const Turn &turn)
{
    QList<QStringList> rows{{QStringLiteral("model"), QStringLiteral("stage"), QStringLiteral("status"),
                             QStringLiteral("in"), QStringLiteral("out"), QStringLiteral("ttft"),
                             QStringLiteral("latency"), QStringLiteral("cost")}};
    for (const CallRecord &call : turn.calls)
        rows.append(rowFor(call));

    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype column = 0; column < row.size(); ++column)
            widths[column] = std::max(widths[column], row[column].size());
    }
    for (const QStringList &row : std::as_const(rows)) {
        QStringList cells;
        for (qsizetype column = 0; column < row.size(); ++column)
            cells.append(row[column].leftJustified(widths[column]));
        m_out << cells.join(QStringLiteral("  ")).trimmed() << '\n';
    }

    for (const CallRecord &call : turn.calls) {
        if (call.outcome.status == CallStatus::Failed)
            m_out << call.model << ": " << call.outcome.error.userMessage() << '\n';
    }
    m_out << "total cost: $" << turn.totalCost().toDecimalString();
    if (const int unknown = turn.unknownCostCount())
        m_out << " (+" << unknown << " calls of unknown cost)";
    m_out << '\n';
}

} // namespace Consilium::Cli
