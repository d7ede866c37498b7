#pragma once

#include "Scenario.h"

class JsonFieldReader;

// Reads and validates the "fault" object of a model. Each kind accepts only
// its own keys, so a misspelt or misplaced option is an error.
class ScenarioFaultReader
{
public:
    // Throws JsonFieldError naming the field on invalid input.
    static FaultSpec read(const JsonFieldReader &reader);

    // Returns the scenario spelling of kind, such as "http_error".
    static QLatin1StringView kindName(FaultSpec::Kind kind);

private:
    static void readHttpError(const JsonFieldReader &reader, FaultSpec &fault);
    static void readErrorEvent(const JsonFieldReader &reader, FaultSpec &fault);
};
