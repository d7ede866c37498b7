#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// Small helpers that write emulator scenario entries for the tests.
namespace Consilium::Testing {

inline QJsonObject pricing(const QString &prompt, const QString &completion)
{
    return QJsonObject{{QStringLiteral("prompt"), prompt}, {QStringLiteral("completion"), completion}};
}

// A model that streams `text` quickly with fixed usage figures.
inline QJsonObject fixedModel(const QString &id, const QString &text, int promptTokens, int completionTokens)
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), id},
        {QStringLiteral("pricing"), pricing(QStringLiteral("0.000001"), QStringLiteral("0.000002"))},
        {QStringLiteral("reply"), QJsonObject{{QStringLiteral("text"), text}}},
        {QStringLiteral("ttft_ms"), 20},
        {QStringLiteral("tokens_per_second"), 400},
        {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), promptTokens},
                                              {QStringLiteral("completion_tokens"), completionTokens}}},
    };
}

inline QJsonObject withField(QJsonObject model, const QString &key, const QJsonValue &value)
{
    model.insert(key, value);
    return model;
}

inline QJsonObject scenario(const QJsonArray &models)
{
    return QJsonObject{{QStringLiteral("models"), models}};
}

} // namespace Consilium::Testing
