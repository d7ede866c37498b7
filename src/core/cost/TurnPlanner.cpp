#include "TurnPlanner.h"

#include "fusion/CallCost.h"

namespace Consilium {

namespace {

// Tokens the fusion prompt templates add around the answers they quote.
constexpr qint64 kTemplateTokens = 300;

struct Planner
{
    const Ensemble &ensemble;
    const CostEstimator &estimator;
    qint64 promptTokens;
    QList<PlannedCall> calls;

    PlannedCall callFor(const Member &member, qint64 inputTokens) const
    {
        return PlannedCall{member.model, member.provider, inputTokens,
                           estimator.typicalOutputTokens(member.model), qint64(ensemble.maxTokens)};
    }

    // Adds one round of every panel member and returns the output tokens
    // the round produces (typical lengths), for the stage that reads it.
    qint64 addPanelRound(qint64 inputTokens)
    {
        qint64 produced = 0;
        for (const Member &member : ensemble.panel) {
            calls.append(callFor(member, inputTokens));
            produced += estimator.typicalOutputTokens(member.model);
        }
        return produced;
    }

    void addReader(const Member &member, qint64 quotedTokens)
    {
        if (!member.model.isEmpty())
            calls.append(callFor(member, promptTokens + quotedTokens + kTemplateTokens));
    }
};

} // namespace

QList<PlannedCall> planTurn(const Ensemble &ensemble, const TurnShape &shape, qsizetype contextCharacters,
                            const CostEstimator &estimator)
{
    Planner planner{ensemble, estimator, estimateTokens(contextCharacters), {}};
    const QString &strategy = shape.strategy;

    if (strategy == u"openrouter-fusion") {
        planner.calls.append(planner.callFor(Member{QStringLiteral("openrouter/fusion"), {}, {}, {}},
                                             planner.promptTokens));
        return planner.calls;
    }
    if (strategy == u"cascade") {
        // Only the first tier is certain; the rest run when it disagrees.
        const qsizetype firstTier = std::min<qsizetype>(shape.cascadeFirstTier, ensemble.panel.size());
        for (qsizetype i = 0; i < ensemble.panel.size(); ++i) {
            PlannedCall call = planner.callFor(ensemble.panel[i], planner.promptTokens);
            if (i >= firstTier)
                call.outputTokensLow = 0;
            planner.calls.append(call);
        }
        return planner.calls;
    }

    // The first panel round reads the prompt; later rounds also read the
    // answers of the round before.
    qint64 produced = planner.addPanelRound(planner.promptTokens);
    if (strategy == u"moa") {
        for (int layer = 1; layer < shape.layers; ++layer)
            produced = planner.addPanelRound(planner.promptTokens + produced);
    } else if (strategy == u"debate") {
        for (int round = 0; round < shape.rounds; ++round)
            produced = planner.addPanelRound(planner.promptTokens + produced);
    }

    if (strategy == u"fusion") {
        planner.addReader(shape.analyst, produced);
        planner.addReader(ensemble.writer, produced + CostEstimator::kDefaultOutputTokens);
    } else if (strategy == u"best-of-n") {
        planner.addReader(shape.analyst, produced);
    } else if (strategy != u"vote") {
        planner.addReader(ensemble.writer, produced);
    }
    return planner.calls;
}

} // namespace Consilium
