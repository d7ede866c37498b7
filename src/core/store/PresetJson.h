#pragma once

#include "common/Result.h"
#include "fusion/Ensemble.h"
#include "fusion/FusionSettings.h"
#include "provider/ChatRequest.h"

#include <QJsonObject>
#include <QString>

// The JSON form of the parts of a preset: members, strategy settings and
// timeouts. Readers name the field and the problem in their errors, with
// `path` as the prefix, e.g. "strategy_settings.layers: must be 1 to 4".
namespace Consilium::PresetJson {

QJsonObject memberToJson(const Member &member);
Result<Member> memberFromJson(const QJsonValue &value, const QString &path);

// Reads an optional string field. A present value of another type is an error.
bool readString(const QJsonObject &object, const QString &key, const QString &path, QString &target, QString &error);

// Writes every setting except the strategy name, which the preset holds.
QJsonObject fusionSettingsToJson(const FusionSettings &settings);
// Reads the settings over `settings`, which keeps defaults for absent keys.
// Returns an error text, empty on success.
QString readFusionSettings(const QJsonObject &object, const QString &path, FusionSettings &settings);

QJsonObject timeoutsToJson(const CallTimeouts &timeouts);
QString readTimeouts(const QJsonObject &object, const QString &path, CallTimeouts &timeouts);

} // namespace Consilium::PresetJson
