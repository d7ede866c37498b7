#include "TextTokens.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace TextTokens {

QStringList split(const QString &text)
{
    static const QRegularExpression tokenPattern(QStringLiteral(u"\\s*\\S+"));
    QStringList tokens;
    qsizetype end = 0;
    auto matches = tokenPattern.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        tokens.append(match.captured());
        end = match.capturedEnd();
    }
    if (end < text.size()) {
        if (tokens.isEmpty())
            tokens.append(QString());
        tokens.last() += text.mid(end);
    }
    return tokens;
}

QString contentText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();

    QStringList parts;
    const QJsonArray array = content.toArray();
    for (const QJsonValue &part : array) {
        const QJsonObject object = part.toObject();
        if (object.value(QLatin1StringView("type")).toString() == QLatin1StringView("text"))
            parts.append(object.value(QLatin1StringView("text")).toString());
    }
    return parts.join(u'\n');
}

qint64 countPromptTokens(const QJsonArray &messages)
{
    constexpr qint64 tokensPerMessage = 4;
    qint64 count = 0;
    for (const QJsonValue &message : messages) {
        const QJsonValue content = message.toObject().value(QLatin1StringView("content"));
        count += split(contentText(content)).size() + tokensPerMessage;
    }
    return count;
}

} // namespace TextTokens
