#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Consilium {

// A model in an ensemble, with its own system prompt and sampling.
struct Member
{
    QString model;
    QString systemPrompt;
    std::optional<double> temperature;
    // Which configured provider serves the model ("ollama"); empty means the
    // default one. The turn runner routes the member's calls by it.
    QString provider;
};

// The members that answer a turn and the roles that fuse their answers.
// NOTE: presets persist this; keep new fields optional with defaults.
struct Ensemble
{
    QList<Member> panel;
    Member writer;
    int maxTokens = 4096;

    static Ensemble fromModelIds(const QStringList &panelModels, const QString &writerModel);

    // Returns the problems that stop a turn from starting, empty when none.
    QStringList validate() const;
};

} // namespace Consilium
