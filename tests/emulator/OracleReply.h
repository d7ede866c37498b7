#pragma once

#include "Scenario.h"

#include <QString>

#include <optional>

// The noisy-oracle reply form: known questions, answered correctly with a
// per-model probability. Each (seed, model, question) draws its own
// uniform number from a hash, so results repeat exactly between runs and
// are independent across models and questions.
namespace OracleReply {

// Returns the question number in "Question #<n>", or nothing.
std::optional<qint64> questionNumber(const QString &text);
// Returns the correct answer of question n.
QString correctAnswer(const OracleSpec &oracle, qint64 n);
// Returns the wrong answer a model gives to question n.
QString wrongAnswer(const OracleSpec &oracle, const QString &model, qint64 n);
// Returns whether `model` answers question n correctly.
bool answersCorrectly(const ReplySpec &reply, qint64 n);
// Returns the reply text for the last user message `question`.
QString answerFor(const ReplySpec &reply, const QString &question);

} // namespace OracleReply
