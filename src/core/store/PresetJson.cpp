#include "PresetJson.h"

#include <QJsonArray>

#include <utility>

namespace Consilium::PresetJson {

QJsonObject memberToJson(const Member &member)
{
    QJsonObject object{{QStringLiteral("model"), member.model}};
    if (!member.provider.isEmpty())
        object.insert(QStringLiteral("provider"), member.provider);
    if (!member.systemPrompt.isEmpty())
        object.insert(QStringLiteral("system_prompt"), member.systemPrompt);
    if (member.temperature)
        object.insert(QStringLiteral("temperature"), *member.temperature);
    return object;
}

// Reads an optional string field. A present value of another type is an error.
bool readString(const QJsonObject &object, const QString &key, const QString &path, QString &target, QString &error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString()) {
        error = QStringLiteral("%1%2: must be a string").arg(path, key);
        return false;
    }
    target = value.toString();
    return true;
}

Result<Member> memberFromJson(const QJsonValue &value, const QString &path)
{
    if (!value.isObject())
        return Result<Member>::failure(QStringLiteral("%1: must be an object").arg(path));
    const QJsonObject object = value.toObject();
    const QString prefix = path + u'.';
    Member member;
    if (!object.value(u"model").isString() || object.value(u"model").toString().trimmed().isEmpty())
        return Result<Member>::failure(prefix + (object.contains(u"model") ? QStringLiteral("model: must be a non-empty string")
                                                                           : QStringLiteral("model: missing")));
    member.model = object.value(u"model").toString().trimmed();
    QString error;
    if (!readString(object, QStringLiteral("provider"), prefix, member.provider, error)
        || !readString(object, QStringLiteral("system_prompt"), prefix, member.systemPrompt, error))
        return Result<Member>::failure(error);
    const QJsonValue temperature = object.value(u"temperature");
    if (!temperature.isUndefined() && !temperature.isNull()) {
        // OpenAI-compatible APIs accept 0 to 2.
        if (!temperature.isDouble() || temperature.toDouble() < 0 || temperature.toDouble() > 2)
            return Result<Member>::failure(prefix + QStringLiteral("temperature: must be a number from 0 to 2"));
        member.temperature = temperature.toDouble();
    }
    return member;
}

namespace {

template <typename Enum>
using NameTable = std::initializer_list<std::pair<Enum, const char16_t *>>;

const NameTable<StragglerPolicy> kStragglers{{StragglerPolicy::Cancel, u"cancel"}, {StragglerPolicy::Keep, u"keep"}};
const NameTable<HistoryMode> kHistory{{HistoryMode::FusedAnswer, u"fused_answer"},
                                      {HistoryMode::OwnAnswers, u"own_answers"}};
const NameTable<ExtractionMode> kExtraction{{ExtractionMode::Auto, u"auto"},     {ExtractionMode::Number, u"number"},
                                            {ExtractionMode::Choice, u"choice"}, {ExtractionMode::Phrase, u"phrase"},
                                            {ExtractionMode::Model, u"model"}};
const NameTable<RankingMode> kRanking{{RankingMode::Auto, u"auto"}, {RankingMode::Listwise, u"listwise"},
                                      {RankingMode::Pairwise, u"pairwise"}};
const NameTable<DebateCloser> kCloser{{DebateCloser::Writer, u"writer"}, {DebateCloser::Vote, u"vote"}};
const NameTable<AgreementMode> kAgreement{{AgreementMode::Extraction, u"extraction"},
                                          {AgreementMode::Judge, u"judge"}};

template <typename Enum>
QString nameOf(const NameTable<Enum> &table, Enum value)
{
    for (const auto &[entry, name] : table) {
        if (entry == value)
            return QString::fromUtf16(name);
    }
    return {};
}

// Reads an optional enum field by name; an unknown name lists the valid ones.
template <typename Enum>
bool readEnum(const QJsonObject &object, const QString &key, const QString &path, const NameTable<Enum> &table,
              Enum &target, QString &error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    QStringList names;
    for (const auto &[entry, name] : table) {
        names.append(QString::fromUtf16(name));
        if (value.toString() == names.last()) {
            target = entry;
            return true;
        }
    }
    error = QStringLiteral("%1%2: must be one of %3").arg(path, key, names.join(QStringLiteral(", ")));
    return false;
}

// Reads an optional whole number within [minimum, maximum].
bool readInt(const QJsonObject &object, const QString &key, const QString &path, int minimum, int maximum,
             int &target, QString &error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    const double number = value.toDouble(-1e300);
    if (!value.isDouble() || number != double(qint64(number)) || number < minimum || number > maximum) {
        error = QStringLiteral("%1%2: must be a whole number from %3 to %4").arg(path, key).arg(minimum).arg(maximum);
        return false;
    }
    target = int(number);
    return true;
}

bool readRole(const QJsonObject &object, const QString &key, const QString &path, Member &target, QString &error)
{
    if (!object.contains(key) || object.value(key).isNull())
        return true;
    Result<Member> member = memberFromJson(object.value(key), path + key);
    if (!member) {
        error = member.error();
        return false;
    }
    target = std::move(member).value();
    return true;
}

bool readTemplates(const QJsonObject &object, const QString &path, QMap<QString, QString> &templates, QString &error)
{
    const QJsonValue value = object.value(u"templates");
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isObject()) {
        error = path + QStringLiteral("templates: must be an object of role to template text");
        return false;
    }
    const QJsonObject roles = value.toObject();
    for (auto it = roles.begin(); it != roles.end(); ++it) {
        if (!it.value().isString()) {
            error = QStringLiteral("%1templates.%2: must be a string").arg(path, it.key());
            return false;
        }
        templates.insert(it.key(), it.value().toString());
    }
    return true;
}

} // namespace

QJsonObject fusionSettingsToJson(const FusionSettings &settings)
{
    QJsonObject object{
        {QStringLiteral("anonymize"), settings.anonymize},
        {QStringLiteral("layers"), settings.layers},
        {QStringLiteral("rounds"), settings.rounds},
        {QStringLiteral("debate_closer"), nameOf(kCloser, settings.debateCloser)},
        {QStringLiteral("extraction"), nameOf(kExtraction, settings.extraction)},
        {QStringLiteral("ranking"), nameOf(kRanking, settings.ranking)},
        {QStringLiteral("agreement"), nameOf(kAgreement, settings.agreement)},
        {QStringLiteral("agree_count"), settings.agreeCount},
        {QStringLiteral("quorum"), settings.quorum},
        {QStringLiteral("deadline_ms"), settings.deadlineMs},
        {QStringLiteral("min_answers"), settings.minAnswers},
        {QStringLiteral("stragglers"), nameOf(kStragglers, settings.stragglers)},
        {QStringLiteral("history"), nameOf(kHistory, settings.history)},
    };
    if (!settings.analyst.model.isEmpty())
        object.insert(QStringLiteral("analyst"), memberToJson(settings.analyst));
    if (!settings.judge.model.isEmpty())
        object.insert(QStringLiteral("judge"), memberToJson(settings.judge));
    if (!settings.extractor.model.isEmpty())
        object.insert(QStringLiteral("extractor"), memberToJson(settings.extractor));
    if (!settings.tieBreaker.isEmpty())
        object.insert(QStringLiteral("tie_breaker"), settings.tieBreaker);
    if (settings.shuffleSeed)
        object.insert(QStringLiteral("shuffle_seed"), qint64(*settings.shuffleSeed));
    QJsonObject templates;
    for (auto it = settings.templates.cbegin(); it != settings.templates.cend(); ++it)
        templates.insert(it.key(), it.value());
    if (!templates.isEmpty())
        object.insert(QStringLiteral("templates"), templates);
    return object;
}

QString readFusionSettings(const QJsonObject &object, const QString &path, FusionSettings &settings)
{
    QString error;
    const QJsonValue anonymize = object.value(u"anonymize");
    if (!anonymize.isUndefined() && !anonymize.isBool())
        return path + QStringLiteral("anonymize: must be true or false");
    settings.anonymize = anonymize.toBool(settings.anonymize);

    int seed = -1;
    const bool read = readInt(object, QStringLiteral("layers"), path, 1, 4, settings.layers, error)
                      && readInt(object, QStringLiteral("rounds"), path, 1, 3, settings.rounds, error)
                      && readInt(object, QStringLiteral("agree_count"), path, 0, 16, settings.agreeCount, error)
                      && readInt(object, QStringLiteral("quorum"), path, 0, 16, settings.quorum, error)
                      && readInt(object, QStringLiteral("deadline_ms"), path, 0, 3'600'000, settings.deadlineMs, error)
                      && readInt(object, QStringLiteral("min_answers"), path, 1, 16, settings.minAnswers, error)
                      && readInt(object, QStringLiteral("shuffle_seed"), path, 0, std::numeric_limits<int>::max(), seed,
                                 error)
                      && readEnum(object, QStringLiteral("debate_closer"), path, kCloser, settings.debateCloser, error)
                      && readEnum(object, QStringLiteral("extraction"), path, kExtraction, settings.extraction, error)
                      && readEnum(object, QStringLiteral("ranking"), path, kRanking, settings.ranking, error)
                      && readEnum(object, QStringLiteral("agreement"), path, kAgreement, settings.agreement, error)
                      && readEnum(object, QStringLiteral("stragglers"), path, kStragglers, settings.stragglers, error)
                      && readEnum(object, QStringLiteral("history"), path, kHistory, settings.history, error)
                      && readRole(object, QStringLiteral("analyst"), path, settings.analyst, error)
                      && readRole(object, QStringLiteral("judge"), path, settings.judge, error)
                      && readRole(object, QStringLiteral("extractor"), path, settings.extractor, error)
                      && readString(object, QStringLiteral("tie_breaker"), path, settings.tieBreaker, error)
                      && readTemplates(object, path, settings.templates, error);
    if (!read)
        return error;
    if (seed >= 0)
        settings.shuffleSeed = quint32(seed);
    return {};
}

QJsonObject timeoutsToJson(const CallTimeouts &timeouts)
{
    return QJsonObject{{QStringLiteral("connect_ms"), timeouts.connectMs},
                       {QStringLiteral("first_token_ms"), timeouts.firstTokenMs},
                       {QStringLiteral("idle_ms"), timeouts.idleMs}};
}

QString readTimeouts(const QJsonObject &object, const QString &path, CallTimeouts &timeouts)
{
    // 0 disables a timeout; an hour is far beyond any real answer.
    constexpr int kMaxMs = 3'600'000;
    QString error;
    if (!readInt(object, QStringLiteral("connect_ms"), path, 0, kMaxMs, timeouts.connectMs, error)
        || !readInt(object, QStringLiteral("first_token_ms"), path, 0, kMaxMs, timeouts.firstTokenMs, error)
        || !readInt(object, QStringLiteral("idle_ms"), path, 0, kMaxMs, timeouts.idleMs, error))
        return error;
    return {};
}

} // namespace Consilium::PresetJson
