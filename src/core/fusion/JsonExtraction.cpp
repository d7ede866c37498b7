#include "JsonExtraction.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace Consilium {

namespace {

std::optional<QJsonObject> parseObject(QStringView text, QString *error = nullptr)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = QStringLiteral("invalid JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    if (!document.isObject()) {
        if (error)
            *error = QStringLiteral("expected a JSON object at the top level");
        return std::nullopt;
    }
    return document.object();
}

// Returns the end (exclusive) of the balanced object that opens at `start`,
// skipping braces inside strings, or -1 when it never closes.
qsizetype balancedEnd(const QString &text, qsizetype start)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = start; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inString) {
            if (c == u'\\')
                ++i;
            else if (c == u'"')
                inString = false;
            continue;
        }
        if (c == u'"')
            inString = true;
        else if (c == u'{')
            ++depth;
        else if (c == u'}' && --depth == 0)
            return i + 1;
    }
    return -1;
}

} // namespace

Result<QJsonObject> extractJsonObject(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return Result<QJsonObject>::failure(QStringLiteral("the reply is empty"));

    static const QRegularExpression fence(QStringLiteral("```[A-Za-z]*[ \\t]*\\n(.*?)```"),
                                          QRegularExpression::DotMatchesEverythingOption);
    QRegularExpressionMatchIterator fences = fence.globalMatch(trimmed);
    while (fences.hasNext()) {
        if (auto object = parseObject(fences.next().capturedView(1)))
            return *object;
    }

    const qsizetype first = trimmed.indexOf(u'{');
    const qsizetype last = trimmed.lastIndexOf(u'}');
    if (first < 0 || last < first)
        return Result<QJsonObject>::failure(QStringLiteral("no JSON object found in the reply"));
    QString error;
    if (auto object = parseObject(QStringView(trimmed).sliced(first, last - first + 1), &error))
        return *object;

    for (qsizetype start = first; start >= 0; start = trimmed.indexOf(u'{', start + 1)) {
        const qsizetype end = balancedEnd(trimmed, start);
        if (end < 0)
            break;
        if (auto object = parseObject(QStringView(trimmed).sliced(start, end - start)))
            return *object;
    }
    return Result<QJsonObject>::failure(error);
}

} // namespace Consilium
