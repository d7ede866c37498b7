#include "ScenarioFaultReader.h"

#include "JsonFieldReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace {

struct FaultKindName
{
    FaultSpec::Kind kind;
    QLatin1StringView name;
};

constexpr FaultKindName FaultKindNames[] = {
    {FaultSpec::Kind::HttpError, "http_error"_L1}, {FaultSpec::Kind::ErrorEvent, "error_event"_L1},
    {FaultSpec::Kind::Stall, "stall"_L1},          {FaultSpec::Kind::Reset, "reset"_L1},
    {FaultSpec::Kind::Malformed, "malformed"_L1},  {FaultSpec::Kind::Huge, "huge"_L1},
    {FaultSpec::Kind::Cut, "cut"_L1},
};

constexpr qint64 MaxAfterTokens = 100'000'000;
constexpr qint64 MaxHugeBytes = 1'000'000'000;

QByteArray defaultErrorBody(int status)
{
    const QJsonObject error{{u"code"_s, status},
                            {u"message"_s, u"Emulated HTTP error %1"_s.arg(status)}};
    return QJsonDocument(QJsonObject{{u"error"_s, error}}).toJson(QJsonDocument::Compact);
}

} // namespace

QLatin1StringView ScenarioFaultReader::kindName(FaultSpec::Kind kind)
{
    for (const FaultKindName &entry : FaultKindNames) {
        if (entry.kind == kind)
            return entry.name;
    }
    return "none"_L1;
}

FaultSpec ScenarioFaultReader::read(const JsonFieldReader &reader)
{
    QStringList names;
    for (const FaultKindName &entry : FaultKindNames)
        names.append(entry.name);
    const QString kindName = reader.requiredChoice("kind"_L1, names);

    FaultSpec fault;
    for (const FaultKindName &entry : FaultKindNames) {
        if (entry.name == kindName)
            fault.kind = entry.kind;
    }

    switch (fault.kind) {
    case FaultSpec::Kind::HttpError:
        readHttpError(reader, fault);
        break;
    case FaultSpec::Kind::ErrorEvent:
        readErrorEvent(reader, fault);
        break;
    case FaultSpec::Kind::Huge:
        reader.rejectUnknownKeys({u"kind"_s, u"bytes"_s});
        if (!reader.has("bytes"_L1))
            reader.fail("bytes"_L1, u"missing required integer"_s);
        fault.bytes = *reader.optionalInteger("bytes"_L1, 1, MaxHugeBytes);
        break;
    case FaultSpec::Kind::Stall:
    case FaultSpec::Kind::Reset:
    case FaultSpec::Kind::Malformed:
    case FaultSpec::Kind::Cut:
    case FaultSpec::Kind::None:
        reader.rejectUnknownKeys({u"kind"_s, u"after_tokens"_s});
        fault.afterTokens = int(reader.optionalInteger("after_tokens"_L1, 0, MaxAfterTokens)
                                    .value_or(0));
        break;
    }
    return fault;
}

void ScenarioFaultReader::readHttpError(const JsonFieldReader &reader, FaultSpec &fault)
{
    reader.rejectUnknownKeys({u"kind"_s, u"status"_s, u"body"_s, u"content_type"_s, u"headers"_s});
    fault.status = int(reader.optionalInteger("status"_L1, 400, 599).value_or(500));

    const QJsonValue body = reader.object().value("body"_L1);
    if (body.isUndefined()) {
        fault.body = defaultErrorBody(fault.status);
        fault.contentType = "application/json";
    } else if (body.isString()) {
        fault.body = body.toString().toUtf8();
        fault.contentType = "text/plain; charset=utf-8";
    } else if (body.isObject() || body.isArray()) {
        fault.body = body.isObject() ? QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact)
                                     : QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
        fault.contentType = "application/json";
    } else {
        reader.fail("body"_L1, u"expected a JSON object, an array or a string"_s);
    }
    if (const auto contentType = reader.optionalString("content_type"_L1))
        fault.contentType = contentType->toUtf8();

    if (const auto headers = reader.optionalObject("headers"_L1)) {
        const QStringList names = headers->object().keys();
        for (const QString &name : names) {
            const QJsonValue value = headers->object().value(name);
            const QString text = value.toString();
            const bool valid = value.isString() && !name.isEmpty() && !name.contains(u':')
                               && !QString(name + text).contains(u'\r')
                               && !QString(name + text).contains(u'\n');
            if (!valid) {
                throw JsonFieldError{headers->path() + u'.' + name
                                     + u": expected a string without line breaks, under a "
                                       u"header name without ':'"_s};
            }
            fault.headers.append({name.toLatin1(), text.toUtf8()});
        }
    }
}

void ScenarioFaultReader::readErrorEvent(const JsonFieldReader &reader, FaultSpec &fault)
{
    reader.rejectUnknownKeys({u"kind"_s, u"after_tokens"_s, u"code"_s, u"message"_s,
                              u"error_type"_s});
    fault.afterTokens = int(reader.optionalInteger("after_tokens"_L1, 0, MaxAfterTokens)
                                .value_or(0));
    fault.code = int(reader.optionalInteger("code"_L1, 100, 599).value_or(502));
    fault.message = reader.optionalString("message"_L1).value_or(u"Provider disconnected"_s);
    fault.errorType = reader.optionalString("error_type"_L1).value_or(u"provider_unavailable"_s);
}
