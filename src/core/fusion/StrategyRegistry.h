#pragma once

#include "fusion/FusionSettings.h"
#include "fusion/FusionStrategy.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Consilium {


// One setting a strategy reads, described for an editor (the GUI's
// strategy panel) and for --help. `key` matches the CLI option name.
struct StrategySetting
{
    enum class Kind { Model, Integer, Boolean, Choice };

    QString key;         // "layers", "judge", ...
    QString label;       // "Layers"
    Kind kind = Kind::Integer;
    QString defaultValue;
    QStringList choices; // for Kind::Choice
    int minimum = 0;     // for Kind::Integer
    int maximum = 0;
    QString help;
};

// One selectable strategy.
struct StrategyInfo
{
    QString name;        // stable id, as Turn::strategy and --strategy use it
    QString displayName; // for menus
    QString description; // one sentence
    QList<StrategySetting> settings;
};

// Returns every strategy, "fusion" (the default) first.
QList<StrategyInfo> availableStrategies();
// Returns the names of availableStrategies().
QStringList strategyNames();

// Makes the strategy `name` with `settings`; nullptr for an unknown name.
std::unique_ptr<FusionStrategy> makeStrategy(const QString &name, const FusionSettings &settings);
// Makes the strategy named by settings.strategy.
std::unique_ptr<FusionStrategy> makeStrategy(const FusionSettings &settings);

} // namespace Consilium
