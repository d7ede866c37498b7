#include "BestOfNStrategy.h"

#include "fusion/JsonExtraction.h"
#include "fusion/PromptTemplates.h"
#include "fusion/TurnRunner.h"
#include "fusion/WriterStage.h"

namespace Consilium {

BestOfNStrategy::BestOfNStrategy(FusionSettings settings)
    : m_settings(std::move(settings))
{
}

void BestOfNStrategy::begin(TurnRunner &runner)
{
    m_panel.start(runner, runner.ensemble().panel, Stage::Panel, 0, askPrompt(runner),
                  PanelStage::ruleFrom(m_settings), [this, &runner] { onPanelDone(runner); });
}

void BestOfNStrategy::onCallFinished(TurnRunner &runner, int callIndex)
{
    if (m_panel.handle(runner, callIndex))
        return;
    if (runner.isCancelled()) {
        runner.fail(TurnFailure::Cancelled, QStringLiteral("The turn was stopped while the judge was answering."));
        return;
    }
    if (callIndex == m_listCall)
        finishListwise(runner);
    else if (--m_pendingPairs == 0)
        finishPairwise(runner);
}

void BestOfNStrategy::onPanelDone(TurnRunner &runner)
{
    if (m_panel.failIfTooFew(runner, m_settings.minAnswers))
        return;
    m_degradedReasons.append(m_panel.degradedReason(runner.turn()));
    m_answers = AnswerSet::fromCalls(runner.turn(), m_panel.answered(runner.turn()), AnswerSet::Labels::Letters);
    if (m_answers.answers().size() == 1) {
        // One answer needs no judge; a failed panel is named by the panel's reason.
        completeWith(runner, {0}, {}, QString());
        return;
    }
    m_pairwise = m_settings.ranking == RankingMode::Pairwise
                 || (m_settings.ranking == RankingMode::Auto
                     && m_answers.answers().size() <= FusionSettings::kPairwiseMaxAnswers);
    if (m_pairwise)
        startPairwise(runner);
    else
        startListwise(runner);
}

int BestOfNStrategy::startJudge(TurnRunner &runner, const QString &templateName, const QString &answers)
{
    Member judge = m_settings.judge;
    if (!judge.temperature)
        judge.temperature = 0.0;
    const QString prompt = PromptTemplates::fill(m_settings.templateFor(templateName),
                                                 {{QStringLiteral("question"), runner.turn().prompt},
                                                  {QStringLiteral("labels"), m_answers.labels().join(QStringLiteral(", "))},
                                                  {QStringLiteral("answers"), answers}});
    return runner.startCall(judge, Stage::Judge, {ChatMessage{QStringLiteral("user"), prompt}});
}

void BestOfNStrategy::startListwise(TurnRunner &runner)
{
    m_listCall = startJudge(runner, QStringLiteral("judge"), m_answers.toPrompt(m_settings));
}

void BestOfNStrategy::startPairwise(TurnRunner &runner)
{
    const QString block = m_settings.templateFor(QStringLiteral("answer-block"));
    const int count = int(m_answers.answers().size());
    for (int first = 0; first < count; ++first) {
        for (int second = first + 1; second < count; ++second)
            m_pairs.append(Pair{first, second, -1});
    }
    m_pendingPairs = int(m_pairs.size());
    for (Pair &pair : m_pairs) {
        const QString answers
            = PromptTemplates::fill(block, {{QStringLiteral("label"), QStringLiteral("A")},
                                            {QStringLiteral("answer"), m_answers.answers()[pair.first].text}})
              + PromptTemplates::fill(block, {{QStringLiteral("label"), QStringLiteral("B")},
                                              {QStringLiteral("answer"), m_answers.answers()[pair.second].text}});
        pair.call = startJudge(runner, QStringLiteral("judge-pair"), answers.trimmed());
    }
}

void BestOfNStrategy::finishListwise(TurnRunner &runner)
{
    const CallRecord &call = runner.turn().calls[m_listCall];
    const Result<QJsonObject> parsed = call.outcome.status == CallStatus::Succeeded
                                           ? extractJsonObject(call.outcome.text)
                                           : Result<QJsonObject>::failure(call.outcome.error.message);
    QList<int> order;
    const QStringList labels = m_answers.labels();
    if (parsed) {
        for (const QJsonValue &label : parsed->value(QStringLiteral("ranking")).toArray()) {
            const int position = int(labels.indexOf(label.toString()));
            if (position >= 0 && !order.contains(position))
                order.append(position);
        }
    }
    if (order.isEmpty()) {
        const QString problem = parsed ? QStringLiteral("its ranking names none of %1").arg(labels.join(QStringLiteral(", ")))
                                       : parsed.error();
        completeWith(runner, {}, {}, QStringLiteral("The judge %1 gave no usable ranking (%2)").arg(call.model, problem));
        return;
    }
    QJsonArray reasons;
    for (const QJsonValue &entry : parsed->value(QStringLiteral("reasons")).toArray()) {
        const QJsonObject reason = entry.toObject();
        const QString model = m_answers.modelFor(reason.value(QStringLiteral("label")).toString());
        if (!model.isEmpty())
            reasons.append(QJsonObject{{QStringLiteral("model"), model},
                                       {QStringLiteral("reason"), reason.value(QStringLiteral("reason")).toString()}});
    }
    completeWith(runner, order, reasons, QString());
}

void BestOfNStrategy::finishPairwise(TurnRunner &runner)
{
    QList<int> wins(m_answers.answers().size(), 0);
    QJsonArray reasons;
    QStringList problems;
    for (const Pair &pair : std::as_const(m_pairs)) {
        const CallRecord &call = runner.turn().calls[pair.call];
        const Result<QJsonObject> parsed = call.outcome.status == CallStatus::Succeeded
                                               ? extractJsonObject(call.outcome.text)
                                               : Result<QJsonObject>::failure(call.outcome.error.message);
        const QString winner = parsed ? parsed->value(QStringLiteral("winner")).toString().trimmed().toUpper() : QString();
        if (winner != u"A" && winner != u"B") {
            problems.append(parsed ? QStringLiteral("no winner A or B") : parsed.error());
            continue;
        }
        const int position = winner == u"A" ? pair.first : pair.second;
        ++wins[position];
        reasons.append(QJsonObject{
            {QStringLiteral("model"), m_answers.answers()[position].model},
            {QStringLiteral("against"), m_answers.answers()[winner == u"A" ? pair.second : pair.first].model},
            {QStringLiteral("reason"), parsed->value(QStringLiteral("reason")).toString()}});
    }
    if (problems.size() == m_pairs.size()) {
        completeWith(runner, {}, {}, QStringLiteral("The judge %1 decided no pair (%2)")
                                         .arg(m_settings.judge.model, problems.join(QStringLiteral("; "))));
        return;
    }
    if (!problems.isEmpty())
        m_degradedReasons.append(QStringLiteral("%1 of %2 pairs were not decided").arg(problems.size()).arg(m_pairs.size()));
    QList<int> order;
    for (int i = 0; i < wins.size(); ++i)
        order.append(i);
    std::stable_sort(order.begin(), order.end(), [&wins](int a, int b) { return wins[a] > wins[b]; });
    completeWith(runner, order, reasons, QString());
}

void BestOfNStrategy::completeWith(TurnRunner &runner, const QList<int> &order, const QJsonArray &reasons,
                                   const QString &judgeProblem)
{
    QList<int> ranking = order;
    // A ranking that misses answers keeps them after the ranked ones, in panel order.
    for (int i = 0; i < m_answers.answers().size(); ++i) {
        if (!ranking.contains(i))
            ranking.append(i);
    }
    QJsonArray rankingJson;
    for (int position : std::as_const(ranking))
        rankingJson.append(m_answers.answers()[position].model);
    const LabelledAnswer &winner = m_answers.answers()[ranking.first()];
    runner.setAnalysis(QJsonObject{
        {QStringLiteral("method"), m_pairwise ? QStringLiteral("pairwise") : QStringLiteral("listwise")},
        {QStringLiteral("judge"), m_settings.judge.model},
        {QStringLiteral("winner"), winner.model},
        {QStringLiteral("ranking"), rankingJson},
        {QStringLiteral("reasons"), reasons},
    });
    if (!judgeProblem.isEmpty())
        m_degradedReasons.append(judgeProblem + QStringLiteral("; showing the first answer"));
    const QString reason = joinReasons(m_degradedReasons);
    runner.complete(winner.text, !reason.isEmpty(), reason);
}

} // namespace Consilium
