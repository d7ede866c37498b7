#pragma once

#include "common/Money.h"
#include "common/Result.h"

#include <QByteArrayView>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Consilium {

// A price per token. OpenRouter writes "-1" for models whose price varies
// per request (routers); such a price is never used in cost arithmetic.
struct TokenPrice
{
    std::optional<Money> perToken; // empty when unknown or variable
    bool varies = false;

    bool isKnown() const { return perToken.has_value(); }
    static TokenPrice parse(const QJsonValue &value);

    // Formats per million tokens, e.g. "$3.00", "varies" or "unknown".
    QString perMillionText() const;
};

// One model of a provider's catalogue.
struct ModelInfo
{
    QString id;
    QString name;
    qint64 contextLength = 0; // 0 when the endpoint does not say
    TokenPrice promptPrice;
    TokenPrice completionPrice;
    TokenPrice cacheReadPrice;
    QStringList inputModalities;
    QStringList outputModalities;

    QString displayName() const { return name.isEmpty() ? id : name; }
    bool isChatModel() const;
};

// Parses a /models response: OpenRouter's catalogue with pricing, or the
// bare {"object":"list","data":[{"id":...}]} that local servers send.
// Entries without an id are skipped, not fatal.
Result<QList<ModelInfo>> parseModelCatalogue(QByteArrayView json);

} // namespace Consilium
