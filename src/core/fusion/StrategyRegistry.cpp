#include "StrategyRegistry.h"

#include "fusion/BestOfNStrategy.h"
#include "fusion/CascadeStrategy.h"
#include "fusion/DebateStrategy.h"
#include "fusion/MixtureOfAgentsStrategy.h"
#include "fusion/PanelWriterStrategy.h"
#include "fusion/ServerFusionStrategy.h"
#include "fusion/VoteStrategy.h"

namespace Consilium {

namespace {

using Kind = StrategySetting::Kind;

StrategySetting model(const QString &key, const QString &label, const QString &help)
{
    return StrategySetting{key, label, Kind::Model, QString(), {}, 0, 0, help};
}

StrategySetting integer(const QString &key, const QString &label, int defaultValue, int minimum, int maximum,
                        const QString &help)
{
    return StrategySetting{key, label, Kind::Integer, QString::number(defaultValue), {}, minimum, maximum, help};
}

StrategySetting choice(const QString &key, const QString &label, const QStringList &choices, const QString &help)
{
    return StrategySetting{key, label, Kind::Choice, choices.first(), choices, 0, 0, help};
}

// Settings every panel-based strategy reads.
QList<StrategySetting> panelSettings()
{
    return {
        integer(QStringLiteral("quorum"), QStringLiteral("Quorum"), 0, 0, 16,
                QStringLiteral("Go on once this many members answered; 0 waits for all.")),
        integer(QStringLiteral("deadline-ms"), QStringLiteral("Deadline (ms)"), 0, 0, 3'600'000,
                QStringLiteral("Go on with the answers in after this many milliseconds; 0 waits.")),
        integer(QStringLiteral("min-answers"), QStringLiteral("Minimum answers"), 1, 1, 16,
                QStringLiteral("Fewer successful members fail the turn with below_quorum.")),
        choice(QStringLiteral("stragglers"), QStringLiteral("Stragglers"), {QStringLiteral("cancel"), QStringLiteral("keep")},
               QStringLiteral("Cancel members still answering at the quorum or deadline, or keep them for display.")),
        choice(QStringLiteral("history"), QStringLiteral("History"), {QStringLiteral("fused"), QStringLiteral("own")},
               QStringLiteral("Earlier turns contribute the fused answer, or each member's own answer.")),
    };
}

StrategySetting extractionSetting()
{
    return choice(QStringLiteral("extraction"), QStringLiteral("Extraction"),
                  {QStringLiteral("auto"), QStringLiteral("number"), QStringLiteral("choice"), QStringLiteral("phrase"),
                   QStringLiteral("model")},
                  QStringLiteral("How an answer is reduced to a final answer; \"model\" asks the extractor."));
}

} // namespace

QList<StrategyInfo> availableStrategies()
{
    const QList<StrategySetting> panel = panelSettings();
    const StrategySetting writer = model(QStringLiteral("writer"), QStringLiteral("Writer"),
                                         QStringLiteral("Writes the answer from the others' work."));
    const StrategySetting judge = model(QStringLiteral("judge"), QStringLiteral("Judge"),
                                        QStringLiteral("Ranks or compares answers."));
    const StrategySetting extractor = model(QStringLiteral("extractor"), QStringLiteral("Extractor"),
                                            QStringLiteral("Normalises free-text answers when extraction is \"model\"."));
    const StrategySetting tieBreaker = model(QStringLiteral("tie-breaker"), QStringLiteral("Tie-breaker"),
                                             QStringLiteral("Panel member whose answer wins a tied vote."));
    return {
        {QStringLiteral("fusion"), QStringLiteral("Panel + analyst + writer"),
         QStringLiteral("The panel answers, an analyst compares the answers as JSON, and the writer fuses them."),
         panel + QList<StrategySetting>{model(QStringLiteral("analyst"), QStringLiteral("Analyst"),
                                              QStringLiteral("Compares the answers; none lets the writer fuse raw answers.")),
                                        writer,
                                        StrategySetting{QStringLiteral("anonymize"), QStringLiteral("Anonymise"), Kind::Boolean,
                                                        QStringLiteral("false"), {}, 0, 0,
                                                        QStringLiteral("Show the analyst \"Model A\", \"Model B\", ... in a shuffled order.")}}},
        {QStringLiteral("moa"), QStringLiteral("Mixture of agents"),
         QStringLiteral("Layers of proposers each refine the previous layer's answers; the writer aggregates."),
         panel + QList<StrategySetting>{integer(QStringLiteral("layers"), QStringLiteral("Layers"), 2, 1, 4,
                                                QStringLiteral("Proposer layers, the first one included.")),
                                        writer}},
        {QStringLiteral("vote"), QStringLiteral("Vote"),
         QStringLiteral("Each answer is reduced to a final answer and the majority wins."),
         panel + QList<StrategySetting>{extractionSetting(), extractor, tieBreaker}},
        {QStringLiteral("best-of-n"), QStringLiteral("Best of N"),
         QStringLiteral("A judge ranks the answers and the best one is returned verbatim."),
         panel + QList<StrategySetting>{judge, choice(QStringLiteral("ranking"), QStringLiteral("Ranking"),
                                                      {QStringLiteral("auto"), QStringLiteral("listwise"), QStringLiteral("pairwise")},
                                                      QStringLiteral("Pairwise compares every pair; auto uses it up to 4 answers."))}},
        {QStringLiteral("debate"), QStringLiteral("Debate"),
         QStringLiteral("Members see each other's answers and revise them for some rounds; a writer or a vote closes."),
         panel + QList<StrategySetting>{integer(QStringLiteral("rounds"), QStringLiteral("Rounds"), 1, 1, 3,
                                                QStringLiteral("Revision rounds after the first answers.")),
                                        choice(QStringLiteral("closer"), QStringLiteral("Closed by"),
                                               {QStringLiteral("writer"), QStringLiteral("vote")},
                                               QStringLiteral("Who turns the last answers into the answer.")),
                                        writer, extractionSetting(), extractor, tieBreaker}},
        {QStringLiteral("cascade"), QStringLiteral("Cascade"),
         QStringLiteral("Cheap members first; more expensive ones only while fewer than k answers agree."),
         QList<StrategySetting>{panel[2], panel[4],
                                integer(QStringLiteral("agree"), QStringLiteral("Answers that must agree"), 0, 0, 16,
                                        QStringLiteral("0 means a majority of the panel.")),
                                choice(QStringLiteral("agreement"), QStringLiteral("Agreement by"),
                                       {QStringLiteral("extraction"), QStringLiteral("judge")},
                                       QStringLiteral("Compare extracted final answers, or ask the judge.")),
                                extractionSetting(), judge}},
        {QStringLiteral("openrouter-fusion"), QStringLiteral("OpenRouter Fusion (server)"),
         QStringLiteral("OpenRouter runs the panel and the judge itself, through openrouter/fusion."),
         QList<StrategySetting>{judge}},
    };
}

QStringList strategyNames()
{
    QStringList names;
    for (const StrategyInfo &info : availableStrategies())
        names.append(info.name);
    return names;
}

std::unique_ptr<FusionStrategy> makeStrategy(const QString &name, const FusionSettings &settings)
{
    if (name == u"fusion")
        return std::make_unique<PanelWriterStrategy>(settings);
    if (name == u"moa")
        return std::make_unique<MixtureOfAgentsStrategy>(settings);
    if (name == u"vote")
        return std::make_unique<VoteStrategy>(settings);
    if (name == u"best-of-n")
        return std::make_unique<BestOfNStrategy>(settings);
    if (name == u"debate")
        return std::make_unique<DebateStrategy>(settings);
    if (name == u"cascade")
        return std::make_unique<CascadeStrategy>(settings);
    if (name == u"openrouter-fusion")
        return std::make_unique<ServerFusionStrategy>(settings);
    return nullptr;
}

std::unique_ptr<FusionStrategy> makeStrategy(const FusionSettings &settings)
{
    return makeStrategy(settings.strategy, settings);
}

} // namespace Consilium
