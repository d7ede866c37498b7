#include "StrategyOptions.h"

#include "fusion/StrategyRegistry.h"

#include <QCommandLineParser>

namespace Consilium::Cli {

namespace {

// Reads a whole number in [minimum, maximum] when the option is set.
bool readNumber(const QCommandLineParser &parser, const QString &name, int minimum, int maximum, int &target,
                QString &error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < minimum || value > maximum) {
        error = QStringLiteral("--%1 must be a whole number from %2 to %3, not \"%4\"")
                    .arg(name)
                    .arg(minimum)
                    .arg(maximum)
                    .arg(parser.value(name));
        return false;
    }
    target = value;
    return true;
}

// Reads one of `choices` when the option is set; returns its position.
bool readChoice(const QCommandLineParser &parser, const QString &name, const QStringList &choices, int &target,
                QString &error)
{
    if (!parser.isSet(name))
        return true;
    const int position = int(choices.indexOf(parser.value(name)));
    if (position < 0) {
        error = QStringLiteral("--%1 must be one of %2, not \"%3\"")
                    .arg(name, choices.join(QStringLiteral(", ")), parser.value(name));
        return false;
    }
    target = position;
    return true;
}

Member memberFor(const QCommandLineParser &parser, const QString &name)
{
    Member member;
    member.model = parser.value(name).trimmed();
    return member;
}

} // namespace

void addStrategyOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("strategy"),
         QStringLiteral("How answers are fused: %1 (default: fusion).").arg(strategyNames().join(QStringLiteral(", "))),
         QStringLiteral("NAME")},
        {QStringLiteral("analyst"), QStringLiteral("fusion: model that compares the answers as JSON (default: none)."),
         QStringLiteral("MODEL")},
        {QStringLiteral("judge"), QStringLiteral("best-of-n, cascade, openrouter-fusion: the judge model."),
         QStringLiteral("MODEL")},
        {QStringLiteral("extractor"), QStringLiteral("vote, debate: model that reduces answers with --extraction model."),
         QStringLiteral("MODEL")},
        {QStringLiteral("tie-breaker"), QStringLiteral("vote: panel member whose answer wins a tie."), QStringLiteral("MODEL")},
        {QStringLiteral("anonymize"), QStringLiteral("fusion: show the analyst Model A, B, ... in a shuffled order.")},
        {QStringLiteral("seed"), QStringLiteral("fusion: seed of the anonymised order (default: random)."), QStringLiteral("N")},
        {QStringLiteral("layers"), QStringLiteral("moa: proposer layers, 1 to 4 (default: 2)."), QStringLiteral("N")},
        {QStringLiteral("rounds"), QStringLiteral("debate: revision rounds, 1 to 3 (default: 1)."), QStringLiteral("N")},
        {QStringLiteral("closer"), QStringLiteral("debate: writer or vote (default: writer)."), QStringLiteral("NAME")},
        {QStringLiteral("extraction"), QStringLiteral("vote, debate, cascade: auto, number, choice, phrase or model."),
         QStringLiteral("MODE")},
        {QStringLiteral("ranking"), QStringLiteral("best-of-n: auto, listwise or pairwise."), QStringLiteral("MODE")},
        {QStringLiteral("agree"), QStringLiteral("cascade: answers that must agree (default: a majority of the panel)."),
         QStringLiteral("K")},
        {QStringLiteral("agreement"), QStringLiteral("cascade: extraction or judge (default: extraction)."),
         QStringLiteral("MODE")},
        {QStringLiteral("quorum"), QStringLiteral("Go on once K members answered (default: all)."), QStringLiteral("K")},
        {QStringLiteral("deadline-ms"), QStringLiteral("Go on with the answers in after this many milliseconds."),
         QStringLiteral("MS")},
        {QStringLiteral("min-answers"), QStringLiteral("Fail with below_quorum when fewer members answer (default: 1)."),
         QStringLiteral("N")},
        {QStringLiteral("keep-stragglers"), QStringLiteral("Let members still answering at the quorum or deadline finish.")},
    });
}

Result<FusionSettings> readStrategyOptions(const QCommandLineParser &parser, const QStringList &panel)
{
    FusionSettings settings;
    if (parser.isSet(QStringLiteral("strategy")))
        settings.strategy = parser.value(QStringLiteral("strategy"));
    if (!strategyNames().contains(settings.strategy)) {
        return Result<FusionSettings>::failure(QStringLiteral("--strategy must be one of %1, not \"%2\"")
                                                   .arg(strategyNames().join(QStringLiteral(", ")), settings.strategy));
    }
    settings.analyst = memberFor(parser, QStringLiteral("analyst"));
    settings.judge = memberFor(parser, QStringLiteral("judge"));
    settings.extractor = memberFor(parser, QStringLiteral("extractor"));
    settings.tieBreaker = parser.value(QStringLiteral("tie-breaker")).trimmed();
    settings.anonymize = parser.isSet(QStringLiteral("anonymize"));
    settings.stragglers = parser.isSet(QStringLiteral("keep-stragglers")) ? StragglerPolicy::Keep : StragglerPolicy::Cancel;

    QString error;
    int seed = -1;
    int closer = 0;
    int extraction = 0;
    int ranking = 0;
    int agreement = 0;
    const int panelSize = int(panel.size());
    const bool ok = readNumber(parser, QStringLiteral("seed"), 0, 2'147'483'647, seed, error)
                    && readNumber(parser, QStringLiteral("layers"), 1, 4, settings.layers, error)
                    && readNumber(parser, QStringLiteral("rounds"), 1, 3, settings.rounds, error)
                    && readNumber(parser, QStringLiteral("agree"), 1, panelSize, settings.agreeCount, error)
                    && readNumber(parser, QStringLiteral("quorum"), 1, panelSize, settings.quorum, error)
                    && readNumber(parser, QStringLiteral("deadline-ms"), 1, 3'600'000, settings.deadlineMs, error)
                    && readNumber(parser, QStringLiteral("min-answers"), 1, panelSize, settings.minAnswers, error)
                    && readChoice(parser, QStringLiteral("closer"), {QStringLiteral("writer"), QStringLiteral("vote")}, closer, error)
                    && readChoice(parser, QStringLiteral("extraction"),
                                  {QStringLiteral("auto"), QStringLiteral("number"), QStringLiteral("choice"),
                                   QStringLiteral("phrase"), QStringLiteral("model")},
                                  extraction, error)
                    && readChoice(parser, QStringLiteral("ranking"),
                                  {QStringLiteral("auto"), QStringLiteral("listwise"), QStringLiteral("pairwise")}, ranking, error)
                    && readChoice(parser, QStringLiteral("agreement"), {QStringLiteral("extraction"), QStringLiteral("judge")},
                                  agreement, error);
    if (!ok)
        return Result<FusionSettings>::failure(error);
    if (seed >= 0)
        settings.shuffleSeed = quint32(seed);
    settings.debateCloser = DebateCloser(closer);
    settings.extraction = ExtractionMode(extraction);
    settings.ranking = RankingMode(ranking);
    settings.agreement = AgreementMode(agreement);
    return settings;
}

bool needsWriter(const FusionSettings &settings)
{
    const QString &name = settings.strategy;
    return name == u"fusion" || name == u"moa" || (name == u"debate" && settings.debateCloser == DebateCloser::Writer);
}

} // namespace Consilium::Cli
