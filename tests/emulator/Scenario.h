#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

// In-memory form of a scenario file. ScenarioLoader fills and validates it,
// and README.md in this folder documents every field.

struct ModelPricing
{
    // The strings exactly as the scenario wrote them, for the catalogue.
    QString prompt;
    QString completion;
    // Per-token prices in pico-dollars. A negative price ("-1", OpenRouter's
    // mark for variable pricing) counts as zero in computed costs.
    qint64 promptPico = 0;
    qint64 completionPico = 0;
};

struct ModelTiming
{
    int ttftMs = 80;
    // 0 sends all chunks as fast as the socket accepts them.
    double tokensPerSecond = 120;
    int chunkTokens = 1;
    int keepalivesBeforeFirstToken = 1;
};

struct ReplyRule
{
    QRegularExpression pattern;
    QString text;
};

// The questions of the noisy-oracle mode: "Question #<n>" in the last user
// message selects question n, whose correct answer comes from the list
// (n from 1) or from (n x multiplier) mod modulus.
struct OracleSpec
{
    quint64 seed = 1;
    qint64 multiplier = 7919;
    qint64 modulus = 97;
    QStringList answers;
    bool sameWrongAnswer = true; // every wrong answer is the same value (worst case for votes)
    QString replyTemplate = QStringLiteral("Question #{n}. Answer: {answer}");
    QString defaultText = QStringLiteral("No question number found.");
};

// Source of the answer text. The "file" form is read into text on load. The
// "rules" form uses rules and defaultText instead.
struct ReplySpec
{
    bool ruleBased = false;
    QString text;
    QList<ReplyRule> rules;
    QString defaultText;
    // Noisy oracle: answers correctly with probability oracleAccuracy,
    // seeded by (oracle.seed, oracleModel, question number).
    bool oracle = false;
    double oracleAccuracy = 1.0;
    QString oracleModel;
    OracleSpec oracleSpec;
};

struct UsageOverride
{
    std::optional<qint64> promptTokens;
    std::optional<qint64> completionTokens;
    // The decimal string exactly as written, emitted unchanged as a number.
    std::optional<QByteArray> cost;
};

struct FaultSpec
{
    enum class Kind { None, HttpError, ErrorEvent, Stall, Reset, Malformed, Huge, Cut };

    Kind kind = Kind::None;
    int afterTokens = 0;

    // http_error
    int status = 500;
    QByteArray body;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;

    // error_event
    int code = 502;
    QString message;
    QString errorType;

    // huge
    qint64 bytes = 0;
};

struct ReplaySpec
{
    QList<QByteArray> chunks;
    int chunkDelayMs = 0;
};

struct ModelSpec
{
    QString id;
    QString name;
    qint64 contextLength = 32768;
    qint64 created = 1735689600; // 2025-01-01T00:00:00Z
    std::optional<ModelPricing> pricing;
    ReplySpec reply;
    QString reasoning;
    ModelTiming timing;
    UsageOverride usage;
    bool reportUsage = true;
    bool reportCost = true;
    FaultSpec fault;
    // Applies fault and replay to this many requests only. Negative means all.
    int failFirstN = -1;
    std::optional<ReplaySpec> replay;
};

struct Scenario
{
    QString sourcePath;
    QString requireApiKey;
    QList<ModelSpec> models;

    const ModelSpec *findModel(const QString &id) const
    {
        for (const ModelSpec &model : models) {
            if (model.id == id)
                return &model;
        }
        return nullptr;
    }
};
