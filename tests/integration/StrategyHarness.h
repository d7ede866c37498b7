#pragma once

#include "EmulatorProcess.h"
#include "ScenarioBuilder.h"

#include "fusion/StrategyRegistry.h"
#include "fusion/TurnRunner.h"
#include "provider/ChatClient.h"
#include "provider/ModelCatalogue.h"

#include <QJsonDocument>
#include <QSignalSpy>

namespace Consilium::Testing {

// An emulator, a client and a catalogue for whole-turn strategy tests.
struct StrategyHarness
{
    EmulatorProcess emulator;
    ChatClient client;
    ModelCatalogue catalogue;

    bool start(const QJsonArray &models)
    {
        if (!emulator.start(scenario(models))) {
            qWarning("%s", qPrintable(emulator.error()));
            return false;
        }
        Endpoint endpoint;
        endpoint.baseUrl = emulator.baseUrl();
        endpoint.apiKey = QStringLiteral("sk-test-strategy");
        client.setEndpoint(endpoint);
        client.setRetryPolicy({1, 20, 50, 1000});
        QSignalSpy updated(&catalogue, &ModelCatalogue::updated);
        catalogue.refresh(endpoint);
        return updated.wait(10'000);
    }

    std::unique_ptr<TurnRunner> runner(const QStringList &panel, const QString &writer, const FusionSettings &settings)
    {
        return std::make_unique<TurnRunner>(&client, &catalogue, Ensemble::fromModelIds(panel, writer),
                                            makeStrategy(settings));
    }

    // Starts the turn and waits until it finishes.
    static bool run(TurnRunner &runner, const QString &prompt)
    {
        QSignalSpy finished(&runner, &TurnRunner::finished);
        runner.start(prompt);
        return finished.wait(20'000);
    }

    // Returns the bodies of the requests sent to `model`, in arrival order.
    QList<QJsonObject> requestsTo(const QString &model) const
    {
        QList<QJsonObject> bodies;
        for (const QJsonValue &request : emulator.receivedRequests()) {
            if (request[QStringLiteral("model")].toString() == model)
                bodies.append(request.toObject());
        }
        return bodies;
    }

    // Returns the text of the last user message in a request entry.
    static QString lastUserText(const QJsonObject &request)
    {
        const QJsonArray messages = request[QStringLiteral("body")][QStringLiteral("messages")].toArray();
        return messages.last()[QStringLiteral("content")].toString();
    }
};

inline FusionSettings settingsFor(const QString &strategy)
{
    FusionSettings settings;
    settings.strategy = strategy;
    return settings;
}

inline QJsonObject httpError(int status, const QString &message)
{
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("http_error")},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("body"),
                        QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), status},
                                                                          {QStringLiteral("message"), message}}}}}};
}

} // namespace Consilium::Testing
