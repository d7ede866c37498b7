#include "ProviderError.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace Consilium {

namespace {

QString codeText(const QJsonValue &code)
{
    if (code.isDouble())
        return QString::number(code.toInteger());
    return code.toString();
}

// Copies message, code, type and metadata from one error object, going one
// level down when the object wraps another "error" object.
void readErrorObject(const QJsonObject &object, ProviderError &error)
{
    const QJsonValue nested = object.value(u"error");
    if (nested.isObject() && !object.contains(u"message")) {
        readErrorObject(nested.toObject(), error);
        if (error.code.isEmpty())
            error.code = codeText(object.value(u"code"));
        return;
    }
    if (nested.isString() && !object.contains(u"message")) {
        error.message = nested.toString();
        return;
    }
    error.message = object.value(u"message").toString();
    // FastAPI-based servers answer {"detail": "..."}.
    if (error.message.isEmpty() && object.value(u"detail").isString())
        error.message = object.value(u"detail").toString();
    error.code = codeText(object.value(u"code"));
    error.type = object.value(u"type").toString();
    error.metadata = object.value(u"metadata").toObject();
}

QString shortPlainText(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(4096));
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    text.remove(tags);
    text = text.replace(spaces, QStringLiteral(" ")).trimmed();
    return text.left(200);
}

} // namespace

ErrorKind ProviderError::kindForStatus(int httpStatus, const QJsonObject &metadata)
{
    switch (httpStatus) {
    case 400: return ErrorKind::BadRequest;
    case 401: return ErrorKind::Authentication;
    case 402: return ErrorKind::Credits;
    case 403:
        return metadata.contains(u"reasons") ? ErrorKind::Moderation : ErrorKind::Forbidden;
    case 404: return ErrorKind::NotFound;
    case 429: return ErrorKind::RateLimited;
    case 503:
    case 529: return ErrorKind::Overloaded;
    default: break;
    }
    if (httpStatus == 408 || httpStatus >= 500)
        return ErrorKind::Server;
    return ErrorKind::InvalidResponse;
}

ProviderError ProviderError::fromHttpResponse(int httpStatus, const QByteArray &body,
                                              const QByteArray &contentType)
{
    ProviderError error;
    error.httpStatus = httpStatus;

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        readErrorObject(document.object(), error);
    } else if (parseError.error == QJsonParseError::NoError && !document.array().isEmpty()) {
        // Some OpenAI-compatible endpoints wrap the error object in an array:
        // [{"error":{"code":429,"message":...}}].
        readErrorObject(document.array().first().toObject(), error);
    }

    if (error.message.isEmpty()) {
        const bool looksLikeJson = contentType.contains("json");
        const QString excerpt = shortPlainText(body);
        if (!looksLikeJson && parseError.error != QJsonParseError::NoError)
            error.message = QStringLiteral("HTTP %1 (non-JSON body)").arg(httpStatus);
        else if (!excerpt.isEmpty())
            error.message = excerpt;
        else
            error.message = QStringLiteral("HTTP %1 with an empty body").arg(httpStatus);
    }
    error.kind = kindForStatus(httpStatus, error.metadata);
    return error;
}

ProviderError ProviderError::fromClient(ErrorKind kind, QString message, int httpStatus)
{
    ProviderError error;
    error.kind = kind;
    error.message = std::move(message);
    error.httpStatus = httpStatus;
    return error;
}

ProviderError ProviderError::fromStreamError(const QJsonValue &value)
{
    ProviderError error;
    if (value.isObject()) {
        readErrorObject(value.toObject(), error);
        error.httpStatus = value.toObject().value(u"code").toInt(0);
    } else {
        error.message = value.toString();
    }
    if (error.message.isEmpty())
        error.message = QStringLiteral("The provider reported an error without a message.");
    error.kind = ErrorKind::InStream;
    return error;
}

bool ProviderError::isRetryable() const
{
    switch (kind) {
    case ErrorKind::RateLimited: {
        // A 429 that says the quota or billing is exhausted will not pass on retry.
        const QString lower = message.toLower();
        return !lower.contains(u"quota") && !lower.contains(u"billing");
    }
    case ErrorKind::Overloaded:
    case ErrorKind::Server:
    case ErrorKind::Network:
        return true;
    case ErrorKind::Credits:
        // OpenRouter's in-flight budget limit says when to come back.
        return retryAfter.has_value();
    default:
        return false;
    }
}

} // namespace Consilium
