#pragma once

#include "common/Money.h"
#include "common/Result.h"
#include "fusion/Ensemble.h"
#include "fusion/FusionSettings.h"
#include "provider/ChatRequest.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Consilium {

// A named ensemble that the user can pick, save, share and import.
//
// NOTE: the JSON form is a file format that users exchange. Its
// "format_version" is kFormatVersion; a change that older readers would
// misread must bump it, while new optional fields need not.
struct Preset
{
    static constexpr int kFormatVersion = 1;

    QString name;
    Ensemble ensemble;
    QString strategy = QStringLiteral("fusion");
    // Roles and options of the strategy; its `strategy` field follows the
    // one above when the preset is read.
    FusionSettings strategySettings;
    CallTimeouts timeouts;
    std::optional<Money> budget;  // maximum spend per turn, USD
    QString privacyTier;          // e.g. "local"; empty when not set

    QJsonObject toJson() const;

    // Reads and validates a preset. An error names the field and the
    // problem, e.g. "panel[1].model: missing".
    static Result<Preset> fromJson(const QJsonObject &object);
    // Parses a file's bytes; `sourceName` starts every error message.
    static Result<Preset> fromFileContents(const QByteArray &contents, const QString &sourceName);

    // A file name for the preset: lower-case letters and digits joined by
    // '-', e.g. "local-only.json".
    QString fileName() const;
};

} // namespace Consilium
