#pragma once

#include "fusion/Ensemble.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Consilium {

// The content of earlier turns that goes into a member's messages.
enum class HistoryMode {
    FusedAnswer, // every member sees the fused answers of earlier turns
    OwnAnswers,  // each member sees its own earlier answers
};

// What happens to members still answering once a quorum or the deadline
// lets the strategy go on without them.
enum class StragglerPolicy { Cancel, Keep };

// How a free-text answer is reduced to a comparable final answer.
enum class ExtractionMode {
    Auto,   // "answer: X" patterns, then a choice letter, then the last number
    Number, // the last number in the text
    Choice, // a choice letter A to J
    Phrase, // the text after "answer:", or the last line
    Model,  // an extractor model normalises each answer
};

// The judge's method of comparing answers for best-of-n.
enum class RankingMode {
    Auto,     // pairwise for up to kPairwiseMaxAnswers answers, else listwise
    Listwise, // one call ranks every answer
    Pairwise, // one call per pair; the ranking counts wins
};

// The step that closes a debate once its rounds are over.
enum class DebateCloser { Writer, Vote };

// How a cascade decides that answers agree.
enum class AgreementMode { Extraction, Judge };

// The per-turn settings of every strategy. Each strategy reads the fields it
// needs and ignores the rest, so one struct serves the CLI, presets and the
// GUI. Members with an empty model are "not set".
// NOTE: presets persist this; keep new fields optional with defaults.
struct FusionSettings
{
    static constexpr int kPairwiseMaxAnswers = 4;

    QString strategy = QStringLiteral("fusion");

    // Roles besides the panel and the writer (Ensemble::writer).
    Member analyst;   // fusion; no analyst means the writer fuses raw answers
    Member judge;     // best-of-n, and cascade with AgreementMode::Judge
    Member extractor; // vote and debate with ExtractionMode::Model
    QString tieBreaker; // model id whose answer wins a tied vote

    // fusion: the analyst sees "Model A", "Model B", ... in a shuffled order.
    bool anonymize = false;
    std::optional<quint32> shuffleSeed; // unset: a random order each turn

    int layers = 2;        // moa, 1 to 4
    int rounds = 1;        // debate, 1 to 3
    DebateCloser debateCloser = DebateCloser::Writer;
    ExtractionMode extraction = ExtractionMode::Auto;
    RankingMode ranking = RankingMode::Auto;
    AgreementMode agreement = AgreementMode::Extraction;
    int agreeCount = 0; // cascade: answers that must agree; 0 means a majority of the panel

    // The first stage (the panel, or the first layer) may go on once
    // `quorum` members answered (0: all) or once `deadlineMs` passed (0: no
    // deadline). Fewer than `minAnswers` successful members fail the turn
    // with below_quorum.
    int quorum = 0;
    int deadlineMs = 0;
    int minAnswers = 1;
    StragglerPolicy stragglers = StragglerPolicy::Cancel;

    HistoryMode history = HistoryMode::FusedAnswer;

    // openrouter-fusion: the server's model alias.
    QString serverModel = QStringLiteral("openrouter/fusion");

    // Template text per role ("analyst", "writer", "aggregator", "judge",
    // "extractor", ...) that replaces the bundled :/prompts/<role>.md.
    QMap<QString, QString> templates;

    // Returns the override for `role`, else the bundled template.
    QString templateFor(const QString &role) const;

    // Returns the problems that stop a turn with these settings from
    // starting on `ensemble`, empty when none.
    QStringList validate(const Ensemble &ensemble) const;
};

QString historyModeName(HistoryMode mode);
QString extractionModeName(ExtractionMode mode);
std::optional<ExtractionMode> extractionModeFromName(const QString &name);
std::optional<RankingMode> rankingModeFromName(const QString &name);

} // namespace Consilium
