#pragma once

#include "fusion/FusionSettings.h"

#include <QJsonObject>
#include <QStringList>

namespace Consilium {
class ChatClient;
class ModelCatalogue;
}

namespace Consilium::Bench {

// One row of the benchmark table: a strategy over a panel, run on every
// question, and what it scored.
struct BenchCase
{
    QString label;
    QStringList panel;
    QString writer;
    FusionSettings settings;

    int correct = 0;
    int answered = 0;
    qint64 costPico = 0;
    qint64 callCount = 0;
};

// Runs `questions` turns of each case ("Question #1" ... "#N") through the
// real TurnRunner against the emulator, `parallel` turns at a time, and
// scores each turn's analysis.final_answer against the oracle's answer
// (n x 7919) mod 97.
void runCase(BenchCase &benchCase, ChatClient &client, const ModelCatalogue &catalogue, int questions, int parallel);

// Returns the emulator scenario of the benchmark's models, with every
// wrong answer the same value (worst case for votes) or random.
QJsonObject oracleScenario(quint64 seed, bool sameWrongAnswer);

// Returns P(the strict majority of members is right) for independent
// members with the given accuracies: the exact accuracy of a vote whose
// wrong answers all agree, for an odd panel.
double majorityAccuracy(const QList<double> &accuracies);

} // namespace Consilium::Bench
