#include "OracleReply.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

// SplitMix64's finaliser: a fast, well-mixed 64-bit hash step.
quint64 mix(quint64 value)
{
    value += 0x9E3779B97F4A7C15ULL;
    value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
    value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
    return value ^ (value >> 31);
}

// FNV-1a over the UTF-8 bytes of a model id.
quint64 hashText(const QString &text)
{
    quint64 hash = 0xCBF29CE484222325ULL;
    for (const char byte : text.toUtf8()) {
        hash ^= quint8(byte);
        hash *= 0x100000001B3ULL;
    }
    return hash;
}

// Returns a draw in [0, 1) for (seed, model, question, purpose).
double uniformDraw(quint64 seed, const QString &model, qint64 n, quint64 purpose)
{
    const quint64 hash = mix(mix(mix(seed ^ hashText(model)) ^ quint64(n)) ^ purpose);
    return double(hash >> 11) * (1.0 / 9007199254740992.0); // 2^53
}

} // namespace

namespace OracleReply {

std::optional<qint64> questionNumber(const QString &text)
{
    static const QRegularExpression pattern(u"Question #(\\d{1,15})"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toLongLong();
}

QString correctAnswer(const OracleSpec &oracle, qint64 n)
{
    if (n >= 1 && n <= oracle.answers.size())
        return oracle.answers[n - 1];
    // (n mod m) x multiplier stays within 64 bits: n < 10^15 and the
    // scenario caps multiplier and modulus at 10^9.
    const quint64 product = (quint64(n) % quint64(oracle.modulus)) * quint64(oracle.multiplier);
    return QString::number(qint64(product % quint64(oracle.modulus)));
}

QString wrongAnswer(const OracleSpec &oracle, const QString &model, qint64 n)
{
    const QString correct = correctAnswer(oracle, n);
    bool isNumber = false;
    const qint64 value = correct.toLongLong(&isNumber);
    if (!isNumber) {
        if (oracle.sameWrongAnswer)
            return correct + u" (wrong)"_s;
        return correct + u" (wrong "_s + model + u")"_s;
    }
    if (oracle.sameWrongAnswer)
        return QString::number((value + 1) % oracle.modulus);
    // Uniform over the modulus - 1 values other than the correct one.
    const qint64 offset = 1 + qint64(uniformDraw(oracle.seed, model, n, 2) * double(oracle.modulus - 1));
    return QString::number((value + offset) % oracle.modulus);
}

bool answersCorrectly(const ReplySpec &reply, qint64 n)
{
    return uniformDraw(reply.oracleSpec.seed, reply.oracleModel, n, 1) < reply.oracleAccuracy;
}

QString answerFor(const ReplySpec &reply, const QString &question)
{
    const std::optional<qint64> n = questionNumber(question);
    if (!n)
        return reply.oracleSpec.defaultText;
    const QString answer = answersCorrectly(reply, *n) ? correctAnswer(reply.oracleSpec, *n)
                                                       : wrongAnswer(reply.oracleSpec, reply.oracleModel, *n);
    QString text = reply.oracleSpec.replyTemplate;
    text.replace(u"{n}"_s, QString::number(*n));
    text.replace(u"{answer}"_s, answer);
    return text;
}

} // namespace OracleReply
