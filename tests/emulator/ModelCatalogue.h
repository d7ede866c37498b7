#pragma once

#include "Scenario.h"

#include <QByteArray>

// The GET /api/v1/models body in OpenRouter's catalogue shape.
class ModelCatalogue
{
public:
    // Prices are copied as the strings the scenario wrote, never through a
    // double. A model without "pricing" in the scenario has none here either.
    static QByteArray toJson(const Scenario &scenario);
};
