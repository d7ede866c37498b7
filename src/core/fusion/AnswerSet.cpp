#include "AnswerSet.h"

#include "fusion/PromptTemplates.h"

#include <random>

namespace Consilium {

QString letterLabel(int position)
{
    QString label;
    int value = position;
    do {
        label.prepend(QChar(u'A' + value % 26));
        value = value / 26 - 1;
    } while (value >= 0);
    return label;
}

AnswerSet AnswerSet::fromCalls(const Turn &turn, const QList<int> &callIndexes, Labels labels, quint32 shuffleSeed)
{
    QList<int> order = callIndexes;
    if (labels == Labels::Anonymous) {
        // Fisher-Yates over mt19937, whose output the standard fixes, so a
        // seed gives the same order with every compiler (std::shuffle's
        // algorithm is left to the library).
        std::mt19937 random(shuffleSeed);
        for (qsizetype i = order.size() - 1; i > 0; --i) {
            const qsizetype j = qsizetype(random() % quint32(i + 1));
            order.swapItemsAt(i, j);
        }
    }

    AnswerSet set;
    set.m_labels = labels;
    for (int position = 0; position < order.size(); ++position) {
        const CallRecord &call = turn.calls[order[position]];
        LabelledAnswer answer;
        answer.model = call.model;
        answer.callIndex = order[position];
        answer.text = call.outcome.text;
        switch (labels) {
        case Labels::Letters: answer.label = letterLabel(position); break;
        case Labels::ModelIds: answer.label = call.model; break;
        case Labels::Anonymous: answer.label = QStringLiteral("Model ") + letterLabel(position); break;
        }
        set.m_answers.append(answer);
    }
    return set;
}

QStringList AnswerSet::labels() const
{
    QStringList result;
    for (const LabelledAnswer &answer : m_answers)
        result.append(answer.label);
    return result;
}

QString AnswerSet::modelFor(const QString &label) const
{
    for (const LabelledAnswer &answer : m_answers) {
        if (answer.label == label)
            return answer.model;
    }
    return QString();
}

QMap<QString, QString> AnswerSet::labelToModel() const
{
    QMap<QString, QString> map;
    for (const LabelledAnswer &answer : m_answers)
        map.insert(answer.label, answer.model);
    return map;
}

QString AnswerSet::toPrompt(const FusionSettings &settings) const
{
    const QString block = settings.templateFor(m_labels == Labels::Letters ? QStringLiteral("answer-block")
                                                                           : QStringLiteral("model-answer-block"));
    QString text;
    for (const LabelledAnswer &answer : m_answers) {
        text += PromptTemplates::fill(block, {{QStringLiteral("label"), answer.label},
                                              {QStringLiteral("answer"), answer.text}});
    }
    return text.trimmed();
}

} // namespace Consilium
