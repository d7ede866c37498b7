#pragma once

#include "fusion/FusionSettings.h"
#include "fusion/FusionStrategy.h"

#include <QJsonObject>

namespace Consilium {

// "openrouter-fusion": one call to OpenRouter's openrouter/fusion model,
// which runs the panel (its "analysis models") and the judge on the
// server. The request names them in a fusion plugin entry:
//
//   "plugins": [{"id": "fusion", "analysis_models": [panel ids], "model": judge}]
//
// The judge is FusionSettings::judge, else the writer. The answer streams
// like a writer's. When the reply's reasoning carries a JSON analysis in
// the "fusion" schema, it is validated and stored like a local analysis.
class ServerFusionStrategy : public FusionStrategy
{
public:
    explicit ServerFusionStrategy(FusionSettings settings);

    QString name() const override { return QStringLiteral("openrouter-fusion"); }
    void begin(TurnRunner &runner) override;
    void onCallFinished(TurnRunner &runner, int callIndex) override;

    // Returns the request body members that configure the server fusion.
    static QJsonObject pluginBody(const TurnRunner &runner, const FusionSettings &settings);

private:
    FusionSettings m_settings;
    int m_call = -1;
};

} // namespace Consilium
