#include "EnumNames.h"

namespace Consilium {

namespace {

// Tries every value from First to Last; the enums are contiguous from 0.
template <typename Enum, typename NameFunction>
std::optional<Enum> findByName(const QString &name, Enum first, Enum last, NameFunction nameOf)
{
    for (int value = int(first); value <= int(last); ++value) {
        if (nameOf(Enum(value)) == name)
            return Enum(value);
    }
    return std::nullopt;
}

} // namespace

std::optional<Stage> stageFromName(const QString &name)
{
    return findByName(name, Stage::Panel, Stage::Tier, stageName);
}

std::optional<CallStatus> callStatusFromName(const QString &name)
{
    return findByName(name, CallStatus::Pending, CallStatus::Cancelled, callStatusName);
}

std::optional<TurnFailure> turnFailureFromName(const QString &name)
{
    return findByName(name, TurnFailure::AllMembersFailed, TurnFailure::BelowQuorum, turnFailureName);
}

std::optional<CostSource> costSourceFromName(const QString &name)
{
    return findByName(name, CostSource::Provider, CostSource::Unknown, costSourceName);
}

std::optional<ErrorKind> errorKindFromName(const QString &name)
{
    return findByName(name, ErrorKind::None, ErrorKind::Cancelled,
                      [](ErrorKind kind) {
                          ProviderError error;
                          error.kind = kind;
                          return error.kindName();
                      });
}

} // namespace Consilium
