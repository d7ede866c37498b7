#include "ConversationExport.h"

#include <QDateTime>
#include <QJsonDocument>

namespace Consilium::ConversationExport {

namespace {

QString formatTime(qint64 epochMs)
{
    return epochMs ? QDateTime::fromMSecsSinceEpoch(epochMs).toUTC().toString(Qt::ISODate) : QStringLiteral("-");
}

QString costText(const CallCost &cost)
{
    return cost.cost ? cost.cost->toDisplayString() : QStringLiteral("unknown");
}

QString callTitle(const CallRecord &call)
{
    return QStringLiteral("%1 (%2, %3)").arg(call.model, call.stageText(), callStatusName(call.outcome.status));
}

// Markdown has no escape for a whole block, so call texts (themselves
// Markdown) are kept as they are and only single-line fields are escaped.
QString escapeMarkdownLine(QString text)
{
    static const QString special = QStringLiteral("\\`*_{}[]<>#|");
    QString escaped;
    for (const QChar character : text.replace(u'\n', u' ')) {
        if (special.contains(character))
            escaped += u'\\';
        escaped += character;
    }
    return escaped;
}

QString markdownCostTable(const Turn &turn)
{
    QString table = QStringLiteral("| Model | Stage | Status | Prompt tokens | Completion tokens | Cost |\n"
                                   "|---|---|---|---:|---:|---:|\n");
    for (const CallRecord &call : turn.calls) {
        table += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                     .arg(escapeMarkdownLine(call.model), call.stageText(), callStatusName(call.outcome.status))
                     .arg(call.cost.promptTokens)
                     .arg(call.cost.completionTokens)
                     .arg(costText(call.cost));
    }
    return table + QStringLiteral("\nTotal: %1").arg(turn.totalCost().toDisplayString())
           + (turn.unknownCostCount() ? QStringLiteral(" plus %1 calls of unknown cost\n").arg(turn.unknownCostCount())
                                      : QStringLiteral("\n"));
}

QString htmlCostTable(const Turn &turn)
{
    QString rows;
    for (const CallRecord &call : turn.calls) {
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td class=\"n\">%4</td><td class=\"n\">%5</td>"
                               "<td class=\"n\">%6</td></tr>\n")
                    .arg(call.model.toHtmlEscaped(), call.stageText().toHtmlEscaped(),
                         callStatusName(call.outcome.status))
                    .arg(call.cost.promptTokens)
                    .arg(call.cost.completionTokens)
                    .arg(costText(call.cost).toHtmlEscaped());
    }
    return QStringLiteral("<table><tr><th>Model</th><th>Stage</th><th>Status</th><th>Prompt tokens</th>"
                          "<th>Completion tokens</th><th>Cost</th></tr>\n%1<tr><td colspan=\"5\">Total</td>"
                          "<td class=\"n\">%2</td></tr></table>\n")
        .arg(rows, turn.totalCost().toDisplayString().toHtmlEscaped());
}

} // namespace

QString markdownHeader(const ConversationSummary &summary)
{
    return QStringLiteral("# %1\n\nCreated %2, updated %3.\n\n")
        .arg(escapeMarkdownLine(summary.title), formatTime(summary.createdAtMs), formatTime(summary.updatedAtMs));
}

QString markdownTurn(const StoredTurn &stored, int number)
{
    const Turn &turn = stored.turn;
    QString text = QStringLiteral("## Turn %1\n\n").arg(number);
    text += QStringLiteral("**Prompt** (%1, strategy %2, %3):\n\n").arg(formatTime(stored.createdAtMs),
                                                                        escapeMarkdownLine(turn.strategy),
                                                                        turnStateName(stored.state));
    for (const QString &line : turn.prompt.split(u'\n'))
        text += QStringLiteral("> ") + line + u'\n';
    text += QStringLiteral("\n### Answer\n\n");
    if (turn.failure)
        text += QStringLiteral("*Failed (%1): %2*\n\n").arg(turnFailureName(*turn.failure), escapeMarkdownLine(turn.failureMessage));
    text += turn.answer + QStringLiteral("\n\n");
    if (turn.degraded)
        text += QStringLiteral("*Degraded: %1*\n\n").arg(escapeMarkdownLine(turn.degradedReason));
    for (const CallRecord &call : turn.calls) {
        text += QStringLiteral("### %1\n\n").arg(escapeMarkdownLine(callTitle(call)));
        text += (call.outcome.text.isEmpty() ? QStringLiteral("*(no text)*") : call.outcome.text) + QStringLiteral("\n\n");
        if (call.outcome.error.isError())
            text += QStringLiteral("*Error: %1*\n\n").arg(escapeMarkdownLine(call.outcome.error.message));
    }
    if (!turn.analysis.isEmpty()) {
        text += QStringLiteral("### Analysis\n\n```json\n%1```\n\n")
                    .arg(QString::fromUtf8(QJsonDocument(turn.analysis).toJson(QJsonDocument::Indented)));
    }
    return text + QStringLiteral("### Costs\n\n") + markdownCostTable(turn) + u'\n';
}

QString htmlHeader(const ConversationSummary &summary)
{
    return QStringLiteral(
               "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>%1</title>\n<style>\n"
               "body { font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }\n"
               "pre { white-space: pre-wrap; background: #f5f5f5; padding: 0.8em; border-radius: 4px; }\n"
               "blockquote { border-left: 4px solid #ccc; margin: 0; padding-left: 1em; color: #333; }\n"
               "details { margin: 0.5em 0; } summary { cursor: pointer; font-weight: bold; }\n"
               "table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 0.2em 0.6em; }\n"
               "td.n { text-align: right; } .note { color: #8a5a00; }\n"
               "</style></head><body>\n<h1>%1</h1>\n<p>Created %2, updated %3.</p>\n")
        .arg(summary.title.toHtmlEscaped(), formatTime(summary.createdAtMs), formatTime(summary.updatedAtMs));
}

QString htmlTurn(const StoredTurn &stored, int number)
{
    const Turn &turn = stored.turn;
    QString html = QStringLiteral("<section>\n<h2>Turn %1</h2>\n<blockquote><pre>%2</pre></blockquote>\n")
                       .arg(number)
                       .arg(turn.prompt.toHtmlEscaped());
    html += QStringLiteral("<h3>Answer</h3>\n");
    if (turn.failure)
        html += QStringLiteral("<p class=\"note\">Failed (%1): %2</p>\n")
                    .arg(turnFailureName(*turn.failure), turn.failureMessage.toHtmlEscaped());
    html += QStringLiteral("<pre>%1</pre>\n").arg(turn.answer.toHtmlEscaped());
    if (turn.degraded)
        html += QStringLiteral("<p class=\"note\">Degraded: %1</p>\n").arg(turn.degradedReason.toHtmlEscaped());
    for (const CallRecord &call : turn.calls) {
        html += QStringLiteral("<details><summary>%1</summary>\n<pre>%2</pre>\n")
                    .arg(callTitle(call).toHtmlEscaped(), call.outcome.text.toHtmlEscaped());
        if (call.outcome.error.isError())
            html += QStringLiteral("<p class=\"note\">Error: %1</p>\n").arg(call.outcome.error.message.toHtmlEscaped());
        html += QStringLiteral("</details>\n");
    }
    if (!turn.analysis.isEmpty()) {
        html += QStringLiteral("<h3>Analysis</h3>\n<pre>%1</pre>\n")
                    .arg(QString::fromUtf8(QJsonDocument(turn.analysis).toJson(QJsonDocument::Indented)).toHtmlEscaped());
    }
    return html + QStringLiteral("<h3>Costs</h3>\n") + htmlCostTable(turn) + QStringLiteral("</section>\n");
}

QString htmlFooter()
{
    return QStringLiteral("</body></html>\n");
}

} // namespace Consilium::ConversationExport
