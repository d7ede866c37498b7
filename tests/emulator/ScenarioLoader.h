#pragma once

#include "Scenario.h"

#include <QByteArray>
#include <QString>

#include <optional>

// Reads a scenario file and validates it strictly: unknown keys, wrong types,
// out-of-range values, bad regexes and missing referenced files are errors.
// Error messages name the field by path, for example
// "models[2].fault.kind: unknown value 'x', expected one of http_error, ...".
class ScenarioLoader
{
public:
    // Loads the file at path. On failure returns nullopt and sets *error to
    // one line that starts with the file path.
    static std::optional<Scenario> loadFile(const QString &path, QString *error);

    // Parses scenario JSON. Relative file references resolve against baseDir.
    static std::optional<Scenario> parse(const QByteArray &json, const QString &baseDir,
                                         QString *error);
};
