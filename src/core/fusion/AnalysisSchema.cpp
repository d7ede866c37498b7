#include "AnalysisSchema.h"

#include <QJsonArray>

namespace Consilium::AnalysisSchema {

namespace {

// Collects problems under a path prefix; one instance walks the whole object.
class Checker
{
public:
    explicit Checker(const QStringList &knownModels) : m_known(knownModels) {}

    QStringList problems;

    // Returns the array at `key`, or nothing after recording why not.
    std::optional<QJsonArray> array(const QJsonObject &object, const QString &key, const QString &path)
    {
        const QString where = path.isEmpty() ? key : path + u'.' + key;
        if (!object.contains(key)) {
            problems.append(where + QStringLiteral(": missing"));
            return std::nullopt;
        }
        if (!object.value(key).isArray()) {
            problems.append(where + QStringLiteral(": expected an array"));
            return std::nullopt;
        }
        return object.value(key).toArray();
    }

    void string(const QJsonValue &value, const QString &where)
    {
        if (value.isUndefined())
            problems.append(where + QStringLiteral(": missing"));
        else if (!value.isString())
            problems.append(where + QStringLiteral(": expected a string"));
    }

    void model(const QJsonValue &value, const QString &where)
    {
        string(value, where);
        if (value.isString() && !m_known.contains(value.toString())) {
            problems.append(QStringLiteral("%1: unknown model \"%2\"; expected one of %3")
                                .arg(where, value.toString(), m_known.join(QStringLiteral(", "))));
        }
    }

    // Checks an array of strings (or of models when `models` is set).
    void strings(const QJsonArray &values, const QString &where, bool models)
    {
        for (int i = 0; i < values.size(); ++i) {
            const QString item = QStringLiteral("%1[%2]").arg(where).arg(i);
            if (models)
                model(values[i], item);
            else
                string(values[i], item);
        }
    }

    // Returns the object at `where`, or nothing after recording why not.
    std::optional<QJsonObject> object(const QJsonValue &value, const QString &where)
    {
        if (!value.isObject()) {
            problems.append(where + QStringLiteral(": expected an object"));
            return std::nullopt;
        }
        return value.toObject();
    }

private:
    QStringList m_known;
};

void checkContradictions(Checker &check, const QJsonArray &contradictions)
{
    for (int i = 0; i < contradictions.size(); ++i) {
        const QString where = QStringLiteral("contradictions[%1]").arg(i);
        const auto item = check.object(contradictions[i], where);
        if (!item)
            continue;
        check.string(item->value(QStringLiteral("topic")), where + QStringLiteral(".topic"));
        const auto stances = check.array(*item, QStringLiteral("stances"), where);
        for (int j = 0; stances && j < stances->size(); ++j) {
            const QString stanceWhere = QStringLiteral("%1.stances[%2]").arg(where).arg(j);
            if (const auto stance = check.object(stances->at(j), stanceWhere)) {
                check.model(stance->value(QStringLiteral("model")), stanceWhere + QStringLiteral(".model"));
                check.string(stance->value(QStringLiteral("stance")), stanceWhere + QStringLiteral(".stance"));
            }
        }
    }
}

void checkCoverage(Checker &check, const QJsonArray &coverage)
{
    for (int i = 0; i < coverage.size(); ++i) {
        const QString where = QStringLiteral("partial_coverage[%1]").arg(i);
        const auto item = check.object(coverage[i], where);
        if (!item)
            continue;
        check.string(item->value(QStringLiteral("point")), where + QStringLiteral(".point"));
        if (const auto models = check.array(*item, QStringLiteral("models"), where))
            check.strings(*models, where + QStringLiteral(".models"), true);
    }
}

void checkInsights(Checker &check, const QJsonArray &insights)
{
    for (int i = 0; i < insights.size(); ++i) {
        const QString where = QStringLiteral("unique_insights[%1]").arg(i);
        if (const auto item = check.object(insights[i], where)) {
            check.model(item->value(QStringLiteral("model")), where + QStringLiteral(".model"));
            check.string(item->value(QStringLiteral("insight")), where + QStringLiteral(".insight"));
        }
    }
}

QJsonValue relabelValue(const QJsonValue &value, const QString &key, const QMap<QString, QString> &labels)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = relabelValue(it.value(), it.key(), labels);
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it)
            *it = relabelValue(*it, key, labels);
        return array;
    }
    // Only the fields that hold models are renamed, never free text.
    if (value.isString() && (key == u"model" || key == u"models"))
        return labels.value(value.toString(), value.toString());
    return value;
}

} // namespace

QStringList validate(const QJsonObject &analysis, const QStringList &knownModels)
{
    Checker check(knownModels);
    if (const auto consensus = check.array(analysis, QStringLiteral("consensus"), QString()))
        check.strings(*consensus, QStringLiteral("consensus"), false);
    if (const auto contradictions = check.array(analysis, QStringLiteral("contradictions"), QString()))
        checkContradictions(check, *contradictions);
    if (const auto coverage = check.array(analysis, QStringLiteral("partial_coverage"), QString()))
        checkCoverage(check, *coverage);
    if (const auto insights = check.array(analysis, QStringLiteral("unique_insights"), QString()))
        checkInsights(check, *insights);
    if (const auto blindSpots = check.array(analysis, QStringLiteral("blind_spots"), QString()))
        check.strings(*blindSpots, QStringLiteral("blind_spots"), false);
    return check.problems;
}

QJsonObject relabel(const QJsonObject &analysis, const QMap<QString, QString> &labelToModel)
{
    return relabelValue(analysis, QString(), labelToModel).toObject();
}

} // namespace Consilium::AnalysisSchema
