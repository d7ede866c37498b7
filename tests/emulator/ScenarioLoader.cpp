#include "ScenarioLoader.h"

#include "DecimalPrice.h"
#include "JsonFieldReader.h"
#include "ScenarioFaultReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <limits>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MaxTokens = 100'000'000;

QByteArray readReferencedFile(const JsonFieldReader &reader, QLatin1StringView key,
                              const QDir &baseDir)
{
    const QString relative = reader.requiredString(key);
    QFile file(baseDir.filePath(relative));
    if (!file.open(QIODevice::ReadOnly))
        reader.fail(key, u"cannot read '"_s + file.fileName() + u"': "_s + file.errorString());
    return file.readAll();
}

QJsonArray requiredArray(const JsonFieldReader &reader, QLatin1StringView key)
{
    if (!reader.object().value(key).isArray())
        reader.fail(key, reader.has(key) ? u"expected an array"_s : u"missing required array"_s);
    return reader.object().value(key).toArray();
}

JsonFieldReader arrayElementObject(const QJsonArray &array, qsizetype index,
                                   const QString &arrayPath)
{
    const QString path = arrayPath + u'[' + QString::number(index) + u']';
    if (!array.at(index).isObject())
        throw JsonFieldError{path + u": expected an object"_s};
    return JsonFieldReader(array.at(index).toObject(), path);
}

ModelTiming readTiming(const JsonFieldReader &reader, ModelTiming timing)
{
    timing.ttftMs = int(reader.optionalInteger("ttft_ms"_L1, 0, 600'000).value_or(timing.ttftMs));
    timing.tokensPerSecond
        = reader.optionalNumber("tokens_per_second"_L1, 0, 1e6).value_or(timing.tokensPerSecond);
    timing.chunkTokens
        = int(reader.optionalInteger("chunk_tokens"_L1, 1, 100'000).value_or(timing.chunkTokens));
    timing.keepalivesBeforeFirstToken = int(reader.optionalInteger("keepalive_before_first_token"_L1,
                                                                   0, 1000)
                                                .value_or(timing.keepalivesBeforeFirstToken));
    return timing;
}

ModelPricing readPricing(const JsonFieldReader &reader)
{
    reader.rejectUnknownKeys({u"prompt"_s, u"completion"_s});
    ModelPricing pricing;
    pricing.prompt = reader.optionalDecimal("prompt"_L1).value_or(u"0"_s);
    pricing.completion = reader.optionalDecimal("completion"_L1).value_or(u"0"_s);
    pricing.promptPico = *DecimalPrice::parsePico(pricing.prompt);
    pricing.completionPico = *DecimalPrice::parsePico(pricing.completion);
    return pricing;
}

ReplySpec readRules(const JsonFieldReader &reader)
{
    ReplySpec reply;
    reply.ruleBased = true;
    reply.defaultText = reader.requiredString("default"_L1);
    const QJsonArray rules = requiredArray(reader, "rules"_L1);
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const JsonFieldReader rule = arrayElementObject(rules, i, reader.fieldPath("rules"_L1));
        rule.rejectUnknownKeys({u"pattern"_s, u"text"_s});
        QRegularExpression pattern(rule.requiredString("pattern"_L1));
        if (!pattern.isValid())
            rule.fail("pattern"_L1, u"invalid regular expression: "_s + pattern.errorString());
        reply.rules.append({pattern, rule.requiredString("text"_L1)});
    }
    return reply;
}

OracleSpec readOracle(const JsonFieldReader &reader)
{
    reader.rejectUnknownKeys({u"seed"_s, u"multiplier"_s, u"modulus"_s, u"answers"_s, u"wrong"_s,
                              u"reply_template"_s, u"default"_s});
    OracleSpec oracle;
    oracle.seed = quint64(reader.optionalInteger("seed"_L1, 0, std::numeric_limits<qint64>::max()).value_or(1));
    oracle.multiplier = reader.optionalInteger("multiplier"_L1, 1, 1'000'000'000).value_or(oracle.multiplier);
    oracle.modulus = reader.optionalInteger("modulus"_L1, 2, 1'000'000'000).value_or(oracle.modulus);
    if (reader.has("answers"_L1)) {
        const QJsonArray answers = requiredArray(reader, "answers"_L1);
        for (qsizetype i = 0; i < answers.size(); ++i) {
            if (!answers.at(i).isString())
                throw JsonFieldError{reader.fieldPath("answers"_L1) + u'[' + QString::number(i) + u"]: expected a string"_s};
            oracle.answers.append(answers.at(i).toString());
        }
    }
    const QString wrong = reader.optionalString("wrong"_L1).value_or(u"same"_s);
    if (wrong != "same"_L1 && wrong != "random"_L1)
        reader.fail("wrong"_L1, u"unknown value '"_s + wrong + u"', expected one of same, random"_s);
    oracle.sameWrongAnswer = wrong == "same"_L1;
    oracle.replyTemplate = reader.optionalString("reply_template"_L1).value_or(oracle.replyTemplate);
    oracle.defaultText = reader.optionalString("default"_L1).value_or(oracle.defaultText);
    return oracle;
}

ReplySpec readOracleReply(const JsonFieldReader &reader, const std::optional<OracleSpec> &oracle,
                          const QString &modelId)
{
    if (!oracle)
        reader.fail("oracle"_L1, u"needs the top-level \"oracle\" object"_s);
    const auto settings = reader.optionalObject("oracle"_L1);
    if (!settings)
        reader.fail("oracle"_L1, u"expected an object"_s);
    settings->rejectUnknownKeys({u"accuracy"_s});
    ReplySpec reply;
    reply.oracle = true;
    reply.oracleAccuracy = settings->optionalNumber("accuracy"_L1, 0, 1).value_or(1.0);
    reply.oracleModel = modelId;
    reply.oracleSpec = *oracle;
    return reply;
}

ReplySpec readReply(const JsonFieldReader &reader, const QDir &baseDir, const std::optional<OracleSpec> &oracle,
                    const QString &modelId)
{
    reader.rejectUnknownKeys({u"text"_s, u"file"_s, u"rules"_s, u"default"_s, u"oracle"_s});
    const int forms = int(reader.has("text"_L1)) + int(reader.has("file"_L1))
                      + int(reader.has("rules"_L1)) + int(reader.has("oracle"_L1));
    if (forms != 1)
        reader.fail(QLatin1StringView(), u"expected exactly one of text, file, rules or oracle"_s);

    if (reader.has("oracle"_L1))
        return readOracleReply(reader, oracle, modelId);
    if (reader.has("rules"_L1))
        return readRules(reader);
    if (reader.has("default"_L1))
        reader.fail("default"_L1, u"only allowed together with rules"_s);

    ReplySpec reply;
    if (reader.has("text"_L1))
        reply.text = reader.requiredString("text"_L1);
    else
        reply.text = QString::fromUtf8(readReferencedFile(reader, "file"_L1, baseDir));
    return reply;
}

UsageOverride readUsage(const JsonFieldReader &reader)
{
    reader.rejectUnknownKeys({u"prompt_tokens"_s, u"completion_tokens"_s, u"cost"_s});
    UsageOverride usage;
    usage.promptTokens = reader.optionalInteger("prompt_tokens"_L1, 0, MaxTokens);
    usage.completionTokens = reader.optionalInteger("completion_tokens"_L1, 0, MaxTokens);
    if (const auto cost = reader.optionalDecimal("cost"_L1))
        usage.cost = DecimalPrice::formatPico(*DecimalPrice::parsePico(*cost));
    return usage;
}

ReplaySpec readReplay(const JsonFieldReader &reader, const QDir &baseDir)
{
    reader.rejectUnknownKeys({u"file"_s, u"chunks"_s, u"chunk_delay_ms"_s});
    if (reader.has("file"_L1) == reader.has("chunks"_L1))
        reader.fail(QLatin1StringView(), u"expected exactly one of file or chunks"_s);

    ReplaySpec replay;
    replay.chunkDelayMs = int(reader.optionalInteger("chunk_delay_ms"_L1, 0, 600'000).value_or(0));
    if (reader.has("file"_L1)) {
        replay.chunks.append(readReferencedFile(reader, "file"_L1, baseDir));
        return replay;
    }

    const QJsonArray chunks = requiredArray(reader, "chunks"_L1);
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        const QString where = reader.fieldPath("chunks"_L1) + u'[' + QString::number(i) + u']';
        const QString text = chunks.at(i).toString();
        // Each character stands for one byte, so "\u00ff" sends the byte 0xFF.
        const bool isBytes = chunks.at(i).isString()
                             && std::all_of(text.cbegin(), text.cend(),
                                            [](QChar c) { return c.unicode() <= 0xFF; });
        if (!isBytes) {
            throw JsonFieldError{where
                                 + u": expected a string of characters U+0000 to U+00FF, one per byte"_s};
        }
        replay.chunks.append(text.toLatin1());
    }
    return replay;
}

ModelSpec readModel(const JsonFieldReader &reader, const ModelTiming &defaults,
                    const QDir &baseDir, const std::optional<OracleSpec> &oracle)
{
    reader.rejectUnknownKeys({u"id"_s, u"name"_s, u"context_length"_s, u"created"_s,
                              u"pricing"_s, u"reply"_s, u"reasoning"_s, u"ttft_ms"_s,
                              u"tokens_per_second"_s, u"chunk_tokens"_s,
                              u"keepalive_before_first_token"_s, u"usage"_s, u"report_usage"_s,
                              u"report_cost"_s, u"fault"_s, u"fail_first_n"_s, u"replay"_s});
    ModelSpec model;
    model.id = reader.requiredString("id"_L1);
    if (model.id.trimmed().isEmpty())
        reader.fail("id"_L1, u"must not be empty"_s);
    model.name = reader.optionalString("name"_L1).value_or(model.id);
    model.contextLength = reader.optionalInteger("context_length"_L1, 1, MaxTokens)
                              .value_or(model.contextLength);
    model.created = reader.optionalInteger("created"_L1, 0, 4'102'444'800).value_or(model.created);
    if (const auto pricing = reader.optionalObject("pricing"_L1))
        model.pricing = readPricing(*pricing);
    if (!reader.has("reply"_L1) && !reader.has("replay"_L1))
        reader.fail("reply"_L1, u"missing, every model needs a reply or a replay"_s);
    if (const auto reply = reader.optionalObject("reply"_L1))
        model.reply = readReply(*reply, baseDir, oracle, model.id);
    model.reasoning = reader.optionalString("reasoning"_L1).value_or(QString());
    model.timing = readTiming(reader, defaults);
    if (const auto usage = reader.optionalObject("usage"_L1))
        model.usage = readUsage(*usage);
    model.reportUsage = reader.optionalBool("report_usage"_L1).value_or(true);
    model.reportCost = reader.optionalBool("report_cost"_L1).value_or(true);
    if (const auto fault = reader.optionalObject("fault"_L1))
        model.fault = ScenarioFaultReader::read(*fault);
    model.failFirstN = int(reader.optionalInteger("fail_first_n"_L1, 0, 1'000'000).value_or(-1));
    if (const auto replay = reader.optionalObject("replay"_L1))
        model.replay = readReplay(*replay, baseDir);
    return model;
}

Scenario readScenario(const JsonFieldReader &root, const QDir &baseDir)
{
    root.rejectUnknownKeys({u"require_api_key"_s, u"defaults"_s, u"models"_s, u"oracle"_s});
    Scenario scenario;
    scenario.requireApiKey = root.optionalString("require_api_key"_L1).value_or(QString());

    ModelTiming defaults;
    if (const auto defaultsReader = root.optionalObject("defaults"_L1)) {
        defaultsReader->rejectUnknownKeys({u"ttft_ms"_s, u"tokens_per_second"_s,
                                           u"chunk_tokens"_s, u"keepalive_before_first_token"_s});
        defaults = readTiming(*defaultsReader, defaults);
    }

    std::optional<OracleSpec> oracle;
    if (const auto oracleReader = root.optionalObject("oracle"_L1))
        oracle = readOracle(*oracleReader);

    const QJsonArray models = requiredArray(root, "models"_L1);
    if (models.isEmpty())
        root.fail("models"_L1, u"must list at least one model"_s);
    QSet<QString> ids;
    for (qsizetype i = 0; i < models.size(); ++i) {
        const JsonFieldReader reader = arrayElementObject(models, i, u"models"_s);
        const ModelSpec model = readModel(reader, defaults, baseDir, oracle);
        if (ids.contains(model.id))
            reader.fail("id"_L1, u"duplicate model id '"_s + model.id + u"'"_s);
        ids.insert(model.id);
        scenario.models.append(model);
    }
    return scenario;
}

} // namespace

std::optional<Scenario> ScenarioLoader::parse(const QByteArray &json, const QString &baseDir,
                                              QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"invalid JSON at offset %1: %2"_s.arg(parseError.offset)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = u"(top level): expected a JSON object"_s;
        return std::nullopt;
    }

    try {
        return readScenario(JsonFieldReader(document.object(), QString()), QDir(baseDir));
    } catch (const JsonFieldError &fieldError) {
        *error = fieldError.message;
        return std::nullopt;
    }
}

std::optional<Scenario> ScenarioLoader::loadFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + u": cannot open scenario file: "_s + file.errorString();
        return std::nullopt;
    }

    QString problem;
    std::optional<Scenario> scenario = parse(file.readAll(), QFileInfo(path).absolutePath(),
                                             &problem);
    if (!scenario) {
        *error = path + u": "_s + problem;
        return std::nullopt;
    }
    scenario->sourcePath = path;
    return scenario;
}
