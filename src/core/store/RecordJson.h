#pragma once

#include "provider/StreamChunk.h"
#include "provider/Usage.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace Consilium {

// JSON forms of the nested parts of a call that the database keeps in
// JSON columns and the JSON export writes. Unlike Usage::fromJson, which
// reads a provider's reply, these are exact round trips of our own data:
// money is a decimal string of USD so no digit is lost to doubles.
QJsonObject usageToJson(const Usage &usage);
Usage usageFromJson(const QJsonObject &object);

QJsonArray reasoningDetailsToJson(const QList<ReasoningDetail> &details);
QList<ReasoningDetail> reasoningDetailsFromJson(const QJsonArray &array);

} // namespace Consilium
