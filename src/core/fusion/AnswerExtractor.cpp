#include "AnswerExtractor.h"

#include <QRegularExpression>
#include <QStringList>

namespace Consilium::AnswerExtractor {

namespace {

const QRegularExpression &numberPattern()
{
    static const QRegularExpression pattern(QStringLiteral("-?\\d[\\d,]*(?:\\.\\d+)?"));
    return pattern;
}

// "1,234.500" becomes "1234.5", "-0" stays "-0", "7.0" becomes "7".
QString canonicalNumber(QString number)
{
    number.remove(u',');
    if (number.contains(u'.')) {
        while (number.endsWith(u'0'))
            number.chop(1);
        if (number.endsWith(u'.'))
            number.chop(1);
    }
    return number;
}

std::optional<QString> lastNumber(const QString &text)
{
    QString last;
    QRegularExpressionMatchIterator it = numberPattern().globalMatch(text);
    while (it.hasNext())
        last = it.next().captured(0);
    if (last.isEmpty())
        return std::nullopt;
    return canonicalNumber(last);
}

// Returns the capture of the last match of `pattern`, or an empty string.
QString lastCapture(const QRegularExpression &pattern, const QString &text)
{
    QString last;
    QRegularExpressionMatchIterator it = pattern.globalMatch(text);
    while (it.hasNext())
        last = it.next().captured(1);
    return last;
}

QString lastLine(const QString &text)
{
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    for (qsizetype i = lines.size() - 1; i >= 0; --i) {
        if (!lines[i].trimmed().isEmpty())
            return lines[i].trimmed();
    }
    return QString();
}

std::optional<QString> choiceLetter(const QString &text)
{
    static const QRegularExpression afterAnswer(
        QStringLiteral("(?i:answer)\\s*(?:(?i:is)|:)?\\s*\\**\\(?([A-J])\\)?\\**(?![A-Za-z])"));
    static const QRegularExpression aloneOnLine(QStringLiteral("^\\**\\(?([A-J])\\)?[.):]?\\**$"));
    static const QRegularExpression bold(QStringLiteral("\\*\\*\\(?([A-J])\\)?\\*\\*"));
    static const QRegularExpression parenthesised(QStringLiteral("\\(([A-J])\\)"));
    for (const QRegularExpression *pattern : {&afterAnswer, &bold, &parenthesised}) {
        const QString letter = lastCapture(*pattern, text);
        if (!letter.isEmpty())
            return letter;
    }
    const QRegularExpressionMatch line = aloneOnLine.match(lastLine(text));
    if (line.hasMatch())
        return line.captured(1);
    return std::nullopt;
}

QString afterAnswerMarker(const QString &text)
{
    static const QRegularExpression marker(QStringLiteral("(?i)answer\\s*(?:is|:)\\s*([^\\n]+)"));
    return lastCapture(marker, text).trimmed();
}

} // namespace

QString normalize(const QString &value)
{
    QString text = value.trimmed();
    static const QRegularExpression decoration(QStringLiteral("^[\\s*_`\"'“”]+|[\\s*_`\"'“”.!;:,]+$"));
    text.remove(decoration);
    static const QRegularExpression wholeNumber(QStringLiteral("^-?\\d[\\d,]*(?:\\.\\d+)?$"));
    if (wholeNumber.match(text).hasMatch())
        return canonicalNumber(text);
    static const QRegularExpression letter(QStringLiteral("^\\(?([A-Ja-j])\\)?$"));
    const QRegularExpressionMatch letterMatch = letter.match(text);
    if (letterMatch.hasMatch())
        return letterMatch.captured(1).toUpper();
    return text.toLower().simplified();
}

std::optional<QString> extract(const QString &text, ExtractionMode mode)
{
    switch (mode) {
    case ExtractionMode::Number:
        return lastNumber(text);
    case ExtractionMode::Choice:
        return choiceLetter(text);
    case ExtractionMode::Phrase: {
        QString phrase = afterAnswerMarker(text);
        if (phrase.isEmpty())
            phrase = lastLine(text);
        phrase = normalize(phrase);
        return phrase.isEmpty() ? std::nullopt : std::optional<QString>(phrase);
    }
    case ExtractionMode::Auto:
    case ExtractionMode::Model:
        break;
    }
    const QString marked = normalize(afterAnswerMarker(text));
    if (!marked.isEmpty()) {
        // "The answer is 42 apples" votes for 42, not for the whole phrase.
        if (const auto number = lastNumber(marked); number && marked.startsWith(*number))
            return number;
        return marked;
    }
    if (const auto letter = choiceLetter(text))
        return letter;
    return lastNumber(text);
}

} // namespace Consilium::AnswerExtractor
