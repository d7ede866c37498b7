#pragma once

#include "cost/Budget.h"

#include <QList>

class QWidget;

namespace Consilium::App::BudgetConfirmation {

// Shows the decision's message and asks whether to send the turn anyway.
// Returns true to send.
bool askToSend(QWidget *parent, const BudgetDecision &decision);

// Makes the next askToSend() calls return these answers, one each,
// without showing a dialog (for tests).
void queueAnswers(const QList<bool> &answers);
int queuedAnswerCount();

} // namespace Consilium::App::BudgetConfirmation
