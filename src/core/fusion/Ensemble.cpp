#include "Ensemble.h"

namespace Consilium {

Ensemble Ensemble::fromModelIds(const QStringList &panelModels, const QString &writerModel)
{
    Ensemble ensemble;
    for (const QString &id : panelModels) {
        if (!id.trimmed().isEmpty())
            ensemble.panel.append(Member{id.trimmed(), {}, {}, {}});
    }
    ensemble.writer.model = writerModel.trimmed();
    return ensemble;
}

QStringList Ensemble::validate() const
{
    QStringList problems;
    if (panel.isEmpty())
        problems.append(QStringLiteral("The panel is empty; pick at least one panel model."));
    if (writer.model.isEmpty())
        problems.append(QStringLiteral("No writer model is set; pick the model that writes the fused answer."));
    if (maxTokens <= 0)
        problems.append(QStringLiteral("max_tokens must be positive, not %1.").arg(maxTokens));
    return problems;
}

} // namespace Consilium
