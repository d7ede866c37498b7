#pragma once

#include <QJsonObject>

namespace Consilium {

struct Turn;
struct CallRecord;

// The machine-readable form of a turn, as the CLI's --json prints it.
// Costs are numbers in USD (null when unknown); times are milliseconds.
QJsonObject turnToJson(const Turn &turn);
QJsonObject callToJson(const CallRecord &call);

} // namespace Consilium
