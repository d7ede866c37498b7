#include "ModelInfo.h"

#include "common/Logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Consilium {

namespace {

QStringList readStrings(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list.append(item.toString());
    return list;
}

// Reads a token count from a JSON number. Casting a double outside qint64's
// range is undefined behaviour, so anything not in (0, 1e15) reads as 0,
// which means "not stated".
qint64 readTokenCount(const QJsonValue &value)
{
    const double count = value.toDouble(0);
    return count > 0 && count < 1e15 ? qint64(count) : 0;
}

ModelInfo readModel(const QJsonObject &object)
{
    ModelInfo model;
    model.id = object.value(u"id").toString();
    model.name = object.value(u"name").toString();
    model.contextLength = readTokenCount(object.value(u"context_length"));

    const QJsonObject pricing = object.value(u"pricing").toObject();
    model.promptPrice = TokenPrice::parse(pricing.value(u"prompt"));
    model.completionPrice = TokenPrice::parse(pricing.value(u"completion"));
    model.cacheReadPrice = TokenPrice::parse(pricing.value(u"input_cache_read"));

    const QJsonObject architecture = object.value(u"architecture").toObject();
    model.inputModalities = readStrings(architecture.value(u"input_modalities"));
    model.outputModalities = readStrings(architecture.value(u"output_modalities"));
    return model;
}

} // namespace

TokenPrice TokenPrice::parse(const QJsonValue &value)
{
    std::optional<Money> money;
    if (value.isString())
        money = Money::fromDecimalString(value.toString());
    else if (value.isDouble())
        money = Money::fromUsd(value.toDouble());

    // Callers multiply a per-token price by 1e6 (per-million text, the
    // budget filter) and by token counts, in qint64 pico-dollars, which
    // overflows from about $9.22 per token. A price above $1 per token
    // ($1M per million tokens) is therefore read as unknown.
    constexpr Money kMaxPerToken = Money::fromPicoUsd(1'000'000'000'000);

    TokenPrice price;
    if (money && money->isNegative())
        price.varies = true;
    else if (money && *money <= kMaxPerToken)
        price.perToken = money;
    return price;
}

QString TokenPrice::perMillionText() const
{
    if (varies)
        return QStringLiteral("varies");
    if (!perToken)
        return QStringLiteral("unknown");
    return (*perToken * 1'000'000).toDisplayString();
}

bool ModelInfo::isChatModel() const
{
    if (!outputModalities.isEmpty() && !outputModalities.contains(u"text"))
        return false;
    return !id.contains(u"embed", Qt::CaseInsensitive);
}

Result<QList<ModelInfo>> parseModelCatalogue(QByteArrayView json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Result<QList<ModelInfo>>::failure(
            QStringLiteral("The model list is not valid JSON (%1 at byte %2).")
                .arg(parseError.errorString())
                .arg(parseError.offset));
    }

    QJsonArray entries;
    if (document.isArray())
        entries = document.array();
    else if (document.object().value(u"data").isArray())
        entries = document.object().value(u"data").toArray();
    else
        return Result<QList<ModelInfo>>::failure(
            QStringLiteral("The model list has no \"data\" array; is the base URL an "
                           "OpenAI-compatible endpoint?"));

    QList<ModelInfo> models;
    models.reserve(entries.size());
    int skipped = 0;
    for (const QJsonValue &entry : std::as_const(entries)) {
        ModelInfo model = readModel(entry.toObject());
        if (model.id.isEmpty()) {
            ++skipped;
            continue;
        }
        models.append(std::move(model));
    }
    if (skipped > 0)
        qCWarning(lcCatalogue) << "skipped" << skipped << "catalogue entries without an id";
    return models;
}

} // namespace Consilium
