#include "BudgetConfirmation.h"

#include <QMessageBox>

namespace Consilium::App::BudgetConfirmation {

namespace {

QList<bool> &queuedAnswers()
{
    static QList<bool> answers;
    return answers;
}

} // namespace

bool askToSend(QWidget *parent, const BudgetDecision &decision)
{
    if (!queuedAnswers().isEmpty())
        return queuedAnswers().takeFirst();
    const QMessageBox::StandardButton answer = QMessageBox::question(
        parent, QObject::tr("Over budget"),
        decision.message + u'\n' + QObject::tr("Send the turn anyway?"),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    return answer == QMessageBox::Yes;
}

void queueAnswers(const QList<bool> &answers)
{
    queuedAnswers().append(answers);
}

int queuedAnswerCount()
{
    return int(queuedAnswers().size());
}

} // namespace Consilium::App::BudgetConfirmation
