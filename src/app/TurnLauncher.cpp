#include "TurnLauncher.h"

#include "AppLogging.h"
#include "ChatView.h"
#include "TurnView.h"

#include "fusion/PromptTemplates.h"
#include "fusion/StrategyRegistry.h"
#include "fusion/TurnRunner.h"
#include "store/TurnRecorder.h"

#include <QJsonDocument>

namespace Consilium::App {

TurnLauncher::TurnLauncher(CallRouter *router, ChatView *chat, QObject *parent)
    : QObject(parent)
    , m_router(router)
    , m_chat(chat)
{
}

bool TurnLauncher::isRunning() const
{
    return m_runner && m_runner->isRunning();
}

void TurnLauncher::stop()
{
    if (isRunning())
        m_runner->cancel();
}

QString TurnLauncher::start(const QString &prompt, const Ensemble &ensemble, const FusionSettings &settings,
                            qint64 conversationId, const QJsonObject &presetSnapshot)
{
    QStringList problems = ensemble.validate();
    problems += settings.validate(ensemble);
    if (!problems.isEmpty())
        return problems.join(u' ');
    const QList<Turn> earlier = earlierTurns(nullptr);
    TurnRunner *runner = prepare(Launch{ensemble, settings, conversationId, presetSnapshot}, prompt);
    if (!runner)
        return tr("The strategy \"%1\" is unknown.").arg(settings.strategy);
    runner->setEarlierTurns(earlier, settings.history);
    qCInfo(lcApp) << "sending to" << ensemble.panel.size() << "panel models with strategy" << settings.strategy;
    runner->start(prompt);
    return QString();
}

QString TurnLauncher::retryMember(TurnView *source, int callIndex)
{
    if (isRunning())
        return tr("A turn is running; stop it before retrying a member.");
    const auto found = m_launches.constFind(source);
    if (found == m_launches.cend())
        return tr("This turn's ensemble is unknown, so its member cannot be asked again.");
    const Turn finished = source->turn();
    const QString model = finished.calls.value(callIndex).model;
    TurnRunner *runner = prepare(*found, tr("Retry of %1: %2").arg(model, finished.prompt));
    if (!runner)
        return tr("The strategy \"%1\" is unknown.").arg(found->settings.strategy);
    runner->setEarlierTurns(earlierTurns(source), found->settings.history);
    qCInfo(lcApp) << "retrying member" << model << "of a finished turn";
    runner->retryMember(finished, callIndex);
    return QString();
}

QString TurnLauncher::rewrite(TurnView *source, const QJsonObject &selectedAnalysis)
{
    if (isRunning())
        return tr("A turn is running; stop it before rewriting an answer.");
    const auto found = m_launches.constFind(source);
    if (found == m_launches.cend())
        return tr("This turn's ensemble is unknown, so its answer cannot be rewritten.");
    // The analysis is given, so no analyst runs: the writer gets the ticked
    // points in the place of the analyst's output.
    Launch launch = *found;
    launch.settings.strategy = QStringLiteral("fusion");
    launch.settings.analyst = Member();
    launch.settings.templates.insert(QStringLiteral("writer"), writerTemplateWith(found->settings, selectedAnalysis));
    const Turn finished = source->turn();
    TurnRunner *runner = prepare(launch, tr("Rewrite from ticked points: %1").arg(finished.prompt));
    runner->setEarlierTurns(earlierTurns(source), launch.settings.history);
    runner->fuseAgain(finished);
    return QString();
}

QString TurnLauncher::writerTemplateWith(const FusionSettings &settings, const QJsonObject &selectedAnalysis)
{
    const QString json = QString::fromUtf8(QJsonDocument(selectedAnalysis).toJson(QJsonDocument::Indented));
    const QString section = PromptTemplates::fill(settings.templateFor(QStringLiteral("analysis-section")),
                                                  {{QStringLiteral("analysis"), json.trimmed()}});
    QString writer = settings.templateFor(QStringLiteral("writer"));
    writer.replace(QStringLiteral("{{analysis_section}}"), section);
    return writer;
}

void TurnLauncher::adopt(TurnView *view, const Ensemble &ensemble, const FusionSettings &settings,
                         qint64 conversationId)
{
    m_launches.insert(view, Launch{ensemble, settings, conversationId, QJsonObject()});
    connect(view, &QObject::destroyed, this, [this, view] { m_launches.remove(view); });
}

TurnRunner *TurnLauncher::prepare(const Launch &launch, const QString &heading)
{
    std::unique_ptr<FusionStrategy> strategy = makeStrategy(launch.settings);
    if (!strategy)
        return nullptr;
    if (m_runner && !m_runner->isRunning())
        m_runner->deleteLater();

    TurnView *view = m_chat->addTurn();
    view->setHeading(heading);
    adopt(view, launch.ensemble, launch.settings, launch.conversationId);
    m_launches[view].presetSnapshot = launch.presetSnapshot;

    auto *runner = new TurnRunner(m_router, launch.ensemble, std::move(strategy), this);
    m_runner = runner;
    m_view = view;
    view->watch(runner);
    if (m_recorder && launch.conversationId > 0)
        m_recorder->record(runner, launch.conversationId, launch.presetSnapshot);
    connect(runner, &TurnRunner::callFinished, this, &TurnLauncher::callFinished);
    connect(runner, &TurnRunner::finished, this, [this, runner, view] { Q_EMIT finished(runner, view); });
    Q_EMIT started(runner, view);
    return runner;
}

QList<Turn> TurnLauncher::earlierTurns(const TurnView *before) const
{
    QList<Turn> turns;
    for (const TurnView *view : m_chat->turns()) {
        if (view == before)
            break;
        if (!view->isRunning() && view->turn().isComplete() && !view->turn().answer.isEmpty())
            turns.append(view->turn());
    }
    return turns;
}

} // namespace Consilium::App
