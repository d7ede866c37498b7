#include "DebateStrategy.h"

#include "fusion/AnswerExtractor.h"
#include "fusion/AnswerSet.h"
#include "fusion/PromptTemplates.h"
#include "fusion/TurnRunner.h"

#include <QRegularExpression>
#include <QSet>

namespace Consilium {

namespace {

// Jaccard similarity of the lower-case word sets; 1 for two empty texts.
double wordSimilarity(const QString &a, const QString &b)
{
    static const QRegularExpression nonWord(QStringLiteral("\\W+"));
    const QStringList wordsA = a.toLower().split(nonWord, Qt::SkipEmptyParts);
    const QStringList wordsB = b.toLower().split(nonWord, Qt::SkipEmptyParts);
    const QSet<QString> setA(wordsA.cbegin(), wordsA.cend());
    const QSet<QString> setB(wordsB.cbegin(), wordsB.cend());
    const qsizetype unionSize = QSet<QString>(setA).unite(setB).size();
    if (unionSize == 0)
        return 1.0;
    return double(QSet<QString>(setA).intersect(setB).size()) / double(unionSize);
}

QJsonObject changeOf(const QString &model, const QString &before, const QString &after, ExtractionMode mode)
{
    const ExtractionMode deterministic = mode == ExtractionMode::Model ? ExtractionMode::Auto : mode;
    const auto oldAnswer = AnswerExtractor::extract(before, deterministic);
    const auto newAnswer = AnswerExtractor::extract(after, deterministic);
    QJsonObject change{{QStringLiteral("model"), model},
                       {QStringLiteral("answer"), newAnswer ? QJsonValue(*newAnswer) : QJsonValue()}};
    if (oldAnswer && newAnswer) {
        change.insert(QStringLiteral("changed"), *oldAnswer != *newAnswer);
        change.insert(QStringLiteral("compared_by"), QStringLiteral("final answer"));
        return change;
    }
    const double similarity = wordSimilarity(before, after);
    change.insert(QStringLiteral("changed"), similarity < DebateStrategy::kChangedBelow);
    change.insert(QStringLiteral("compared_by"), QStringLiteral("similarity"));
    change.insert(QStringLiteral("similarity"), similarity);
    return change;
}

} // namespace

DebateStrategy::DebateStrategy(FusionSettings settings)
    : m_settings(std::move(settings))
{
}

void DebateStrategy::begin(TurnRunner &runner)
{
    m_stages.push_back(std::make_unique<PanelStage>());
    m_stages.back()->start(runner, runner.ensemble().panel, Stage::Panel, 0, askPrompt(runner),
                           PanelStage::ruleFrom(m_settings), [this, &runner] { onPanelDone(runner); });
}

void DebateStrategy::onCallFinished(TurnRunner &runner, int callIndex)
{
    for (const auto &stage : m_stages) {
        if (stage->handle(runner, callIndex))
            return;
    }
    if (m_vote.handle(runner, callIndex))
        return;
    const int fallback = latestAnswers().value(0);
    m_writer.handle(runner, callIndex,
                    {runner.turn().calls[fallback].outcome.text, runner.turn().calls[fallback].model},
                    joinReasons(m_degradedReasons));
}

void DebateStrategy::onPanelDone(TurnRunner &runner)
{
    const PanelStage &panel = *m_stages.front();
    if (panel.failIfTooFew(runner, m_settings.minAnswers))
        return;
    m_degradedReasons.append(panel.degradedReason(runner.turn()));
    const QList<Member> &members = runner.ensemble().panel;
    for (int index : panel.answered(runner.turn())) {
        const int position = int(panel.calls().indexOf(index));
        Q_ASSERT(position >= 0 && position < members.size());
        m_active.append(position);
        m_latest.insert(position, index);
    }
    startRound(runner);
}

void DebateStrategy::startRound(TurnRunner &runner)
{
    const int round = int(m_stages.size());
    QList<Member> members;
    for (int position : std::as_const(m_active))
        members.append(runner.ensemble().panel[position]);

    auto messagesFor = [this, &runner](const Member &member, int activePosition) {
        const int own = m_latest.value(m_active[activePosition]);
        QList<int> others;
        for (int position : std::as_const(m_active)) {
            if (position != m_active[activePosition])
                others.append(m_latest.value(position));
        }
        const Turn &turn = runner.turn();
        const QString prompt = PromptTemplates::fill(
            m_settings.templateFor(QStringLiteral("debate")),
            {{QStringLiteral("question"), turn.prompt},
             {QStringLiteral("own_answer"), turn.calls[own].outcome.text},
             {QStringLiteral("answers"),
              AnswerSet::fromCalls(turn, others, AnswerSet::Labels::Letters).toPrompt(m_settings)}});
        QList<ChatMessage> messages = runner.historyFor(member);
        messages.append(ChatMessage{QStringLiteral("user"), prompt});
        return messages;
    };
    m_stages.push_back(std::make_unique<PanelStage>());
    m_stages.back()->start(runner, members, Stage::Round, round, messagesFor, PanelStage::Rule{},
                           [this, &runner] { onRoundDone(runner); });
}

void DebateStrategy::onRoundDone(TurnRunner &runner)
{
    if (runner.isCancelled()) {
        runner.fail(TurnFailure::Cancelled, QStringLiteral("The turn was stopped."));
        return;
    }
    const PanelStage &stage = *m_stages.back();
    const Turn &turn = runner.turn();
    const int round = int(m_stages.size()) - 1;
    QJsonArray changes;
    for (int i = 0; i < m_active.size(); ++i) {
        const int call = stage.calls()[i];
        const int previous = m_latest.value(m_active[i]);
        if (turn.calls[call].outcome.status != CallStatus::Succeeded) {
            changes.append(QJsonObject{{QStringLiteral("model"), turn.calls[call].model},
                                       {QStringLiteral("changed"), false},
                                       {QStringLiteral("failed"), true}});
            continue;
        }
        changes.append(changeOf(turn.calls[call].model, turn.calls[previous].outcome.text,
                                turn.calls[call].outcome.text, m_settings.extraction));
        m_latest.insert(m_active[i], call);
    }
    m_rounds.append(QJsonObject{{QStringLiteral("round"), round}, {QStringLiteral("members"), changes}});
    m_degradedReasons.append(stage.degradedReason(turn));
    if (round < m_settings.rounds && m_active.size() > 1)
        startRound(runner);
    else
        close(runner);
}

QList<int> DebateStrategy::latestAnswers() const
{
    QList<int> calls;
    for (int position : m_active)
        calls.append(m_latest.value(position));
    return calls;
}

void DebateStrategy::close(TurnRunner &runner)
{
    const QJsonObject debate{{QStringLiteral("rounds"), m_rounds},
                             {QStringLiteral("closed_by"), m_settings.debateCloser == DebateCloser::Vote
                                                               ? QStringLiteral("vote")
                                                               : QStringLiteral("writer")}};
    if (m_settings.debateCloser == DebateCloser::Vote) {
        m_vote.start(runner, latestAnswers(), m_settings,
                     [this, &runner, debate] { m_vote.completeTurn(runner, m_degradedReasons, debate); });
        return;
    }
    runner.setAnalysis(debate);
    const AnswerSet latest = AnswerSet::fromCalls(runner.turn(), latestAnswers(), AnswerSet::Labels::Letters);
    const QString prompt = PromptTemplates::fill(m_settings.templateFor(QStringLiteral("writer")),
                                                 {{QStringLiteral("question"), runner.turn().prompt},
                                                  {QStringLiteral("answers"), latest.toPrompt(m_settings)},
                                                  {QStringLiteral("analysis_section"), QString()}});
    m_writer.start(runner, runner.ensemble().writer, Stage::Writer, prompt);
}

} // namespace Consilium
