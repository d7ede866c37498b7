#pragma once

#include "fusion/FusionSettings.h"
#include "fusion/Turn.h"

#include <QList>
#include <QMap>
#include <QString>

namespace Consilium {

// One answer as a later role sees it: the label it is shown under, and
// the real model and call behind it.
struct LabelledAnswer
{
    QString label;
    QString model;
    int callIndex = -1;
    QString text;
};

// The answers of a stage, labelled for a prompt. Strategies build the
// prompts of analysts, writers, judges and proposers from this one class.
class AnswerSet
{
public:
    enum class Labels {
        Letters,   // "A", "B", ... in the given order
        ModelIds,  // the model ids themselves
        Anonymous, // "Model A", "Model B", ... after a seeded shuffle
    };

    // Labels the succeeded calls `callIndexes` of `turn`. The seed only
    // matters for Labels::Anonymous.
    static AnswerSet fromCalls(const Turn &turn, const QList<int> &callIndexes, Labels labels,
                               quint32 shuffleSeed = 0);

    const QList<LabelledAnswer> &answers() const { return m_answers; }
    bool isEmpty() const { return m_answers.isEmpty(); }
    QStringList labels() const;
    // Returns the model behind a label, or an empty string when unknown.
    QString modelFor(const QString &label) const;
    QMap<QString, QString> labelToModel() const;

    // Formats every answer with the "answer-block" template (letters) or
    // the "model-answer-block" template (model ids and anonymous labels).
    QString toPrompt(const FusionSettings &settings) const;

private:
    QList<LabelledAnswer> m_answers;
    Labels m_labels = Labels::Letters;
};

// Returns the letter label of a 0-based position: A ... Z, then AA, AB, ...
QString letterLabel(int position);

} // namespace Consilium
