// User-facing texts for ProviderError, kept apart from the parsing.
#include "ProviderError.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>

#include <cmath>

namespace Consilium {

namespace {

QString moderationDetails(const QJsonObject &metadata)
{
    QStringList reasons;
    const QJsonArray list = metadata.value(u"reasons").toArray();
    for (const QJsonValue &reason : list)
        reasons.append(reason.toString());

    QString text = QStringLiteral(" Flagged for: %1.").arg(reasons.join(QStringLiteral(", ")));
    const QString provider = metadata.value(u"provider_name").toString();
    if (!provider.isEmpty())
        text += QStringLiteral(" Flagged by: %1.").arg(provider);
    const QString excerpt = metadata.value(u"flagged_input").toString();
    if (!excerpt.isEmpty())
        text += QStringLiteral(" Flagged text: \"%1\".").arg(excerpt);
    return text;
}

} // namespace

QString ProviderError::kindName() const
{
    switch (kind) {
    case ErrorKind::None: return QStringLiteral("none");
    case ErrorKind::BadRequest: return QStringLiteral("bad_request");
    case ErrorKind::Authentication: return QStringLiteral("authentication");
    case ErrorKind::Credits: return QStringLiteral("insufficient_credits");
    case ErrorKind::Moderation: return QStringLiteral("moderation");
    case ErrorKind::Forbidden: return QStringLiteral("forbidden");
    case ErrorKind::NotFound: return QStringLiteral("not_found");
    case ErrorKind::RateLimited: return QStringLiteral("rate_limited");
    case ErrorKind::Overloaded: return QStringLiteral("overloaded");
    case ErrorKind::Server: return QStringLiteral("server_error");
    case ErrorKind::InStream: return QStringLiteral("stream_error");
    case ErrorKind::Network: return QStringLiteral("network_error");
    case ErrorKind::Timeout: return QStringLiteral("timeout");
    case ErrorKind::Incomplete: return QStringLiteral("incomplete");
    case ErrorKind::InvalidResponse: return QStringLiteral("invalid_response");
    case ErrorKind::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

QString ProviderError::userMessage() const
{
    QString advice;
    switch (kind) {
    case ErrorKind::BadRequest:
        advice = QStringLiteral("Fix the request: shorten the conversation or lower max tokens.");
        break;
    case ErrorKind::Authentication:
        advice = QStringLiteral("Check the API key in Settings.");
        break;
    case ErrorKind::Credits:
        advice = message.contains(u"max_tokens")
                     ? QStringLiteral("Add credits or lower the max tokens setting.")
                     : QStringLiteral("Add credits to the account.");
        break;
    case ErrorKind::Moderation:
        advice = moderationDetails(metadata) + QStringLiteral(" Rephrase the prompt or pick another model.");
        break;
    case ErrorKind::NotFound:
        advice = QStringLiteral("Check the model id against the endpoint's model list.");
        break;
    case ErrorKind::RateLimited:
    case ErrorKind::Overloaded:
        advice = QStringLiteral("Wait a moment and retry, or pick another model.");
        break;
    case ErrorKind::Network:
        advice = QStringLiteral("Check the base URL and the network connection.");
        break;
    case ErrorKind::Incomplete:
    case ErrorKind::InStream:
    case ErrorKind::Timeout:
        advice = QStringLiteral("The text received so far is kept; retry this model to get a full answer.");
        break;
    default:
        break;
    }
    QString text = message.trimmed();
    // Provider messages often lack a final full stop; the advice is a new sentence.
    const QChar last = text.isEmpty() ? QChar(u'.') : text.back();
    if (!advice.isEmpty() && last != u'.' && last != u'!' && last != u'?')
        text += u'.';
    if (!code.isEmpty() && code != QString::number(httpStatus))
        text += QStringLiteral(" (%1)").arg(code);
    return advice.isEmpty() ? text : text + u' ' + advice.trimmed();
}

std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value,
                                                         const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;

    bool ok = false;
    const double seconds = trimmed.toDouble(&ok);
    if (ok) {
        if (!std::isfinite(seconds) || seconds < 0)
            return std::nullopt;
        // Casting a double beyond qint64's range is undefined behaviour, so
        // a huge delay is cut to about 31 years, which still means "not soon".
        constexpr double kMaxSeconds = 1e9;
        return std::chrono::milliseconds(qint64(std::ceil(std::min(seconds, kMaxSeconds) * 1000)));
    }

    // IMF-fixdate, e.g. "Fri, 04 Dec 2026 19:30:00 GMT".
    const QString text = QString::fromLatin1(trimmed);
    const QDateTime parsed = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!parsed.isValid())
        return std::nullopt;
    const QDateTime when(parsed.date(), parsed.time(), Qt::UTC);
    const qint64 delta = now.msecsTo(when);
    return std::chrono::milliseconds(std::max<qint64>(0, delta));
}

} // namespace Consilium
