#include "Preset.h"

#include "store/PresetJson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Consilium {

namespace {

using PresetJson::memberFromJson;
using PresetJson::memberToJson;
using PresetJson::readString;

// Returns an error when an optional field is present but not an object.
QString readObject(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull() || value.isObject())
        return {};
    return QStringLiteral("%1: must be an object").arg(key);
}

Result<int> readFormatVersion(const QJsonObject &object)
{
    const QJsonValue version = object.value(u"format_version");
    if (version.isUndefined())
        return Result<int>::failure(QStringLiteral("format_version: missing"));
    if (!version.isDouble() || version.toDouble() != double(version.toInt()) || version.toInt() < 1)
        return Result<int>::failure(QStringLiteral("format_version: must be a positive whole number"));
    if (version.toInt() > Preset::kFormatVersion)
        return Result<int>::failure(QStringLiteral("format_version: %1 is newer than this Consilium (%2)")
                                        .arg(version.toInt())
                                        .arg(Preset::kFormatVersion));
    return version.toInt();
}

// Reads the fields around the ensemble: name, strategy, budget, privacy.
QString readSettings(const QJsonObject &object, Preset &preset)
{
    if (!object.value(u"name").isString() || object.value(u"name").toString().trimmed().isEmpty())
        return object.contains(u"name") ? QStringLiteral("name: must be a non-empty string") : QStringLiteral("name: missing");
    preset.name = object.value(u"name").toString().trimmed();
    QString error;
    if (!readString(object, QStringLiteral("strategy"), QString(), preset.strategy, error)
        || !readString(object, QStringLiteral("privacy_tier"), QString(), preset.privacyTier, error))
        return error;
    const QJsonValue maxTokens = object.value(u"max_tokens");
    if (!maxTokens.isUndefined()) {
        if (!maxTokens.isDouble() || maxTokens.toInt() <= 0 || maxTokens.toDouble() != double(maxTokens.toInt()))
            return QStringLiteral("max_tokens: must be a positive whole number");
        preset.ensemble.maxTokens = maxTokens.toInt();
    }
    const QJsonValue budget = object.value(u"budget_usd");
    if (!budget.isUndefined() && !budget.isNull()) {
        const std::optional<Money> amount = budget.isString() ? Money::fromDecimalString(budget.toString()) : std::nullopt;
        if (!amount || amount->isNegative())
            return QStringLiteral("budget_usd: must be a decimal string of US dollars, e.g. \"0.50\"");
        preset.budget = amount;
    }
    return QString();
}

} // namespace

QJsonObject Preset::toJson() const
{
    QJsonArray panel;
    for (const Member &member : ensemble.panel)
        panel.append(memberToJson(member));
    QJsonObject object{
        {QStringLiteral("format_version"), kFormatVersion},
        {QStringLiteral("name"), name},
        {QStringLiteral("strategy"), strategy},
        {QStringLiteral("max_tokens"), ensemble.maxTokens},
        {QStringLiteral("panel"), panel},
        {QStringLiteral("writer"), memberToJson(ensemble.writer)},
    };
    object.insert(QStringLiteral("strategy_settings"), PresetJson::fusionSettingsToJson(strategySettings));
    object.insert(QStringLiteral("timeouts"), PresetJson::timeoutsToJson(timeouts));
    if (budget)
        object.insert(QStringLiteral("budget_usd"), budget->toDecimalString());
    if (!privacyTier.isEmpty())
        object.insert(QStringLiteral("privacy_tier"), privacyTier);
    return object;
}

Result<Preset> Preset::fromJson(const QJsonObject &object)
{
    const Result<int> version = readFormatVersion(object);
    if (!version)
        return Result<Preset>::failure(version.error());

    Preset preset;
    const QString settingsError = readSettings(object, preset);
    if (!settingsError.isEmpty())
        return Result<Preset>::failure(settingsError);

    const QJsonValue panel = object.value(u"panel");
    if (panel.isUndefined())
        return Result<Preset>::failure(QStringLiteral("panel: missing"));
    if (!panel.isArray() || panel.toArray().isEmpty())
        return Result<Preset>::failure(QStringLiteral("panel: must be a non-empty array of members"));
    const QJsonArray members = panel.toArray();
    for (qsizetype i = 0; i < members.size(); ++i) {
        Result<Member> member = memberFromJson(members.at(i), QStringLiteral("panel[%1]").arg(i));
        if (!member)
            return Result<Preset>::failure(member.error());
        preset.ensemble.panel.append(std::move(member).value());
    }

    if (!object.contains(u"writer"))
        return Result<Preset>::failure(QStringLiteral("writer: missing"));
    Result<Member> writer = memberFromJson(object.value(u"writer"), QStringLiteral("writer"));
    if (!writer)
        return Result<Preset>::failure(writer.error());
    preset.ensemble.writer = std::move(writer).value();

    QString error = readObject(object, QStringLiteral("strategy_settings"));
    if (error.isEmpty())
        error = PresetJson::readFusionSettings(object.value(u"strategy_settings").toObject(),
                                               QStringLiteral("strategy_settings."), preset.strategySettings);
    if (error.isEmpty())
        error = readObject(object, QStringLiteral("timeouts"));
    if (error.isEmpty())
        error = PresetJson::readTimeouts(object.value(u"timeouts").toObject(), QStringLiteral("timeouts."),
                                         preset.timeouts);
    if (!error.isEmpty())
        return Result<Preset>::failure(error);
    preset.strategySettings.strategy = preset.strategy;
    return preset;
}

Result<Preset> Preset::fromFileContents(const QByteArray &contents, const QString &sourceName)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(contents, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Result<Preset>::failure(QStringLiteral("%1: invalid JSON at byte %2: %3")
                                           .arg(sourceName)
                                           .arg(parseError.offset)
                                           .arg(parseError.errorString()));
    if (!document.isObject())
        return Result<Preset>::failure(QStringLiteral("%1: the top level must be a JSON object").arg(sourceName));
    Result<Preset> preset = fromJson(document.object());
    if (!preset)
        return Result<Preset>::failure(QStringLiteral("%1: %2").arg(sourceName, preset.error()));
    return preset;
}

QString Preset::fileName() const
{
    QString base;
    for (const QChar character : name.toLower()) {
        if (character.isLetterOrNumber() && character.unicode() < 128)
            base += character;
        else if (!base.isEmpty() && !base.endsWith(u'-'))
            base += u'-';
    }
    while (base.endsWith(u'-'))
        base.chop(1);
    return (base.isEmpty() ? QStringLiteral("preset") : base) + QStringLiteral(".json");
}

} // namespace Consilium
