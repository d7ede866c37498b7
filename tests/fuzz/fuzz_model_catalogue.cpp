// Fuzzes parseModelCatalogue(), the price formatting of every model it
// returns, and Money's decimal parser on the raw input. Money must read back
// its own decimal text as the same amount.

#include "FuzzCheck.h"

#include "common/Money.h"
#include "provider/ModelInfo.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstring>

using namespace Consilium;

namespace {

void checkRoundTrip(Money money)
{
    const QString text = money.toDecimalString();
    const std::optional<Money> reread = Money::fromDecimalString(text);
    FUZZ_CHECK(reread.has_value());
    FUZZ_CHECK(*reread == money);
    FUZZ_CHECK(!money.toDisplayString().isEmpty());
    (void)money.roundedMicroUsd();
}

void checkPrice(const TokenPrice &price)
{
    FUZZ_CHECK(!(price.varies && price.isKnown()));
    if (price.perToken) {
        FUZZ_CHECK(!price.perToken->isNegative());
        checkRoundTrip(*price.perToken);
    }
    FUZZ_CHECK(!price.perMillionText().isEmpty());
}

void checkCatalogue(const QByteArray &bytes)
{
    const Result<QList<ModelInfo>> models = parseModelCatalogue(bytes);
    if (!models.ok()) {
        FUZZ_CHECK(!models.error().isEmpty());
        return;
    }
    for (const ModelInfo &model : models.value()) {
        FUZZ_CHECK(!model.id.isEmpty());
        FUZZ_CHECK(!model.displayName().isEmpty());
        (void)model.isChatModel();
        checkPrice(model.promptPrice);
        checkPrice(model.completionPrice);
        checkPrice(model.cacheReadPrice);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Fuzz::silenceQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    checkCatalogue(bytes);

    if (const std::optional<Money> money = Money::fromDecimalString(QString::fromUtf8(bytes)))
        checkRoundTrip(*money);

    // The first eight bytes as a double reach the JSON number path of
    // TokenPrice::parse() and Usage::fromJson() with any bit pattern,
    // including NaN, infinities and subnormals.
    if (size >= sizeof(double)) {
        double usd = 0;
        std::memcpy(&usd, data, sizeof usd);
        if (const std::optional<Money> money = Money::fromUsd(usd))
            checkRoundTrip(*money);
    }
    return 0;
}
