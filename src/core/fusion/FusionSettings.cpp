#include "FusionSettings.h"

#include "fusion/PromptTemplates.h"

namespace Consilium {

QString FusionSettings::templateFor(const QString &role) const
{
    const auto override = templates.constFind(role);
    if (override != templates.cend() && !override->trimmed().isEmpty())
        return *override;
    return PromptTemplates::load(role);
}

QStringList FusionSettings::validate(const Ensemble &ensemble) const
{
    QStringList problems;
    const int panelSize = int(ensemble.panel.size());
    if (panelSize > 16)
        problems.append(QStringLiteral("The panel has %1 members; at most 16 are allowed.").arg(panelSize));
    if (layers < 1 || layers > 4)
        problems.append(QStringLiteral("layers must be 1 to 4, not %1.").arg(layers));
    if (rounds < 1 || rounds > 3)
        problems.append(QStringLiteral("rounds must be 1 to 3, not %1.").arg(rounds));
    if (quorum < 0 || quorum > panelSize)
        problems.append(QStringLiteral("quorum must be 0 (all) to %1, not %2.").arg(panelSize).arg(quorum));
    if (minAnswers < 1 || minAnswers > panelSize)
        problems.append(QStringLiteral("min-answers must be 1 to %1, not %2.").arg(panelSize).arg(minAnswers));
    if (quorum > 0 && minAnswers > quorum)
        problems.append(QStringLiteral("min-answers (%1) cannot exceed the quorum (%2).").arg(minAnswers).arg(quorum));
    if (deadlineMs < 0)
        problems.append(QStringLiteral("The deadline must not be negative, not %1 ms.").arg(deadlineMs));
    if (agreeCount < 0 || agreeCount > panelSize)
        problems.append(QStringLiteral("The agreement count must be 0 (majority) to %1, not %2.")
                            .arg(panelSize)
                            .arg(agreeCount));
    if (strategy == u"best-of-n" && judge.model.isEmpty())
        problems.append(QStringLiteral("best-of-n needs a judge model."));
    if (strategy == u"cascade" && agreement == AgreementMode::Judge && judge.model.isEmpty())
        problems.append(QStringLiteral("A cascade that agrees by judge needs a judge model."));
    if (extraction == ExtractionMode::Model && extractor.model.isEmpty()
        && (strategy == u"vote" || strategy == u"debate"))
        problems.append(QStringLiteral("Extraction by model needs an extractor model."));
    return problems;
}

QString historyModeName(HistoryMode mode)
{
    return mode == HistoryMode::FusedAnswer ? QStringLiteral("fused") : QStringLiteral("own");
}

QString extractionModeName(ExtractionMode mode)
{
    switch (mode) {
    case ExtractionMode::Auto: return QStringLiteral("auto");
    case ExtractionMode::Number: return QStringLiteral("number");
    case ExtractionMode::Choice: return QStringLiteral("choice");
    case ExtractionMode::Phrase: return QStringLiteral("phrase");
    case ExtractionMode::Model: return QStringLiteral("model");
    }
    return QStringLiteral("auto");
}

std::optional<ExtractionMode> extractionModeFromName(const QString &name)
{
    for (ExtractionMode mode : {ExtractionMode::Auto, ExtractionMode::Number, ExtractionMode::Choice,
                                ExtractionMode::Phrase, ExtractionMode::Model}) {
        if (extractionModeName(mode) == name)
            return mode;
    }
    return std::nullopt;
}

std::optional<RankingMode> rankingModeFromName(const QString &name)
{
    if (name == u"auto")
        return RankingMode::Auto;
    if (name == u"listwise")
        return RankingMode::Listwise;
    if (name == u"pairwise")
        return RankingMode::Pairwise;
    return std::nullopt;
}

} // namespace Consilium
