#include "ModelCatalogue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

QByteArray ModelCatalogue::toJson(const Scenario &scenario)
{
    QJsonArray data;
    for (const ModelSpec &model : scenario.models) {
        const QJsonArray text{u"text"_s};
        QJsonObject entry{
            {u"id"_s, model.id},
            {u"canonical_slug"_s, model.id},
            {u"name"_s, model.name},
            {u"created"_s, model.created},
            {u"description"_s, u"Emulated model for offline tests."_s},
            {u"context_length"_s, model.contextLength},
            {u"architecture"_s, QJsonObject{{u"modality"_s, u"text->text"_s},
                                            {u"input_modalities"_s, text},
                                            {u"output_modalities"_s, text},
                                            {u"tokenizer"_s, u"Other"_s},
                                            {u"instruct_type"_s, QJsonValue::Null}}},
            {u"top_provider"_s, QJsonObject{{u"context_length"_s, model.contextLength},
                                            {u"max_completion_tokens"_s, QJsonValue::Null},
                                            {u"is_moderated"_s, false}}},
            {u"supported_parameters"_s,
             QJsonArray{u"max_tokens"_s, u"temperature"_s, u"stream"_s}},
        };
        if (model.pricing) {
            entry.insert(u"pricing"_s, QJsonObject{{u"prompt"_s, model.pricing->prompt},
                                                   {u"completion"_s, model.pricing->completion}});
        }
        data.append(entry);
    }
    return QJsonDocument(QJsonObject{{u"data"_s, data}}).toJson(QJsonDocument::Compact);
}
