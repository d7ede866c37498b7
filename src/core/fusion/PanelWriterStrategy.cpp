#include "PanelWriterStrategy.h"

#include "common/Logging.h"
#include "fusion/AnalysisSchema.h"
#include "fusion/JsonExtraction.h"
#include "fusion/PromptTemplates.h"
#include "fusion/TurnRunner.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace Consilium {

PanelWriterStrategy::PanelWriterStrategy(FusionSettings settings)
    : m_settings(std::move(settings))
{
}

void PanelWriterStrategy::begin(TurnRunner &runner)
{
    m_panel.start(runner, runner.ensemble().panel, Stage::Panel, 0, askPrompt(runner),
                  PanelStage::ruleFrom(m_settings), [this, &runner] { onPanelDone(runner); });
}

void PanelWriterStrategy::onCallFinished(TurnRunner &runner, int callIndex)
{
    if (m_panel.handle(runner, callIndex))
        return;
    if (callIndex == m_analystCall) {
        onAnalystDone(runner);
        return;
    }
    const LabelledAnswer first = m_answers.answers().value(0);
    m_writer.handle(runner, callIndex, {first.text, first.model}, joinReasons(m_degradedReasons));
}

void PanelWriterStrategy::onPanelDone(TurnRunner &runner)
{
    if (m_panel.failIfTooFew(runner, m_settings.minAnswers))
        return;
    m_degradedReasons.append(m_panel.degradedReason(runner.turn()));
    const QList<int> answered = m_panel.answered(runner.turn());
    if (m_settings.analyst.model.isEmpty()) {
        m_answers = AnswerSet::fromCalls(runner.turn(), answered, AnswerSet::Labels::Letters);
        startWriter(runner, QString());
        return;
    }
    const quint32 seed = m_settings.shuffleSeed.value_or(QRandomGenerator::global()->generate());
    m_answers = AnswerSet::fromCalls(runner.turn(), answered,
                                     m_settings.anonymize ? AnswerSet::Labels::Anonymous : AnswerSet::Labels::ModelIds,
                                     seed);
    startAnalyst(runner);
}

void PanelWriterStrategy::startAnalyst(TurnRunner &runner)
{
    Member analyst = m_settings.analyst;
    // The analysis should be a faithful comparison, not a creative one.
    if (!analyst.temperature)
        analyst.temperature = 0.0;
    const QString prompt = PromptTemplates::fill(
        m_settings.templateFor(QStringLiteral("analyst")),
        {{QStringLiteral("question"), runner.turn().prompt},
         {QStringLiteral("models"), m_answers.labels().join(QStringLiteral(", "))},
         {QStringLiteral("answers"), m_answers.toPrompt(m_settings)}});
    QList<ChatMessage> messages = runner.historyFor(analyst);
    messages.append(ChatMessage{QStringLiteral("user"), prompt});
    m_analystCall = runner.startCall(analyst, Stage::Analyst, messages);
}

void PanelWriterStrategy::onAnalystDone(TurnRunner &runner)
{
    const CallRecord &call = runner.turn().calls[m_analystCall];
    if (runner.isCancelled()) {
        runner.fail(TurnFailure::Cancelled, QStringLiteral("The turn was stopped while the analyst was answering."));
        return;
    }
    QString problem;
    QJsonObject analysis;
    if (call.outcome.status != CallStatus::Succeeded) {
        problem = QStringLiteral("failed (%1)").arg(call.outcome.error.message);
    } else {
        const Result<QJsonObject> parsed = extractJsonObject(call.outcome.text);
        if (!parsed) {
            problem = QStringLiteral("returned no usable JSON (%1)").arg(parsed.error());
        } else {
            const QStringList problems = AnalysisSchema::validate(*parsed, m_answers.labels());
            if (problems.isEmpty())
                analysis = *parsed;
            else
                problem = QStringLiteral("returned JSON that does not match the schema (%1)")
                              .arg(problems.join(QStringLiteral("; ")));
        }
    }
    if (!problem.isEmpty()) {
        qCWarning(lcFusion) << "analyst" << call.model << problem;
        m_degradedReasons.append(QStringLiteral("The analyst %1 %2; the writer fused the raw answers")
                                     .arg(call.model, problem));
        startWriter(runner, QString());
        return;
    }
    const bool anonymous = m_settings.anonymize;
    runner.setAnalysis(AnalysisSchema::relabel(analysis, m_answers.labelToModel()),
                       anonymous ? m_answers.labelToModel() : QMap<QString, QString>());
    // The writer sees the labels the analyst used, so the analysis and the
    // answers refer to each other.
    startWriter(runner, QString::fromUtf8(QJsonDocument(analysis).toJson(QJsonDocument::Indented)));
}

void PanelWriterStrategy::startWriter(TurnRunner &runner, const QString &analysisText)
{
    QString analysisSection;
    if (!analysisText.isEmpty()) {
        analysisSection = PromptTemplates::fill(m_settings.templateFor(QStringLiteral("analysis-section")),
                                                {{QStringLiteral("analysis"), analysisText.trimmed()}});
    }
    const QString prompt = PromptTemplates::fill(m_settings.templateFor(QStringLiteral("writer")),
                                                 {{QStringLiteral("question"), runner.turn().prompt},
                                                  {QStringLiteral("answers"), m_answers.toPrompt(m_settings)},
                                                  {QStringLiteral("analysis_section"), analysisSection}});
    m_writer.start(runner, runner.ensemble().writer, Stage::Writer, prompt);
}

} // namespace Consilium
